"""Painters for the four-legged animals beyond the dog and the cat: each drawn from a body plan
(where its legs hang, how long its neck is, what its ears, tail and coat are like), so a
horse, a lion and an elephant share one way of walking, grazing and running but not one
outline (a zebra is a horse's outline in a striped coat).

The rabbit hops rather than walks: it has a painter of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from videoagent.synthworld.choreography import Pose
from videoagent.synthworld.painters.creatures import (
    EYE,
    MOUTH,
    breath,
    call_carried,
    call_opened,
    dug_earth,
    howl_rising,
    shut_eye,
)
from videoagent.synthworld.painters.pen import RGB, Pen, shade

NOSE = (30, 26, 28)
HOOF = (45, 38, 34)
CREAM = (246, 240, 228)
HORN = (226, 214, 186)
ANTLER = (150, 118, 80)
GRAZING_LEAN = 2.5  # radians from upright: a neck swung down to the grass
HOWLING_TILT = 0.95  # radians up from level: a muzzle pointed at the sky
ROARING_TILT = 0.35  # and the head raised on each roar (a bellow, a moo, a trumpeting)


@dataclass(frozen=True)
class BodyPlan:
    """One animal's build, in metres, facing right with its ground anchor at (0, 0)."""

    body: tuple[float, float, float, float]  # centre x, centre y, half length, half height
    legs: tuple[float, float, float, float]  # front x, back x, hip height, thickness
    neck: tuple[float, float, float, float]  # base x, base y, length, thickness
    neck_lean: float  # radians forward of upright, head raised
    head: tuple[float, float]  # skull half width, half height
    muzzle: tuple[float, float, float, float]  # offset x, offset y from the skull, radii
    ears: str  # "pointed", "round", "small", "floppy" or "big" (an elephant's)
    tail: str  # "hair", "bushy", "short", "curly", "tuft", "long", "plume", "thin" or "stub"
    stride: float = 0.32  # how far a leg swings at a walk (radians)
    mane: bool = False  # along the top of the neck (a horse's, a giraffe's)
    horns: str = ""  # "", "antlers", "short", "curved" or "ossicones" (a giraffe's)
    coat: str = ""  # "", "patches" (a cow's), "wool", "stripes", "spots" or "panda"
    face: RGB | None = None  # a face of its own colour (a sheep's is dark)
    limbs: RGB | None = None  # legs and ears of their own colour (a sheep's, a panda's)
    hooves: bool = False
    sits: bool = False  # sits on its haunches (a fox, a lion, a panda)
    hump: bool = False  # a bear's shoulders rise above its back
    enlarged: float = 1.0  # drawn larger than life to stay legible, as small things are
    ruff: bool = False  # a lion's mane, all round its head
    trunk: bool = False  # an elephant's, with its tusks
    barks: bool = False  # calls out in short barks (a fox), not one long call


PLANS = {
    "horse": BodyPlan(
        body=(0.0, 1.12, 0.62, 0.27),
        legs=(0.42, -0.44, 1.0, 0.12),
        neck=(0.44, 1.22, 0.72, 0.26),
        neck_lean=0.58,
        head=(0.13, 0.12),
        muzzle=(0.2, -0.12, 0.14, 0.09),
        ears="small",
        tail="hair",
        stride=0.3,
        mane=True,
        hooves=True,
    ),
    "deer": BodyPlan(
        body=(0.0, 0.9, 0.44, 0.2),
        legs=(0.3, -0.32, 0.84, 0.07),
        neck=(0.32, 1.0, 0.45, 0.15),
        neck_lean=0.3,
        head=(0.1, 0.09),
        muzzle=(0.13, -0.06, 0.09, 0.055),
        ears="pointed",
        tail="short",
        stride=0.34,
        horns="antlers",
        hooves=True,
    ),
    "cow": BodyPlan(
        body=(0.0, 0.92, 0.66, 0.33),
        legs=(0.44, -0.46, 0.7, 0.13),
        neck=(0.52, 1.0, 0.3, 0.32),
        neck_lean=1.1,
        head=(0.14, 0.14),
        muzzle=(0.12, -0.12, 0.12, 0.1),
        ears="floppy",
        tail="tuft",
        stride=0.22,
        horns="short",
        coat="patches",
        hooves=True,
    ),
    "sheep": BodyPlan(
        body=(0.0, 0.6, 0.42, 0.24),
        legs=(0.26, -0.26, 0.42, 0.075),
        neck=(0.3, 0.68, 0.2, 0.16),
        neck_lean=0.9,
        head=(0.1, 0.11),
        muzzle=(0.08, -0.07, 0.08, 0.07),
        ears="floppy",
        tail="stub",
        stride=0.3,
        coat="wool",
        face=(48, 44, 44),
        limbs=(48, 44, 44),
    ),
    "goat": BodyPlan(
        body=(0.0, 0.66, 0.38, 0.19),
        legs=(0.26, -0.26, 0.55, 0.07),
        neck=(0.3, 0.74, 0.3, 0.13),
        neck_lean=0.45,
        head=(0.09, 0.09),
        muzzle=(0.11, -0.08, 0.08, 0.06),
        ears="floppy",
        tail="short",
        stride=0.3,
        horns="curved",
        hooves=True,
    ),
    "pig": BodyPlan(
        body=(0.0, 0.44, 0.56, 0.25),
        legs=(0.34, -0.34, 0.24, 0.09),
        neck=(0.44, 0.5, 0.12, 0.3),
        neck_lean=1.3,
        head=(0.17, 0.16),
        muzzle=(0.16, -0.03, 0.06, 0.08),
        ears="pointed",
        tail="curly",
        stride=0.28,
    ),
    "fox": BodyPlan(
        body=(0.0, 0.36, 0.28, 0.11),
        legs=(0.18, -0.2, 0.3, 0.055),
        neck=(0.2, 0.4, 0.14, 0.12),
        neck_lean=0.8,
        head=(0.09, 0.075),
        muzzle=(0.11, -0.03, 0.08, 0.035),
        ears="pointed",
        tail="bushy",
        stride=0.42,
        sits=True,
        barks=True,
    ),
    "wolf": BodyPlan(
        body=(0.0, 0.58, 0.4, 0.16),
        legs=(0.27, -0.28, 0.5, 0.08),
        neck=(0.3, 0.64, 0.2, 0.17),
        neck_lean=0.8,
        head=(0.12, 0.1),
        muzzle=(0.14, -0.04, 0.1, 0.05),
        ears="pointed",
        tail="bushy",
        stride=0.4,
        sits=True,
    ),
    "bear": BodyPlan(
        body=(0.0, 0.76, 0.62, 0.34),
        legs=(0.4, -0.42, 0.56, 0.21),
        neck=(0.5, 0.84, 0.24, 0.34),
        neck_lean=1.45,
        head=(0.2, 0.18),
        muzzle=(0.17, -0.06, 0.11, 0.08),
        ears="round",
        tail="stub",
        stride=0.25,
        sits=True,
        hump=True,
    ),
    "lion": BodyPlan(
        body=(0.0, 0.66, 0.56, 0.22),
        legs=(0.38, -0.4, 0.56, 0.12),
        neck=(0.42, 0.76, 0.2, 0.26),
        neck_lean=1.0,
        head=(0.15, 0.14),
        muzzle=(0.14, -0.06, 0.1, 0.07),
        ears="round",
        tail="tuft",
        stride=0.34,
        ruff=True,
        sits=True,
    ),
    "tiger": BodyPlan(
        body=(0.0, 0.62, 0.6, 0.2),
        legs=(0.4, -0.42, 0.52, 0.12),
        neck=(0.44, 0.7, 0.2, 0.24),
        neck_lean=1.05,
        head=(0.15, 0.13),
        muzzle=(0.13, -0.05, 0.09, 0.06),
        ears="round",
        tail="long",
        stride=0.36,
        coat="stripes",
        sits=True,
    ),
    "elephant": BodyPlan(
        body=(0.0, 1.5, 0.95, 0.62),
        legs=(0.6, -0.62, 1.15, 0.3),
        neck=(0.82, 1.7, 0.2, 0.7),
        neck_lean=1.2,
        head=(0.42, 0.42),
        muzzle=(0.3, -0.2, 0.14, 0.14),
        ears="big",
        tail="tuft",
        stride=0.18,
        trunk=True,
    ),
    "giraffe": BodyPlan(
        body=(0.0, 1.75, 0.6, 0.3),
        legs=(0.4, -0.42, 1.6, 0.09),
        neck=(0.46, 1.9, 1.55, 0.2),
        neck_lean=0.32,
        head=(0.13, 0.1),
        muzzle=(0.18, -0.08, 0.1, 0.07),
        ears="small",
        tail="tuft",
        stride=0.28,
        mane=True,
        horns="ossicones",
        coat="spots",
        hooves=True,
    ),
    "panda": BodyPlan(
        body=(0.0, 0.7, 0.56, 0.34),
        legs=(0.36, -0.38, 0.5, 0.2),
        neck=(0.46, 0.8, 0.22, 0.32),
        neck_lean=1.35,
        head=(0.21, 0.19),
        muzzle=(0.15, -0.07, 0.1, 0.08),
        ears="round",
        tail="stub",
        stride=0.24,
        coat="panda",
        limbs=(34, 32, 34),
        sits=True,
    ),
    "mouse": BodyPlan(
        body=(0.0, 0.1, 0.12, 0.07),
        legs=(0.07, -0.07, 0.06, 0.03),
        neck=(0.09, 0.12, 0.04, 0.07),
        neck_lean=1.2,
        head=(0.055, 0.05),
        muzzle=(0.06, -0.015, 0.035, 0.025),
        ears="round",
        tail="thin",
        stride=0.5,
        sits=True,
        enlarged=1.8,
    ),
    "squirrel": BodyPlan(
        body=(0.0, 0.2, 0.15, 0.08),
        legs=(0.1, -0.1, 0.14, 0.04),
        neck=(0.11, 0.24, 0.08, 0.08),
        neck_lean=0.7,
        head=(0.065, 0.06),
        muzzle=(0.06, -0.02, 0.04, 0.03),
        ears="pointed",
        tail="plume",
        stride=0.45,
        sits=True,
        enlarged=1.5,
    ),
}

PLANS["zebra"] = replace(PLANS["horse"], coat="stripes")
PLANS["hamster"] = BodyPlan(  # round as a ball, its legs hidden under it
    body=(0.0, 0.09, 0.12, 0.085),
    legs=(0.07, -0.07, 0.04, 0.03),
    neck=(0.08, 0.11, 0.03, 0.08),
    neck_lean=1.3,
    head=(0.065, 0.06),
    muzzle=(0.055, -0.02, 0.035, 0.03),
    ears="round",
    tail="stub",
    stride=0.55,
    sits=True,
    enlarged=2.0,
)


def _gait(pose: Pose, stride: float) -> float:
    if pose.action not in ("walk", "run", "sniff", "chase", "eat"):  # grazing steps on
        return 0.0
    return math.sin(pose.phase) * stride * (1.7 if pose.action in ("run", "chase") else 1.0)


def draw_animal(pen: Pen, pose: Pose, colour: RGB, kind: str) -> None:
    """One of `PLANS`' animals in `pose`, coloured `colour`."""
    plan = PLANS[kind]
    pen = _larger(pen, plan.enlarged)
    if pose.action in ("sit", "howl") and plan.sits:  # a wolf howls sitting up
        _sitting(pen, pose, colour, plan)
        return
    if pose.action == "sleep":
        _lying(pen, pose, colour, plan)
        return
    dark = shade(colour, 0.66)
    limbs = plan.limbs or colour
    swing = _gait(pose, plan.stride)
    digging = pose.action == "dig"
    scrabble = 0.55 * math.sin(pose.phase) if digging else 0.0  # the front paws in turn
    if digging:
        dug_earth(pen, plan.legs[0], plan.legs[2], pose.phase)
    running = pose.action in ("run", "chase")
    lift = 0.06 * plan.legs[2] * abs(math.sin(pose.phase)) if running else 0.0
    front, back, hip, thick = plan.legs
    hip += lift
    knee = 0.25 if plan.hooves else 0.15
    # Far legs first (darker), then tail, body and coat, near legs, then neck and head.
    _leg(pen, (front, hip), hip, -swing - scrabble, thick * 0.9, shade(limbs, 0.66), knee, plan)
    _leg(pen, (back, hip), hip, swing, thick * 0.9, shade(limbs, 0.66), -knee, plan)
    cx, cy, half_length, half_height = plan.body
    cy += lift
    _tail(pen, plan, (cx - half_length * 0.92, cy + half_height * 0.45), colour, dark, pose)
    _body(pen, plan, (cx, cy, half_length, half_height), colour)
    _leg(pen, (front - 0.03, hip), hip, swing + scrabble, thick, limbs, knee, plan)
    _leg(pen, (back + 0.03, hip), hip, -swing, thick, limbs, -knee, plan)
    lowered = pose.reach if pose.action in ("eat", "sniff") else 1.0 if digging else 0.0
    _neck_and_head(pen, plan, colour, dark, lowered, lift, pose)


def _larger(pen: Pen, factor: float) -> Pen:
    if factor == 1.0:
        return pen
    return Pen(
        pen.draw,
        origin=(pen.ox, pen.oy),
        scale=pen.scale * factor,
        facing=pen.facing,
        grade=pen.grade,
    )


def _leg(pen, top, length, swing, thick, colour, knee, plan: BodyPlan) -> None:
    fx, fy = pen.limb(top, length, swing, thick, colour, knee=knee)
    if plan.hooves:
        pen.ellipse(fx, fy + thick * 0.3, thick * 0.55, thick * 0.35, HOOF)


def _body(pen: Pen, plan: BodyPlan, body, colour: RGB) -> None:
    cx, cy, rx, ry = body
    if plan.coat == "wool":  # a cloud of curls over the body's outline
        pen.ellipse(cx, cy, rx, ry, shade(colour, 0.9))
        for i in range(7):
            angle = i / 7 * 2 * math.pi
            pen.ellipse(
                cx + 0.78 * rx * math.cos(angle),
                cy + 0.72 * ry * math.sin(angle),
                ry * 0.55,
                ry * 0.5,
                shade(colour, 0.94 + 0.04 * (i % 2)),
            )
        pen.ellipse(cx, cy + ry * 0.1, rx * 0.75, ry * 0.75, colour)
        return
    pen.ellipse(cx, cy, rx, ry, colour)
    if plan.hump:
        pen.ellipse(cx + rx * 0.45, cy + ry * 0.45, rx * 0.42, ry * 0.62, colour)
    pen.ellipse(cx + rx * 0.1, cy - ry * 0.45, rx * 0.7, ry * 0.4, shade(colour, 1.18))  # belly
    if plan.coat == "patches":
        patch = EYE if sum(colour) > 450 else CREAM
        for px, py, prx, pry in ((-0.25, 0.2, 0.2, 0.13), (0.2, 0.05, 0.16, 0.15)):
            pen.ellipse(cx + px * rx * 2, cy + py * ry * 2, prx, pry, patch)
    elif plan.coat == "stripes":  # a tiger's, down its flank
        for i in range(7):
            x = cx - rx * 0.8 + i * rx * 0.27
            pen.line([(x, cy + ry * 0.9), (x - rx * 0.06, cy), (x, cy - ry * 0.55)], ry * 0.2, EYE)
    elif plan.coat == "spots":  # a giraffe's patchwork
        for i in range(4):
            for j in range(2):
                x, y = cx - rx * 0.66 + i * rx * 0.44 + j * rx * 0.2, cy - ry * 0.3 + j * ry * 0.7
                pen.ellipse(x, y, rx * 0.16, ry * 0.26, shade(colour, 0.55))
    elif plan.coat == "panda":  # a black band over the shoulders
        pen.ellipse(cx + rx * 0.5, cy + ry * 0.1, rx * 0.28, ry * 0.95, plan.limbs or EYE)


def _tail(pen: Pen, plan: BodyPlan, root, colour: RGB, dark: RGB, pose: Pose) -> None:
    x, y = root
    sway = 0.5 * math.sin(pose.phase * 0.7)
    if plan.tail == "hair":  # a long fall of hair from the rump
        pen.polygon(
            [
                (x + 0.04, y + 0.04),
                (x - 0.1, y),
                (x - 0.2 - 0.05 * sway, max(y - 0.6, 0.02)),
                (x - 0.04, max(y - 0.55, 0.02)),
            ],
            dark,
        )
    elif plan.tail == "bushy":  # a fox's brush, carried low, with a pale tip
        tip = (x - 0.38, y - 0.12 + 0.04 * sway)
        pen.polygon(
            [(x, y + 0.03), (x - 0.12, y + 0.05), (tip[0], tip[1] + 0.02), (x, y - 0.06)], colour
        )
        pen.ellipse(x - 0.22, y - 0.04 + 0.02 * sway, 0.16, 0.07, colour)
        pen.ellipse(tip[0] + 0.02, tip[1], 0.06, 0.045, CREAM)
    elif plan.tail == "short":
        pen.ellipse(x - 0.02, y + 0.02, 0.06, 0.04, CREAM)
    elif plan.tail == "curly":
        points = [
            (x - 0.04 - 0.05 * math.sin(a), y + 0.06 * math.cos(a) + 0.01 * a)
            for a in (i * 0.6 for i in range(11))
        ]
        pen.line(points, 0.025, shade(colour, 0.85))
    elif plan.tail == "long":  # a tiger's, curving low, ringed dark
        points = [(x - 0.1 * i, y - 0.22 * math.sin(i * 0.5) + 0.02 * sway * i) for i in range(7)]
        pen.line(points, 0.05, colour)
        for px, py in points[2::2]:
            pen.ellipse(px, py, 0.02, 0.03, EYE)
    elif plan.tail == "thin":  # a mouse's, long and bare, curling off the ground
        points = [
            (x - 0.05 * i, max(y - 0.03 * i + 0.02 * math.sin(i + sway), 0.01)) for i in range(6)
        ]
        pen.line(points, 0.012, (220, 160, 170))
    elif plan.tail == "plume":  # a squirrel's, held up in an S over its back
        pen.ellipse(x - 0.06, y + 0.12 + 0.01 * sway, 0.06, 0.13, colour)
        pen.ellipse(x - 0.02, y + 0.28 + 0.01 * sway, 0.07, 0.06, shade(colour, 1.15))
    elif plan.tail == "tuft":  # a cow's: a cord with a brush at its end
        end = (x - 0.1 - 0.04 * sway, max(y - 0.55, 0.06))  # on the ground, sitting
        pen.line([(x, y), (x - 0.08, y - 0.25), end], 0.03, colour)
        pen.ellipse(end[0], end[1] - 0.03, 0.04, 0.07, dark)
    else:  # a stub
        pen.ellipse(x, y, 0.06, 0.05, colour)


def _neck_and_head(pen, plan: BodyPlan, colour: RGB, dark: RGB, lowered: float, lift, pose):
    """The neck from the shoulders, raised by `neck_lean` or, `lowered` 1, swung down to
    graze (stretched up to a third longer so the mouth nears the grass), and the head at
    its end, turned with it."""
    base_x, base_y, length, thick = plan.neck
    base_y += lift
    rx, ry = plan.head
    mx, my, mrx, mry = plan.muzzle
    head_drop = math.hypot(mx, my) + mry + ry * 0.3
    reach = (base_y - head_drop - 0.04) / -math.cos(GRAZING_LEAN)
    length += lowered * min(max(reach - length, 0.0), length / 3)
    lean = plan.neck_lean + (GRAZING_LEAN - plan.neck_lean) * lowered
    if pose.action in ("walk", "run", "chase"):
        lean += math.sin(pose.phase) * 0.05  # the head nods with the stride
    hx, hy = base_x + math.sin(lean) * length, base_y + math.cos(lean) * length
    across = (math.cos(lean) * thick / 2, -math.sin(lean) * thick / 2)
    pen.polygon(
        [
            (base_x - across[0], base_y - across[1]),
            (base_x + across[0], base_y + across[1]),
            (hx + across[0] * 0.6, hy + across[1] * 0.6),
            (hx - across[0] * 0.6, hy - across[1] * 0.6),
        ],
        colour,
    )
    if plan.mane:  # along the top of the neck
        start, end = (base_x - across[0], base_y - across[1]), (hx - across[0], hy - across[1])
        pen.line([start, end], thick * 0.28, dark)
    tilt = -1.3 * lowered  # the muzzle points down as the head lowers
    if pose.action == "howl":  # up at the sky
        tilt = HOWLING_TILT
    opened = call_opened(pose, barks=plan.barks)
    if opened:  # up as it calls out
        tilt = ROARING_TILT * opened
    face = plan.face or colour

    def local(dx: float, dy: float) -> tuple[float, float]:
        cos, sin = math.cos(tilt), math.sin(tilt)
        return (hx + dx * cos - dy * sin, hy + dx * sin + dy * cos)

    if plan.ruff:  # a lion's mane frames its face
        pen.ellipse(*local(-rx * 0.35, ry * 0.05), rx * 1.55, ry * 1.6, shade(colour, 0.62))
    _ears(pen, plan, local, rx, ry, face, plan.limbs or dark)
    _horns(pen, plan, local, rx, ry)
    pen.ellipse(hx, hy, rx, ry, face)
    if plan.coat == "panda":
        pen.ellipse(*local(rx * 0.3, ry * 0.22), rx * 0.3, ry * 0.26, plan.limbs or EYE)
    # The skull narrows into the muzzle; a pig's ends in a flat snout.
    snouted = plan.tail == "curly"
    pen.polygon(
        [local(0.0, ry * 0.9), local(mx, my + mry), local(mx, my - mry), local(0.0, -ry * 0.9)],
        face,
    )
    muzzle = shade(face, 0.9) if snouted else shade(face, 1.35 if plan.face is None else 1.2)
    if tilt > 0:  # turned up: along its tilt, as an ellipse cannot be
        pen.line([local(mx - mrx * 0.7, my), local(mx + mrx * 0.75, my)], mry * 2, muzzle)
    else:
        pen.ellipse(*local(mx, my), mrx, mry, muzzle)
    nose = shade(face, 0.6) if snouted else NOSE
    pen.ellipse(*local(mx + mrx * 0.8, my + mry * 0.2), mrx * 0.3, mry * 0.35, nose)
    eye = max(rx, ry)
    if pose.action == "howl":  # the jaw dropped open, the howl rising from it
        pen.line([local(mx * 0.3, -ry * 0.5), local(mx * 1.05, my - mry * 1.6)], mry * 0.7, face)
        pen.polygon(
            [local(mx * 0.2, -ry * 0.3), local(mx, my - mry * 0.6), local(mx, my - mry * 1.4)],
            (90, 40, 40),
        )
        howl_rising(pen, local(mx + mrx, my), pose.phase, 2 * ry / 0.22)
    if opened > 0.1:  # the jaw dropped on each call, the call carried off before it
        jaw = my - mry * (0.6 + 1.6 * opened)
        pen.line([local(mx * 0.3, -ry * 0.5), local(mx * 1.05, jaw)], mry * 0.7, face)
        pen.polygon([local(mx * 0.2, -ry * 0.3), local(mx, my - mry * 0.6), local(mx, jaw)], MOUTH)
    call_carried(pen, local(mx + mrx, my - mry), pose.phase, 2 * ry / 0.22, opened)
    if pose.action in ("sleep", "howl"):
        shut_eye(pen, *local(rx * 0.35, ry * 0.3), eye * 0.16)
    else:
        pen.ellipse(*local(rx * 0.35, ry * 0.3), eye * 0.16, eye * 0.18, EYE)
    if plan.trunk:  # hanging from the muzzle nearly to the ground, swaying; tusks beside it
        sway = 0.08 * math.sin(pose.phase * 0.5)
        drop = max(hy - 0.25, 0.1)
        tip = local(mx + 0.1 + sway, my - drop * 0.95)
        bend = local(mx + 0.12, my - drop * 0.5)
        if pose.action == "roar":  # trumpeting: raised and curled up before the head
            up = 0.4 + 0.6 * opened
            bend, tip = local(mx + 0.38, my + 0.2 * up), local(mx + 0.3, my + 0.85 * up)
        pen.line([local(mx, my), bend, tip], mrx * 1.3, face)
        pen.line([local(mx - 0.05, my - 0.02), local(mx + 0.2, my - 0.22)], 0.05, CREAM)


def _ears(pen, plan: BodyPlan, local, rx: float, ry: float, face: RGB, dark: RGB) -> None:
    if plan.ears == "pointed":
        for dx, shade_of in ((-rx * 0.55, dark), (-rx * 0.05, face)):
            pen.polygon(
                [
                    local(dx - rx * 0.3, ry * 0.5),
                    local(dx, ry * 1.9),
                    local(dx + rx * 0.3, ry * 0.6),
                ],
                shade_of,
            )
    elif plan.ears == "small":
        pen.polygon(
            [local(-rx * 0.6, ry * 0.6), local(-rx * 0.45, ry * 1.7), local(-rx * 0.1, ry * 0.8)],
            face,
        )
    elif plan.ears == "round":
        for dx in (-rx * 0.65, rx * 0.05):
            pen.ellipse(*local(dx, ry * 0.95), rx * 0.32, ry * 0.32, dark)
    elif plan.ears == "big":  # an elephant's, behind its head
        pen.ellipse(*local(-rx * 0.55, -ry * 0.05), rx * 0.75, ry * 0.95, shade(face, 0.82))
    elif plan.ears == "floppy":
        pen.polygon(
            [
                local(-rx * 0.5, ry * 0.5),
                local(-rx * 1.7, ry * 0.1),
                local(-rx * 1.5, -ry * 0.2),
                local(-rx * 0.4, ry * 0.1),
            ],
            dark,
        )


def _horns(pen, plan: BodyPlan, local, rx: float, ry: float) -> None:
    if plan.horns == "antlers":  # a beam rising back, with tines forward
        base = local(-rx * 0.2, ry * 0.8)
        beam = [
            base,
            local(-rx * 0.8, ry * 3.0),
            local(-rx * 0.4, ry * 5.0),
            local(rx * 0.4, ry * 6.2),
        ]
        pen.line(beam, 0.025, ANTLER)
        for start, end in (
            (beam[1], local(rx * 0.6, ry * 3.8)),
            (beam[2], local(rx * 1.1, ry * 5.4)),
        ):
            pen.line([start, end], 0.02, ANTLER)
    elif plan.horns == "short":
        pen.line(
            [local(-rx * 0.3, ry * 0.8), local(-rx * 0.2, ry * 1.5), local(rx * 0.2, ry * 1.8)],
            0.035,
            HORN,
        )
    elif plan.horns == "ossicones":  # a giraffe's two knobbed stubs
        for dx in (-rx * 0.55, -rx * 0.15):
            pen.line([local(dx, ry * 0.6), local(dx - rx * 0.1, ry * 2.0)], 0.03, (120, 90, 60))
            pen.ellipse(*local(dx - rx * 0.1, ry * 2.0), 0.03, 0.03, (60, 44, 34))
    elif plan.horns == "curved":  # sweeping back over the neck
        pen.line(
            [local(-rx * 0.1, ry * 0.8), local(-rx * 0.5, ry * 2.0), local(-rx * 1.4, ry * 2.4)],
            0.03,
            (110, 96, 80),
        )


def _sitting(pen: Pen, pose: Pose, colour: RGB, plan: BodyPlan) -> None:
    """On its haunches, forelegs straight, head up: as a fox, a wolf or a bear sits. Drawn
    as a sitting dog is, scaled to the animal's hip height and girth."""
    dark, light = shade(colour, 0.66), shade(colour, 1.3)
    limbs = plan.limbs or colour
    front, _, hip, thick = plan.legs
    s = hip / 0.36  # the sitting dog's hip height
    girth = plan.body[3] / (0.15 * s)
    pen.limb((0.1 * s, 0.32 * s), 0.32 * s, 0.0, thick * 0.9, shade(limbs, 0.66))
    _tail(pen, plan, (-0.2 * s, 0.1 * s), colour, dark, pose)
    haunch = limbs if plan.coat == "panda" else colour  # a panda's hind legs are black
    pen.ellipse(-0.1 * s, 0.17 * s * girth, 0.2 * s * girth, 0.17 * s * girth, haunch)
    pen.polygon(
        [
            (-0.2 * s, 0.22 * s),
            (0.0, 0.52 * s),
            (0.2 * s, 0.52 * s),
            (0.16 * s * girth, 0.1 * s),
            (-0.05 * s, 0.05 * s),
        ],
        colour,
    )
    pen.ellipse(0.13 * s, 0.36 * s, 0.08 * s * girth, 0.12 * s, light)
    pen.limb((0.16 * s, 0.3 * s), 0.3 * s, 0.0, thick, limbs)
    _, _, length, neck_thick = plan.neck
    lean = 0.05 if pose.action == "howl" else 0.35  # howling: the neck up straight
    seated = replace(plan, neck=(0.12 * s, 0.46 * s, length, neck_thick), neck_lean=lean)
    _neck_and_head(pen, seated, colour, dark, 0.0, 0.0, pose)


def _lying(pen: Pen, pose: Pose, colour: RGB, plan: BodyPlan) -> None:
    """Lying down asleep: its standing build lowered to the ground, the hind leg folded by
    the flank, the forelegs tucked forward, the head laid low, eyes shut; its side rises
    and falls."""
    dark, limbs = shade(colour, 0.66), plan.limbs or colour
    cx, cy, rx, ry = plan.body
    front, back, _, thick = plan.legs
    lying_cy = ry * 1.02
    rise = 0.04 * ry * breath(pose)
    _tail(pen, plan, (cx - rx * 0.92, lying_cy + ry * 0.3), colour, dark, pose)
    _body(pen, plan, (cx, lying_cy + rise / 2, rx, ry + rise), colour)
    pen.ellipse(back + rx * 0.15, ry * 0.8, ry * 0.6, ry * 0.55, shade(limbs, 0.92))  # haunch
    pen.line([(front - rx * 0.1, ry * 0.3), (front + rx * 0.45, thick * 0.5)], thick, limbs)
    if plan.hooves:
        pen.ellipse(front + rx * 0.45, thick * 0.5, thick * 0.4, thick * 0.45, HOOF)
    base_x, base_y, length, neck_thick = plan.neck
    lowered = replace(plan, neck=(base_x, base_y - (cy - lying_cy), length, neck_thick))
    _neck_and_head(pen, lowered, colour, dark, 0.5, 0.0, pose)


def draw_rabbit(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A rabbit hunched on its hind legs; moving, it hops (a little arc every stride). Drawn
    a third larger than life, as small things are, to stay legible."""
    pen = _larger(pen, 1.35)
    dark, light = shade(colour, 0.7), shade(colour, 1.45)
    if pose.action == "sleep":  # flat on the ground, the ears laid back along it
        rise = 0.008 * breath(pose)
        pen.ellipse(-0.19, 0.1, 0.05, 0.045, CREAM)
        pen.ellipse(-0.03, 0.1 + rise / 2, 0.17, 0.1 + rise, colour)
        pen.ellipse(0.14, 0.1, 0.085, 0.075, colour)
        pen.line([(0.1, 0.16), (-0.06, 0.2), (-0.16, 0.19)], 0.06, colour)
        pen.ellipse(0.19, 0.07, 0.04, 0.03, light)
        pen.ellipse(0.225, 0.09, 0.014, 0.012, (200, 110, 120))
        shut_eye(pen, 0.165, 0.12, 0.016)
        return
    moving = pose.action in ("walk", "run", "chase", "jump", "eat")
    rate = {"walk": 1.0, "eat": 0.6}.get(pose.action, 1.6)  # a grazing rabbit hops now and then
    hop = max(0.0, math.sin(pose.phase * rate)) * 0.12 if moving else 0.0
    stretch = 0.06 * math.sin(pose.phase * rate) if moving else 0.0
    y = hop
    pen.ellipse(-0.18, y + 0.16, 0.05, 0.045, CREAM)  # tail
    pen.ellipse(-0.06 + 0.02 * stretch, y + 0.07, 0.12, 0.065, dark)  # hind foot
    pen.ellipse(-0.04, y + 0.16, 0.16 + stretch, 0.13, colour)  # haunch and back
    pen.ellipse(0.1, y + 0.06, 0.05, 0.06, colour)  # foreleg
    lowered = pose.reach if pose.action in ("eat", "sniff") else 0.0
    hx, hy = 0.14 + 0.03 * lowered, y + 0.28 - 0.1 * lowered
    twitch = 0.04 * math.sin(pose.phase * 0.5)
    pen.ellipse(hx - 0.05, hy + 0.14, 0.03, 0.12, dark)  # far ear
    pen.ellipse(hx - 0.02 + twitch * 0.3, hy + 0.15, 0.035, 0.13, colour)
    pen.ellipse(hx - 0.02 + twitch * 0.3, hy + 0.15, 0.015, 0.09, (236, 170, 180))
    pen.ellipse(hx, hy, 0.085, 0.075, colour)
    pen.ellipse(hx + 0.05, hy - 0.03, 0.04, 0.03, light)
    pen.ellipse(hx + 0.085, hy - 0.01, 0.014, 0.012, (200, 110, 120))
    pen.ellipse(hx + 0.025, hy + 0.02, 0.014, 0.016, EYE)


FROG_BELLY = (214, 226, 150)
FROG_TONGUE = (226, 110, 120)
THROAT = (236, 230, 190)


def draw_frog(pen: Pen, pose: Pose, colour: RGB) -> None:
    """A frog squatting on its folded hind legs, its eyes bulging on top of its head;
    moving (walking, jumping, swimming), it hops, its hind legs kicked out straight behind
    it in the air; eating, its tongue flicks out; croaking, its throat swells; asleep, it
    lies flat, its eyes shut. Drawn half again larger than life, to stay legible."""
    pen = _larger(pen, 1.5)
    dark = shade(colour, 0.7)
    moving = pose.action in ("walk", "run", "jump", "swim", "chase")
    up = max(0.0, math.sin(pose.phase * 1.4)) if moving else 0.0  # in the air this share
    y = 0.12 * up
    flat = 0.75 + 0.06 * breath(pose) if pose.action == "sleep" else 1.0  # breathing
    if up > 0.05:  # the hind legs kicked out straight behind, the feet spread
        pen.line([(-0.06, y + 0.05), (-0.17, y + 0.03), (-0.27, y + 0.02)], 0.035, dark)
        pen.ellipse(-0.28, y + 0.02, 0.035, 0.015, dark)
    else:  # folded under it: a big thigh, the shin back along the ground, the foot ahead
        pen.ellipse(-0.07, 0.045 * flat, 0.075, 0.045 * flat, dark)
        pen.line([(-0.12, 0.02), (-0.03, 0.012), (0.03, 0.01)], 0.028, dark)
    pen.ellipse(-0.01, y + 0.075 * flat, 0.12, 0.06 * flat, colour)  # the body
    pen.ellipse(0.01, y + 0.05 * flat, 0.09, 0.03 * flat, FROG_BELLY)
    head = (0.09, y + 0.095 * flat)
    pen.ellipse(head[0], head[1], 0.065, 0.045 * flat, colour)
    reach = 0.04 if up > 0.05 else 0.0  # forelegs reaching to land
    pen.line([(0.06, y + 0.05), (0.09 + reach, y + 0.0)], 0.022, colour)
    swell = call_opened(pose) if pose.action == "roar" else 0.0
    if swell:  # the throat sac blown up under the chin
        pen.ellipse(
            head[0] + 0.01, head[1] - 0.045, 0.04 + 0.03 * swell, 0.03 + 0.025 * swell, THROAT
        )
    pen.line([(head[0] - 0.02, head[1] - 0.012), (head[0] + 0.06, head[1] - 0.008)], 0.006, dark)
    flick = max(0.0, math.sin(pose.phase * 0.8)) if pose.action == "eat" else 0.0
    if flick > 0.6:  # the tongue shot out and back
        out = 0.2 * (flick - 0.6) / 0.4
        pen.line(
            [(head[0] + 0.05, head[1] - 0.01), (head[0] + 0.05 + out, head[1] - 0.02)],
            0.012,
            FROG_TONGUE,
        )
    for dx in (-0.005, 0.035):  # the eyes bulging on top, the far one a little behind
        ex, ey = head[0] + dx, head[1] + 0.045 * flat
        pen.ellipse(ex, ey, 0.026, 0.024, colour)
        if pose.action == "sleep":
            shut_eye(pen, ex + 0.005, ey + 0.004, 0.014)
        else:
            pen.ellipse(ex + 0.004, ey + 0.003, 0.017, 0.016, (250, 250, 244))
            pen.ellipse(ex + 0.008, ey + 0.003, 0.009, 0.011, EYE)
    if swell:
        call_carried(pen, (head[0] + 0.07, head[1]), pose.phase, 0.35, swell)
