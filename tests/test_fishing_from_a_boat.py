"""Fishing from a boat is sitting in it with the rod out over its side, the boat still on the
water ("a man fishing from a boat on a calm lake" stood on the bank while an empty boat
sailed past; "a man in a boat fishing" rowed, the fishing left out)."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SADDLE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    "prompt",
    [
        "a man fishing from a boat",
        "a man in a boat fishing",
        "a man fishing in a boat",
        "a fisherman in a boat",
        "an old man fishing from his rowboat",
    ],
)
def test_one_fishing_in_a_boat_fishes_from_it(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == [
        ("person", "angle", 1),
        ("boat", "sail", None),
    ]
    assert not parsed.placeholders


@pytest.mark.parametrize(
    ("prompt", "staged"),
    [
        ("a man fishing by the lake", [("person", "angle", None)]),
        ("a man rowing a boat", [("person", "row", 1), ("boat", "sail", None)]),
    ],
)
def test_fishing_from_the_bank_and_rowing_are_as_they_were(prompt, staged):
    assert [(e.kind, e.action, e.target) for e in parse(prompt).spec.entities] == staged


def test_the_angler_sits_in_the_still_boat_bobbing_with_it(first_planned):
    spec, _ = first_planned("a man fishing from a boat on a calm lake at sunrise")
    assert (spec.place, spec.time_of_day) == ("lake", "morning")
    assert parse(caption(spec)).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a man fishing from a boat"))]
    assert "the person fishes from the boat" in asked
    choreography = Choreography(spec, 6.0)
    boats = [choreography.pose(1, t) for t in (0.5, 2.0, 3.5, 5.0)]
    anglers = [choreography.pose(0, t) for t in (0.5, 2.0, 3.5, 5.0)]
    assert len({round(b.x, 6) for b in boats}) == 1  # moored: going nowhere
    assert len({round(b.y, 6) for b in boats}) > 1  # but bobbing on the water
    for angler, boat in zip(anglers, boats, strict=True):
        assert angler.moored and boat.moored and angler.action == "angle"
        assert angler.y - boat.y == pytest.approx(SADDLE["boat"])  # on its seat
        assert abs(angler.x - boat.x) < 1.0  # within its hull
        assert angler.reach < 0  # the float down on the water by the boat, below the seat
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2).frame(1)
    man, boat = (next(e for e in truth.entities if e.kind == k).box for k in ("person", "boat"))
    assert boat[0] <= (man[0] + man[2]) / 2 <= boat[2]  # in it, seen over its side
    assert man[3] > boat[1]  # the hull hides the angler's legs
    float_red = (image[..., 0] > 180) & (image[..., 1] < 80) & (image[..., 2] < 70)
    ys, xs = float_red.nonzero()
    outside = xs[(xs > boat[2]) | (xs < boat[0])]
    assert outside.size  # the float is out on the water beyond the hull


def test_two_fishing_from_one_boat_sit_in_it_and_cast_either_way(first_planned):
    spec, _ = first_planned("a boy and his dad fishing from a boat")
    assert [(e.kind, e.action, e.target, e.label) for e in spec.entities] == [
        ("person", "angle", 2, "child"),
        ("person", "angle", 2, ""),
        ("boat", "sail", None, ""),
    ]
    assert parse(caption(spec)).spec == spec  # "A blue child and a grey person angle from …"
    choreography = Choreography(spec, 4.0)
    boy, dad, boat = (choreography.pose(i, 1.0) for i in range(3))
    assert boy.facing == -dad.facing  # one over the bow, one over the stern
    assert abs(boy.x - boat.x) < 1.0 and abs(dad.x - boat.x) < 1.0


def test_a_girl_and_her_mom_both_bake(first_planned):
    spec, _ = first_planned("a girl and her mom baking cookies")
    assert [(e.kind, e.action, e.label) for e in spec.entities] == [
        ("person", "cook", "child"),
        ("person", "cook", ""),
    ]
