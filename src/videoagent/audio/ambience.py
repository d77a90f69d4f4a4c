"""Ambience: the sound of each shot's place and weather under everything else (rain, the sea,
a lake lapping, a street's rumble, a café's murmur, wind in a park, a quiet room), made from
shaped noise, laid over the shot's span with short crossfades at the cuts.

Noise is shaped in the frequency domain (one FFT per shot, no sample loops), so a minute of
ambience costs a few hundred milliseconds."""

from __future__ import annotations

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.mix import Layer
from videoagent.plan.storyboard import Storyboard
from videoagent.store.files import json_sha256
from videoagent.timeline.model import Timeline

FADE = 0.3  # seconds of crossfade at each cut
KEPT_SECONDS = 60.0  # a shot's noise up to this long is kept while the mix is made
AMBIENCE_VERSION = 1  # raise when the same sound, length and seed give other noise

# (low-pass corner Hz, slope: 0 white … 2 brown, level dB, swell Hz or 0) per sound.
SOUNDS = {
    "rain": (6000.0, 0.6, -30.0, 0.0),
    "snow": (500.0, 1.6, -36.0, 0.15),  # soft wind
    "sea": (1200.0, 1.2, -28.0, 0.09),  # waves: slow swells
    "street": (220.0, 1.4, -32.0, 0.0),  # traffic rumble
    "cafe": (1800.0, 0.8, -36.0, 0.6),  # murmur
    "park": (900.0, 1.5, -40.0, 0.2),  # a breeze
    "lake": (700.0, 1.3, -37.0, 0.35),  # water lapping at the shore: small quick swells
    "room": (400.0, 1.0, -46.0, 0.0),  # room tone
}
PLACES = {
    **dict.fromkeys(("beach", "reef"), "sea"),
    **dict.fromkeys(("street", "city"), "street"),
    "cafe": "cafe",
    # a breeze: in the park, the leaves of the forest, over a mountain meadow or a farm's fields
    **dict.fromkeys(("park", "forest", "mountains", "farm"), "park"),
    "lake": "lake",
}


def sound_for(place: str, weather: str) -> str:
    """Which ambience a shot gets: weather first (it is what one hears), then the place."""
    if weather in ("rain", "snow"):
        return weather
    return PLACES.get(place, "room")


def shaped_noise(kind: str, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Stereo float32 noise of `kind`, `seconds` long, at its level."""
    corner, slope, level_db, swell = SOUNDS[kind]
    n = max(round(seconds * RATE), 1)
    # In float32 throughout: noise needs no more, and it is a quarter faster.
    spectrum = np.fft.rfft(rng.standard_normal((2, n), dtype=np.float32), axis=1)
    freqs = np.fft.rfftfreq(n, 1 / RATE).astype(np.float32)
    shape = 1 / np.maximum(freqs, 20.0) ** (slope / 2) / (1 + (freqs / corner) ** 4)
    noise = np.fft.irfft(spectrum * shape, n=n, axis=1).T
    noise *= np.float32(10 ** (level_db / 20)) / (np.sqrt(np.mean(noise**2)) or 1.0)
    if swell:
        t = np.arange(n, dtype=np.float32) / RATE
        phase = np.float32(rng.uniform(0, 6.3))
        noise *= (0.55 + 0.45 * np.sin(np.float32(2 * np.pi * swell) * t + phase))[:, None]
    return noise.astype(np.float32, copy=False)


def ambience_layers(timeline: Timeline, board: Storyboard, *, seed: int = 0) -> list[Layer]:
    """One layer per generated shot, faded in and out across its cuts (a journey's last
    shot has two: where it comes from, then halfway where it arrives, crossfaded as at a
    cut). Each is made when it is laid (a long video's ambience is never held whole), from
    a noise of its own shot."""
    noise = _RecentNoise()
    layers = []
    for index, shot in enumerate(board.shots):
        scene = shot.scene_spec
        if shot.kind != "generated" or scene is None:
            continue
        start = float(timeline.rate.seconds(timeline.clip_start(index)))
        seconds = float(timeline.rate.seconds(shot.frames))
        kind = sound_for(scene.place, scene.weather)
        parts = [(kind, start, seconds)]
        coming_from = scene.arrives_from and sound_for(scene.arrives_from, scene.weather)
        if coming_from and coming_from != kind:
            parts = [(coming_from, start, seconds / 2), (kind, start + seconds / 2, seconds / 2)]
        for part, (sound, begins, lasts) in enumerate(parts):
            first = index == 0 and part == 0
            lead = 0.0 if first else FADE / 2  # overlap the cut on both sides
            # A shot's first part has the seed every shot has (the same noise as before).
            noise_seed = (seed, 17, index) if part == 0 else (seed, 17, index, part)
            made = (sound, lasts + lead + FADE / 2, not first, noise_seed)
            layers.append(
                Layer(
                    f"ambience {shot.id} ({sound})",
                    "ambience",
                    np.zeros((0, 2), np.float32),
                    begins - lead,
                    parts=lambda lo, hi, made=made: [(0, noise(made))],
                    length=max(round(made[1] * RATE), 1),
                    key=json_sha256(["ambience", AMBIENCE_VERSION, SOUNDS[sound], *made]),
                )
            )
    return layers


class _RecentNoise:
    """The noise of the last two shots laid: the mix is made a window at a time, in order,
    and a shot spans several windows (its noise was made again for each). Noise longer
    than KEPT_SECONDS is made again rather than held."""

    def __init__(self) -> None:
        self.kept: dict[tuple, np.ndarray] = {}

    def __call__(self, made: tuple) -> np.ndarray:
        found = self.kept.pop(made, None)
        if found is None:
            found = _faded(*made)
        if made[1] <= KEPT_SECONDS:
            self.kept[made] = found  # the newest last
            while len(self.kept) > 2:
                self.kept.pop(next(iter(self.kept)))
        return found


def _faded(kind: str, seconds: float, fade_in: bool, seed: tuple[int, ...]) -> np.ndarray:
    """`kind` of noise for `seconds`, faded out at its end (and in at its start)."""
    sound = shaped_noise(kind, seconds, np.random.default_rng(seed))
    fade = min(round(FADE * RATE), len(sound) // 2)
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)[:, None]
    if fade_in:
        sound[:fade] *= ramp
    sound[len(sound) - fade :] *= ramp[::-1]
    return sound
