"""Backdrops for each place: a far layer (drawn with parallax) and a near layer (the ground
and its scenery). Both are drawn once per shot into panoramas and cropped per frame.

The scenery is anchored to the world, not to the shot: what stands at a place (a tree, a
facade, a lamp) depends on the seed and the place's x alone, never on how much of the world
a shot shows. So a longer shot, or one that carries on another, shows the same street.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np

from videoagent.synthworld.painters.pen import RGB, Pen, shade
from videoagent.synthworld.painters.props import WATER, text

# How high (metres above the actors' ground line) the visible ground reaches, per place.
BACK_LINE = {"park": 1.1, "street": 1.3, "cafe": 0.9, "beach": 1.4, "living room": 0.7, "city": 1.3}
BACK_LINE["forest"] = 1.2
BACK_LINE["kitchen"] = 0.7
BACK_LINE["mountains"] = 1.5
BACK_LINE["reef"] = 0.9
BACK_LINE["lake"] = 1.6  # the far shore: the water reaches back to it
BACK_LINE["farm"] = 1.3
BACK_LINE["bathroom"] = 0.7
LAKE_BANK = 0.45  # where the grass of the near bank gives way to the water, metres
PARALLAX = 0.45
# How high each place's far scenery reaches, metres: the hills' tops (most of them), the
# sea's horizon.
# What is in the sky (fireworks) is seen above it; over buildings that fill the sky of a
# flat picture (`BUILT_UP`), it is drawn over them; indoors, not at all.
SKYLINE = {
    "park": BACK_LINE["park"] + 2.0,
    "beach": BACK_LINE["beach"] + 1.1,
    "forest": BACK_LINE["forest"] + 4.0,  # the far trees' tops
    "lake": BACK_LINE["lake"] + 1.6,  # the far shore's hills
    "mountains": BACK_LINE["mountains"] + 3.6,  # most of the peaks
    "farm": BACK_LINE["farm"] + 4.5,  # the barns' roofs
}
BUILT_UP = ("street", "city", "cafe")
SEA = (40, 110, 170)
# The colour of each place's own water, where one swims in it (elsewhere: props.WATER).
WATER_OF = {"beach": SEA, "lake": WATER}
# Where all is water (no sky, no rain nor snow): what swims there swims as it would in the
# open, with no pool drawn round it.
UNDER_WATER = ("reef",)
# Where every row of scenery starts, far left of any shot (metres); rows are laid out from
# here so that the same x always gets the same thing.
ANCHOR = -1000.0


@dataclass
class Backdrop:
    """Drawing context handed to the place painters."""

    far: Pen
    near: Pen
    left: float  # world x range the near layer must cover
    right: float
    far_left: float  # and the far layer
    far_right: float
    bottom: float  # lowest world y shown
    top: float  # highest world y shown
    weather: str
    night: bool
    seed: int
    back_line: float  # where the visible ground ends behind the actors

    def stream(self, row: str) -> np.random.Generator:
        """The random numbers of one row of scenery, its own so that no other row's length
        moves it."""
        return np.random.default_rng([self.seed % 2**32, zlib.crc32(row.encode())])


def _row(start: float, stop: float, period: float, offset: float = 0.0):
    """The x of a row repeating every `period` metres (from `offset`) that matter between
    `start` and `stop`: each x a product, never a running sum, so that the same place gets
    the same x to the last bit in every shot."""
    k = math.floor((start - offset) / period)
    while offset + k * period < stop:
        yield offset + k * period
        k += 1


def _scattered(b: Backdrop, row: str, stop: float, period: float, draws: int):
    """(x, random numbers) every `period` metres of a row of scenery up to `stop`, `draws`
    numbers at each x: counted from `ANCHOR`, so that the same x has the same numbers in
    every shot, whatever part of the world it shows (a caller leaves out those before it)."""
    rng, k = b.stream(row), 0
    while ANCHOR + k * period < stop:
        yield ANCHOR + k * period, rng.random(draws)
        k += 1


def _ground(b: Backdrop, colour: RGB, back: RGB) -> None:
    b.near.rect(b.left, b.bottom, b.right, b.back_line, colour)
    b.near.rect(b.left, b.back_line - 0.05, b.right, b.back_line, back)


def _snowy(b: Backdrop, colour: RGB) -> RGB:
    return shade(colour, 1.75) if b.weather == "snow" else colour


def _windows(
    pen: Pen,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    night: bool,
    rng: np.random.Generator,
    lit_chance: float = 0.55,
) -> None:
    step = 0.9
    x = x0 + 0.35
    while x + 0.45 < x1:
        y = y0 + 0.5
        while y + 0.6 < y1:
            lit = night and rng.random() < lit_chance
            colour = (255, 220, 130) if lit else (150, 185, 210)
            if lit:  # emissive: not darkened by the night grade
                (ax, ay), (bx, by) = pen.at(x, y), pen.at(x + 0.45, y + 0.6)
                pen.draw.rectangle(
                    (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)), fill=colour
                )
            else:
                pen.rect(x, y, x + 0.45, y + 0.6, colour)
            y += 1.0
        x += step


def park(b: Backdrop) -> None:
    hills, rng = (96, 150, 110), b.stream("hills")
    x = ANCHOR
    while x < b.far_right + 4:
        r = rng.uniform(5, 9)
        if x + r > b.far_left - 4:
            b.far.ellipse(x, BACK_LINE["park"], r, r * 0.28, _snowy(b, hills))
        x += r * 1.2
    grass = _snowy(b, (92, 160, 72))
    _ground(b, grass, shade(grass, 0.85))
    b.near.rect(b.left, -0.3, b.right, 0.3, _snowy(b, (200, 180, 140)))  # the path
    x, rng = ANCHOR, b.stream("trees")
    while x < b.right + 2:
        x += rng.uniform(4.5, 8)
        size = rng.uniform(0.55, 0.8)
        if x > b.left - 3:
            _background_tree(b.near, x, BACK_LINE["park"] - 0.1, size, b)


def _background_tree(pen: Pen, x: float, y: float, size: float, b: Backdrop) -> None:
    leaf = _snowy(b, (55, 120, 60))
    pen.rect(x - 0.12 * size, y, x + 0.12 * size, y + 1.8 * size, (100, 70, 45))
    for dx, dy, r in ((-0.5, 2.0, 0.75), (0.5, 2.1, 0.8), (0.0, 2.7, 0.95)):
        pen.ellipse(x + dx * size, y + dy * size, r * size, r * size * 0.9, leaf)


_CROWN = ((-0.9, 0.0, 1.3), (0.8, 0.3, 1.2), (0.0, 0.9, 1.5))  # a tall tree's, (x, y, r)


def forest(b: Backdrop) -> None:
    """Far off, a wall of pines; near, the forest floor with a dirt path through it and the
    trunks of tall trees behind it, their crowns overhead; in snow, white on the ground and
    the branches."""
    base = BACK_LINE["forest"]
    far = _snowy(b, (58, 96, 78))
    b.far.rect(b.far_left - 3, base - 0.2, b.far_right + 3, base + 1.6, shade(far, 0.85))
    for x, (tall, tone) in _scattered(b, "far pines", b.far_right + 3, 0.9, 2):
        if x > b.far_left - 3:
            top = (x, base + 3.2 + 1.2 * tall)
            b.far.polygon(
                [(x - 0.75, base + 0.6), (x + 0.75, base + 0.6), top], shade(far, 0.9 + 0.2 * tone)
            )
    floor = _snowy(b, (74, 104, 52))
    _ground(b, floor, shade(floor, 0.8))
    b.near.rect(b.left, -0.35, b.right, 0.3, _snowy(b, (140, 108, 72)))  # the path
    for x, (where, tone) in _scattered(b, "leaves", b.right + 1, 0.45, 2):
        y = -0.3 + (base - 0.1) * where  # leaf litter, off the path
        if x > b.left - 1 and not -0.4 < y < 0.35:
            b.near.ellipse(x, y, 0.1, 0.04, shade(floor, 0.7 + 0.5 * tone))
    x, rng = ANCHOR, b.stream("trunks")
    crown = _snowy(b, (44, 92, 50))
    while x < b.right + 3:  # every tree's numbers drawn, seen or not: the row stays put
        x += rng.uniform(1.6, 3.4)
        width, height = rng.uniform(0.22, 0.45), rng.uniform(6.0, 9.0)
        bark, tones = shade((92, 72, 54), rng.uniform(0.8, 1.1)), rng.uniform(0.85, 1.15, 3)
        if x > b.left - 3:
            b.near.rect(x - width / 2, base - 0.15, x + width / 2, height, bark)
            b.near.rect(x - width / 2, base - 0.15, x - width / 6, height, shade(bark, 0.8))
            for (dx, dy, r), tone in zip(_CROWN, tones, strict=True):
                b.near.ellipse(x + dx, height + dy, r, r * 0.75, shade(crown, tone))


def lake(b: Backdrop) -> None:
    """Over the water, a far shore of low hills and trees; near, a grassy bank with reeds at
    its edge; the water rippling between (ice in the snow)."""
    base, rng = BACK_LINE["lake"], b.stream("shore hills")
    x = ANCHOR
    while x < b.far_right + 4:
        r = rng.uniform(4, 7)
        if x + r > b.far_left - 4:
            b.far.ellipse(x, base, r, r * 0.22, _snowy(b, (88, 138, 104)))
        x += r * 1.3
    for x in _row(b.far_left - 2, b.far_right + 2, 1.3, offset=ANCHOR):
        tone = _snowy(b, shade((52, 104, 62), 0.9 + 0.25 * math.sin(x * 2.7)))
        b.far.ellipse(x, base + 0.35, 0.55, 0.42, tone)  # the far shore's trees
    water = (186, 208, 222) if b.weather == "snow" else WATER  # a swimmer's, the same
    b.near.rect(b.left, b.bottom, b.right, base, water)
    b.near.rect(b.left, base - 0.08, b.right, base, _snowy(b, (80, 120, 70)))  # far bank
    for x, (where,) in _scattered(b, "ripples", b.right + 1, 0.7, 1):
        y = LAKE_BANK + 0.1 + (base - LAKE_BANK - 0.25) * where
        if x > b.left - 1:
            b.near.rect(x, y, x + 0.35, y + 0.03, shade(water, 1.3))
    bank = _snowy(b, (92, 160, 72))
    b.near.rect(b.left, b.bottom, b.right, LAKE_BANK, bank)
    b.near.rect(b.left, LAKE_BANK - 0.06, b.right, LAKE_BANK, shade(bank, 0.8))
    for x, (chance, how_tall) in _scattered(b, "reeds", b.right + 1, 0.23, 2):
        if x > b.left - 1 and chance < 0.45:  # in clumps along the water's edge
            tall = 0.25 + 0.35 * how_tall
            b.near.line(
                [(x, LAKE_BANK - 0.05), (x + 0.05, LAKE_BANK + tall)], 0.03, shade(bank, 0.7)
            )


def street(b: Backdrop) -> None:
    _facades(b, b.far, base=BACK_LINE["street"], tall=(3.5, 7.0))
    _ground(b, _snowy(b, (175, 175, 178)), (150, 150, 154))
    road = (70, 72, 78)
    b.near.rect(b.left, 0.45, b.right, BACK_LINE["street"] - 0.05, road)
    for x in _row(b.left - 1.2, b.right, 2.6):
        b.near.rect(x, 0.82, x + 1.2, 0.88, (230, 220, 150))
    b.near.rect(b.left, 0.4, b.right, 0.47, (120, 120, 124))  # kerb
    _lamps(b, spacing=9.0)


def _facades(b: Backdrop, pen: Pen, *, base: float, tall: tuple[float, float]) -> None:
    palette = [
        (196, 120, 90),
        (220, 190, 140),
        (150, 160, 180),
        (180, 110, 120),
        (230, 210, 170),
        (130, 150, 130),
    ]
    x, rng, number = ANCHOR, b.stream("facades"), 0
    while x < b.far_right + 3:
        width, height = rng.uniform(3, 5.5), rng.uniform(*tall)
        colour = palette[int(rng.integers(len(palette)))]
        if x + width > b.far_left - 3:
            lights = b.stream(f"windows {number}")  # each facade's own
            pen.rect(x, base, x + width - 0.15, base + height, colour)
            _windows(pen, x, x + width - 0.15, base + 0.3, base + height - 0.2, b.night, lights)
        x, number = x + width, number + 1


def _lamps(b: Backdrop, spacing: float) -> None:
    for x in _row(b.left - 0.5, b.right, spacing, b.stream("lamps").uniform(0, spacing)):
        b.near.rect(x - 0.05, 0.35, x + 0.05, 3.2, (50, 52, 58))
        b.near.rect(x - 0.05, 3.15, x + 0.45, 3.22, (50, 52, 58))
        glow = (255, 226, 150) if b.night else (235, 235, 220)
        (ax, ay) = b.near.at(x + 0.42, 3.1)
        r = b.near.px(0.13)
        b.near.draw.ellipse((ax - r, ay - r, ax + r, ay + r), fill=glow)


def cafe(b: Backdrop) -> None:
    pen, base = b.far, BACK_LINE["cafe"]
    pen.rect(b.far_left - 3, base, b.far_right + 3, base + 4.6, (236, 222, 196))
    for x in _row(b.far_left - 5, b.far_right + 3, 5.5):
        pen.rect(x + 0.4, base + 0.3, x + 3.4, base + 2.6, (60, 48, 40))
        inner, lit = ((255, 214, 140), pen.glowing()) if b.night else ((150, 185, 205), pen)
        lit.rect(x + 0.55, base + 0.45, x + 3.25, base + 2.45, inner)  # lit up at night
        for i in range(6):
            tone = (40, 110, 80) if i % 2 == 0 else (245, 240, 230)
            pen.polygon(
                [
                    (x + 0.3 + i * 0.55, base + 2.9),
                    (x + 0.85 + i * 0.55, base + 2.9),
                    (x + 0.85 + i * 0.55, base + 3.3),
                    (x + 0.3 + i * 0.55, base + 3.3),
                ],
                tone,
            )
        pen.rect(x + 3.7, base, x + 4.7, base + 2.4, (100, 65, 40))  # door
        text(pen, x + 1.9, base + 3.8, "CAFE", 0.5, (40, 90, 70))
    tiles = _snowy(b, (196, 170, 140))
    _ground(b, tiles, shade(tiles, 0.8))
    for x in _row(b.left, b.right, 0.8):
        b.near.rect(x, b.bottom, x + 0.04, BACK_LINE["cafe"], shade(tiles, 0.88))


def beach(b: Backdrop) -> None:
    base = BACK_LINE["beach"]
    b.far.rect(b.far_left - 3, base - 0.2, b.far_right + 3, base + 1.1, SEA)
    x, rng = ANCHOR, b.stream("waves")
    while x < b.far_right + 3:
        low, thick = rng.uniform(0, 0.6), rng.uniform(0, 0.6)
        if x + 0.9 > b.far_left - 3:  # a crest: thin (a swimmer is framed close to them)
            crest = base + 0.2 + low
            b.far.rect(x, crest, x + 0.9, crest + 0.04 + 0.05 * thick, (200, 225, 240))
        x += rng.uniform(1.2, 2.5)
    sand = _snowy(b, (232, 210, 160))
    _ground(b, sand, (215, 230, 235))
    b.near.rect(b.left, base - 0.18, b.right, base - 0.05, (236, 240, 240))  # surf


def living_room(b: Backdrop) -> None:
    pen, base = b.far, BACK_LINE["living room"]
    wall = (214, 196, 170)
    pen.rect(b.far_left - 3, base, b.far_right + 3, base + 8, wall)
    for x in _row(b.far_left - 3, b.far_right + 3, 0.6):
        pen.rect(x, base, x + 0.08, base + 8, shade(wall, 0.94))
    for x in _row(b.far_left - 8, b.far_right + 3, 9.0):
        pen.rect(x + 0.4, base + 0.9, x + 2.4, base + 2.9, (240, 236, 228))  # window
        outside = (30, 40, 80) if b.night else (150, 195, 235)
        pen.rect(x + 0.5, base + 1.0, x + 2.3, base + 2.8, outside)
        pen.rect(x + 1.37, base + 1.0, x + 1.43, base + 2.8, (240, 236, 228))
        pen.rect(x + 3.2, base + 1.4, x + 4.2, base + 2.2, (90, 60, 40))  # picture
        pen.rect(x + 3.28, base + 1.48, x + 4.12, base + 2.12, (120, 160, 120))
        pen.rect(x + 4.8, base, x + 7.4, base + 0.55, (140, 70, 60))  # sofa
        pen.rect(x + 4.8, base + 0.55, x + 7.4, base + 1.1, (120, 60, 52))
    floor = (160, 115, 75)
    _ground(b, floor, shade(floor, 0.8))
    for x in _row(b.left, b.right, 1.1):
        b.near.rect(x, b.bottom, x + 0.03, base, shade(floor, 0.85))
    b.near.rect(b.left + 0.0, -0.2, b.right, 0.2, (170, 70, 70))  # rug


def kitchen(b: Backdrop) -> None:
    """A run of cabinets along the back wall under a worktop, with a stove (a pot on it), a
    sink below the window, cupboards above and a fridge; a floor of checked tiles."""
    pen, base = b.far, BACK_LINE["kitchen"]
    wall = (234, 228, 212)
    pen.rect(b.far_left - 3, base, b.far_right + 3, base + 8, wall)
    tile = (196, 214, 222)
    pen.rect(b.far_left - 3, base + 0.98, b.far_right + 3, base + 1.55, tile)  # splashback
    for x in _row(b.far_left - 3, b.far_right + 3, 0.25):
        pen.rect(x, base + 0.98, x + 0.015, base + 1.55, shade(tile, 0.9))
    for x in _row(b.far_left - 9, b.far_right + 3, 8.0):
        cabinet, top = (110, 140, 160), (80, 80, 86)
        pen.rect(x, base, x + 5.0, base + 0.9, cabinet)
        for door in _row(x, x + 5.0, 0.62, offset=x):
            pen.rect(door + 0.03, base + 0.06, door + 0.59, base + 0.84, shade(cabinet, 1.08))
            pen.rect(door + 0.27, base + 0.7, door + 0.35, base + 0.74, (200, 200, 204))
        pen.rect(x - 0.05, base + 0.9, x + 5.05, base + 0.98, top)  # the worktop
        pen.rect(x + 1.4, base + 0.06, x + 2.3, base + 0.8, (70, 70, 76))  # the oven
        pen.rect(x + 1.5, base + 0.2, x + 2.2, base + 0.6, (40, 40, 46))
        for k in range(4):
            pen.ellipse(x + 1.5 + 0.23 * k, base + 0.72, 0.035, 0.035, (200, 200, 204))
        pen.rect(x + 1.6, base + 0.98, x + 2.05, base + 1.22, (150, 150, 158))  # a pot
        pen.rect(x + 1.55, base + 1.2, x + 2.1, base + 1.25, (120, 120, 128))
        pen.rect(x + 3.2, base + 1.7, x + 4.6, base + 2.7, (240, 236, 228))  # the window
        outside = (30, 40, 80) if b.night else (150, 195, 235)
        pen.rect(x + 3.28, base + 1.78, x + 4.52, base + 2.62, outside)
        pen.rect(x + 3.87, base + 1.78, x + 3.93, base + 2.62, (240, 236, 228))
        tap = [(x + 3.9, base + 0.98), (x + 3.9, base + 1.3), (x + 4.05, base + 1.3)]
        pen.line(tap, 0.04, (180, 180, 186))  # the sink's tap
        for left in (x + 0.2, x + 1.4, x + 5.0 - 0.05):
            pen.rect(left - 0.1, base + 1.75, left + 1.0, base + 2.6, cabinet)  # cupboards
            pen.rect(left - 0.05, base + 1.8, left + 0.95, base + 2.55, shade(cabinet, 1.08))
        pen.rect(x + 5.4, base, x + 6.3, base + 2.0, (238, 240, 242))  # the fridge
        pen.rect(x + 5.4, base + 1.28, x + 6.3, base + 1.31, (200, 204, 208))
        pen.rect(x + 5.5, base + 1.4, x + 5.55, base + 1.8, (170, 170, 176))
    floor = (214, 210, 200)
    _ground(b, floor, shade(floor, 0.85))
    rows = math.ceil((base - b.bottom) / 0.35)
    for x in _row(b.left - 1, b.right + 1, 0.35, offset=ANCHOR):  # checked tiles
        k = round((x - ANCHOR) / 0.35)
        for r in range(rows):  # from the wall forward
            if (k + r) % 2 == 0:
                top = base - 0.05 - 0.35 * r
                b.near.rect(x, max(top - 0.35, b.bottom), x + 0.35, top, shade(floor, 0.78))


def bathroom(b: Backdrop) -> None:
    """White tiles to shoulder height, a painted wall above; a washbasin on its pedestal
    under a mirror, a small window, a rail with a towel over it, a shelf of bottles; a
    floor of grey tiles and a bath mat."""
    pen, base = b.far, BACK_LINE["bathroom"]
    paint, tile = (196, 222, 218), (242, 244, 244)
    pen.rect(b.far_left - 3, base, b.far_right + 3, base + 8, paint)
    pen.rect(b.far_left - 3, base, b.far_right + 3, base + 1.4, tile)
    grout = shade(tile, 0.88)
    for x in _row(b.far_left - 3, b.far_right + 3, 0.2):  # on whole pixels, as polygons
        # are: a thin rectangle's edge on a pixel's would round apart in two shots
        pen.polygon([(x, base), (x + 0.02, base), (x + 0.02, base + 1.4), (x, base + 1.4)], grout)
    for k in range(8):
        pen.rect(b.far_left - 3, base + 0.2 * k, b.far_right + 3, base + 0.2 * k + 0.02, grout)
    pen.rect(b.far_left - 3, base + 1.4, b.far_right + 3, base + 1.46, shade(paint, 0.8))
    for x in _row(b.far_left - 8, b.far_right + 3, 7.0):
        porcelain = (250, 250, 248)
        pen.rect(x + 0.9, base, x + 1.1, base + 0.75, shade(porcelain, 0.92))  # pedestal
        pen.polygon(  # the basin
            [(x + 0.55, base + 0.95), (x + 1.45, base + 0.95), (x + 1.3, base + 0.7)]
            + [(x + 0.7, base + 0.7)],
            porcelain,
        )
        pen.rect(x + 0.96, base + 0.95, x + 1.04, base + 1.1, (180, 180, 186))  # its tap
        pen.rect(x + 0.58, base + 1.3, x + 1.42, base + 2.3, (200, 200, 204))  # the mirror
        pen.rect(x + 0.63, base + 1.35, x + 1.37, base + 2.25, (206, 226, 236))
        glint = [(x + 0.75, base + 2.0), (x + 0.78, base + 2.0), (x + 0.95, base + 2.2)]
        pen.polygon([*glint, (x + 0.92, base + 2.2)], (236, 244, 248))  # (whole pixels)
        pen.rect(x + 2.4, base + 1.8, x + 3.3, base + 2.7, (240, 240, 236))  # the window
        outside = (30, 40, 80) if b.night else (150, 195, 235)
        pen.rect(x + 2.47, base + 1.87, x + 3.23, base + 2.63, outside)
        pen.rect(x + 2.82, base + 1.87, x + 2.88, base + 2.63, (240, 240, 236))
        pen.rect(x + 4.07, base + 1.6, x + 5.13, base + 1.65, (180, 180, 186))  # towel rail
        pen.rect(x + 4.25, base + 1.05, x + 4.95, base + 1.65, (92, 150, 200))  # its towel
        pen.rect(x + 4.25, base + 1.15, x + 4.95, base + 1.2, (240, 240, 236))
        pen.rect(x + 5.6, base + 1.7, x + 6.6, base + 1.76, (150, 110, 80))  # a shelf
        for k, bottle in enumerate(((230, 120, 140), (120, 190, 170), (240, 210, 120))):
            left = x + 5.7 + 0.3 * k
            pen.rect(left, base + 1.76, left + 0.16, base + 2.05 - 0.05 * k, bottle)
    floor = (188, 192, 196)
    _ground(b, floor, shade(floor, 0.85))
    for x in _row(b.left, b.right, 0.3):
        b.near.rect(x, b.bottom, x + 0.02, base, shade(floor, 0.9))
    for x in _row(b.left - 3, b.right + 1, 7.0, offset=ANCHOR + 3.6):
        b.near.rect(x, 0.2, x + 1.2, 0.45, (120, 170, 200))  # a bath mat


def mountains(b: Backdrop) -> None:
    """Far off, a range of peaks capped with snow, a nearer ridge before them; near, an
    alpine meadow with rocks and a gravel trail; a few small pines on its far edge."""
    base = BACK_LINE["mountains"]
    for row, (tone, low, high, spread) in enumerate(
        (((150, 165, 190), 2.8, 4.4, 3.6), ((104, 124, 120), 1.2, 2.2, 2.8))
    ):
        rng, x = b.stream(f"peaks {row}"), ANCHOR
        while x < b.far_right + 10:
            x += rng.uniform(0.6, 1.0) * spread
            tall, wide = rng.uniform(low, high), rng.uniform(0.7, 1.1) * spread
            if x + wide > b.far_left - 10:
                foot = base - 0.1
                b.far.polygon([(x - wide, foot), (x + wide, foot), (x, base + tall)], tone)
                shadowed = shade(tone, 0.85)  # the side away from the sun
                b.far.polygon([(x, foot), (x + wide, foot), (x, base + tall)], shadowed)
                if row == 0 or b.weather == "snow":  # snow on the tops
                    cap = 0.35 if row == 0 else 0.6
                    top = (x, base + tall)
                    left = (x - wide * cap, base + tall * (1 - cap))
                    right = (x + wide * cap, base + tall * (1 - cap))
                    b.far.polygon([left, right, top], (240, 242, 246))
    meadow = _snowy(b, (110, 150, 80))
    _ground(b, meadow, shade(meadow, 0.85))
    b.near.rect(b.left, -0.3, b.right, 0.25, _snowy(b, (164, 150, 128)))  # the trail
    for x, (where, big, chance, tone) in _scattered(b, "rocks", b.right + 1, 1.1, 4):
        y, size = 0.35 + (base - 0.5) * where, 0.1 + 0.15 * big
        if x > b.left - 1 and chance < 0.6:
            b.near.ellipse(x, y, size * 1.4, size, shade((130, 130, 134), 0.9 + 0.2 * tone))
    rng, x = b.stream("alpine pines"), ANCHOR
    pine = _snowy(b, (46, 84, 60))
    while x < b.right + 2:
        x, tall = x + rng.uniform(2.5, 6.0), rng.uniform(1.2, 2.0)
        if x > b.left - 2:
            foot = base - 0.05
            b.near.rect(x - 0.05, foot, x + 0.05, foot + 0.3, (90, 66, 46))
            b.near.polygon([(x - 0.4, foot + 0.25), (x + 0.4, foot + 0.25), (x, foot + tall)], pine)


def reef(b: Backdrop) -> None:
    """Under the sea: deep water all round, lighter towards the surface, shafts of light;
    far off, dark rocks; near, a sandy floor with rocks, corals and seaweed."""
    base = BACK_LINE["reef"]
    deep = (24, 70, 120)
    for k in range(6):  # the water, in bands lighter towards the surface
        y0 = base - 0.5 + 1.6 * k
        b.far.rect(b.far_left - 3, y0, b.far_right + 3, y0 + 1.7, shade(deep, 1.0 + 0.12 * k))
    b.far.rect(b.far_left - 3, base + 9.0, b.far_right + 3, b.top + 30, shade(deep, 1.7))
    for x, (lean,) in _scattered(b, "light", b.far_right + 6, 5.0, 1):
        if x > b.far_left - 6:
            foot = x - 1.5 - lean
            shaft = [(x, base + 9.0), (x + 0.9, base + 9.0), (foot + 0.9, base), (foot, base)]
            b.far.polygon(shaft, shade(deep, 1.45))
    rng, x = b.stream("far rocks"), ANCHOR
    while x < b.far_right + 4:
        r = rng.uniform(1.5, 3.5)
        if x + r > b.far_left - 4:
            b.far.ellipse(x, base, r, r * 0.45, shade(deep, 0.75))
        x += r * 1.5
    sand = (214, 196, 150)
    _ground(b, sand, shade(sand, 0.85))
    rng, x = b.stream("corals"), ANCHOR
    while x < b.right + 2:  # every one's numbers drawn, seen or not: the row stays put
        x += rng.uniform(0.8, 1.8)
        low, what, kind, heights = rng.random(), rng.random(), rng.integers(3), rng.random(3)
        if x < b.left - 2:
            continue
        foot = base - 0.1 * float(low)
        if what < 0.45:  # seaweed, a few fronds
            for k in range(3):
                dx = 0.12 * k
                tall = 0.6 + 0.5 * float(heights[k])
                frond = [
                    (x + dx + 0.08 * math.sin(3 * y + k), foot + y) for y in (0.0, 0.3, 0.6, tall)
                ]
                b.near.line(frond, 0.05, (50, 130, 80))
        elif what < 0.8:  # a coral: a cluster of branches
            tone = ((236, 120, 140), (240, 150, 70), (170, 110, 200))[int(kind)]
            for k in range(4):
                angle = -0.6 + 0.4 * k
                tip = (x + 0.35 * math.sin(angle), foot + 0.35 * math.cos(angle) + 0.1)
                b.near.line([(x, foot), tip], 0.06, tone)
                b.near.ellipse(tip[0], tip[1], 0.05, 0.05, shade(tone, 1.15))
        else:  # a rock
            b.near.ellipse(x, foot, 0.3, 0.18, (110, 110, 118))


def farm(b: Backdrop) -> None:
    """Far off, a patchwork of fields up low hills, red barns with a silo beside them; near,
    a farmyard of grass behind a rail fence, a dirt track, round bales of hay."""
    base, rng = BACK_LINE["farm"], b.stream("farm hills")
    x = ANCHOR
    while x < b.far_right + 6:
        r = rng.uniform(6, 10)
        if x + r > b.far_left - 6:
            b.far.ellipse(x, base + 0.6, r, r * 0.2, _snowy(b, (120, 160, 90)))
        x += r * 1.25
    crops = ((214, 186, 96), (108, 150, 70), (150, 112, 76), (188, 196, 100))
    for row, (low, high) in enumerate(((base - 0.2, base + 0.45), (base + 0.45, base + 0.85))):
        for x, (which, wide) in _scattered(b, f"fields {row}", b.far_right + 12, 9.0, 2):
            if x + 12 > b.far_left - 3:  # a field, its furrows in a darker tone
                tone = _snowy(b, crops[int(which * len(crops))])
                right = x + 9.0 + 3.0 * wide
                b.far.rect(x, low, right, high, tone)
                for y in np.arange(low + 0.08, high, 0.14):
                    b.far.rect(x, y, right, y + 0.03, shade(tone, 0.86))
    red, trim = (168, 48, 40), (240, 236, 228)
    roof = _snowy(b, (96, 60, 50))
    for x, (chance, wide) in _scattered(b, "barns", b.far_right + 8, 16.0, 2):
        if x + 8 < b.far_left - 3 or chance > 0.7:
            continue
        width, foot = 3.2 + 1.4 * wide, base + 0.4
        left, right, eave = x, x + width, foot + 1.9
        b.far.rect(left, foot, right, eave, red)
        b.far.polygon(  # a gambrel roof
            [
                (left - 0.15, eave),
                (left + width * 0.18, eave + 1.0),
                (left + width / 2, eave + 1.45),
                (right - width * 0.18, eave + 1.0),
                (right + 0.15, eave),
            ],
            roof,
        )
        door = (left + width * 0.32, right - width * 0.32)
        b.far.rect(door[0], foot, door[1], foot + 1.3, shade(red, 0.8))
        for a, c in ((0, 1), (1, 0)):  # the white cross on the door (polygons, whole
            # pixels: a line cut at the panorama's edge lands apart in another shot's)
            low, high = (door[a], foot), (door[c], foot + 1.3)
            b.far.polygon([low, (low[0], low[1] + 0.12), high, (high[0], high[1] - 0.12)], trim)
        b.far.rect(door[0] - 0.05, foot + 1.3, door[1] + 0.05, foot + 1.38, trim)
        loft = left + width / 2
        b.far.rect(loft - 0.3, eave + 0.2, loft + 0.3, eave + 0.75, trim)  # the hayloft door
        silo = right + 0.5
        b.far.rect(silo, foot, silo + 1.1, foot + 3.4, (180, 182, 186))
        b.far.ellipse(silo + 0.55, foot + 3.4, 0.55, 0.45, (150, 152, 158))
    yard = _snowy(b, (104, 158, 74))
    _ground(b, yard, shade(yard, 0.85))
    b.near.rect(b.left, -0.3, b.right, 0.3, _snowy(b, (170, 138, 98)))  # the dirt track
    wood = (150, 112, 76)
    rail = base - 0.15
    for x in _row(b.left - 2, b.right + 2, 2.2, offset=ANCHOR):
        b.near.rect(x - 0.05, rail, x + 0.05, rail + 0.9, shade(wood, 0.85))
    for y in (rail + 0.35, rail + 0.75):
        b.near.rect(b.left, y, b.right, y + 0.07, wood)
    hay = _snowy(b, (218, 184, 100))
    for x, (chance, where) in _scattered(b, "hay", b.right + 2, 5.0, 2):
        if x > b.left - 2 and chance < 0.5:  # round bales in the yard, off the track
            y = 0.45 + (rail - 0.9) * where
            b.near.ellipse(x, y + 0.35, 0.45, 0.35, hay)
            b.near.ellipse(x + 0.25, y + 0.35, 0.2, 0.3, shade(hay, 0.85))


def city(b: Backdrop) -> None:
    _facades(b, b.far, base=BACK_LINE["city"] + 0.5, tall=(8.0, 16.0))
    _ground(b, _snowy(b, (120, 120, 128)), (90, 90, 96))
    b.near.rect(b.left, 0.45, b.right, BACK_LINE["city"] - 0.05, (45, 46, 52))
    b.near.rect(b.left, 0.4, b.right, 0.47, (100, 100, 106))
    _lamps(b, spacing=7.0)


PAINTERS = {
    "park": park,
    "street": street,
    "cafe": cafe,
    "beach": beach,
    "living room": living_room,
    "city": city,
    "forest": forest,
    "lake": lake,
    "kitchen": kitchen,
    "mountains": mountains,
    "reef": reef,
    "farm": farm,
    "bathroom": bathroom,
}


def paint(place: str, backdrop: Backdrop) -> None:
    PAINTERS[place](backdrop)
