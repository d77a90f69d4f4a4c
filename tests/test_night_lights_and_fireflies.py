"""Evening things: a house's windows are lit from inside after dark (a cabin or a cottage
is a house; it was a labelled box), fireflies glow about the air at night, and what is
named as many is said so ("fireworks explode", not "explods")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.painters.props import LAMPLIGHT
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _first_shot(text: str):
    board, warnings = preview_plan(Request.build(text), ["procedural"])
    return next(s for s in board.shots if s.kind == "generated"), warnings


def _lamplit(spec) -> int:
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, y0, x1, y1 = next(e for e in truth.entities if e.kind == "house").box
    near = np.abs(image[y0:y1, x0:x1].astype(int) - np.array(LAMPLIGHT)).sum(axis=2) < 40
    return int(near.sum())


def test_a_cabin_is_a_house_whose_windows_are_lit_at_night():
    shot, warnings = _first_shot("a cozy cabin in the woods on a snowy night")
    spec = shot.scene_spec
    assert [e.kind for e in spec.entities] == ["house"] and spec.place == "forest"
    assert _lamplit(spec) > 20
    assert _lamplit(parse("a house in the forest in the morning").spec) == 0


def test_words_that_describe_together_name_no_thing():
    parsed = parse("a spooky haunted house on halloween night")
    kinds = [e.kind for e in parsed.spec.entities]  # "spooky" was a labelled box
    assert kinds == ["house", "jack-o-lantern"]  # (halloween's, on its doorstep)
    assert parse("a deer drinking from a stream").spec.place == "lake"


def test_fireflies_glow_about_the_air_after_dark():
    shot, warnings = _first_shot("fireflies glowing in the forest")
    spec = shot.scene_spec
    assert spec.time_of_day == "night" and [e.kind for e in spec.entities] == ["fireflies"]
    assert shot.caption == "Fireflies glow in the forest." and not warnings
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=48, seed=2)
    frames = [renderer.frame(k)[0].astype(int) for k in (0, 47)]
    glowing = [int((f.min(axis=2) > 120).sum()) for f in frames]  # bright specks at night
    assert all(g > 5 for g in glowing) and (frames[0] != frames[1]).any()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("fireworks exploding over the city", "Fireworks explode over the city."),
        ("bubbles floating in the air", "Bubbles float in the air."),
        ("a bird gliding over the lake", "A bird glides over the lake."),
    ],
)
def test_what_is_named_as_many_is_said_so(text, said):
    assert _first_shot(text)[0].caption == said


def test_christmas_is_at_home():
    assert _first_shot("a family on christmas morning")[0].scene_spec.place == "living room"
