"""A beat said to be "outside" goes out of the house (it played in the living room); one
watching the weather, or looking outside, is indoors, the weather on the windows (a cat
looking out at the rain walked in the park in it)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


def _places(text):
    board, _ = preview_plan(Request.build(text), ["procedural"])
    return [
        (s.scene_spec.place, s.scene_spec.weather) for s in board.shots if s.kind == "generated"
    ]


def test_playing_outside_goes_out_and_dinner_comes_home():
    places = _places("a girl practices piano, then plays outside with her dog, then eats dinner")
    assert [p for p, _ in places] == ["living room", "park", "living room"]


@pytest.mark.parametrize(
    ("text", "weather"),
    [
        ("a cat looks outside at the rain", "rain"),
        ("a girl watching the snow fall", "snow"),
        ("a boy watching the storm", "rain"),
    ],
)
def test_watching_the_weather_is_from_indoors(text, weather):
    assert set(_places(text)) == {("living room", weather)}


def test_one_looking_out_keeps_still_indoors(first_planned):
    for text in ("a cat looks outside at the rain", "a girl staring outside at the snow"):
        spec, _ = first_planned(text)
        assert spec.place == "living room" and spec.entities[0].action == "sit"


def test_out_in_the_rain_stays_out():
    assert {p for p, _ in _places("a dog playing in the rain")} == {"park"}


def test_about_the_house_is_in_it_and_the_square_is_the_city_s():
    # "exploring the house" stood a house in the living room; "the square" was a labelled box
    explored = parse("a cat exploring the house")
    assert explored.spec.place == "living room"
    assert [(e.kind, e.action) for e in explored.spec.entities] == [("cat", "sniff")]
    assert "a house" not in [a.said() for a in read_asks(Request.build("a cat in the house"))]
    assert [e.kind for e in parse("a dog runs to the house").spec.entities] == ["dog", "house"]
    fed = parse("an old man feeding pigeons in the square")
    assert fed.spec.place == "city" and not fed.placeholders


def test_chores_done_at_home_are_at_home():
    # doing the laundry, brushing one's teeth were out in the park
    assert [p for p, _ in _places("a woman doing laundry")][0] == "living room"
    assert [p for p, _ in _places("a boy brushing his teeth")][0] == "bathroom"


def test_a_driveway_is_the_street_s():
    # a labelled box "driveway" stood in the park
    assert [p for p, _ in _places("a boy playing basketball in the driveway")][0] == "street"


def test_a_story_that_opens_out_and_about_is_not_indoors_where_it_goes_later():
    # the dog was walked in the café, and fetched across the living room
    walked = _places("a woman walking her dog on a snowy morning, then drinking coffee at a cafe")
    assert walked[0] == ("park", "snow") and walked[-1][0] == "cafe"
    fetched = [p for p, _ in _places("a dog plays fetch, then naps on the sofa")]
    assert fetched[0] == "park" and fetched[-1] == "living room"
    read = [p for p, _ in _places("a girl reads a book, then falls asleep on the sofa")]
    assert read == ["living room"] * len(read)  # reading is done there too


def test_a_windowsill_is_the_window_s_and_a_porch_the_street_s():
    # labelled boxes "windowsill" in the living room and "porch" in the park
    sill = parse("a cat sitting on a windowsill")
    assert not sill.placeholders and sill.unsupported_words == []
    assert [p for p, _ in _places("a man sitting on the porch at sunset")][0] == "street"
