"""The bad-input corpus (tests/bad_input_corpus.py), case by case: the command line answers
each with exit 2 and one line naming the value, the HTTP API with a 4xx and a one-line
reason, and neither leaves a file made or changed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bad_input_corpus import CLI_CASES, HTTP_CASES, prepare, run_cli, run_http

pytestmark = pytest.mark.slow  # end to end: the corpus through the command line and a real server


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-inputs")
    return folder, prepare(folder)


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.name)
def test_the_cli_refuses_in_one_line_and_changes_nothing(workdir, case):
    folder, film = workdir
    outcome = run_cli(case, folder, film)
    assert outcome.code == case.exit, outcome.message
    assert not outcome.traceback, outcome.message
    assert outcome.changed == [], outcome.changed
    assert outcome.clean(case.exit, case.says), outcome.message


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    from browser_support import serve_in_thread, stop_serving
    from test_server_hostile import FAST, SMALL, call, wait_done
    from videoagent.server import api

    root = tmp_path_factory.mktemp("bad-http") / "root"
    instance, thread, base = serve_in_thread(api.create_app(root, settings=FAST))
    status, created, _ = call(base, "POST", "/api/projects", {"request": "a dog", **SMALL})
    assert status == 202 and wait_done(base, created["project"])["state"] == "done"
    yield base, root, created["project"]
    stop_serving(instance, thread)


@pytest.mark.parametrize("case", HTTP_CASES, ids=lambda c: c.name)
def test_the_api_refuses_with_a_4xx_and_a_reason_and_changes_nothing(served, case):
    base, root, project = served
    outcome = run_http(case, base, root, project)
    assert outcome.code == case.status, outcome.message
    assert outcome.changed == [], outcome.changed
    assert outcome.clean(case.status, case.says), outcome.message


def test_a_request_repeating_one_beat_nine_times_is_made(tmp_path):
    from bad_input_corpus import REPEATED
    from videoagent import Agent, AgentSettings, Request

    settings = AgentSettings(backend="procedural", music=False, ambience=False, shared_cache=None)
    request = Request.build(REPEATED, duration=9, size="160x90")
    result = Agent(settings).make(request, tmp_path / "film")
    assert result.verified and len(result.manifest["shots"]) >= 1


def test_history_prints_terminal_escapes_in_a_request_as_text(tmp_path):
    from videoagent import Agent, AgentSettings, Request

    settings = AgentSettings(backend="procedural", music=False, ambience=False, shared_cache=None)
    hostile = "a dog \x1b[2J\x1b]0;owned\x07 walking \u202eevil"
    Agent(settings).make(Request.build(hostile, duration=2, size="160x90"), tmp_path / "film")
    shown = subprocess.run(
        [sys.executable, "-m", "videoagent", "history", str(tmp_path / "film")],
        capture_output=True,
        timeout=120,
    )
    assert shown.returncode == 0
    assert b"\x1b" not in shown.stdout and b"\x07" not in shown.stdout
    assert "\u202e".encode() not in shown.stdout
    assert b"\\x1b[2J" in shown.stdout and b"\\x202e" in shown.stdout  # written out as text


def test_a_provider_quoting_the_key_back_never_shows_it(tmp_path):
    from fake_providers import FAKES
    from videoagent.generators import capabilities

    setup = capabilities("xai").setup
    fake = FAKES["xai"](tmp_path, price=0.07)
    try:
        env = {**os.environ, setup["key_env"]: "wrong-key-98765", setup["url_env"]: fake.url}
        done = subprocess.run(
            [sys.executable, "-m", "videoagent", "make", "a dog walking", "--duration", "2"]
            + ["--backend", "xai", "--out", str(tmp_path / "film")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        fake.close()
    assert done.returncode != 0 and "401" in done.stderr
    assert "wrong-key-98765" not in done.stdout + done.stderr
    assert "[redacted]" in done.stderr
