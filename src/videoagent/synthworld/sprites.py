"""One entity painted alone on a transparent canvas: what the entity model learns to draw.

Each kind has a canvas, a rectangle in the entity's own metres (x forward, y up, its ground
anchor at 0, 0) that holds it in every pose; an entity is painted into it facing right, four
times larger than kept, and scaled down with its alpha premultiplied, so edges come out
smooth. Colours are the base colours, unlit: light is a per-channel multiplier applied
afterwards (`atmosphere.light`).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from PIL import Image, ImageDraw

from videoagent.synthworld.choreography import SIZE, Pose
from videoagent.synthworld.painters.pen import Pen
from videoagent.synthworld.render import PAINTERS
from videoagent.synthworld.vocabulary import ACTIONS, COLOURS, LEARNT_KINDS, learnt_doing

SPRITE_SIZE = 64
SUPERSAMPLE = 4
# Actions whose drawing depends on how far the head or arm is lowered.
REACHING = ("sniff", "eat", "give")


def actions_of(kind: str) -> tuple[str, ...]:
    """The actions a `kind` can be drawn doing."""
    return tuple(a for a, kinds in ACTIONS.items() if kind in kinds and learnt_doing(kind, a))


def _unlit(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    return colour


def _paint(kind: str, colour, pose: Pose, extent, size: tuple[int, int]) -> Image.Image:
    x0, y0, x1, y1 = extent
    width, height = size
    scale = width / (x1 - x0)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = Pen(
        ImageDraw.Draw(image, "RGBA"),
        origin=(-x0 * scale, y1 * scale),
        scale=scale,
        facing=1,
        grade=_unlit,
    )
    PAINTERS[kind](pen, pose, colour)
    return image


@cache
def extent(kind: str) -> tuple[float, float, float, float]:
    """The canvas of `kind` in local metres (x0, y0, x1, y1): where any of its poses paints,
    found by painting a spread of them on a generous canvas, with a small margin."""
    width, height = SIZE[kind]
    probe = (-1.5 * width - 0.3, -0.3, 1.5 * width + 0.3, 1.6 * height + 0.3)
    probe_width = int((probe[2] - probe[0]) * 80)  # 80 px a metre
    size = (probe_width, int(probe_width * (probe[3] - probe[1]) / (probe[2] - probe[0])))
    alpha = np.zeros(size[::-1], dtype=bool)
    rng = np.random.default_rng(0)
    for action in actions_of(kind):
        for _ in range(24):
            pose = Pose(0.0, 0.0, 1, action, float(rng.uniform(0, 60)), float(rng.uniform(0, 1)))
            picture = _paint(kind, COLOURS["brown"], pose, probe, size)
            alpha |= np.asarray(picture)[..., 3] > 0
    rows, cols = np.nonzero(alpha)
    scale = size[0] / (probe[2] - probe[0])
    margin = 0.04 * max(width, height)
    return (
        float(round(probe[0] + cols.min() / scale - margin, 3)),
        float(round(probe[3] - (rows.max() + 1) / scale - margin, 3)),
        float(round(probe[0] + (cols.max() + 1) / scale + margin, 3)),
        float(round(probe[3] - rows.min() / scale + margin, 3)),
    )


def paint_alone(
    kind: str, colour: tuple[int, int, int], pose: Pose, size: int = SPRITE_SIZE
) -> np.ndarray:
    """uint8 [size, size, 4]: `kind` in `pose` facing right, premultiplied RGB and alpha,
    its canvas (`extent`) stretched to a square."""
    box = extent(kind)
    aspect = (box[3] - box[1]) / (box[2] - box[0])
    big_width = size * SUPERSAMPLE
    picture = _paint(kind, colour, pose, box, (big_width, max(int(big_width * aspect), 1)))
    premultiplied = picture.convert("RGBa").resize((size, size), Image.Resampling.BOX)
    return np.asarray(premultiplied)


def random_pose(kind: str, rng: np.random.Generator) -> Pose:
    """Any pose `kind` can be drawn in: an action it can do, a gait phase and, for actions
    that lower a head or an arm, how far (often fully down or up, as the choreography holds
    them)."""
    action = str(rng.choice(actions_of(kind)))
    phase = float(rng.uniform(0.0, 40 * math.pi))
    reach = 0.0
    if action in REACHING:
        draw = rng.uniform()
        reach = 1.0 if draw < 0.3 else 0.0 if draw < 0.5 else float(rng.uniform())
    return Pose(0.0, 0.0, 1, action, phase, reach)


KIND_WEIGHTS = {
    "dog": 4.0,
    "person": 3.0,
    "cat": 2.0,
    "bird": 1.5,
    "cup": 1.5,
    "car": 1.0,
    "ball": 1.0,
}


def sample_kind(rng: np.random.Generator) -> str:
    """A kind, creatures (many poses) more often than scenery (one)."""
    weights = np.array([KIND_WEIGHTS.get(kind, 0.5) for kind in LEARNT_KINDS])
    return str(rng.choice(LEARNT_KINDS, p=weights / weights.sum()))
