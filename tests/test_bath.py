"""A bath: whoever takes one sits in a tub of bubbles, a rubber duck bobbing by them, in the
bathroom; whoever gives one kneels behind the tub, a sponge going round on them ("a kid
taking a bath with a rubber duck" walked in the park beside a labelled box and a bird; "a
girl giving her dog a bath" had the girl take it)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS, LEARNT_KINDS


@pytest.mark.parametrize(
    "text",
    [
        "a kid taking a bath with a rubber duck",
        "a woman relaxing in a bubble bath",  # relaxing there is bathing
        "a puppy in the bathtub",
        "a cat taking a bath",
    ],
)
def test_one_taking_a_bath_sits_in_the_tub_in_the_bathroom(first_planned, text):
    spec, warnings = first_planned(text)
    assert not warnings  # the duck is the tub's, bobbing in it: no box, no bird
    assert [e.action for e in spec.entities] == ["bathe"] and spec.place == "bathroom"
    assert parse(caption(spec)).spec == spec
    assert "bathe" not in LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("text", "bathed"),
    [
        ("a girl giving her dog a bath", "dog"),
        ("a boy washing his cat", "cat"),  # washed: bathed
        ("a mom bathing her baby", "person"),
    ],
)
def test_one_giving_a_bath_kneels_at_the_tub_of_the_one_in_it(first_planned, text, bathed):
    spec, warnings = first_planned(text)
    assert not warnings and spec.place == "bathroom"
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "scrub", 1),
        (bathed, "bathe", None),
    ]
    assert parse(caption(spec)).spec == spec
    asked = [a.said() for a in read_asks(Request.build(text))]
    assert f"the person bathes the {bathed}" in asked


def test_what_is_not_a_bath_is_not_drawn_as_one():
    given = parse("a dog gets a bath from his owner").spec.entities
    assert [(e.kind, e.action, e.target) for e in given] == [
        ("dog", "bathe", None),
        ("person", "scrub", 0),
    ]
    car = parse("a man washing his car")
    assert "washing" in car.unsupported_words and car.spec.entities[0].action != "scrub"
    river = parse("elephants bathing in the river").spec.entities
    assert {e.action for e in river} == {"swim"}  # in the water, no tub
    assert parse("a kid playing with a rubber duck").placeholders == ["rubber duck"]


def test_the_tub_hides_the_bather_below_its_rim_and_the_sponge_goes_round(
    first_planned, lead_doing
):
    spec, _ = first_planned("a girl giving her dog a bath")
    renderer = Renderer(spec, size=(640, 360), fps=24, frames=24, seed=3)
    image, truth = renderer.frame(0)
    kneeling, dog = truth.entities
    x0, y0, x1, y1 = dog.box
    below = image[(y0 + y1) // 2 : y1, x0:x1].astype(int)
    enamel = (below.min(axis=2) > 200).mean()
    dog_sitting = replace(spec.entities[1], action="sit")  # as it sits outside a bath
    standing = lead_doing(spec, "stand").entities[0]
    sitting = replace(spec, entities=(standing, dog_sitting))
    dry, dry_truth = Renderer(sitting, size=(640, 360), fps=24, frames=1, seed=3).frame(0)
    x0, y0, x1, y1 = dry_truth.entities[1].box
    assert enamel > 0.5 > (dry[(y0 + y1) // 2 : y1, x0:x1].min(axis=2) > 200).mean() + 0.3
    assert kneeling.box[2] > dog.box[0] - 40  # behind the tub, reaching over to the dog
    hands = [renderer.frame(k)[0] for k in (0, 3, 6)]
    moved = np.abs(hands[0].astype(int) - hands[1]).sum(axis=2) > 60
    assert moved[kneeling.box[1] : kneeling.box[3], kneeling.box[0] : dog.box[2]].sum() > 20


def test_a_model_that_never_learnt_the_bath_sits_the_bather_in_its_living_room():
    parsed = parse("a dog takes a bath in the bathroom").within(LEARNT_KINDS, LEARNT_ACTIONS)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("dog", "sit")]
    assert parsed.spec.place == "living room"
    assert "the bathroom is drawn as the living room" in parsed.notes
