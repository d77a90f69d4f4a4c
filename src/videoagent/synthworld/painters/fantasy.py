"""Creatures of stories, drawn in their own metres (facing right, y up): a dragon."""

from __future__ import annotations

import math

from videoagent.synthworld.choreography import Choreography, Pose
from videoagent.synthworld.painters.pen import RGB, Pen, shade

HORN = (230, 220, 190)
DRAGON_EYE = (250, 210, 60)
FIRE = (255, 140, 40)
FIRE_CORE = (255, 236, 140)
DRAGON_SCALE = 1.7  # of the size it is drawn at below (`SIZE["dragon"]` is the whole)
BREATHES_EVERY, BREATH_LASTS = 4.0, 1.3  # seconds between its blasts of fire, and each's


def draw_dragon(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A dragon: a scaled body on four clawed legs (tucked up in flight), a long neck to a
    horned head, a tail ending in a spade, bat wings beating as it flies or folded as it
    stands; now and then it breathes a blast of fire. Asleep it lies low, eyes shut."""
    pen = Pen(  # drawn below at a large horse's size, then made as big as a dragon is
        pen.draw,
        origin=(pen.ox, pen.oy),
        scale=pen.scale * DRAGON_SCALE,
        facing=pen.facing,
        grade=pen.grade,
    )
    dark, belly = shade(colour, 0.7), shade(colour, 1.45)
    flying = pose.action == "fly"
    asleep = pose.action == "sleep"
    low = 0.45 - 0.03 * math.sin(pose.phase) if asleep else 0.0  # lying down, breathing
    beat = math.sin(pose.phase) if flying else -0.6  # wings up (1) to down (-1); folded
    _wing(pen, beat, low, shade(colour, 0.55), far=True)
    for x, tone in ((-0.45, dark), (0.45, dark)):  # the far legs
        _leg(pen, x + 0.1, low, flying, asleep, tone)
    tail = [(-0.7, 0.85 - low), (-1.3, 0.7 - low), (-1.75, 0.85 - low + 0.1 * beat * flying)]
    pen.line(tail, 0.14, colour)
    tip = tail[-1]
    pen.polygon(
        [(tip[0] + 0.05, tip[1]), (tip[0] - 0.2, tip[1] + 0.15), (tip[0] - 0.2, tip[1] - 0.15)],
        dark,
    )
    pen.ellipse(0.0, 0.9 - low, 0.8, 0.36, colour)
    pen.ellipse(0.1, 0.78 - low, 0.55, 0.16, belly)
    for k in range(4):  # ridges along its back
        x = -0.5 + 0.3 * k
        pen.polygon([(x - 0.1, 1.2 - low), (x, 1.38 - low), (x + 0.1, 1.2 - low)], dark)
    for x in (-0.45, 0.45):  # the near legs
        _leg(pen, x, low, flying, asleep, colour)
    head = (1.3, 1.5 - 0.75 * low) if not asleep else (1.25, 0.55)
    pen.line([(0.6, 1.0 - low), (1.0, 1.3 - 0.7 * low), head], 0.22, colour)
    hx, hy = head
    for dx in (-0.12, -0.02):  # horns, swept back
        pen.polygon(
            [(hx + dx, hy + 0.1), (hx + dx - 0.22, hy + 0.3), (hx + dx + 0.05, hy + 0.12)], HORN
        )
    pen.ellipse(hx, hy, 0.24, 0.14, colour)
    pen.polygon([(hx + 0.12, hy + 0.08), (hx + 0.42, hy - 0.02), (hx + 0.12, hy - 0.1)], colour)
    if asleep:
        pen.line([(hx + 0.03, hy + 0.04), (hx + 0.12, hy + 0.04)], 0.02, dark)
    else:
        pen.ellipse(hx + 0.06, hy + 0.04, 0.035, 0.03, DRAGON_EYE)
        _fire(pen.glowing(), pose, (hx + 0.42, hy - 0.02))
    _wing(pen, beat, low, shade(colour, 0.85), far=False)


# A bat wing spread level, from the shoulder (metres, back is -x): its leading edge over
# the elbow to the tip, then its scalloped trailing edge back to the body.
WING = ((0.0, 0.0), (-0.45, 0.75), (-1.9, 0.65), (-1.5, -0.1), (-1.15, 0.1), (-0.8, -0.15))
WING += ((-0.4, -0.05),)
WING_BONES = (0, 1, 2)


def _wing(pen: Pen, beat: float, low: float, colour: RGB, *, far: bool) -> None:
    """A bat wing from the shoulder, raised and lowered by `beat` (1 up, -1 down): the
    further back a point of it, the higher or lower it swings; the far one a little behind
    the near."""
    sx, sy = (0.15, 1.15 - low) if far else (0.3, 1.1 - low)
    points = [(sx + x, sy + y - x * 0.6 * beat) for x, y in WING]
    pen.polygon(points, colour)
    pen.line([points[k] for k in WING_BONES], 0.05, shade(colour, 0.7))


def _leg(pen: Pen, x: float, low: float, flying: bool, asleep: bool, colour: RGB) -> None:
    """A leg with its claws: down to the ground standing, tucked back in flight, folded
    under it asleep."""
    top = (x, 0.75 - low)
    if flying:
        foot = (x - 0.3, 0.45)
    elif asleep:
        foot = (x + 0.25, 0.05)
    else:
        foot = (x + 0.05, 0.0)
    pen.line([top, ((top[0] + foot[0]) / 2 - 0.05, (top[1] + foot[1]) / 2), foot], 0.13, colour)
    for dx in (0.06, 0.12):
        pen.line([foot, (foot[0] + dx, foot[1] - 0.02)], 0.03, HORN)


def _fire(pen: Pen, pose: Pose, mouth: tuple[float, float]) -> None:
    """Every few seconds, a blast of fire from the mouth, flaring out and dying away."""
    now = pose.phase / Choreography.phase_rate(pose.action)
    into = now % BREATHES_EVERY
    if into > BREATH_LASTS:
        return
    strength = math.sin(math.pi * into / BREATH_LASTS)  # flaring up, then dying away
    length = 2.2 * strength
    x, y = mouth
    for reach, spread, tone in ((1.0, 0.35, FIRE), (0.7, 0.18, FIRE_CORE)):
        flicker = 0.05 * math.sin(now * 40 + reach)
        end = x + length * reach
        cone = [
            (x, y),
            (end, y + spread * strength + flicker),
            (end + 0.2 * strength, y),
            (end, y - spread * strength - flicker),
        ]
        pen.polygon(cone, tone)
