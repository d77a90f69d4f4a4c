"""The mix: voice, effects, ambience and music placed in time on one stereo track of the
video's exact length, music (and, less, ambience) ducked under the voice (mastering.py then
brings it to the target loudness).

Ducking follows the voice's own envelope (fast attack, slow release), so the music dips
while words are spoken and comes back between lines, as a sidechain compressor would."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from videoagent.audio import RATE

BLOCK = 10 * RATE  # samples of a layer added at a time


@dataclass
class Layer:
    """Sound placed at `start` seconds: mono or stereo samples at RATE, of one `kind`."""

    name: str
    kind: str  # "voice", "effect", "ambience" or "music"
    samples: np.ndarray
    start: float = 0.0
    gain_db: float = 0.0
    meta: dict = field(default_factory=dict)
    # A long layer made as it is laid: (first sample after `start`, samples) in turn,
    # instead of `samples` whole.
    parts: Callable[[], Iterable[tuple[int, np.ndarray]]] | None = None


def _stereo(samples: np.ndarray) -> np.ndarray:
    return samples[:, None].repeat(2, axis=1) if samples.ndim == 1 else samples


def _follow(level: np.ndarray, attack: float, release: float) -> np.ndarray:
    """A smoothed 0..1 envelope of `level` (per 10 ms block)."""
    out = np.zeros_like(level)
    state = 0.0
    up, down = 1 - np.exp(-0.01 / attack), 1 - np.exp(-0.01 / release)
    for i, value in enumerate(level):
        state += (value - state) * (up if value > state else down)
        out[i] = state
    return out


def mix(layers: list[Layer], seconds: float, *, duck_db: float = -14.0) -> np.ndarray:
    """All layers on one stereo float32 track of exactly `seconds` (not yet mastered: see
    mastering.py). The voice is laid first (its envelope says where to duck), then every
    other layer is added to the same track, ducked as it goes, a block at a time: one track
    of the video's length, and no copy of a long layer."""
    total = round(seconds * RATE)
    out = np.zeros((total, 2), np.float32)
    voices = [layer for layer in layers if layer.kind == "voice"]
    for layer in voices:
        _add(out, layer, total)
    ducked: dict[str, np.ndarray | None] = {"music": None, "ambience": None}
    if np.any(out):
        ducking = _ducking(out, duck_db)
        # The place ducks half as far as the music: it stays audible.
        ducked = {"music": ducking, "ambience": np.sqrt(ducking)}
    for layer in layers:
        if layer.kind != "voice":
            _add(out, layer, total, ducked.get(layer.kind))
    return out


def _add(out: np.ndarray, layer: Layer, total: int, ducking: np.ndarray | None = None) -> None:
    """`layer` added into `out` at its start, at its gain, times `ducking` where given."""
    gain = np.float32(10 ** (layer.gain_db / 20))
    start = round(layer.start * RATE)
    for offset, samples in layer.parts() if layer.parts else [(0, layer.samples)]:
        _add_samples(out, samples, start + offset, gain, total, ducking)


def _add_samples(
    out: np.ndarray,
    samples: np.ndarray,
    at: int,
    gain: np.float32,
    total: int,
    ducking: np.ndarray | None,
) -> None:
    """`samples` times `gain` (and `ducking`) added into `out` from sample `at`, a block at
    a time; what falls outside the track is left out."""
    if at >= total or at + len(samples) <= 0:
        return
    first, last = max(-at, 0), min(len(samples), total - at)
    for lo in range(first, last, BLOCK):
        sound = _stereo(samples[lo : min(lo + BLOCK, last)].astype(np.float32)) * gain
        where = at + lo
        if ducking is not None:
            sound *= ducking[where : where + len(sound), None]
        out[where : where + len(sound)] += sound


def _ducking(voice: np.ndarray, duck_db: float) -> np.ndarray:
    """A gain per sample (float32, 1 while silent, down to `duck_db` while speaking) from the
    voice's own envelope, in 10 ms blocks."""
    total = len(voice)
    block = RATE // 100
    blocks = total // block
    energy = np.abs(voice[: blocks * block, 0]).reshape(blocks, block).max(axis=1)
    speaking = (energy > 0.01).astype(np.float32)
    envelope = np.repeat(_follow(speaking, attack=0.05, release=0.4), block)
    envelope = np.pad(envelope, (0, total - len(envelope)), mode="edge")
    return (1 - (1 - 10 ** (duck_db / 20)) * envelope).astype(np.float32)
