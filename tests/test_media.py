"""Real mp4 files: written, probed, rendered from timelines, read back."""

from __future__ import annotations

import numpy as np

from videoagent.media.detect import picture_stats
from videoagent.media.probe import probe
from videoagent.media.render import can_stream_copy, render
from videoagent.media.writer import Mp4Writer
from videoagent.timeline import CardClip, TextOverlay, Timeline, Transition, VideoClip
from videoagent.timeline.time import FrameRate

RATE = FrameRate.of(24)


def _clip(path, frames, shade=0):
    with Mp4Writer(path, size=(160, 96), rate=RATE, frames=frames) as writer:
        for i in range(frames):
            frame = np.full((96, 160, 3), shade, np.uint8)
            frame[:, (i * 3) % 160] = 255
            writer.write(frame)
    return path


def test_writer_makes_exact_h264_aac_files(tmp_path):
    info = probe(_clip(tmp_path / "a.mp4", 37, 80), count_frames=True)
    assert (info.frames, info.width, info.height, info.fps) == (37, 160, 96, 24)
    assert info.video_codec == "h264" and info.audio_codec == "aac"
    assert not list(tmp_path.glob(".*part*"))


def test_cuts_of_compatible_clips_are_joined_by_stream_copy(tmp_path):
    a, b = _clip(tmp_path / "a.mp4", 24, 60), _clip(tmp_path / "b.mp4", 30, 120)
    timeline = (
        Timeline(RATE, 160, 96).with_clip(VideoClip(str(a), 24)).with_clip(VideoClip(str(b), 30))
    )
    assert can_stream_copy(timeline)
    assert render(timeline, tmp_path / "out.mp4") == "copy"
    assert probe(tmp_path / "out.mp4", count_frames=True).frames == 54


def test_crossfades_cards_and_hostile_overlay_text_render_exactly(tmp_path):
    a, b = _clip(tmp_path / "a.mp4", 30, 60), _clip(tmp_path / "b.mp4", 30, 200)
    hostile = "SALE'; drawtext=text=x:[0:v] $(rm -rf /) %{pts}"
    timeline = (
        Timeline(RATE, 160, 96)
        .with_clip(CardClip("Title: it's [here]", 12))
        .with_clip(VideoClip(str(a), 24, source_in=3), Transition("crossfade", 6))
        .with_clip(VideoClip(str(b), 24, source_in=3), Transition("fade_black", 6))
        .with_overlay(TextOverlay(hostile, 20, 10))
    )
    out = tmp_path / "out.mp4"
    assert render(timeline, out) == "encode"
    info = probe(out, count_frames=True)
    assert info.frames == 60 and abs(info.video_duration - 2.5) < 1 / 24
    assert picture_stats(out).black_frames < 10


def test_black_and_frozen_detectors(tmp_path):
    with Mp4Writer(tmp_path / "k.mp4", size=(64, 64), rate=RATE, frames=30) as writer:
        for _ in range(30):
            writer.write(np.zeros((64, 64, 3), np.uint8))
    stats = picture_stats(tmp_path / "k.mp4")
    assert stats.black_frames == 30 and stats.longest_frozen_run == 29
