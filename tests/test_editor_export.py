"""`videoagent export`: the edit in other editors' formats, read back by OpenTimelineIO with
the project's own cuts, crossfades where the format keeps them, and every file it names
beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

import opentimelineio as otio
import pytest
from typer.testing import CliRunner

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.cli.main import app
from videoagent.media.editor_export import FORMATS, cut_points, cuts_of, export_project
from videoagent.media.probe import probe

pytestmark = pytest.mark.slow  # a brand video made, then exported four ways


@pytest.fixture(scope="module")
def brand(tmp_path_factory) -> Path:
    """Title card, a shot, an end card, crossfades between them."""
    out = tmp_path_factory.mktemp("brand") / "film"
    request = Request.build(
        "a brand video for Pup Cafe: a dog at a cafe getting a pup cup",
        mode="brand",
        duration=8,
        size="192x108",
    )
    Agent(replace(QUIET, narrate=False)).make(request, out)
    return out


def _project_cuts(project: Path) -> list[tuple]:
    """The cuts of the project's own timeline.otio, in the export's terms."""
    document = otio.adapters.read_from_file(str(project / "timeline.otio"))
    picture = [t for t in document.tracks if t.name == "picture"][0]
    return cuts_of(otio.schema.Timeline(tracks=[picture.clone()]))


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_each_format_reads_back_with_the_project_s_cuts(brand, tmp_path, format_name):
    exported = export_project(brand, tmp_path / format_name, format_name)
    wanted = _project_cuts(brand)
    read = cut_points(exported.path, format_name)
    clips, read_clips = ([c for c in cuts if c[0] == "clip"] for cuts in (wanted, read))
    # (kind, first frame shown, frames shown, source frame at the first): the cards are now
    # the stretch of the finished video that shows them, the take keeps its own frames
    assert len(clips) == 3 and [c[:3] for c in read_clips] == [c[:3] for c in clips]
    title, take, end = read_clips
    assert take == clips[1] and title[3] == title[1] and end[3] == end[1]
    fades = [c for c in wanted if c[0] == "crossfade"]
    if format_name == "fcpxml":  # its adapter writes no transitions: said, not hidden
        assert any("crossfades as cuts" in note for note in exported.notes)
    else:
        assert fades and [c for c in read if c[0] == "crossfade"] == fades
    media = exported.path.parent / "media"
    if format_name == "edl":  # an EDL names its files in comments beside the events
        text = exported.path.read_text()
        named = {line.split("CLIP: ", 1)[1] for line in text.splitlines() if "CLIP: media/" in line}
        assert named and all((exported.path.parent / name).is_file() for name in named)
        return
    # every file it names is in its media folder, and plays as long as the clip needs
    document = otio.adapters.read_from_file(str(exported.path), FORMATS[format_name][0])
    for clip in document.find_clips():
        url = clip.media_reference.target_url
        path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else None
        path = path or exported.path.parent / url
        assert path.parent == media and path.is_file(), url
        if path.suffix == ".mp4":
            assert probe(path).frames >= clip.source_range.end_time_exclusive().value
    assert any("card(s) are the stretch of media/final.mp4" in n for n in exported.notes)


def test_the_command_writes_beside_the_project_and_refuses_what_it_cannot(brand, tmp_path):
    runner = CliRunner()
    done = runner.invoke(app, ["export", str(brand), "--format", "edl"])
    assert done.exit_code == 0, done.output
    assert (brand / "exports" / "edl" / "film.edl").is_file()
    assert "3 clips" in done.output and "one video track only" in done.output
    wrong = runner.invoke(app, ["export", str(brand), "--format", "aaf"])
    assert wrong.exit_code == 2 and "unknown export format 'aaf'" in wrong.output
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = runner.invoke(app, ["export", str(empty)])
    assert missing.exit_code == 2 and "has no timeline.otio" in missing.output
    inside = runner.invoke(app, ["export", str(brand), "--out", str(brand / "shots" / "x")])
    assert inside.exit_code == 2 and "must not be the project or its takes" in inside.output
