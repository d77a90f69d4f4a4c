"""Climbing a tree is drawn: hand over hand up its trunk, a foot braced against it, rising
until up where its crown begins ("a boy climbing a tree" walked past the tree, climbing
said to be undrawable). A hill or a mountain climbed is walked up."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import CLIMB_REACH, CLIMB_TOP, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_ACTIONS


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt",
    ["a boy climbing a tree", "a kid up in a tree", "a girl climbs the old oak tree"],
)
def test_one_climbing_a_tree_climbs_it(prompt):
    parsed = parse(prompt)
    assert _doings(parsed.spec) == [("person", "climb", 1), ("tree", "stand", None)]
    assert not parsed.unsupported_words and not parsed.placeholders


def test_an_animal_climbing_a_tree_is_up_in_it_and_a_mountain_is_walked_up():
    assert _doings(parse("a squirrel climbing a tree").spec)[0] == ("squirrel", "perch", 1)
    hiker = parse("a man climbing a mountain")
    assert _doings(hiker.spec) == [("person", "walk", None)] and not hiker.unsupported_words


def test_the_climber_goes_up_the_trunk_facing_it(first_planned):
    spec, warnings = first_planned("a boy climbing a tree")
    assert not warnings
    choreography = Choreography(spec, 6.0)
    heights = []
    for t in (0.0, 2.0, 4.0, 5.9):
        climber, tree = choreography.pose(0, t), choreography.pose(1, t)
        assert climber.action == "climb" and climber.facing == +1  # to the tree
        assert tree.x - climber.x == pytest.approx(CLIMB_REACH)
        heights.append(climber.y)
    assert heights[0] == pytest.approx(0.0) and heights[-1] == pytest.approx(CLIMB_TOP)
    assert heights == sorted(heights)  # up, never down


def test_the_climber_is_drawn_on_the_trunk_rising(first_planned):
    spec, _ = first_planned("a boy climbing a tree")
    renderer = Renderer(spec, size=(640, 360), fps=24, frames=48)
    feet, shirt_seen = [], []
    for index in (0, 47):
        image, truth = renderer.frame(index)
        climber, tree = truth.entities
        assert tree.box[0] < climber.box[2] and climber.box[0] < tree.box[2]  # at its trunk
        feet.append(climber.box[3])
        x0, y0, x1, y1 = climber.box
        shirt = np.abs(image[y0:y1, x0:x1].astype(int) - COLOURS[spec.entities[0].colour])
        shirt_seen.append((shirt.sum(axis=2) < 60).mean())
    assert feet[1] < feet[0] - 10  # higher up it by the end (pixels run down)
    assert min(shirt_seen) > 0.05  # drawn, over the trunk, not behind it


def test_two_climbing_one_tree_climb_either_side_of_it(first_planned):
    spec, _ = first_planned("kids climbing a tree in the park")
    climbers = [i for i, e in enumerate(spec.entities) if e.action == "climb"]
    assert len(climbers) == 2
    choreography = Choreography(spec, 6.0)
    tree = choreography.pose(spec.entities[climbers[0]].target, 3.0)
    first, second = (choreography.pose(i, 3.0) for i in climbers)
    assert first.x < tree.x < second.x and first.facing == -second.facing == +1


def test_the_caption_says_what_is_climbed_and_reads_back_and_the_asks_ask_it():
    spec = parse("a boy climbing a tree").spec
    said = caption(spec)
    assert "person climbs a green tree" in said
    assert _doings(parse(said).spec) == _doings(spec)
    asked = [a.said() for a in read_asks(Request.build("a boy climbing a tree"))]
    assert "the person climbs the tree" in asked
    assert "climb" not in LEARNT_ACTIONS


def test_one_rescuing_a_cat_from_a_tree_climbs_up_to_it_on_its_branch(first_planned):
    # "a firefighter rescuing a cat from a tree" walked past a cat standing by the tree
    spec, warnings = first_planned("a firefighter rescuing a cat from a tree")
    assert not warnings
    assert _doings(spec) == [("person", "climb", 2), ("cat", "perch", 2), ("tree", "stand", None)]
    choreography = Choreography(spec, 6.0)
    climber, cat, tree = (choreography.pose(i, 5.0) for i in range(3))
    assert climber.x < tree.x < cat.x  # the branch out past the trunk, the way they face
    assert climber.facing == +1 and cat.y > climber.y


def test_walking_to_work_is_walking_with_nothing_left_out():
    parsed = parse("a man walking to work in the city in the rain")
    assert _doings(parsed.spec) == [("person", "walk", None)] and not parsed.unsupported_words
    assert parse("they work in an office").unsupported_words == ["work"]  # (said so)
