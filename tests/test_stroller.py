"""A stroller is drawn, pushed along before whoever walks (or jogs) with it, their hands on
its handle ("a mom pushing a stroller in the park" walked beside a box labelled
"stroller")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import IN_THE_STROLLER_AHEAD, STROLLER_AHEAD, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_KINDS


def _doings(spec):
    return [(e.kind, e.action) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt", ["a mom pushing a stroller", "a woman with a pram", "a dad pushing a buggy"]
)
def test_a_stroller_is_a_thing_of_its_own(prompt):
    parsed = parse(prompt)
    assert ("stroller", "stand") in _doings(parsed.spec)
    assert not parsed.placeholders


def test_the_stroller_goes_before_its_pusher_at_their_pace(first_planned):
    spec, warnings = first_planned("a mom pushing a stroller in the park")
    assert not warnings
    assert _doings(spec) == [("person", "walk"), ("stroller", "stand")]
    asked = [a.said() for a in read_asks(Request.build("a mom pushing a stroller"))]
    assert "a stroller" in asked
    choreography = Choreography(spec, 6.0)
    ahead = []
    for t in (0.5, 3.0, 5.5):
        mom, stroller = choreography.pose(0, t), choreography.pose(1, t)
        assert mom.pushes and not stroller.pushes
        ahead.append(stroller.x - mom.x)
        assert stroller.action == "roll" and stroller.facing == mom.facing
    assert ahead == pytest.approx([STROLLER_AHEAD] * 3)  # pushed along, not left behind
    assert choreography.pose(1, 5.5).x > choreography.pose(1, 0.5).x + 2.0


def test_jogging_with_a_stroller_and_a_dog_the_dog_runs_too(first_planned):
    spec, warnings = first_planned("a mom jogging with a stroller and her dog")
    assert not warnings  # no stroller asked to run
    assert _doings(spec) == [("person", "run"), ("stroller", "stand"), ("dog", "run")]


def test_the_stroller_is_drawn_before_its_pusher(first_planned):
    spec, _ = first_planned("a mom pushing a stroller in the park")
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    mom, stroller = (e.box for e in truth.entities)
    assert stroller[0] > mom[0]  # ahead of her, the way she walks
    x0, y0, x1, y1 = stroller
    grey = np.abs(image[y0:y1, x0:x1].astype(int) - COLOURS["grey"]).sum(axis=2) < 60
    assert grey.mean() > 0.1  # its grey carriage, not a labelled box


def test_the_caption_says_who_pushes_it_and_reads_back():
    spec = parse("a mom pushing a stroller").spec
    said = caption(spec)
    assert "walks along, pushing a grey stroller" in said
    assert _doings(parse(said).spec) == _doings(spec)


def test_a_stroller_is_no_kind_the_models_learnt():
    assert "stroller" not in LEARNT_KINDS


def test_a_child_pushed_in_a_stroller_sits_in_it_as_it_goes(first_planned):
    # "a grandma pushing her grandson in a stroller" stood the grandson beside it
    spec, warnings = first_planned("a grandma pushing her grandson in a stroller through the park")
    assert not warnings
    grandma, grandson, stroller = spec.entities
    assert (grandson.action, grandson.label, grandson.target) == ("sit", "child", 2)
    assert grandson.colour != stroller.colour  # seen against it
    choreography = Choreography(spec, 6.0)
    for t in (0.5, 3.0, 5.5):
        sat, carriage = choreography.pose(1, t), choreography.pose(2, t)
        assert sat.in_stroller and sat.facing == carriage.facing
        assert sat.x - carriage.x == pytest.approx(IN_THE_STROLLER_AHEAD * carriage.facing)
    assert choreography.pose(1, 5.5).x > choreography.pose(1, 0.5).x + 2.0  # carried along
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    _, child, carriage = (e.box for e in truth.entities)
    assert carriage[0] < child[0] < child[2] < carriage[2]  # over it, between its ends
    assert carriage[1] < child[3] < carriage[3]  # up out of it from the waist
    x0, y0, x1, _ = child
    shirt = np.abs(
        image[y0 : y0 + (child[3] - y0) // 2, x0:x1].astype(int) - COLOURS[grandson.colour]
    )
    assert (shirt.sum(axis=2) < 60).mean() > 0.1  # drawn over its carriage, not hidden in it
    asked = [
        a.said() for a in read_asks(Request.build("a mom walking with her baby in a stroller"))
    ]
    assert "the person sits in the stroller" in asked


def test_a_baby_asleep_in_a_stroller_is_out_in_it_and_framed(first_planned):
    spec, warnings = first_planned("a baby sleeping in a stroller")
    assert not warnings and spec.place == "park"  # (a baby alone is at home)
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "sleep", 1),
        ("stroller", "stand", None),
    ]
    _, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    baby, carriage = truth.entities
    assert baby.visible == pytest.approx(1.0) and carriage.visible == pytest.approx(1.0)
    assert baby.action == "sleep" and carriage.box[0] < baby.box[0] < baby.box[2] < carriage.box[2]
    assert baby.box[3] - baby.box[1] > 60  # the shot is of it: framed on it, not on the ground


@pytest.mark.parametrize(
    "prompt",
    ["a grandma pushing her grandson in a stroller", "a baby sleeping in a stroller"],
)
def test_who_sits_in_a_stroller_is_said_in_the_caption_and_reads_back(prompt):
    spec = parse(prompt).spec
    said = caption(spec)
    assert "child sits in the grey stroller" in said or "child sleeps in a grey stroller" in said
    back = parse(said).spec
    in_it = [
        (e.kind, e.action, back.entities[e.target].kind)
        for e in back.entities
        if e.target is not None
    ]
    assert in_it == [(e.kind, e.action, "stroller") for e in spec.entities if e.target is not None]
