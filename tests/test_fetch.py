"""Fetch: one throws a ball, a frisbee or a stick for their dog, which runs after it as it
flies, picks it up in its mouth and brings it back to sit before them, over and over ("a
boy playing fetch with his dog" stood still, the ball at his feet, the dog ambling up to
it)."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.fetching import FLIGHT, PICK_UP, ROLLING, WIND_UP
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    ("prompt", "thrown"),
    [
        ("a boy playing fetch with his dog", "ball"),
        ("a man throws a frisbee for his dog", "frisbee"),
        ("a girl throws a stick for her dog", "stick"),
    ],
)
def test_one_playing_fetch_with_a_dog_throws_and_the_dog_chases(prompt, thrown):
    entities = parse(prompt).spec.entities
    thing = next(i for i, e in enumerate(entities) if e.kind == thrown)
    assert ("person", "toss", thing) in _doings(parse(prompt).spec)
    assert ("dog", "chase", thing) in _doings(parse(prompt).spec)


def test_only_a_dog_brings_it_back_and_people_play_catch_with_each_other():
    assert _doings(parse("a man plays fetch with his cat").spec)[0] == ("person", "stand", None)
    spec = parse("two kids playing catch").spec
    assert _doings(spec)[0] == ("person", "toss", 1)
    assert Choreography(spec, 6.0)._fetch is None  # to and fro, no dog to fetch it


def test_the_dog_runs_after_it_brings_it_back_in_its_mouth_and_it_is_thrown_again(
    first_planned,
):
    spec, warnings = first_planned("a boy playing fetch with his dog in the park")
    assert not warnings
    boy, dog, ball = (i for i, _ in enumerate(spec.entities))
    choreography = Choreography(spec, 12.0, gait_offset=0.0)
    thrower = choreography.pose(boy, 0.0)
    waiting = choreography.pose(dog, 0.1)
    assert waiting.action == "sit" and choreography.pose(ball, 0.1).held_by == boy
    out = WIND_UP + FLIGHT / 2  # in the air, the dog after it
    flying, running = choreography.pose(ball, out), choreography.pose(dog, out)
    assert flying.held_by is None and flying.y > 1.0 and flying.x > running.x > waiting.x
    assert running.action == "chase" and running.facing == +1
    run = FLIGHT + ROLLING
    back = WIND_UP + run + PICK_UP + run / 2  # bringing it back, in its mouth
    carried, returning = choreography.pose(ball, back), choreography.pose(dog, back)
    assert returning.action == "chase" and returning.facing == -1
    assert carried.held_by == dog and thrower.x < carried.x < choreography._fetch.rests_at
    assert 0.3 < (carried.x - returning.x) * returning.facing < 0.7  # at its muzzle
    cycle = choreography._fetch.cycle
    assert choreography.pose(ball, cycle + 0.1).held_by == boy  # given back, thrown again


def test_what_is_thrown_is_drawn_far_off_and_back_again(first_planned):
    spec, _ = first_planned("a boy playing fetch with his dog in the park")
    renderer = Renderer(spec, size=(320, 180), fps=8, frames=40)
    lefts = [renderer.frame(k)[1].entities[2].box[0] for k in range(0, 40, 2)]
    assert max(lefts) - min(lefts) > 120  # out across most of the picture, and back


def test_the_asks_ask_for_the_throw_and_the_chase():
    asked = [a.said() for a in read_asks(Request.build("a boy playing fetch with his dog"))]
    assert "the person throws the ball" in asked and "the dog chases the ball" in asked


def test_they_of_one_with_a_dog_are_both_and_the_asks_say_who_throws():
    # "they" was read as the boy alone, asked to chase the ball himself
    asked = [
        a.said() for a in read_asks(Request.build("a boy walks his dog, then they play fetch"))
    ]
    assert "the person throws the ball" in asked and "the dog chases the ball" in asked
    assert "the person chases the ball" not in asked
