"""A couple's (a family's) story is about the couple; a kiss is drawn as the embrace it comes
in, with whom, not with where ("a couple's first date: …" drew a box labelled "couple's"
and one person walking alone to a box labelled "kiss"; "a couple hugging under a tree"
walked up to the tree)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request

DATE = "a couple's first date: dinner, a walk by the lake, a kiss under the streetlight"


def _shots(text):
    board, _ = preview_plan(Request.build(text), ["procedural"])
    return [s.scene_spec for s in board.shots if s.kind == "generated"]


def test_a_couples_story_is_the_couples_in_every_shot():
    shots = _shots(DATE)
    for spec in shots:
        assert [e.kind for e in spec.entities].count("person") == 2
        assert not spec.placeholders  # no "couple's", no "kiss"
    kiss = shots[-1]
    people = [i for i, e in enumerate(kiss.entities) if e.kind == "person"]
    assert {kiss.entities[i].action for i in people} == {"hug"}
    assert {kiss.entities[i].target for i in people} - {None} <= set(people)  # each other


def test_a_familys_picnic_is_the_family_on_its_blanket():
    (spec, *_) = _shots("a family's picnic in the park")
    assert sorted((e.kind, e.action) for e in spec.entities) == [
        ("blanket", "stand"),
        *[("person", "sit")] * 3,
    ]


@pytest.mark.parametrize("text", ["a couple hugging under a tree", "a couple kissing in the rain"])
def test_a_couple_hold_each_other_not_what_they_stand_by(text):
    (spec, *_) = _shots(text)
    people = [i for i, e in enumerate(spec.entities) if e.kind == "person"]
    assert len(people) == 2
    assert {spec.entities[i].action for i in people} == {"hug"}
    assert {spec.entities[i].target for i in people} - {None} <= set(people)


def test_one_hugging_a_tree_goes_to_it_and_no_one_else_comes():
    (spec, *_) = _shots("a man hugs a tree")
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "meet"), ("tree", "stand")]
