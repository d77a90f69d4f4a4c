"""What a person works with, drawn with them in their own metres (facing right): a
lawnmower pushed along before them, an axe swung down onto a log on its block, a snow
shovel scooping snow and tossing it back onto a heap, a knife chopping a carrot on a
board on the worktop before them, knitting needles with what they knit hanging from them
and its ball of yarn at their feet."""

from __future__ import annotations

import math

from videoagent.synthworld.painters.pen import Pen, shade

MOWER = (200, 50, 40)
MOWER_ENGINE = (60, 60, 66)
CLIPPINGS = (110, 170, 70)
TYRE = (35, 35, 38)
MOWER_GRIP = (0.46, 0.92)  # where both hands hold its handle
BLOCK = (120, 84, 52)  # the chopping block, a round of trunk
RINGS = (196, 160, 110)
AXE_HEAD = (150, 150, 158)
HAFT = (150, 110, 70)
HAFT_LENGTH = 0.6  # metres, from the hands to the head
BLOCK_X = 1.1  # how far before the one chopping their block stands, metres
LOG_TOP = 0.78  # the top of the log stood on it, where the axe bites
RAISE, STRIKE = 0.5, 0.12  # of a stroke: the axe lifted, then brought down
OVERHEAD, STRUCK = 3.3, 1.25  # the arms' swing, radians from hanging down
# The haft's angle from the arms': cocked back behind the head raised, further down than
# the arms as it bites.
AXE_TILT = {"raised": 0.7, "struck": -0.45}


def lawnmower(pen: Pen, phase: float) -> None:
    """A push mower before its user: its handle from their hands down to a red deck on
    four wheels (the near two seen), the engine on top, cut grass thrown out behind."""
    pen.line([MOWER_GRIP, (0.72, 0.34)], 0.035, shade(MOWER_ENGINE, 1.2))
    pen.polygon([(0.66, 0.1), (0.7, 0.32), (1.16, 0.32), (1.22, 0.1)], MOWER)
    pen.rect(0.82, 0.32, 1.02, 0.46, MOWER_ENGINE)
    pen.rect(0.88, 0.46, 0.96, 0.5, shade(MOWER_ENGINE, 0.7))  # its cap
    for x in (0.74, 1.12):
        pen.ellipse(x, 0.08, 0.08, 0.08, TYRE)
        pen.ellipse(x + 0.04 * math.cos(phase), 0.08 + 0.04 * math.sin(phase), 0.015, 0.015, MOWER)
    for k in range(5):  # cut grass flying out behind, each speck from the deck and down
        fly = (phase * 0.3 + k / 5) % 1.0
        x, y = 0.64 - 0.5 * fly, 0.16 + 0.18 * math.sin(fly * math.pi)
        pen.ellipse(x, y, 0.025, 0.015, CLIPPINGS)


def chop_stroke(phase: float) -> tuple[float, float]:
    """Where one chopping is in their stroke at `phase`: the arms' swing (radians from
    hanging down: raised overhead, then down onto the log), and how long ago the axe bit,
    0 to 1 of the rest after it (0 while the axe is up)."""
    u = (phase / (2 * math.pi)) % 1.0
    if u < RAISE:
        return STRUCK + (OVERHEAD - STRUCK) * math.sin(u / RAISE * math.pi / 2), 0.0
    if u < RAISE + STRIKE:  # down, fast
        return OVERHEAD - (OVERHEAD - STRUCK) * ((u - RAISE) / STRIKE) ** 2, 0.0
    return STRUCK, (u - RAISE - STRIKE) / (1 - RAISE - STRIKE)


def chop_lean(swing: float) -> float:
    """How far forward one chopping bends at the arms' `swing`: a little back with the axe
    overhead, into the stroke as it comes down."""
    up = (swing - STRUCK) / (OVERHEAD - STRUCK)
    return 0.25 - 0.3 * up


def axe(pen: Pen, hands: tuple[float, float], swing: float) -> None:
    """An axe in both `hands`, its haft along the arms' `swing` (tilted down from it) and
    its head at the end."""
    up = (swing - STRUCK) / (OVERHEAD - STRUCK)
    angle = swing + AXE_TILT["struck"] + (AXE_TILT["raised"] - AXE_TILT["struck"]) * up
    direction = (math.sin(angle), -math.cos(angle))
    head = (hands[0] + HAFT_LENGTH * direction[0], hands[1] + HAFT_LENGTH * direction[1])
    pen.line([hands, head], 0.035, HAFT)
    across = (-direction[1], direction[0])  # the blade, square to the haft
    blade = [
        (
            head[0] - 0.04 * direction[0] + 0.07 * across[0],
            head[1] - 0.04 * direction[1] + 0.07 * across[1],
        ),
        (
            head[0] + 0.06 * direction[0] + 0.13 * across[0],
            head[1] + 0.06 * direction[1] + 0.13 * across[1],
        ),
        (
            head[0] + 0.06 * direction[0] - 0.04 * across[0],
            head[1] + 0.06 * direction[1] - 0.04 * across[1],
        ),
    ]
    pen.polygon(blade, AXE_HEAD)


def chopping_block(pen: Pen, since: float) -> None:
    """The block before one chopping and the log stood on it: whole while the axe is up,
    split in two halves falling apart once it bites (`since`, 0 to 1), chips flying."""
    x = BLOCK_X
    pen.rect(x - 0.22, 0.0, x + 0.22, 0.42, BLOCK)
    pen.ellipse(x, 0.42, 0.22, 0.05, RINGS)
    if since <= 0:
        pen.rect(x - 0.11, 0.42, x + 0.11, LOG_TOP, shade(BLOCK, 1.15))
        pen.ellipse(x, LOG_TOP, 0.11, 0.03, RINGS)
        return
    fall = min(since * 3, 1.0)
    for side in (-1, 1):  # each half tipping away from the cut
        lean = side * fall * 1.2
        foot = (x + side * (0.02 + 0.2 * fall), 0.42 - 0.3 * fall * fall)
        top = (foot[0] + math.sin(lean) * 0.34, foot[1] + math.cos(lean) * 0.34)
        pen.line([foot, top], 0.1, shade(BLOCK, 1.15))
    for k in range(3):  # chips thrown up and out
        out = since * 1.5
        cx = x + (k - 1) * 0.35 * out
        cy = LOG_TOP + 0.3 * out - 1.2 * out * out
        if cy > 0:
            pen.ellipse(cx, cy, 0.025, 0.02, RINGS)


SHOVEL_BLADE = (70, 110, 160)  # a plastic snow shovel's scoop
SNOW = (246, 248, 252)
SHAFT = 0.95  # metres, from the hands to the scoop
SCOOP, LIFT = 0.4, 0.2  # of a stroke: bent to scoop it up, then straightening to toss it
LOW, HIGH, REST = 0.5, 1.7, 0.9  # the arms' swing, radians from hanging down
HEAP_X = -0.9  # where what is tossed lands: a heap behind them, metres


def shovel_stroke(phase: float) -> tuple[float, float, float]:
    """Where one shovelling snow is in their stroke at `phase`: the arms' swing (radians
    from hanging down), how far they bend, and how far what they tossed has flown (0 to 1;
    -1 while it is on the scoop, -2 while the scoop is empty)."""
    u = (phase / (2 * math.pi)) % 1.0
    if u < SCOOP:  # bending, the scoop pushed along the ground into the snow
        k = math.sin(u / SCOOP * math.pi / 2)
        return REST - (REST - LOW) * k, 0.45 * k, -1.0 if k > 0.8 else -2.0
    if u < SCOOP + LIFT:  # straightening, the scoop up and over
        k = (u - SCOOP) / LIFT
        return LOW + (HIGH - LOW) * k, 0.45 * (1 - k), -1.0
    k = (u - SCOOP - LIFT) / (1 - SCOOP - LIFT)  # back to rest as it flies off
    return HIGH - (HIGH - REST) * k, 0.0, k


def snow_shovel(pen: Pen, hands: tuple[float, float], swing: float, tossed: float) -> None:
    """A snow shovel in both `hands`, its shaft out along the arms' `swing` and a little
    lower, its scoop at the end, snow on it until it is tossed back over the shoulder onto
    a heap."""
    angle = swing - 0.35
    direction = (math.sin(angle), -math.cos(angle))
    end = (hands[0] + SHAFT * direction[0], hands[1] + SHAFT * direction[1])
    end = (end[0], max(end[1], 0.03))  # (no deeper than the ground)
    pen.line([hands, end], 0.03, HAFT)
    across = (-direction[1], direction[0])
    scoop = [
        (end[0] - 0.16 * across[0], end[1] - 0.16 * across[1]),
        (end[0] + 0.1 * direction[0], end[1] + 0.1 * direction[1]),
        (end[0] + 0.16 * across[0], end[1] + 0.16 * across[1]),
    ]
    pen.polygon(scoop, SHOVEL_BLADE)
    pen.ellipse(HEAP_X, 0.05, 0.35, 0.12, SNOW)  # the heap it goes on
    if tossed == -1.0:  # a load on the scoop
        pen.ellipse(end[0], end[1] + 0.06, 0.12, 0.07, SNOW)
    elif tossed >= 0:  # flying back over them onto the heap, breaking up
        for k in range(4):
            x = end[0] + (HEAP_X - end[0]) * tossed + 0.08 * (k - 1.5) * tossed
            y = end[1] + 0.5 * math.sin(tossed * math.pi) - (end[1] - 0.1) * tossed
            pen.ellipse(x, y + 0.03 * k, 0.05, 0.04, SNOW)


WORKTOP = (150, 120, 92)  # the counter chopped at, its doors below
BOARD = (214, 176, 120)
CARROT, CARROT_TOP = (236, 128, 40), (90, 160, 60)
BLADE, KNIFE_HANDLE = (196, 200, 206), (50, 40, 36)
WORKTOP_TOP = 0.92  # metres: a kitchen counter's height
WORKTOP_SPAN = (0.22, 0.78)  # from just before them to beyond the board
BOARD_TOP = WORKTOP_TOP + 0.03
CARROT_RADIUS = 0.028
CUT_AT = 0.44  # where the blade comes down, the carrot pushed up to it
CARROT_LENGTH, COIN = 0.26, 0.02  # a whole carrot, and what each cut takes off it
KNIFE_LIFT = 0.07  # how high the hand rises between cuts
KNIFE_DOWN = (0.34, BOARD_TOP + 0.045)  # the hand as the edge meets the board
HOLDING = (CUT_AT + 0.05, BOARD_TOP + 0.05)  # the other hand, on the carrot past the blade


def slice_stroke(phase: float) -> tuple[float, int]:
    """Where one chopping is at `phase`: how far the knife is lifted (0 down on the board,
    1 up), and how many cuts they have made (one each turn)."""
    return 0.5 + 0.5 * math.cos(phase), int(phase // (2 * math.pi))


def chopping_board(pen: Pen, cuts: int) -> None:
    """The worktop before one chopping, a board on it, and on the board a carrot pushed up
    to the blade, shorter by a coin at each of the `cuts` (a new one once it is used up),
    the coins cut heaped before it."""
    left, right = WORKTOP_SPAN
    pen.rect(left, 0.0, right, WORKTOP_TOP, WORKTOP)
    pen.rect(left + 0.04, 0.06, right - 0.04, WORKTOP_TOP - 0.08, shade(WORKTOP, 1.1))
    pen.rect(left - 0.02, WORKTOP_TOP - 0.03, right + 0.02, WORKTOP_TOP, shade(WORKTOP, 0.8))
    pen.rect(0.3, WORKTOP_TOP, 0.74, BOARD_TOP, BOARD)
    per_carrot = int(CARROT_LENGTH / COIN)
    cut = cuts % per_carrot
    rest = CARROT_LENGTH - COIN * cut
    y = BOARD_TOP + CARROT_RADIUS
    pen.line([(CUT_AT, y), (CUT_AT + rest, y)], 2 * CARROT_RADIUS, CARROT)
    pen.line([(CUT_AT + rest, y), (CUT_AT + rest + 0.06, y + 0.03)], 0.015, CARROT_TOP)
    for k in range(cut):  # fallen before the blade, in a little heap
        x = CUT_AT - 0.03 - 0.025 * (k % 4)
        pen.ellipse(x, BOARD_TOP + 0.01 + 0.012 * (k // 4), 0.012, 0.01, CARROT)


def kitchen_knife(pen: Pen, hand: tuple[float, float]) -> None:
    """A knife in `hand`, its handle back towards them, its blade out ahead along the
    board, its edge below the hand."""
    x, y = hand
    pen.line([(x - 0.07, y), (x + 0.01, y)], 0.03, KNIFE_HANDLE)
    pen.polygon([(x, y + 0.012), (x + 0.2, y - 0.005), (x + 0.2, y - 0.03), (x, y - 0.045)], BLADE)


YARN = (64, 168, 156)  # teal: seen against a red rug, a blue shirt
NEEDLE = (206, 206, 214)
NEEDLE_LENGTH = 0.24
# Where the hands of one knitting sitting are, from their shoulder (metres, facing right):
# before the chest, the near one a little lower, each rocking as a stitch is made.
KNITTING_HANDS = {"near": (0.3, -0.32), "far": (0.27, -0.27)}
KNIT_ROCK = 0.025
ROWS, ROW = 14, 0.015  # rows knitted before one piece is cast off, and each row's length
KNITTED_WIDTH = 0.2
YARN_BALL = (0.72, 0.08)  # by their feet, metres


def knitting_hands(shoulder: tuple[float, float], phase: float) -> dict[str, tuple[float, float]]:
    """Where the hands of one knitting are at `phase`: rocking to and fro against each
    other, a stitch each turn."""
    x, y = shoulder
    rock = KNIT_ROCK * math.sin(phase)
    return {
        side: (x + dx + (rock if side == "near" else -rock), y + dy)
        for side, (dx, dy) in KNITTING_HANDS.items()
    }


def knitting(pen: Pen, near: tuple[float, float], far: tuple[float, float], phase: float) -> None:
    """Two needles, one in each hand, their tips crossed above the hands; what is knitted
    hanging from them, a row longer each turn (a new piece after `ROWS`); the yarn from it
    down to its ball at the feet."""
    turns = int(phase // (2 * math.pi)) % ROWS
    length = 0.12 + ROW * turns
    middle = ((near[0] + far[0]) / 2, (near[1] + far[1]) / 2)
    half = KNITTED_WIDTH / 2
    pen.rect(middle[0] - half, middle[1] - length, middle[0] + half, middle[1], YARN)
    for row in range(1, int(length / ROW)):  # its rows, as ridges
        y = middle[1] - ROW * row
        pen.line([(middle[0] - half, y), (middle[0] + half, y)], 0.004, shade(YARN, 0.8))
    for hand, lean in ((far, -0.35), (near, 0.35)):  # tips up and in, crossing
        tip = (hand[0] + NEEDLE_LENGTH * math.sin(lean), hand[1] + NEEDLE_LENGTH * math.cos(lean))
        pen.line([(hand[0] - 0.03 * math.sin(lean), hand[1] - 0.03), tip], 0.012, NEEDLE)
    ball = YARN_BALL
    pen.line([(middle[0] + half, middle[1] - length), (ball[0], ball[1] + 0.06)], 0.006, YARN)
    pen.ellipse(ball[0], ball[1], 0.08, 0.075, YARN)
    pen.line(
        [(ball[0] - 0.05, ball[1] + 0.03), (ball[0] + 0.05, ball[1] - 0.02)],
        0.006,
        shade(YARN, 0.8),
    )


TOOTHBRUSH = (70, 160, 220)
FOAM = (250, 250, 252)
# One brushing their teeth, from the shoulder (metres, facing right): the toothbrush's head
# at the mouth, the hand holding it out before the chin, both scrubbing to and fro.
BRUSHED_AT, BRUSH_HAND, SCRUB = (0.11, 0.115), (0.27, 0.06), 0.025


def brushing(shoulder: tuple[float, float], phase: float) -> tuple[tuple[float, float], ...]:
    """Where the hand and the toothbrush's head of one brushing their teeth are at
    `phase`."""
    x, y = shoulder
    scrub = SCRUB * math.sin(phase)
    hand = (x + BRUSH_HAND[0] + scrub, y + BRUSH_HAND[1])
    return hand, (x + BRUSHED_AT[0] + scrub, y + BRUSHED_AT[1])


def toothbrush(pen: Pen, hand: tuple[float, float], head: tuple[float, float]) -> None:
    """A toothbrush from `hand` to its head at the mouth, foam at the lips."""
    pen.line([hand, head], 0.018, TOOTHBRUSH)
    pen.rect(head[0] - 0.02, head[1] - 0.005, head[0] + 0.015, head[1] + 0.018, FOAM)
    pen.ellipse(head[0] - 0.01, head[1] - 0.02, 0.022, 0.014, FOAM)


HAIRBRUSH, BRISTLES, RAZOR = (150, 90, 160), (60, 50, 56), (90, 150, 210)
# Brushing one's hair, from the shoulder: the brush's head drawn down the back of the head
# from its crown, and back up. Shaving: the razor drawn down the cheek, through the foam.
COMBED_FROM, COMBED_DOWN = (-0.06, 0.32), 0.16
SHAVED_AT, SHAVED_DOWN, LATHER = (0.11, 0.17), 0.07, (0.07, 0.1)


def combing(shoulder: tuple[float, float], phase: float) -> tuple[float, float]:
    """Where the hairbrush's head of one brushing their hair is at `phase`: down the back
    of the head, and back up to its crown."""
    down = COMBED_DOWN * (0.5 - 0.5 * math.cos(phase))
    return shoulder[0] + COMBED_FROM[0] - 0.3 * down, shoulder[1] + COMBED_FROM[1] - down


def hairbrush(pen: Pen, head: tuple[float, float]) -> None:
    """A hairbrush, its bristled head against the hair at `head`, its handle down to the
    hand before it."""
    x, y = head
    pen.line([(x + 0.03, y - 0.02), (x + 0.12, y - 0.09)], 0.025, HAIRBRUSH)
    pen.ellipse(x, y, 0.045, 0.028, HAIRBRUSH)
    pen.rect(x - 0.04, y - 0.028, x + 0.04, y - 0.012, BRISTLES)


def shaving(shoulder: tuple[float, float], phase: float) -> tuple[float, float]:
    """Where the razor's head of one shaving is at `phase`: drawn down the cheek in
    strokes, lifted back up between them."""
    down = SHAVED_DOWN * ((phase / (2 * math.pi)) % 1.0)
    return shoulder[0] + SHAVED_AT[0], shoulder[1] + SHAVED_AT[1] - down


def razor(pen: Pen, shoulder: tuple[float, float], head: tuple[float, float]) -> None:
    """Foam over the jaw of one shaving from `shoulder`, and a razor at `head`, its handle
    out before the face."""
    x, y = head
    pen.ellipse(shoulder[0] + LATHER[0], shoulder[1] + LATHER[1], 0.075, 0.05, FOAM)
    pen.line([(x + 0.01, y - 0.01), (x + 0.06, y - 0.08)], 0.025, RAZOR)
    pen.rect(x - 0.008, y - 0.03, x + 0.02, y + 0.02, CHROME)


BOW_STICK, BOW_HAIR = (110, 70, 40), (236, 230, 214)
# A violin bowed, from the shoulder: where the bow crosses its strings, the way its stick
# runs (down and ahead), how far it is drawn either way, and its length.
BOWED_AT, BOW_RUNS, BOW_DRAWN, BOW_LENGTH = (0.26, -0.05), (0.5, -0.87), 0.14, 0.62


def bowing(shoulder: tuple[float, float], phase: float) -> tuple[tuple[float, float], ...]:
    """Where the hand at the bow's frog is at `phase`, and the bow's far tip: drawn to and
    fro across the strings along its own length."""
    drawn = BOW_DRAWN * math.sin(phase)
    contact = (shoulder[0] + BOWED_AT[0], shoulder[1] + BOWED_AT[1])
    hand_along, tip_along = 0.24 + drawn, 0.24 + drawn - BOW_LENGTH
    hand = (contact[0] + BOW_RUNS[0] * hand_along, contact[1] + BOW_RUNS[1] * hand_along)
    tip = (contact[0] + BOW_RUNS[0] * tip_along, contact[1] + BOW_RUNS[1] * tip_along)
    return hand, tip


def bow(pen: Pen, hand: tuple[float, float], tip: tuple[float, float]) -> None:
    """A violin's bow from the hand at its frog to its tip, its hair along the stick."""
    pen.line([hand, tip], 0.012, BOW_STICK)
    pen.line([(hand[0] + 0.01, hand[1]), (tip[0] + 0.01, tip[1])], 0.006, BOW_HAIR)


HOOP = (236, 70, 150)
HOOPED_AT, HOOP_RADII = 1.0, (0.34, 0.07)  # a hula hoop's height at the waist, its radii


def hula_hoop(pen: Pen, phase: float, *, front: bool) -> None:
    """The half of a hula hoop going round the waist (`front`: the near half, drawn over
    the body; else the far half, behind it), swung round with the hips at `phase`."""
    cx, cy = 0.07 * math.cos(phase), HOOPED_AT + 0.03 * math.sin(2 * phase)
    rx, ry = HOOP_RADII
    start = math.pi if front else 0.0
    arc = [start + math.pi * k / 12 for k in range(13)]
    pen.line([(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in arc], 0.035, HOOP)


CHROME, WATER, SPONGE, PLATE = (190, 196, 204), (150, 200, 235), (240, 210, 60), (246, 246, 240)
SINK_AT = (0.36, 0.68)  # the basin let into the worktop, from just before them
TAP_X = 0.74  # the tap, at the basin's far end
PLATE_HELD = (0.5, WORKTOP_TOP + 0.12)  # the plate, held up over the suds, its middle
SCRUB_RADIUS = 0.035  # the sponge's round on the plate


def sink(pen: Pen, phase: float) -> None:
    """The worktop before one washing up, a basin let into it heaped with suds that
    bubble, the tap arched over its far end and running into it."""
    left, right = WORKTOP_SPAN
    pen.rect(left, 0.0, right, WORKTOP_TOP, WORKTOP)
    pen.rect(left + 0.04, 0.06, right - 0.04, WORKTOP_TOP - 0.08, shade(WORKTOP, 1.1))
    pen.rect(left - 0.02, WORKTOP_TOP - 0.03, right + 0.02, WORKTOP_TOP, shade(WORKTOP, 0.8))
    pen.rect(SINK_AT[0], WORKTOP_TOP - 0.03, SINK_AT[1], WORKTOP_TOP, shade(CHROME, 0.8))
    spout = (TAP_X - 0.12, WORKTOP_TOP + 0.24)
    pen.line([(TAP_X, WORKTOP_TOP), (TAP_X, WORKTOP_TOP + 0.3), spout], 0.025, CHROME)
    pen.line([spout, (spout[0], WORKTOP_TOP + 0.02)], 0.008, WATER)  # running
    for k in range(7):  # the suds, each bubble swelling and going as the next comes
        x = SINK_AT[0] + 0.03 + 0.045 * k
        swell = 0.5 + 0.5 * math.sin(phase * 0.7 + 1.9 * k)
        pen.ellipse(x, WORKTOP_TOP + 0.015 + 0.01 * (k % 2), 0.022 + 0.01 * swell, 0.02, PLATE)


def scrubbing(phase: float) -> tuple[float, float]:
    """Where the sponge of one washing a plate is at `phase`: round and round on it."""
    x, y = PLATE_HELD
    return x + SCRUB_RADIUS * math.cos(phase), y + SCRUB_RADIUS * math.sin(phase)


def plate(pen: Pen, held: tuple[float, float]) -> None:
    """A plate held up over the sink in the far hand, seen on edge a little turned."""
    x, y = held
    pen.ellipse(x + 0.05, y, 0.045, 0.1, shade(PLATE, 0.85))
    pen.ellipse(x + 0.05, y, 0.03, 0.075, PLATE)


def sponge(pen: Pen, hand: tuple[float, float]) -> None:
    """A sponge in the near hand, scrubbing."""
    pen.rect(hand[0] + 0.01, hand[1] - 0.03, hand[0] + 0.07, hand[1] + 0.03, SPONGE)


VACUUM, VACUUM_HEAD = (120, 60, 160), (50, 50, 56)  # an upright vacuum cleaner's body, head
VACUUM_REACH = 0.25  # how far to and fro its head is pushed, radians of the arm's swing


def vacuum_swing(phase: float) -> float:
    """The arm's swing (radians from hanging) of one vacuuming at `phase`: pushed out
    and drawn back along the floor."""
    return 0.75 + VACUUM_REACH * math.sin(phase)


def vacuum_cleaner(pen: Pen, hand: tuple[float, float]) -> None:
    """An upright vacuum cleaner before its user: its handle from `hand` down to its head
    on the floor, its body with its bag on the handle."""
    head = (hand[0] + 0.42, 0.05)
    pen.line([hand, head], 0.03, shade(VACUUM_HEAD, 1.4))
    mid = ((hand[0] + head[0]) / 2 + 0.03, (hand[1] + head[1]) / 2)
    pen.ellipse(mid[0], mid[1], 0.08, 0.2, VACUUM)
    pen.rect(head[0] - 0.08, 0.0, head[0] + 0.14, 0.07, VACUUM_HEAD)
