"""A fence is drawn; one jumping over it runs at it and leaps it, a horse with its rider on
it ("a horse and rider jumping over a fence" was a horse hopping up and down beside a
labelled box, and "rider" said undrawable); a cat or a bird sits on its top rail."""

from __future__ import annotations

from dataclasses import replace

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.brief import make_brief
from videoagent.plan.prose import described
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import PERCH_HEIGHT, SADDLE, SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.vocabulary import LEARNT_KINDS


@pytest.mark.parametrize(
    "said", ["fence", "picket fence", "wooden fence", "railing", "hurdle", "garden fence"]
)
def test_a_fence_by_its_names(said):
    parsed = parse(f"a dog by the {said}")
    assert [e.kind for e in parsed.spec.entities] == ["dog", "fence"]
    assert not parsed.placeholders
    assert "fence" not in LEARNT_KINDS


def _heights(choreography: Choreography, index: int, duration: float) -> list[float]:
    return [choreography.pose(index, duration * k / 200).y for k in range(201)]


def test_a_dog_runs_at_the_fence_and_leaps_it_midway(first_planned):
    spec, warnings = first_planned("a dog jumping over a fence")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("dog", "jump", 1),
        ("fence", "stand", None),
    ]
    assert (spec.shot_size, spec.camera) == ("wide", "track") and not warnings
    assert parse(caption(spec)).spec == spec  # "A brown dog jumps over a white fence."
    asked = [a.said() for a in read_asks(Request.build("a dog jumping over a fence"))]
    assert "the dog jumps over the fence" in asked
    choreography = Choreography(spec, 6.0)
    fence = choreography.pose(1, 0.0).x
    start, middle, end = (choreography.pose(0, t) for t in (0.0, 3.0, 6.0))
    assert start.x < fence < end.x  # from one side to the other
    assert start.y == end.y == 0.0 and start.action == "run"  # running, on the ground
    assert middle.x == pytest.approx(fence, abs=0.3)
    assert max(_heights(choreography, 0, 6.0)) > SIZE["fence"][1]  # clears it


def test_a_static_shot_sees_the_leap_at_a_run_not_in_slow_motion(first_planned):
    spec, _ = first_planned("a dog jumping over a fence")
    choreography = Choreography(replace(spec, camera="static"), 6.0)
    travelled = choreography.pose(0, 6.0).x - choreography.pose(0, 0.0).x
    assert travelled > 3.0  # through the frame (a static shot held others to 3 m)


def test_a_horse_and_rider_leap_the_fence_together(first_planned):
    text = "a horse and rider jumping over a fence"
    brief = make_brief(Request.build(text))
    assert (brief.subject, brief.subject_kind) == ("a rider", "person")
    spec, warnings = first_planned(text)
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "ride", 1),
        ("horse", "jump", 2),
        ("fence", "stand", None),
    ]
    assert not warnings and parse(caption(spec)).spec == spec
    choreography = Choreography(spec, 6.0)
    rider, horse = _heights(choreography, 0, 6.0), _heights(choreography, 1, 6.0)
    top = max(range(len(horse)), key=horse.__getitem__)
    assert horse[top] > SIZE["fence"][1]
    assert rider[top] > SADDLE["horse"] + SIZE["fence"][1]  # still in the saddle, up with it
    assert rider[0] == pytest.approx(SADDLE["horse"], abs=0.05)


@pytest.mark.parametrize(
    ("prompt", "caption_said"),
    [
        ("a horse and rider jumping over a fence", "A rider on a horse jumps over a fence."),
        ("a girl on a bike riding through the park", "A girl on a bike rides through the park."),
        ("a cat on a building sleeping", "A cat on a building sleeps."),  # the thing it is on
    ],
)
def test_what_one_does_after_what_it_is_on_is_told_in_the_present(
    first_planned, prompt, caption_said
):
    board, _ = preview_plan(Request.build(prompt), ["procedural"])
    assert next(s for s in board.shots if s.kind == "generated").caption == caption_said


def test_a_galloping_horse_runs_under_its_rider():
    parsed = parse("a cowboy galloping on a horse")
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("person", "ride"),
        ("horse", "run"),
    ]


def test_a_cat_on_a_fence_sits_on_its_top_rail_out_of_doors(first_planned):
    spec, _ = first_planned("a cat sitting on a fence")
    assert spec.place == "park"  # no fence in the living room
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("cat", "perch", 1),
        ("fence", "stand", None),
    ]
    assert parse(caption(spec)).spec == spec  # "An orange cat perches on a white fence."
    pose = Choreography(spec, 4.0).pose(0, 1.0)
    assert (pose.y, pose.action) == (PERCH_HEIGHT["fence"], "perch")
    assert "sits on the top rail of the white fence" in described(spec, "")  # not "a branch"
