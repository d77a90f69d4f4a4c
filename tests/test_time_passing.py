"""Time passing over a video ("from day to night"): the shots run through the times of day
in order, and the video shows the first and the last."""

from __future__ import annotations

import pytest

from conftest import QUIET
from videoagent import Agent
from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.plan.time_passing import times_passing


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("a time lapse of the city from day to night", ("noon", "sunset", "night")),
        ("a dog in the park from sunrise to sunset", ("morning", "noon", "sunset")),
        ("a cat watches as day turns into night", ("noon", "sunset", "night")),
        ("from dawn till dusk at the beach", ("morning", "noon", "sunset")),
        ("a dog walks from the park to the cafe", ()),
        ("from night to morning", ()),  # no day runs backwards
        ("a cat's day", ()),
    ],
)
def test_which_times_a_request_asks_to_pass_through(text, times):
    assert times_passing(text) == times


def test_the_shots_pass_through_the_times_in_order():
    board, warnings = preview_plan(
        Request.build("a 30 second time lapse of the city from day to night"), ["procedural"]
    )
    times = [shot.scene["time_of_day"] for shot in board.shots]
    assert times == sorted(times, key=("noon", "sunset", "night").index)
    assert times[0] == "noon" and times[-1] == "night" and "sunset" in times
    assert not any("lapse" in w for w in warnings)


def test_a_video_from_sunrise_to_sunset_shows_both(tmp_path):
    request = Request.build("a 6 second video of a dog in the park from sunrise to sunset")
    result = Agent(QUIET).make(request, tmp_path / "film")
    asks = {a["said"]: a["state"] for a in result.manifest["asks"]}
    assert asks["in the morning"] == "shown" and asks["at sunset"] == "shown"
