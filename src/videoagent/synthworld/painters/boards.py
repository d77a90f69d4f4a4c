"""What a person rides standing, drawn under their feet: a skateboard, a kick scooter, a
surfboard on the wave it rides, skis with their poles. In the rider's own metres, facing
right."""

from __future__ import annotations

import math

from videoagent.synthworld.painters.pen import Pen, shade

BOARD = (60, 52, 48)  # a skateboard's deck
WHEEL = (236, 226, 190)
SURFBOARD = (246, 236, 200)
SURFBOARD_STRIPE = (220, 70, 50)
WAVE = (48, 128, 186)  # a little lighter than the sea it rises from (`places.SEA`)
FOAM = (246, 250, 252)
SKI = (200, 40, 40)
POLE = (70, 70, 78)
POWDER = (250, 252, 255)  # snow thrown up by the skis, bluish white against the snow's


def skateboard(pen: Pen, phase: float) -> None:
    """A skateboard side on under its rider's feet: a deck kicked up at both ends on two
    trucks, the wheels turning (a spot on each goes round)."""
    pen.line([(-0.48, 0.17), (-0.4, 0.12), (0.4, 0.12), (0.48, 0.17)], 0.035, BOARD)
    for x in (-0.28, 0.28):
        pen.rect(x - 0.03, 0.07, x + 0.03, 0.11, POLE)  # the truck
        pen.ellipse(x, 0.045, 0.045, 0.045, WHEEL)
        pen.ellipse(x + 0.025 * math.cos(phase), 0.045 + 0.025 * math.sin(phase), 0.01, 0.01, BOARD)


SCOOTER = (60, 150, 200)
GRIP = (40, 40, 44)
HANDLEBAR = (0.34, 1.05)  # where a grown-up rider's hands hold it


def scooter(pen: Pen, phase: float) -> None:
    """A kick scooter side on: a low deck on two small wheels turning, the stem rising from
    the front wheel to the handlebar."""
    pen.line([(-0.3, 0.12), (0.3, 0.12)], 0.045, SCOOTER)
    pen.line([(-0.3, 0.12), (-0.36, 0.12)], 0.03, GRIP)  # the brake over the back wheel
    pen.line([(0.3, 0.12), (0.38, 0.06)], 0.04, SCOOTER)  # the neck down to the front wheel
    pen.line([(0.38, 0.06), HANDLEBAR], 0.04, shade(SCOOTER, 0.85))  # the stem
    pen.ellipse(*HANDLEBAR, 0.045, 0.03, GRIP)  # the handlebar seen end on
    for x in (-0.27, 0.38):
        pen.ellipse(x, 0.055, 0.055, 0.055, GRIP)
        spot = (x + 0.03 * math.cos(phase * 5), 0.055 + 0.03 * math.sin(phase * 5))
        pen.ellipse(*spot, 0.01, 0.01, WHEEL)


def wave_behind(pen: Pen, phase: float) -> None:
    """The wave a surfer rides: its face rising behind them to a lip of foam that curls
    over, white water tumbling at its foot, spray thrown up off the board's tail. Drawn
    before the surfer, who is on its front slope."""
    churn = 0.06 * math.sin(phase * 1.7)
    face = [(-4.0, -0.05), (-3.2, 0.5), (-2.3, 1.3), (-1.5, 1.75), (-0.9, 1.7), (-0.55, 1.3)]
    face += [(-0.3, 0.7), (0.3, 0.15), (2.0, -0.05)]
    pen.polygon(face, WAVE)
    shadow = [(-4.0, -0.05), (-3.2, 0.5), (-2.6, 1.0), (-2.2, 0.5), (-1.4, -0.05)]
    pen.polygon(shadow, shade(WAVE, 0.8))  # the wave's broken back, in its own shade
    lip = [(-2.6, 1.25), (-1.9, 1.65 + churn), (-1.3, 1.85), (-0.75, 1.72), (-0.5, 1.45)]
    pen.line([*lip, (-0.62, 1.2)], 0.16, FOAM)  # curling over at the top
    for k in range(4):  # its spray falling from the lip in front of the face
        drop = (phase * 0.7 + k / 4) % 1.0
        pen.ellipse(-0.6 + 0.1 * k, 1.35 - 0.9 * drop, 0.05, 0.05, FOAM)
    for k in range(7):  # white water at the foot of the wave, behind the board
        x = -3.6 + 0.45 * k + 0.1 * math.sin(phase + k)
        pen.ellipse(x, 0.05 + 0.05 * abs(math.sin(phase * 0.8 + k)), 0.3, 0.11, FOAM)


def surfboard(pen: Pen, phase: float) -> None:
    """A surfboard side on, its nose turned up, a stripe down it, the water under it; spray
    flies off its tail."""
    pen.polygon([(-0.95, 0.05), (0.75, 0.04), (1.02, 0.14), (0.82, 0.12), (-0.95, 0.11)], SURFBOARD)
    pen.line([(-0.9, 0.08), (0.8, 0.08)], 0.015, SURFBOARD_STRIPE)
    for k in range(4):  # spray off the tail, flying back
        age = (phase * 0.5 + k / 4) % 1.0
        pen.ellipse(-1.0 - 0.5 * age, 0.1 + 0.35 * math.sin(age * math.pi), 0.05, 0.04, FOAM)


def skis(pen: Pen, phase: float) -> None:
    """Two skis side on under the skier's boots, their tips turned up, powder thrown up off
    their tails."""
    for dy, colour in ((0.015, shade(SKI, 0.75)), (0.0, SKI)):
        pen.line([(-0.8, 0.03 + dy), (0.8, 0.03 + dy), (0.95, 0.11 + dy)], 0.03, colour)
    for k in range(3):
        age = (phase * 0.4 + k / 3) % 1.0
        pen.ellipse(-0.85 - 0.4 * age, 0.05 + 0.2 * math.sin(age * math.pi), 0.07, 0.05, POWDER)


def ski_pole(pen: Pen, hand: tuple[float, float], push: float, dark: bool) -> None:
    """A pole from the skier's `hand` down to the snow behind them, planted further back
    as they push (`push`, 0..1)."""
    tip = (hand[0] - 0.35 - 0.35 * push, 0.0)
    colour = shade(POLE, 0.7) if dark else POLE
    pen.line([hand, tip], 0.02, colour)
    pen.ellipse(tip[0] + 0.03, tip[1] + 0.08, 0.04, 0.012, colour)  # the basket
