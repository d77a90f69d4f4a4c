"""Painters for what is set in a place and stays there, alive or flickering: a flower, a
snowman, a sandcastle (both rising as they are built), a campfire, a fireplace, fireworks,
a streetlight, a fence, a swing."""

from __future__ import annotations

import math

from videoagent.synthworld.choreography import (
    BAUBLE_SPOTS,
    SIZE,
    SWING_ROPE,
    SWING_TOP,
    Choreography,
    Pose,
)
from videoagent.synthworld.fireworks import BURST_COLOURS, GLOW, RISE, bursts_between
from videoagent.synthworld.painters.pen import RGB, Pen, shade

STEM = (62, 130, 58)
POLLEN = (240, 200, 60)
COAL = (35, 33, 35)
CARROT = (235, 120, 35)
TWIG = (110, 75, 45)
STONE = (128, 124, 120)
LOG = (105, 68, 40)
FLAME_CORE = (255, 236, 140)


def draw_flower(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A flower on its stem, nodding a little in the air: six petals round a yellow heart;
    blooming, a closed green bud that opens into them over the shot (`pose.reach`)."""
    sway = 0.025 * math.sin(pose.phase * 0.7)
    head = (sway, 0.42)
    pen.line([(0.0, 0.0), (sway * 0.4, 0.2), head], 0.025, STEM)
    for side in (-1, 1):  # a leaf each side of the stem
        pen.polygon([(0.0, 0.12), (side * 0.12, 0.2), (side * 0.03, 0.18)], STEM)
    opened = pose.reach if pose.action == "bloom" else 1.0
    if opened < 0.25:  # still a bud, colour showing at its tip
        pen.ellipse(head[0], head[1], 0.035, 0.05, STEM)
        pen.ellipse(head[0], head[1] + 0.03, 0.02, 0.02 + 0.06 * opened, colour)
        return
    spread = 0.075 * opened
    for k in range(6):
        angle = k * math.pi / 3 + 0.3
        px, py = head[0] + spread * math.cos(angle), head[1] + spread * math.sin(angle)
        petal = 0.055 * (0.4 + 0.6 * opened)
        pen.ellipse(px, py, petal, petal, colour if k % 2 else shade(colour, 0.9))
    pen.ellipse(*head, 0.04 * opened, 0.04 * opened, POLLEN)


def draw_snowman(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Three balls of snow, coal eyes and buttons, a carrot nose, twig arms, a scarf and a
    hat; being built (`pose.reach` still to build), the balls one by one, growing, and the
    rest once the head is on."""
    shadow = shade(colour, 0.9)
    built = 1 - pose.reach
    for k, (y, radius) in enumerate(((0.33, 0.36), (0.86, 0.26), (1.23, 0.19))):
        grown = min(max((built - 0.3 * k) / 0.3, 0.0), 1.0)  # a third of the building each
        if grown <= 0:
            return
        size = 0.4 + 0.6 * grown  # rolled bigger, sitting where it will sit
        y, radius = y - radius * (1 - size), radius * size
        pen.ellipse(0.0, y, radius, radius, shadow)
        pen.ellipse(-0.03, y + 0.02, radius * 0.92, radius * 0.92, colour)
    if built < 0.95:
        return  # the face, arms, scarf and hat go on last
    for side in (-1, 1):
        pen.line([(side * 0.22, 0.92), (side * 0.5, 1.1), (side * 0.58, 1.2)], 0.025, TWIG)
    pen.rect(-0.2, 1.06, 0.2, 1.12, (190, 45, 45))  # scarf
    for y in (0.78, 0.9):
        pen.ellipse(0.05, y, 0.025, 0.025, COAL)
    pen.ellipse(0.06, 1.28, 0.022, 0.022, COAL)
    pen.polygon([(0.12, 1.23), (0.3, 1.2), (0.12, 1.18)], CARROT)
    pen.rect(-0.19, 1.38, 0.19, 1.41, COAL)  # the hat's brim, then its crown
    pen.rect(-0.13, 1.41, 0.13, 1.6, COAL)


def draw_sandcastle(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A sandcastle: a wall with battlements between towers, a flag on the tallest, a
    scatter of sand round its foot; being built (`pose.reach` still to build), a mound that
    the wall and towers rise from, the flag last."""
    sand = shade(colour, 1.35)
    built = 1 - pose.reach
    pen.ellipse(0.0, 0.02, 0.45, 0.05, shade(sand, 0.85))  # sand scooped round its foot
    rise = min(built / 0.8, 1.0)
    if rise < 0.2:  # a mound of sand, patted
        pen.ellipse(0.0, 0.0, 0.3, 0.08 + 0.3 * rise, sand)
        return
    wall = 0.2 * rise
    pen.rect(-0.3, 0.0, 0.3, wall, sand)
    for k in range(5):  # battlements along the wall's top
        x = -0.27 + k * 0.135
        pen.rect(x, wall, x + 0.06, wall + 0.04 * rise, sand)
    for x, tall in ((-0.3, 0.32), (0.3, 0.32), (0.0, 0.45)):
        height = tall * rise
        pen.rect(x - 0.07, 0.0, x + 0.07, height, shade(sand, 0.92 if x else 1.0))
        pen.polygon(
            [(x - 0.08, height), (x + 0.08, height), (x, height + 0.07 * rise)], shade(sand, 0.8)
        )
    if built > 0.9:  # a flag on the middle tower
        top = 0.45 + 0.07
        pen.line([(0.0, top), (0.0, top + 0.12)], 0.012, (90, 70, 50))
        wave = 0.01 * math.sin(pose.phase * 3)
        pen.polygon([(0.0, top + 0.12), (0.1, top + 0.1 + wave), (0.0, top + 0.07)], (200, 50, 50))


RAINBOW = (
    (200, 45, 45),
    (236, 130, 40),
    (240, 210, 60),
    (70, 170, 80),
    (60, 120, 210),
    (90, 70, 170),
    (150, 80, 180),
)


def draw_rainbow(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A rainbow arcing over the sky from beyond one side to beyond the other: seven bands,
    red outermost (`colour`), the sky showing through them."""
    glow = pen.glowing()  # light itself, see-through
    for k, band in enumerate((colour, *RAINBOW[1:])):
        radius = 6.2 - 0.2 * k
        arc = [
            (radius * math.cos(a * math.pi / 40), radius * math.sin(a * math.pi / 40) - 1.8)
            for a in range(41)
        ]
        glow.line(arc, 0.2, (*band, 120))


def draw_lightning(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A storm's lightning: every few seconds a jagged bolt forks down the sky and flickers
    out, the sky flashing white as it strikes."""
    now = pose.phase / Choreography.phase_rate(pose.action)
    strike, into = divmod(now, LIGHTNING_EVERY)
    if into > LIGHTNING_LASTS or math.sin(into * 70) < -0.5:  # dark between, flickering
        return
    glow = pen.glowing()
    width, height = SIZE["lightning"]
    if into < 0.1:  # the flash: the whole sky lit for an instant
        sky = [(-width / 2, 0.0), (width / 2, 0.0), (width / 2, height), (-width / 2, height)]
        glow.polygon(sky, (*colour, 110))
    jag = [math.sin(strike * 12.9898 + k * 78.233) * 43758.5453 % 1.0 for k in range(12)]
    x = (jag[0] - 0.5) * width * 0.6
    bolt = [(x, height)]
    for k in range(1, 9):  # down in jags
        bolt.append((bolt[-1][0] + (jag[k] - 0.5) * 0.9, height * (1 - k / 9)))
    glow.line(bolt, 0.4, (*colour, 90))  # its glow
    glow.line(bolt, 0.12, colour)
    fork = bolt[3]
    branch = [(fork[0] + 0.8 * (jag[9] - 0.3), fork[1] - 0.9)]
    branch.append((branch[0][0] + 0.6 * (jag[10] - 0.2), fork[1] - 1.6))
    glow.line([fork, *branch], 0.07, colour)


def draw_clouds(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Clouds drifting across the sky, each a heap of puffs, wrapping round as they go."""
    now = pose.phase / Choreography.phase_rate(pose.action)
    width, height = SIZE["clouds"]
    for k in range(6):
        x = (k * 2.9 + CLOUD_SPEED * (1 + 0.3 * (k % 3)) * now) % (width + 3) - width / 2 - 1.5
        y = height * (0.45 + 0.15 * (k % 3))
        size = 0.7 + 0.25 * (k % 2)
        for dx, dy, r in ((-0.6, 0.0, 0.5), (0.0, 0.25, 0.65), (0.6, 0.05, 0.5), (0.2, -0.1, 0.55)):
            pen.ellipse(
                x + dx * size,
                y + dy * size,
                r * size * 1.3,
                r * size,
                shade(colour, 0.93 + 0.07 * (dy > 0)),
            )


def draw_leaves(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Autumn leaves falling all about, swaying and turning as they come down: `colour`,
    with red and yellow ones among them."""
    now = pose.phase / Choreography.phase_rate(pose.action)
    width, height = SIZE["leaves"]
    tones = (colour, (190, 60, 40), (230, 180, 50))
    for k in range(30):
        scatter = math.sin(k * 12.9898) * 43758.5453 % 1.0  # where across each falls
        fall = (now / LEAF_FALL + k * 0.618) % 1.0  # each on its own way down
        x = (scatter - 0.5) * width + 0.35 * math.sin(now * 1.3 + k)
        y = height * (1 - fall)
        turn = math.sin(now * 2.1 + k * 1.7)  # tumbling: now flat, now edge on
        pen.polygon(
            [(x - 0.09, y), (x, y + 0.05 * turn), (x + 0.09, y), (x, y - 0.05 * turn)],
            tones[k % 3],
        )


FIR = (40, 110, 60)
BAUBLES = ((210, 40, 40), (235, 190, 60), (60, 100, 200))
FAIRY_LIGHTS = ((255, 230, 140), (255, 150, 120), (160, 220, 255))


def draw_christmas_tree(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A fir decorated for Christmas: three tiers in `colour` on a trunk in a red pot,
    baubles, strings of lights twinkling in turn, and a star on top glowing. One being
    decorated has only some of its baubles yet (`reach`: how much of them are still to be
    hung)."""
    pen.rect(-0.08, 0.15, 0.08, 0.35, (100, 70, 45))
    pen.polygon([(-0.22, 0.0), (0.22, 0.0), (0.17, 0.22), (-0.17, 0.22)], (170, 40, 40))
    tiers = ((0.3, 0.65, 1.0), (0.85, 0.5, 1.55), (1.35, 0.35, 2.05))  # base, half width, tip
    for k, (base, half, tip) in enumerate(tiers):
        pen.polygon([(-half, base), (half, base), (0.0, tip)], shade(colour, 0.9 + 0.08 * k))
    glow = pen.glowing()
    hung = round((1 - pose.reach) * BAUBLE_SPOTS)
    for k in range(18):  # baubles and lights along the tiers
        if k % 2 and k // 2 >= hung:
            continue  # a bauble not yet hung
        base, half, tip = tiers[k % 3]
        u = (k * 0.37) % 1.0  # across
        v = 0.15 + 0.3 * ((k * 0.61) % 1.0)  # up from the tier's base
        x, y = (u - 0.5) * 2 * half * (1 - v), base + (tip - base) * v
        if k % 2:
            pen.ellipse(x, y, 0.05, 0.05, BAUBLES[k % 3])
        elif math.sin(pose.phase * 2.0 + k * 1.3) > -0.3:  # twinkling, each in turn
            glow.ellipse(x, y, 0.035, 0.035, FAIRY_LIGHTS[k % 3])
    star = [
        (
            0.13 * math.sin(a * math.pi / 5),
            2.12 + 0.13 * math.cos(a * math.pi / 5) * (1 if a % 2 == 0 else 0.45),
        )
        for a in range(10)
    ]
    glow.polygon(
        [(x * (1 if k % 2 == 0 else 0.45), y) for k, (x, y) in enumerate(star)], (255, 215, 80)
    )


FIREFLIES = 26
LIGHTNING_EVERY, LIGHTNING_LASTS = 3.4, 0.35  # seconds between strikes; each flickers so long
CLOUD_SPEED = 0.35  # metres of the sky's width a second
LEAF_FALL = 7.0  # seconds a leaf takes to come down


def draw_fireflies(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Fireflies drifting about the air over the grass, each glowing now and then in its
    own rhythm, a soft halo round the brightest."""
    width, height = SIZE["fireflies"]
    glow = pen.glowing()  # their own light, bright in the dark
    for k in range(FIREFLIES):
        home_x = (k * 0.618 % 1.0 - 0.5) * width
        home_y = 0.3 + (k * 0.382 % 1.0) * (height - 0.3)
        x = home_x + 0.25 * math.sin(pose.phase * 0.3 + k * 1.7)
        y = home_y + 0.15 * math.sin(pose.phase * 0.4 + k * 2.3)
        bright = max(0.0, math.sin(pose.phase * (0.5 + 0.05 * (k % 5)) + k * 2.9))
        if bright < 0.2:
            continue  # dark for now
        if bright > 0.7:
            glow.ellipse(x, y, 0.13, 0.13, shade(colour, 0.5))
        glow.ellipse(x, y, 0.04 + 0.03 * bright, 0.04 + 0.03 * bright, shade(colour, 1.3))


def draw_campfire(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Logs crossed in a ring of stones, flames licking up and flickering, sparks rising."""
    for k in range(7):
        x = -0.45 + k * 0.15
        pen.ellipse(x, 0.06, 0.08, 0.06, shade(STONE, 0.85 + 0.05 * (k % 3)))
    pen.line([(-0.35, 0.05), (0.3, 0.22)], 0.08, LOG)
    pen.line([(0.35, 0.05), (-0.3, 0.22)], 0.08, shade(LOG, 0.8))
    pen = pen.glowing()  # the flames and sparks give light; they are not dimmed by night
    _flames(pen, pose.phase, colour, base=0.12, size=1.0)
    for k in range(3):  # sparks, each rising and gone again
        rise = (pose.phase * 0.15 + k / 3) % 1.0
        x = 0.12 * math.sin(pose.phase * 0.5 + k * 2.1)
        pen.ellipse(x, 0.7 + 0.2 * rise, 0.012, 0.012, FLAME_CORE)


TENT_GLOW = (255, 200, 110)


def draw_tent(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A ridge tent seen from its front: two sloping panels (the far one in shade), its door
    flap open on the dark inside, lit by a lantern after dark, guy lines pegged out."""
    width, height = SIZE["tent"]
    half = width / 2
    for side in (-1, 1):  # the guy lines, from the ridge's ends to their pegs
        pen.line([(side * half * 0.2, height), (side * (half + 0.35), 0.02)], 0.01, (200, 200, 190))
    pen.polygon([(-half, 0.0), (0.0, height), (half, 0.0)], colour)
    pen.polygon([(0.0, height), (half, 0.0), (half * 0.35, 0.0)], shade(colour, 0.8))
    door = [(-0.38, 0.0), (0.0, height * 0.72), (0.38, 0.0)]
    if pen.in_the_dark():
        pen.glowing().polygon(door, TENT_GLOW)
        pen.glowing().polygon([(-half, 0.0), (0.0, height), (half, 0.0)], (*TENT_GLOW, 50))
    else:
        pen.polygon(door, shade(colour, 0.35))
    pen.polygon([(-0.38, 0.0), (0.0, height * 0.72), (-0.55, 0.05)], shade(colour, 1.15))  # flap


def _flames(pen: Pen, phase: float, colour: RGB, *, base: float, size: float) -> None:
    """Three tongues of flame, one inside another, flickering and leaning as they burn,
    rising from `base`; `size` 1 is a campfire's."""
    flicker = math.sin(phase * 3.7) + 0.5 * math.sin(phase * 7.3 + 1.0)
    for scale, tone in ((1.0, colour), (0.72, shade(colour, 1.35)), (0.45, FLAME_CORE)):
        height = ((0.55 + 0.06 * flicker) * scale + 0.15) * size
        lean = 0.05 * math.sin(phase * 2.9) * scale * size
        width = 0.3 * scale * size
        pen.polygon(
            [
                (-width, base),
                (-width * 0.6, base + height * 0.55),
                (lean, base + height),
                (width * 0.6, base + height * 0.6),
                (width, base),
            ],
            tone,
        )


BRICK = (150, 68, 52)
MORTAR = (196, 170, 150)
FIREBOX = (34, 28, 28)
MANTEL = (96, 62, 40)
MANTEL_AT = 1.2  # metres: the bricks' top, where the mantelpiece rests
BRICK_LENGTH, BRICK_HEIGHT = 0.24, 0.1


def draw_fireplace(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A brick fireplace against the wall: a stone hearth, a dark firebox where logs burn
    with flickering flames (`colour`), a wooden mantelpiece with a lit candlestick at each
    end; after dark its glow warms the floor before it."""
    half, top = SIZE["fireplace"][0] / 2, MANTEL_AT
    if pen.in_the_dark():  # the firelight on the floor in front
        pen.glowing().ellipse(0.0, 0.02, half * 1.3, 0.12, (255, 160, 70, 60))
    pen.rect(-half, 0.0, half, 0.12, STONE)  # the hearth
    inner = half - 0.1
    pen.rect(-inner, 0.12, inner, top, MORTAR)
    for row in range(int((top - 0.12) / BRICK_HEIGHT)):  # courses, each half a brick over
        y = 0.12 + row * BRICK_HEIGHT
        x = -inner - (BRICK_LENGTH / 2 if row % 2 else 0.0)
        while x < inner:
            left, right = max(x + 0.01, -inner), min(x + BRICK_LENGTH - 0.01, inner)
            tone = shade(BRICK, (0.9, 1.0, 0.95)[(row + round(x * 4)) % 3])
            pen.rect(left, y + 0.01, right, y + BRICK_HEIGHT - 0.01, tone)
            x += BRICK_LENGTH
    pen.rect(-0.5, 0.12, 0.5, 0.72, FIREBOX)
    pen.ellipse(0.0, 0.72, 0.5, 0.16, FIREBOX)  # its arched top
    pen.line([(-0.32, 0.16), (0.3, 0.26)], 0.07, LOG)
    pen.line([(0.32, 0.16), (-0.28, 0.25)], 0.07, shade(LOG, 0.8))
    _flames(pen.glowing(), pose.phase, colour, base=0.2, size=0.62)
    pen.rect(-half, top, half, top + 0.12, MANTEL)  # the mantelpiece
    for x in (-0.6, 0.6):
        pen.rect(x - 0.03, top + 0.12, x + 0.03, top + 0.32, (240, 232, 215))
        pen.glowing().ellipse(x, top + 0.36, 0.025, 0.04, FLAME_CORE)


def draw_fireworks(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Rockets climbing on a streak and bursting into rings of sparks that spread, droop
    and fade, each in its own colour (`colour` is the display's first); they give light, so
    night does not dim them. The bursts are those of `fireworks.bursts_between` at the
    display's clock, so each bang of the sound is on its flash."""
    pen = pen.glowing()
    now = pose.phase / Choreography.phase_rate(pose.action)
    for burst in bursts_between(now - GLOW, now + RISE):
        tone = colour if burst.colour == BURST_COLOURS[0] else burst.colour
        if now < burst.time:  # still climbing: a streak with a bright head
            climbed = burst.height * (1 - (burst.time - now) / RISE)
            pen.line([(burst.x, climbed - 0.35), (burst.x, climbed)], 0.02, shade(tone, 0.6))
            pen.ellipse(burst.x, climbed, 0.03, 0.03, (255, 245, 220))
            continue
        age = now - burst.time
        spread = burst.size * (1 - math.exp(-age * 4.5))
        # fading into the sky, day or night (see-through, not darker: a dark ring by day)
        alpha = int(255 * max(1 - age / GLOW, 0.0) ** 0.7)
        fade, tip_tone = (*tone, alpha), (*shade(tone, 1.3), alpha)
        droop = 0.35 * age * age
        for j in range(20):
            angle = 2 * math.pi * j / 20
            dx, dy = math.cos(angle), math.sin(angle)
            tip = (burst.x + spread * dx, burst.height + spread * dy - droop)
            tail = (burst.x + 0.7 * spread * dx, burst.height + 0.7 * spread * dy - droop * 0.7)
            pen.line([tail, tip], 0.05, fade)
            pen.ellipse(*tip, 0.05, 0.05, tip_tone)
        if age < 0.25:  # the flash at its heart
            pen.ellipse(burst.x, burst.height, 0.12, 0.12, (255, 250, 235))


LAMP_GLASS = (200, 205, 200)  # unlit, by day
LAMPLIT = (255, 222, 140)
POOL_OF_LIGHT = 1.8  # how far its light reaches along the ground either side, metres


def draw_streetlight(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A lamp post: a flared foot, a slim post in `colour`, a four-sided lantern under its
    cap. After dark the lantern is lit and throws a cone of warm light down to a pool on
    the ground round its foot, where whoever is under it stands in the light."""
    height = SIZE["streetlight"][1]
    top = height - 0.45  # where the lantern sits on the post
    pen.polygon([(-0.14, 0.0), (-0.07, 0.3), (0.07, 0.3), (0.14, 0.0)], colour)  # its foot
    pen.rect(-0.04, 0.28, 0.04, top, colour)
    pen.rect(-0.1, top - 0.06, 0.1, top, colour)  # the collar the lantern stands on
    lit = pen.in_the_dark()
    glass = [(-0.13, top), (-0.19, top + 0.32), (0.19, top + 0.32), (0.13, top)]
    if lit:
        light = pen.glowing()
        reach = POOL_OF_LIGHT - 0.2
        light.polygon([(-0.16, top), (0.16, top), (reach, 0.0), (-reach, 0.0)], (*LAMPLIT, 38))
        light.ellipse(0.0, 0.02, POOL_OF_LIGHT, 0.18, (*LAMPLIT, 60))  # its pool on the ground
        light.ellipse(0.0, top + 0.16, 0.42, 0.42, (*LAMPLIT, 70))  # its halo
        light.polygon(glass, LAMPLIT)
    else:
        pen.polygon(glass, LAMP_GLASS)
    pen.line([(0.0, top), (0.0, top + 0.32)], 0.02, colour)  # the lantern's frame
    pen.polygon([(-0.25, top + 0.32), (0.25, top + 0.32), (0.0, height - 0.02)], colour)
    pen.ellipse(0.0, height - 0.02, 0.035, 0.035, colour)  # the finial


def draw_fence(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A length of rail fence: three posts, their tops cut to a point, two rails between
    them (the top one along the posts' tops, where a cat may sit), a shade darker."""
    width, height = SIZE["fence"]
    half = width / 2
    for y in (0.35, 0.85):  # the rails
        pen.rect(-half, y - 0.045, half, y + 0.045, shade(colour, 0.88))
    for x in (-half + 0.08, 0.0, half - 0.08):  # the posts
        pen.rect(x - 0.06, 0.0, x + 0.06, height - 0.08, colour)
        pen.polygon([(x - 0.06, height - 0.08), (x, height), (x + 0.06, height - 0.08)], colour)
        pen.rect(x + 0.03, 0.0, x + 0.06, height - 0.08, shade(colour, 0.8))  # its shaded side


ROPE = (200, 190, 160)
SEAT = (90, 60, 40)


def draw_swing(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A playground swing seen side on: an A-frame of metal legs in `colour`, the top bar
    end on at its apex, the seat on its ropes hanging from it, swung out `pose.swing`
    radians, and where two swing (`pose.reach`), its second seat swung the other way
    (whoever sits on one is drawn on it)."""
    width, _ = SIZE["swing"]
    half = width / 2
    for side in (-1, 1):  # the far legs a shade darker, a little in
        pen.line([(side * (half - 0.12), 0.0), (0.0, SWING_TOP)], 0.06, shade(colour, 0.75))
        pen.line([(side * half, 0.0), (0.0, SWING_TOP)], 0.07, colour)
    pen.ellipse(0.0, SWING_TOP, 0.08, 0.08, shade(colour, 0.6))  # the top bar, end on
    for angle in (pose.swing, -pose.swing) if pose.reach else (pose.swing,):
        dx, dy = math.sin(angle), -math.cos(angle)
        seat = (SWING_ROPE * dx, SWING_TOP + SWING_ROPE * dy)
        pen.line([(0.0, SWING_TOP), seat], 0.02, ROPE)
        across = (-dy * 0.24, dx * 0.24)  # the seat, square to its ropes
        ends = [
            (seat[0] - across[0], seat[1] - across[1]),
            (seat[0] + across[0], seat[1] + across[1]),
        ]
        pen.line(ends, 0.05, SEAT)


PUMPKIN_STEM = (90, 110, 50)
CANDLELIT = (255, 196, 90)  # a jack-o'-lantern's face, lit from inside


def draw_pumpkin(pen: Pen, pose: Pose, colour: RGB, *, carved: bool = False) -> None:
    """A pumpkin: a squat round gourd in `colour`, ribbed, a curled green stem on top;
    `carved`, a jack-o'-lantern, its triangle eyes and toothy grin glowing from the candle
    inside, flickering."""
    pen.ellipse(0.0, 0.17, 0.24, 0.17, shade(colour, 0.85))
    for dx, rx in ((-0.12, 0.1), (0.12, 0.1), (0.0, 0.11)):  # its ribs
        pen.ellipse(dx, 0.17, rx, 0.165, colour if dx else shade(colour, 1.1))
    pen.line([(0.0, 0.32), (0.02, 0.4), (0.06, 0.42)], 0.035, PUMPKIN_STEM)
    if not carved:
        return
    face = pen.glowing()
    flame = shade(CANDLELIT, 0.9 + 0.1 * math.sin(pose.phase * 3.1))
    for x in (-0.09, 0.09):  # its eyes
        face.polygon([(x - 0.05, 0.19), (x + 0.05, 0.19), (x, 0.26)], flame)
    face.polygon([(-0.025, 0.13), (0.025, 0.13), (0.0, 0.17)], flame)  # its nose
    grin = [(-0.14, 0.1), (-0.08, 0.06), (0.0, 0.045), (0.08, 0.06), (0.14, 0.1)]
    face.polygon(grin + [(0.08, 0.085), (0.0, 0.075), (-0.08, 0.085)], flame)
