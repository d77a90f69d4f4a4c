"""Edits under faults: `videoagent edit` killed (SIGKILL, from a failpoint) at every moment
of each edit kind, then `resume`: the files and the history agree every time. And a render
that fails verification never replaces a verified video."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import QUIET
from videoagent import Agent
from videoagent.agent.change import STAGED
from videoagent.evaluate.check import Check
from videoagent.media.probe import probe
from videoagent.store.journal import Journal

pytestmark = pytest.mark.slow  # end to end: edits killed at each moment in subprocesses

EDITS = {
    "remove": "remove shot 1",
    "overlay": 'put "SALE" on screen at 0:01 for 2 seconds',
    "reframe": "make it 9:16",
    "lengthen": "make it 8 seconds",
}
# Every moment an edit passes, in order: before its change is staged, staged, committed
# (the journal holds it), half written out, written out, rendered, half published.
MOMENTS = (
    "edit:begun",
    "change:staged",
    "change:committed",
    "state:storyboard.json",
    "change:applied",
    "render:done",
    "publish:final.mp4",
)
# The suite kills at five of them (the benchmark at all): before, staged but not committed,
# committed but not written out, half written out, half published.
TESTED = (
    "edit:begun",
    "change:staged",
    "change:committed",
    "state:storyboard.json",
    "publish:final.mp4",
)


def _changed(kind: str, before: dict, after: dict) -> bool:
    """Whether storyboard `after` holds the edit `kind` that `before` did not."""
    if kind == "remove":
        return len(after["shots"]) == len(before["shots"]) - 1
    if kind == "overlay":
        return any(o["text"] == "SALE" for o in after["overlays"])
    if kind == "reframe":
        return after["aspect"] == "9:16"
    return after["target_frames"] > before["target_frames"]


def agreement(project: Path, kind: str, before: dict) -> list[str]:
    """What the files and the history of `project` disagree on after an edit `kind` (on a
    project whose storyboard was `before`) was killed and the project resumed."""
    problems = []
    board = json.loads((project / "storyboard.json").read_text())
    journal = Journal(project / "journal.sqlite")
    try:
        edit = [run for run in journal.runs() if run["command"] == "edit"][-1]
        applied = journal.applied(edit["id"])
        claimed = any(
            r["step"] == "edit" and r["status"] == "done" for r in journal.records(edit["id"])
        )
    finally:
        journal.close()
    if claimed != applied:
        problems.append(f"history claims the edit: {claimed}; committed: {applied}")
    if _changed(kind, before, board) != applied:
        problems.append(f"storyboard holds the edit: {not applied}; history: {applied}")
    if not applied and edit["status"] != "not applied":
        problems.append(f"an edit never applied is shown as {edit['status']!r}")
    video = probe(project / "renders/final.mp4")
    if abs(video.frames - board["target_frames"]) > 1:
        problems.append(f"final.mp4 has {video.frames} frames, the plan {board['target_frames']}")
    if (video.width, video.height) != (board["width"], board["height"]):
        problems.append(f"final.mp4 is {video.width}x{video.height}, the plan is not")
    manifest = json.loads((project / "renders/manifest.json").read_text())
    if manifest["settings"]["aspect"] != board["aspect"] or not manifest["video"]["verified"]:
        problems.append("manifest.json does not describe the plan's verified render")
    left = [p.name for p in project.rglob("*") if ".unverified." in p.name or p.name == STAGED]
    if left:
        problems.append(f"left behind: {left}")
    return problems


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_an_edit_killed_at_any_moment_then_resumed_leaves_files_and_history_agreeing(
    small_project: Path, tmp_path: Path, kind: str
):
    before = json.loads((small_project / "storyboard.json").read_text())
    outcomes = {}
    for moment in TESTED:
        project = tmp_path / moment.replace(":", "-")
        shutil.copytree(small_project, project)
        env = {**os.environ, "VIDEOAGENT_KILL_AT": moment}
        killed = subprocess.run(
            [sys.executable, "-m", "videoagent", "edit", str(project), EDITS[kind]],
            env=env,
            capture_output=True,
            timeout=300,
        )
        assert killed.returncode == -9, f"{moment}: never reached ({killed.stderr[-300:]!r})"
        Agent(QUIET).resume(project)
        assert agreement(project, kind, before) == [], moment
        journal = Journal(project / "journal.sqlite")
        outcomes[moment] = journal.applied(journal.runs()[-2]["id"])
        journal.close()
    # Before the commit the edit is undone; from the commit on it is finished.
    committed_from = TESTED.index("change:committed")
    assert list(outcomes.values()) == [i >= committed_from for i in range(len(TESTED))]


def test_a_render_that_fails_verification_never_replaces_the_verified_video(
    small_project: Path, tmp_path: Path, monkeypatch
):
    project = tmp_path / "film"
    shutil.copytree(small_project, project)
    verified = {n: (project / "renders" / n).read_bytes() for n in ("final.mp4", "manifest.json")}
    import videoagent.agent.finishing as finishing

    real_checks = finishing.video_checks

    def failing(*args, **kwargs):
        return [*real_checks(*args, **kwargs), Check("injected", False, "made to fail")]

    monkeypatch.setattr(finishing, "video_checks", failing)
    result = Agent(QUIET).edit(project, 'put "SALE" on screen at 0:01 for 2 seconds')

    assert not result.verified
    assert result.video == project / "renders/final.unverified.mp4" and result.video.exists()
    for name, data in verified.items():
        assert (project / "renders" / name).read_bytes() == data, name
    kept = json.loads((project / "renders/manifest.unverified.json").read_text())
    assert kept["video"]["file"] == "renders/final.unverified.mp4"
    assert not kept["video"]["verified"]

    monkeypatch.setattr(finishing, "video_checks", real_checks)
    again = Agent(QUIET).resume(project)
    assert again.verified and again.video == project / "renders/final.mp4"
    assert not list(project.glob("renders/*.unverified.*"))
    manifest = json.loads((project / "renders/manifest.json").read_text())
    assert manifest["video"]["file"] == "renders/final.mp4" and manifest["overlays"]
