"""Building and digging: a sandcastle or a snowman rises over the shot as whoever builds it
pats it into shape (a sandcastle from a kneel); a dog digs, front paws scrabbling, earth
flying back. (They stood beside a labelled box, or the snowman was there whole.)"""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.creatures import EARTH
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "built"),
    [
        ("a boy builds a sandcastle at the beach", "sandcastle"),
        ("kids building a snowman", "snowman"),
        ("a girl making a snowman in the garden", "snowman"),
    ],
)
def test_what_is_built_is_the_builders_and_reads_back(text, built):
    parsed = parse(text)
    spec = parsed.spec
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "build"), (built, "stand")]
    assert spec.entities[0].target == 1 and parsed.unsupported_words == []
    assert parse(caption(spec)).spec == spec


def test_building_what_the_world_cannot_draw_is_standing_by_its_box():
    spec = parse("a man building a shed").spec
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "stand"),
        ("placeholder", "stand"),
    ]
    assert parse("a boy makes a sandwich").spec.entities[0].action == "stand"


@pytest.mark.parametrize("built", ["sandcastle", "snowman"])
def test_what_is_built_rises_over_the_shot_beside_its_builder(built):
    spec = parse(f"a woman building a {built} at noon").spec
    choreography = Choreography(spec, 8.0)
    builder, thing = choreography.pose(0, 4.0), choreography.pose(1, 4.0)
    assert 0.4 < thing.x - builder.x < 1.0 and builder.facing == 1  # at arm's length
    assert builder.grounded == (built == "sandcastle")  # kneeling to the sand
    assert choreography.pose(1, 0.0).reach > 0.6 > choreography.pose(1, 8.0).reach == 0.0
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=192, seed=2)
    first, last = renderer.frame(0)[0], renderer.frame(191)[0]
    x0, y0, x1, y1 = renderer.frame(191)[1].entities[1].box
    grown = np.abs(last[y0:y1, x0:x1].astype(int) - first[y0:y1, x0:x1]).sum(axis=2) > 30
    assert np.flatnonzero(grown.any(axis=1))[0] < 0.35 * (y1 - y0)  # up to its top


def test_a_dog_digging_throws_earth_back_and_is_framed_close():
    board, warnings = preview_plan(Request.build("a dog digging in the garden"), ["procedural"])
    shot = next(s for s in board.shots if s.kind == "generated")
    assert [(e.kind, e.action) for e in shot.scene_spec.entities] == [("dog", "dig")]
    assert shot.scene_spec.shot_size == "medium" and not warnings
    image, truth = Renderer(shot.scene_spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    for spec, thrown in ((shot.scene_spec, True), (parse("a dog walking in the park").spec, False)):
        image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
        x0, y0, x1, y1 = truth.entities[0].box
        earth = np.abs(image.astype(int) - np.array(EARTH)).sum(axis=2) < 40
        behind = earth[y0 : y1 + 3, max(x0 - (x1 - x0), 0) : x0]  # heaped and flying back
        assert (behind.sum() > 10) == thrown


def test_two_said_to_build_it_together_both_build_it_across_it(first_planned):
    # "a boy and his dad building a sandcastle": the dad stood by, off to one side
    spec, warnings = first_planned("a boy and his dad building a sandcastle at the beach")
    assert not warnings
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "build", 2),
        ("person", "build", 2),
        ("sandcastle", "stand", None),
    ]
    choreography = Choreography(spec, 6.0)
    boy, dad, castle = (choreography.pose(i, 3.0) for i in range(3))
    assert boy.x < castle.x < dad.x and boy.facing == -dad.facing == +1  # face to face at it
    assert dad.x - castle.x > castle.x - boy.x  # a grown-up reaches it from further off
    assert parse(caption(spec)).spec.entities == spec.entities


def test_one_building_with_another_has_them_at_it_too():
    # "… a snowman with his dad" left the dad standing by; practising yoga was said undrawable
    built = parse("a boy building a snowman with his dad").spec.entities
    assert [(e.action, e.target) for e in built] == [("build", 1), ("stand", None), ("build", 1)]
    fort = parse("a boy building a fort with his dad").spec.entities  # nothing to build
    assert [e.action for e in fort if e.kind == "person"] == ["stand", "stand"]
    assert parse("a woman practicing yoga").unsupported_words == []
