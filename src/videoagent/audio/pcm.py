"""Raw audio through FFmpeg: resampling float32 arrays, piped (no temporary files), and WAV
files written whole or not at all."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.raw import raw
from videoagent.media.ffmpeg import ffmpeg_exe, run
from videoagent.store.files import partial_path

WAV_BLOCK = 10 * RATE  # samples written at a time


def _pipe(
    samples: np.ndarray, rate: int, channels: int, filters: str, out_rate: int, out_channels: int
) -> tuple[np.ndarray, str]:
    command = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-f",
        "f32le",
        "-ar",
        str(rate),
        "-ac",
        str(channels),
        "-i",
        "pipe:0",
        "-af",
        filters,
        "-ar",
        str(out_rate),
        "-ac",
        str(out_channels),
        "-f",
        "f32le",
        "pipe:1",
    ]
    done = run(command, stdin=raw(samples))
    stderr = done.stderr.decode("utf-8", "replace")
    out = np.frombuffer(done.stdout, np.float32)
    return (out.reshape(-1, out_channels) if out_channels > 1 else out), stderr


def resample(samples: np.ndarray, rate: int, to: int = RATE) -> np.ndarray:
    """Mono `samples` at `rate` as mono at `to` (FFmpeg's resampler)."""
    if rate == to:
        return samples.astype(np.float32)
    return _pipe(samples, rate, 1, "anull", to, 1)[0]


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """16-bit PCM WAV (stereo [n, 2] or mono [n]), written atomically, a block at a time
    (a long mix is never copied whole)."""
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    part = partial_path(Path(path))
    part.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(part), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        for start in range(0, len(samples), WAV_BLOCK):
            block = np.clip(samples[start : start + WAV_BLOCK], -1.0, 1.0)
            out.writeframes((block * 32767).astype("<i2").tobytes())
    part.replace(path)
    return Path(path)
