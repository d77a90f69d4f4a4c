"""State deleted outside videoagent is reported, never silently made again: a take gone
from a paid backend's shot waits for the user's yes; an emptied journal is said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from videoagent import Agent, AgentSettings, Request
from videoagent.errors import Cancelled
from videoagent.store.journal import Journal

pytestmark = pytest.mark.slow  # end to end: projects made, damaged and resumed

REQUEST = "a dog walking, then a dog sitting"


def _made(tmp_path: Path, backend: str) -> Path:
    out = tmp_path / backend
    settings = AgentSettings(backend=backend, music=False, ambience=False, shared_cache=None)
    Agent(settings).make(Request.build(REQUEST, duration=4, size="160x90"), out)
    return out


def _settings(backend: str, **more) -> AgentSettings:
    return AgentSettings(backend=backend, music=False, ambience=False, shared_cache=None, **more)


def test_a_deleted_take_on_a_paid_backend_is_not_made_again_without_a_yes(tmp_path: Path):
    project = _made(tmp_path, "fake")  # the fake backend charges, as a hosted one would
    shutil.rmtree(project / "shots/shot-01/takes/01")
    records = []
    with pytest.raises(Cancelled, match="shots/shot-01/takes/01/clip.mp4.*--approve"):
        Agent(_settings("fake"), listener=records.append).resume(project)
    assert not (project / "shots/shot-01/takes/01").exists()
    assert any("gone from the project" in r.message for r in records)

    result = Agent(_settings("fake", budget=1.0)).resume(project)  # the user's yes
    assert result.verified and result.manifest["takes"]["generated"] == 1
    assert (project / "shots/shot-01/takes").is_dir()


def test_a_deleted_free_take_is_reported_and_made_again(tmp_path: Path):
    project = _made(tmp_path, "procedural")
    shutil.rmtree(project / "shots/shot-02/takes/01")
    records = []
    result = Agent(_settings("procedural"), listener=records.append).resume(project)
    assert result.verified and result.manifest["takes"]["generated"] == 1
    warned = [r for r in records if r.status == "warning" and r.step == "resume"]
    assert any("shot-02" in r.message and "deleted outside videoagent" in r.message for r in warned)


def test_an_emptied_journal_is_reported(tmp_path: Path):
    project = _made(tmp_path, "procedural")
    (project / "journal.sqlite").write_bytes(b"")
    for leftover in project.glob("journal.sqlite-*"):
        leftover.unlink()
    result = Agent(_settings("procedural")).resume(project)
    assert result.verified
    journal = Journal(project / "journal.sqlite")
    try:
        messages = [r["message"] for r in journal.records()]
    finally:
        journal.close()
    assert any("journal.sqlite holds no runs" in m for m in messages)
