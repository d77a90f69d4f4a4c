"""A seat for one and a fire by the place it burns in: an armchair is drawn, sat in, slept
on (it was a labelled box, in the park); "the fire" is the hearth's indoors and a campfire
out of doors ("sitting in his armchair by the fire" had no fire at all)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SEAT_HEIGHT, SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_KINDS


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("a cat sleeping by the fire in the living room", ["cat", "fireplace"]),
        ("friends sit by the crackling fire at the beach", ["campfire"]),
        ("a dragon breathes fire", ["dragon"]),  # no fire of its own to sit by
        ("a house on fire", ["house"]),
        ("a fire truck on the street", ["car"]),
        ("a man sits on a chair at a table", ["person", "table"]),  # the table's chair
        ("a grandma in her rocking chair", ["person", "armchair"]),
    ],
)
def test_the_fire_is_the_places_and_a_chair_is_a_seat_unless_a_tables(prompt, kinds):
    parsed = parse(prompt)
    assert [e.kind for e in parsed.spec.entities] == kinds
    assert not parsed.placeholders


def test_the_fire_where_no_place_is_said_burns_in_a_hearth_at_night(first_planned):
    spec, warnings = first_planned("an old man sitting in his armchair by the fire")
    assert (spec.place, spec.time_of_day) == ("living room", "night")
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "sit"),
        ("armchair", "stand"),
        ("fireplace", "stand"),
    ]
    assert not warnings and parse(caption(spec)).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a grandma knitting by the fire"))]
    assert asked == ["a person", "the person knits"]  # (sat, before knitting was drawn)
    assert first_planned("a grandma knitting by the fire")[0].place == "living room"


def test_one_sits_in_the_armchair_the_fire_beside_it_in_sight(first_planned):
    spec, _ = first_planned("an old man sitting in his armchair by the fire")
    choreography = Choreography(spec, 4.0)
    man, chair, fire = (choreography.pose(i, 1.0) for i in range(3))
    assert not man.grounded and abs(man.x - chair.x) < 0.2  # in it, not on the floor
    assert abs(fire.x - chair.x) > (SIZE["armchair"][0] + SIZE["fireplace"][0]) / 2  # aside
    renderer = Renderer(replace(spec, shot_size="wide"), size=(320, 180), fps=24, frames=2)
    image, truth = renderer.frame(1)
    x0, y0, x1, y1 = next(e for e in truth.entities if e.kind == "armchair").box
    crop = image[y0:y1, x0:x1].astype(int)
    green = np.array(COLOURS["green"])
    # its upholstery, dimmed by the night, all round the one in it
    assert (np.abs(crop - green * 0.4).sum(axis=2) < 90).sum() > 10


def test_a_fire_out_of_doors_is_the_camps_fire():
    text = "a family camping in the woods, then they sit by the fire"
    board, _ = preview_plan(Request.build(text), ["procedural"])
    last = board.shots[-1].scene_spec
    assert last.place == "forest" and "campfire" in [e.kind for e in last.entities]
    assert "fireplace" not in [e.kind for s in board.shots for e in s.scene_spec.entities]


def test_one_sitting_in_a_chair_reading_reads_in_the_armchair_at_home(first_planned):
    spec, _ = first_planned("a woman sitting on a chair reading a book")
    assert spec.place == "living room"
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "read"),
        ("armchair", "stand"),
    ]
    pose = Choreography(spec, 4.0).pose(0, 1.0)
    assert pose.action == "read" and not pose.grounded  # up in the chair, not on the floor
    cat = Choreography(parse("a cat sleeping on an armchair").spec, 4.0).pose(0, 1.0)
    assert cat.y == pytest.approx(SEAT_HEIGHT)  # curled up on its cushion


def test_the_armchair_is_no_kind_the_models_learnt():
    assert "armchair" not in LEARNT_KINDS
    learnt = parse("a cat sleeping on an armchair").within(LEARNT_KINDS, ("sit", "stand"))
    assert "armchair" not in [e.kind for e in learnt.spec.entities]


def test_stories_told_by_the_fire_are_told_sitting_by_it(first_planned):
    # "a grandpa telling stories by the fire" stood by the hearth, the telling undrawable
    alone, warnings = first_planned("a grandpa telling stories by the fire")
    assert not warnings
    assert [(e.kind, e.action) for e in alone.entities] == [
        ("person", "talk"),
        ("fireplace", "stand"),
        ("armchair", "stand"),
    ]
    told, _ = first_planned("a grandpa telling stories to his grandkids by the fire")
    assert [e.kind for e in told.entities] == ["person", "person", "fireplace", "sofa"]
    poses = Choreography(told, 2.0)
    assert all(poses.pose(i, 1.0).seated for i in (0, 1))  # side by side on the sofa
    assert parse("kids telling ghost stories around the campfire").spec.entities[0].action == (
        "talk"
    )
