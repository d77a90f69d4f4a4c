"""A music bed made here, per mode: chords, a bass line and a light pulse at the mode's
tempo, made for whole bars and cut on a beat to the video's length with a fade that ends
on that beat. Made from sine waves and noise (no samples, nothing to licence), so the same
mode, length and seed always give the same bed."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.mix import Layer
from videoagent.store.files import json_sha256

# MIDI note numbers of each chord's root; chords are built as triads on them.
MAJOR, MINOR = (0, 4, 7), (0, 3, 7)
MUSIC_VERSION = 1  # raise when the same mode, length and seed give another bed


@dataclass(frozen=True)
class Style:
    bpm: float
    progression: tuple[tuple[int, tuple[int, int, int]], ...]  # (root, triad) per bar
    pulse: bool  # a soft kick and hat for the upbeat modes


STYLES = {
    "create": Style(92, ((57, MAJOR), (64, MAJOR), (66, MINOR), (62, MAJOR)), False),
    "ugc-product": Style(112, ((60, MAJOR), (67, MAJOR), (69, MINOR), (65, MAJOR)), True),
    "brand": Style(100, ((62, MAJOR), (59, MINOR), (67, MAJOR), (69, MAJOR)), True),
    "short-film": Style(72, ((57, MINOR), (53, MAJOR), (60, MAJOR), (55, MAJOR)), False),
}


def _hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def _envelope(n: int, attack: float, release: float) -> np.ndarray:
    t = np.arange(n) / RATE
    rise = np.clip(t / max(attack, 1e-3), 0, 1)
    fall = np.clip((n / RATE - t) / max(release, 1e-3), 0, 1)
    return rise * fall


def _bar(style: Style, index: int, rng: np.random.Generator) -> np.ndarray:
    """One bar, stereo: its chord and bass (the same each time round the progression, so
    made once), then the pulse."""
    beat = 60.0 / style.bpm
    n = round(4 * beat * RATE)
    left, right = (part.copy() for part in _tones(style, index % len(style.progression)))
    if style.pulse:
        for b in range(4):
            start = round(b * beat * RATE)
            if b % 2 == 0:  # kick: a falling sine
                length = round(0.18 * RATE)
                tk = np.arange(length) / RATE
                kick = np.sin(2 * np.pi * (50 + 60 * np.exp(-tk * 30)) * tk) * np.exp(-tk * 18)
                left[start : start + length] += 0.3 * kick[: n - start]
                right[start : start + length] += 0.3 * kick[: n - start]
            off = round((b + 0.5) * beat * RATE)  # hat: a short noise tick off the beat
            length = round(0.04 * RATE)
            hat = rng.standard_normal(length) * np.exp(-np.arange(length) / RATE * 90) * 0.05
            hat = np.diff(hat, prepend=0.0)  # brighter: high frequencies only
            left[off : off + length] += hat[: n - off]
            right[off : off + length] += hat[: n - off]
    return np.stack([left, right], axis=1)


@functools.lru_cache(maxsize=8)
def _tones(style: Style, step: int) -> tuple[np.ndarray, np.ndarray]:
    """The chord and bass of the progression's `step`, left and right (not to be changed:
    shared by every bar on that step)."""
    beat = 60.0 / style.bpm
    n = round(4 * beat * RATE)
    t = np.arange(n) / RATE
    root, triad = style.progression[step]
    left, right = np.zeros(n), np.zeros(n)
    pad_env = _envelope(n, 0.25 * beat * 4, 0.2 * beat * 4)
    for k, interval in enumerate(triad):
        f = _hz(root + interval)
        voice = np.sin(2 * np.pi * f * t) + 0.3 * np.sin(2 * np.pi * 2 * f * t)
        pan = 0.35 + 0.15 * k
        left += (1 - pan) * voice * pad_env * 0.12
        right += pan * voice * pad_env * 0.12
    for b in range(4):  # bass on every beat, root then fifth
        start = round(b * beat * RATE)
        length = round(beat * RATE * 0.9)
        f = _hz(root - 24 + (7 if b % 2 else 0))
        tb = np.arange(length) / RATE
        note = np.sin(2 * np.pi * f * tb) * np.exp(-tb * 3.0) * 0.22
        left[start : start + length] += note[: n - start]
        right[start : start + length] += note[: n - start]
    left.flags.writeable = right.flags.writeable = False
    return left, right


def _bed_end(seconds: float, style: Style) -> tuple[int, int]:
    """(the bed's last sample, its number of beats): it stops on the last beat that fits."""
    beat = 60.0 / style.bpm
    beats = math.floor(seconds / beat + 1e-9)
    return min(round(beats * beat * RATE), round(seconds * RATE)), beats


def bed_length(seconds: float, mode: str) -> int:
    """How many samples of a bed of `seconds` sound (silence after, if any)."""
    return _bed_end(seconds, STYLES.get(mode, STYLES["create"]))[0]


def music_bars(
    seconds: float,
    mode: str,
    lo: int = 0,
    hi: int | None = None,
    *,
    seed: int = 0,
    fade: float = 2.0,
) -> Iterator[tuple[int, np.ndarray]]:
    """The bars of the bed that sound in its samples lo..hi (all, by default), (first
    sample, stereo float32): a long bed is never held whole, nor in float64. Each bar is
    made from its own seed, so any stretch of the bed can be made alone."""
    style = STYLES.get(mode, STYLES["create"])
    end, beats = _bed_end(seconds, style)
    hi = end if hi is None else min(hi, end)
    length = round(4 * 60.0 / style.bpm * RATE)
    bars = math.ceil(beats / 4) or 1
    fade_from = end - min(round(fade * RATE), end)
    for index in range(max(lo, 0) // length, min(bars, math.ceil(hi / length))):
        at = index * length
        rng = np.random.default_rng([seed, index])
        bar = _bar(style, index, rng)[: max(end - at, 0)].astype(np.float32)
        if at + len(bar) > fade_from:  # the fade, ending on the last beat
            where = np.arange(at, at + len(bar))
            left = np.clip((end - 1 - where) / max(end - 1 - fade_from, 1), 0.0, 1.0)
            bar *= np.where(where >= fade_from, left**2, 1.0).astype(np.float32)[:, None]
        yield at, bar


def music_bed(seconds: float, mode: str, *, seed: int = 0, fade: float = 2.0) -> np.ndarray:
    """Stereo float32 of exactly `seconds`: the music stops on the last beat that fits, with
    a fade of about `fade` seconds ending on it (silence, if any, after)."""
    out = np.zeros((round(seconds * RATE), 2), np.float32)
    for at, bar in music_bars(seconds, mode, seed=seed, fade=fade):
        out[at : at + len(bar)] = bar
    return out


def beat_seconds(mode: str) -> float:
    return 60.0 / STYLES.get(mode, STYLES["create"]).bpm


def bed_layer(seconds: float, mode: str, *, seed: int = 0, gain_db: float = -6.0) -> Layer:
    """The bed as a layer of the mix, made bar by bar where the mix asks for it."""
    return Layer(
        "music bed",
        "music",
        np.zeros((0, 2), np.float32),
        0.0,
        gain_db,
        parts=partial(music_bars, seconds, mode, seed=seed),
        length=bed_length(seconds, mode),
        key=json_sha256(["music", MUSIC_VERSION, seconds, mode, seed]),
    )
