"""Painters for what a place is known by, standing behind whoever is there: a waterfall
pouring over its rocks, a lighthouse whose lamp sweeps the dark, a castle."""

from __future__ import annotations

import math

from videoagent.synthworld.choreography import SIZE, Choreography, Pose
from videoagent.synthworld.painters.pen import RGB, Pen, shade
from videoagent.synthworld.painters.props import LAMPLIGHT

ROCK = (112, 106, 98)
MOSS = (70, 120, 60)
FALLING_WATER = (150, 200, 228)
POOL = (60, 120, 165)
FALL_SPEED = 1.6  # of the fall's height a second: how fast its streaks run down
LANTERN_GLASS = (120, 140, 150)
LAMP = (255, 236, 160)
BEAM_TURN = 0.9  # radians a second: the lamp goes round every seven seconds
BEAM_REACH = 9.0  # metres, where it points across the picture
GALLERY = (40, 40, 44)


def _now(pose: Pose) -> float:
    """The shot's clock, in seconds, from the pose's phase."""
    return pose.phase / Choreography.phase_rate(pose.action)


def draw_waterfall(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A waterfall: a wall of mossy rock with a notch that water pours over in streaks
    running down, white foam (`colour`) and mist rising where it plunges into its pool."""
    width, height = SIZE["waterfall"]
    half = width / 2
    pen.polygon(  # the rock, broader at its foot, its top broken into ledges
        [
            (-half, 0.1),
            (-half * 0.92, height * 0.55),
            (-half * 0.8, height * 0.82),
            (-half * 0.55, height * 0.9),
            (-half * 0.3, height * 0.86),
            (-0.5, height * 0.96),
            (0.5, height * 0.96),
            (half * 0.35, height),
            (half * 0.7, height * 0.84),
            (half * 0.9, height * 0.6),
            (half, 0.1),
        ],
        ROCK,
    )
    for x, y, size in ((-0.6, 0.4, 0.5), (0.45, 0.28, 0.45), (-0.2, 0.18, 0.35), (0.6, 0.72, 0.3)):
        pen.ellipse(x * width, y * height, size, size * 0.45, shade(ROCK, 0.82))  # ledges
    for x, y in ((-0.3, 0.9), (0.2, 0.96), (-0.45, 0.6), (0.42, 0.5)):
        pen.ellipse(x * width, y * height, 0.4, 0.15, MOSS)
    top = height * 0.96
    pen.rect(-0.55, 0.3, 0.55, top, FALLING_WATER)
    now = _now(pose)
    for k in range(9):  # streaks running down, each starting again at the lip
        x = -0.48 + k * 0.12
        run = (now * FALL_SPEED + k * 0.37) % 1.0
        y = top - run * (top - 0.3)
        pen.line([(x, min(y + 0.6, top)), (x, max(y, 0.3))], 0.04, shade(colour, 0.97))
    pen.ellipse(0.0, 0.18, half * 0.95, 0.22, POOL)
    for k in range(5):  # foam churning at the foot
        x = -0.5 + k * 0.25
        bob = 0.04 * math.sin(now * 6 + k * 1.7)
        pen.ellipse(x, 0.3 + bob, 0.18, 0.1, colour)
    mist = pen.glowing()
    for k in range(3):  # spray, rising and thinning
        rise = (now * 0.4 + k / 3) % 1.0
        mist.ellipse(0.3 * math.sin(k * 2.1), 0.4 + 0.8 * rise, 0.5, 0.25, (255, 255, 255, 70))


def draw_lighthouse(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A lighthouse on its rocks: a tapering tower striped in `colour` and white, a gallery
    railing, a lantern room and a dark cap; after dark the lamp is lit and its beam sweeps
    round, long as it crosses the picture, short as it turns towards or away from us."""
    width, height = SIZE["lighthouse"]
    pen.polygon([(-width / 2, 0.0), (-0.6, 0.55), (0.7, 0.5), (width / 2, 0.0)], ROCK)
    foot, gallery = 0.5, 5.4
    bands = 5
    for k in range(bands):  # stripes, the tower narrowing as it rises
        y0 = foot + (gallery - foot) * k / bands
        y1 = foot + (gallery - foot) * (k + 1) / bands
        w0, w1 = _tower_half(y0), _tower_half(y1)
        tone = colour if k % 2 == 0 else (236, 232, 224)
        pen.polygon([(-w0, y0), (-w1, y1), (w1, y1), (w0, y0)], tone)
    pen.rect(-0.12, foot, 0.12, foot + 0.55, (70, 50, 40))  # the door
    pen.rect(-0.62, gallery, 0.62, gallery + 0.12, GALLERY)
    for x in (-0.6, -0.3, 0.0, 0.3, 0.6):
        pen.rect(x - 0.015, gallery + 0.12, x + 0.015, gallery + 0.4, GALLERY)
    pen.rect(-0.62, gallery + 0.38, 0.62, gallery + 0.42, GALLERY)
    lit = pen.in_the_dark()
    room = (-0.34, gallery + 0.12, 0.34, gallery + 0.8)
    pen.rect(*room, GALLERY)
    glass = pen.glowing() if lit else pen
    glass.rect(
        room[0] + 0.05,
        room[1] + 0.05,
        room[2] - 0.05,
        room[3] - 0.05,
        LAMP if lit else LANTERN_GLASS,
    )
    pen.polygon([(-0.42, room[3]), (0.42, room[3]), (0.0, height - 0.1)], shade(colour, 0.6))
    pen.ellipse(0.0, height - 0.08, 0.06, 0.06, GALLERY)
    if lit:
        _beam(pen.glowing(), _now(pose), (0.0, (room[1] + room[3]) / 2))


def _tower_half(y: float) -> float:
    """Half the tower's width at height `y`: 0.65 m at its foot, 0.4 m under the gallery."""
    return 0.65 - 0.25 * (y - 0.5) / 4.9


def _beam(pen: Pen, now: float, lamp: tuple[float, float]) -> None:
    """The lamp's beam, turning: seen side on it reaches far across the sky, end on it is
    short and the lamp flares."""
    turn = now * BEAM_TURN
    reach = BEAM_REACH * math.cos(turn)
    x, y = lamp
    for spread, alpha in ((0.1, 60), (0.045, 120)):  # a faint fan, a bright core
        wide = 0.2 + spread * abs(reach)
        pen.polygon(
            [(x, y - 0.1), (x + reach, y - wide), (x + reach, y + wide), (x, y + 0.1)],
            (*LAMP, alpha),
        )
    flare = 0.25 + 0.35 * max(math.sin(turn), 0.0)  # facing us: a blaze
    pen.ellipse(x, y, flare, flare, (*LAMP, 150))


ROOF_SLATE = (70, 72, 90)
PENNANT = (200, 45, 45)
GATE = (60, 46, 36)
IRON = (40, 40, 44)
ARROW_SLIT = (40, 40, 48)


def draw_castle(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A castle of stone (`colour`): a keep rising behind a curtain wall with battlements,
    a round tower with a slate cone at each end, an arched gate with its portcullis down,
    arrow slits lit from inside after dark, pennants flying from the roofs."""
    width, _ = SIZE["castle"]
    half = width / 2
    lit = pen.in_the_dark()
    dark = shade(colour, 0.82)
    keep = (-1.4, 1.4, 4.8)  # its left, right and top
    pen.rect(keep[0], 0.0, keep[1], keep[2], dark)
    _battlements(pen, keep[0], keep[1], keep[2], dark)
    for x in (-0.6, 0.6):
        _arrow_slit(pen, x, 3.8, lit)
    _pennant(pen, 0.0, keep[2] + 0.35, pose.phase)
    wall = half - 1.0
    pen.rect(-wall, 0.0, wall, 2.8, colour)
    _battlements(pen, -wall, wall, 2.8, colour)
    for side in (-1, 1):
        x = side * wall
        pen.rect(x - 0.9, 0.0, x + 0.9, 4.2, shade(colour, 0.93))
        _battlements(pen, x - 0.9, x + 0.9, 4.2, shade(colour, 0.93))
        pen.polygon([(x - 1.0, 4.55), (x + 1.0, 4.55), (x, 5.9)], ROOF_SLATE)
        _pennant(pen, x, 5.9, pose.phase + side)
        for y in (1.6, 3.0):
            _arrow_slit(pen, x, y, lit)
    pen.rect(-0.65, 0.0, 0.65, 1.5, GATE)  # the gate, arched
    pen.ellipse(0.0, 1.5, 0.65, 0.5, GATE)
    for x in (-0.42, -0.14, 0.14, 0.42):  # the portcullis
        pen.rect(x - 0.025, 0.0, x + 0.025, 1.85, IRON)
    for y in (0.5, 1.1, 1.6):
        pen.rect(-0.6, y - 0.025, 0.6, y + 0.025, IRON)


def _battlements(pen: Pen, left: float, right: float, top: float, colour: RGB) -> None:
    """Merlons along a wall's top, gaps between them."""
    count = max(int((right - left) / 0.55), 1)
    step = (right - left) / count
    for k in range(count + 1):
        x = min(left + k * step, right - 0.3)
        pen.rect(x, top, x + 0.3, top + 0.35, colour)


def _arrow_slit(pen: Pen, x: float, y: float, lit: bool) -> None:
    """A tall narrow window, lamplit after dark."""
    glass = pen.glowing() if lit else pen
    glass.rect(x - 0.09, y - 0.3, x + 0.09, y + 0.3, LAMPLIGHT if lit else ARROW_SLIT)


def _pennant(pen: Pen, x: float, y: float, phase: float) -> None:
    """A flagpole topped by a pennant fluttering in the wind."""
    pen.line([(x, y), (x, y + 0.8)], 0.035, IRON)
    flutter = 0.1 * math.sin(phase * 2.5)
    pen.polygon([(x, y + 0.8), (x + 0.7, y + 0.62 + flutter), (x, y + 0.45)], PENNANT)
