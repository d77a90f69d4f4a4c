"""A kid rides a kick scooter, pushing off now and then; a man pushes a lawnmower across
the grass; a lumberjack swings an axe down onto a log and splits it. Each of them walked
along or stood beside a labelled box ("A scooter stands nearby")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.boards import SCOOTER
from videoagent.synthworld.painters.tools import AXE_HEAD, MOWER, SHOVEL_BLADE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _drawn(spec, frame: int):
    """The frame's picture and the person's box in it."""
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=frame + 1, seed=2).frame(frame)
    return image, next(e for e in truth.entities if e.kind == "person").box


def _where(image, colour) -> np.ndarray:
    """(y, x) of the pixels within a little of `colour`."""
    return np.argwhere(np.abs(image.astype(int) - np.array(colour)).sum(axis=2) < 30)


@pytest.mark.parametrize(
    ("text", "action", "place"),
    [
        ("a kid riding a scooter down the sidewalk", "scoot", "street"),
        ("a man mowing the lawn on a sunny day", "mow", "park"),
        ("a lumberjack chopping wood in the forest", "chop", "forest"),
        # (walked past the house, shovelling said undrawable)
        ("a man shoveling snow in front of his house", "shovel", "park"),
    ],
)
def test_each_is_read_as_what_they_do(first_planned, text, action, place):
    spec, warnings = first_planned(text)
    assert (spec.entities[0].kind, spec.entities[0].action, spec.place) == ("person", action, place)
    assert not any("riding" in w or "for mowing" in w or "shovel" in w for w in warnings)
    assert parse(caption(spec)).spec == spec


def test_riding_a_board_is_drawn_as_riding_it(first_planned):
    _, warnings = first_planned("a kid riding a skateboard down the street")
    assert warnings == []  # "no drawing for riding", though they rode it
    # onions are chopped on a board, not with an axe (they stood, before there was a drawing)
    assert parse("a man chopping onions in the kitchen").spec.entities[0].action == "slice"
    assert parse("a red scooter parked by the cafe").placeholders == ["scooter"]  # no rider


def test_a_scooter_is_under_its_rider_who_pushes_off_and_glides(first_planned):
    spec, _ = first_planned("a kid riding a scooter down the sidewalk")
    image, (x0, y0, x1, y1) = _drawn(spec, 4)
    deck = _where(image, SCOOTER)
    assert len(deck) > 5 and deck[:, 0].min() > (y0 + y1) / 2  # below the waist
    frames = [_drawn(spec, k) for k in (2, 30)]
    legs = [image[(b[1] + b[3]) // 2 : b[3], b[0] : b[2]] for image, b in frames]
    shape = min(a.shape[0] for a in legs), min(a.shape[1] for a in legs)
    assert (legs[0][: shape[0], : shape[1]] != legs[1][: shape[0], : shape[1]]).any()


def test_a_mower_is_pushed_along_before_its_user(first_planned):
    spec, _ = first_planned("a man mowing the lawn on a sunny day")
    image, (x0, y0, x1, y1) = _drawn(spec, 1)
    mower = _where(image, MOWER)
    assert len(mower) > 10 and mower[:, 1].mean() > (x0 + x1) / 2  # ahead of them
    assert mower[:, 0].min() > (y0 + y1) / 2  # on the ground


def _heights_of(spec, colour, frames: range) -> list[float]:
    """How far down the person's height what is drawn in `colour` is, in each of `frames`
    that shows it (0 at the top of their head)."""
    heights = []
    for frame in frames:
        image, (x0, y0, x1, y1) = _drawn(spec, frame)
        found = _where(image, colour)
        if len(found):
            heights.append((found[:, 0].mean() - y0) / (y1 - y0))
    return heights


def test_the_axe_is_raised_overhead_then_brought_down(first_planned):
    spec, _ = first_planned("a lumberjack chopping wood in the forest")
    heights = _heights_of(spec, AXE_HEAD, range(0, 44, 2))  # a stroke and a bit, at 24 fps
    assert min(heights) < 0.1 and max(heights) > 0.5  # over their head, down at the log


def test_snow_is_scooped_up_off_the_ground_and_tossed_in_the_snow(first_planned):
    spec, _ = first_planned("a man shoveling snow in front of his house")
    assert spec.weather == "snow"  # where none is said: snow to shovel
    heights = _heights_of(spec, SHOVEL_BLADE, range(0, 72, 3))  # a stroke and a bit
    assert max(heights) > 0.85 and min(heights) < 0.5  # down at the ground, then lifted
