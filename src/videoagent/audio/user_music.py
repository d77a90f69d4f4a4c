"""The user's own music as the bed (`make --music FILE`): any file FFmpeg reads, at the
mix's rate in stereo, brought to the generated bed's loudness, laid from the video's
start (played again from its start if it is shorter), and ended with the video: faded out
from the last beat at least `FADE_SECONDS` before the end, so it stops on the music's own
pulse rather than mid-note. The mix ducks it under the narration as it does the bed.

A beat is an onset of the music's energy: a frame (`HOP` samples) whose log energy rises
more than the median rise by `ONSET_SPREAD` times its spread; no tempo is assumed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.audio_file import read_audio
from videoagent.audio.loudness import measure_samples
from videoagent.audio.mix import Layer
from videoagent.store.files import file_sha256

MUSIC_LUFS = -20.0  # what the music is brought to before the mix's gain (the bed's level)
FADE_SECONDS = 1.0  # the shortest fade-out at the end
LOOKBACK_SECONDS = 4.0  # how far before the end a beat is looked for
HOP = 1024  # samples per energy frame (21 ms at 48 kHz)
ONSET_SPREAD = 2.0


def music_file_layer(path: Path, seconds: float, *, gain_db: float = -6.0) -> tuple[Layer, dict]:
    """The music at `path` as the mix's music layer for a video of `seconds`, and what was
    done to it (its loudness before, where it fades)."""
    samples = read_audio(path, "--music-file")
    before = measure_samples(samples).integrated
    if np.isfinite(before):
        samples = samples * np.float32(10 ** ((MUSIC_LUFS - before) / 20))
    length = round(seconds * RATE)
    repeats = -(-length // len(samples))
    samples = np.tile(samples, (repeats, 1))[:length]
    fade_from = ending_beat(samples, seconds)
    fade = np.ones(length, np.float32)
    start = round(fade_from * RATE)
    fade[start:] = np.linspace(1.0, 0.0, length - start, dtype=np.float32)
    samples = samples * fade[:, None]
    layer = Layer(
        f"music: {Path(path).name}",
        "music",
        samples,
        0.0,
        gain_db,
        key=f"music-file:{file_sha256(Path(path))}:{seconds}",
    )
    figures = {
        "file": Path(path).name,
        "loudness_before": round(float(before), 1),
        "brought_to": MUSIC_LUFS,
        "played": repeats,
        "fades_from": round(fade_from, 3),
    }
    return layer, figures


def ending_beat(samples: np.ndarray, seconds: float) -> float:
    """Where the fade-out starts: the last beat between LOOKBACK_SECONDS and FADE_SECONDS
    before the end, else FADE_SECONDS before it."""
    latest = max(0.0, seconds - FADE_SECONDS)
    beats = [b for b in beats_of(samples) if seconds - LOOKBACK_SECONDS <= b <= latest]
    return beats[-1] if beats else latest


def beats_of(samples: np.ndarray) -> list[float]:
    """The onsets of `samples`' energy, in seconds."""
    mono = samples.mean(axis=1)
    frames = len(mono) // HOP
    if frames < 3:
        return []
    energy = np.log10((mono[: frames * HOP].reshape(frames, HOP) ** 2).mean(axis=1) + 1e-10)
    rise = np.maximum(np.diff(energy), 0.0)
    threshold = np.median(rise) + ONSET_SPREAD * rise.std()
    onsets = np.flatnonzero((rise > threshold) & (rise >= np.roll(rise, 1)))
    return [float((index + 1) * HOP / RATE) for index in onsets]
