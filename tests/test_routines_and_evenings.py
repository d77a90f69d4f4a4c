"""Stories of a day at home and out: a morning routine makes its coffee in the kitchen and
catches its bus in the street; a cosy evening's cat sits by the fire and its cocoa; home is
home, said without a warning; everyone is all of them; how one feels is how they do it."""

from __future__ import annotations

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


def _shots(text: str):
    board, warnings = preview_plan(Request.build(text), ["procedural"])
    return [s.scene_spec for s in board.shots if s.kind == "generated"], warnings


def _drawn(spec) -> list[tuple[str, str]]:
    return [(e.kind, e.action) for e in spec.entities]


def test_a_morning_routine_makes_coffee_at_home_and_catches_the_bus_in_the_street():
    # the coffee was made in the park, a cup on the grass; the bus was jumped at there
    shots, _ = _shots(
        "a 30 second video of a morning routine: waking up, making coffee, walking the dog, "
        "catching the bus"
    )
    coffee, bus = shots[1], shots[-1]
    assert coffee.place == "kitchen" and ("person", "hold") in _drawn(coffee)
    assert bus.place == "street" and _drawn(bus)[:2] == [("person", "ride"), ("bus", "drive")]
    assert parse("a dog catching a frisbee").spec.entities[0].action == "chase"  # no bus


def test_a_cosy_evening_s_cat_sits_by_the_fire_and_by_its_cocoa():
    # it walked about before the fire, then drank the cocoa
    shots, _ = _shots(
        "a cozy winter evening: snow falling outside, a cat by the fireplace, hot cocoa"
    )
    assert _drawn(shots[1]) == [("cat", "sit"), ("fireplace", "stand")]
    assert _drawn(shots[-1]) == [("cat", "sit"), ("cup", "stand")]
    treats, _ = _shots("a dog's day: a walk, treats, a nap")
    assert ("dog", "eat") in _drawn(treats[1])  # a dog's own treats are eaten


def test_home_is_said_without_a_warning_and_everyone_is_all_of_them():
    for text in ("a cat sleeping at home", "a dog waits for its owner to come home"):
        shots, warnings = _shots(text)
        assert shots[0].place == "living room" and warnings == []
    shots, warnings = _shots("a wedding: the bride walks, the couple kisses, everyone dances")
    assert _drawn(shots[-1]) == [("person", "dance"), ("person", "dance")]  # (not the bride)
    assert not any("everyone" in w for w in warnings)
    _, warnings = _shots("a dog jumping with joy")
    assert warnings == []


def test_what_was_done_before_is_not_what_is_seen_now():
    # "shaking off water after a swim" swam across the park's grass
    assert _drawn(parse("a dog shaking off water after a swim").spec) == [("dog", "stand")]
    assert _drawn(parse("a dog resting after a long walk").spec) == [("dog", "sit")]
    assert _drawn(parse("a man chasing after his dog").spec)[0] == ("person", "chase")


def test_a_day_at_the_fair_is_by_day_until_its_fireworks():
    # every shot was at night, for the fireworks of the last; the candy said undrawable,
    # the teddy bear won left standing on the grass, the fair a labelled box
    shots, warnings = _shots(
        "a girl's day at the fair: riding the carousel, eating cotton candy, winning a teddy "
        "bear, watching fireworks"
    )
    assert [s.time_of_day for s in shots] == ["morning"] * (len(shots) - 1) + ["night"]
    assert ("person", "eat") in _drawn(shots[1])
    assert _drawn(shots[2])[0] == ("person", "hug") and shots[2].entities[0].target == 1
    assert any("fair (drawn as its park)" in w for w in warnings)
    assert not any("cotton" in w or "winning" in w for w in warnings)
    assert _drawn(parse("a girl holding a teddy bear").spec)[0] == ("person", "hug")
