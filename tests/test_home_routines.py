"""Where the parts of a day at home happen: breakfast is made and eaten in the kitchen and
the rest of the day goes on in the living room ("a cat waking up, eating breakfast, and
napping in the sun" spent all of it in the kitchen), a dog is walked out of doors (it was
walked round the kitchen), a meal made is cooking (one stood by a table), cooking over a
campfire is out of doors."""

from __future__ import annotations

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request


def _places(text: str) -> list[tuple[str, str]]:
    board, _ = preview_plan(Request.build(text), ["procedural"])
    firsts: dict[str, tuple[str, str]] = {}  # each beat's first shot
    for shot in (s for s in board.shots if s.kind == "generated"):
        spec = shot.scene_spec
        firsts.setdefault(shot.beat, (spec.place, spec.entities[0].action))
    return list(firsts.values())


def test_breakfast_is_in_the_kitchen_and_the_rest_of_the_day_at_home():
    assert _places("a cat waking up, eating breakfast, and napping in the sun") == [
        ("living room", "wake"),
        ("kitchen", "eat"),
        ("living room", "sleep"),
    ]
    assert _places("a morning routine: waking up, making breakfast, walking the dog") == [
        ("living room", "wake"),
        ("kitchen", "cook"),
        ("park", "walk"),  # out with the dog
    ]


def test_a_dog_walked_where_a_place_is_said_is_walked_there():
    assert _places("a girl walks her dog in the living room") == [("living room", "walk")]


def test_a_meal_made_is_cooked_in_the_kitchen_unless_over_a_campfire():
    assert _places("a couple making dinner together") == [("kitchen", "cook")]
    assert _places("a grandma baking cookies") == [("kitchen", "cook")]
    assert _places("a man cooking over a campfire") == [("park", "cook")]
    assert _places("campers cooking sausages over the fire") == [("forest", "cook")]
    assert _places("a day at the beach: swimming, then cooking on the grill")[1] == (
        "beach",
        "cook",
    )
