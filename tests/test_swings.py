"""A swing is drawn: a child on its seat swings to and fro, and one pushing them stands
behind it ("a kid on a swing in the park" walked past a box labelled "swing", captioned
"A kid on a sws in the park")."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SWING_ROPE, SWING_TOP, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt",
    ["a kid on a swing in the park", "kids swinging at the playground", "a girl on the swings"],
)
def test_a_child_on_a_swing_swings_on_it(prompt):
    parsed = parse(prompt)
    assert parsed.spec.entities[0].action == "swing"
    assert parsed.spec.entities[parsed.spec.entities[0].target].kind == "swing"
    assert not parsed.placeholders


@pytest.mark.parametrize(
    ("prompt", "staged"),
    [
        ("a boy swinging a bat", ("person", "stand")),  # no swing to be on
        ("a mother pushing a stroller in the park", ("person", "walk")),  # walking it
    ],
)
def test_swinging_or_pushing_something_else_is_no_swing(prompt, staged):
    first = parse(prompt).spec.entities[0]
    assert (first.kind, first.action) == staged
    assert "swing" not in [e.kind for e in parse(prompt).spec.entities]


def test_the_seat_swings_to_and_fro_on_its_ropes_the_child_on_it(first_planned):
    spec, warnings = first_planned("a kid on a swing in the park")
    assert not warnings and spec.place == "park"
    assert parse(caption(spec)).spec == spec  # "A blue child swings on a red swing."
    asked = [a.said() for a in read_asks(Request.build("a kid on a swing"))]
    assert "the person swings on the swing" in asked
    choreography = Choreography(spec, 6.0)
    frame = choreography.pose(1, 0.0).x
    poses = [choreography.pose(0, k / 12) for k in range(72)]
    xs = [p.x - frame for p in poses]
    assert min(xs) < -0.5 and max(xs) > 0.5  # there and back
    for pose in poses:  # on the seat, at the end of its ropes
        reach = ((pose.x - frame) ** 2 + (SWING_TOP - pose.y) ** 2) ** 0.5
        assert reach == pytest.approx(SWING_ROPE)
        assert choreography.pose(1, 0.0).x == frame  # the frame stays put


def test_one_pushing_a_child_on_a_swing_stands_behind_it(first_planned):
    spec, _ = first_planned("a dad pushing his daughter on a swing")
    assert [(e.kind, e.action, e.label) for e in spec.entities] == [
        ("person", "push", ""),
        ("person", "swing", "child"),
        ("swing", "stand", ""),
    ]
    assert parse(caption(spec)).spec == spec  # "… pushes a grey child on a red swing."
    choreography = Choreography(spec, 6.0)
    for t in (0.5, 1.5, 2.5, 3.5):
        dad, girl = choreography.pose(0, t), choreography.pose(1, t)
        assert dad.x < girl.x and dad.y == 0.0  # behind her, on his feet
    reaches = [choreography.pose(0, k / 12).reach for k in range(72)]
    assert max(reaches) > 0.9 and min(reaches) == 0.0  # hands out as she comes back


def test_swinging_and_pushing_are_no_actions_the_models_learnt():
    assert "swing" not in LEARNT_ACTIONS and "push" not in LEARNT_ACTIONS


def test_a_word_in_ing_with_no_vowel_before_it_is_no_doing():
    board, _ = preview_plan(Request.build("a kid on a swing in the park"), ["procedural"])
    assert next(s for s in board.shots if s.kind == "generated").caption == (
        "A kid on a swing in the park."  # was "A kid on a sws in the park."
    )


def test_two_on_the_swings_swing_the_other_way_from_each_other(first_planned):
    """ "two boys on the swings": the second stood by the frame (one seat was drawn)."""
    spec, _ = first_planned("two boys on the swings at the park")
    assert [e.kind for e in spec.entities].count("swing") == 1  # one swing set
    riders = [i for i, e in enumerate(spec.entities) if e.action == "swing"]
    assert len(riders) == 2
    choreography = Choreography(spec, 6.0)
    for t in (0.4, 1.1, 2.0, 3.3):
        first, second = (choreography.pose(i, t) for i in riders)
        assert first.action == second.action == "swing"
        assert first.swing == pytest.approx(-second.swing)  # each on a seat of their own
    frame = next(i for i, e in enumerate(spec.entities) if e.kind == "swing")
    assert choreography.pose(frame, 1.0).reach == 1.0  # its second seat drawn
