"""People named by what they do do it where nothing else is said of them: a cyclist rides
a bike, a jogger runs, a dancer dances, a guitarist plays (they all walked along)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


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
    ],
)
def test_one_named_by_what_they_do_does_it(request_text, drawn):
    assert _first_shot(request_text) == drawn


def test_what_a_sentence_says_they_do_comes_first():
    assert _first_shot("a dancer sleeps on the sofa")[0] == ("person", "sleep")
    assert _first_shot("a chef chopping onions")[0] == ("person", "stand")
    # riding with nothing said to ride: the cyclist's bike, a jockey's horse
    assert [e.kind for e in parse("a cyclist rides through the city").spec.entities] == [
        "person",
        "bike",
    ]
    assert parse("a cyclist rides a horse").spec.entities[1].kind == "horse"
    assert parse("a cyclist rides through the city").unsupported_words == []
