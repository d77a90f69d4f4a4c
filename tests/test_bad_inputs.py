"""The bad-input corpus (tests/bad_input_corpus.py), case by case: the command line answers
each with exit 2 and one line naming the value, the HTTP API with a 4xx and a one-line
reason, and neither leaves a file made or changed."""

from __future__ import annotations

import pytest

from bad_input_corpus import CLI_CASES, HTTP_CASES, prepare, run_cli, run_http


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
