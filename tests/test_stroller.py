"""A stroller is drawn, pushed along before whoever walks (or jogs) with it, their hands on
its handle ("a mom pushing a stroller in the park" walked beside a box labelled
"stroller")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import STROLLER_AHEAD, Choreography
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
