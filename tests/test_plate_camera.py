"""The embedded plate moves as the shot is staged only where the model can draw the move at
its own pace; a move staged much slower is drawn as a still plate."""

from __future__ import annotations

import pytest

from videoagent.generators.plate_camera import (
    MODEL_MOVE_SECONDS,
    PlateCamera,
    plate_camera,
    travel_per_second,
)
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.staging import Stage

FPS = 8.0


def staged(camera: str, action: str, seconds: float) -> Stage:
    spec = SceneSpec(
        "street", "noon", "clear", camera, "wide", (EntitySpec("dog", "brown", action),)
    )
    return Stage(spec, size=(112, 64), fps=FPS, frames=round(seconds * FPS), seed=3)


def test_a_pan_at_the_models_pace_moves_and_a_two_minute_pan_stands_still():
    quick = plate_camera(staged("pan", "sit", MODEL_MOVE_SECONDS))
    assert quick.move == "pan" and quick.share == pytest.approx(1.0, abs=0.1)
    slow = plate_camera(staged("pan", "sit", 120.0))
    assert slow.move == "static" and slow.share < 0.05
    # The staged view itself travels 40 times slower: the share is measured, not assumed.
    ratio = travel_per_second(staged("pan", "sit", 120.0)) / travel_per_second(
        staged("pan", "sit", MODEL_MOVE_SECONDS)
    )
    assert slow.share == pytest.approx(ratio, rel=0.1)


def test_a_tracking_shot_moves_with_a_walking_subject_and_not_with_one_that_sits():
    for seconds in (3.0, 10.0, 60.0):  # a walk has the same pace in any shot
        walking = plate_camera(staged("track", "walk", seconds))
        assert walking.move == "track" and walking.share > 0.9
    sitting = plate_camera(staged("track", "sit", 10.0))
    assert sitting == PlateCamera("static", 0.0)
    assert (
        sitting.note("track")
        == "drawn still: the staged tracking shot does not move (its subject stays put)"
    )


def test_the_report_says_when_the_plate_is_drawn_still():
    slow = plate_camera(staged("zoom out", "sit", 30.0))
    assert slow.move == "static"
    assert slow.note("zoom out").startswith(
        f"drawn still: the staged zoom out runs at {slow.share:.2f}"
    )
    assert plate_camera(staged("static", "sit", 30.0)).note("static") is None
    assert plate_camera(staged("pan", "sit", 3.0)).note("pan") is None
