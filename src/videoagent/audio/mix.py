"""The mix: voice, effects, ambience and music placed in time on one stereo track of the
video's exact length, music (and, less, ambience) ducked under the voice, then brought to the
target loudness.

Ducking follows the voice's own envelope (fast attack, slow release), so the music dips
while words are spoken and comes back between lines, as a sidechain compressor would."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.pcm import normalise


@dataclass
class Layer:
    """Sound placed at `start` seconds: mono or stereo samples at RATE, of one `kind`."""

    name: str
    kind: str  # "voice", "effect", "ambience" or "music"
    samples: np.ndarray
    start: float = 0.0
    gain_db: float = 0.0
    meta: dict = field(default_factory=dict)


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


def mix(
    layers: list[Layer],
    seconds: float,
    *,
    duck_db: float = -14.0,
    target_lufs: float | None = -16.0,
    true_peak: float = -2.0,  # headroom: AAC encoding lifts peaks by a few tenths
) -> np.ndarray:
    """All layers on one stereo track of exactly `seconds`, loudness-normalised."""
    total = round(seconds * RATE)
    kinds = ("voice", "effect", "ambience", "music")
    buses = {kind: np.zeros((total, 2), np.float32) for kind in kinds}
    for layer in layers:
        sound = _stereo(layer.samples.astype(np.float32)) * 10 ** (layer.gain_db / 20)
        at = round(layer.start * RATE)
        if at >= total or at + len(sound) <= 0:
            continue
        cut = sound[max(-at, 0) : total - at]
        buses[layer.kind][max(at, 0) : max(at, 0) + len(cut)] += cut
    voice = buses["voice"]
    if np.any(voice):
        block = RATE // 100
        blocks = total // block
        energy = np.abs(voice[: blocks * block, 0]).reshape(blocks, block).max(axis=1)
        speaking = (energy > 0.01).astype(np.float32)
        envelope = np.repeat(_follow(speaking, attack=0.05, release=0.4), block)
        envelope = np.pad(envelope, (0, total - len(envelope)), mode="edge")
        ducking = (1 - (1 - 10 ** (duck_db / 20)) * envelope)[:, None]
        buses["music"] *= ducking
        buses["ambience"] *= np.sqrt(ducking)  # half as far: the place stays audible
    out = voice + buses["effect"] + buses["ambience"] + buses["music"]
    if target_lufs is None or not np.any(out):
        return out
    return normalise(out, target=target_lufs, peak=true_peak)
