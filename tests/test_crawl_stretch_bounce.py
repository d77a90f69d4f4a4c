"""A baby crawls on hands and knees, one stretching or doing yoga reaches up overhead, one
jumping on a trampoline bounces high off its mat, and one jumping in puddles splashes in
one (they walked, sat, or jumped beside a labelled box or with no puddle)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import (
    BOUNCED_ON_HEIGHT,
    SPEED,
    TRAMPOLINE_HEIGHT,
    Choreography,
)
from videoagent.synthworld.painters.creatures import DROPLET, PUDDLE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "place", "action"),
    [
        ("a baby crawling on the floor", "living room", "crawl"),
        ("a woman doing yoga on the beach at sunrise", "beach", "stretch"),
        ("a man stretching in the park", "park", "stretch"),
        ("a cat stretching in the sun", "living room", "stretch"),  # a long bow
        ("a dog stretching in the park", "park", "stretch"),
        ("a girl jumping on a trampoline in the backyard", "park", "jump"),
        ("kids splashing in puddles", "park", "splash"),
        ("a dog jumping in puddles", "park", "splash"),
    ],
)
def test_each_is_planned_as_done_and_reads_back(text, place, action, first_planned):
    spec, warnings = first_planned(text)
    assert spec.place == place and spec.entities[0].action == action
    assert parse(caption(spec)).spec == spec
    left_out = " ".join(w.split("no drawing for")[-1] for w in warnings)
    assert not any(word in left_out for word in ("crawl", "yoga", "stretch", "trampoline"))


def test_a_crawling_baby_is_low_and_slow_and_followed(first_planned):
    spec, _ = first_planned("a baby crawling on the floor")
    assert spec.camera == "track" and spec.entities[0].label == "child"
    choreography = Choreography(spec, 8.0)
    start, end = choreography.pose(0, 0.0), choreography.pose(0, 8.0)
    assert 0 < end.x - start.x < SPEED["walk"] * 8 / 2  # on, slower than a walk
    _, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, y0, x1, y1 = truth.entities[0].box
    assert (x1 - x0) > (y1 - y0)  # longer than tall: on all fours


def test_a_trampoline_is_under_the_one_bouncing_high_off_it():
    spec = parse("a girl jumping on a trampoline").spec
    choreography = Choreography(spec, 8.0)
    heights = [choreography.pose(0, t / 24).y for t in range(192)]
    assert min(heights) == pytest.approx(TRAMPOLINE_HEIGHT)  # lands on its mat
    assert max(heights) - min(heights) > 0.8  # higher than a jump off the ground
    jumper, trampoline = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert abs(jumper.x - trampoline.x) < 0.2
    landed = min(range(192), key=lambda t: heights[t])
    assert choreography.pose(1, landed / 24).reach > 0.5  # its mat gives under her
    ground = Choreography(parse("a girl jumping in the park").spec, 8.0)
    assert max(ground.pose(0, t / 24).y for t in range(192)) < 0.5


def test_one_splashing_hops_into_a_puddle_and_water_flies_as_they_land(first_planned):
    spec, _ = first_planned("a little boy jumping in puddles")
    assert spec.weather == "rain" and spec.entities[0].action == "splash"
    choreography = Choreography(spec, 8.0)
    poses = [choreography.pose(0, t / 24) for t in range(48)]
    assert max(p.y for p in poses) > 0.1 and min(p.y for p in poses) == 0.0  # hops
    landed = next(p for p in poses if p.y == 0.0 and p.reach < 0.3)  # just landed
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=48, seed=2)
    image, truth = renderer.frame(poses.index(landed))
    x0, y0, x1, y1 = truth.entities[0].box
    around = image[y0 : y1 + 4, max(x0 - 10, 0) : x1 + 10].astype(int)
    for colour in (PUDDLE, DROPLET):
        assert (np.abs(around - np.array(colour)).sum(axis=2) < 60).sum() > 3
    assert "puddles" in parse("a street with puddles").unsupported_words  # none drawn there


def test_one_jumping_on_the_bed_bounces_on_it_not_beside_it(first_planned):
    # "a girl jumping on the bed" jumped on the floor beside it
    spec, warnings = first_planned("a girl jumping on the bed")
    assert not warnings and [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "jump", 1),
        ("bed", "stand", None),
    ]
    choreography = Choreography(spec, 8.0)
    heights = [choreography.pose(0, t / 24).y for t in range(192)]
    assert min(heights) == pytest.approx(BOUNCED_ON_HEIGHT)  # lands on it
    assert abs(choreography.pose(0, 1.0).x - choreography.pose(1, 1.0).x) < 0.2
    said = caption(spec)
    assert "jumps on a yellow bed" in said and parse(said).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a girl jumping on the bed"))]
    assert "the person jumps on the bed" in asked
    over = parse("a boy jumps over the bench").spec
    assert "jumps over a" in caption(over) and Choreography(over, 4.0)._bounced_on() is None
