"""Petting an animal: one kneels to stroke a cat or a dog, and stands to stroke a horse's
back; the animal keeps still for it (a girl petting a cat walked past it, "petting" said to
be undrawable)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("prompt", "done"),
    [
        ("a girl petting a cat", [("person", "pet", 1), ("cat", "sit", None)]),
        ("a boy pets his dog", [("person", "pet", 1), ("dog", "sit", None)]),
        ("a woman grooming her horse", [("person", "pet", 1), ("horse", "stand", None)]),
        # brushing an animal is grooming it (it walked, brushing "no drawing")
        ("a girl brushing her horse", [("person", "pet", 1), ("horse", "stand", None)]),
        ("a boy brushes the dog", [("person", "pet", 1), ("dog", "sit", None)]),
        ("a girl brushing her teeth", [("person", "brush", None)]),  # no animal: not petting
        # no animal to stroke: no stroking of the air; "pets" named is no verb
        ("a woman stroking her hair", [("person", "stand", None)]),
        ("a girl and her pets", [("person", "stand", None)]),
    ],
)
def test_petting_is_read_with_whom_it_strokes(prompt, done):
    spec = parse(prompt).spec
    assert [(e.kind, e.action, e.target) for e in spec.entities][: len(done)] == done
    assert parse(caption(spec)).spec == spec


def test_one_kneels_to_stroke_a_cat_before_them_and_the_cat_keeps_still(first_planned):
    spec, warnings = first_planned("a girl petting a cat")
    assert not warnings
    choreography = Choreography(spec, 4.0)
    girl, cat = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert (girl.action, girl.reach) == ("pet", 1.0)  # down on one knee
    assert 0.3 < (cat.x - girl.x) * girl.facing < 1.2 and cat.facing == -girl.facing
    assert choreography.pose(1, 3.0).x == cat.x  # still, for the hand
    strokes = {round(choreography.pose(0, t / 10).swing + 0.0, 3) for t in range(10)}
    assert len(strokes) == 1  # the arm's reach is set; the stroke is in its phase
    assert choreography.pose(0, 0.0).phase != choreography.pose(0, 1.0).phase
    close = replace(spec, shot_size="close-up")
    image, truth = Renderer(close, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "cat")
    over = image[max(y0 - 12, 0) : y1, x0:x1].astype(int)  # the cat, and just over its head
    sleeve = np.abs(over - np.array(COLOURS[spec.entities[0].colour])).sum(axis=2) < 60
    assert sleeve.sum() > 3  # the hand reaches it


def test_one_stands_to_stroke_a_horse_their_hand_on_its_back(first_planned):
    spec, _ = first_planned("a woman grooming her horse")
    choreography = Choreography(spec, 4.0)
    woman, horse = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert woman.reach == 0.0 and horse.facing == woman.facing  # beside it, standing
    assert abs(horse.x - woman.x) < SIZE["horse"][0] / 2  # before its body
    asked = [a.said() for a in read_asks(Request.build("a woman grooming her horse"))]
    assert asked == ["a person", "a horse", "the person pets the horse"]  # not "it stands"


def test_petting_is_no_action_the_models_learnt():
    assert "pet" not in LEARNT_ACTIONS
