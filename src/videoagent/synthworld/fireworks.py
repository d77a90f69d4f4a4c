"""Fireworks: when each burst goes off, where and in what colour, as a pure function of the
display's own clock, so that the picture and the bang of each burst agree to the frame."""

from __future__ import annotations

import math
from dataclasses import dataclass

BURST_EVERY = 0.9  # seconds between bursts, on average
RISE = 0.45  # seconds a rocket climbs before it bursts
GLOW = 1.6  # seconds a burst's sparks stay lit
BURST_COLOURS = (
    (255, 90, 80),
    (255, 205, 90),
    (130, 255, 150),
    (130, 180, 255),
    (255, 140, 225),
    (255, 250, 235),
)


@dataclass(frozen=True)
class Burst:
    """One rocket's burst: when (seconds on the display's clock), where (metres from the
    middle of the display, and above its foot), in what colour, how wide (metres)."""

    time: float
    x: float
    height: float
    colour: tuple[int, int, int]
    size: float


def _scatter(k: int, salt: int) -> float:
    """A number in [0, 1) that looks random but is the same for the same `k` every time."""
    value = math.sin(k * 12.9898 + salt * 78.233) * 43758.5453
    return value - math.floor(value)


def bursts_between(start: float, end: float) -> list[Burst]:
    """Every burst going off from `start` to `end` seconds on the display's clock."""
    found = []
    for k in range(math.floor(start / BURST_EVERY) - 1, math.ceil(end / BURST_EVERY) + 1):
        time = k * BURST_EVERY + 0.35 * _scatter(k, 1)
        if start <= time < end:
            found.append(
                Burst(
                    time,
                    x=(_scatter(k, 2) - 0.5) * 11.0,
                    height=2.0 + 1.0 * _scatter(k, 3),
                    colour=BURST_COLOURS[k % len(BURST_COLOURS)],
                    size=1.0 + 0.6 * _scatter(k, 4),
                )
            )
    return found
