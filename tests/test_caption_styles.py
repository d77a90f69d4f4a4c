"""Styled captions: drawn with libass in the safe area of each shape, the word being spoken
marked on the frames it is said, read back from the rendered file."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.errors import UsageError
from videoagent.media.ass_captions import write_script
from videoagent.media.frames import frames_at
from videoagent.media.render import render
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.caption_style import caption_style
from videoagent.timeline.model import TextOverlay, Timeline, VideoClip
from videoagent.timeline.otio_io import read_otio, write_otio
from videoagent.timeline.subtitles import Cue, CueWord, burn_in
from videoagent.timeline.time import FrameRate

RATE = FrameRate.of(24)
GREY = 90


def _grey(path, size: tuple[int, int], frames: int):
    width, height = size
    with Mp4Writer(path, size=size, rate=RATE, frames=frames) as writer:
        for _ in range(frames):
            writer.write(np.full((height, width, 3), GREY, np.uint8))
    return path


def _yellow(frame: np.ndarray) -> np.ndarray:
    red, green, blue = (frame[..., k].astype(int) for k in range(3))
    return (red > 190) & (green > 150) & (blue < 90)


def _white(frame: np.ndarray) -> np.ndarray:
    return frame.min(axis=2) > 200


def test_the_spoken_word_is_marked_on_the_frames_it_is_said(tmp_path):
    size, frames = (320, 180), 48
    words = (CueWord("one", 0.5, 0.9), CueWord("two", 0.9, 1.3), CueWord("three", 1.3, 1.7))
    cue = Cue(0.25, 1.75, "one two three", words)
    timeline = Timeline(RATE, *size).with_clip(
        VideoClip(str(_grey(tmp_path / "g.mp4", size, 48)), 48)
    )
    timeline = burn_in(timeline, [cue], "highlight")
    assert [o.spoken for o in timeline.overlays] == [-1, 0, 1, 2]
    out = tmp_path / "captioned.mp4"
    render(timeline, out)
    shown = frames_at(out, range(frames))
    said = [RATE.frames(w.start) for w in words] + [RATE.frames(cue.end)]
    before = range(RATE.frames(cue.start), said[0])
    assert all(_white(shown[f]).sum() > 50 and not _yellow(shown[f]).any() for f in before)
    centres = []
    for k in range(3):
        on = range(said[k], said[k + 1])
        marked = [_yellow(shown[f]) for f in on]
        assert all(mask.sum() > 30 for mask in marked), f"word {k} unmarked on a frame it is said"
        centres.append(np.mean([np.nonzero(mask)[1].mean() for mask in marked]))
    assert centres[0] < centres[1] < centres[2]  # the mark moves along the line, word by word
    for f in [*range(0, RATE.frames(cue.start)), *range(said[-1], frames)]:
        assert not _white(shown[f]).any() and not _yellow(shown[f]).any(), f"text on frame {f}"


@pytest.mark.parametrize("size", [(320, 180), (180, 320)])
def test_captions_sit_in_the_safe_area_of_each_shape(tmp_path, size):
    width, height = size
    timeline = Timeline(RATE, *size).with_clip(
        VideoClip(str(_grey(tmp_path / "g.mp4", size, 12)), 12)
    )
    timeline = burn_in(timeline, [Cue(0.0, 0.5, "a dog at the beach")], "outline")
    out = tmp_path / "captioned.mp4"
    render(timeline, out)
    rows, columns = np.nonzero(_white(frames_at(out, [6])[6]))
    assert len(rows)
    top, bottom = rows.min() / height, rows.max() / height
    assert columns.min() >= 0.09 * width and columns.max() <= 0.91 * width
    if height > width:  # above the part the phone apps cover
        assert 0.55 < top and bottom < 0.77
    else:
        assert 0.7 < top and bottom < 0.91


def test_user_text_cannot_write_ass_syntax(tmp_path):
    hostile = r"{\pos(0,0)\c&H0000FF&}C:\New {x}"
    script = tmp_path / "c.ass"
    overlay = TextOverlay(hostile, 0, 12, "caption", None, "highlight", 1)
    write_script([overlay], script, width=320, height=180, fps=RATE.fps)
    (line,) = [t for t in script.read_text().splitlines() if t.startswith("Dialogue:")]
    text = line.split(",,", 2)[-1].split(",,", 1)[-1]
    opened = [i for i, c in enumerate(text) if c == "{" and (i == 0 or text[i - 1] != "\\")]
    assert len(opened) == 2  # only our two colour changes around the spoken word
    assert "\\N" not in text and "\\\u200bNew" in text
    out = tmp_path / "hostile.mp4"
    clip = VideoClip(str(_grey(tmp_path / "g.mp4", (320, 180), 12)), 12)
    timeline = Timeline(RATE, 320, 180).with_clip(clip).with_overlay(overlay)
    render(timeline, out)
    assert _white(frames_at(out, [6])[6]).sum() > 50  # drawn, as text


def test_a_style_draws_in_the_font_it_names(tmp_path):
    from videoagent.media.fonts import font_file

    default = font_file()
    if default is None:
        pytest.skip("no Unicode font installed")
    mono = default.with_name("DejaVuSansMono.ttf")
    if not mono.exists():
        pytest.skip(f"{mono} is not installed")
    size = (320, 180)
    inked = {}
    for spec in ("outline", f"outline:font={mono}"):
        clip = VideoClip(str(_grey(tmp_path / "g.mp4", size, 12)), 12)
        timeline = burn_in(Timeline(RATE, *size).with_clip(clip), [Cue(0, 0.5, "illicit")], spec)
        render(timeline, tmp_path / "c.mp4")
        columns = np.nonzero(_white(frames_at(tmp_path / "c.mp4", [6])[6]))[1]
        inked[spec] = columns.max() - columns.min()
    # "illicit" is narrow in a proportional font and as wide as any word in a monospace one
    assert inked[f"outline:font={mono}"] > 1.3 * inked["outline"]


def test_styles_are_read_by_name_and_settings_and_bad_ones_named():
    style = caption_style("highlight:colour=white,highlight=#00e0ff,size=1.5,position=top")
    assert style.highlight == (0, 224, 255) and style.position == "top"
    assert style.size == pytest.approx(caption_style("highlight").size * 1.5)
    assert caption_style("outline:outline=none,box=yes").box
    for bad, named in [
        ("neon", "'neon'"),
        ("highlight:size=9", "'9'"),
        ("highlight:colour=blurple", "'blurple'"),
        ("boxed:position=left", "'left'"),
        ("boxed:size", "'size'"),
        ("boxed:glow=1", "'glow'"),
        ("boxed:font=/no/such.ttf", "'/no/such.ttf'"),
    ]:
        with pytest.raises(UsageError, match=named):
            caption_style(bad)


def test_styled_captions_round_trip_through_the_timeline_file(tmp_path):
    clip = VideoClip(str(_grey(tmp_path / "g.mp4", (160, 96), 24)), 24)
    words = (CueWord("hello", 0.1, 0.4), CueWord("there", 0.4, 0.8))
    timeline = burn_in(
        Timeline(RATE, 160, 96).with_clip(clip), [Cue(0.0, 0.9, "hello there", words)], "highlight"
    )
    write_otio(timeline, tmp_path / "t.otio")
    back = read_otio(tmp_path / "t.otio")
    assert back.overlays == timeline.overlays
    assert {o.style for o in back.overlays} == {"highlight"}
