"""A turtle (a tortoise, a sea turtle) plods along the sand and swims in the sea or over
the reef; it was a box labelled turtle standing on the beach."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import OUT_IN_THE_WATER, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("a turtle swimming in the ocean", "swim"),
        ("a sea turtle swims over the reef", "swim"),
        ("a tortoise walking in the garden", "walk"),
    ],
)
def test_a_turtle_is_read_as_itself(text, action):
    parsed = parse(text)
    (turtle,) = parsed.spec.entities
    assert (turtle.kind, turtle.colour, turtle.action) == ("turtle", "green", action)
    assert not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec


def test_a_turtle_swims_out_in_the_sea_and_plods_slowly_on_the_sand():
    assert make_brief(Request.build("a turtle")).place == "beach"  # where none is said
    swimming = parse("medium shot. a turtle swims at the beach").spec
    pose = Choreography(swimming, 2.0).pose(0, 1.0)
    assert pose.y == pytest.approx(OUT_IN_THE_WATER["beach"])
    tracked = {"camera": "track"}  # a still camera keeps a walk in its frame
    walking = Choreography(replace(parse("a turtle walks on the beach").spec, **tracked), 10.0)
    dog = Choreography(replace(parse("a dog walks on the beach").spec, **tracked), 10.0)
    turtle_way = walking.pose(0, 10.0).x - walking.pose(0, 0.0).x
    dog_way = dog.pose(0, 10.0).x - dog.pose(0, 0.0).x
    assert 0 < turtle_way < dog_way / 3  # a plod


def test_a_turtle_is_drawn_in_its_green_not_a_labelled_box():
    spec = parse("close-up. a turtle walks on the beach").spec
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=4, seed=2).frame(2)
    x0, y0, x1, y1 = truth.entities[0].box
    assert truth.entities[0].visible == 1.0
    patch = image[y0:y1, x0:x1].astype(int)
    green = np.abs(patch - np.array(COLOURS["green"])).sum(axis=2) < 60
    assert green.mean() > 0.15  # its shell fills much of its box
