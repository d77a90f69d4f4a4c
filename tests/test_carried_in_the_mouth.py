"""A dog carrying a stick, a ball or a frisbee has it in its mouth as it trots along ("a
dog carrying a stick in its mouth" walked beside a stick on the grass, and said it could
not draw a dog that holds)."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    ("prompt", "thing", "how"),
    [
        ("a dog carrying a stick in its mouth", "stick", "walk"),
        ("a puppy running with a ball in its mouth", "ball", "run"),
        ("a dog with a frisbee in its mouth", "frisbee", "walk"),
        ("a dog carrying a big stick across the field", "stick", "walk"),
    ],
)
def test_what_a_dog_carries_is_in_its_mouth(prompt, thing, how):
    parsed = parse(prompt)
    assert _doings(parsed.spec) == [("dog", how, None), (thing, "stand", 0)]
    assert not parsed.cannot and not parsed.unsupported_words


def test_a_dog_playing_with_a_ball_still_runs_after_it():
    assert _doings(parse("a dog chasing a ball").spec) == [
        ("dog", "chase", 1),
        ("ball", "stand", None),
    ]


def test_the_stick_goes_along_at_the_dogs_muzzle(first_planned):
    spec, warnings = first_planned("a dog carrying a stick in its mouth in the park")
    assert not warnings
    choreography = Choreography(spec, 6.0)
    for t in (0.5, 3.0, 5.5):
        dog, stick = choreography.pose(0, t), choreography.pose(1, t)
        assert stick.held_by == 0 and stick.facing == dog.facing
        assert 0.3 < (stick.x - dog.x) * dog.facing < 0.7  # before it, at its muzzle
        assert 0.4 < stick.y - dog.y < 0.7  # up off the ground, where its head is
    _, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    dog, stick = (e.box for e in truth.entities)
    assert dog[1] < stick[1] < stick[3] < dog[3]  # at the height of its head, not the grass


def test_the_caption_says_it_and_reads_back_and_the_asks_ask_for_the_stick():
    spec = parse("a dog carrying a stick in its mouth").spec
    said = caption(spec)
    assert "dog walks along, a brown stick in its mouth" in said
    assert _doings(parse(said).spec) == _doings(spec)
    asked = [a.said() for a in read_asks(Request.build("a dog carrying a stick in its mouth"))]
    assert "a stick" in asked and "the dog walks" in asked
    assert "carry" not in LEARNT_ACTIONS
