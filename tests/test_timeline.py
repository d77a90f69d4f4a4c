"""Exact time, immutable edits, OTIO round trip, subtitles."""

from __future__ import annotations

from fractions import Fraction

import opentimelineio as otio
import pytest

from videoagent.errors import UsageError
from videoagent.timeline.model import (
    Caption,
    CardClip,
    TextOverlay,
    Timeline,
    Transition,
    VideoClip,
)
from videoagent.timeline.otio_io import read_otio, write_otio
from videoagent.timeline.subtitles import to_srt, to_webvtt
from videoagent.timeline.time import FrameRate


def _timeline() -> Timeline:
    timeline = Timeline(rate=FrameRate.of("30000/1001"), width=640, height=360)
    timeline = timeline.with_clip(CardClip("Title", 48, subtitle="sub"))
    timeline = timeline.with_clip(
        VideoClip("a.mp4", 100, source_in=6, shot_id="shot-02"), Transition("crossfade", 12)
    )
    timeline = timeline.with_clip(VideoClip("b.mp4", 90, shot_id="shot-03"))
    timeline = timeline.with_overlay(TextOverlay("SALE", 60, 48, "top"))
    return timeline.with_caption(Caption("Hello, world.", 48, 100))


def test_rates_are_exact():
    rate = FrameRate.of(29.97)
    assert rate.fps == Fraction(30000, 1001)
    assert rate.frames(Fraction(1001, 30000) * 900) == 900


def test_otio_round_trip(tmp_path):
    timeline = _timeline()
    path = tmp_path / "t.otio"
    write_otio(timeline, path)
    assert read_otio(path) == timeline
    document = otio.adapters.read_from_file(str(path))
    assert len(document.tracks[0].find_clips()) == 3


def test_edits_return_new_values_and_keep_length():
    timeline = _timeline()
    assert timeline.duration == 48 + 100 + 90
    assert timeline.handles(0) == (0, 6) and timeline.handles(1) == (6, 0)
    assert timeline.handles(2) == (0, 0)
    longer = timeline.with_clip(VideoClip("c.mp4", 10))
    assert longer.duration == timeline.duration + 10 and timeline.duration == 238


def test_invalid_edits_are_refused():
    with pytest.raises(UsageError, match="outside"):
        _timeline().with_overlay(TextOverlay("late", 230, 20))
    with pytest.raises(UsageError, match="longer than"):
        Timeline(FrameRate.of(24), 64, 64).with_clip(VideoClip("a", 5)).with_clip(
            VideoClip("b", 5), Transition("crossfade", 8)
        )


def test_subtitles():
    timeline = (
        Timeline(rate=FrameRate.of(24), width=64, height=64)
        .with_clip(VideoClip("a", 240))
        .with_caption(Caption("Hi.", 24, 36))
    )
    assert to_srt(timeline) == "1\n00:00:01,000 --> 00:00:02,500\nHi.\n"
    assert "00:00:01.000 --> 00:00:02.500" in to_webvtt(timeline)
