"""People named by what they do do it where nothing else is said of them: a cyclist rides
a bike, a jogger runs, a dancer dances, a guitarist plays, a skateboarder rides a board
(they all walked along)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.choreography import SPEED, Choreography
from videoagent.synthworld.painters.boards import WHEEL
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _first_shot(request: str) -> list[tuple[str, str]]:
    board, _ = preview_plan(Request.build(request), ["procedural"])
    shot = next(s for s in board.shots if s.kind == "generated")
    return [(e.kind, e.action) for e in shot.scene_spec.entities]


@pytest.mark.parametrize(
    ("request_text", "drawn"),
    [
        ("a cyclist in the park", [("person", "cycle"), ("bike", "roll")]),
        ("a jogger at sunrise", [("person", "run")]),
        ("two dancers in the city", [("person", "dance"), ("person", "dance")]),
        ("a swimmer at the lake", [("person", "swim")]),
        ("a guitarist in the street", [("person", "stand"), ("guitar", "stand")]),
        ("a chef in the kitchen", [("person", "cook")]),
        ("a jockey on the beach", [("person", "ride"), ("horse", "walk")]),
        ("a kayaker on the lake", [("person", "row"), ("boat", "sail")]),
        ("a skateboarder doing tricks in a skatepark", [("person", "skate")]),
        ("an artist in the park", [("person", "paint"), ("easel", "stand")]),
        ("a fisherman at the lake", [("person", "angle")]),
        ("a surfer at sunset", [("person", "surf")]),
        ("two skiers", [("person", "ski"), ("person", "ski")]),
    ],
)
def test_one_named_by_what_they_do_does_it(request_text, drawn):
    assert _first_shot(request_text) == drawn


def test_what_a_sentence_says_they_do_comes_first():
    assert _first_shot("a dancer sleeps on the sofa")[0] == ("person", "sleep")
    # (onions chopped on a board: before there was a drawing of it, the chef stood)
    assert _first_shot("a chef chopping onions")[0] == ("person", "slice")
    # riding with nothing said to ride: the cyclist's bike, a jockey's horse
    assert [e.kind for e in parse("a cyclist rides through the city").spec.entities] == [
        "person",
        "bike",
    ]
    assert parse("a cyclist rides a horse").spec.entities[1].kind == "horse"
    assert parse("a cyclist rides through the city").unsupported_words == []


def test_a_skateboarder_rolls_along_on_the_board_and_hops_now_and_then():
    spec = parse("a boy skateboarding down the street").spec
    choreography = Choreography(replace(spec, camera="track"), 8.0)
    poses = [choreography.pose(0, t / 10) for t in range(80)]
    assert poses[-1].x - poses[0].x > 2 * SPEED["walk"] * 7.9  # faster than walking
    assert max(p.y for p in poses) > 0.2 and min(p.y for p in poses) == 0.0  # ollies
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, _, x1, y1 = truth.entities[0].box
    feet = image[y1 - 4 : y1, x0:x1].astype(int)
    wheels = np.abs(feet - np.array(WHEEL)).sum(axis=2) < 40
    assert wheels.any()  # the board's wheels under the rider's feet


def test_what_a_name_says_is_done_by_the_one_named_and_no_other_is_said_unable():
    # "a dog and a fisherman" warned of a dog that angles
    parsed = parse("a dog and a fisherman by the lake")
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("dog", "stand"),
        ("person", "angle"),
    ]
    assert parsed.cannot == []
    # what a sentence says of them all is still asked of each
    assert parse("a girl and her cat dancing").cannot == [("cat", "dance")]
