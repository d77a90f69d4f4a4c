"""Boats on the water: a rowing boat rowed by whoever is in it, a sailing boat under sail,
both out on a lake or the sea (as a swimmer is), framed there."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import OUT_IN_THE_WATER, SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a man rowing a boat on the lake", [("person", "row", 1), ("boat", "sail", None)]),
        ("a man in a boat", [("person", "row", 1), ("boat", "sail", None)]),  # in it: rowing
        # someone kayaks (the boat went by with no one in it)
        ("kayaking on the river", [("person", "row", 1), ("boat", "sail", None)]),
        ("a sailboat at sunset", [("sailboat", "sail", None)]),
        ("a girl on a horse", [("person", "ride", 1), ("horse", "walk", None)]),  # she stood by
    ],
)
def test_boats_are_read_rowed_and_sailed(text, read):
    parsed = parse(text)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == read
    assert not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec


def test_a_boat_is_on_its_water_where_no_place_is_said():
    assert make_brief(Request.build("a boat")).place == "lake"
    assert make_brief(Request.build("a sailboat at sunset")).place == "beach"
    assert make_brief(Request.build("a man rowing a boat")).place == "lake"


@pytest.mark.parametrize("place", ["lake", "beach"])
def test_what_floats_is_out_on_the_water_and_framed_there(place):
    spec = parse(f"medium shot. a man rowing a boat at the {place}").spec
    choreography = Choreography(spec, 4.0)
    rower, boat = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert boat.y == pytest.approx(OUT_IN_THE_WATER[place], abs=0.05)  # bobbing a little
    assert rower.y > boat.y and abs(rower.x - boat.x) < SIZE["boat"][0] / 2
    _, truth = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
    assert all(e.visible == 1.0 for e in truth.entities)  # not above the picture's top
    assert {e.action for e in truth.entities} == {"row", "sail"}
    swimmer = parse(f"close-up shot. a dog swims at the {place}").spec
    _, truth = Renderer(swimmer, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
    assert truth.entities[0].visible == 1.0


def test_several_in_one_boat_sit_one_behind_another():
    board, _ = preview_plan(Request.build("a family in a canoe on the river"), ["procedural"])
    scene = board.shots[0].scene_spec
    rowing = [i for i, e in enumerate(scene.entities) if e.action == "row"]
    assert len(rowing) == 3 and scene.place == "lake"
    choreography = Choreography(scene, 4.0)
    xs = sorted(choreography.pose(i, 1.0).x for i in rowing)
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) > 0.4
    boat = next(i for i, e in enumerate(scene.entities) if e.kind == "boat")
    middle, half = choreography.pose(boat, 1.0).x, SIZE["boat"][0] / 2
    assert all(middle - half < x < middle + half for x in xs)  # all in it


@pytest.mark.parametrize(
    ("request_text", "place"),
    [
        ("a kid jumping into the lake", "lake"),  # it jumped up and down on the shore
        ("a dog jumps into the swimming pool", "lake"),  # a pool, drawn as the lake
        ("a girl dives into the sea", "beach"),
    ],
)
def test_one_jumping_into_the_water_swims_out_in_it(first_planned, request_text, place):
    scene, warnings = first_planned(request_text)
    assert scene.place == place and scene.entities[0].action == "swim"
    pose = Choreography(scene, 4.0).pose(0, 2.0)
    assert pose.y == pytest.approx(OUT_IN_THE_WATER[place], abs=0.1)  # out in it
    assert ("pool (drawn as its lake)" in " ".join(warnings)) == ("pool" in request_text)
    assert parse("a cat jumping into a box").spec.entities[0].action == "jump"  # no water
