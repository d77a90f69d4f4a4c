"""A dog riding in a car: at its back window, its head out into the wind, ears streaming,
as the car drives along ("a dog riding in a car with its head out the window" was in the
living room, said to be unable to steer, a car parked beside it)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import IN_THE_BACK, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS

REQUEST = "a dog riding in a car with its head out the window"


@pytest.mark.parametrize("prompt", [REQUEST, "a dog in a car"])
def test_a_dog_in_a_car_rides_along_in_it(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == [
        ("dog", "ride", 1),
        ("car", "drive", None),
    ]
    assert not parsed.cannot and not parsed.unsupported_words


def test_a_dog_on_a_horse_is_still_no_drawing():
    assert ("dog", "ride") in parse("a dog riding a horse").cannot


def test_it_goes_along_at_the_back_window_of_the_car_on_the_street(first_planned):
    spec, warnings = first_planned(REQUEST)
    assert not warnings and spec.place == "street"  # (a window said: a car's, not home's)
    choreography = Choreography(spec, 6.0)
    dog, car = choreography.pose(0, 3.0), choreography.pose(1, 3.0)
    assert dog.x - car.x == pytest.approx(IN_THE_BACK[0] * car.facing)
    assert IN_THE_BACK[1] <= dog.y < IN_THE_BACK[1] + 0.05  # (bobbing a little as it goes)
    assert car.action == "drive"
    assert choreography.pose(0, 5.5).x > choreography.pose(0, 0.5).x + 3  # driven along
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    dog_box, car_box = (e.box for e in truth.entities)
    assert car_box[0] < dog_box[0] < dog_box[2] < car_box[2] and dog_box[1] < car_box[1] + 30
    x0, y0, x1, y1 = dog_box
    coat = np.abs(image[y0:y1, x0:x1].astype(int) - COLOURS[spec.entities[0].colour])
    assert (coat.sum(axis=2) < 60).mean() > 0.05  # drawn over the car, not hidden in it


def test_the_caption_and_the_asks_say_it_rides_in_the_car():
    spec = parse(REQUEST).spec
    said = caption(spec)
    assert "dog rides in a red car, its head out of the window" in said
    assert parse(said).spec == spec
    asked = [a.said() for a in read_asks(Request.build(REQUEST))]
    assert "the dog rides in the car" in asked
