"""Sledding is drawn: one sitting on a sled, legs out along it, holding its rope, sliding
over the snow, snow thrown up behind ("a kid sledding down a snowy hill" walked in the
snow, its sledding said undrawable)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SADDLE, SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_ACTIONS, LEARNT_KINDS


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt", ["a kid sledding", "a boy riding his sled", "a girl tobogganing", "a man on a sled"]
)
def test_one_sledding_sits_on_a_sled_it_brings(prompt):
    assert _doings(parse(prompt).spec) == [("person", "sled", 1), ("sled", "roll", None)]


def test_the_sled_slides_along_on_the_snow_its_rider_on_it(first_planned):
    spec, warnings = first_planned("a kid sledding down a snowy hill")
    assert spec.weather == "snow"
    assert all("no drawing for hill (drawn as its park)" in w for w in warnings)  # only it
    asked = [a.said() for a in read_asks(Request.build("a kid sledding"))]
    assert "the person rides the sled" in asked
    choreography = Choreography(spec, 4.0)
    kid, sled = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert kid.y == pytest.approx(SADDLE["sled"]) and abs(kid.x - sled.x) < 0.3
    assert choreography.pose(1, 3.5).x > sled.x + 5.0  # sliding on at a pace
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    x0, y0, x1, y1 = truth.entities[1].box
    red = np.abs(image[y0 : y1 + 1, x0 : x1 + 1].astype(int) - COLOURS["red"]).sum(axis=2) < 80
    assert red.sum() > 20  # a red sled, not a labelled box


def test_the_caption_of_sledding_reads_back():
    spec = parse("a boy riding his sled").spec
    assert "rides a red sled" in caption(spec)
    assert _doings(parse(caption(spec)).spec) == _doings(spec)


def test_sledding_is_nothing_the_models_learnt():
    assert "sled" not in LEARNT_ACTIONS and "sled" not in LEARNT_KINDS


def test_two_sledding_together_both_sit_on_the_one_sled(first_planned):
    spec, _ = first_planned("kids sledding in the park")
    kinds = [e.kind for e in spec.entities]
    choreography = Choreography(spec, 4.0)
    sled = choreography.pose(kinds.index("sled"), 1.0)
    riders = [choreography.pose(i, 1.0) for i, k in enumerate(kinds) if k == "person"]
    assert len(riders) == 2
    for rider in riders:  # one behind the other, both on it, none off its back
        assert abs(rider.x - sled.x) < SIZE["sled"][0] / 2


def test_a_girl_and_her_dad_share_the_sled_and_a_dog_only_runs_beside(first_planned):
    spec, warnings = first_planned("a girl and her dad tobogganing")
    sled = next(i for i, e in enumerate(spec.entities) if e.kind == "sled")
    people = [e for e in spec.entities if e.kind == "person"]
    assert [(e.action, e.target) for e in people] == [("sled", sled)] * 2
    spec, warnings = first_planned("a boy and his dog sledding")
    assert not warnings  # no dog said to sled and left out
    assert [e.action for e in spec.entities if e.kind == "person"] == ["sled"]
