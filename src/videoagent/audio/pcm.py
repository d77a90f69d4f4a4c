"""Raw audio through FFmpeg: resampling and loudness normalisation on float32 arrays, piped
(no temporary files), and WAV files written whole or not at all."""

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


def normalise(mix: np.ndarray, into: Path, *, target: float = -16.0, peak: float = -2.0) -> Path:
    """A stereo mix brought to `target` LUFS (EBU R128 integrated, by the meter the verify
    step uses) with its peaks held below `peak`, written to `into` as 16-bit WAV (FFmpeg
    writes it: the normalised mix is never held in memory beside the mix): a gain from the
    measured loudness, a look-ahead limiter (FFmpeg's alimiter, run at 4x the rate to catch
    peaks between samples) half a dB under the ceiling for the peaks the gain pushes over it
    (speech is peaky), and the gain corrected for what the limiter took (by the slope seen so
    far: footsteps alone are so peaky that a dB of gain buys a fraction of a dB), up to six
    times. Same length in, same length out.

    (loudnorm alone fell short here: in linear mode it will not raise a peaky narration mix
    far enough, and its dynamic mode landed 0.2 to 2.6 LU off on 20 s mixes.)"""
    from videoagent.audio.loudness import measure, measure_samples

    first = measure_samples(mix).integrated
    if not np.isfinite(first):
        return write_wav(into, mix)  # silence stays silence
    ceiling = 10 ** ((peak - 0.5) / 20)
    # Limited at four times the rate, so peaks between samples are caught too (true peak);
    # filters may add or drop a few samples: padded and cut back to the length given.
    limiter = (
        f"aresample={4 * RATE},alimiter=limit={ceiling:.4f}:attack=5:release=80:level=disabled,"
        f"aresample={RATE},apad=whole_len={len(mix)},atrim=end_sample={len(mix)}"
    )
    part = partial_path(Path(into))
    gain, tried = target - first, (0.0, first)  # (gain, loudness reached) last time
    for _ in range(6):
        _to_wav(mix, f"volume={gain:.3f}dB,{limiter}", part)
        reached = measure(part).integrated
        if abs(reached - target) <= 0.2:
            break
        # Each dB of gain buys less than a dB once the limiter works: step by the slope seen.
        slope = (reached - tried[1]) / (gain - tried[0]) if gain != tried[0] else 1.0
        tried = (gain, reached)
        gain += (target - reached) / min(max(slope, 0.2), 1.0)
    part.replace(into)
    return Path(into)


def _to_wav(samples: np.ndarray, filters: str, wav: Path) -> None:
    """Stereo float32 `samples` through FFmpeg `filters` into a 16-bit WAV file."""
    inputs = ["-f", "f32le", "-ar", str(RATE), "-ac", "2", "-i", "pipe:0"]
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-y", *inputs]
    outputs = ["-af", filters, "-c:a", "pcm_s16le", "-f", "wav", str(wav)]
    run([*command, *outputs], stdin=raw(samples))


def turn_down(wav: Path, db: float) -> Path:
    """The WAV file at `wav` made `db` quieter (negative), in place, atomically."""
    part = partial_path(wav)
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-y", "-i", str(wav)]
    run([*command, "-af", f"volume={db:.3f}dB", "-c:a", "pcm_s16le", "-f", "wav", str(part)])
    part.replace(wav)
    return wav


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
