"""A bathtub drawn round whoever bathes in it, in their own metres (facing right): its
inside behind them, then, over their lower half, its white side on clawed feet, the
bubbles heaped along its rim and a rubber duck bobbing on them; now and then a splash."""

from __future__ import annotations

import math

from videoagent.synthworld.choreography import TUBS
from videoagent.synthworld.painters.pen import Pen, shade

ENAMEL = (246, 246, 244)
FOAM = (236, 244, 250)
CLAW = (196, 160, 70)  # brass feet
DUCK, BEAK = (250, 214, 40), (240, 130, 40)
# How high its floor is, where they sit, above the room's (on its feet).
TUB_FLOOR = {"person": 0.14, "dog": 0.1, "cat": 0.07}


def tub_behind(pen: Pen, kind: str) -> None:
    """The tub's far side, seen inside it above the water behind the bather."""
    back, foot, rim = TUBS[kind]
    pen.rect(back, 0.04, foot, rim + 0.04, shade(ENAMEL, 0.82))


def tub_before(pen: Pen, kind: str, phase: float) -> None:
    """The tub's near side over the bather's lower half, its rolled rim, its feet, the
    bubbles on the water bobbing with `phase`, a rubber duck at its foot, and a splash
    thrown up on each beat."""
    back, foot, rim = TUBS[kind]
    lip = 0.04 * (rim / 0.5)
    pen.polygon(  # rounded at both ends, narrower at the bottom
        [(back, rim), (foot, rim), (foot - 0.05, 0.12), (foot - 0.15, 0.04)]
        + [(back + 0.15, 0.04), (back + 0.05, 0.12)],
        ENAMEL,
    )
    pen.rect(back - 0.02, rim - lip, foot + 0.02, rim + lip * 0.5, shade(ENAMEL, 0.9))
    for x in (back + 0.14, foot - 0.14):
        pen.ellipse(x, 0.04, 0.05 * rim / 0.5 + 0.02, 0.04, CLAW)
    bubble = 0.05 * rim / 0.5 + 0.015
    k = 0
    x = back + bubble
    while x < foot - bubble:  # heaped along the rim, each swelling and shrinking
        swell = 0.5 + 0.5 * math.sin(phase * 0.8 + 1.7 * k)
        y = rim + lip * 0.5 + bubble * (0.4 + 0.3 * (k % 2))
        pen.ellipse(x, y, bubble * (0.8 + 0.35 * swell), bubble * 0.85, FOAM)
        x, k = x + bubble * 1.4, k + 1
    bob = 0.015 * math.sin(phase * 0.7)
    duck = (foot - 0.2 * rim / 0.5 - 0.05, rim + 0.09 * rim / 0.5 + bob)
    size = 0.06 * rim / 0.5 + 0.02
    pen.ellipse(duck[0], duck[1], size * 1.2, size * 0.75, DUCK)
    pen.ellipse(duck[0] + size * 0.8, duck[1] + size * 0.8, size * 0.6, size * 0.6, DUCK)
    pen.polygon(
        [
            (duck[0] + size * 1.3, duck[1] + size * 0.85),
            (duck[0] + size * 1.75, duck[1] + size * 0.7),
        ]
        + [(duck[0] + size * 1.3, duck[1] + size * 0.6)],
        BEAK,
    )
    up = math.sin(phase)
    if up > 0.3:  # a splash: drops thrown up from the water before them
        middle = (back + foot) / 2
        for k in range(4):
            drop = (middle + 0.12 * (k - 1.5), rim + 0.1 + 0.35 * (up - 0.3) * (1 + 0.3 * (k % 2)))
            pen.ellipse(drop[0], drop[1], 0.025, 0.035, shade(FOAM, 0.95))
