"""Camping brings its tent, in the woods where no place is said, and those camping sit by
it (by their campfire, where there is one); after dark the tent glows from a lantern inside.
"camping" was said to be undrawable and the family stood about."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.scenery import TENT_GLOW
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


def test_those_camping_sit_by_their_tent(first_planned):
    spec, warnings = first_planned("a family camping by a lake with a campfire at night")
    kinds = [(e.kind, e.action) for e in spec.entities]
    assert ("tent", "stand") in kinds and ("campfire", "stand") in kinds
    assert [a for k, a in kinds if k == "person"] == ["sit"] * 3
    assert spec.place == "lake" and warnings == [] and parse(caption(spec)).spec == spec
    assert first_planned("two friends camping")[0].place == "forest"
    said_so = parse("the man camps by a lake").spec.entities  # "camps", not "camping"
    assert [(e.kind, e.action) for e in said_so] == [("person", "sit"), ("tent", "stand")]


def test_a_tent_glows_after_dark_and_not_by_day(first_planned):
    spec, _ = first_planned("two friends camping in the forest at night")
    lit = []
    for time in ("night", "noon"):
        at = replace(spec, time_of_day=time)
        image, truth = Renderer(at, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
        x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "tent")
        glow = np.abs(image[y0:y1, x0:x1].astype(int) - np.array(TENT_GLOW)).sum(axis=2) < 40
        lit.append(int(glow.sum()))
    assert lit[0] > 20 and lit[1] == 0


def test_those_sitting_by_a_campfire_sit_round_it_facing_it(first_planned):
    """ "A couple sitting by the campfire" sat face to face, the fire off to one side."""
    spec, _ = first_planned("a couple sitting by the campfire")
    choreography = Choreography(spec, 4.0)
    fire = next(i for i, e in enumerate(spec.entities) if e.kind == "campfire")
    one, other = (
        choreography.pose(i, 1.0) for i, e in enumerate(spec.entities) if e.kind == "person"
    )
    flame = choreography.pose(fire, 1.0)
    assert one.x < flame.x < other.x and (one.facing, other.facing) == (+1, -1)


def test_marshmallows_are_roasted_on_sticks_over_the_fire(first_planned):
    """ "Roasting marshmallows" was said to be undrawable; with no fire named one is lit."""
    spec, warnings = first_planned("a couple roasting marshmallows by the campfire")
    assert not warnings and spec.time_of_day == "night"
    assert [e.action for e in spec.entities if e.kind == "person"] == ["roast", "roast"]
    alone = parse("roasting marshmallows").spec
    assert [(e.kind, e.action) for e in alone.entities] == [
        ("person", "roast"),
        ("campfire", "stand"),
    ]
    sitting = replace(
        spec,
        entities=tuple(
            replace(e, action="sit") if e.kind == "person" else e for e in spec.entities
        ),
    )
    roasting, truth = Renderer(spec, size=(640, 360), fps=24, frames=2, seed=1).frame(1)
    sat, _ = Renderer(sitting, size=(640, 360), fps=24, frames=2, seed=1).frame(1)
    x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "campfire")
    over = np.abs(roasting[y0:y1, x0:x1].astype(int) - sat[y0:y1, x0:x1].astype(int)).sum(axis=2)
    assert (over > 60).sum() > 20  # sticks held out over it, marshmallows on their ends
    said = caption(spec)
    assert "roasts a marshmallow" in said and parse(said).spec == spec
    assert "roast" not in LEARNT_ACTIONS
