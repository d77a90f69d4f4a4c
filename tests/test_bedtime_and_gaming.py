"""A bedtime story is read at home at night, sitting on the bed; video games are played at
home on the sofa ("grandpa reading a bedtime story" read in the park in the morning; "a boy
playing a video game" ran after a ball)."""

from __future__ import annotations

import pytest


def _doings(spec):
    return sorted((e.kind, e.action) for e in spec.entities)


def test_a_bedtime_story_is_read_on_the_bed_at_night(first_planned):
    spec, _ = first_planned("grandpa reading a bedtime story")
    assert (spec.place, spec.time_of_day) == ("living room", "night")
    assert _doings(spec) == [("bed", "stand"), ("person", "read")]


@pytest.mark.parametrize(
    "request_text",
    ["a teenager playing video games", "a boy playing a video game", "two brothers gaming"],
)
def test_video_games_are_played_sitting_on_the_sofa_at_home(first_planned, request_text):
    spec, warnings = first_planned(request_text)
    assert spec.place == "living room"
    assert ("sofa", "stand") in _doings(spec)
    assert {a for k, a in _doings(spec) if k == "person"} == {"sit"}  # no ball run after
    assert not any("games" in w for w in warnings)
