"""What one does, said as a thing or a going: "a walk in the woods" is someone walking there
(it was the empty woods), "they go home" is walking home together (the owner stood), and
one reading or asleep at night is at home, in bed where asleep (out in the dark park, or
on the floor)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


@pytest.mark.parametrize(
    ("prompt", "doing", "place"),
    [
        ("a walk in the woods", "walk", "forest"),
        ("an early morning jog on the beach", "run", "beach"),
        ("a lazy sunday stroll by the lake", "walk", "lake"),
        ("a swim in the lake", "swim", "lake"),
        ("a dance in the rain", "dance", "park"),
    ],
)
def test_a_doing_named_as_a_thing_has_someone_doing_it(prompt, doing, place, first_planned):
    spec, warnings = first_planned(prompt)
    assert not warnings
    assert [(e.kind, e.action) for e in spec.entities] == [("person", doing)]
    assert spec.place == place
    assert [e.kind for e in parse("a swing in the park").spec.entities] == ["swing"]


def test_going_somewhere_is_walking_there_not_going_to_do_something():
    together = parse("the brown dog and the blue person go home").spec.entities
    assert [(e.kind, e.action) for e in together] == [
        ("dog", "walk"),
        ("person", "walk"),
        ("house", "stand"),
    ]
    assert parse("a girl goes to the park").spec.entities[0].action == "walk"
    assert parse("a dog is going to jump").spec.entities[0].action == "jump"
    assert parse("then they head home").spec.entities[0].action == "stand"  # no one said


def test_the_owner_waited_for_goes_home_with_the_dog():
    board, _ = preview_plan(
        Request.build("a dog waits for its owner, then they go home"), ["procedural"]
    )
    last = board.shots[-1].scene_spec
    assert [(e.kind, e.action) for e in last.entities[:2]] == [("dog", "walk"), ("person", "walk")]


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("a girl reading at night", ["person"]),
        ("she stays up late reading", ["person"]),
        ("a man sleeping at night", ["person", "bed"]),
        ("a dog sleeping at night", ["dog"]),
    ],
)
def test_one_at_home_at_night_is_indoors_asleep_in_bed(prompt, kinds, first_planned):
    spec, warnings = first_planned(prompt)
    assert not warnings
    assert (spec.place, spec.time_of_day) == ("living room", "night")
    assert [e.kind for e in spec.entities] == kinds
    out, _ = first_planned("a girl reading in the park at night")
    fox, _ = first_planned("a fox sleeping at night")
    assert (out.place, fox.place) == ("park", "forest")  # said, or at home in its woods
    on_the_sofa, _ = first_planned("a man asleep on the sofa")
    assert [e.kind for e in on_the_sofa.entities] == ["person", "sofa"]


def test_tag_played_is_a_chase_and_a_price_tag_no_game(first_planned):
    """ "kids playing tag in the park" met, standing, the tag said undrawable."""
    spec, warnings = first_planned("kids playing tag in the park")
    assert not warnings and {e.action for e in spec.entities} == {"chase"}
    assert {e.action for e in parse("a dog with a name tag").spec.entities} != {"chase"}


def test_gardening_is_watering_the_flowers_tended(first_planned):
    """ "a woman gardening" walked in the park, the gardening said undrawable."""
    spec, warnings = first_planned("a woman gardening")
    assert not warnings
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "water", 1),
        ("flower", "stand", None),
    ]
    among, warned = first_planned("a man gardening among the roses")
    assert not warned and {e.kind for e in among.entities} == {"person", "flower"}
