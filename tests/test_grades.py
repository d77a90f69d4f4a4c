"""A look synthworld cannot be told ("in black and white") is graded in by the render: the
frames change colour, never place, and the verify step still sees each take."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from conftest import QUIET
from videoagent import Agent
from videoagent.errors import UsageError
from videoagent.evaluate.render_looks import MAX_DIFFERENCE, _difference
from videoagent.media.frames import frames_at
from videoagent.media.grades import GRADES, grade_filter
from videoagent.media.render import render
from videoagent.media.writer import Mp4Writer
from videoagent.plan.edit_request import Regrade, parse_edit
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Storyboard
from videoagent.plan.visual_style import asked_grade
from videoagent.timeline.model import Timeline, VideoClip
from videoagent.timeline.otio_io import from_otio, read_otio, to_otio
from videoagent.timeline.time import FrameRate

RATE = FrameRate.of(24)


def _colourful(path, frames=24):
    with Mp4Writer(path, size=(160, 96), rate=RATE, frames=frames) as writer:
        for i in range(frames):
            frame = np.zeros((96, 160, 3), np.uint8)
            frame[:, :80] = (200, 60, 40)  # red left, blue right, a moving bar
            frame[:, 80:] = (40, 80, 200)
            frame[:, (i * 5) % 160] = 255
            writer.write(frame)
    return path


def _chroma(frame: np.ndarray) -> float:
    rgb = frame.astype(int)
    return float(np.abs(rgb[..., 0] - rgb[..., 2]).mean())


def test_a_graded_clip_is_encoded_in_its_grade_and_an_ungraded_one_copied(tmp_path):
    take = _colourful(tmp_path / "take.mp4")
    plain = Timeline(RATE, 160, 96).with_clip(VideoClip(str(take), 24))
    report = render(plain, tmp_path / "plain.mp4")
    assert report.count("copied") == 1 and _chroma(frames_at(tmp_path / "plain.mp4", [12])[12]) > 60
    for grade in GRADES:
        graded = Timeline(RATE, 160, 96).with_clip(VideoClip(str(take), 24, grade=grade))
        out = tmp_path / f"{grade}.mp4"
        report = render(graded, out)
        assert report.count("copied") == 0 and report.count("encoded") == 1
        frame, source = frames_at(out, [12])[12], frames_at(take, [12])[12]
        most = 2 if grade in ("black and white", "film noir") else _chroma(source) / 2
        assert _chroma(frame) < most
        assert _difference(frame, source, None, graded=True) < MAX_DIFFERENCE / 2
        assert _difference(frame, frames_at(take, [0])[0][:, ::-1], None, graded=True) > (
            MAX_DIFFERENCE
        )  # another picture (the take mirrored) is no match, in any grade


def test_a_grade_survives_the_timeline_file_and_an_unknown_one_is_named():
    clip = VideoClip("take.mp4", 24, grade="sepia", shot_id="shot-01")
    again = from_otio(to_otio(Timeline(RATE, 160, 96).with_clip(clip)))
    assert again.clips[0].grade == "sepia"
    with pytest.raises(UsageError, match="'teal and orange'"):
        grade_filter("teal and orange")


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("a black and white film about a man", "black and white"),
        ("a dog walks, in the style of film noir", "film noir"),
        ("a retro video of a car", "vintage"),
        ("an anime video of a cat", ""),
        ("a black and white cat", ""),
    ],
)
def test_which_looks_have_a_grade(text, grade):
    assert asked_grade(text) == grade


def test_make_grades_a_procedural_video_black_and_white_and_verifies_it(tmp_path):
    request = "a 4 second black and white video of a brown dog walking in the park"
    records = []
    result = Agent(QUIET, listener=records.append).make(
        Request.build(request, size="192x108"), tmp_path / "film"
    )
    assert result.verified
    frames = frames_at(result.video, [24, 48, 72])
    assert all(_chroma(frame) < 1 and frame.mean() > 40 for frame in frames.values())
    said = [r.message for r in records if r.status == "warning"]
    assert any("procedural draws synthworld's own look, graded black and white" in w for w in said)
    timeline = read_otio(tmp_path / "film/timeline.otio", root=tmp_path / "film")
    assert {clip.grade for clip in timeline.clips} == {"black and white"}


def test_an_edit_grades_the_whole_video_and_back_without_generating(small_project, tmp_path):
    project = tmp_path / "film"
    shutil.copytree(small_project, project)
    takes = sorted(p.name for p in project.glob("shots/*/*.mp4"))

    graded = Agent(QUIET).edit(project, "make it black and white")
    assert graded.verified
    frames = frames_at(graded.video, [24, 72, 120])
    before = frames_at(small_project / "renders/final.mp4", [24, 72, 120])
    assert all(_chroma(frames[i]) < 1 < _chroma(before[i]) for i in frames)
    assert sorted(p.name for p in project.glob("shots/*/*.mp4")) == takes  # none made

    again = Agent(QUIET).edit(project, "put it back in colour")
    assert again.verified
    restored = frames_at(again.video, [24, 72, 120])
    assert all(np.abs(restored[i].astype(int) - before[i]).mean() < 2 for i in restored)
    with pytest.raises(UsageError, match="already in colour"):
        Agent(QUIET).edit(project, "make it colour again")


@pytest.mark.parametrize(
    ("edit", "grade"),
    [
        ("give it a vintage look", "vintage"),
        ("make it look vintage", "vintage"),
        ("turn the video sepia", "sepia"),
        ("make it film noir", "film noir"),
        ("put it back in colour", ""),
    ],
)
def test_a_grade_edit_is_read_as_people_say_it(edit, grade):
    board = Storyboard("a dog", "create", "24", 64, 36, 48, shots=[], grade="black and white")
    assert parse_edit(edit, board, Request.build("a dog")) == [Regrade(grade)]
