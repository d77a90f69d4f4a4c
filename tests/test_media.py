"""Real mp4 files: written, probed, rendered from timelines, read back."""

from __future__ import annotations

import numpy as np

from videoagent.media.detect import picture_stats
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.media.render import render
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.model import CardClip, TextOverlay, Timeline, Transition, VideoClip
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
    report = render(timeline, tmp_path / "out.mp4")
    assert report.method == "copy" and report.count("copied") == 2
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
    assert render(timeline, out).method == "encode"
    info = probe(out, count_frames=True)
    assert info.frames == 60 and abs(info.video_duration - 2.5) < 1 / 24
    assert picture_stats(out).black_frames < 10


def _bar(frame) -> int:
    """Column of the white bar `_clip` draws (it moves 3 px a frame)."""
    return int(np.argmax(frame[48, :, :].astype(int).sum(axis=1)))


def test_pieces_are_reused_and_only_changed_ones_encoded(tmp_path):
    a, b, c = (_clip(tmp_path / f"{n}.mp4", 40, 60 + 40 * i) for i, n in enumerate("abc"))
    pieces = tmp_path / "pieces"

    def edit(middle, text_at):
        return (
            Timeline(RATE, 160, 96)
            .with_clip(VideoClip(str(a), 30, shot_id="a"))
            .with_clip(
                VideoClip(str(middle), 30, source_in=4, shot_id="b"), Transition("crossfade", 8)
            )
            .with_clip(VideoClip(str(c), 30, source_in=4, shot_id="c"))
            .with_overlay(TextOverlay("SALE", text_at, 10))
            .with_fades(fade_in=6)
        )

    first = render(edit(b, 70), tmp_path / "one.mp4", pieces_dir=pieces)
    assert first.count("encoded") == 4 and first.count("reused") == 0  # span, blend, span, span
    again = render(edit(b, 70), tmp_path / "two.mp4", pieces_dir=pieces)
    assert again.count("reused") == 4 and again.method == "copy"
    moved = render(edit(b, 40), tmp_path / "three.mp4", pieces_dir=pieces)
    # Moving the text from the last shot to the middle one re-encodes exactly those two.
    assert moved.count("encoded") == 2 and moved.count("reused") == 2
    out = tmp_path / "three.mp4"
    assert probe(out, count_frames=True).frames == 90
    frames = frames_at(out, [20, 50, 62, 75])
    # Mid-clip frames show the source frame the edit asks for: bar at 3 px per source frame.
    assert _bar(frames[20]) == (20 * 3) % 160
    assert _bar(frames[50]) == ((50 - 30 + 4) * 3) % 160
    assert _bar(frames[75]) == ((75 - 60 + 4) * 3) % 160


def _take(path, frames, cuts, shade=0):
    """Like `_clip`, with keyframes where a timeline cuts it (as the agent's takes have)."""
    with Mp4Writer(path, size=(160, 96), rate=RATE, frames=frames, cuts=cuts) as writer:
        for i in range(frames):
            frame = np.full((96, 160, 3), shade, np.uint8)
            frame[:, (i * 3) % 160] = 255
            frame[(i * 2) % 96, :] = 180
            writer.write(frame)
    return path


def test_spans_are_copied_keyframe_to_keyframe_and_decode_to_the_takes_own_pixels(tmp_path):
    from videoagent.media.frames import iter_frames

    # Three takes with 6 frames of handle each side and keyframes at their in and out points.
    takes = [_take(tmp_path / f"{n}.mp4", 60, (6, 54), 40 * (i + 1)) for i, n in enumerate("abc")]
    source = [list(iter_frames(t)) for t in takes]
    cuts = Timeline(RATE, 160, 96)
    for take in takes:
        cuts = cuts.with_clip(VideoClip(str(take), 48, source_in=6))
    report = render(cuts, tmp_path / "cuts.mp4")
    assert (report.count("copied"), report.count("encoded")) == (3, 0)
    out = list(iter_frames(tmp_path / "cuts.mp4"))
    assert len(out) == 144
    for index in range(3):  # bit for bit the takes' frames 6..53: nothing was re-encoded
        assert all(np.array_equal(out[48 * index + k], source[index][6 + k]) for k in range(48))

    # Takes made for a 12-frame crossfade have their keyframes where its blend ends: the
    # spans on either side are copied, only the blend is encoded.
    a = _take(tmp_path / "fa.mp4", 60, (6, 48), 60)
    b = _take(tmp_path / "fb.mp4", 60, (12, 54), 160)
    faded = (
        Timeline(RATE, 160, 96)
        .with_clip(VideoClip(str(a), 48, source_in=6))
        .with_clip(VideoClip(str(b), 48, source_in=6), Transition("crossfade", 12))
    )
    report = render(faded, tmp_path / "faded.mp4")
    out = list(iter_frames(tmp_path / "faded.mp4"))
    assert len(out) == 96
    assert [(p["start"], p["frames"], p["how"]) for p in report.pieces] == [
        (0, 42, "copied"),
        (42, 12, "encoded"),
        (54, 42, "copied"),
    ]
    a_frames, b_frames = list(iter_frames(a)), list(iter_frames(b))
    assert all(np.array_equal(out[k], a_frames[6 + k]) for k in range(42))
    assert all(np.array_equal(out[54 + k], b_frames[12 + k]) for k in range(42))

    # A text re-encodes only the keyframe interval (2 s here) it falls in.
    long = _take(tmp_path / "long.mp4", 120, (0, 120))
    texted = Timeline(RATE, 160, 96).with_clip(VideoClip(str(long), 120))
    report = render(texted.with_overlay(TextOverlay("SALE", 50, 6)), tmp_path / "text.mp4")
    assert [(p["start"], p["frames"], p["how"]) for p in report.pieces] == [
        (0, 48, "copied"),
        (48, 48, "encoded"),
        (96, 24, "copied"),
    ]
    assert probe(tmp_path / "text.mp4", count_frames=True).frames == 120
    # The encoded second was decoded from its own keyframe (48), not from the take's start,
    # and still shows the frames the timeline asks for.
    shown = frames_at(tmp_path / "text.mp4", [48, 60, 95])
    assert [_bar(shown[k]) for k in (48, 60, 95)] == [(k * 3) % 160 for k in (48, 60, 95)]


def test_transition_without_enough_handle_holds_the_edge_frame(tmp_path):
    a, b = _clip(tmp_path / "a.mp4", 24, 60), _clip(tmp_path / "b.mp4", 24, 200)
    timeline = (
        Timeline(RATE, 160, 96)
        .with_clip(VideoClip(str(a), 24))
        .with_clip(VideoClip(str(b), 24), Transition("crossfade", 8))
    )
    out = tmp_path / "held.mp4"
    render(timeline, out)
    assert probe(out, count_frames=True).frames == 48


def test_black_and_frozen_detectors(tmp_path):
    with Mp4Writer(tmp_path / "k.mp4", size=(64, 64), rate=RATE, frames=30) as writer:
        for _ in range(30):
            writer.write(np.zeros((64, 64, 3), np.uint8))
    stats = picture_stats(tmp_path / "k.mp4")
    assert stats.black_frames == 30 and stats.longest_frozen_run == 29


def test_a_damaged_cached_piece_is_made_again(tmp_path):
    a = _clip(tmp_path / "a.mp4", 30, 60)
    timeline = Timeline(RATE, 160, 96).with_clip(VideoClip(str(a), 30)).with_fades(fade_in=4)
    pieces = tmp_path / "pieces"
    render(timeline, tmp_path / "one.mp4", pieces_dir=pieces)
    (piece,) = pieces.glob("*.mp4")
    piece.write_bytes(piece.read_bytes()[:-100])
    again = render(timeline, tmp_path / "two.mp4", pieces_dir=pieces)
    assert again.count("encoded") == 1
    assert probe(tmp_path / "two.mp4", count_frames=True).frames == 30


def _counting_clip(path, frames, rate, size=(192, 108)):
    """Frame i is grey level 10*i: which source frame was used can be read back."""
    with Mp4Writer(path, size=size, rate=rate, frames=frames) as writer:
        for i in range(frames):
            writer.write(np.full((size[1], size[0], 3), 10 * i, np.uint8))
    return path


def _levels(path):
    from videoagent.media.frames import iter_frames

    return [round(float(f.mean()) / 10) for f in iter_frames(path)]


def test_conform_picks_frames_by_time_and_holds_a_short_source(tmp_path):
    from videoagent.media.conform import conform

    source = _counting_clip(tmp_path / "src.mp4", 24, FrameRate.of(24))  # one second
    half = conform(
        source, tmp_path / "12.mp4", width=64, height=36, rate=FrameRate.of(12), frames=12
    )
    assert _levels(tmp_path / "12.mp4") == list(range(0, 24, 2))  # not sped up or slowed
    assert (half.source_frames, half.held_frames, half.source_size) == (24, 0, (192, 108))
    # Asked for 1.5 s of a 1 s source: the last frame is held, and the report says how long.
    long = conform(
        source, tmp_path / "long.mp4", width=64, height=64, rate=FrameRate.of(24), frames=36
    )
    levels = _levels(tmp_path / "long.mp4")
    assert levels[:24] == list(range(24)) and set(levels[24:]) == {23}
    assert long.held_frames == 12
    assert probe(tmp_path / "long.mp4").width == 64  # cropped square, not stretched


def test_the_sound_track_is_the_timelines_one_cue_and_other_cues_are_refused(tmp_path):
    import wave

    import pytest

    from videoagent.errors import UsageError
    from videoagent.timeline.model import AudioCue

    a = _clip(tmp_path / "a.mp4", 24, 60)
    tone = tmp_path / "tone.wav"
    with wave.open(str(tone), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(48000)
        samples = (np.sin(np.arange(48000) * 2 * np.pi * 440 / 48000) * 8000).astype("<i2")
        out.writeframes(samples.tobytes())
    timeline = Timeline(RATE, 160, 96).with_clip(VideoClip(str(a), 24))
    render(timeline.with_audio(AudioCue(str(tone), 0, 24)), tmp_path / "sound.mp4")
    info = probe(tmp_path / "sound.mp4")
    assert info.audio_codec is not None and abs(info.duration - 1.0) < 0.05
    with pytest.raises(UsageError, match="one mixed sound track from frame 0"):
        render(timeline.with_audio(AudioCue(str(tone), 6, 18)), tmp_path / "late.mp4")
    assert not (tmp_path / "late.mp4").exists()


def test_frames_at_seeks_to_the_frames_wanted_and_gives_the_pixels_of_a_full_decode(tmp_path):
    from videoagent.media.frames import SEEK_AHEAD, frames_at, iter_frames

    clip = tmp_path / "long.mp4"
    with Mp4Writer(clip, size=(160, 96), rate=RATE, frames=400) as writer:
        for i in range(400):
            frame = np.full((96, 160, 3), (i * 7) % 256, np.uint8)
            frame[:, (i * 3) % 160] = 255
            writer.write(frame)
    every = list(iter_frames(clip))
    wanted = [3, 3 + SEEK_AHEAD + 100, 399, 250, 251, 0]  # far apart, near, out of order
    found = frames_at(clip, wanted)
    assert sorted(found) == sorted(set(wanted))
    assert all(np.array_equal(found[i], every[i]) for i in wanted)
    assert frames_at(clip, [400, 1000]) == {} and frames_at(clip, []) == {}
