"""Shared fixtures. Tests never touch the network: sockets may only reach loopback."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import socket
import tempfile
import warnings
from pathlib import Path

import pytest

from videoagent import Agent, AgentSettings, Request
from videoagent.agent.planning import preview_plan

DOG_REQUEST = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup "
    "cup, meeting a friend"
)


# Takes shared between projects go to a throwaway cache, never the user's own.
SHARED_CACHE = tempfile.mkdtemp(prefix="videoagent-test-cache-")
os.environ["VIDEOAGENT_CACHE"] = SHARED_CACHE
# Unset, the command line hands edits our phrasings cannot read to the packaged language
# model when it is installed (as in CI): tests name the rules, and those about a model ask.
os.environ["VIDEOAGENT_LLM_URL"] = "rules"


def pytest_unconfigure(config):
    shutil.rmtree(SHARED_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _sigint_ignored() -> bool:
    """Whether this process ignores SIGINT at the OS level (Linux: /proc's SigIgn mask),
    as the shell that started it or a library can set it, and as every process started
    from here inherits it."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGINT - 1) & 1)
    return False


def _ctrl_c_as_a_terminal_gives_it() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)


# A shell without job control starts a command put in the background (`scripts/test.sh &`)
# with SIGINT ignored, and Python then leaves it ignored: every worker and every `make` a
# test starts would shrug off Ctrl-C, and the Ctrl-C tests fail. Tests get what a terminal
# gives, however the run was started.
if _sigint_ignored():
    _ctrl_c_as_a_terminal_gives_it()


@pytest.fixture(autouse=True)
def _ctrl_c_left_as_a_terminal_gives_it(request):
    """A test that leaves Ctrl-C ignored or replaced is named, and Ctrl-C put back, so the
    tests after it on the same worker meet the process a terminal would give them."""
    yield
    if _sigint_ignored() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        _ctrl_c_as_a_terminal_gives_it()
        warnings.warn(f"{request.node.nodeid} left SIGINT ignored or replaced", stacklevel=1)


@pytest.fixture(scope="session")
def dog_run(tmp_path_factory) -> tuple[Path, list]:
    """The README's dog request, made once for the whole session."""
    records = []
    out = tmp_path_factory.mktemp("runs") / "dogwalk"
    result = Agent(AgentSettings(backend="procedural"), listener=records.append).make(
        Request.build(DOG_REQUEST), out
    )
    return result, records


@pytest.fixture
def first_planned():
    """How the plan stages a request on the procedural backend: its first generated shot's
    scene, and the plan's warnings."""

    def plan(text: str):
        board, warnings = preview_plan(Request.build(text), ["procedural"])
        return next(s for s in board.shots if s.kind == "generated").scene_spec, warnings

    return plan


@pytest.fixture
def lead_doing():
    """A scene the same but for what its first entity does ("stand"): what a drawing adds
    is what differs from it."""

    def instead(spec, action: str):
        lead = dataclasses.replace(spec.entities[0], action=action)
        return dataclasses.replace(spec, entities=(lead, *spec.entities[1:]))

    return instead


# A small project for tests about what happens to a project (not about a generator): three
# shots, 6 s, tiny frames, the fastest backend, no music or ambience to mix.
QUIET = AgentSettings(backend="procedural", music=False, ambience=False, shared_cache=None)
SMALL_REQUEST = "a dog walking, then a dog sitting, then a dog running"


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small") / "film"
    Agent(QUIET).make(Request.build(SMALL_REQUEST, duration=6, size="192x108"), out)
    return out
