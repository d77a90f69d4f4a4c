"""Money under faults: full `make`/`resume` runs against every fake provider behind a fault
proxy (tests/fault_proxy.py). However the connection fails, no take is submitted twice
without the user's word, and the manifest's cost is what the provider billed, to the cent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fake_providers import FAKES, KEY, Scenario
from fault_proxy import Fault, FaultProxy
from videoagent import Agent, AgentSettings, Request
from videoagent.errors import JobInDoubt
from videoagent.generators import capabilities
from videoagent.store.ledger import Ledger

pytestmark = pytest.mark.slow  # end to end: make/resume against fake providers behind a fault proxy

PROVIDERS = sorted(FAKES)
REQUEST = "a 4 second video of a dog walking in the park"
# Fast polls and a short submission timeout: the same code paths as the defaults, in seconds
# (long enough that a loaded machine's answer comes in time: at 0.6 s one did not, once).
OPTIONS = {"first_poll": 0.01, "backoff": 0.02, "timeout": 1.2}


@pytest.fixture
def behind_proxy(tmp_path, monkeypatch):
    """behind_proxy(provider, faults) → (fake, proxy, settings for an Agent on it)."""
    made = []

    def start(provider: str, faults: list[Fault], scenario: Scenario | None = None):
        caps = capabilities(provider)
        fake = FAKES[provider](tmp_path, price=caps.price_per_second, scenario=scenario)
        proxy = FaultProxy(fake.url, faults)
        made.append((fake, proxy))
        monkeypatch.setenv(caps.setup["key_env"], KEY)
        monkeypatch.setenv(caps.setup["url_env"], proxy.url)
        settings = dict(backend=provider, generator_options={provider: OPTIONS}, shared_cache=None)
        return fake, proxy, settings

    yield start
    for fake, proxy in made:
        proxy.close()
        fake.close()


def _make(settings: dict, out, **more):
    return Agent(AgentSettings(**settings, **more)).make(
        Request.build(REQUEST, size="320x180"), out
    )


def _charged_in_manifest(result) -> float:
    return result.manifest["cost"]["provider_jobs"]["charged"]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("kind", ["reset-after", "slow", "reset-before"])
def test_a_submission_without_an_answer_is_in_doubt_and_sent_again_only_when_asked(
    behind_proxy, tmp_path, provider, kind
):
    fake, proxy, settings = behind_proxy(provider, [Fault(kind, "POST", 1, seconds=2.5)])
    out = tmp_path / "film"
    with pytest.raises(JobInDoubt, match="not sent again"):
        _make(settings, out)
    time.sleep(1.6 if kind == "slow" else 0.1)  # a slow answer lands at the provider
    made_at_provider = 0 if kind == "reset-before" else 1
    first = len(fake.ledger.submissions)
    # Resumed without the user's word: the shot still waits, nothing is sent for it.
    with pytest.raises(JobInDoubt):
        Agent(AgentSettings(**settings)).resume(out)
    assert len(fake.ledger.submissions) == first
    ledger = Ledger(out / "journal.sqlite")
    doubts = [line for line in ledger.lines() if line.state == "in doubt"]
    ledger.close()
    assert len(doubts) == 1 and doubts[0].price > 0
    # With it, the take is sent once more and the video is finished.
    result = Agent(AgentSettings(**settings, resubmit_in_doubt=True)).resume(out)
    assert result.verified
    shots = [s for s in result.manifest["shots"] if s.get("takes")]
    assert len(fake.ledger.submissions) == len(shots) + made_at_provider
    assert _charged_in_manifest(result) == pytest.approx(fake.ledger.charged, abs=0.005)
    assert result.manifest["cost"]["provider_jobs"]["states"].get("in doubt") == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_unreadable_status_read_is_read_again_not_sent_again(behind_proxy, tmp_path, provider):
    fake, proxy, settings = behind_proxy(provider, [Fault("not-json", "GET", 1)])
    result = _make(settings, tmp_path / "film")
    assert proxy.log.fired and result.verified
    shots = [s for s in result.manifest["shots"] if s.get("takes")]
    assert len(fake.ledger.submissions) == len(shots)
    assert _charged_in_manifest(result) == pytest.approx(fake.ledger.charged, abs=0.005)
    assert result.manifest["cost"]["provider_jobs"]["states"] == {"succeeded": len(shots)}


def _xai_command_line(tmp_path: Path, scenario: Scenario):
    """A fake xAI, and `videoagent` as a user runs it against it: (fake, project folder,
    environment, the command and `make`'s arguments). The run keeps its own take cache: a
    take another test made is not reused."""
    caps = capabilities("xai")
    fake = FAKES["xai"](tmp_path, price=caps.price_per_second, scenario=scenario)
    env = {**os.environ, caps.setup["key_env"]: KEY, caps.setup["url_env"]: fake.url}
    env["VIDEOAGENT_CACHE"] = str(tmp_path / "cache")
    out = tmp_path / "film"
    make = ["make", REQUEST, "--out", str(out), "--backend", "xai", "--size", "320x180"]
    return fake, out, env, [sys.executable, "-m", "videoagent"], make


def _resume_sends_nothing_again(fake, out: Path, env: dict, command: list[str]) -> None:
    """`videoagent resume` finishes the project re-attached to the jobs already sent: each
    shot's job sent once, and the manifest's charges are the provider's."""
    done = subprocess.run(
        [*command, "resume", str(out)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-1500:]
    assert "re-attached" in done.stderr
    manifest = json.loads((out / "renders" / "manifest.json").read_text())
    shots = [s for s in manifest["shots"] if s.get("takes")]
    assert len(fake.ledger.submissions) == len(shots)
    charged = manifest["cost"]["provider_jobs"]["charged"]
    assert charged == pytest.approx(fake.ledger.charged, abs=0.005)


def test_kill_9_while_a_provider_job_runs_then_resume_polls_the_same_job(tmp_path):
    """`videoagent make` killed while its jobs run at the provider; `videoagent resume`
    re-attaches to them (the ledger has their ids) instead of sending them again."""
    fake, out, env, command, make = _xai_command_line(tmp_path, Scenario(polls_before_done=10**6))
    try:
        process = subprocess.Popen(
            [*command, *make],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(j.polls for j in fake.jobs.values()):
            time.sleep(0.05)
        assert fake.jobs, process.stderr.read().decode()[-800:] if process.poll() else "no job"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        sent = len(fake.ledger.submissions)
        fake.scenario.polls_before_done = 0  # the provider finishes them now
        _resume_sends_nothing_again(fake, out, env, command)
        assert len(fake.ledger.submissions) == sent
    finally:
        fake.close()


def test_killed_after_a_job_delivered_but_before_it_became_a_take_resume_fetches_it_again(
    tmp_path,
):
    """The job finished and its file arrived, then the process died before the file became a
    take: resume fetches the same job's result again (re-attached), never sends it again."""
    fake, out, env, command, make = _xai_command_line(tmp_path, Scenario())
    try:
        made = subprocess.run(
            [*command, *make],
            env={**env, "VIDEOAGENT_KILL_AT": "take:delivered"},
            capture_output=True,
            timeout=300,
        )
        assert made.returncode == -signal.SIGKILL
        sent, charged = len(fake.ledger.submissions), fake.ledger.charged
        assert sent and charged  # at least one job made and paid for
        _resume_sends_nothing_again(fake, out, env, command)
    finally:
        fake.close()
