"""timeline.otio is the project's edit as a document: it names media relative to the
project (a moved project still works), and what another tool changes in its picture track
is adopted by the next run, or refused with the rule it breaks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import opentimelineio as otio
import pytest

from conftest import QUIET
from videoagent import Agent, UsageError
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.store.journal import Journal

pytestmark = pytest.mark.slow  # end to end: projects edited through timeline.otio


@pytest.fixture(scope="module")
def made(small_project) -> Path:
    return small_project


def _copy(made: Path, tmp_path: Path) -> Path:
    project = tmp_path / "film"
    shutil.copytree(made, project)
    return project


def _edit_otio(project: Path, change) -> None:
    """Change timeline.otio with the OpenTimelineIO API, as another editor would."""
    path = str(project / "timeline.otio")
    document = otio.adapters.read_from_file(path)
    change([t for t in document.tracks if t.name == "picture"][0])
    otio.adapters.write_to_file(document, path)


def _clips(track) -> list:
    return [item for item in track if isinstance(item, otio.schema.Clip)]


def test_media_is_named_relative_to_the_project_and_a_moved_project_edits(made, tmp_path):
    document = otio.adapters.read_from_file(str(made / "timeline.otio"))
    picture = [t for t in document.tracks if t.name == "picture"][0]
    urls = [clip.media_reference.target_url for clip in _clips(picture)]
    assert urls and all(url.startswith("shots/") for url in urls), urls
    moved = _copy(made, tmp_path / "elsewhere")  # the original folder stays; nothing uses it
    result = Agent(QUIET).edit(moved, "remove shot 1")
    assert result.verified and result.manifest["takes"]["generated"] == 0
    assert str(made) not in (moved / "timeline.otio").read_text()


def test_a_project_made_by_a_relative_path_names_its_media_relative_to_itself(
    tmp_path, monkeypatch
):
    from videoagent import Request

    monkeypatch.chdir(tmp_path)
    Agent(QUIET).make(Request.build("a dog walking", duration=2, size="160x90"), Path("film"))
    document = otio.adapters.read_from_file(str(tmp_path / "film" / "timeline.otio"))
    picture = [t for t in document.tracks if t.name == "picture"][0]
    urls = [clip.media_reference.target_url for clip in _clips(picture)]
    assert urls and all(url.startswith("shots/") for url in urls), urls


def test_a_clip_trimmed_in_another_tool_is_picked_up_by_the_next_render(made, tmp_path):
    project = _copy(made, tmp_path)
    board = json.loads((project / "storyboard.json").read_text())
    first = board["shots"][0]
    rate = 24

    def trim(track):
        clip = _clips(track)[0]
        start = clip.source_range.start_time.value
        clip.source_range = otio.opentime.TimeRange(
            otio.opentime.RationalTime(start + 6, rate), otio.opentime.RationalTime(30, rate)
        )

    _edit_otio(project, trim)
    result = Agent(QUIET).resume(project)

    assert result.verified and result.manifest["takes"]["generated"] == 0
    after = json.loads((project / "storyboard.json").read_text())
    assert after["shots"][0]["frames"] == 30
    assert after["shots"][0]["source_in"] == first["source_in"] + 6
    expected = board["target_frames"] - first["frames"] + 30
    assert after["target_frames"] == expected
    assert abs(probe(project / "renders/final.mp4").frames - expected) <= 1
    journal = Journal(project / "journal.sqlite")
    runs = journal.runs()
    adopted = [r for r in runs if r["command"] == "timeline"]
    assert adopted and journal.applied(adopted[-1]["id"])
    journal.close()
    # Adopted once: the file is ours again, and the next run changes nothing.
    again = Agent(QUIET).resume(project)
    assert again.verified
    journal = Journal(project / "journal.sqlite")
    assert [r["command"] for r in journal.runs()].count("timeline") == 1
    journal.close()


def test_clips_reordered_and_removed_in_another_tool_are_picked_up(made, tmp_path):
    project = _copy(made, tmp_path)
    ids = [s["id"] for s in json.loads((project / "storyboard.json").read_text())["shots"]]

    def reorder(track):
        clips = _clips(track)
        for item in list(track):
            track.remove(item)
        track.append(clips[2].clone())
        track.append(clips[0].clone())

    _edit_otio(project, reorder)
    result = Agent(QUIET).resume(project)
    after = json.loads((project / "storyboard.json").read_text())
    assert [s["id"] for s in after["shots"]] == [ids[2], ids[0]]
    assert result.verified and result.manifest["takes"]["generated"] == 0


def test_a_trim_past_the_take_is_refused_and_changes_nothing(made, tmp_path):
    project = _copy(made, tmp_path)

    def stretch(track):
        clip = _clips(track)[1]
        clip.source_range = otio.opentime.TimeRange(
            clip.source_range.start_time, otio.opentime.RationalTime(5000, 24)
        )

    _edit_otio(project, stretch)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    with pytest.raises(UsageError, match="holds .* trim it within the take"):
        Agent(QUIET).resume(project)
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert {p for p in after if not p.name.endswith(("-wal", "-shm"))} == {
        p for p in before if not p.name.endswith(("-wal", "-shm"))
    }
    assert all(after[p] == before[p] for p in before if p.suffix != ".sqlite" and p in after)


def test_a_clip_that_is_not_a_shot_of_the_project_is_refused(made, tmp_path):
    project = _copy(made, tmp_path)

    def foreign(track):
        track.append(
            otio.schema.Clip(
                name="holiday",
                media_reference=otio.schema.ExternalReference(target_url="/tmp/holiday.mp4"),
                source_range=otio.opentime.TimeRange(
                    otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(24, 24)
                ),
            )
        )

    _edit_otio(project, foreign)
    with pytest.raises(UsageError, match="clip 4 is not one of the project's shots"):
        Agent(QUIET).resume(project)


def test_text_moved_and_retyped_in_another_tool_is_picked_up_by_the_next_render(made, tmp_path):
    project = _copy(made, tmp_path)
    Agent(QUIET).edit(project, "put SALE on screen at 0:01 for 1 second")  # frames 24-47
    path = str(project / "timeline.otio")
    document = otio.adapters.read_from_file(path)
    text = [t for t in document.tracks if t.name == "overlays"][0]
    gap, sale = text[0], _clips(text)[0]
    assert (gap.duration().value, sale.media_reference.parameters["text"]) == (24, "SALE")
    gap.source_range = otio.opentime.TimeRange(duration=otio.opentime.RationalTime(72, 24))
    sale.media_reference.parameters["text"] = "SOLD"
    otio.adapters.write_to_file(document, path)
    records = []
    result = Agent(QUIET, listener=records.append).resume(project)
    assert result.verified and result.manifest["takes"]["generated"] == 0
    board = json.loads((project / "storyboard.json").read_text())
    assert [(t["text"], t["start"], t["frames"]) for t in board["overlays"]] == [("SOLD", 72, 24)]
    plain, now = frames_at(made / "renders/final.mp4", [30, 80]), frames_at(result.video, [30, 80])
    band = slice(int(108 * 0.7), 108)  # where bottom text is drawn in the 192x108 frame

    def change(frame: int) -> float:
        return float(np.abs(now[frame][band].astype(int) - plain[frame][band].astype(int)).mean())

    assert change(30) < 1 and change(80) > 3  # the text left frame 30 and is on frame 80
    said = [r.message for r in records if r.step == "edit"]
    assert any("'SOLD' on frames 72-95" in m for m in said), said
    assert any("'SALE' on frames 24-47 removed" in m for m in said), said
    # A text clip pushed past the end breaks a rule: refused, the project left as it was.
    document = otio.adapters.read_from_file(path)
    text = [t for t in document.tracks if t.name == "overlays"][0]
    text[0].source_range = otio.opentime.TimeRange(duration=otio.opentime.RationalTime(140, 24))
    otio.adapters.write_to_file(document, path)
    with pytest.raises(UsageError, match="'SOLD' at frames 140-164 falls outside"):
        Agent(QUIET).resume(project)
    assert json.loads((project / "storyboard.json").read_text())["overlays"] == board["overlays"]


def test_a_caption_track_changed_in_another_tool_is_said_and_not_adopted(made, tmp_path):
    project = _copy(made, tmp_path)
    path = str(project / "timeline.otio")
    document = otio.adapters.read_from_file(path)
    captions = [t for t in document.tracks if t.name == "captions"][0]
    captions.remove(_clips(captions)[0])
    otio.adapters.write_to_file(document, path)
    before = (project / "storyboard.json").read_text()
    records = []
    result = Agent(QUIET, listener=records.append).resume(project)
    assert result.verified and (project / "storyboard.json").read_text() == before
    assert any("caption track of timeline.otio" in r.message for r in records)


def test_a_file_from_a_version_without_digests_is_taken_as_written(made, tmp_path):
    project = _copy(made, tmp_path)
    path = str(project / "timeline.otio")
    document = otio.adapters.read_from_file(path)
    meta = dict(document.metadata["videoagent"])
    for digest in ("picture_digest", "overlay_digest", "caption_digest"):
        meta.pop(digest)
    document.metadata["videoagent"] = meta
    otio.adapters.write_to_file(document, path)
    assert Agent(QUIET).resume(project).verified
    journal = Journal(project / "journal.sqlite")
    assert "timeline" not in [r["command"] for r in journal.runs()]
    journal.close()


def test_a_shorter_video_is_cut_from_its_shots_exactly_and_keeps_every_one(made, tmp_path):
    project = _copy(made, tmp_path)
    before = [c.source_range.duration.value for c in _clips(_picture(project))]
    result = Agent(QUIET).edit(project, "make it 4 seconds")
    assert result.verified and result.manifest["takes"]["generated"] == 0
    info = probe(result.video, count_frames=True)
    assert info.frames == 96  # 4 s at 24 fps, to the frame
    after = [c.source_range.duration.value for c in _clips(_picture(project))]
    assert sum(after) == 96 and len(after) == len(before)  # every shot, each shorter
    assert all(now < was for now, was in zip(after, before, strict=True))


def _picture(project: Path):
    document = otio.adapters.read_from_file(str(project / "timeline.otio"))
    return [t for t in document.tracks if t.name == "picture"][0]
