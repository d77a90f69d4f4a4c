"""Meals and reading as people ask for them: diners on chairs at a table, a plate before
each who eats, dinner in the evening and candles alight; food in the hand; a book held
open, read to one sitting with the reader."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, TABLE_END, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.sprites import actions_of
from videoagent.synthworld.vocabulary import BUNCH, CHILD, COLOURS, LEARNT_ACTIONS, LEARNT_KINDS


def _kinds(prompt: str) -> list[tuple[str, str | None]]:
    return [(e.kind, e.action) for e in parse(prompt).spec.entities]


def _planned(request: str):
    """The scene of the first shot `make` would plan for `request`, and the warnings."""
    board, warnings = preview_plan(Request.build(request), ["procedural"])
    return next(s for s in board.shots if s.kind == "generated").scene_spec, warnings


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        (
            "a man and a woman having dinner",
            [("person", "eat"), ("person", "eat"), ("table", "stand")],
        ),
        ("a man eating lunch at a table", [("person", "eat"), ("table", "stand")]),
        ("a dog eating its dinner", [("dog", "eat")]),  # no table for a dog's dinner
        ("a puppy chewing a bone", [("dog", "eat")]),  # it walked along, chewing undrawn
        ("a rabbit nibbling a carrot", [("rabbit", "eat")]),
        # a fish or a chicken cooked or eaten is food (a fish swam on the grass by the fire)
        ("a cat eating a fish", [("cat", "eat")]),
        ("a man grilling chicken", [("person", "cook")]),
        ("a chicken eating corn", [("bird", "eat")]),  # the chicken is who eats
        ("a man eating a hot dog", [("person", "eat")]),  # a hot dog is no dog
        ("a girl with a sandwich", [("person", "eat")]),
        ("a chef cooks pasta", [("person", "cook")]),  # cooked, not eaten
        ("a girl reading a book", [("person", "read")]),
        ("a candle on a table", [("candle", "stand"), ("table", "stand")]),
        # a meal no one is named to have: someone has it (two, by candlelight), at the table
        (
            "a candlelit dinner",
            [("person", "eat"), ("person", "eat"), ("table", "stand"), ("candle", "stand")],
        ),
        ("breakfast in the kitchen", [("person", "eat"), ("table", "stand")]),
    ],
)
def test_meals_food_books_and_candles_are_read_as_what_is_done(prompt, kinds):
    """ "a couple having dinner" walked along; "a sandwich", "a book" and "a hot dog" were
    boxes beside whoever had them (a hot dog also a dog)."""
    parsed = parse(prompt)
    assert _kinds(prompt) == kinds
    assert not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec


def test_diners_sit_on_chairs_at_either_end_of_the_table_and_a_third_behind_it():
    spec, _ = _planned("a family eating breakfast in the kitchen")
    assert [(e.kind, e.label) for e in spec.entities] == [
        ("person", ""),
        ("table", ""),
        ("person", ""),
        ("person", CHILD),
    ]
    choreography = Choreography(spec, 6.0)
    table = choreography.pose(1, 2.0)
    first, second, child = (choreography.pose(i, 2.0) for i in (0, 2, 3))
    assert (first.at_table, second.at_table, child.at_table) == ("end", "end", "far")
    assert first.x == pytest.approx(table.x - TABLE_END) and first.facing == 1
    assert second.x == pytest.approx(table.x + TABLE_END) and second.facing == -1
    assert abs(child.x - table.x) < SIZE["table"][0] / 2  # behind it, at its middle
    assert table.laid == ("meal", "meal", "meal", "")  # plates before all three, chairs at its ends
    assert not (first.grounded or child.grounded)  # on chairs, not the floor
    assert child.y > 0  # up on the chair, its hips as high as a grown-up's


def test_a_far_diner_is_drawn_behind_the_table_and_the_near_ones_before_it():
    spec, _ = _planned("a family eating breakfast in the kitchen")
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2)
    image, truth = renderer.frame(12)
    view, poses = renderer.stage.moment(12)
    assert [e.kind for e in truth.entities].count("person") == 3
    top = SIZE["table"][1] - 0.05  # the table's top, as high as a diner's chest
    child = view.to_pixels(poses[3].x, poses[3].y + top - poses[3].y, (320, 180))
    near = view.to_pixels(poses[0].x + 0.05, top, (320, 180))
    table_brown, shirt = COLOURS["brown"], COLOURS[spec.entities[0].colour]
    far_pixel = image[round(child[1]), round(child[0])]
    near_pixel = image[round(near[1]), round(near[0])]
    assert _close(far_pixel, table_brown) > _close(far_pixel, COLOURS[spec.entities[3].colour])
    assert _close(near_pixel, shirt) > _close(near_pixel, table_brown)


def _close(pixel, colour) -> float:
    """How near a drawn pixel is to a colour (the grade shifts colours a little)."""
    return -sum(abs(int(p) - c) for p, c in zip(pixel[:3], colour, strict=True))


def test_dinner_is_in_the_evening_and_by_candlelight_after_dark():
    assert make_brief(Request.build("a couple having dinner at home")).time_of_day == "sunset"
    candlelit = make_brief(Request.build("a couple having dinner by candlelight"))
    assert candlelit.time_of_day == "night"
    assert any("for the candlelight" in a for a in candlelit.assumed)
    said = make_brief(Request.build("a couple having dinner in the morning"))
    assert said.time_of_day == "morning"  # a time said is kept


def test_a_candle_stands_lit_on_the_table_and_candles_are_a_cluster():
    spec = parse("a couple having dinner by candlelight").spec
    kinds = [e.kind for e in spec.entities]
    choreography = Choreography(spec, 4.0)
    candle, table = (
        choreography.pose(kinds.index("candle"), 1.0),
        choreography.pose(kinds.index("table"), 1.0),
    )
    assert candle.y == pytest.approx(SIZE["table"][1]) and candle.x == pytest.approx(table.x)
    candles = parse("candles on the table").spec.entities[0]
    assert (candles.kind, candles.label) == ("candle", BUNCH)
    asked = {a.what: a.count for a in read_asks(Request.build("candles on the table"))}
    assert asked["candle"] == 2  # two or more asked; the cluster of three shows them
    # a cake's candles are the cake's
    assert "candle" not in [a.what for a in read_asks(Request.build("the candles on her cake"))]


def test_food_is_eaten_sitting_down_on_a_bench_or_the_ground():
    bench = parse("a man eating a sandwich on a bench").spec
    pose = Choreography(bench, 4.0).pose(0, 1.0)
    assert (pose.action, pose.grounded) == ("eat", False)  # up on the bench
    beach = parse("a man eating a hot dog at the beach").spec
    pose = Choreography(beach, 4.0).pose(0, 1.0)
    assert (pose.action, pose.grounded, pose.at_table) == ("eat", True, "")
    assert "dog" not in [a.what for a in read_asks(Request.build("a man eating a hot dog"))]


def test_one_read_to_sits_with_the_reader_facing_them():
    spec = parse("a grandmother reading a book to her grandson").spec
    assert [(e.kind, e.action, e.label) for e in spec.entities] == [
        ("person", "read", ""),
        ("person", "sit", CHILD),
    ]
    choreography = Choreography(spec, 4.0)
    reader, listener = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert reader.grounded and listener.grounded
    assert 0.9 < listener.x - reader.x < 1.5  # clear of her feet, close enough to hear
    assert (reader.facing, listener.facing) == (1, -1)


def test_a_plan_of_dinner_seats_the_couple_and_says_what_is_drawn():
    spec, warnings = _planned("a couple having dinner at a restaurant by candlelight")
    assert spec.time_of_day == "night" and spec.place == "cafe"
    assert [e.action for e in spec.entities if e.kind == "person"] == ["eat", "eat"]
    assert {"table", "candle"} <= {e.kind for e in spec.entities}
    undrawn = " ".join(w.split("no drawing for")[-1] for w in warnings)
    assert "restaurant" in undrawn and "dinner" not in undrawn and "candle" not in undrawn


def test_a_romantic_dinner_with_no_one_named_seats_two_diners_at_the_table():
    """ "a romantic candlelit dinner" was a candle and a table in an empty room, the candle
    said to eat; then two people in the same blue, sitting on the floor away from it."""
    spec, warnings = _planned("a romantic candlelit dinner")
    diners = [e for e in spec.entities if e.kind == "person"]
    assert [e.action for e in diners] == ["eat", "eat"]
    assert len({e.colour for e in diners}) == 2  # two people, not one drawn twice
    assert spec.entities[0].kind == "person" and spec.time_of_day == "night"
    assert not any("candle that eats" in w for w in warnings)
    choreography = Choreography(spec, 4.0)
    seats = [choreography.pose(i, 1.0).at_table for i, e in enumerate(spec.entities)]
    assert seats[:2] == ["end", "end"]  # on chairs at its ends, not on the floor


def test_models_that_never_saw_a_person_eat_or_read_draw_them_standing():
    assert "eat" not in actions_of("person") and "read" not in LEARNT_ACTIONS
    learnt = parse("a man and a woman having dinner").within(LEARNT_KINDS, LEARNT_ACTIONS).spec
    assert [e.action for e in learnt.entities if e.kind == "person"] == ["stand", "stand"]
    dog = parse("a dog eating its dinner").within(LEARNT_KINDS, LEARNT_ACTIONS).spec
    assert dog.entities[0].action == "eat"


def test_creatures_being_fed_peck_and_graze_at_what_they_are_given():
    """ "an old man feeding pigeons" had the pigeons standing still beside him, and said
    the feeding was not drawn."""
    parsed = parse("an old man feeding pigeons in the park")
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("person", "stand"),
        ("bird", "eat"),
    ]
    assert "feeding" not in parsed.unsupported_words
    assert parse("a farmer feeds the horses").spec.entities[1].action == "eat"
    spec = parse("close-up. a bird eats in the park").spec
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2)
    (up, truth), (down, _) = renderer.frame(0), renderer.frame(12)
    x0, y0, x1, y1 = truth.entities[0].box
    assert abs(up.astype(int) - down.astype(int))[y0:y1, x0:x1].max() > 60  # pecking


@pytest.mark.parametrize(
    ("request_text", "place"),
    [
        ("a couple having dinner by candlelight", "living room"),  # it was the park
        ("a family eating breakfast", "kitchen"),
        ("two friends having lunch", "cafe"),
        ("two friends having lunch on the beach", "beach"),  # a place said is kept
    ],
)
def test_a_meal_where_no_place_is_said_is_where_it_is_had(request_text, place):
    assert make_brief(Request.build(request_text)).place == place


def test_one_cooking_out_of_doors_is_at_no_stove():
    """ "A blue person cooks at the stove." was said of a dad grilling in the park."""
    outdoors = caption(parse("a dad grilling burgers in the park").spec)
    assert "A blue person cooks." in outdoors and "stove" not in outdoors
    assert "cooks at the stove" in caption(parse("a chef cooks in the kitchen").spec)
