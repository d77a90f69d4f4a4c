"""The time of day and the weather move on with the story: named once, they hold from there;
said to begin later ("then it starts to rain"), they do not hold before."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.plan.story_time import story_time


@pytest.mark.parametrize(
    ("text", "times", "weathers"),
    [
        (
            "a dog walks in the morning, then sleeps at night, then dreams",
            ["morning", "night", "night"],
            ["clear"] * 3,
        ),
        (
            "a person walking a dog at noon, then it starts to rain",
            ["noon", "noon"],
            ["clear", "rain"],
        ),
        (
            "a dog walking in the park, then sniffing around, in the rain",
            ["morning"] * 3,
            ["rain"] * 3,
        ),
        ("a cat sits by the window, then night falls", ["morning", "night"], ["clear"] * 2),
        ("a dog meets a cat, then the sun sets", ["morning", "sunset"], ["clear"] * 2),
        # Named beside what is done in that beat: from there (it was sunset all day).
        (
            "a girl walks her dog in the park, then they sit on a bench at sunset",
            ["morning", "sunset"],
            ["clear"] * 2,
        ),
        ("a dog plays in the park, then runs home in the rain", ["morning"] * 2, ["clear", "rain"]),
        # Said by what is done then: from that beat (the beach was at sunset for the dinner).
        ("a family at the beach, then dinner at home", ["morning", "sunset"], ["clear"] * 2),
        # Said after a beat that only sets the scene: that scene is in it too (the street
        # was dry, and people walked in the rain on it).
        (
            "a busy city street at night with cars and people walking in the rain",
            ["night"] * 2,
            ["rain"] * 2,
        ),
        ("a quiet street, then a man walks his dog in the snow", ["morning"] * 2, ["snow"] * 2),
    ],
)
def test_time_and_weather_at_each_beat(text, times, weathers):
    brief = make_brief(Request.build(text))
    at_each = story_time(brief.beats, brief)
    assert [now["time_of_day"] for now in at_each] == times
    assert [now["weather"] for now in at_each] == weathers


def test_the_shots_before_the_rain_starts_are_dry_and_the_video_still_shows_it():
    request = Request.build(
        "a person walking a dog through the park at noon, then it starts to rain"
    )
    board, _ = preview_plan(request, ["procedural"])
    weathers = [shot.scene["weather"] for shot in board.shots]
    assert weathers[0] == "clear" and weathers[-1] == "rain"
    assert weathers == sorted(weathers)  # clear, then rain: never back


def test_coming_inside_later_is_no_place_the_story_starts():
    """ "building a snowman, then … inside" built it in the living room, snow and all."""
    text = "two kids building a snowman, then having a snowball fight, then drinking cocoa inside"
    board, _ = preview_plan(Request.build(text), ["procedural"])
    places = [shot.scene_spec.place for shot in board.shots if shot.kind == "generated"]
    assert places[0] == "park" and places[-1] == "living room"
    assert make_brief(Request.build("a cat sleeping inside")).place == "living room"
