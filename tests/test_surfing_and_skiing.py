"""Surfing and skiing: a surfer stands on a board riding a wave at the beach, a skier
glides on skis, poles in hand, over the snow in the mountains (both walked along, the
surfer on the sand); and a request that says only what is done ("dancing in the rain")
has someone doing it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.choreography import OUT_IN_THE_WATER, SPEED, Choreography
from videoagent.synthworld.painters.boards import SKI
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _first_shot(request: str):
    board, warnings = preview_plan(Request.build(request), ["procedural"])
    return next(s for s in board.shots if s.kind == "generated"), warnings


def _near(image: np.ndarray, colour: tuple[int, int, int], tolerance: int = 40) -> np.ndarray:
    return np.abs(image.astype(int) - np.array(colour)).sum(axis=2) < tolerance


@pytest.mark.parametrize(
    "request_text",
    ["a surfer riding a wave at sunset", "a girl catches a wave", "a man on a surfboard"],
)
def test_a_surfer_rides_a_wave_at_the_beach(request_text):
    shot, warnings = _first_shot(request_text)
    spec = shot.scene_spec
    assert spec.place == "beach" and spec.camera == "track"
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "surf")]
    assert not [w for w in warnings if "riding" in w or "wave" in w]


def test_a_surfer_is_out_on_the_water_on_a_board_before_a_breaking_wave():
    spec = parse("a man surfing at the beach").spec
    choreography = Choreography(replace(spec, camera="track"), 8.0)
    poses = [choreography.pose(0, t / 10) for t in range(80)]
    assert poses[-1].x - poses[0].x > 2 * SPEED["walk"] * 7.9  # faster than walking
    assert min(p.y for p in poses) > OUT_IN_THE_WATER["beach"] - 0.2  # out past the surf
    assert max(p.y for p in poses) - min(p.y for p in poses) > 0.15  # up and down its wave
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, _, x1, y1 = truth.entities[0].box
    behind = image[y1 - 4 : y1 + 1, max(x0 - 2 * (x1 - x0), 0) : x0].astype(int)
    assert (behind.min(axis=2) > 200).sum() > 20  # white water at the foot of its wave
    swimmer = parse("a man swimming at the beach").spec  # the sea there is blue
    image, truth = Renderer(swimmer, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, _, x1, y1 = truth.entities[0].box
    assert (image[y1 - 4 : y1 + 1, max(x0 - 2 * (x1 - x0), 0) : x0].min(axis=2) > 200).sum() == 0


@pytest.mark.parametrize("request_text", ["a man skiing", "a skier going down a mountain"])
def test_a_skier_glides_on_skis_in_the_snowy_mountains(request_text):
    shot, _ = _first_shot(request_text)
    spec = shot.scene_spec
    assert (spec.place, spec.weather, spec.camera) == ("mountains", "snow", "track")
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "ski")]
    assert (
        "in the snow (one skis down the slope)" in make_brief(Request.build(request_text)).assumed
    )
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, _, x1, y1 = truth.entities[0].box
    feet = image[y1 - 3 : y1 + 2, x0 - 5 : x1 + 5]
    assert _near(feet, SKI, 60).sum() > 8  # red skis under the boots


def test_a_place_or_weather_said_is_kept_for_surfing_and_skiing():
    assert _first_shot("a girl catches a wave at the lake")[0].scene_spec.place == "lake"
    assert _first_shot("a woman skiing in the rain")[0].scene_spec.weather == "rain"


@pytest.mark.parametrize(
    ("request_text", "drawn"),
    [
        ("dancing in the rain", [("person", "dance")]),
        ("skiing in the alps", [("person", "ski")]),
        ("fishing at the lake", [("person", "angle")]),
    ],
)
def test_a_request_saying_only_what_is_done_has_someone_doing_it(request_text, drawn):
    assert [(e.kind, e.action) for e in _first_shot(request_text)[0].scene_spec.entities] == drawn


def test_what_the_filming_camera_does_is_no_ones_doing():
    assert parse("Wide shot, tracking camera following the subject. A beach.").spec.entities == ()
    assert parse("flying over the mountains").spec.entities == ()  # no person flies


@pytest.mark.parametrize(
    ("request_text", "left_out"),
    [
        ("a runner running a race", "race"),
        ("a man doing tricks in the park", "tricks"),
        ("a runner crosses the finish line", "line"),
    ],
)
def test_what_is_done_is_no_thing_drawn_as_a_labelled_box(request_text, left_out):
    parsed = parse(request_text)
    assert "placeholder" not in [e.kind for e in parsed.spec.entities]
    assert left_out in parsed.unsupported_words


def test_one_named_by_what_they_do_goes_so_where_only_going_is_said():
    assert parse("a runner crosses the finish line").spec.entities[0].action == "run"
    assert parse("a swimmer crosses the lake").spec.entities[0].action == "swim"
    assert parse("a runner walks his dog").spec.entities[0].action == "walk"  # as said


def test_a_moving_lead_is_followed_in_every_shot_of_its_coverage():
    board, _ = preview_plan(Request.build("a boy skateboarding"), ["procedural"])
    cameras = [s.scene_spec.camera for s in board.shots if s.kind == "generated"]
    assert cameras[:2] == ["track", "track"]


def test_a_later_beat_of_surfing_or_skiing_goes_where_it_is_done():
    board, _ = preview_plan(
        Request.build("two friends walk in the park, then one surfs, then they go skiing"),
        ["procedural"],
    )
    scenes = [s.scene_spec for s in board.shots if s.kind == "generated"]
    assert [(s.place, s.weather) for s in scenes] == [
        ("park", "clear"),
        ("beach", "clear"),
        ("mountains", "snow"),
    ]
