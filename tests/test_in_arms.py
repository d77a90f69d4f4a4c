"""A child held in someone's arms: before their chest, from the waist up under a blanket,
their arm under it, asleep where the request says ("a mother rocking her baby to sleep"
drew the mother asleep on the floor and the baby standing by)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("prompt", "how"),
    [
        ("a mother holding her baby", "sit"),
        ("a mother rocking her baby to sleep", "sleep"),
        ("a dad carrying his little son", "sit"),
    ],
)
def test_a_child_held_is_in_the_arms_of_who_holds_it(prompt, how):
    drawn = [(e.kind, e.action, e.target, e.label) for e in parse(prompt).spec.entities]
    assert drawn == [("person", "hold", None, ""), ("person", how, 0, "child")]


def test_it_is_held_to_the_chest_said_back_and_asked_as_the_holding():
    board, warnings = preview_plan(Request.build("a mother rocking her baby to sleep"), ["xai"])
    assert "holds a child in grey asleep in their arms" in board.shots[0].prompt
    spec = board.shots[0].scene_spec
    assert not warnings and parse(caption(spec)).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a mother holding her baby"))]
    assert asked == ["a person", "the person holds"]  # (not "sits in the person")
    poses = Choreography(spec, 2.0)
    mother, baby = poses.pose(0, 1.0), poses.pose(1, 1.0)
    assert mother.cradles and baby.in_arms and 0.5 < baby.y < 1.2
    _, truth = Renderer(spec, size=(320, 180), fps=8, frames=2, seed=1).frame(1)
    held, holder = truth.entities[1].box, truth.entities[0].box
    assert holder[1] < held[1] and held[3] < holder[3]  # at the chest, off the ground


def test_one_walking_with_a_child_in_their_arms_carries_it_along():
    # the baby walked beside her; "on his shoulders" was a labelled box
    drawn = parse("a mom walking with her baby in her arms").spec.entities
    assert [(e.action, e.target) for e in drawn] == [("walk", None), ("sit", 0)]
    poses = Choreography(
        preview_plan(Request.build("a mom walking with her baby in her arms"), ["procedural"])[0]
        .shots[0]
        .scene_spec,
        4.0,
    )
    assert abs(poses.pose(1, 3.0).x - poses.pose(0, 3.0).x) < 0.5  # along with her
    assert poses.pose(0, 3.0).x != poses.pose(0, 0.0).x
    shoulders = parse("a dad carrying his daughter on his shoulders")
    assert not shoulders.placeholders and "shoulders" in shoulders.unsupported_words
    assert parse("a chef flipping pancakes").spec.entities[0].action == "cook"


def test_a_child_said_first_in_another_s_arms_is_held_by_them_in_the_middle():
    # "a baby sleeping in her mother's arms" stood the mother by a baby asleep on its own
    drawn = parse("a baby sleeping in her mother's arms").spec.entities
    assert [(e.action, e.target, e.label) for e in drawn] == [
        ("sleep", 1, "child"),
        ("hold", None, ""),
    ]
    assert parse("a baby in her grandma's arms").spec.entities[0].action == "sit"
    board, warnings = preview_plan(
        Request.build("a baby asleep in his father's arms"), ["procedural"]
    )
    spec = board.shots[0].scene_spec
    poses = Choreography(spec, 2.0)
    baby, father = poses.pose(0, 1.0), poses.pose(1, 1.0)
    assert not warnings and father.cradles and baby.in_arms
    assert abs(father.x - sum(poses.subject_span()) / 2) < 1e-6  # not off to one side
