"""Howling: a dog, a wolf or a fox sits, its head thrown back, the muzzle to the sky, the
howl rising from it, at night ("a dog howling at the moon" walked in the park in the
morning, the moon read as a place drawn as the park and howling as undrawable)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("prompt", "kind"),
    [
        ("a dog howling at the moon", "dog"),
        ("a lone wolf howling at the full moon", "wolf"),
        ("a fox howls in the snow", "fox"),
    ],
)
def test_a_howl_is_read_and_said_back(prompt, kind):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [(kind, "howl")]
    assert not parsed.unsupported_words and not parsed.placeholders
    said = caption(parsed.spec)
    assert "howls at the sky" in said and parse(said).spec == parsed.spec


def test_howling_at_the_moon_is_at_night_under_it_not_on_it(first_planned):
    spec, warnings = first_planned("a dog howling at the moon")
    assert not warnings and (spec.time_of_day, spec.place) == ("night", "park")
    asked = [a.said() for a in read_asks(Request.build("a dog howling at the moon"))]
    assert asked == ["a dog", "the dog howls", "at night"]
    _, on_it = first_planned("an astronaut walking on the moon")
    assert any("moon (drawn as its park)" in w for w in on_it)  # said, not hidden


def test_the_howl_is_drawn_rising_over_the_head(first_planned, lead_doing):
    spec, _ = first_planned("a dog howling at the moon")
    sitting = lead_doing(spec, "sit")
    howl, truth = Renderer(spec, size=(640, 360), fps=24, frames=2, seed=3).frame(1)
    sat, _ = Renderer(sitting, size=(640, 360), fps=24, frames=2, seed=3).frame(1)
    assert truth.entities[0].action == "howl"
    x0, y0, x1, _ = truth.entities[0].box
    above = np.abs(howl[:y0, x0:x1].astype(int) - sat[:y0, x0:x1].astype(int)).sum(axis=2)
    assert (above > 30).sum() > 20  # the howl's arcs up over it, where sitting has none
    assert "howl" not in LEARNT_ACTIONS


def test_a_model_that_never_learnt_a_howl_draws_the_dog_sitting():
    parsed = parse("a dog howling at the moon").within(("dog",), ("stand", "sit", "walk"))
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("dog", "sit")]
