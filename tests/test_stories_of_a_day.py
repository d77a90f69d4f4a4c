"""Stories told beat by beat: where each beat is, who does it, what is in it.

"a boy and his dog play in the snow, build a snowman, then drink hot cocoa by the fire" was
all in the living room at night (the fire set the whole story); "a day at the farm: feeding
the chickens, riding a horse, …" took the chickens for who it is about and no one rode the
horse; "a fisherman rows out at dawn, casts his line, and catches a fish" stood on the bank
to fish and jumped up and down for the catch, a fish standing on the grass."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


def _shots(text: str):
    board, _ = preview_plan(Request.build(text), ["procedural"])
    return [s for s in board.shots if s.kind == "generated"]


def _staged(shot) -> list[tuple[str, str]]:
    return [(e.kind, e.action) for e in shot.scene_spec.entities]


def test_play_in_the_snow_then_go_home_to_the_fire():
    shots = _shots(
        "a boy and his dog play in the snow, build a snowman, then drink hot cocoa by the fire"
    )
    out, home = shots[:2], shots[-1]
    for shot in out:  # out in the snow, by day
        assert (shot.scene_spec.place, shot.scene_spec.time_of_day) == ("park", "morning")
    assert home.scene_spec.place == "living room"
    assert ("fireplace", "stand") in _staged(home) and ("person", "hold") in _staged(home)
    assert home.caption == "The boy and his dog drink hot cocoa by the fire."


@pytest.mark.parametrize(
    ("text", "place", "fire"),
    [
        ("a family camping in the woods, then they sit by the fire", "forest", "campfire"),
        ("a man walks on the beach, then sits by the fire", "beach", "campfire"),
    ],
)
def test_a_fire_out_in_the_wild_is_a_campfire_where_one_is(text, place, fire):
    last = _shots(text)[-1].scene_spec
    assert last.place == place and fire in [e.kind for e in last.entities]


def test_a_day_of_doings_no_one_is_named_for_is_one_persons():
    shots = _shots("a day at the farm: feeding the chickens, riding a horse, then a picnic")
    assert all(shot.scene_spec.entities[0].kind == "person" for shot in shots)
    assert _staged(shots[0])[1:] == [("bird", "eat"), ("bird", "eat")]  # the hens fed
    assert _staged(shots[1]) == [("person", "ride"), ("horse", "walk")]
    assert shots[1].caption == "Riding a horse."  # as said: no one named to say it of
    assert ("blanket", "stand") in _staged(shots[2])


def test_the_fisherman_fishes_from_the_boat_he_rowed_out_in():
    text = "a fisherman rows out at dawn, casts his line, and catches a fish"
    shots = _shots(text)
    assert _staged(shots[0]) == [("person", "row"), ("boat", "sail")]
    for shot in shots[1:]:  # still in it, the line out: the fish is on its hook
        assert _staged(shot) == [("person", "angle"), ("boat", "sail")]
        assert shot.scene_spec.entities[0].target == 1
    asked = [a.said() for a in read_asks(Request.build(text))]
    assert "a fish" not in asked and "the person fishes" in asked


@pytest.mark.parametrize(
    ("text", "kinds", "count"),
    [
        ("a flock of birds flying over the lake", ["bird"], "three birds"),
        ("a herd of cows grazing", ["cow"], "three cows"),
        ("a family of ducks on the pond", ["bird"], "three birds"),
        ("a couple of dogs playing", ["dog"], "two dogs"),
        ("a man drinking a cup of coffee", ["person", "cup"], "a cup"),
    ],
)
def test_how_many_is_no_thing_of_its_own(text, kinds, count):
    """ "a flock of birds" drew a box labelled "flock"; "a cup of coffee" two cups."""
    parsed = parse(text)
    assert [e.kind for e in parsed.spec.entities] == kinds and not parsed.placeholders
    assert count in [a.said() for a in read_asks(Request.build(text))]


def test_a_row_of_streetlights_is_no_rowing_and_after_school_no_school():
    """ "past a row of streetlights" brought a boat sailing down the street; "at the park
    after school" was drawn in the street (school stood in for by it)."""
    spec = _shots("a man walking his dog past a row of streetlights at night")[0].scene_spec
    assert "boat" not in [e.kind for e in spec.entities]
    assert [e.kind for e in spec.entities].count("streetlight") >= 2
    board, warnings = preview_plan(
        Request.build("two boys on the swings at the park after school"), ["procedural"]
    )
    swings = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert swings.place == "park" and not warnings  # (it said school was drawn as a street)
    assert [e.kind for e in swings.entities].count("swing") == 1  # one swing set
    asked = [a.said() for a in read_asks(Request.build("two boys on the swings"))]
    assert "a swing" in asked


def test_a_squirrel_climbing_a_tree_is_up_in_it():
    parsed = parse("a squirrel climbing a tree")
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("squirrel", "perch"),
        ("tree", "stand"),
    ]
    assert "climbing" not in parsed.unsupported_words


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a man fishing by the lake catches a big fish", "A man fishing by the lake catches"),
        ("a surfer riding the waves", "A surfer rides the waves."),  # the waves: no verb
    ],
)
def test_one_doing_something_is_said_as_asked_where_a_verb_follows(text, said):
    """ "A man fishes by the lake catches a big fish." put both verbs in the present."""
    assert _shots(text)[0].caption.startswith(said)
