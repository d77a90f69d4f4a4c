"""The mix: voice, effects, ambience and music placed in time on one stereo track of the
video's exact length, music (and, less, ambience) ducked under the voice (mastering.py then
brings it to the target loudness).

Ducking follows the voice's own envelope (fast attack, slow release), so the music dips
while words are spoken and comes back between lines, as a sidechain compressor would.

A `Mix` is made a window at a time, and each window has a key: the keys of the layers that
sound in it, where they stand, and the ducking there. After an edit, mastering asks for the
windows whose key changed and for no other: the rest of the track is never made. A window
is, sample for sample, that stretch of the track made whole (the same layers added in the
same order)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from videoagent.audio import RATE

# How far the music goes down at the voice's loudest. The duck follows the voice's envelope,
# so across a spoken line (its pauses between words included) the music sits less far down:
# at -14 dB a user's music measured 10.7 dB under a line, at -18 dB 14.5 dB.
DUCK_DB = -18.0

BLOCK = 10 * RATE  # samples of a layer added at a time
DUCK_STEP = RATE // 100  # the voice's envelope is followed in 10 ms steps
MIX_VERSION = 1  # raise when the same layers mix to other samples


@dataclass
class Layer:
    """Sound placed at `start` seconds: mono or stereo samples at RATE, of one `kind`."""

    name: str
    kind: str  # "voice", "effect", "ambience" or "music"
    samples: np.ndarray
    start: float = 0.0
    gain_db: float = 0.0
    meta: dict = field(default_factory=dict)
    # A long layer made as it is laid: `parts(lo, hi)` gives (first sample after `start`,
    # samples) of at least the parts that sound in its samples lo..hi, instead of `samples`
    # whole; such a layer says its `length` and a `key` of what decides its samples.
    parts: Callable[[int, int], Iterable[tuple[int, np.ndarray]]] | None = None
    length: int = 0
    key: str = ""  # what decides the samples; made from `samples` when not given

    def __post_init__(self) -> None:
        if self.parts is None:
            self.length = len(self.samples)
        elif not self.key:
            raise ValueError(f"layer {self.name!r} is made in parts and needs a key")

    @property
    def first(self) -> int:
        """The sample of the track where the layer begins."""
        return round(self.start * RATE)


def _stereo(samples: np.ndarray) -> np.ndarray:
    return samples[:, None].repeat(2, axis=1) if samples.ndim == 1 else samples


def _follow(level: np.ndarray, attack: float, release: float) -> np.ndarray:
    """A smoothed 0..1 envelope of `level` (per 10 ms step)."""
    out = np.zeros_like(level)
    state = 0.0
    up, down = 1 - np.exp(-0.01 / attack), 1 - np.exp(-0.01 / release)
    for i, value in enumerate(level):
        state += (value - state) * (up if value > state else down)
        out[i] = state
    return out


class Mix:
    """`layers` on a stereo float32 track of exactly `seconds`, not yet mastered (see
    mastering.py), made a window at a time (or whole, once asked to)."""

    def __init__(self, layers: list[Layer], seconds: float, *, duck_db: float = DUCK_DB) -> None:
        self.total = round(seconds * RATE)
        # The voice first (its envelope says where to duck), then every other layer.
        self.layers = [layer for layer in layers if layer.kind == "voice"]
        self.layers += [layer for layer in layers if layer.kind != "voice"]
        self.duck_db = duck_db
        self.envelope = self._voice_envelope()
        self._whole: np.ndarray | None = None
        self._keys: dict[int, str] = {}

    @classmethod
    def of(cls, samples: np.ndarray) -> Mix:
        """A mix of one sound, as it is."""
        return cls([Layer("sound", "effect", samples)], len(samples) / RATE)

    def __len__(self) -> int:
        return self.total

    def whole(self) -> np.ndarray:
        """The whole track, made once and kept (windows are then cut from it)."""
        if self._whole is None:
            self._whole = self.window(0, self.total)
        return self._whole

    def window(self, lo: int, hi: int) -> np.ndarray:
        """Samples lo..hi of the track, stereo float32."""
        lo, hi = max(lo, 0), min(hi, self.total)
        if self._whole is not None:
            return self._whole[lo:hi]
        out = np.zeros((max(hi - lo, 0), 2), np.float32)
        ducking = self._ducking(lo, hi)
        for layer in self._sounding(lo, hi):
            duck = None
            if ducking is not None and layer.kind == "music":
                duck = ducking
            elif ducking is not None and layer.kind == "ambience":
                duck = np.sqrt(ducking)  # the place ducks half as far: it stays audible
            gain = np.float32(10 ** (layer.gain_db / 20))
            for offset, samples in self._parts(layer, lo, hi):
                _add_samples(out, samples, layer.first + offset - lo, gain, duck)
        return out

    def key(self, lo: int, hi: int) -> str:
        """What decides samples lo..hi: the layers sounding there, where, how loud; the
        ducking there."""
        lo, hi = max(lo, 0), min(hi, self.total)
        about = [MIX_VERSION, lo, hi, self.total, self.duck_db]
        about += [
            [layer.kind, self._key(layer), layer.first, layer.gain_db]
            for layer in self._sounding(lo, hi)
        ]
        digest = hashlib.sha256(json.dumps(about).encode())
        if self.envelope is not None:
            digest.update(self._envelope_at(lo, hi).tobytes())
        return digest.hexdigest()

    def _sounding(self, lo: int, hi: int) -> list[Layer]:
        return [
            layer
            for layer in self.layers
            if layer.first < hi and layer.first + layer.length > lo and layer.length
        ]

    def _key(self, layer: Layer) -> str:
        if layer.key:
            return layer.key
        found = self._keys.get(id(layer.samples))  # effects share a few sounds
        if found is None:
            samples = np.ascontiguousarray(layer.samples, np.float32)
            found = hashlib.sha256(samples.tobytes() + str(samples.shape).encode()).hexdigest()
            self._keys[id(layer.samples)] = found
        return found

    @staticmethod
    def _parts(layer: Layer, lo: int, hi: int) -> Iterable[tuple[int, np.ndarray]]:
        """The parts of `layer` that sound in track samples lo..hi (a layer made in parts
        makes only those)."""
        if layer.parts is None:
            return [(0, layer.samples)]
        return layer.parts(max(lo - layer.first, 0), min(hi - layer.first, layer.length))

    def _voice_envelope(self) -> np.ndarray | None:
        """The voice's envelope, 0..1 per 10 ms step, or None without a voice."""
        voices = [layer for layer in self.layers if layer.kind == "voice"]
        steps = self.total // DUCK_STEP
        if not voices or not steps:
            return None
        level = np.zeros(steps, np.float32)
        for lo in range(0, steps * DUCK_STEP, BLOCK):
            hi = min(lo + BLOCK, steps * DUCK_STEP)
            out = np.zeros((hi - lo, 2), np.float32)
            for layer in voices:
                gain = np.float32(10 ** (layer.gain_db / 20))
                _add_samples(out, layer.samples, layer.first - lo, gain, None)
            level[lo // DUCK_STEP : hi // DUCK_STEP] = (
                np.abs(out[:, 0]).reshape(-1, DUCK_STEP).max(1)
            )
        if not np.any(level):
            return None
        return _follow((level > 0.01).astype(np.float32), attack=0.05, release=0.4)

    def _envelope_at(self, lo: int, hi: int) -> np.ndarray:
        """The envelope's steps that samples lo..hi fall in (the last step holds to the end)."""
        last = len(self.envelope) - 1
        return self.envelope[min(lo // DUCK_STEP, last) : min((hi - 1) // DUCK_STEP, last) + 1]

    def _ducking(self, lo: int, hi: int) -> np.ndarray | None:
        """A gain per sample lo..hi (1 while silent, down to duck_db while speaking)."""
        if self.envelope is None or hi <= lo:
            return None
        last = len(self.envelope) - 1
        first_step = min(lo // DUCK_STEP, last)
        steps = np.repeat(self._envelope_at(lo, hi), DUCK_STEP)  # from first_step's sample
        skip = lo - first_step * DUCK_STEP
        if len(steps) < skip + hi - lo:  # past the last whole step: the last holds
            steps = np.pad(steps, (0, skip + hi - lo - len(steps)), mode="edge")
        depth = 1 - 10 ** (self.duck_db / 20)
        return (1 - depth * steps[skip : skip + hi - lo]).astype(np.float32)


def mix(layers: list[Layer], seconds: float, *, duck_db: float = DUCK_DB) -> np.ndarray:
    """All layers on one stereo float32 track of exactly `seconds`, made whole."""
    return Mix(layers, seconds, duck_db=duck_db).whole()


def _add_samples(
    out: np.ndarray,
    samples: np.ndarray,
    at: int,
    gain: np.float32,
    ducking: np.ndarray | None,
) -> None:
    """`samples` times `gain` (and `ducking`, per sample of `out`) added into `out` from
    its sample `at`, a block at a time; what falls outside `out` is left out."""
    total = len(out)
    if at >= total or at + len(samples) <= 0:
        return
    first, last = max(-at, 0), min(len(samples), total - at)
    for lo in range(first, last, BLOCK):
        sound = _stereo(samples[lo : min(lo + BLOCK, last)].astype(np.float32)) * gain
        where = at + lo
        if ducking is not None:
            sound *= ducking[where : where + len(sound), None]
        out[where : where + len(sound)] += sound
