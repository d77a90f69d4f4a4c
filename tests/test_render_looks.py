"""Looking at the render: each shot's middle frame, read from its piece, kept for the next
run, and checked against the take it should show."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import QUIET
from videoagent import Agent
from videoagent.evaluate.render_looks import (
    COMPARE_WIDTH,
    Sample,
    look_at,
    pieces_carried,
    presence,
)
from videoagent.media.frames import frames_at
from videoagent.store.derived import DerivedFiles


def _pieces(project: Path) -> list[dict]:
    """The render's pieces in order, as its last render step recorded them."""
    with sqlite3.connect(project / "journal.sqlite") as db:
        (data,) = db.execute(
            "select data from steps where step = 'render' and status = 'done' "
            "order by rowid desc limit 1"
        ).fetchone()
    return json.loads(data)["pieces"]


def test_an_overlay_edit_looks_again_only_at_the_shots_it_changed(small_project, tmp_path):
    project = tmp_path / "film"
    shutil.copytree(small_project, project)
    looks = project / "renders/derived/look"
    before = {entry.name for entry in looks.iterdir()}
    keyframes = {p: p.read_bytes() for p in project.glob("shots/*/keyframe.png")}
    assert len(before) == len(keyframes) == 3

    result = Agent(QUIET).edit(project, 'put "SALE" on screen at 0:00.5 for 1 second')

    assert result.verified
    made = {entry.name for entry in looks.iterdir()} - before
    assert len(made) == 1  # the first shot's middle (frame 24) is under the text
    checks = {c["name"]: c for c in result.manifest["video"]["checks"]}
    assert checks["pieces as rendered"]["passed"]
    # Each kept look still says what the final file shows: its frame, read from the final.
    board = json.loads((project / "storyboard.json").read_text())["shots"]
    takes = {s["id"]: s["takes"] for s in result.manifest["shots"]}
    starts = [0, board[0]["frames"], board[0]["frames"] + board[1]["frames"]]
    middles = [start + shot["frames"] // 2 for start, shot in zip(starts, board, strict=True)]
    final = frames_at(result.video, middles)
    for middle, shot in zip(middles, board, strict=True):
        take = project / takes[shot["id"]][-1]["file"]
        take_frame = frames_at(take, [shot["source_in"] + shot["frames"] // 2])
        seen = [final[middle], next(iter(take_frame.values()))]
        width = COMPARE_WIDTH
        size = (width, round(seen[0].shape[0] * width / seen[0].shape[1]))
        small = [np.asarray(Image.fromarray(f).resize(size, Image.BOX), float) for f in seen]
        difference = abs(small[0] - small[1]).mean()
        assert checks[f"{shot['id']} present"]["value"] == pytest.approx(difference, abs=0.006)
    # The text shows on the sheet's first tile and the first keyframe; the others are as
    # they were.
    changed = [p for p, data in keyframes.items() if p.read_bytes() != data]
    assert [p.parent.name for p in changed] == ["shot-01"]
    assert Image.open(project / "renders/contact_sheet.png").width == 3 * (320 + 10) + 10


def test_a_render_that_is_not_its_pieces_fails_and_says_where(small_project):
    pieces = [small_project / "renders/pieces" / p["file"] for p in _pieces(small_project)]
    video = small_project / "renders/final.mp4"
    assert pieces_carried(video, pieces).passed
    swapped = pieces_carried(video, [pieces[1], pieces[0], *pieces[2:]])
    assert not swapped.passed and "from frame 0" in swapped.detail
    short = pieces_carried(video, pieces[:-1])
    assert not short.passed and short.value > short.expected


def test_a_shot_showing_another_take_is_not_present(small_project, tmp_path):
    board = json.loads((small_project / "storyboard.json").read_text())["shots"]
    manifest = json.loads((small_project / "renders/manifest.json").read_text())
    takes = {s["id"]: small_project / s["takes"][-1]["file"] for s in manifest["shots"]}
    pieces = _pieces(small_project)
    first, second = board[0], board[1]
    wrong_take = takes[second["id"]]
    middle = first["frames"] // 2
    right = Sample(middle, takes[first["id"]], first["source_in"] + middle)
    sample = Sample(middle, wrong_take, second["source_in"] + middle)
    derived = DerivedFiles(tmp_path / "derived")
    wrong_look, right_look = look_at(
        [sample, right], pieces, small_project / "renders/pieces", derived, keyframe_size=(64, 36)
    )
    # The render's frame is its take encoded again with the watermark: close, not equal.
    assert presence("shot-01", right_look).passed and right_look.difference < 4.0
    assert not presence("shot-01", wrong_look).passed
    assert Image.open(right_look.keyframe).size == (64, 36)
