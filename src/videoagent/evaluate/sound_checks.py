"""Checks on the video's sound, measured on the encoded track the video carries (see
sound_file): loudness at the target, true peak below the ceiling, the narration understood
when heard back, each subtitle starting with its words (the voice's onset found in the
audio itself, not taken from the recogniser that timed the cues); and that the final file
carries that very track."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from videoagent.audio import RATE
from videoagent.audio.loudness import Loudness, measure
from videoagent.audio.pcm import resample
from videoagent.audio.recognizer import WhisperRecognizer
from videoagent.audio.soundtrack import Soundtrack
from videoagent.audio.spoken import line_onset
from videoagent.audio.wer import word_error_rate
from videoagent.evaluate.check import Check
from videoagent.evaluate.heard_back import heard_lines
from videoagent.media.sound_file import sound_digest
from videoagent.store.derived import DerivedFiles

LOUDNESS_TOLERANCE = 1.0  # LU
PEAK_CEILING = -1.0  # dBTP
SILENCE_LUFS = -70.0  # EBU R128's absolute gate: the meter's reading of silence
MAX_WER = 0.25
CUE_TOLERANCE = 0.1  # seconds


def audio_of(video: Path) -> np.ndarray:
    """The first audio stream of `video`, mono float32 at RATE."""
    with av.open(str(video)) as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate
        chunks = [f.to_ndarray().astype(np.float32) for f in container.decode(stream)]
    data = np.concatenate(chunks, axis=1) if chunks else np.zeros((1, 0), np.float32)
    return resample(data.mean(axis=0), rate, RATE)


def effect_onsets(
    audio: np.ndarray, effects: list[dict], fps: float, *, apart: float = 0.1
) -> tuple[list[float], int]:
    """How far each effect's onset, found in `audio` (mono, RATE), is from its visual event
    (the frame that shows it), in seconds; effects within `apart` seconds of another are
    left out (their onsets cannot be told apart), and counted."""
    times = sorted(e["visual_frame"] / fps for e in effects)
    block = RATE // 1000  # 1 ms
    envelope = np.abs(audio[: len(audio) // block * block]).reshape(-1, block).max(axis=1)
    offsets, crowded = [], 0
    for i, when in enumerate(times):
        near = [t for j, t in enumerate(times) if j != i and abs(t - when) < apart]
        if near:
            crowded += 1
            continue
        lo, hi = max(round((when - 0.06) * 1000), 0), round((when + 0.06) * 1000)
        window = envelope[lo:hi]
        if len(window) == 0 or window.max() <= 0:
            continue
        onset = lo + int(np.argmax(window > 0.2 * window.max()))
        offsets.append(onset / 1000 - when)
    return offsets, crowded


def sound_checks(
    sound: Path,
    soundtrack: Soundtrack,
    *,
    target_lufs: float,
    recognizer: WhisperRecognizer | None,
    derived: DerivedFiles | None = None,  # where what was heard is kept for the next run
    loudness: Loudness | None = None,  # `sound`'s, when already measured
) -> tuple[list[Check], dict]:
    """The checks of the encoded `sound`, and the figures behind them for the manifest."""
    loud = loudness or measure(sound)
    figures: dict = {"loudness": loud.to_dict(), "target_lufs": target_lufs}
    # Nothing was to sound (music and ambience off, no narration, nothing seen makes a
    # sound): a silent track is what was asked, not a mix that failed to reach its level.
    asked_silence = not soundtrack.lines and not soundtrack.effects
    asked_silence &= not any(part.get("made") for part in soundtrack.parts.values())
    checks = [
        Check(
            "loudness",
            True,
            "silent, as asked: no narration, music, ambience or effect",
            value=loud.integrated,
            expected="silence",
        )
        if asked_silence and loud.integrated <= SILENCE_LUFS
        else Check(
            "loudness",
            abs(loud.integrated - target_lufs) <= LOUDNESS_TOLERANCE,
            f"{loud.integrated:.1f} LUFS integrated, target {target_lufs:g} "
            f"±{LOUDNESS_TOLERANCE:g}",
            value=loud.integrated,
            expected=target_lufs,
        ),
        Check(
            "true peak",
            loud.true_peak <= PEAK_CEILING,
            f"{loud.true_peak:.1f} dBTP, ceiling {PEAK_CEILING:g}",
            value=loud.true_peak,
            expected=PEAK_CEILING,
        ),
    ]
    lines = soundtrack.lines
    if lines and recognizer is not None:
        heard = " ".join(heard_lines(audio_of(sound), lines, recognizer, derived))
        spoken = " ".join(line.text for line in lines)
        wer = word_error_rate(spoken, heard)
        figures["narration"] = {"wer": round(wer, 3), "spoken": spoken, "heard": heard}
        checks.append(
            Check(
                "narration heard",
                wer <= MAX_WER,
                f"word error rate {wer:.1%} when each line is transcribed from the final mix",
                severity="warning",
                value=round(wer, 3),
                expected=MAX_WER,
            )
        )
    if lines and recognizer is None:
        checks.append(
            Check(
                "narration heard",
                True,
                "not measured: no speech recogniser (pip install 'videoagent[captions]')",
                severity="warning",
            )
        )
    if lines:
        offsets = []
        for line in lines:
            first_cue = min(
                (
                    c
                    for c in soundtrack.cues
                    if line.start - 0.05 <= c.start <= line.start + line.seconds
                ),
                key=lambda c: c.start,
                default=None,
            )
            if first_cue is not None:
                offsets.append(first_cue.start - line_onset(line))
        worst = max((abs(o) for o in offsets), default=0.0)
        figures["cue_offsets_ms"] = [round(o * 1000) for o in offsets]
        checks.append(
            Check(
                "subtitles on the voice",
                worst <= CUE_TOLERANCE,
                f"each line's first cue within {worst * 1000:.0f} ms of the voice's onset "
                f"({len(offsets)} lines)",
                value=round(worst, 3),
                expected=CUE_TOLERANCE,
            )
        )
    others = (
        lines
        or soundtrack.parts.get("music", {}).get("made")
        or soundtrack.parts.get("ambience", {}).get("made")
    )
    if soundtrack.effects and not others:  # effects alone: their onsets can be found
        fps = soundtrack.fps
        offsets, crowded = effect_onsets(audio_of(sound), soundtrack.effects, fps)
        frame = 1 / fps
        late = [o for o in offsets if abs(o) > frame]
        figures["effect_offsets_ms"] = [round(o * 1000, 1) for o in offsets]
        checks.append(
            Check(
                "effects on their frames",
                not late,
                f"{len(offsets) - len(late)}/{len(offsets)} effect onsets within one frame "
                f"({frame * 1000:.0f} ms) of their visual event ({crowded} too close to "
                "another to measure)",
                value=max((abs(o) for o in offsets), default=0.0),
                expected=frame,
            )
        )
    return checks, figures


def carries(video: Path, sound: Path) -> Check:
    """Whether `video` plays the encoded `sound` the other checks measured, packet for
    packet (a render copies it in; nothing may re-encode it on the way)."""
    same = sound_digest(video) == sound_digest(sound)
    return Check(
        "sound as measured",
        same,
        "the video's sound track is the measured mix, copied unchanged"
        if same
        else "the video's sound track differs from the mix that was measured",
    )


def sound_summary(figures: dict) -> str:
    """The sound's figures in one line, for the run's log."""
    loud = figures["loudness"]
    parts = [f"sound {loud['integrated']:.1f} LUFS, true peak {loud['true_peak']:.1f} dBTP"]
    if "narration" in figures:
        parts.append(f"narration heard back with {figures['narration']['wer']:.1%} word error")
    if figures.get("cue_offsets_ms"):
        worst = max(abs(o) for o in figures["cue_offsets_ms"])
        parts.append(f"subtitles within {worst} ms of the voice")
    if figures.get("effect_offsets_ms"):
        worst = max(abs(o) for o in figures["effect_offsets_ms"])
        parts.append(f"effects within {worst:.0f} ms of their frames")
    return "; ".join(parts)
