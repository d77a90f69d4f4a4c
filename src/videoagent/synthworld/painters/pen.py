"""Drawing in an entity's own coordinates: metres, x forward (mirrored by facing), y up."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import ImageDraw

RGB = tuple[int, int, int]


def shade(colour: RGB, factor: float) -> RGB:
    """Darker (factor < 1) or lighter (factor > 1, towards white) version of a colour."""
    if factor <= 1:
        return tuple(int(c * factor) for c in colour)  # type: ignore[return-value]
    mix = factor - 1
    return tuple(int(c + (255 - c) * mix) for c in colour)  # type: ignore[return-value]


class Pen:
    """Draws shapes given in entity-local metres onto a frame, graded by the scene's light."""

    def __init__(
        self,
        draw: ImageDraw.ImageDraw,
        *,
        origin: tuple[float, float],
        scale: float,
        facing: int,
        grade: Callable[[RGB], RGB],
    ) -> None:
        self.draw = draw
        self.ox, self.oy = origin
        self.scale = scale
        self.facing = facing
        self.grade = grade

    def glowing(self) -> Pen:
        """This pen drawing in colours that give their own light: a flame at night is not
        dimmed with the scene."""
        return Pen(
            self.draw,
            origin=(self.ox, self.oy),
            scale=self.scale,
            facing=self.facing,
            grade=lambda colour: colour,
        )

    def in_the_dark(self) -> bool:
        """Whether the scene's light is night's (it grades white to under half), when what
        has lamps inside shows them lit."""
        return sum(self.grade((255, 255, 255))) < 3 * 128

    def at(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + x * self.facing * self.scale, self.oy - y * self.scale)

    def px(self, metres: float) -> float:
        return max(metres * self.scale, 1.0)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: RGB) -> None:
        x, y = self.at(cx, cy)
        w, h = self.px(rx), self.px(ry)
        self.draw.ellipse((x - w, y - h, x + w, y + h), fill=self.grade(colour))

    def polygon(self, points: Sequence[tuple[float, float]], colour: RGB) -> None:
        # on whole pixels, rounded half up: Pillow cuts a corner off the canvas (at a
        # negative x) towards zero, so the same shape would land apart in two panoramas
        # that start at different places of the world
        corners = [self.at(x, y) for x, y in points]
        whole = [(math.floor(x + 0.5), math.floor(y + 0.5)) for x, y in corners]
        self.draw.polygon(whole, fill=self.grade(colour))

    def line(self, points: Sequence[tuple[float, float]], width: float, colour: RGB) -> None:
        pixels = [self.at(x, y) for x, y in points]
        self.draw.line(
            pixels, fill=self.grade(colour), width=max(int(self.px(width)), 1), joint="curve"
        )
        radius = self.px(width) / 2
        for x, y in (pixels[0], pixels[-1]):  # round caps
            self.draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius), fill=self.grade(colour)
            )

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: RGB) -> None:
        (ax, ay), (bx, by) = self.at(x0, y0), self.at(x1, y1)
        self.draw.rectangle(
            (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)), fill=self.grade(colour)
        )

    def limb(
        self,
        hip: tuple[float, float],
        length: float,
        angle: float,
        width: float,
        colour: RGB,
        *,
        knee: float = 0.0,
    ) -> tuple[float, float]:
        """A two-segment limb hanging from `hip`, swung by `angle` radians; returns its end."""
        hx, hy = hip
        mx = hx + math.sin(angle) * length / 2
        my = hy - math.cos(angle) * length / 2
        fx = mx + math.sin(angle + knee) * length / 2
        fy = my - math.cos(angle + knee) * length / 2
        self.line([(hx, hy), (mx, my), (fx, fy)], width, colour)
        return fx, fy

    def limb_to(
        self,
        hip: tuple[float, float],
        end: tuple[float, float],
        length: float,
        width: float,
        colour: RGB,
        *,
        forward: bool = False,
    ) -> tuple[float, float]:
        """A two-segment limb from `hip` to `end` (a hand put on something), bent at its
        middle below the line between them (an elbow down and back), or above it where
        `forward` (a knee up and ahead); where `end` is out of reach, it points that way,
        straight. Returns where it ends."""
        dx, dy = end[0] - hip[0], end[1] - hip[1]
        toward = math.atan2(dx, -dy)  # as `limb` swings: 0 hanging down
        bent = math.acos(min(math.hypot(dx, dy) / length, 1.0))
        if forward:
            bent = -bent
        return self.limb(hip, length, toward - bent, width, colour, knee=2 * bent)
