"""Light and weather: the sky, the colour grade of each time of day, rain and snow."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

RGB = tuple[int, int, int]

# Sky colour at the top and at the horizon.
SKY = {
    "morning": ((120, 170, 225), (250, 214, 180)),
    "noon": ((60, 125, 215), (175, 210, 240)),
    "sunset": ((70, 60, 130), (250, 140, 70)),
    "night": ((8, 12, 35), (30, 42, 85)),
}
# Multipliers applied to every lit colour.
LIGHT = {
    "morning": (1.04, 0.98, 0.9),
    "noon": (1.0, 1.0, 1.0),
    "sunset": (1.06, 0.8, 0.66),
    "night": (0.34, 0.38, 0.58),
}
WEATHER_LIGHT = {"clear": (1.0, 1.0, 1.0), "rain": (0.78, 0.8, 0.86), "snow": (0.95, 0.98, 1.04)}


def light(time_of_day: str, weather: str) -> tuple[float, float, float]:
    """What each colour channel of a lit thing is multiplied by at this time and weather."""
    return tuple(a * b for a, b in zip(LIGHT[time_of_day], WEATHER_LIGHT[weather], strict=True))


def grader(time_of_day: str, weather: str) -> Callable[[RGB], RGB]:
    """A function that lights a base colour for this time and weather (one seen through,
    given with its alpha, keeps it)."""
    multipliers = light(time_of_day, weather)
    cache: dict[RGB, RGB] = {}

    def grade(colour: RGB) -> RGB:
        graded = cache.get(colour)
        if graded is None:
            lit = tuple(min(255, int(c * k)) for c, k in zip(colour, multipliers, strict=False))
            graded = lit + tuple(colour[3:])
            cache[colour] = graded  # type: ignore[assignment]
        return graded  # type: ignore[return-value]

    return grade


def sky(
    size: tuple[int, int], time_of_day: str, weather: str, horizon: float, seed: int
) -> Image.Image:
    """The screen-fixed sky: gradient, sun or moon and stars, clouds when it rains."""
    width, height = size
    top, bottom = (np.array(c, dtype=np.float32) for c in SKY[time_of_day])
    if weather in ("rain", "snow"):
        grey = np.array((150, 155, 165) if time_of_day != "night" else (30, 32, 40), np.float32)
        top, bottom = 0.35 * top + 0.65 * grey, 0.35 * bottom + 0.65 * grey * 1.1
    rows = np.clip(np.linspace(0.0, 1.0, height) / max(horizon, 0.05), 0, 1)[:, None]
    gradient = (top * (1 - rows) + bottom * rows).astype(np.uint8)
    image = Image.fromarray(np.repeat(gradient[:, None, :], width, axis=1), "RGB")
    draw = ImageDraw.Draw(image)
    unit = min(width, height)
    if weather == "clear":
        if time_of_day == "night":
            rng = np.random.default_rng(seed)
            for _ in range(70):
                x, y = rng.uniform(0, width), rng.uniform(0, horizon * height * 0.9)
                r = rng.uniform(0.6, 1.6)
                draw.ellipse((x - r, y - r, x + r, y + r), fill=(235, 235, 250))
            cx, cy, r = width * 0.8, height * 0.16, unit * 0.06
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(240, 240, 225))
        else:
            cx, cy, r, colour = {
                "morning": (0.18, 0.3, 0.06, (255, 240, 200)),
                "noon": (0.55, 0.1, 0.055, (255, 252, 230)),
                "sunset": (0.78, 0.5, 0.1, (255, 170, 80)),
            }[time_of_day]
            cx, cy, r = cx * width, cy * height * horizon / 0.6, r * unit
            draw.ellipse(
                (cx - r * 1.6, cy - r * 1.6, cx + r * 1.6, cy + r * 1.6),
                fill=tuple(
                    int(c * 0.5 + b * 0.5) for c, b in zip(colour, SKY[time_of_day][1], strict=True)
                ),
            )
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    else:
        rng = np.random.default_rng(seed)
        cloud = (120, 124, 134) if time_of_day != "night" else (24, 26, 34)
        for _ in range(9):
            x, y = rng.uniform(-0.1, 1.1) * width, rng.uniform(0.02, 0.3) * height
            rx, ry = rng.uniform(0.1, 0.22) * width, rng.uniform(0.04, 0.08) * height
            draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=cloud)
    return image


def precipitation(image: Image.Image, weather: str, t: float, seed: int) -> None:
    """Draw falling rain or snow for time `t`, in place."""
    if weather == "clear":
        return
    width, height = image.size
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(seed)
    # As many drops and flakes per area at every frame size (tuned at 640x360).
    density = width * height / (640 * 360)
    if weather == "rain":
        count, speed = max(round(140 * density), 12), 1.6
        xs, ys = rng.uniform(0, 1, count), rng.uniform(0, 1, count)
        length = height * 0.05
        for x, y in zip(xs, ys, strict=True):
            py = ((y + t * speed) % 1.0) * (height + length) - length
            px = (x * width + py * 0.18) % width
            draw.line((px, py, px - length * 0.18, py - length), fill=(190, 200, 220), width=1)
    else:
        count, speed = max(round(110 * density), 10), 0.18
        xs, ys = rng.uniform(0, 1, count), rng.uniform(0, 1, count)
        scale = height / 360
        sizes = rng.uniform(1.0, 2.6, count) * max(scale, 0.4)
        for x, y, r in zip(xs, ys, sizes, strict=True):
            py = ((y + t * speed * (0.6 + r / max(scale, 0.4) / 3)) % 1.0) * height
            px = (x * width + math.sin(t * 1.5 + y * 20) * 8 * width / 640) % width
            draw.ellipse((px - r, py - r, px + r, py + r), fill=(248, 248, 252))
