"""Painters for things that stay put or are moved: car, ball, cup, tree, bench, house,
café stand, sign, bike, bus, train, tractor, plane, kite, hot air balloon, umbrella, table (chairs
drawn up, places laid), stick, frisbee, picnic blanket, sofa, armchair, bed, balloons, cake, candle,
guitar, phone, camera, laptop, bubbles, easel, rowing and sailing boats, and the labelled
placeholder for concepts the world cannot draw."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from PIL import ImageFont

from videoagent.synthworld.choreography import (
    BRANCH_OUT,
    FLAT,
    HAND_AHEAD,
    KITE_AHEAD,
    PERCH_AT,
    PIANO_REACH,
    SEAT_HEIGHT,
    SEESAW_PIVOT,
    SEESAW_REACH,
    SIZE,
    SLIDE_FOOT,
    SLIDE_LADDER,
    SLIDE_TOP,
    STROLLER_AHEAD,
    TABLE_END,
    TRAMPOLINE_HEIGHT,
    Pose,
)
from videoagent.synthworld.painters.creatures import SKIN
from videoagent.synthworld.painters.pen import RGB, Pen, shade

GLASS = (160, 200, 225)
TYRE = (30, 30, 34)
WOOD = (120, 80, 45)
WHITE = (245, 243, 238)
MEAL = (196, 120, 70)  # what is on a diner's plate


@lru_cache(maxsize=64)
def font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at a pixel size (no system fonts needed)."""
    return ImageFont.load_default(size=max(int(size_px), 6))


def text(pen: Pen, x: float, y: float, words: str, height: float, colour: RGB) -> None:
    """Centred text of `height` metres at local (x, y)."""
    px, py = pen.at(x, y)
    pen.draw.text(
        (px, py), words, fill=pen.grade(colour), font=font(int(pen.px(height))), anchor="mm"
    )


def draw_car(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A car side on, front to the right: its body, the cabin with two windows, a headlamp,
    the wheels turning; driven, its windows show who is inside (drawn before it)."""
    glass = (*GLASS, 110) if pose.driven else GLASS
    pen.polygon([(-1.9, 0.35), (1.9, 0.35), (1.95, 0.8), (1.2, 0.9), (-1.85, 0.9)], colour)
    if pose.driven:  # the cabin's roof and pillars, open where the windows are
        pen.polygon([(-1.2, 0.9), (-1.05, 0.9), (-0.8, 1.45), (-0.9, 1.45)], shade(colour, 0.85))
        pen.rect(-0.2, 0.9, -0.1, 1.45, shade(colour, 0.85))
        pen.polygon([(0.75, 0.9), (0.9, 0.9), (0.5, 1.45), (0.45, 1.38)], shade(colour, 0.85))
        pen.rect(-0.9, 1.38, 0.5, 1.45, shade(colour, 0.85))
    else:
        pen.polygon([(-1.2, 0.9), (0.9, 0.9), (0.5, 1.45), (-0.9, 1.45)], shade(colour, 0.85))
    pen.polygon([(-1.05, 0.95), (-0.2, 0.95), (-0.2, 1.38), (-0.8, 1.38)], glass)
    pen.polygon([(-0.1, 0.95), (0.75, 0.95), (0.45, 1.38), (-0.1, 1.38)], glass)
    pen.ellipse(1.85, 0.7, 0.08, 0.06, (255, 236, 160))
    for wx in (-1.2, 1.2):
        _wheel(pen, wx, (0.33, 0.15, 0.14, 0.03), pose.phase)


def _wheel(pen: Pen, x: float, sizes: tuple[float, float, float, float], turn: float) -> None:
    """A tyre at `x` on the ground, its hub, and a spoke turned by `turn` radians (`sizes`:
    tyre radius, hub radius, spoke length, spoke width)."""
    radius, hub, spoke, width = sizes
    pen.ellipse(x, radius, radius, radius, TYRE)
    pen.ellipse(x, radius, hub, hub, (170, 170, 175))
    end = (x + spoke * math.cos(turn), radius + spoke * math.sin(turn))
    pen.line([(x, radius), end], width, (90, 90, 95))


RAIL_STEEL = (150, 150, 158)
STEAM = (236, 236, 238)
SKY_IN_A_BUBBLE = (170, 205, 230)  # what a bubble shows of the sky through it


def _rail_wheel(pen: Pen, x: float, radius: float, turn: float) -> None:
    """A train's steel wheel on its rail at `x`: a dark disc inside a bright rim, six spokes
    turned by `turn` radians, a hub (no tyre: a car's wheel is rubber)."""
    pen.ellipse(x, radius, radius, radius, RAIL_STEEL)
    pen.ellipse(x, radius, radius * 0.85, radius * 0.85, (58, 44, 40))
    for k in range(6):
        angle = turn + k * math.pi / 3
        end = (x + radius * 0.82 * math.cos(angle), radius + radius * 0.82 * math.sin(angle))
        pen.line([(x, radius), end], radius * 0.12, (120, 96, 84))
    pen.ellipse(x, radius, radius * 0.25, radius * 0.25, RAIL_STEEL)


# A bike's geometry (metres, facing right): wheel centres, their radius, the crank's centre.
BIKE_WHEELS = (-0.55, 0.55)
BIKE_WHEEL_RADIUS = 0.34
BIKE_CRANK = (-0.02, 0.34)


def draw_bike(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A bicycle: two spoked wheels turning as it rolls, its frame in `colour`."""
    radius = BIKE_WHEEL_RADIUS
    for wx in BIKE_WHEELS:
        pen.ellipse(wx, radius, radius, radius, TYRE)
        pen.ellipse(wx, radius, radius * 0.84, radius * 0.84, (200, 200, 204))
        for k in range(3):  # spokes, turning with the wheel
            angle = -pose.phase + k * math.pi / 3
            dx, dy = radius * 0.8 * math.cos(angle), radius * 0.8 * math.sin(angle)
            pen.line([(wx - dx, radius - dy), (wx + dx, radius + dy)], 0.015, (120, 120, 126))
    back, front = BIKE_WHEELS
    crank_x, crank_y = BIKE_CRANK
    seat, bars = (-0.2, 0.8), (0.42, 0.92)
    frame = [(back, radius), (crank_x, crank_y), seat, (back, radius)]
    pen.line(frame, 0.045, colour)
    pen.line([seat, (0.36, 0.78), (crank_x, crank_y)], 0.045, colour)
    pen.line([(0.36, 0.78), (front, radius)], 0.045, colour)
    pen.line([(0.36, 0.78), bars, (0.34, 0.95)], 0.035, (60, 60, 66))  # handlebar
    pen.line([(seat[0] - 0.1, seat[1] + 0.04), (seat[0] + 0.08, seat[1] + 0.04)], 0.05, TYRE)
    pen.ellipse(crank_x, crank_y, 0.05, 0.05, (60, 60, 66))


def draw_bus(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A bus: a long body with a row of windows, its door at the front, wheels turning;
    with someone aboard, its windows show them (drawn before it)."""
    half = SIZE["bus"][0] / 2
    windows = [-half + 0.35 + i * 1.0 for i in range(6)]  # each one's left edge
    frame = shade(colour, 0.8)
    if pose.driven:  # open where its windows are, whoever is aboard seen through them
        pen.polygon([(-half, 0.4), (half, 0.4), (half, 1.7), (-half, 1.7)], colour)
        top = [(-half, 2.45), (half, 2.45), (half, 2.6), (half - 0.3, 2.9), (-half, 2.9)]
        pen.polygon(top, colour)
        pen.rect(-half + 0.2, 1.6, half - 0.2, 1.7, frame)
        pen.rect(-half + 0.2, 2.45, half - 0.2, 2.55, frame)
        for left, right in zip(
            [-half, *(x + 0.75 for x in windows)], [*windows, half], strict=True
        ):
            pen.rect(left, 1.7, right, 2.45, frame)  # the pillars between them
    else:
        body = [(-half, 0.4), (half, 0.4), (half, 2.6), (half - 0.3, 2.9), (-half, 2.9)]
        pen.polygon(body, colour)
        pen.rect(-half + 0.2, 1.6, half - 0.2, 2.55, frame)
    pen.rect(-half, 0.4, half, 0.75, shade(colour, 0.7))  # the skirt
    glass = (*GLASS, 110) if pose.driven else GLASS
    for x0 in windows:
        pen.rect(x0, 1.7, x0 + 0.75, 2.45, glass)
    pen.rect(half - 0.95, 0.8, half - 0.35, 2.45, GLASS)  # the door
    pen.ellipse(half - 0.05, 0.95, 0.08, 0.12, (255, 236, 160))
    for wx in (-half + 1.3, half - 1.5):
        _wheel(pen, wx, (0.45, 0.2, 0.18, 0.04), pose.phase)


def draw_train(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A train side on, heading right: a locomotive (its cab, a boiler with a chimney and a
    lamp) pulling two carriages with rows of windows, wheels turning on a pair of rails that
    run on beyond it."""
    half = SIZE["train"][0] / 2
    steel = (110, 110, 116)
    pen.line([(-half - 40, 0.06), (half + 40, 0.06)], 0.05, steel)  # the rails
    front = half - 5.0  # where the locomotive begins
    pen.rect(front, 0.45, half - 0.4, 2.0, colour)  # the boiler
    pen.rect(front, 0.45, front + 1.7, 3.0, shade(colour, 0.85))  # the cab
    pen.rect(front + 0.3, 2.0, front + 1.4, 2.7, GLASS)
    pen.rect(front - 0.1, 2.95, front + 1.8, 3.15, shade(colour, 0.6))  # its roof
    pen.rect(half - 1.5, 2.0, half - 1.1, 2.7, (50, 50, 56))  # the chimney
    for k in range(4):  # puffs of steam from it, growing and trailing back as it goes
        age = (pose.phase * 0.05 + k / 4) % 1.0
        puff = (half - 1.3 - 2.2 * age, 2.9 + 0.9 * age)
        pen.ellipse(*puff, 0.2 + 0.35 * age, 0.16 + 0.25 * age, shade(STEAM, 1 - 0.1 * age))
    pen.polygon([(half - 0.4, 0.45), (half, 0.45), (half - 0.4, 1.2)], shade(colour, 0.7))
    pen.ellipse(half - 0.35, 1.6, 0.12, 0.12, (255, 236, 160))  # its lamp
    for k in range(2):  # the carriages, coupled behind it
        x0 = front - 0.3 - 5.0 * (k + 1)
        pen.rect(x0, 0.45, x0 + 4.8, 2.9, shade(colour, 0.92))
        pen.rect(x0, 0.45, x0 + 4.8, 0.8, shade(colour, 0.7))
        for w in range(4):
            pen.rect(x0 + 0.35 + w * 1.1, 1.6, x0 + 1.15 + w * 1.1, 2.4, GLASS)
        for wx in (x0 + 0.8, x0 + 4.0):
            _rail_wheel(pen, wx, 0.4, pose.phase)
    drivers = (front + 0.8, front + 2.4, front + 3.8)
    for wx in drivers:
        _rail_wheel(pen, wx, 0.45, pose.phase)
    # the coupling rod joining the driving wheels' crank pins, rising and falling as they turn
    pin = (0.25 * math.cos(pose.phase), 0.45 + 0.25 * math.sin(pose.phase))
    pen.line([(drivers[0] + pin[0], pin[1]), (drivers[-1] + pin[0], pin[1])], 0.06, RAIL_STEEL)


def draw_tractor(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A farm tractor side on, bonnet to the right: the engine under it, an exhaust stack, a
    cab of glass over the seat (who drives it seen through it, their hands on its wheel), a
    big rear wheel under the cab and a small front one, turning."""
    dark = shade(colour, 0.72)
    glass = (*GLASS, 110) if pose.driven else GLASS
    pen.rect(-1.2, 0.7, 0.0, 1.25, dark)  # the body under the seat
    pen.rect(-0.1, 0.7, 1.55, 1.4, colour)  # the bonnet over the engine
    pen.rect(1.5, 0.66, 1.64, 1.36, dark)  # the grille
    for y in (0.8, 0.95, 1.1):
        pen.rect(1.52, y, 1.62, y + 0.05, shade(colour, 0.5))
    pen.ellipse(1.58, 1.28, 0.06, 0.05, (255, 236, 160))  # a headlamp
    pen.rect(1.0, 1.4, 1.08, 2.1, (60, 60, 64))  # the exhaust stack
    pen.rect(0.98, 2.05, 1.1, 2.12, (40, 40, 44))
    pen.polygon([(-1.32, 1.55), (-0.08, 1.55), (-0.08, 2.5), (-1.32, 2.5)], glass)
    for x in (-1.42, -0.1):  # the cab's pillars and roof
        pen.rect(x, 1.25, x + 0.1, 2.55, dark)
    pen.rect(-1.55, 2.5, 0.1, 2.66, colour)
    pen.line([(-0.05, 1.4), (-0.3, 1.75)], 0.05, (40, 40, 44))  # the steering column
    pen.ellipse(-0.32, 1.77, 0.13, 0.04, (40, 40, 44))  # its wheel
    for x, radius in ((1.15, 0.42), (-0.72, 0.78)):
        _tractor_wheel(pen, x, radius, pose.phase)


def _tractor_wheel(pen: Pen, x: float, radius: float, turn: float) -> None:
    """A tractor's tyre at `x` on the ground: deep treads round a yellow rim, turned by
    `turn` radians."""
    pen.ellipse(x, radius, radius, radius, TYRE)
    for k in range(12):  # the treads, knobbed round the tyre
        angle = turn + k * math.pi / 6
        at = (x + radius * math.cos(angle), radius + radius * math.sin(angle))
        pen.ellipse(at[0], at[1], radius * 0.12, radius * 0.12, TYRE)
    pen.ellipse(x, radius, radius * 0.55, radius * 0.55, (232, 196, 40))
    pen.ellipse(x, radius, radius * 0.18, radius * 0.18, shade((232, 196, 40), 0.7))
    end = (x + radius * 0.5 * math.cos(turn), radius + radius * 0.5 * math.sin(turn))
    pen.line([(x, radius), end], radius * 0.08, shade((232, 196, 40), 0.7))


def draw_plane(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An airliner seen side on, nose to the right: fuselage, tail fin, wing, windows; its
    wheels down taking off or landing."""
    dark = shade(colour, 0.7)
    pen.polygon([(-2.2, 0.75), (-2.0, 1.4), (-1.6, 1.4), (-1.3, 0.8)], dark)  # tail fin
    pen.ellipse(0.0, 0.6, 2.3, 0.3, colour)
    pen.polygon([(1.9, 0.75), (2.3, 0.6), (1.9, 0.42)], colour)  # the nose
    pen.ellipse(1.95, 0.7, 0.14, 0.07, GLASS)  # cockpit
    for i in range(12):
        pen.ellipse(-1.4 + i * 0.27, 0.68, 0.05, 0.06, GLASS)
    pen.polygon([(-0.5, 0.5), (0.4, 0.5), (-0.2, 0.05), (-0.6, 0.05)], dark)  # the wing
    pen.ellipse(-0.15, 0.25, 0.28, 0.1, shade(colour, 0.55))  # its engine
    if pose.action in ("takeoff", "land"):  # the wheels down
        for x in (-0.4, 1.5):
            pen.line([(x, 0.35), (x, 0.1)], 0.05, (60, 60, 66))
            pen.ellipse(x, 0.08, 0.08, 0.08, (30, 30, 34))


def draw_kite(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A diamond kite on its spars, its tail of bows waving; flying, its string runs down to
    the hand of whoever flies it (`pose.reach`: how high that hand is)."""
    top, left, right, bottom = (0.0, 0.95), (-0.33, 0.6), (0.33, 0.6), (0.0, 0.0)
    pen.polygon([top, right, bottom, left], colour)
    pen.polygon([top, right, (0.0, 0.6)], shade(colour, 0.8))
    pen.polygon([(0.0, 0.6), left, bottom], shade(colour, 0.8))
    pen.line([top, bottom], 0.02, (90, 70, 50))
    pen.line([left, right], 0.02, (90, 70, 50))
    tail = [(0.0 - 0.12 * i, -0.12 * i + 0.06 * math.sin(pose.phase + i)) for i in range(7)]
    pen.line(tail, 0.012, (60, 60, 60))
    for x, y in tail[2::2]:
        pen.polygon([(x - 0.05, y + 0.03), (x + 0.05, y - 0.03), (x + 0.05, y + 0.03)], WHITE)
    if pose.action == "fly" and pose.reach:
        hand = (-(KITE_AHEAD - HAND_AHEAD), pose.reach - pose.y)
        pen.line([(0.0, 0.35), hand], 0.008, (235, 235, 235))


ROTOR_BLUR = (200, 204, 210, 120)


def draw_drone(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A quadcopter side on, drawn larger than life to stay legible up there: its body and
    camera under it, two arms out to rotors blurred with spinning (the near pair seen), a
    light on its nose blinking."""
    pen.rect(-0.18, 0.08, 0.18, 0.2, colour)
    pen.ellipse(0.0, 0.06, 0.075, 0.05, (40, 40, 46))  # the camera, slung under it
    for side in (-1, 1):
        pen.line([(0.0, 0.16), (side * 0.36, 0.23)], 0.04, shade(colour, 0.8))
        spread = 0.13 + 0.03 * math.sin(pose.phase * 3 + side)  # a blade's blur as it turns
        pen.ellipse(side * 0.36, 0.26, spread, 0.018, ROTOR_BLUR)
    if math.sin(pose.phase * 0.3) > 0:
        pen.glowing().ellipse(0.18, 0.14, 0.022, 0.022, (240, 60, 60))


def draw_hot_air_balloon(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A hot air balloon: a wicker basket hung on ropes under a striped envelope, the
    burner's flame between."""
    wicker = (150, 105, 60)
    for side in (-1, 1):
        pen.line([(side * 0.28, 0.4), (side * 0.5, 1.05)], 0.02, (80, 60, 40))
    pen.rect(-0.3, 0.0, 0.3, 0.4, wicker)
    pen.rect(-0.3, 0.32, 0.3, 0.4, shade(wicker, 0.75))
    pen.polygon([(-0.1, 0.45), (0.0, 0.75), (0.1, 0.45)], (255, 200, 90))  # the burner
    pen.polygon([(-0.5, 1.05), (0.5, 1.05), (1.05, 1.9), (-1.05, 1.9)], colour)
    for rx, tone in ((1.2, colour), (0.78, WHITE), (0.42, colour), (0.14, WHITE)):
        pen.ellipse(0.0, 2.3, rx, 1.1, tone)
    pen.polygon([(-0.5, 1.05), (-0.32, 1.05), (-0.6, 1.6)], shade(colour, 0.8))
    pen.polygon([(0.5, 1.05), (0.32, 1.05), (0.6, 1.6)], shade(colour, 0.8))


def draw_umbrella(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An open umbrella, its crook in the hand holding it (or planted in the ground where no
    one holds it), its canopy in panels with a scalloped edge."""
    dark = shade(colour, 0.78)
    pen.line([(0.0, 0.0), (0.0, 0.92)], 0.025, (70, 70, 74))
    pen.line([(0.0, 0.0), (0.0, -0.05), (-0.06, -0.09), (-0.1, -0.05)], 0.03, (70, 50, 35))
    edge = [(-0.55 + 0.1 * k, 0.62 + (0.03 if k % 2 else 0.0)) for k in range(12)]
    pen.polygon([(0.0, 0.95), *edge], colour)
    for x in (-0.33, 0.0, 0.33):  # the ribs' panels
        pen.polygon([(0.0, 0.95), (x - 0.08, 0.64), (x + 0.08, 0.64)], dark)
    pen.ellipse(0.0, 0.96, 0.025, 0.025, (70, 70, 74))


# A bunch of balloons: the first in the colour asked, then these; where each floats (x,
# height of its middle, metres above the strings' end) and its radii.
BUNCH_COLOURS = ((236, 200, 50), (50, 95, 190))
BALLOON_AT = {1: ((0.0, 1.0),), 3: ((-0.15, 0.9), (0.14, 0.95), (0.0, 1.07))}
BALLOON_RADII = (0.13, 0.16)
ICING_BAND = (236, 140, 170)
CANDLES = ((236, 140, 170), (120, 170, 230), (250, 220, 90))
FLAME = (255, 190, 70)
SMOKE = (200, 200, 204)


def draw_balloon(pen: Pen, pose: Pose, colour: RGB) -> None:
    """One balloon on its string."""
    _balloons(pen, pose, (colour,))


def draw_bunch_of_balloons(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Three balloons on strings gathered at one end."""
    _balloons(pen, pose, (colour, *BUNCH_COLOURS))


def _balloons(pen: Pen, pose: Pose, colours: tuple[RGB, ...]) -> None:
    """Balloons swaying on strings that meet at the pose: in a hand, tied to a table, or
    weighted on the ground (a little weight drawn there where no one holds them)."""
    rx, ry = BALLOON_RADII
    for k, ((x, y), colour) in enumerate(zip(BALLOON_AT[len(colours)], colours, strict=True)):
        x += 0.04 * math.sin(pose.phase * 0.7 + 1.9 * k)
        knot = y - ry
        pen.line([(0.0, 0.0), (x * 0.5, knot * 0.5), (x, knot)], 0.01, (90, 90, 96))
        pen.polygon([(x - 0.025, knot - 0.03), (x + 0.025, knot - 0.03), (x, knot + 0.01)], colour)
        pen.ellipse(x, y, rx, ry, colour)
        pen.ellipse(x - 0.045, y + 0.06, 0.03, 0.045, shade(colour, 1.45))  # its shine
    if pose.held_by is None and pose.y == 0.0:
        pen.rect(-0.04, 0.0, 0.04, 0.06, (70, 70, 74))


def draw_cake(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A round cake side on, on its plate: icing dripping over a band, candles alight (their
    flames flicker, and give their own light)."""
    pen.ellipse(0.0, 0.01, 0.26, 0.025, WHITE)
    pen.rect(-0.21, 0.02, 0.21, 0.2, colour)
    pen.rect(-0.21, 0.08, 0.21, 0.12, ICING_BAND)
    for k in range(6):  # the icing's drips over its edge
        x = -0.18 + 0.072 * k
        pen.ellipse(x, 0.185, 0.03, 0.03 + 0.012 * (k % 2), shade(colour, 1.1))
    flames = pen.glowing()
    for k, candle in enumerate(CANDLES):
        x = -0.1 + 0.1 * k
        pen.rect(x - 0.012, 0.2, x + 0.012, 0.3, candle)
        flicker = 0.01 * math.sin(pose.phase * 5.3 + 2.1 * k)
        if pose.reach >= 1:  # blown out: a wisp of smoke curling up from each wick
            wisp = [(x + 0.02 * math.sin(pose.phase + j + k), 0.31 + 0.05 * j) for j in range(4)]
            pen.line(wisp, 0.008, SMOKE)
        else:
            flames.ellipse(x + flicker, 0.335, 0.016, 0.03 + abs(flicker), FLAME)


def draw_candle(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A tall candle in its holder, alight."""
    _candle(pen, pose, 0.0, 0.24, colour)


def draw_bunch_of_candles(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Three candles of different heights side by side, alight."""
    for k, (x, height) in enumerate(((-0.1, 0.18), (0.0, 0.24), (0.1, 0.14))):
        _candle(pen, replace(pose, phase=pose.phase + 2.1 * k), x, height, colour)


def _candle(pen: Pen, pose: Pose, x: float, height: float, colour: RGB) -> None:
    """A candle `height` tall at `x` in its holder: its flame flickers and gives its own
    light, with a soft halo round it."""
    pen.ellipse(x, 0.015, 0.06, 0.016, (180, 150, 80))  # the holder
    pen.rect(x - 0.025, 0.02, x + 0.025, height, colour)
    flicker = 0.012 * math.sin(pose.phase * 5.3)
    flame = pen.glowing()
    flame.ellipse(x + flicker, height + 0.06, 0.07, 0.08, shade(FLAME, 1.6))  # its glow
    flame.ellipse(x + flicker, height + 0.045, 0.02, 0.04 + abs(flicker), FLAME)


SCREEN = (150, 200, 240)  # a lit screen: it gives its own light


PAINTED = ((90, 150, 210), (240, 200, 80), (90, 160, 90), (220, 100, 90))


def draw_easel(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An easel side on, its canvas towards the painter (at -x): three legs, a ledge, and
    on it the canvas leaning back, its face turned a little to us, strokes of colour on it
    (more of them as the painter goes on)."""
    leg = shade(colour, 0.8)
    pen.line([(0.0, 1.65), (-0.25, 0.0)], 0.035, leg)
    pen.line([(0.0, 1.65), (0.25, 0.0)], 0.035, leg)
    pen.line([(0.05, 1.55), (0.45, 0.0)], 0.03, shade(leg, 0.8))  # the back leg
    pen.line([(-0.2, 0.72), (0.02, 0.72)], 0.04, colour)  # the ledge
    face = [(-0.19, 0.74), (-0.05, 0.74), (0.07, 1.48), (-0.07, 1.48)]
    pen.polygon(face, WHITE)
    strokes = min(1 + int(pose.phase / 8), 5)  # a stroke more every few seconds
    for k in range(strokes):
        v = 0.2 + 0.16 * k
        x0 = -0.16 + v * 0.19
        pen.line(
            [(x0, 0.74 + v * 0.74), (x0 + 0.09, 0.74 + v * 0.74 + 0.03)], 0.035, PAINTED[k % 4]
        )


def draw_bubbles(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Soap bubbles blown from a wand (at the stream's near end, -x), drifting on and up
    on the air, wobbling, each one newer than the last: clear rings with a shine, tinted
    `colour`."""
    half, height = SIZE["bubbles"][0] / 2, SIZE["bubbles"][1]
    for k in range(7):
        age = (pose.phase * 0.08 + k / 7) % 1.0
        x = -half + 2 * half * age + 0.04 * math.sin(pose.phase * 0.7 + 2.3 * k)
        y = 0.2 + (height - 0.3) * age + 0.05 * math.sin(pose.phase * 0.9 + k)
        r = 0.035 + 0.03 * ((k * 37) % 5) / 4
        pen.ellipse(x, y, r, r, shade(colour, 0.9))
        pen.ellipse(x, y, r * 0.8, r * 0.8, shade(SKY_IN_A_BUBBLE, 1.2))
        pen.ellipse(x - r * 0.35, y + r * 0.35, r * 0.22, r * 0.22, WHITE)  # its shine


def draw_phone(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A phone upright in a hand: its back to us, the edge of its lit screen towards whoever
    holds it (`pose.action`: "call", held to the ear, a little tilted; else before the
    eyes)."""
    tilt = 0.03 if pose.action == "call" else 0.0
    pen.polygon([(-0.035, 0.0), (0.035, 0.0), (0.035 + tilt, 0.16), (-0.035 + tilt, 0.16)], colour)
    pen.glowing().line([(-0.04, 0.01), (-0.04 + tilt, 0.15)], 0.012, SCREEN)


def draw_camera(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A camera side on, held to its user's eye: its body, a lens pointing ahead, a flash
    on top."""
    pen.rect(-0.08, 0.0, 0.05, 0.09, colour)
    pen.rect(0.05, 0.015, 0.12, 0.075, shade(colour, 1.4))  # the lens
    pen.ellipse(0.12, 0.045, 0.012, 0.03, GLASS)
    pen.rect(-0.05, 0.09, 0.0, 0.11, shade(colour, 1.6))


def draw_laptop(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An open laptop side on: its base flat, its screen raised at the far end, leaning
    back, lit towards whoever types at it (at its near end: towards -x)."""
    pen.rect(-0.18, 0.0, 0.18, 0.025, colour)
    pen.polygon([(0.16, 0.02), (0.19, 0.02), (0.24, 0.27), (0.21, 0.27)], shade(colour, 0.8))
    pen.glowing().line([(0.155, 0.04), (0.2, 0.26)], 0.012, SCREEN)


SAILCLOTH = (246, 244, 236)


def draw_guitar(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A guitar held across its player: the body before their waist, the neck rising ahead
    to the head, the strings along it, the sound hole."""
    dark = shade(colour, 0.6)
    pen.line([(0.05, 0.08), (0.62, 0.3)], 0.055, dark)  # the neck
    pen.polygon([(0.6, 0.27), (0.76, 0.33), (0.74, 0.4), (0.58, 0.34)], dark)  # its head
    pen.ellipse(-0.1, 0.0, 0.17, 0.14, colour)  # the lower bout
    pen.ellipse(0.08, 0.04, 0.12, 0.11, colour)  # the upper
    pen.ellipse(0.02, 0.03, 0.045, 0.045, (40, 30, 24))  # the sound hole
    pen.line([(-0.18, 0.0), (0.7, 0.34)], 0.008, (230, 226, 210))  # the strings
    if pose.held_by is not None:  # the player's hand strumming over the sound hole
        strum = 0.05 * math.sin(pose.phase * 4.0)
        pen.ellipse(-0.02, 0.05 + strum, 0.045, 0.04, SKIN)


def draw_seesaw(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A seesaw: a plank across a pivot on a stand, a handle up at each end's seat, tipped
    by `pose.swing` radians, its near end up (those at its ends drawn after, astride it)."""
    stand = (120, 120, 128)
    pen.polygon([(-0.3, 0.0), (0.3, 0.0), (0.0, SEESAW_PIVOT)], stand)
    half = SIZE["seesaw"][0] / 2
    dx, dy = half * math.cos(pose.swing), half * math.sin(pose.swing)
    near, far = (-dx, SEESAW_PIVOT + dy), (dx, SEESAW_PIVOT - dy)
    pen.line([near, far], 0.09, colour)
    grip = SEESAW_REACH - 0.25  # a handle before each seat, upright from the plank
    for side in (-1, 1):
        at = (side * grip * math.cos(pose.swing), SEESAW_PIVOT - side * grip * math.sin(pose.swing))
        up = (at[0] + 0.18 * math.sin(pose.swing), at[1] + 0.18 * math.cos(pose.swing))
        pen.line([at, up], 0.035, shade(colour, 0.7))
        pen.line([(up[0] - 0.06, up[1]), (up[0] + 0.06, up[1])], 0.035, shade(colour, 0.7))
    pen.ellipse(0.0, SEESAW_PIVOT, 0.06, 0.06, shade(stand, 0.7))


def chute(along: float) -> tuple[float, float]:
    """Where a slide's chute is `along` of the way (0 at its top, 1 at its foot): steep from
    the top, levelling out at the foot."""
    start = SLIDE_LADDER + 0.35
    x = start + (SLIDE_FOOT[0] - start) * along
    return x, SLIDE_TOP + (SLIDE_FOOT[1] - SLIDE_TOP) * math.sin(along * math.pi / 2)


def draw_slide(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A playground slide side on: a ladder up to a railed platform, a chute curving down
    from it to the ground (those on it drawn after)."""
    steel = (150, 150, 158)
    for dx in (-0.12, 0.12):  # the ladder's rails, its rungs between
        pen.line([(SLIDE_LADDER + dx, 0.0), (SLIDE_LADDER + dx, SLIDE_TOP + 0.5)], 0.04, steel)
    for k in range(1, 6):
        y = SLIDE_TOP * k / 6
        pen.line([(SLIDE_LADDER - 0.12, y), (SLIDE_LADDER + 0.12, y)], 0.03, steel)
    pen.rect(SLIDE_LADDER - 0.15, SLIDE_TOP - 0.06, SLIDE_LADDER + 0.45, SLIDE_TOP, steel)
    pen.line([(SLIDE_LADDER + 0.4, 0.0), (SLIDE_LADDER + 0.4, SLIDE_TOP)], 0.05, steel)
    path = [chute(k / 12) for k in range(13)]
    pen.polygon(path + [(x, y - 0.08) for x, y in reversed(path)], colour)
    pen.line([(x, y + 0.1) for x, y in path[:9]], 0.025, shade(colour, 0.75))  # its side
    middle = chute(0.5)
    pen.line([middle, (middle[0], 0.0)], 0.05, steel)  # a leg under the chute


def draw_violin(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A violin held out from under its player's chin, its scroll ahead: the body's two
    bouts and its waist, the dark fingerboard along the neck, the strings, the f-holes (the
    bow is in the player's hand, drawn with them)."""
    dark = shade(colour, 0.55)
    pen.ellipse(0.03, -0.01, 0.1, 0.065, colour)  # the lower bout, under the chin
    pen.ellipse(0.2, 0.0, 0.085, 0.055, colour)  # the upper
    pen.ellipse(0.115, -0.005, 0.05, 0.045, shade(colour, 0.9))  # the waist
    pen.line([(0.05, 0.0), (0.5, 0.03)], 0.022, dark)  # the fingerboard and the neck
    pen.ellipse(0.52, 0.035, 0.025, 0.025, dark)  # the scroll
    for dy in (-0.004, 0.004):
        pen.line([(-0.05, dy), (0.5, 0.03 + dy)], 0.004, (230, 226, 210))  # the strings
    pen.ellipse(-0.06, 0.0, 0.035, 0.02, (40, 34, 30))  # the chin rest


PIANO_SHINE = (92, 92, 100)  # the light along a black piano's polished edges
BRASS = (200, 165, 80)


def draw_piano(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A grand piano side on, its keys at the front (+x), its stool before them where its
    player sits: the case on three legs, its tail rounded, the lid propped open over it,
    the music stand up, the pedals under the keys."""
    shine = PIANO_SHINE if sum(colour) < 200 else shade(colour, 1.25)
    for x in (-0.72, 0.62):  # the legs, a little tapered
        pen.polygon([(x - 0.06, 0.62), (x + 0.06, 0.62), (x + 0.04, 0.0), (x - 0.04, 0.0)], colour)
    pen.line([(0.5, 0.62), (0.5, 0.08)], 0.03, colour)  # the pedals' lyre
    pen.rect(0.44, 0.05, 0.56, 0.08, BRASS)
    pen.polygon([(0.55, 0.93), (-0.95, 0.93), (-0.8, 1.55), (0.15, 1.22)], shade(colour, 0.9))
    pen.line([(-0.3, 0.93), (-0.45, 1.4)], 0.02, shine)  # the prop under the lid
    pen.rect(-0.8, 0.62, 0.8, 0.93, colour)  # the case
    pen.ellipse(-0.8, 0.775, 0.15, 0.155, colour)  # its rounded tail
    pen.line([(-0.8, 0.93), (0.8, 0.93)], 0.015, shine)
    pen.line([(0.66, 0.93), (0.56, 1.2)], 0.03, colour)  # the music stand, music on it
    pen.polygon([(0.69, 0.97), (0.73, 0.98), (0.64, 1.2), (0.6, 1.19)], WHITE)
    pen.rect(0.8, 0.66, 0.97, 0.75, colour)  # the key bed, out before the case
    pen.rect(0.8, 0.74, 0.98, 0.775, WHITE)  # the white keys
    pen.rect(0.8, 0.775, 0.9, 0.795, (20, 20, 24))  # the black keys behind them
    seat = PIANO_REACH  # the stool, under the player's hips
    for x in (seat - 0.2, seat + 0.2):
        pen.line([(x, 0.46), (x, 0.0)], 0.04, colour)
    pen.rect(seat - 0.25, 0.44, seat + 0.25, 0.5, colour)
    pen.rect(seat - 0.23, 0.5, seat + 0.23, 0.53, (120, 30, 40))  # its cushion


def draw_stroller(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A baby's stroller side on, going forward (+x): its carriage between a big back
    wheel and a small front one, the hood over its back half, a blanket tucked in at the
    front, the handle rising behind to where the hands of whoever pushes it are."""
    frame = (70, 70, 76)
    grip = (-(STROLLER_AHEAD - 0.43), 1.0)
    pen.line([(-0.27, 0.14), grip], 0.03, frame)  # the handle's bar
    pen.line([(grip[0] - 0.03, grip[1]), (grip[0] + 0.05, grip[1])], 0.05, (30, 30, 34))
    pen.line([(-0.27, 0.14), (0.3, 0.11)], 0.03, frame)  # the chassis
    pen.line([(0.02, 0.12), (0.02, 0.4)], 0.03, frame)
    for x, r in ((-0.27, 0.14), (0.3, 0.11)):  # the wheels, turning as it goes
        pen.ellipse(x, r, r, r, TYRE)
        pen.ellipse(x, r, r * 0.6, r * 0.6, (200, 200, 205))
        turn = pose.phase / r  # (its phase: how far it has gone)
        pen.line(
            [
                (x - r * 0.6 * math.cos(turn), r - r * 0.6 * math.sin(turn)),
                (x + r * 0.6 * math.cos(turn), r + r * 0.6 * math.sin(turn)),
            ],
            0.015,
            TYRE,
        )
    pen.ellipse(0.05, 0.52, 0.38, 0.14, colour)  # the carriage, its rounded bottom
    pen.rect(-0.33, 0.52, 0.43, 0.72, colour)
    pen.rect(0.12, 0.7, 0.42, 0.75, WHITE)  # the blanket
    hood = [(-0.34, 0.72), (-0.3, 0.92), (-0.14, 1.03), (0.08, 1.0), (0.18, 0.72)]
    pen.polygon(hood, shade(colour, 0.75))


def draw_teddy_bear(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A teddy bear sitting up, turned a little our way: round body, lighter tummy and
    muzzle, stubby arms and legs, round ears, a button nose and eyes."""
    light, dark = shade(colour, 1.35), shade(colour, 0.75)
    pen.ellipse(-0.1, 0.2, 0.05, 0.08, dark)  # the far arm
    pen.ellipse(0.0, 0.15, 0.12, 0.14, colour)  # the body
    pen.ellipse(0.03, 0.13, 0.07, 0.08, light)  # its tummy
    for x in (-0.05, 0.08):  # the legs, sticking out before it
        pen.ellipse(x, 0.04, 0.06, 0.045, colour)
        pen.ellipse(x + 0.03, 0.04, 0.025, 0.035, light)  # a paw pad
    pen.ellipse(0.1, 0.19, 0.045, 0.075, colour)  # the near arm
    for x in (-0.07, 0.09):  # the ears
        pen.ellipse(x, 0.4, 0.045, 0.045, colour)
        pen.ellipse(x, 0.4, 0.022, 0.022, light)
    pen.ellipse(0.01, 0.32, 0.1, 0.095, colour)  # the head
    pen.ellipse(0.05, 0.29, 0.05, 0.04, light)  # the muzzle
    pen.ellipse(0.07, 0.3, 0.018, 0.014, (30, 24, 22))  # the nose
    for x in (-0.02, 0.05):
        pen.ellipse(x, 0.345, 0.012, 0.012, (30, 24, 22))  # the eyes


def draw_sled(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A wooden sled side on, going forward (+x): its slatted deck on two runners that curl
    up at the front, a rope from the curl back to whoever sits on it, snow thrown up
    behind as it slides."""
    runner = (60, 60, 66)
    pen.line([(-0.55, 0.02), (0.45, 0.02), (0.58, 0.1), (0.56, 0.2)], 0.03, runner)
    for x in (-0.4, 0.0, 0.35):  # the struts from runner to deck
        pen.line([(x, 0.03), (x, 0.14)], 0.03, runner)
    pen.polygon([(-0.6, 0.12), (0.42, 0.12), (0.52, 0.2), (0.46, 0.26), (-0.6, 0.18)], colour)
    for x in (-0.35, -0.1, 0.15):  # the gaps between its slats
        pen.line([(x, 0.12), (x, 0.18)], 0.012, shade(colour, 0.7))
    pen.line([(0.5, 0.24), (0.42, 0.5), (0.3, 0.62)], 0.012, (220, 200, 150))  # its rope
    if pose.action == "roll":  # snow thrown up behind it as it slides
        for k in range(6):
            fly = (pose.phase * 0.2 + k / 6) % 1.0
            x, y = -0.6 - 0.5 * fly, 0.05 + 0.2 * math.sin(fly * math.pi)
            pen.ellipse(x, y, 0.03, 0.03, SNOW_THROWN)


SNOW_THROWN = (246, 248, 252)


def draw_boat(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A rowing boat side on: its hull, a darker gunwale, a white line along it, a little
    wake behind where it moves (none where it is moored, fished from)."""
    hull = [(-1.1, 0.42), (1.15, 0.42), (0.95, 0.08), (0.7, 0.0), (-0.85, 0.0), (-1.02, 0.12)]
    pen.polygon(hull, colour)
    pen.rect(-1.1, 0.36, 1.15, 0.44, shade(colour, 0.7))
    pen.line([(-1.0, 0.24), (1.05, 0.24)], 0.03, WHITE)
    if pose.action == "sail" and not pose.moored:
        _wake(pen, pose, -0.95)


def draw_sailboat(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A small sailing boat: hull, mast, mainsail and jib filling a little with the wind,
    a pennant at the masthead."""
    hull = [(-1.15, 0.4), (1.2, 0.4), (0.95, 0.05), (-0.9, 0.0), (-1.05, 0.12)]
    pen.polygon(hull, colour)
    pen.rect(-1.15, 0.34, 1.2, 0.42, shade(colour, 0.7))
    pen.line([(0.0, 0.4), (0.0, 2.55)], 0.04, (90, 80, 70))
    fill = 0.04 * math.sin(pose.phase * 0.6)
    pen.polygon([(0.05, 0.6), (0.05, 2.45), (0.95 + fill, 0.6)], SAILCLOTH)
    pen.polygon([(-0.05, 0.75), (-0.05, 2.2), (-0.85 - fill, 0.75)], shade(SAILCLOTH, 0.92))
    pen.polygon([(0.0, 2.55), (0.0, 2.45), (0.25, 2.5 + fill)], (200, 45, 45))
    if pose.action == "sail":
        _wake(pen, pose, -1.0)


def _wake(pen: Pen, pose: Pose, stern: float) -> None:
    """White water trailing behind a moving boat's stern."""
    for k in range(3):
        drift = 0.08 * math.sin(pose.phase * 0.8 + k)
        x = stern - 0.25 - 0.3 * k + drift
        pen.line([(x, 0.03), (x - 0.25, 0.03)], 0.025, (235, 242, 246))


WATER = (58, 122, 186)


def draw_water_around(
    pen: Pen, size: tuple[float, float], phase: float, water: RGB = WATER, *, snug: bool = False
) -> None:
    """A pool of `water` round a swimmer `size` (width, height) wide and tall, up to its
    chest, its surface rippling: what swims is drawn in it, wherever it is (in a place's own
    water, in that water's colour and `snug`, no wider than the swimmer; in a park, a pool of
    its own)."""
    width, height = size
    level, reach = 0.5 * height, 0.55 * width + (0.15 if snug else 0.4)
    xs = [reach * (i / 8 - 1) for i in range(17)]
    surface = [(x, level + 0.04 * math.sin(phase + 6 * x)) for x in xs]
    bowl = [  # below the surface, rounded like a pond seen from the side
        (reach * math.cos(a), level - (level + 0.1) * math.sin(a))
        for a in (math.pi * k / 12 for k in range(1, 12))
    ]
    if snug:  # square below, hiding every leg: it is the water all round it anyway
        bowl = [(reach, -0.1), (-reach, -0.1)]
    pen.polygon([*surface, *bowl], water)
    crest = shade(water, 1.5)
    for x, y in surface[2:-2:3]:
        pen.line([(x - 0.08, y), (x + 0.08, y)], 0.025, crest)


def draw_table(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A table side on: its top on two legs, a shadow under its edge; with people at it, a
    chair drawn up to each end someone sits at, and a plate and a glass set before each who
    eats (`Pose.laid`)."""
    for place, laid in enumerate(pose.laid[:2]):
        if laid:
            _chair(pen, (-1, 1)[place] * TABLE_END, colour)
    pen.rect(-0.6, 0.0, -0.52, 0.72, shade(colour, 0.75))
    pen.rect(0.52, 0.0, 0.6, 0.72, shade(colour, 0.75))
    pen.rect(-0.7, 0.68, 0.7, 0.78, colour)
    pen.rect(-0.66, 0.62, 0.66, 0.68, shade(colour, 0.6))
    for place, laid in enumerate(pose.laid):
        if laid == "meal":  # at an end, nearer its edge; on the far side, nearer its middle
            x = (-1, 1)[place % 2] * (0.42 if place < 2 else 0.14)
            pen.ellipse(x, 0.795, 0.15, 0.022, WHITE)
            pen.ellipse(x, 0.81, 0.075, 0.022, MEAL)
            glass = x - math.copysign(0.22, x)
            pen.rect(glass - 0.03, 0.78, glass + 0.03, 0.92, GLASS)


def _chair(pen: Pen, x: float, colour: RGB) -> None:
    """A chair side on, its seat where a diner's hips are (`x`), its back away from the
    table."""
    out = math.copysign(1, x)
    wood = shade(colour, 0.85)
    for leg in (x - 0.17, x + 0.17):
        pen.rect(leg - 0.025, 0.0, leg + 0.025, 0.46, shade(wood, 0.8))
    pen.rect(x - 0.2, 0.44, x + 0.2, 0.5, wood)
    back = x + out * 0.2
    pen.rect(back - 0.03, 0.44, back + 0.03, 1.08, wood)
    pen.rect(min(back, back - out * 0.12), 0.9, max(back, back - out * 0.12), 1.04, wood)


def draw_stick(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A stick with a twig off it, tumbling end over end when thrown along the ground."""
    turn = pose.phase * 0.5 if pose.action == "roll" else 0.15
    dx, dy = 0.28 * math.cos(turn), 0.28 * math.sin(turn)
    mid = (0.0, max(abs(dy), 0.03))
    pen.line([(mid[0] - dx, mid[1] - dy), (mid[0] + dx, mid[1] + dy)], 0.045, colour)
    twig = (mid[0] + 0.4 * dx - 0.1 * dy, mid[1] + 0.4 * dy + 0.1 * dx)
    pen.line([(mid[0] + 0.25 * dx, mid[1] + 0.25 * dy), twig], 0.025, shade(colour, 0.8))


def draw_frisbee(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A flying disc seen edge on, its rim darker, spinning (the highlight goes round)."""
    pen.ellipse(0.0, 0.04, 0.17, 0.04, shade(colour, 0.75))
    pen.ellipse(0.0, 0.05, 0.15, 0.028, colour)
    glint = 0.1 * math.cos(pose.phase)
    pen.ellipse(glint, 0.055, 0.025, 0.01, shade(colour, 1.5))


def draw_blanket(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A picnic blanket spread on the ground, seen from a little above: its far edge behind
    the ground line, its near edge towards the camera, checked in `colour` and white."""
    (away, towards), half = FLAT["blanket"], SIZE["blanket"][0] / 2
    columns, rows = 10, 2

    def at(u: float, v: float) -> tuple[float, float]:  # u across, v towards the camera
        return ((-half + 2 * half * u) * (1 + 0.06 * v), away - (away + towards) * v)

    pen.polygon([at(0, 0), at(1, 0), at(1, 1), at(0, 1)], colour)
    for c in range(columns):
        for r in range(rows):
            if (c + r) % 2:
                u0, u1, v0, v1 = c / columns, (c + 1) / columns, r / rows, (r + 1) / rows
                pen.polygon([at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)], WHITE)


def draw_bed(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A bed side on, its head towards +x (where one lying on it faces): a wooden frame on
    short legs, a headboard and a lower footboard, a white mattress and pillow, and its
    cover in `colour` hanging over the side."""
    wood = (130, 90, 60)
    pen.rect(0.95, 0.0, 1.05, 0.95, wood)  # the headboard
    pen.rect(-1.05, 0.0, -0.95, 0.6, wood)  # the footboard
    pen.rect(-0.95, 0.12, 0.95, 0.3, shade(wood, 0.85))  # the frame's side
    pen.rect(-0.95, 0.3, 0.95, 0.48, WHITE)  # the mattress
    pen.rect(-0.95, 0.26, 0.45, 0.5, colour)  # its cover, down over the side
    pen.rect(-0.95, 0.46, 0.45, 0.5, shade(colour, 1.2))
    pen.ellipse(0.72, 0.53, 0.2, 0.07, WHITE)  # the pillow


def draw_trampoline(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A round trampoline side on: its padded rim in `colour` on bowed legs, the black mat
    sagging under whoever lands on it (`pose.reach`, 0..1)."""
    top, half = TRAMPOLINE_HEIGHT, SIZE["trampoline"][0] / 2
    for x in (-0.8, -0.25, 0.3, 0.85):  # legs, bowed out
        pen.line([(x, top), (x * 1.08, top * 0.5), (x, 0.0)], 0.04, (70, 70, 78))
    sag = 0.18 * pose.reach
    pen.line([(-half + 0.05, top), (0.0, top - sag), (half - 0.05, top)], 0.05, (30, 30, 34))
    pen.rect(-half, top - 0.03, -half + 0.12, top + 0.05, colour)  # the pad at each end
    pen.rect(half - 0.12, top - 0.03, half, top + 0.05, colour)
    pen.line([(-half + 0.1, top + 0.03), (half - 0.1, top + 0.03)], 0.03, shade(colour, 1.25))


BOWL_GLASS = (200, 225, 235)


def draw_fishbowl(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A round glass bowl of water (`colour`, pale) on its flat foot: gravel on the bottom,
    a weed waving, its rim open at the top and a glint on the glass. Drawn before the fish
    that swims in it."""
    half = SIZE["fishbowl"][0] / 2
    middle = half * 0.95
    pen.ellipse(0.0, middle, half, half * 0.95, BOWL_GLASS)
    pen.ellipse(0.0, middle - 0.02, half * 0.93, half * 0.85, shade(colour, 1.6))  # water
    pen.rect(
        -half * 0.8, middle + half * 0.55, half * 0.8, middle + half * 0.95, BOWL_GLASS
    )  # above it
    pen.ellipse(
        0.0, middle + half * 0.82, half * 0.55, half * 0.1, shade(BOWL_GLASS, 0.9)
    )  # the rim
    for k in range(9):  # gravel
        x = -half * 0.6 + k * half * 0.15
        pen.ellipse(x, 0.05, 0.025, 0.02, ((200, 120, 90), (120, 160, 200), (230, 200, 120))[k % 3])
    sway = 0.03 * math.sin(pose.phase * 0.8)
    pen.line(
        [(half * 0.4, 0.05), (half * 0.45 + sway, 0.2), (half * 0.38 - sway, 0.32)],
        0.02,
        (60, 140, 70),
    )
    pen.ellipse(-half * 0.55, middle + half * 0.35, 0.03, 0.07, (250, 252, 255))  # a glint


RIBBON = (240, 210, 90)
WRAPPINGS = ((60, 120, 200), (60, 160, 90))  # a pile's other presents


def draw_present(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A present wrapped in `colour` paper, a ribbon round it and a bow on top."""
    _present(pen, 0.0, 0.0, 0.4, 0.32, colour)


def draw_bunch_of_presents(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A pile of presents: two side by side, a smaller one on top, each wrapped apart."""
    _present(pen, -0.22, 0.0, 0.4, 0.3, colour)
    _present(pen, 0.22, 0.0, 0.36, 0.26, WRAPPINGS[0])
    _present(pen, -0.05, 0.3, 0.28, 0.22, WRAPPINGS[1])


def _present(pen: Pen, x: float, y: float, width: float, height: float, colour: RGB) -> None:
    pen.rect(x - width / 2, y, x + width / 2, y + height, colour)
    pen.rect(x - 0.025, y, x + 0.025, y + height, RIBBON)
    pen.rect(x - width / 2, y + height * 0.45, x + width / 2, y + height * 0.55, RIBBON)
    for side in (-1, 1):  # the bow's loops
        pen.ellipse(x + side * 0.05, y + height + 0.03, 0.05, 0.03, RIBBON)


def draw_rope(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A rope pulled taut between two tugging at it (`pose.span`: its far end from here),
    a little slack in its middle, a rag tied there; lying on the ground where no one pulls."""
    dx, dy = pose.span if pose.span != (0.0, 0.0) else (SIZE["rope"][0], 0.0)
    middle = (dx / 2, dy / 2 - 0.04)
    pen.line([(0.0, 0.0), middle, (dx, dy)], 0.035, colour)
    rag = [
        (middle[0] - 0.04, middle[1]),
        (middle[0] + 0.04, middle[1]),
        (middle[0], middle[1] - 0.12),
    ]
    pen.polygon(rag, WHITE)


def draw_sofa(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A sofa seen from the front: its back, seat cushions and arms, on short feet."""
    dark, light = shade(colour, 0.75), shade(colour, 1.2)
    for x in (-0.9, 0.85):
        pen.rect(x, 0.0, x + 0.05, 0.1, (60, 45, 35))
    pen.rect(-0.95, 0.45, 0.95, 0.95, dark)  # the back
    pen.rect(-0.95, 0.1, 0.95, 0.45, colour)
    for x in (-0.82, 0.02):  # two seat cushions
        pen.rect(x, 0.4, x + 0.8, 0.52, light)
    for x in (-1.0, 0.82):  # the arms
        pen.rect(x, 0.1, x + 0.18, 0.66, shade(colour, 0.9))


def draw_armchair(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An armchair seen from the front: a high rounded back, a seat cushion between rolled
    arms, on short legs."""
    dark, light, arm = shade(colour, 0.75), shade(colour, 1.2), shade(colour, 0.9)
    for x in (-0.4, 0.35):
        pen.rect(x, 0.0, x + 0.05, 0.1, (60, 45, 35))
    pen.rect(-0.36, 0.45, 0.36, 1.0, dark)  # the back
    pen.ellipse(0.0, 1.0, 0.36, 0.06, dark)  # its rounded top
    pen.rect(-0.45, 0.1, 0.45, 0.45, colour)
    pen.rect(-0.3, 0.4, 0.3, 0.52, light)  # the seat cushion
    for x in (-0.47, 0.3):  # the arms, rolled at the top
        pen.rect(x, 0.1, x + 0.17, 0.66, arm)
        pen.ellipse(x + 0.085, 0.66, 0.085, 0.04, arm)


def draw_box(pen: Pen, pose: Pose, colour: RGB) -> None:
    """An open cardboard box side on: its front, taped, its flaps open out at either side
    (whoever sits in it drawn behind its front, their head over the side)."""
    card, fold = shade(colour, 1.35), shade(colour, 1.1)
    half, height = SIZE["box"][0] / 2, 0.2
    for side in (-1, 1):  # the side flaps, folded out
        pen.polygon(
            [
                (side * half, height),
                (side * (half + 0.14), height + 0.1),
                (side * half, height + 0.04),
            ],
            fold,
        )
    pen.rect(-half, -0.03, half, height, card)  # over the paws of whoever is in it
    pen.rect(-half, height - 0.02, half, height, fold)  # its rim
    pen.rect(-0.05, height - 0.1, 0.05, height, shade(colour, 1.55))  # packing tape


def draw_laser_dot(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A laser pointer's dot on the floor: a bright point in a soft halo of its own light."""
    light = pen.glowing()
    vivid = tuple(min(255, int(c * 1.3)) for c in colour)  # its own light, saturated
    light.ellipse(0.0, 0.015, 0.12, 0.045, (*vivid, 120))
    light.ellipse(0.0, 0.015, 0.05, 0.022, vivid)
    light.ellipse(0.0, 0.015, 0.018, 0.009, shade(vivid, 1.7))  # white-hot at its heart


def draw_ball(pen: Pen, pose: Pose, colour: RGB) -> None:
    r = SIZE["ball"][0] / 2
    pen.ellipse(0.0, r, r, r, colour)
    angle = pose.phase
    pen.line(
        [
            (r * math.cos(angle), r + r * math.sin(angle)),
            (-r * math.cos(angle), r - r * math.sin(angle)),
        ],
        0.03,
        WHITE,
    )


def draw_cup(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A small paper cup with a dome of whipped cream: the "pup cup"; knocked over
    (`pose.reach`), tipped forward onto its side."""
    tip = pose.reach * math.pi / 2

    def tipped(points):
        return [
            (x * math.cos(tip) + y * math.sin(tip), y * math.cos(tip) - x * math.sin(tip))
            for x, y in points
        ]

    pen.polygon(tipped([(-0.1, 0.24), (0.1, 0.24), (0.075, 0.0), (-0.075, 0.0)]), WHITE)
    sleeve = colour if colour != WHITE else (196, 60, 60)
    pen.polygon(tipped([(-0.093, 0.17), (0.093, 0.17), (0.085, 0.08), (-0.085, 0.08)]), sleeve)
    cream = zip(tipped([(-0.05, 0.26), (0.05, 0.26), (0.0, 0.3)]), (0.05, 0.05, 0.055), strict=True)
    for (cx, cy), r in cream:
        pen.ellipse(cx, cy, r, r * 0.8, (252, 250, 244))


def draw_tree(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A tree: a trunk under a round crown of leaves; where something perches in it
    (`pose.reach`), a bare branch held out from its trunk under the crown."""
    pen.polygon([(-0.18, 0.0), (0.18, 0.0), (0.12, 2.4), (-0.12, 2.4)], WOOD)
    if pose.reach:
        tip = BRANCH_OUT + 0.35
        pen.line([(0.05, 1.35), (0.55, PERCH_AT - 0.08), (tip, PERCH_AT - 0.02)], 0.07, WOOD)
        pen.line([(tip - 0.2, PERCH_AT - 0.03), (tip + 0.05, PERCH_AT + 0.12)], 0.03, WOOD)
        for dx, dy in ((tip + 0.05, PERCH_AT + 0.14), (tip + 0.12, PERCH_AT + 0.02)):
            pen.ellipse(dx, dy, 0.09, 0.06, colour)  # a few leaves at its end
    dark, light = shade(colour, 0.7), shade(colour, 1.2)
    for cx, cy, r, tone in (
        (-0.6, 2.6, 0.8, dark),
        (0.6, 2.7, 0.85, dark),
        (0.0, 3.4, 1.0, colour),
        (-0.3, 2.9, 0.7, colour),
        (0.35, 3.1, 0.6, light),
    ):
        pen.ellipse(cx, cy, r, r * 0.9, tone)


HAMMOCK_POSTS, HAMMOCK_ENDS = 1.15, 0.85  # metres from its middle: the posts, the sling's ends


def hammock_sag(x: float) -> float:
    """How high the sling of a hammock is `x` metres along from its middle: the seat's
    height at its lowest, rising to its ends."""
    return SEAT_HEIGHT - 0.05 + 0.42 * (x / HAMMOCK_ENDS) ** 2


def draw_hammock(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A hammock: a striped sling sagging between two wooden posts, tied to them by ropes
    (whoever lies or sits in it drawn after, on it)."""
    wood, rope = (130, 96, 64), (214, 200, 170)
    for side in (-1, 1):
        post = side * HAMMOCK_POSTS
        pen.rect(post - 0.05, 0.0, post + 0.05, 1.3, wood)
        end = side * HAMMOCK_ENDS
        pen.line([(post, 1.18), (end, hammock_sag(end) + 0.04)], 0.025, rope)
    steps = 12
    for k in range(steps):  # the sling in bands across it, alternately coloured
        x0 = -HAMMOCK_ENDS + 2 * HAMMOCK_ENDS * k / steps
        x1 = -HAMMOCK_ENDS + 2 * HAMMOCK_ENDS * (k + 1) / steps
        band = colour if k % 2 == 0 else shade(colour, 1.35)
        top0, top1 = hammock_sag(x0) + 0.06, hammock_sag(x1) + 0.06
        pen.polygon([(x0, top0), (x1, top1), (x1, top1 - 0.16), (x0, top0 - 0.16)], band)


def draw_rock(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A boulder: a rounded mass, its top flatter where one sits, lit from above, a crack
    down its face and a tuft of grass at its foot."""
    outline = [(-0.75, 0.0), (-0.72, 0.3), (-0.5, 0.55), (-0.1, 0.63), (0.35, 0.6)]
    outline += [(0.65, 0.45), (0.76, 0.2), (0.72, 0.0)]
    pen.polygon(outline, colour)
    pen.polygon(
        [(-0.5, 0.55), (-0.1, 0.63), (0.35, 0.6), (0.2, 0.5), (-0.3, 0.48)], shade(colour, 1.2)
    )
    pen.polygon([(0.4, 0.0), (0.65, 0.45), (0.76, 0.2), (0.72, 0.0)], shade(colour, 0.8))
    pen.line([(0.05, 0.5), (0.12, 0.3), (0.06, 0.12)], 0.015, shade(colour, 0.6))
    for k in range(3):
        pen.line([(-0.78 + 0.05 * k, 0.0), (-0.82 + 0.08 * k, 0.12)], 0.012, (90, 140, 70))


def draw_bench(pen: Pen, pose: Pose, colour: RGB) -> None:
    metal = (60, 60, 66)
    for lx in (-0.7, 0.7):
        pen.rect(lx - 0.04, 0.0, lx + 0.04, 0.45, metal)
        pen.rect(lx - 0.04, 0.45, lx + 0.04, 0.95, metal)
    pen.rect(-0.85, 0.42, 0.85, 0.5, colour)
    for y in (0.62, 0.78, 0.92):
        pen.rect(-0.85, y - 0.05, 0.85, y + 0.02, shade(colour, 0.9))


LAMPLIGHT = (255, 214, 130)  # a window lit from inside at night


def draw_house(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A house front: walls, a roof, a door, two windows, lit from inside after dark."""
    pen.rect(-2.4, 0.0, 2.4, 3.3, colour)
    pen.polygon([(-2.7, 3.3), (2.7, 3.3), (0.0, 5.2)], (150, 55, 45))
    pen.rect(-0.45, 0.0, 0.45, 1.9, (110, 70, 45))
    pen.ellipse(0.28, 0.95, 0.05, 0.05, (220, 190, 90))
    lit = pen.in_the_dark()
    for wx in (-1.55, 1.55):
        pen.rect(wx - 0.55, 1.4, wx + 0.55, 2.5, WHITE)
        if lit:
            pen.glowing().rect(wx - 0.45, 1.5, wx + 0.45, 2.4, LAMPLIGHT)
        else:
            pen.rect(wx - 0.45, 1.5, wx + 0.45, 2.4, GLASS)
        pen.rect(wx - 0.02, 1.5, wx + 0.02, 2.4, WHITE)


def draw_cafe_stand(pen: Pen, pose: Pose, colour: RGB) -> None:
    pen.rect(-1.2, 0.0, 1.2, 1.05, WOOD)
    pen.rect(-1.25, 1.0, 1.25, 1.12, shade(WOOD, 0.7))
    for px in (-1.1, 1.1):
        pen.rect(px - 0.05, 1.1, px + 0.05, 2.2, (70, 70, 75))
    stripes = 8
    for i in range(stripes):
        x0 = -1.35 + 2.7 * i / stripes
        tone = colour if i % 2 == 0 else WHITE
        pen.polygon(
            [(x0, 2.15), (x0 + 2.7 / stripes, 2.15), (x0 + 2.7 / stripes, 2.45), (x0, 2.45)], tone
        )
    pen.rect(-0.75, 2.45, 0.75, 2.7, (40, 40, 44))
    text(pen, 0.0, 2.575, "CAFE", 0.2, WHITE)
    for cx in (-0.6, -0.3):
        pen.polygon(
            [(cx - 0.07, 1.28), (cx + 0.07, 1.28), (cx + 0.05, 1.12), (cx - 0.05, 1.12)], WHITE
        )


def draw_sign(pen: Pen, pose: Pose, colour: RGB) -> None:
    pen.rect(-0.04, 0.0, 0.04, 1.3, (90, 90, 96))
    pen.rect(-0.45, 1.2, 0.45, 1.9, (50, 50, 56))
    pen.rect(-0.41, 1.24, 0.41, 1.86, colour)
    ink = (30, 30, 30) if sum(colour) > 380 else WHITE
    for i, width in enumerate((0.6, 0.45, 0.52)):
        y = 1.72 - i * 0.17
        pen.rect(-width / 2, y - 0.03, width / 2, y + 0.03, ink)


def draw_placeholder(pen: Pen, pose: Pose, label: str) -> None:
    """A labelled, dashed box: an honest stand-in for something the world cannot draw."""
    ink = (235, 60, 150)
    pen.rect(-0.5, 0.0, 0.5, 1.0, (250, 240, 246))
    for i in range(10):
        x0 = -0.5 + i * 0.1
        pen.rect(x0, 0.96, x0 + 0.05, 1.0, ink)
        pen.rect(x0, 0.0, x0 + 0.05, 0.04, ink)
    text(pen, 0.0, 0.62, "?", 0.32, ink)
    text(pen, 0.0, 0.25, label[:14], 0.14, (40, 40, 40))
