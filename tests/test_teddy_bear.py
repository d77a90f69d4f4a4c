"""A teddy bear is drawn, a toy sitting up, and one hugging it holds it to their chest,
sitting up on the bed or the sofa where there is one ("a girl hugging her teddy bear in bed"
walked about the room beside a box labelled "teddy bear")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_KINDS


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt",
    ["a boy hugging a teddy bear", "a girl cuddling her teddy", "a kid hugs a stuffed animal"],
)
def test_a_teddy_bear_hugged_is_in_the_arms(prompt):
    assert _doings(parse(prompt).spec) == [("person", "hug", 1), ("teddy bear", "stand", None)]


def test_a_bear_is_still_a_bear_and_a_toy_train_a_stand_in():
    assert _doings(parse("a bear in the woods").spec) == [("bear", "stand", None)]
    assert parse("a toy train").spec.entities[0].kind == "placeholder"


def test_hugged_in_bed_sitting_up_on_it_the_bear_at_the_chest(first_planned):
    spec, warnings = first_planned("a girl hugging her teddy bear in bed")
    assert not warnings and not spec.placeholders
    asked = [a.said() for a in read_asks(Request.build("a girl hugging her teddy bear in bed"))]
    assert {"a teddy bear", "the person hugs the teddy bear"} <= set(asked)
    kinds = [e.kind for e in spec.entities]
    choreography = Choreography(spec, 6.0)
    girl = choreography.pose(0, 2.0)
    bear = choreography.pose(kinds.index("teddy bear"), 2.0)
    bed = choreography.pose(kinds.index("bed"), 2.0)
    assert girl.seated and not girl.grounded  # up on the bed, not the floor
    assert abs(girl.x - bed.x) < SIZE["bed"][0] / 2
    assert 0 < bear.x - girl.x < 0.3 and bear.y > 0.5  # held to her chest, before her


def test_the_bear_is_drawn_in_the_arms_of_one_standing(first_planned):
    spec, _ = first_planned("a boy hugging a teddy bear")
    assert spec.entities[0].action == "hug" and len(spec.entities) == 2  # no one else comes
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    boy, bear = (e.box for e in truth.entities)
    assert boy[1] < bear[1] < bear[3] < boy[3]  # up off the ground, at his chest
    x0, y0, x1, y1 = bear
    brown = np.abs(image[y0:y1, x0:x1].astype(int) - COLOURS["brown"]).sum(axis=2) < 60
    assert brown.mean() > 0.2  # a brown bear, not a labelled box


def test_the_caption_says_the_hug_and_reads_back():
    spec = parse("a boy hugging a teddy bear").spec
    assert "hugs a brown teddy bear" in caption(spec)
    assert _doings(parse(caption(spec)).spec) == _doings(spec)


def test_a_teddy_bear_is_no_kind_the_models_learnt():
    assert "teddy bear" not in LEARNT_KINDS


def test_a_teddy_bear_said_to_sit_sits_up_on_the_bench_nothing_left_out(first_planned):
    spec, warnings = first_planned("a teddy bear sitting on a bench")
    assert not warnings  # drawn sitting up as it is: no "teddy bear that sits" left out
    choreography = Choreography(spec, 4.0)
    bear, bench = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert bear.y == pytest.approx(0.5) and abs(bear.x - bench.x) < SIZE["bench"][0] / 2
