"""Painters for things that move by themselves: dog, cat, person (and what they hold or do
with their hands: a book, a rod, a brush, a phone, food; a board or skis under them), bird,
penguin, butterfly, bee, fish, turtle."""

from __future__ import annotations

import math
from dataclasses import replace

from videoagent.synthworld.choreography import AT_THE_FACE, CLIMBED, GRIP, SLID, Pose
from videoagent.synthworld.painters import boards, tools
from videoagent.synthworld.painters.pen import RGB, Pen, shade

NOSE = (25, 22, 24)
EYE = (20, 18, 20)
SKIN = (224, 178, 140)
HAIR = (70, 45, 30)
TROUSERS = (52, 58, 80)
CREAM = (250, 246, 238)
BITE = (214, 160, 90)  # what a person eats from their hand: bread, a bun
WHITE_FLOAT = (245, 245, 240)  # the top of an angler's float
BLANKET = (240, 240, 236)  # a stroller's, over the lap of whoever sits in it
# How far forward (or back) an arm holding another's hand reaches, radians from hanging: two
# a step apart (`choreography.HAND_IN_HAND`) meet halfway, at their hips' height.
HOLDING_HANDS = 0.62
# One decorating a tree: the arm's swing, radians from hanging down, low with the next
# bauble and how far it rises to hang it; the bauble's red.
DECORATE_LOW, DECORATE_RISE = 0.5, 1.9
SCRUB_ARM = 1.15  # radians from hanging down: reaching over the tub's rim to the one in it
BAUBLE = (210, 40, 40)
CONTROLLER = (50, 50, 56)  # a drone's, in the hands, its aerial up
CRADLING = (0.35, 1.45)  # the near arm's swing and elbow holding a child to the chest


def breath(pose: Pose) -> float:
    """How far one asleep has breathed in, -1 to 1: a body that rises and falls is asleep,
    not a photograph."""
    return math.sin(pose.phase) if pose.action == "sleep" else 0.0


def shut_eye(pen: Pen, x: float, y: float, size: float) -> None:
    """An eye shut in sleep: a short dark curve where it was."""
    pen.line(
        [(x - size, y + size * 0.3), (x, y - size * 0.2), (x + size, y + size * 0.3)],
        size * 0.5,
        EYE,
    )


def _gait(pose: Pose, amplitude: float) -> float:
    moving = pose.action in ("walk", "run", "sniff", "chase", "spin", "stroll", "mow")
    return math.sin(pose.phase) * amplitude if moving else 0.0


def draw_dog(pen: Pen, pose: Pose, colour: RGB) -> None:
    dark, light = shade(colour, 0.62), shade(colour, 1.55)
    swing = _gait(pose, 0.55 if pose.action in ("run", "chase", "spin") else 0.35)
    wag = math.sin(pose.phase * (2.0 if pose.action in ("wag", "meet") else 0.6))
    if pose.action == "sit" or (pose.action == "eat" and pose.reach < 1):
        _sitting_dog(pen, colour, dark, light, wag)
        return
    if pose.action == "sleep":
        _sleeping_dog(pen, pose, colour, dark, light)
        return
    if pose.action == "wriggle":
        _dog_on_its_back(pen, pose, (colour, dark, light))
        return
    if pose.action == "ride":  # in a car, its head out of the window (the pose: its sill)
        _head_out_of_the_window(pen, pose, (colour, dark, light))
        return
    if pose.action == "howl":  # sitting, the head thrown back
        _sitting_dog(pen, colour, dark, light, 0.0, head=False)
        _howling_head(pen, 0.15, 0.66, (colour, dark, light), pose.phase)
        return
    leg_top, leg_len = 0.36, 0.36
    if pose.action == "stretch":  # a play bow: the front down along the ground, rump up
        bow = 0.5 + 0.5 * math.sin(pose.phase)
        chest = 0.36 - 0.2 * bow
        pen.limb((-0.24, leg_top), leg_len, 0.0, 0.075, dark, knee=-0.2)
        pen.line([(-0.3, 0.5), (-0.42, 0.68)], 0.055, colour)  # the tail up, wagging
        body = [(-0.34, 0.36), (-0.3, 0.6), (0.3, chest + 0.16), (0.3, chest - 0.06)]
        pen.polygon(body, colour)
        for reach, tone in ((0.42, dark), (0.36, colour)):  # the front legs out before it
            pen.line([(0.22, chest), (0.22 + reach, 0.04)], 0.08, tone)
        pen.limb((-0.22, leg_top), leg_len, 0.0, 0.08, colour, knee=-0.2)
        _dog_head(pen, 0.48, chest + 0.08, colour, dark, light)
        return
    digging = pose.action == "dig"
    scrabble = 0.55 * math.sin(pose.phase) if digging else 0.0  # the front paws in turn
    if pose.action == "tug":  # braced: front legs out before it, pulling back
        swing, scrabble = -0.25 - 0.1 * pose.reach, 0.6 + 0.1 * pose.reach
    if digging:
        swing = 0.0  # the hind legs planted
        dug_earth(pen, 0.3, 0.36, pose.phase)
    if pose.action == "splash":
        splashed_puddle(pen, 0.8, pose.y, pose.reach)
    # Far legs first (darker), then body, then near legs.
    pen.limb((0.24, leg_top), leg_len, -swing - scrabble, 0.075, dark, knee=0.15)
    pen.limb((-0.24, leg_top), leg_len, swing, 0.075, dark, knee=-0.2)
    tail_angle = 0.9 + 0.45 * wag
    pen.line(
        [(-0.3, 0.48), (-0.3 - 0.2 * math.cos(tail_angle), 0.48 + 0.2 * math.sin(tail_angle))],
        0.055,
        colour,
    )
    pen.ellipse(0.0, 0.46, 0.34, 0.15, colour)
    pen.ellipse(0.2, 0.43, 0.13, 0.11, light)  # white chest
    pen.limb((0.2, leg_top), leg_len, swing + scrabble, 0.08, colour, knee=0.15)
    pen.limb((-0.22, leg_top), leg_len, -swing, 0.08, colour, knee=-0.2)
    head_down = pose.reach if pose.action in ("sniff", "eat") else 1.0 if digging else 0.0
    head_down = 0.3 if pose.action == "tug" else head_down  # the rope in its teeth
    raised = 0.05 if pose.action == "roar" else 0.0  # barking: the head up, braced
    hx, hy = 0.38 + 0.06 * head_down, 0.64 - 0.42 * head_down + raised
    pen.polygon([(0.2, 0.55), (0.3, 0.42), (hx, hy - 0.06), (hx - 0.05, hy + 0.08)], colour)
    _dog_head(pen, hx, hy, colour, dark, light)
    opened = call_opened(pose, barks=True)
    if opened > 0.1:
        _barking_mouth(pen, hx, hy, light, opened)
    call_carried(pen, (hx + 0.24, hy - 0.05), pose.phase, 1.2, opened)


PUDDLE = (96, 116, 138)
DROPLET = (200, 220, 236)


def splashed_puddle(pen: Pen, height: float, lift: float, landed: float) -> None:
    """A puddle under one splashing in it, `lift` metres above it (a hop), who is `height`
    metres tall; water flies up and out from their feet just after they land (`landed`, 0
    at the landing to 1 at the next hop)."""
    pen.ellipse(0.0, -lift, 0.55 * height, 0.05 * height, PUDDLE)
    pen.ellipse(-0.12 * height, 0.01 - lift, 0.2 * height, 0.015 * height, shade(PUDDLE, 1.4))
    if landed > 0.6:
        return
    for k in range(8):  # a crown of droplets, up and out to both sides, falling back
        out = (k - 3.5) / 3.5
        x = out * 0.7 * height * landed
        y = (1.3 - 0.3 * abs(out)) * height * landed - 2.2 * height * landed * landed
        pen.ellipse(x, max(y, 0.0) - lift, 0.025 * height, 0.035 * height, DROPLET)


EARTH = (112, 84, 58)  # dug up: dark against grass and sand alike


def dug_earth(pen: Pen, paws: float, size: float, phase: float) -> None:
    """Digging at `paws` (metres ahead of the middle) by an animal `size` metres tall at
    the shoulder: a hole before the front paws, a heap thrown up behind, and clods of earth
    flying back between the hind legs."""
    pen.ellipse(paws + 0.05 * size, 0.0, 0.5 * size, 0.08 * size, shade(EARTH, 0.55))  # the hole
    pen.ellipse(-1.4 * size, 0.0, 0.6 * size, 0.25 * size, EARTH)  # the heap behind
    for k in range(5):
        age = (phase / (2 * math.pi) * 0.5 + k / 5) % 1.0  # each clod thrown in turn
        x = paws - (paws + 1.5 * size) * age
        y = 0.05 + 1.3 * size * math.sin(age * math.pi)
        pen.ellipse(x, y, 0.14 * size, 0.11 * size, shade(EARTH, 0.85 + 0.15 * (k % 2)))


def _head_out_of_the_window(pen: Pen, pose: Pose, tones: tuple[RGB, RGB, RGB]) -> None:
    """A dog riding in a car, from the window's sill up: a paw over it, the neck out, the
    head into the wind, ears streaming back, tongue out."""
    colour, dark, light = tones
    pen.polygon([(-0.1, -0.03), (0.07, -0.03), (0.16, 0.22), (0.0, 0.27)], colour)  # the neck
    pen.ellipse(0.14, 0.0, 0.07, 0.04, colour)  # a paw over the sill
    hx, hy = 0.14, 0.28
    pen.ellipse(hx + 0.15, hy - 0.09, 0.025, 0.04, TONGUE)
    _dog_head(pen, hx, hy, colour, dark, light, streaming=math.sin(pose.phase * 3.0))


TONGUE = (225, 110, 120)
MARSHMALLOW, TOASTED = (250, 232, 205), (205, 150, 80)  # (in the firelight)


def _dog_head(
    pen: Pen,
    hx: float,
    hy: float,
    colour: RGB,
    dark: RGB,
    light: RGB,
    *,
    asleep: bool = False,
    streaming: float | None = None,
) -> None:
    """A dog's head facing forward at (hx, hy); its ear hanging, or `streaming` back in
    the wind (fluttering, -1..1)."""
    pen.ellipse(hx, hy, 0.12, 0.11, colour)
    pen.ellipse(hx + 0.12, hy - 0.03, 0.08, 0.055, light)  # muzzle
    pen.ellipse(hx + 0.19, hy - 0.015, 0.028, 0.024, NOSE)
    if asleep:
        shut_eye(pen, hx + 0.04, hy + 0.03, 0.025)
    else:
        pen.ellipse(hx + 0.04, hy + 0.035, 0.018, 0.02, EYE)
    if streaming is not None:  # blown back, flapping
        flap = 0.03 * streaming
        ear = [(hx - 0.06, hy + 0.07), (hx - 0.01, hy + 0.09), (hx - 0.2, hy + 0.06 + flap)]
        pen.polygon([*ear, (hx - 0.22, hy + flap)], dark)
        return
    pen.polygon(
        [
            (hx - 0.06, hy + 0.07),
            (hx - 0.01, hy + 0.1),
            (hx - 0.05, hy - 0.1),
            (hx - 0.11, hy - 0.08),
        ],
        dark,
    )  # floppy ear


def _sitting_dog(
    pen: Pen, colour: RGB, dark: RGB, light: RGB, wag: float, *, head: bool = True
) -> None:
    pen.limb((0.1, 0.32), 0.32, 0.0, 0.07, dark)
    tail_angle = 0.25 * wag
    pen.line([(-0.22, 0.08), (-0.42, 0.06 + 0.1 * tail_angle)], 0.055, colour)
    pen.ellipse(-0.1, 0.17, 0.2, 0.17, colour)  # haunch
    pen.polygon([(-0.2, 0.22), (0.0, 0.5), (0.2, 0.5), (0.16, 0.1), (-0.05, 0.05)], colour)
    pen.ellipse(0.14, 0.36, 0.1, 0.13, light)
    pen.limb((0.16, 0.3), 0.3, 0.0, 0.075, colour)
    if head:
        _dog_head(pen, 0.17, 0.62, colour, dark, light)


HOWL = (228, 230, 240)  # the howl, drawn rising from the mouth into the night


def _howling_head(
    pen: Pen, hx: float, hy: float, tones: tuple[RGB, RGB, RGB], phase: float
) -> None:
    """A dog's head thrown back, its muzzle pointed at the sky, the jaw dropped open and
    the eyes shut; the howl rising from it (`howl_rising`)."""
    colour, dark, light = tones
    tip = (hx + 0.14, hy + 0.17)
    jaw = (hx + 0.17, hy + 0.08)
    pen.polygon([(hx + 0.04, hy + 0.02), tip, jaw], (90, 40, 40))  # the open mouth
    pen.ellipse(hx, hy, 0.11, 0.11, colour)
    pen.line([(hx + 0.05, hy + 0.06), tip], 0.085, light)  # the muzzle, up at the sky
    pen.line([(hx + 0.06, hy - 0.01), jaw], 0.05, light)  # the jaw, dropped
    pen.ellipse(tip[0] + 0.01, tip[1] + 0.01, 0.026, 0.026, NOSE)
    shut_eye(pen, hx + 0.03, hy + 0.05, 0.025)
    pen.polygon(  # the ear, hanging back
        [
            (hx - 0.04, hy + 0.08),
            (hx - 0.01, hy + 0.1),
            (hx - 0.1, hy - 0.08),
            (hx - 0.13, hy - 0.04),
        ],
        dark,
    )
    howl_rising(pen, (tip[0] + 0.04, tip[1] + 0.03), phase, 1.0)


def howl_rising(pen: Pen, mouth: tuple[float, float], phase: float, size: float) -> None:
    """A howl from `mouth`, up and away over the head: arcs that widen as they go, the
    next after it (`size`: of a dog's head)."""
    for k in range(3):
        age = (phase * 0.12 + k / 3) % 1.0
        cx, cy = mouth[0] + 0.12 * size * age, mouth[1] + 0.35 * size * age
        r = (0.04 + 0.08 * age) * size
        arc = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in (0.3, 0.8, 1.3, 1.8, 2.3)]
        pen.line(arc, 0.014 * size, HOWL)


CALL = (72, 70, 80)  # a bark or a roar, drawn carried off before the mouth
BARKS_FASTER = 3.0  # how many barks a dog (or a fox) gives to another's one roar


def call_opened(pose: Pose, *, barks: bool = False) -> float:
    """How far open the mouth of one calling out (`roar`) is, 0..1: wide on each call, shut
    between them; one that `barks` (a dog, a fox) calls `BARKS_FASTER` than a lion roars."""
    if pose.action != "roar":
        return 0.0
    rate = BARKS_FASTER if barks else 1.0
    return max(0.0, math.sin(pose.phase * rate))


def call_carried(
    pen: Pen, mouth: tuple[float, float], phase: float, size: float, opened: float
) -> None:
    """A call from `mouth` while it sounds (`opened`): arcs before it that widen as they go,
    the next after it (`size`: of a dog's head)."""
    if opened < 0.15:
        return
    for k in range(3):
        age = (phase * 0.4 + k / 3) % 1.0
        cx, cy = mouth[0] + 0.3 * size * age, mouth[1]
        r = (0.05 + 0.1 * age) * size
        arc = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in (-0.8, -0.4, 0.0, 0.4, 0.8)]
        pen.line(arc, 0.016 * size * (0.5 + opened), CALL)


def _barking_mouth(pen: Pen, hx: float, hy: float, light: RGB, opened: float) -> None:
    """The jaw of a dog's head at (hx, hy) (`_dog_head`) dropped `opened` (0..1) under its
    muzzle, the mouth dark between them."""
    drop = 0.075 * opened
    pen.polygon(
        [(hx + 0.05, hy - 0.06), (hx + 0.2, hy - 0.045), (hx + 0.17, hy - 0.07 - drop)], MOUTH
    )
    pen.line([(hx + 0.05, hy - 0.075), (hx + 0.16, hy - 0.075 - drop)], 0.035, light)


CAT_ON_ITS_BACK = 0.65  # a cat on its back, of a dog's build


def on_its_back(pose: Pose) -> tuple[float, float]:
    """How far one rolling on its back has rocked to its side (-1..1) and the paddle of its
    legs in the air (radians)."""
    return math.sin(pose.phase), 0.35 * math.sin(pose.phase * 2.3)


def _on_its_back(pen: Pen, pose: Pose, tones: tuple[RGB, RGB, RGB], size: float) -> float:
    """Rolling on its back, a dog's build at `size` (a cat's smaller): the belly up, the
    legs paddling in the air, rocking from side to side, the tail swishing along the
    ground. Returns how far it has rocked up off the ground, for its head."""
    colour, dark, light = tones
    rock, paddle = on_its_back(pose)
    lift = 0.03 * rock * size  # one side, then the other, up off the ground
    tail = [(-0.3 * size, 0.1 * size), (-0.5 * size, (0.05 + 0.06 * rock) * size)]
    pen.line(tail, 0.055 * size, colour)
    for x, tone, k in (
        (0.16, dark, 0.0),
        (-0.2, dark, 1.3),
        (0.22, colour, 2.1),
        (-0.14, colour, 3.4),
    ):
        swing = math.pi + 0.25 * math.sin(pose.phase * 2.3 + k) + paddle * 0.3
        pen.limb((x * size, 0.22 * size + lift), 0.24 * size, swing, 0.07 * size, tone, knee=0.5)
    pen.ellipse(0.0, 0.15 * size + lift, 0.33 * size, 0.12 * size, colour)
    pen.ellipse(0.02 * size, 0.21 * size + lift, 0.22 * size, 0.05 * size, light)  # the belly
    return lift


def _dog_on_its_back(pen: Pen, pose: Pose, tones: tuple[RGB, RGB, RGB]) -> None:
    """A dog rolling on its back (`_on_its_back`), its head back on the grass."""
    lift = _on_its_back(pen, pose, tones, 1.0)
    _dog_head(pen, 0.4, 0.13 + lift / 2, *tones)


def _sleeping_dog(pen: Pen, pose: Pose, colour: RGB, dark: RGB, light: RGB) -> None:
    """Lying down, forepaws out in front and the chin on them, the tail curled round; its
    side rises and falls."""
    rise = 0.012 * breath(pose)
    pen.line([(-0.3, 0.12), (-0.44, 0.05), (-0.2, 0.03)], 0.05, colour)  # tail round
    pen.ellipse(-0.04, 0.16 + rise / 2, 0.34, 0.15 + rise, colour)
    pen.ellipse(-0.2, 0.13, 0.15, 0.11, shade(colour, 0.9))  # haunch
    pen.line([(0.14, 0.05), (0.46, 0.04)], 0.075, colour)  # forepaws
    pen.ellipse(0.5, 0.04, 0.05, 0.035, light)
    _dog_head(pen, 0.32, 0.15, colour, dark, light, asleep=True)


def draw_cat(pen: Pen, pose: Pose, colour: RGB) -> None:
    dark, light = shade(colour, 0.65), shade(colour, 1.4)
    swing = _gait(pose, 0.45 if pose.action in ("run", "chase", "spin") else 0.3)
    if pose.action == "sleep":  # curled up in a ball, the tail wrapped round
        rise = 0.01 * breath(pose)
        pen.ellipse(-0.03, 0.12 + rise / 2, 0.24, 0.12 + rise, colour)
        pen.ellipse(-0.14, 0.11, 0.1, 0.08, shade(colour, 0.9))  # haunch
        pen.line([(-0.26, 0.06), (-0.12, 0.015), (0.22, 0.02)], 0.04, colour)
        _cat_head(pen, 0.19, 0.11, colour, dark, light, asleep=True)
        return
    if pose.action == "wriggle":  # on its back, the paws batting at the air, rocking
        lift = _on_its_back(pen, pose, (colour, dark, light), CAT_ON_ITS_BACK)
        _cat_head(pen, 0.25, 0.09 + lift / 2, colour, dark, light)
        return
    if pose.action in ("sit", "knock", "perch", "roar"):  # the tail's tip sways: a sitting
        # cat is not a photograph (nor one sat up on a branch or a fence); it meows sitting
        sway = math.sin(pose.phase)
        tip = (-0.34 + 0.05 * sway, 0.2 + 0.03 * sway)
        pen.line([(-0.12, 0.04), (-0.3, 0.05), tip], 0.035, colour)
        pen.ellipse(-0.04, 0.14, 0.14, 0.14, colour)
        pen.ellipse(0.06, 0.26, 0.09, 0.13, colour)
        if pose.action == "knock":  # a front paw reaching out, pawing at what is before it
            pen.line(
                [(0.1, 0.2), (0.2 + 0.15 * pose.reach, 0.12 + 0.06 * pose.reach)], 0.05, colour
            )
        else:
            pen.limb((0.08, 0.2), 0.2, 0.0, 0.05, colour)
        _cat_head(pen, 0.1, 0.4, colour, dark, light)
        opened = call_opened(pose)
        if opened > 0.1:  # meowing: the mouth open under the nose
            pen.polygon([(0.13, 0.36), (0.2, 0.365), (0.17, 0.355 - 0.05 * opened)], MOUTH)
        call_carried(pen, (0.24, 0.36), pose.phase, 0.6, opened)
        return
    if pose.action == "stretch":  # a long bow: the front down along the ground, rump up
        bow = 0.5 + 0.5 * math.sin(pose.phase)
        chest = 0.22 - 0.12 * bow
        pen.limb((-0.16, 0.22), 0.22, 0.0, 0.05, dark)
        pen.line([(-0.2, 0.3), (-0.34, 0.42), (-0.3, 0.56)], 0.04, colour)  # tail up
        pen.polygon([(-0.22, 0.2), (-0.2, 0.36), (0.18, chest + 0.1), (0.18, chest - 0.04)], colour)
        for reach, tone in ((0.3, dark), (0.26, colour)):  # the front legs out before it
            pen.line([(0.14, chest), (0.14 + reach, 0.03)], 0.05, tone)
        pen.limb((-0.14, 0.22), 0.22, 0.0, 0.055, colour)
        _cat_head(pen, 0.3, chest + 0.06, colour, dark, light)
        return
    pen.limb((0.15, 0.22), 0.22, -swing, 0.05, dark)
    pen.limb((-0.16, 0.22), 0.22, swing, 0.05, dark)
    pen.line([(-0.2, 0.28), (-0.32, 0.38), (-0.3, 0.5)], 0.04, colour)  # tail held up
    pen.ellipse(0.0, 0.28, 0.22, 0.1, colour)
    pen.limb((0.13, 0.22), 0.22, swing, 0.055, colour)
    pen.limb((-0.14, 0.22), 0.22, -swing, 0.055, colour)
    head_down = pose.reach if pose.action in ("sniff", "eat") else 0.0
    _cat_head(pen, 0.25, 0.38 - 0.25 * head_down, colour, dark, light)


def _cat_head(
    pen: Pen, hx: float, hy: float, colour: RGB, dark: RGB, light: RGB, *, asleep: bool = False
) -> None:
    pen.polygon([(hx - 0.07, hy + 0.04), (hx - 0.05, hy + 0.15), (hx + 0.0, hy + 0.06)], dark)
    pen.polygon([(hx + 0.01, hy + 0.06), (hx + 0.06, hy + 0.15), (hx + 0.08, hy + 0.03)], colour)
    pen.ellipse(hx, hy, 0.085, 0.075, colour)
    pen.ellipse(hx + 0.05, hy - 0.025, 0.04, 0.03, light)
    if asleep:
        shut_eye(pen, hx + 0.035, hy + 0.012, 0.018)
    else:
        pen.ellipse(hx + 0.035, hy + 0.015, 0.014, 0.016, (70, 150, 60))
    pen.ellipse(hx + 0.085, hy - 0.015, 0.014, 0.011, (200, 110, 120))
    for dy in (-0.01, -0.035):
        pen.line([(hx + 0.07, hy + dy), (hx + 0.17, hy + dy - 0.01)], 0.006, (235, 235, 235))


def _swimming_person(pen: Pen, pose: Pose, colour: RGB) -> None:
    """At the crawl, lying in the water: legs kicking behind, one arm over, head up; the
    water drawn over it hides all but the head and the stroke."""
    kick = 0.05 * math.sin(pose.phase * 2)
    pen.line([(-0.35, 0.15), (-0.85, 0.12 + kick)], 0.11, TROUSERS)
    pen.ellipse(0.0, 0.17, 0.42, 0.12, colour)
    if math.cos(pose.phase) > -0.1:  # the arm going over; under the water it is not seen
        pen.limb((0.3, 0.24), 0.55, math.pi + pose.phase, 0.08, colour)
    pen.ellipse(0.55, 0.3, 0.11, 0.12, SKIN)
    pen.polygon([(0.45, 0.33), (0.5, 0.43), (0.64, 0.42), (0.62, 0.36)], HAIR)
    pen.ellipse(0.6, 0.32, 0.014, 0.016, EYE)


def _sleeping_person(pen: Pen, pose: Pose, colour: RGB) -> None:
    """On the back on the ground, the head towards where they face, the near arm across the
    chest, which rises and falls."""
    rise = 0.015 * breath(pose)
    pen.line([(-0.05, 0.1), (-0.45, 0.17), (-0.85, 0.08)], 0.13, shade(TROUSERS, 0.8))
    pen.line([(-0.05, 0.1), (-0.45, 0.1), (-0.84, 0.06)], 0.13, TROUSERS)
    pen.ellipse(-0.86, 0.08, 0.04, 0.07, shade(TROUSERS, 0.6))  # shoe
    pen.polygon([(-0.08, 0.02), (0.5, 0.02), (0.5, 0.27 + rise), (-0.08, 0.2 + rise / 2)], colour)
    pen.line([(0.46, 0.24 + rise), (0.22, 0.3 + rise), (0.02, 0.22)], 0.085, shade(colour, 0.85))
    pen.ellipse(0.7, 0.12, 0.12, 0.11, HAIR)  # the back of the head on the ground
    pen.ellipse(0.65, 0.15, 0.1, 0.11, SKIN)
    pen.ellipse(0.6, 0.25, 0.025, 0.02, SKIN)  # nose
    shut_eye(pen, 0.66, 0.21, 0.022)


def _push(pose: Pose, offset: float) -> float:
    """How far back a skier's pole has pushed, 0..1, each pole in turn (`offset`)."""
    return 0.5 + 0.5 * math.sin(pose.phase + offset)


def _crawling_person(pen: Pen, pose: Pose, colour: RGB) -> None:
    """On hands and knees, the back level, the head up: a hand and the other knee forward
    together, then the others."""
    step = 0.09 * math.sin(pose.phase)
    hip, shoulder = (-0.3, 0.5), (0.28, 0.56)
    for side, tone in ((-1, 0.8), (1, 1.0)):  # far limbs, darker, then near ones
        knee = (-0.28 - side * step, 0.06)
        pen.line([hip, knee, (knee[0] - 0.42, 0.07)], 0.13, shade(TROUSERS, tone))
        if side == -1:
            pen.line(
                [shoulder, (shoulder[0] + 0.06 + side * step, 0.03)], 0.085, shade(colour, 0.7)
            )
    pen.polygon(
        [
            (hip[0], hip[1] - 0.1),
            (hip[0], hip[1] + 0.08),
            (shoulder[0] + 0.08, shoulder[1] + 0.1),
            (shoulder[0] + 0.08, shoulder[1] - 0.12),
        ],
        colour,
    )
    pen.line([shoulder, (shoulder[0] + 0.06 + step, 0.03)], 0.085, shade(colour, 0.85))
    _head(pen, shoulder[0] + 0.2, shoulder[1] + 0.14)


PLANK_FEET, PLANK_HANDS = (-0.85, 0.05), (0.5, 0.0)  # one doing push-ups, facing right
PLANK_LOW, PLANK_HIGH = 0.18, 0.48  # their shoulders' height, down and pushed up, metres


def _doing_push_ups(pen: Pen, pose: Pose, colour: RGB) -> None:
    """Push-ups: straight as a plank from the toes to the head, the hands under the
    shoulders, lowered to the ground and pushed up again."""
    up = 0.5 + 0.5 * math.sin(pose.phase)
    shoulder = (PLANK_HANDS[0] - 0.04, PLANK_LOW + (PLANK_HIGH - PLANK_LOW) * up)
    feet = PLANK_FEET
    hip = (feet[0] + 0.55 * (shoulder[0] - feet[0]), feet[1] + 0.55 * (shoulder[1] - feet[1]))
    pen.limb_to(shoulder, (PLANK_HANDS[0] - 0.08, 0.0), 0.52, 0.08, shade(colour, 0.7))
    pen.line([feet, hip], 0.13, shade(TROUSERS, 0.85))
    pen.line([feet, hip], 0.11, TROUSERS)
    pen.line([hip, shoulder], 0.24, colour)
    pen.limb_to(shoulder, PLANK_HANDS, 0.52, 0.085, shade(colour, 0.85))
    _head(pen, shoulder[0] + 0.17, shoulder[1] + 0.06)


def draw_person(pen: Pen, pose: Pose, colour: RGB) -> None:
    if pose.action == "slide":  # up the ladder, sitting, down the chute, round again
        now = "climb" if pose.reach < CLIMBED else "sled" if pose.reach < SLID else "run"
        pose = replace(pose, action=now)
    if pose.action == "exercise":
        _doing_push_ups(pen, pose, colour)
        return
    if pose.action == "crawl":
        _crawling_person(pen, pose, colour)
        return
    if pose.action == "swim":
        _swimming_person(pen, pose, colour)
        return
    if pose.action == "sleep" and not pose.waist_up:
        _sleeping_person(pen, pose, colour)
        return
    if pose.action == "splash":
        splashed_puddle(pen, 1.75, pose.y, pose.reach)
    if pose.action == "hula":  # its far half behind them
        tools.hula_hoop(pen, pose.phase, front=False)
    swing = _gait(pose, 0.5 if pose.action in ("run", "chase") else 0.32)
    dancing = pose.action == "dance"
    if dancing:  # stepping from foot to foot, swaying at the hips
        swing = 0.22 * math.sin(pose.phase)
    shirt, sleeve = colour, shade(colour, 0.8)
    bend = 0.5 * pose.reach if pose.action == "give" else 0.0
    if pose.action in ("blow", "hug"):  # leaning in to a cake's candles, down to a child
        bend = 0.35 * pose.reach
    if pose.action == "pet":  # leaning in to the one stroked
        bend = 0.25 if pose.reach > 0.5 else 0.1
    if pose.action == "scrub":  # leaning in over the tub's rim
        bend = 0.3
    if dancing:
        bend = 0.12 * math.sin(pose.phase * 0.5)
    if pose.action == "stretch":  # leaning into the stretch, and back
        bend = 0.18 * math.sin(pose.phase)
    if pose.action == "tug":  # leaning back against the pull, feet braced apart
        bend, swing = -0.2 - 0.15 * pose.reach, 0.35
    if pose.action == "mow":  # leaning into the handle
        bend = 0.15
    if pose.pushes:  # a little, into a stroller's handle
        bend = 0.1
    chop = tools.chop_stroke(pose.phase) if pose.action == "chop" else None
    shovel = tools.shovel_stroke(pose.phase) if pose.action == "shovel" else None
    if shovel:  # bending to scoop, straightening to toss, feet planted apart
        bend, swing = shovel[1], 0.12
    if chop:  # stretching up with the axe, bending into the stroke
        bend = tools.chop_lean(chop[0])
        swing = 0.12  # feet planted apart
        tools.chopping_block(pen, chop[1])
    knife = tools.slice_stroke(pose.phase) if pose.action == "slice" else None
    if knife:  # leaning over the board on the worktop before them
        bend, swing = 0.3, 0.05
        tools.chopping_board(pen, knife[1])
    if pose.action == "wash":  # at the sink before them, over the suds
        bend, swing = 0.2, 0.05
        tools.sink(pen, pose.phase)
    hip_y = 0.9
    seated = pose.seated
    if pose.waist_up:  # in a stroller or in arms, from the waist up: a blanket over the lap
        hip_y = 0.0  # (where the pose is: the carriage's top)
    elif seated and pose.grounded:  # on the ground, knees drawn up
        hip_y = 0.12
        pen.line([(0.0, hip_y), (0.3, 0.36), (0.5, 0.05)], 0.13, shade(TROUSERS, 0.8))
        pen.line([(0.0, hip_y), (0.36, 0.32), (0.58, 0.05)], 0.13, TROUSERS)
    elif seated:  # on a seat: a bench, a sofa, a chair
        hip_y = 0.5
        pen.line([(0.0, hip_y), (0.4, hip_y), (0.42, 0.02)], 0.13, TROUSERS)
    elif pose.action in ("propose", "scrub") or (pose.action == "pet" and pose.reach > 0.5):
        # down on one knee: the near knee on the ground
        hip_y = 0.55
        pen.line([(0.0, hip_y), (0.38, 0.52), (0.4, 0.03)], 0.13, shade(TROUSERS, 0.8))
        pen.line([(0.0, hip_y), (0.02, 0.06), (-0.42, 0.04)], 0.13, TROUSERS)
        pen.ellipse(-0.44, 0.05, 0.05, 0.04, shade(TROUSERS, 0.6))  # the sole of its shoe
    elif pose.action == "steer":  # in a car's seat, knees up to the pedals, behind its door
        hip_y = 0.05
        pen.line([(0.0, hip_y), (0.35, hip_y + 0.08), (0.45, hip_y - 0.1)], 0.13, TROUSERS)
    elif pose.action in ("ride", "seesaw"):  # astride where the pose is: legs down its side
        hip_y = 0.05
        pen.line([(0.0, hip_y), (0.24, -0.1), (0.17, -0.55)], 0.13, TROUSERS)
        pen.ellipse(0.2, -0.57, 0.08, 0.04, shade(TROUSERS, 0.6))  # boot
    elif pose.action == "swing":  # on the swing's seat, the legs kicked out going forward
        hip_y, bend = 0.03, 0.05
        kick = 0.2 + 0.9 * max(0.0, math.cos(pose.phase))
        knee = (0.36, 0.05)
        foot = (knee[0] + 0.42 * math.sin(kick), knee[1] - 0.42 * math.cos(kick))
        pen.line([(0.0, hip_y), knee, foot], 0.13, TROUSERS)
    elif pose.action == "sled":  # on the sled, legs out straight before them along it
        hip_y, bend = 0.05, 0.12
        pen.line([(0.0, hip_y), (0.42, 0.1), (0.72, 0.04)], 0.13, TROUSERS)
        pen.ellipse(0.74, 0.07, 0.05, 0.07, shade(TROUSERS, 0.6))  # the sole of a boot
    elif pose.action == "row" or pose.moored:  # on the boat's seat, legs out before them,
        hip_y = 0.03  # leaning to each stroke (the hull hides all but the knees); upright
        bend = 0.3 + 0.25 * math.sin(pose.phase) if pose.action == "row" else 0.1  # to fish
        pen.line([(0.0, hip_y), (0.35, 0.15), (0.6, 0.0)], 0.13, TROUSERS)
    elif pose.action == "skate":  # on the board, knees bent, feet apart, riding its bumps
        hip_y = 0.86 + 0.015 * math.sin(pose.phase)
        bend = 0.15
        boards.skateboard(pen, pose.phase)
        for foot, trousers in ((-0.2, shade(TROUSERS, 0.8)), (0.2, TROUSERS)):
            pen.line([(0.0, hip_y), (foot * 0.6 + 0.08, 0.5), (foot, 0.14)], 0.13, trousers)
            pen.ellipse(foot + 0.04, 0.14, 0.08, 0.035, shade(TROUSERS, 0.6))  # shoe
    elif pose.action == "scoot":  # one foot on the deck, the other pushing off the ground
        hip_y, bend = 1.0, 0.12
        boards.scooter(pen, pose.phase)
        kick, lifted = _scoot_kick(pose.phase)
        if kick is None:  # resting on the deck behind the other
            pen.line([(0.0, hip_y), (-0.05, 0.58), (-0.16, 0.15)], 0.13, shade(TROUSERS, 0.8))
        else:
            pen.limb((0.0, hip_y), 1.0, kick, 0.13, shade(TROUSERS, 0.8), knee=-lifted)
        pen.line([(0.0, hip_y), (0.1, 0.58), (0.06, 0.15)], 0.13, TROUSERS)
        pen.ellipse(0.1, 0.15, 0.08, 0.035, shade(TROUSERS, 0.6))  # the shoe on the deck
    elif pose.action == "surf":  # crouched on the board, feet wide along it, on its wave
        hip_y, bend = 0.68, 0.3
        boards.wave_behind(pen, pose.phase)
        boards.surfboard(pen, pose.phase)
        for knee, foot, trousers in (
            ((0.02, 0.38), -0.32, shade(TROUSERS, 0.8)),
            ((0.3, 0.4), 0.3, TROUSERS),
        ):
            pen.line([(0.0, hip_y), knee, (foot, 0.12)], 0.13, trousers)
    elif pose.action == "ski":  # skis together, knees bent forward, leaning into the run
        hip_y, bend = 0.7, 0.45
        boards.skis(pen, pose.phase)
        for knee, foot, trousers in (
            ((0.18, 0.4), -0.08, shade(TROUSERS, 0.8)),
            ((0.26, 0.4), 0.06, TROUSERS),
        ):
            pen.line([(0.0, hip_y), knee, (foot, 0.07)], 0.13, trousers)
            pen.ellipse(foot + 0.05, 0.07, 0.09, 0.045, shade(TROUSERS, 0.6))  # boot
    elif pose.action == "build" and pose.grounded:  # kneeling at a sandcastle, sitting back
        hip_y, bend = 0.42, 0.35
        for knee, trousers in (((0.22, 0.06), shade(TROUSERS, 0.8)), ((0.3, 0.06), TROUSERS)):
            pen.line([(0.0, hip_y), knee, (knee[0] - 0.45, 0.04)], 0.13, trousers)
    elif pose.action == "climb":  # a foot braced on the trunk before them, then the other
        bend = 0.12  # in to the trunk
        for turn, trousers in ((math.pi, shade(TROUSERS, 0.8)), (0.0, TROUSERS)):
            lift = 0.5 + 0.5 * math.sin(pose.phase + turn)
            thigh = 0.35 + 1.05 * lift  # up, the shin hanging down from the knee to the trunk
            pen.limb((0.0, hip_y), 0.9, thigh, 0.13, trousers, knee=-thigh)
    elif pose.action == "cycle":  # on the saddle, where the pose is, pedalling
        hip_y = 0.03
        bend = 0.3  # leaning to the handlebar
        for turn, trousers in ((math.pi, shade(TROUSERS, 0.8)), (0.0, TROUSERS)):
            _pedalling_leg(pen, (0.0, hip_y), pose.phase + turn, trousers)
    else:
        pen.limb((0.0, hip_y), 0.9, swing, 0.13, shade(TROUSERS, 0.8), knee=-abs(swing) * 0.4)
        pen.limb((0.0, hip_y), 0.9, -swing, 0.13, TROUSERS, knee=-abs(swing) * 0.4)
    # Torso leans forward when giving.
    sx, sy = math.sin(bend) * 0.55, hip_y + math.cos(bend) * 0.55
    # The far arm; dancing, both arms are up, swinging in turn.
    far = -math.pi * 0.7 + 0.4 * math.sin(pose.phase) if dancing else -swing * 0.8
    elbow = -0.3 if dancing else 0.0
    if pose.action == "hug":  # both arms round the other
        far, elbow = 1.45 - 0.7 * pose.reach, -1.1
    if pose.hand_behind:  # back, holding the hand of the one behind
        far = -HOLDING_HANDS
    if pose.action in ("jump", "splash"):  # both arms flung up and out
        far, elbow = -2.3, 0.0
    if pose.action == "tug":  # both hands on the rope before them
        far, elbow = 1.4, 0.0
    if pose.action == "skip":  # down by the side, turning the rope's handle
        far, elbow = 0.45, -0.6
    if pose.action == "play":  # on the piano's keys, playing
        far, elbow = PIANO_HANDS + 0.06 * math.sin(pose.phase + 1.7), -0.45
    if pose.action == "swing":  # up, holding the swing's rope
        far, elbow = 0.35, -2.2
    if pose.action == "sled":  # both hands forward on its rope
        far, elbow = SLED_HANDS, -0.2
    if pose.action == "climb":  # up the trunk above them, reaching higher in turn
        far, elbow = CLIMB_HANDS + CLIMB_REACHES * math.sin(pose.phase), -0.3
    if pose.action == "push":  # out to the swing's seat as it comes back
        far, elbow = 0.9 + 0.6 * pose.reach, 0.0
    if pose.action == "stretch":  # both arms up overhead, reaching, leaning side to side
        far, elbow = math.pi - 0.2 + 0.25 * math.sin(pose.phase), 0.0
    if pose.action == "surf":  # out behind, for balance
        far = -1.5 + 0.15 * math.sin(pose.phase)
    if pose.action == "ski":  # its pole pushing off in turn with the near one's
        far, elbow = 0.75 - 0.35 * _push(pose, math.pi), -0.4
    if pose.action == "vacuum":  # both hands on its handle
        far, elbow = tools.vacuum_swing(pose.phase), -0.1
    if pose.action in ("scoot", "mow"):  # both hands on the handlebar, the mower's handle
        far, elbow = HANDS_FORWARD[pose.action], -0.1
    if pose.pushes:  # both hands on the stroller's handle
        far, elbow = HANDS_FORWARD["mow"], -0.1
    if chop:  # both hands on the axe's haft
        far, elbow = chop[0], 0.0
    if shovel:  # both hands on the shovel's shaft
        far, elbow = shovel[0], 0.0
    knitted = tools.knitting_hands((sx, sy - 0.02), pose.phase) if pose.action == "knit" else {}
    if knife:  # on the carrot, pushing it up to the blade
        far_hand = pen.limb_to((sx, sy - 0.02), tools.HOLDING, 0.55, 0.08, sleeve)
    elif pose.action == "wash":  # holding the plate up over the suds
        far_hand = pen.limb_to((sx, sy - 0.02), tools.PLATE_HELD, 0.55, 0.08, sleeve)
        tools.plate(pen, far_hand)
    elif knitted:  # a needle in it, before the chest
        far_hand = pen.limb_to((sx, sy - 0.02), knitted["far"], 0.55, 0.08, sleeve)
    else:
        far_hand = pen.limb((sx, sy - 0.02), 0.55, far, 0.08, sleeve, knee=elbow)
    if pose.action == "ski":
        boards.ski_pole(pen, far_hand, _push(pose, math.pi), dark=True)
    pen.polygon([(-0.13, hip_y), (0.13, hip_y), (sx + 0.14, sy), (sx - 0.14, sy)], shirt)
    if pose.action == "cycle":  # the hands on the handlebar
        pen.limb((sx, sy - 0.02), 0.62, 0.8, 0.085, shirt)
    elif pose.action == "row":  # both hands on the oars' grips, the blades in the water
        hand = pen.limb((sx, sy - 0.02), 0.5, 1.3 - 0.3 * math.sin(pose.phase), 0.085, shirt)
        blade = (hand[0] - 0.2 - 0.35 * math.cos(pose.phase), -0.3)
        pen.line([hand, blade], 0.035, (150, 110, 70))
        pen.ellipse(blade[0], blade[1], 0.1, 0.03, (150, 110, 70))
    elif pose.action == "surf":  # the arm out ahead, for balance
        pen.limb((sx, sy - 0.02), 0.55, 1.75 + 0.15 * math.sin(pose.phase * 1.3), 0.085, shirt)
    elif pose.action == "ski":  # the hand forward on its pole, pushing off
        hand = pen.limb(
            (sx, sy - 0.02), 0.5, 0.75 - 0.35 * _push(pose, 0.0), 0.085, shirt, knee=-0.4
        )
        boards.ski_pole(pen, hand, _push(pose, 0.0), dark=False)
    elif pose.action in ("jump", "splash"):
        pen.limb((sx, sy - 0.02), 0.55, 2.3, 0.085, shirt)
    elif pose.action in ("scoot", "mow") or pose.pushes:
        forward = HANDS_FORWARD.get(pose.action, HANDS_FORWARD["mow"])
        pen.limb((sx, sy - 0.02), 0.55, forward, 0.085, shirt, knee=-0.1)
        if pose.action == "mow":
            tools.lawnmower(pen, pose.phase)
    elif chop:
        hands = pen.limb((sx, sy - 0.02), 0.55, chop[0], 0.085, shirt)
        tools.axe(pen, hands, chop[0])
    elif knitted:  # the other needle, and what is knitted on them
        hand = pen.limb_to((sx, sy - 0.02), knitted["near"], 0.55, 0.085, shirt)
        tools.knitting(pen, hand, far_hand, pose.phase)
    elif knife:  # the knife lifted, then brought down through the carrot
        down = tools.KNIFE_DOWN
        hand = (down[0], down[1] + tools.KNIFE_LIFT * knife[0])
        tools.kitchen_knife(pen, pen.limb_to((sx, sy - 0.02), hand, 0.55, 0.085, shirt))
    elif shovel:
        hands = pen.limb((sx, sy - 0.02), 0.55, shovel[0], 0.085, shirt)
        tools.snow_shovel(pen, hands, shovel[0], shovel[2])
    elif pose.action == "push":
        pen.limb((sx, sy - 0.02), 0.55, 0.9 + 0.6 * pose.reach, 0.085, shirt)
    elif pose.action == "vacuum":  # the vacuum cleaner pushed out and drawn back
        swing = tools.vacuum_swing(pose.phase)
        tools.vacuum_cleaner(pen, pen.limb((sx, sy - 0.02), 0.55, swing, 0.085, shirt, knee=-0.1))
    elif pose.action == "wash":  # the sponge going round and round on the plate
        tools.sponge(
            pen, pen.limb_to((sx, sy - 0.02), tools.scrubbing(pose.phase), 0.55, 0.085, shirt)
        )
    elif pose.action == "comb":  # the hand up at the back of the head, the brush in it
        at = tools.combing((sx, sy - 0.02), pose.phase)
        pen.limb_to((sx, sy - 0.02), (at[0] + 0.12, at[1] - 0.09), 0.55, 0.085, shirt)
    elif pose.action == "shave":  # the razor held to the cheek
        at = tools.shaving((sx, sy - 0.02), pose.phase)
        pen.limb_to((sx, sy - 0.02), (at[0] + 0.06, at[1] - 0.08), 0.55, 0.085, shirt)
    elif pose.action == "brush":  # the toothbrush held to the mouth (drawn over the face)
        pen.limb_to(
            (sx, sy - 0.02), tools.brushing((sx, sy - 0.02), pose.phase)[0], 0.55, 0.085, shirt
        )
    elif pose.action == "sled":  # holding the rope to its curled front
        pen.limb((sx, sy - 0.02), 0.55, SLED_HANDS, 0.085, shirt, knee=-0.2)
    elif pose.action == "decorate":  # a bauble lifted up to the tree, hung, the hand back
        up = 0.5 - 0.5 * math.cos(pose.phase)
        hand = pen.limb((sx, sy - 0.02), 0.55, DECORATE_LOW + DECORATE_RISE * up, 0.085, shirt)
        if math.sin(pose.phase) > 0:  # on the way up: in the hand, on its loop
            pen.line([hand, (hand[0], hand[1] - 0.04)], 0.008, (200, 200, 200))
            pen.ellipse(hand[0], hand[1] - 0.08, 0.045, 0.045, BAUBLE)
    elif pose.action == "climb":  # gripping the trunk, then reaching up as the other grips
        angle = CLIMB_HANDS - CLIMB_REACHES * math.sin(pose.phase)
        pen.limb((sx, sy - 0.02), 0.55, angle, 0.085, shirt, knee=-0.3)
    elif pose.action == "swing":  # the hand on the rope by the shoulder
        pen.limb((sx, sy - 0.02), 0.55, 0.35, 0.085, shirt, knee=-2.2)
    elif pose.action == "skip":  # the handle in hand, the rope swung round over and under
        hand = pen.limb((sx, sy - 0.02), 0.55, 0.45, 0.085, shirt, knee=-0.6)
        _skipping_rope(pen, hand, pose.phase)
    elif pose.action == "pet":  # the hand stroking along the animal's back, to and fro
        angle = pose.swing + 0.15 * math.sin(pose.phase)
        pen.limb((sx, sy - 0.02), 0.55, angle, 0.085, shirt, knee=-0.25)
    elif pose.action == "scrub":  # a sponge going round on the one in the tub before them
        angle = SCRUB_ARM + 0.15 * math.sin(pose.phase)
        hand = pen.limb(
            (sx, sy - 0.02), 0.55, angle, 0.085, shirt, knee=0.15 * math.cos(pose.phase)
        )
        tools.sponge(pen, hand)
    elif pose.action == "propose":  # holding up an open ring box to the one before them
        hand = pen.limb((sx, sy - 0.02), 0.55, 1.75, 0.085, shirt, knee=0.3)
        _ring_box(pen, hand, pose.phase)
    elif pose.action == "tug":  # the near hand on the rope too, where it is gripped
        pen.line([(sx, sy - 0.02), GRIP["person"]], 0.085, shirt)
    elif pose.action == "water":  # a watering can held out, tipped, pouring
        hand = pen.limb((sx, sy - 0.02), 0.55, 1.15, 0.085, shirt, knee=-0.2)
        _watering_can(pen, hand, pose.phase)
    elif pose.action == "stretch":
        pen.limb((sx, sy - 0.02), 0.55, math.pi + 0.1 + 0.25 * math.sin(pose.phase), 0.085, shirt)
    elif pose.action == "build":  # patting what they build into shape, before them
        pat = 0.15 * max(math.sin(pose.phase), 0.0)
        low = 0.35 if pose.grounded else 0.0  # down to the sand, or to a snowman's middle
        pen.limb((sx, sy - 0.02), 0.55, 1.3 - low - pat, 0.085, shirt, knee=-0.3)
    elif pose.action == "toss":  # up to catch it as it comes, and throw it back
        lift = math.sin(pose.swing * math.pi / 2)  # 0 ready, 1 as it leaves the hand
        pen.limb((sx, sy - 0.02), 0.55, 0.9 + 1.3 * lift, 0.085, shirt, knee=-0.3 * (1 - lift))
    elif pose.action == "rally":  # the racket back, through the ball, and round
        angle = 0.6 + 1.3 * math.sin(math.pi * (pose.swing - 1)) if pose.swing else 0.6
        hand = pen.limb((sx, sy - 0.02), 0.55, angle, 0.085, shirt, knee=-0.2)
        _racket(pen, hand, angle - 0.2)
    elif pose.action == "skate":  # the arms out a little, for balance
        pen.limb((sx, sy - 0.02), 0.55, 0.9 + 0.1 * math.sin(pose.phase * 0.5), 0.085, shirt)
    elif dancing:
        near = math.pi * 0.7 + 0.4 * math.sin(pose.phase)
        pen.limb((sx, sy - 0.02), 0.55, near, 0.085, shirt, knee=0.35)
    elif pose.action == "cook":  # a pan held out at the waist, tossing what is in it
        toss = math.sin(pose.phase)
        hand = pen.limb((sx, sy - 0.02), 0.5, 1.25 + 0.12 * toss, 0.085, shirt, knee=-0.5)
        pan = (hand[0] + 0.32, hand[1] + 0.03)
        pen.line([hand, (pan[0] - 0.12, pan[1])], 0.03, (40, 40, 44))  # the handle
        pen.ellipse(pan[0], pan[1], 0.15, 0.035, (60, 60, 66))
        pen.ellipse(pan[0], pan[1] + 0.04 + 0.08 * max(toss, 0.0), 0.06, 0.025, (245, 200, 80))
    elif pose.at_the_face:  # a phone to the ear or the eyes, a camera, a bubble wand
        swing, elbow = AT_THE_FACE[pose.at_the_face]
        hand = pen.limb((sx, sy - 0.02), 0.55, swing, 0.085, shirt, knee=elbow)
        if pose.at_the_face == "controller":  # a drone's, both thumbs on its sticks
            pen.rect(hand[0] - 0.02, hand[1] - 0.04, hand[0] + 0.1, hand[1] + 0.02, CONTROLLER)
            pen.line(
                [(hand[0] + 0.04, hand[1] + 0.02), (hand[0] + 0.04, hand[1] + 0.12)],
                0.01,
                CONTROLLER,
            )
        if pose.at_the_face == "wand":  # a bubble wand: a ring on a stick before the lips
            pen.line([hand, (hand[0] + 0.02, hand[1] + 0.08)], 0.015, (220, 80, 140))
            ring = (hand[0] + 0.03, hand[1] + 0.12)
            pen.ellipse(*ring, 0.045, 0.045, (220, 80, 140))
            pen.ellipse(*ring, 0.03, 0.03, shade(SKIN, 1.6))
    elif pose.action == "hug":  # the arm round the other's back, the forearm down it
        swing = 1.5 - 0.7 * pose.reach + 0.04 * math.sin(pose.phase)  # lower, to a child
        pen.limb((sx, sy - 0.02), 0.55, swing, 0.085, shirt, knee=-1.0)
    elif pose.action == "angle":  # a rod held out over the water, its line down to a float
        twitch = 0.03 * math.sin(pose.phase * 0.7)
        hand = pen.limb((sx, sy - 0.02), 0.55, 1.05, 0.085, shirt, knee=-0.35)
        tip = (hand[0] + 1.1, hand[1] + 0.75 + twitch)
        pen.line([hand, tip], 0.025, (90, 70, 50))
        bob = 0.02 * math.sin(pose.phase * 1.3)
        float_at = (tip[0] + 0.45, pose.reach + 0.05 + bob)  # on the water, a metre out
        sag = ((tip[0] + float_at[0]) / 2, (tip[1] + float_at[1]) / 2 - 0.15)
        pen.line([tip, sag, float_at], 0.008, (220, 220, 220))
        pen.ellipse(*float_at, 0.035, 0.035, (220, 50, 40))
        pen.ellipse(float_at[0], float_at[1] + 0.02, 0.035, 0.015, WHITE_FLOAT)
    elif pose.action == "paint":  # a brush held out to the canvas, dabbing at it
        dab = 0.12 * math.sin(pose.phase * 2.0)
        hand = pen.limb((sx, sy - 0.02), 0.55, 1.45 + dab, 0.085, shirt, knee=-0.25)
        pen.line([hand, (hand[0] + 0.13, hand[1] + 0.05)], 0.018, (150, 110, 70))
        pen.ellipse(hand[0] + 0.14, hand[1] + 0.055, 0.014, 0.014, (200, 60, 60))
    elif pose.action == "play":  # the near hand on the keys too, moving over them
        angle = PIANO_HANDS + 0.06 * math.sin(pose.phase)
        pen.limb((sx, sy - 0.02), 0.55, angle, 0.085, shirt, knee=-0.45)
    elif pose.action == "type":  # both hands on the laptop's keys before them, tapping
        tap = 0.06 * math.sin(pose.phase * 4.0)
        pen.limb((sx, sy - 0.02), 0.55, 1.25, 0.085, shirt, knee=-0.3 + tap)
    elif pose.action == "roast":  # a stick held out over the fire, a marshmallow on it
        hand = pen.limb((sx, sy - 0.02), 0.55, 1.25, 0.085, shirt, knee=-0.2)
        tip = (hand[0] + 0.5, hand[1] + 0.04 + 0.02 * math.sin(pose.phase))
        pen.line([hand, tip], 0.02, (120, 90, 60))
        toasted = 0.5 + 0.5 * math.sin(pose.phase * 0.5)  # turned, browning on one side
        lit = pen.glowing()  # in the fire's light, whatever the hour
        lit.ellipse(tip[0], tip[1], 0.045, 0.035, MARSHMALLOW)
        lit.ellipse(tip[0] + 0.015, tip[1] - 0.01, 0.03, 0.02 * toasted, TOASTED)
    elif pose.action == "read":  # an open book held up before them in both hands
        hand = pen.limb((sx, sy - 0.02), 0.5, 0.7, 0.085, shirt, knee=1.3)
        _open_book(pen, hand, pose.phase)
    elif pose.action == "eat":  # a forkful from the plate before them up to the mouth
        bite = max(0.0, math.sin(pose.phase * 0.7)) ** 3
        hand = pen.limb(
            (sx, sy - 0.02), 0.55, 1.1 - 0.6 * bite, 0.085, shirt, knee=-0.1 + 2.4 * bite
        )
        if not pose.at_table:  # what they eat in their hand; at a table, on their plate
            pen.ellipse(hand[0] + 0.04, hand[1] + 0.02, 0.07, 0.045, BITE)
    elif pose.plays == "violin":  # the bow drawn to and fro across its strings
        hand, tip = tools.bowing((sx, sy - 0.02), pose.phase)
        tools.bow(pen, pen.limb_to((sx, sy - 0.02), hand, 0.55, 0.085, shirt), tip)
    elif pose.plays:  # strumming the guitar before them, the hand to and fro over its strings
        strum = 0.5 + 0.18 * math.sin(pose.phase * 4.0)
        pen.limb((sx, sy - 0.02), 0.5, strum, 0.085, shirt, knee=-0.6)
    elif pose.holds_up:  # the hand raised ahead, holding a kite's string or an umbrella
        pen.line([(sx, sy - 0.02), (sx + 0.1, sy - 0.38), (sx + 0.3, sy - 0.225)], 0.085, shirt)
    elif pose.hand_ahead:  # forward, holding the hand of the one ahead
        pen.limb((sx, sy - 0.02), 0.55, HOLDING_HANDS, 0.085, shirt)
    elif pose.action == "sing":  # the hand out before them, palm up, swaying to the tune
        sway = 0.12 * math.sin(pose.phase * 0.5)
        pen.limb((sx, sy - 0.02), 0.55, 0.9 + sway, 0.085, shirt, knee=-1.1)
    elif pose.action == "talk":  # speaking, the hand up before them, beating time to it
        beat = pose.reach * (0.35 + 0.25 * math.sin(pose.phase))
        pen.limb((sx, sy - 0.02), 0.55, 0.2 + 0.6 * pose.reach, 0.085, shirt, knee=-beat * 2.6)
    elif pose.action == "wave":  # the hand up by the head, the forearm to and fro
        pen.limb(
            (sx, sy - 0.02), 0.55, math.pi * 0.8, 0.085, shirt, knee=0.5 * math.sin(pose.phase)
        )
    elif pose.cradles:  # the forearm under the child in their arms, the hand at its back
        pen.limb((sx, sy - 0.02), 0.55, CRADLING[0], 0.085, shirt, knee=CRADLING[1])
    elif pose.action in ("give", "hold", "ride", "steer", "seesaw"):  # the reins, the handle
        # giving, the arm reaches down to where the cup is lowered; a driver's, to the wheel
        reach_angle = {"give": math.pi / 2 - bend * 1.2, "hold": 1.25, "steer": 1.35}.get(
            pose.action, 0.9
        )
        pen.limb((sx, sy - 0.02), 0.55, reach_angle, 0.085, shirt, knee=-0.15)
    elif pose.action == "hula":  # the arm up and out, clear of the hoop
        pen.limb((sx, sy - 0.02), 0.55, 2.3 + 0.1 * math.sin(pose.phase), 0.085, shirt, knee=0.5)
    else:  # standing or sitting, the near arm moves a little (no one holds still for long)
        idle = 0.12 * math.sin(pose.phase) if pose.action in ("sit", "stand") else 0.0
        if pose.action == "meet":  # people who have met talk with their hands
            idle = 0.3 * math.sin(pose.phase * 0.25)
        pen.limb((sx, sy - 0.02), 0.55, swing * 0.8 + idle, 0.085, shirt, knee=0.2)
    if pose.action == "talk":
        _talking_head(pen, sx + 0.03, sy + 0.16, pose)
    elif pose.action == "sing":
        _singing_head(pen, sx + 0.03, sy + 0.16, pose)
    else:
        _head(pen, sx + 0.03, sy + 0.16)
    if pose.action == "hula":  # its near half round the waist, over them
        tools.hula_hoop(pen, pose.phase, front=True)
    if pose.action == "brush":  # scrubbing to and fro, foam at the lips
        tools.toothbrush(pen, *tools.brushing((sx, sy - 0.02), pose.phase))
    if pose.action == "comb":  # drawn down the hair, over the head
        tools.hairbrush(pen, tools.combing((sx, sy - 0.02), pose.phase))
    if pose.action == "shave":  # through the foam on the jaw
        tools.razor(pen, (sx, sy - 0.02), tools.shaving((sx, sy - 0.02), pose.phase))
    if pose.waist_up:  # its blanket tucked in over the lap and the hands
        pen.rect(-0.2, -0.04, 0.45, 0.1, BLANKET)
    if pose.waist_up and pose.action == "sleep":  # dozing, sitting up
        pen.ellipse(sx + 0.09, sy + 0.18, 0.02, 0.022, SKIN)  # the eye, its lid shut
        shut_eye(pen, sx + 0.09, sy + 0.17, 0.018)


def _talking_head(pen: Pen, hx: float, hy: float, pose: Pose) -> None:
    """The head of one talking: speaking (`pose.reach` up), the mouth opening and closing
    on each word; listening, a nod now and then."""
    nod = 0.0 if pose.reach else 0.03 * max(0.0, math.sin(pose.phase * 0.5)) ** 8
    _head(pen, hx + nod, hy - nod)
    opened = pose.reach * max(0.0, math.sin(pose.phase * 2.5))
    if opened > 0.2:
        pen.ellipse(hx + nod + 0.075, hy - nod - 0.065, 0.022, 0.02 * opened, MOUTH)


def _singing_head(pen: Pen, hx: float, hy: float, pose: Pose) -> None:
    """The head of one singing: the mouth open wide and wider on each note, the notes
    rising and drifting away before them as they sing."""
    _head(pen, hx, hy)
    opened = 0.5 + 0.5 * math.sin(pose.phase * 2.0)
    pen.ellipse(hx + 0.075, hy - 0.065, 0.026, 0.012 + 0.02 * opened, MOUTH)
    for k in range(3):  # each note from the mouth, up and away, the next after it
        age = (pose.phase * 0.12 + k / 3) % 1.0
        x = hx + 0.16 + 0.4 * age
        y = hy + 0.02 + 0.45 * age + 0.04 * math.sin(pose.phase + 2.1 * k)
        pen.ellipse(x, y, 0.03, 0.022, NOTE)  # its head
        pen.line([(x + 0.026, y), (x + 0.026, y + 0.1)], 0.012, NOTE)  # its stem
        if k % 2:  # a quaver's flag
            pen.line([(x + 0.026, y + 0.1), (x + 0.06, y + 0.07)], 0.012, NOTE)


MOUTH = (120, 40, 40)
NOTE = (70, 40, 140)  # the notes sung, drawn in the air
PIANO_HANDS = 1.25  # the arms' angle (from straight down) reaching a piano's keys
SLED_HANDS = 1.3  # and holding a sled's rope before one sitting on it
# Climbing a tree: the arms up its trunk before one (radians from hanging down), each
# reaching this much higher, then lower, in turn.
CLIMB_HANDS, CLIMB_REACHES = 2.35, 0.3
RING_BOX = (140, 30, 45)
RING_GOLD = (240, 200, 80)


def _ring_box(pen: Pen, hand: tuple[float, float], phase: float) -> None:
    """A small box open in `hand`, its lid up, a ring in it catching the light."""
    x, y = hand[0] + 0.03, hand[1] + 0.01
    pen.rect(x - 0.05, y, x + 0.05, y + 0.06, RING_BOX)
    pen.rect(x - 0.05, y + 0.06, x - 0.035, y + 0.13, shade(RING_BOX, 0.8))  # the lid, up
    pen.ellipse(x, y + 0.075, 0.025, 0.025, RING_GOLD)
    glint = 0.012 + 0.01 * max(math.sin(phase * 2.0), 0.0)
    pen.glowing().ellipse(x + 0.015, y + 0.09, glint, glint, (255, 255, 240))


# How far forward both hands reach, radians from hanging down: to a scooter's handlebar, a
# lawnmower's handle.
HANDS_FORWARD = {"scoot": 0.55, "mow": 0.75}
KICK_BACK, KICK_FORWARD = -0.55, 0.1  # a pushing leg's swing, radians from hanging down


def _scoot_kick(phase: float) -> tuple[float | None, float]:
    """A scooter rider's pushing leg at `phase`: its swing and how far its knee is bent up,
    pushing back along the ground, lifted forward again, then resting on the deck (None)
    while they glide."""
    u = (phase / (2 * math.pi)) % 1.0
    if u < 0.35:  # the foot down, pushing back
        return KICK_FORWARD + (KICK_BACK - KICK_FORWARD) * u / 0.35, 0.0
    if u < 0.6:  # lifted, brought forward
        return KICK_BACK + (KICK_FORWARD - KICK_BACK) * (u - 0.35) / 0.25, 0.5
    return None, 0.0


def _head(pen: Pen, hx: float, hy: float) -> None:
    """A person's head at (hx, hy), facing forward: the face, the hair over its back and
    top, an eye."""
    pen.ellipse(hx, hy, 0.11, 0.13, SKIN)
    hair = [(hx - 0.12, hy + 0.02), (hx - 0.1, hy + 0.13), (hx + 0.08, hy + 0.14)]
    pen.polygon([*hair, (hx + 0.1, hy + 0.07), (hx - 0.02, hy + 0.06)], HAIR)
    pen.ellipse(hx + 0.06, hy + 0.02, 0.014, 0.016, EYE)


CAN = (70, 140, 90)
WATER_DROPS = (150, 200, 235)


def _watering_can(pen: Pen, hand: tuple[float, float], phase: float) -> None:
    """A watering can in `hand`, tipped forward: its body, handle and long spout, and drops
    falling from the rose in a stream to the ground before them."""
    x, y = hand
    pen.polygon(
        [(x - 0.1, y - 0.02), (x + 0.12, y - 0.06), (x + 0.1, y - 0.28), (x - 0.12, y - 0.24)], CAN
    )
    pen.line([(x - 0.08, y - 0.02), (x, y + 0.06), (x + 0.08, y - 0.04)], 0.025, shade(CAN, 0.7))
    rose = (x + 0.42, y - 0.3)
    pen.line([(x + 0.1, y - 0.2), rose], 0.035, CAN)
    pen.ellipse(*rose, 0.035, 0.03, shade(CAN, 0.7))
    for k in range(6):  # falling, each in turn, down to the ground
        fall = (phase / (2 * math.pi) + k / 6) % 1.0
        drop_y = rose[1] * (1 - fall)
        pen.ellipse(rose[0] + 0.08 * fall, drop_y, 0.015, 0.03, WATER_DROPS)


RACKET_FRAME = (40, 40, 48)
RACKET_STRINGS = (228, 228, 220)


SKIPPING_ROPE = (200, 60, 60)


def _skipping_rope(pen: Pen, hand: tuple[float, float], turn: float) -> None:
    """A skipping rope from the hands round to where its turn has swung it (`turn`, radians
    from overhead, going forward): a loop reaching over the head, out in front, under the
    feet and up behind, its handle in the hand."""
    reach = hand[1] + 0.06  # from the hands to just under the feet
    apex = (hand[0] + reach * math.sin(turn), hand[1] + reach * math.cos(turn))
    mid = ((hand[0] + apex[0]) / 2, (hand[1] + apex[1]) / 2)
    half = ((apex[0] - hand[0]) / 2, (apex[1] - hand[1]) / 2)
    wide = (-half[1] * 0.8, half[0] * 0.8)  # the loop's breadth, across its length
    loop = [
        (
            mid[0] + half[0] * math.cos(s) + wide[0] * math.sin(s),
            mid[1] + half[1] * math.cos(s) + wide[1] * math.sin(s),
        )
        for s in (k * 2 * math.pi / 24 for k in range(25))
    ]
    pen.line(loop, 0.018, SKIPPING_ROPE)
    pen.rect(hand[0] - 0.025, hand[1] - 0.06, hand[0] + 0.025, hand[1] + 0.04, (240, 220, 90))


def _racket(pen: Pen, hand: tuple[float, float], angle: float) -> None:
    """A racket held in `hand`, pointing on along the forearm (`angle` from hanging): a
    handle, then an oval head strung across."""
    dx, dy = math.sin(angle), -math.cos(angle)
    neck = (hand[0] + 0.2 * dx, hand[1] + 0.2 * dy)
    pen.line([hand, neck], 0.03, RACKET_FRAME)
    centre = (hand[0] + 0.36 * dx, hand[1] + 0.36 * dy)
    oval = [
        (
            centre[0] + 0.16 * dx * math.cos(a) - 0.11 * dy * math.sin(a),
            centre[1] + 0.16 * dy * math.cos(a) + 0.11 * dx * math.sin(a),
        )
        for a in (k * math.pi / 8 for k in range(16))
    ]
    pen.polygon(oval, RACKET_FRAME)
    inner = [
        (centre[0] + 0.8 * (x - centre[0]), centre[1] + 0.8 * (y - centre[1])) for x, y in oval
    ]
    pen.polygon(inner, RACKET_STRINGS)


BOOK = (150, 50, 50)
PAGE = (246, 242, 228)


def _open_book(pen: Pen, hand: tuple[float, float], phase: float) -> None:
    """An open book in the reader's hand, its pages tilted up towards their eyes and its
    cover outwards; now and then a page turns over (rising from one side to the other)."""
    x, y = hand
    top = (x - 0.1, y + 0.22)
    pen.polygon([(x + 0.02, y - 0.02), (top[0] + 0.04, top[1]), top, (x - 0.02, y - 0.01)], BOOK)
    pen.polygon([(x, y), (top[0] + 0.02, top[1] - 0.01), (top[0] - 0.01, top[1] - 0.03)], PAGE)
    pen.polygon([(x, y), (x - 0.03, y + 0.01), (top[0] - 0.01, top[1] - 0.03)], PAGE)
    turn = (phase % (2 * math.pi)) / (2 * math.pi)
    if turn > 0.9:  # a page in the air, swung over from the cover's side
        lift = math.sin((turn - 0.9) / 0.1 * math.pi)
        tip = (x - 0.05 + 0.12 * lift, y + 0.11 + 0.08 * lift)
        pen.line([(x - 0.04, y + 0.06), tip], 0.02, PAGE)


# Where a cyclist's pedals turn, from the saddle (metres, facing right): the crank's centre
# and its length.
CRANK = (0.2, -0.52)
CRANK_LENGTH = 0.15
THIGH = 0.37  # a rider's thigh, and shin, metres


def _pedalling_leg(pen: Pen, hip: tuple[float, float], turn: float, colour: RGB) -> None:
    """A leg from `hip` to the pedal at angle `turn` of the crank, the knee bent forward."""
    foot = (CRANK[0] + CRANK_LENGTH * math.cos(turn), CRANK[1] + CRANK_LENGTH * math.sin(turn))
    pen.limb_to(hip, foot, 2 * THIGH, 0.12, colour, forward=True)
    pen.ellipse(foot[0] + 0.04, foot[1], 0.07, 0.035, shade(colour, 0.6))  # shoe


BEAK = (240, 170, 40)


def draw_bird(pen: Pen, pose: Pose, colour: RGB) -> None:
    if pose.action == "sleep":  # perched, fluffed up, the head sunk into its shoulders
        rise = 0.006 * breath(pose)
        pen.polygon([(-0.1, 0.12), (-0.2, 0.15), (-0.19, 0.08)], shade(colour, 0.7))
        pen.line([(0.0, 0.06), (0.0, 0.0)], 0.012, (240, 170, 40))
        pen.ellipse(0.0, 0.12, 0.12, 0.075 + rise, colour)
        pen.ellipse(0.07, 0.16, 0.05, 0.045, colour)
        pen.polygon([(0.11, 0.16), (0.15, 0.15), (0.11, 0.14)], (240, 170, 40))
        shut_eye(pen, 0.08, 0.17, 0.012)
        return
    flap = math.sin(pose.phase) if pose.action == "fly" else -0.6
    # eating, it pecks at the ground: the head bobbing down to it and up again
    peck = max(0.0, math.sin(pose.phase * 2.0)) if pose.action == "eat" else 0.0
    hx, hy = 0.09 + 0.05 * peck, 0.17 - 0.13 * peck
    opened = call_opened(pose, barks=True)  # a bird's call comes quick, like a bark
    hy += 0.02 * opened  # the head up as it sings
    pen.polygon([(-0.1, 0.12), (-0.2, 0.16 + 0.03 * peck), (-0.19, 0.08)], shade(colour, 0.7))
    pen.ellipse(0.0, 0.12, 0.11, 0.065, colour)
    pen.ellipse(hx, hy, 0.05, 0.05, colour)
    gape = 0.03 * opened  # the beak open on each note
    pen.polygon([(hx + 0.04, hy + 0.01), (hx + 0.1, hy + gape), (hx + 0.04, hy - 0.005)], BEAK)
    pen.polygon([(hx + 0.04, hy - 0.005), (hx + 0.1, hy - gape), (hx + 0.04, hy - 0.02)], BEAK)
    call_carried(pen, (hx + 0.12, hy), pose.phase, 0.45, opened)
    pen.ellipse(hx + 0.01, hy + 0.01, 0.01, 0.01, EYE)
    pen.polygon([(-0.04, 0.13), (0.05, 0.13), (0.0, 0.13 + 0.14 * flap)], shade(colour, 0.75))
    if pose.action != "fly":
        pen.line([(0.0, 0.06), (0.0, 0.0)], 0.012, (240, 170, 40))


def draw_fish(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A fish side on, its tail beating as it swims, a fin on its back, a pale belly."""
    beat = 0.06 * math.sin(pose.phase * 1.5)
    pen.polygon([(-0.18, 0.14), (-0.34, 0.24 + beat), (-0.34, 0.04 + beat)], shade(colour, 0.8))
    pen.ellipse(0.0, 0.14, 0.22, 0.1, colour)
    pen.ellipse(0.02, 0.1, 0.16, 0.05, shade(colour, 1.35))  # the belly
    pen.polygon([(-0.06, 0.22), (0.08, 0.23), (-0.02, 0.3)], shade(colour, 0.8))  # the fin
    pen.line([(0.1, 0.06), (0.1, 0.22)], 0.015, shade(colour, 0.75))  # the gill
    pen.ellipse(0.15, 0.17, 0.025, 0.025, (250, 250, 250))
    pen.ellipse(0.155, 0.17, 0.013, 0.013, EYE)


def draw_turtle(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A turtle side on: a domed shell patterned with plates over a pale rim, its head
    poking out ahead; walking, its stubby legs plod in turn; swimming, its flippers sweep.
    Drawn larger than life, as small things are, to stay legible."""
    skin, plate = shade(colour, 1.45), shade(colour, 0.7)
    swimming = pose.action == "swim"
    stroke = math.sin(pose.phase) if pose.action in ("walk", "swim") else 0.0
    if swimming:  # the flippers, the far one behind the shell
        pen.polygon([(0.1, 0.12), (0.3 + 0.06 * stroke, 0.02), (0.16, 0.1)], shade(skin, 0.8))
    else:
        for x, lift in ((0.17, stroke), (-0.17, -stroke)):  # the far legs
            pen.rect(x - 0.035, 0.0 + 0.02 * max(lift, 0.0), x + 0.035, 0.1, shade(skin, 0.8))
    bob = 0.01 * math.sin(pose.phase * 0.5)
    hx, hy = 0.33, 0.14 + bob
    pen.line([(0.15, 0.1), (hx - 0.03, hy)], 0.07, skin)  # the neck
    pen.ellipse(hx, hy + 0.01, 0.065, 0.05, skin)
    pen.ellipse(hx + 0.03, hy + 0.025, 0.011, 0.012, EYE)
    pen.polygon([(-0.32, 0.1), (-0.4, 0.06), (-0.3, 0.07)], skin)  # the tail
    pen.ellipse(0.0, 0.08, 0.32, 0.04, shade(colour, 1.2))  # the shell's rim
    pen.polygon(
        [(-0.3, 0.09), (-0.26, 0.18), (-0.14, 0.26), (0.0, 0.285), (0.14, 0.26), (0.26, 0.18)]
        + [(0.3, 0.09)],
        colour,
    )
    for x0, x1 in ((-0.24, -0.09), (-0.07, 0.07), (0.09, 0.24)):  # the plates
        pen.polygon([(x0, 0.11), (x0 + 0.03, 0.2), (x1 - 0.03, 0.2), (x1, 0.11)], plate)
    if swimming:
        pen.polygon([(-0.1, 0.1), (0.05 - 0.08 * stroke, -0.02), (0.02, 0.09)], skin)
    else:
        for x, lift in ((0.13, -stroke), (-0.2, stroke)):  # the near legs
            pen.rect(x - 0.04, 0.0 + 0.02 * max(lift, 0.0), x + 0.04, 0.1, skin)


def draw_butterfly(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A butterfly as one sees it settle or pass: its body upright between two pairs of
    wings, spotted at their tips, beating open and shut; drawn larger than life, as small
    things are, to stay legible."""
    opened = 0.25 + 0.75 * abs(math.cos(pose.phase * 0.5))
    dark, light = shade(colour, 0.7), shade(colour, 1.3)
    for side in (-1, 1):
        upper = (side * 0.075 * opened, 0.14)
        lower = (side * 0.055 * opened, 0.07)
        pen.ellipse(*upper, 0.07 * opened + 0.008, 0.055, colour)
        pen.ellipse(*lower, 0.05 * opened + 0.008, 0.04, dark)
        pen.ellipse(upper[0] * 0.7, upper[1] - 0.005, 0.03 * opened + 0.004, 0.022, light)
        pen.ellipse(upper[0] * 1.6, upper[1] + 0.02, 0.012 * opened + 0.003, 0.012, EYE)
        pen.line([(0.0, 0.17), (side * 0.035, 0.215)], 0.006, EYE)
    pen.line([(0.0, 0.035), (0.0, 0.175)], 0.022, EYE)


def draw_bee(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A bee side on: a round striped body, a dark head, wings beating too fast to see but
    as a blur above it; drawn larger than life, as small things are, to stay legible."""
    beat = abs(math.sin(pose.phase * 3))
    wing = (228, 236, 245)
    pen.ellipse(-0.01, 0.12 + 0.03 * beat, 0.05, 0.03 + 0.02 * beat, wing)
    pen.ellipse(0.0, 0.07, 0.075, 0.05, colour)
    for x in (-0.035, 0.01):  # its stripes
        pen.rect(x, 0.025, x + 0.02, 0.115, EYE)
    pen.polygon([(-0.075, 0.07), (-0.1, 0.065), (-0.075, 0.06)], EYE)  # the sting
    pen.ellipse(0.07, 0.075, 0.03, 0.03, EYE)
    pen.ellipse(0.0, 0.14 + 0.04 * beat, 0.04, 0.02 + 0.015 * beat, shade(wing, 0.95))


def draw_penguin(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A penguin standing upright, a white belly, flippers held out a little; walking, it
    waddles (rocking from foot to foot, short steps); asleep, it lies on its belly."""
    moving = pose.action in ("walk", "run", "chase")
    rock = 0.05 * math.sin(pose.phase) if moving else 0.0
    if pose.action == "sleep":
        rise = 0.01 * breath(pose)
        pen.ellipse(0.0, 0.13 + rise / 2, 0.3, 0.13 + rise, colour)
        pen.ellipse(0.02, 0.08, 0.24, 0.07, CREAM)
        pen.ellipse(0.3, 0.13, 0.1, 0.09, colour)
        pen.polygon([(0.38, 0.14), (0.47, 0.12), (0.38, 0.1)], (240, 150, 40))
        shut_eye(pen, 0.32, 0.16, 0.018)
        return
    for step in (-1, 1):  # the feet, one lifted in turn
        lift = max(0.0, step * math.sin(pose.phase)) * 0.04 if moving else 0.0
        pen.ellipse(0.04 + 0.05 * step, 0.02 + lift, 0.07, 0.025, (240, 150, 40))
    pen.ellipse(rock * 0.5, 0.32, 0.17, 0.3, colour)
    pen.ellipse(0.04 + rock * 0.5, 0.3, 0.11, 0.24, CREAM)  # belly
    flap = 0.35 + 0.25 * abs(math.sin(pose.phase)) if moving else 0.35
    pen.limb((-0.02 + rock * 0.6, 0.46), 0.24, -flap, 0.05, shade(colour, 0.85))
    hx, hy = 0.05 + rock, 0.64
    pen.ellipse(hx, hy, 0.1, 0.09, colour)
    pen.ellipse(hx + 0.05, hy, 0.04, 0.035, CREAM)
    pen.polygon(
        [(hx + 0.08, hy - 0.005), (hx + 0.17, hy - 0.025), (hx + 0.08, hy - 0.04)], (240, 150, 40)
    )
    pen.ellipse(hx + 0.05, hy + 0.02, 0.014, 0.016, EYE)
