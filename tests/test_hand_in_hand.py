"""Walking hand in hand and hugging: "a couple walking on the beach at sunset holding hands"
walks together, a step apart, hands joined (the second walked more than a metre behind the
first, arms swinging, and "holding" was read as holding nothing); "a mother hugging her son"
come close and put their arms round each other (they met a step apart, talking with their
hands)."""

from __future__ import annotations

import math

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import HAND_IN_HAND, Choreography
from videoagent.synthworld.painters.creatures import HOLDING_HANDS
from videoagent.synthworld.prompt_parser import parse


@pytest.mark.parametrize(
    "text",
    [
        "a man and a woman walk hand in hand in the park",
        "a man and a woman holding hands",
        "a boy and a girl walking along the beach holding hands",
    ],
)
def test_holding_hands_is_walking_together(text):
    parsed = parse(text)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("person", "stroll"),
        ("person", "stroll"),
    ]
    assert not parsed.placeholders and "hand" not in parsed.unsupported_words
    assert parse(caption(parsed.spec)).spec == parsed.spec


def test_holding_hands_on_a_bench_is_sitting_on_it_together(first_planned):
    # "an old couple holding hands on a park bench" walked hand in hand past the bench
    spec, warnings = first_planned("an old couple holding hands on a park bench")
    assert not warnings
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "sit"),
        ("bench", "stand"),
        ("person", "sit"),
    ]
    walking = parse("a man and a woman holding hands walking past a bench").spec
    assert [e.action for e in walking.entities if e.kind == "person"] == ["stroll", "stroll"]


def test_a_couple_holding_hands_walks_a_step_apart_their_hands_meeting():
    board, _ = preview_plan(
        Request.build("a couple walking on the beach at sunset holding hands"), ["procedural"]
    )
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "stroll")] * 2
    assert spec.camera == "track"
    choreography = Choreography(spec, 6.0)
    for t in (0.5, 3.0, 5.5):
        first, second = choreography.pose(0, t), choreography.pose(1, t)
        assert first.facing == second.facing
        assert first.x - second.x == pytest.approx(HAND_IN_HAND * first.facing)
        assert (first.hand_behind, first.hand_ahead) == (True, False)
        assert (second.hand_ahead, second.hand_behind) == (True, False)
    assert choreography.pose(0, 5.5).x > choreography.pose(0, 0.5).x  # on their way
    # each arm reaches half the step: the two hands meet between them
    reach = 0.55 * math.sin(HOLDING_HANDS)  # an arm's length, grown-up's metres
    assert abs(2 * reach - HAND_IN_HAND) < 0.05


def test_people_hugging_come_close_and_put_their_arms_round_each_other():
    parsed = parse("a mother hugging her son")
    assert [(e.action, e.target) for e in parsed.spec.entities] == [("hug", 1), ("hug", 0)]
    assert parse(caption(parsed.spec)).spec == parsed.spec
    assert [e.action for e in parse("a girl hugging her dog").spec.entities] == ["meet", "meet"]
    met = Choreography(parse("a man meets a woman").spec, 4.0)
    hugged = Choreography(parse("a man hugs a woman").spec, 4.0)
    gap = {
        name: abs(c.pose(0, 3.5).x - c.pose(1, 3.5).x)
        for name, c in (("met", met), ("hug", hugged))
    }
    assert gap["hug"] < 0.6 * gap["met"]  # close enough to hold each other
    mother, son = (
        Choreography(parsed.spec, 4.0).pose(0, 3.5),
        Choreography(parsed.spec, 4.0).pose(1, 3.5),
    )
    assert (mother.action, son.action) == ("hug", "hug")
    assert mother.reach == 1.0 and son.reach == 0.0  # the grown-up leans down to the child
    board, _ = preview_plan(Request.build("two friends hug in the park"), ["procedural"])
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert [(e.action, e.target) for e in spec.entities] == [("hug", 1), ("hug", 0)]
