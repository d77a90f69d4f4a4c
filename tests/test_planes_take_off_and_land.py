"""A plane taking off rolls down the runway and climbs away, wheels down; landing, it comes
down onto it and rolls on (it stood on the ground, or flew by)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import FLIGHT, Choreography
from videoagent.synthworld.prompt_parser import parse


@pytest.mark.parametrize(
    ("text", "action", "asked"),
    [
        ("a plane taking off from the airport", "takeoff", "the plane takes off"),
        ("a plane landing at sunset", "land", "the plane lands"),
    ],
)
def test_a_plane_takes_off_or_lands_followed(text, action, asked):
    board, _ = preview_plan(Request.build(text), ["procedural"])
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert [(e.kind, e.action) for e in spec.entities] == [("plane", action)]
    assert spec.camera == "track" and parse(caption(spec)).spec == spec
    assert asked in [a.said() for a in read_asks(Request.build(text))]


def test_taking_off_it_rolls_then_climbs_and_landing_it_comes_down_then_rolls():
    for action, first, last in (("takes off", 0.0, 1.0), ("lands", 1.0, 0.0)):
        spec = replace(parse(f"a plane {action}").spec, camera="track")  # as planned
        choreography = Choreography(spec, 8.0)
        heights = [choreography.pose(0, t / 2).y / FLIGHT["plane"] for t in range(17)]
        assert heights[0] == pytest.approx(first) and heights[-1] == pytest.approx(last)
        climbing = heights if first == 0 else heights[::-1]
        assert climbing == sorted(climbing) and climbing[2] == 0.0  # a roll on the ground
        xs = [choreography.pose(0, t / 2).x for t in range(17)]
        assert xs == sorted(xs) and xs[-1] - xs[0] > 30  # fast, on along the runway
