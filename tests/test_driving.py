"""One who drives sits at the wheel of a car that drives, seen through its windows ("a man
driving a car through the city" walked along beside a parked car, and "a person that drives"
was said to be undrawable)."""

from __future__ import annotations

from dataclasses import replace

from videoagent.plan.asks import asks_in
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _truths(spec, *frames: int):
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=max(frames) + 1, seed=2)
    return [renderer.frame(k) for k in frames]


def test_a_driver_is_at_the_wheel_of_the_car_said_or_of_one_brought(first_planned):
    spec, warnings = first_planned("a man driving a car through the city")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "steer", 1),
        ("car", "drive", None),
    ]
    assert spec.place == "city" and warnings == [] and parse(caption(spec)).spec == spec
    said = [a.said() for a in asks_in("a man driving a car through the city")]
    assert "the person drives the car" in said
    spec, _ = first_planned("a woman driving to work in the rain")
    assert [e.kind for e in spec.entities] == ["person", "car"] and spec.place == "street"
    standing = parse("a man standing by a car").spec.entities
    assert [(e.kind, e.action) for e in standing] == [("person", "stand"), ("car", "stand")]


def test_the_car_carries_its_driver_who_is_seen_through_its_windows(first_planned):
    spec, _ = first_planned("a man driving a car through the city")
    spec = replace(spec, camera="static", shot_size="wide")
    frames = _truths(spec, 0, 40)
    for _, truth in frames:
        driver, car = (e.box for e in truth.entities)
        assert car[0] < (driver[0] + driver[2]) / 2 < car[2]  # inside it, wherever it goes
    cars = [next(e.box for e in truth.entities if e.kind == "car") for _, truth in frames]
    assert cars[1][0] != cars[0][0]  # driven along
    parked = replace(spec, entities=(replace(spec.entities[1], action="stand"),))
    assert _colours_in_front_window(*_truths(parked, 0)[0]) <= 2  # glass (and its frame)
    assert _colours_in_front_window(*frames[0]) > 3  # the driver seen through it


def _colours_in_front_window(image, truth) -> int:
    """How many colours the middle of a car's front window shows (facing right, it is
    the middle of the cabin's right half, a little above the doors)."""
    x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "car")
    width, height = x1 - x0, y1 - y0
    rows = slice(y0 + int(height * 0.1), y0 + int(height * 0.28))
    columns = slice(x0 + int(width * 0.52), x0 + int(width * 0.64))
    return len({tuple(p) for p in image[rows, columns].reshape(-1, 3)})


def test_those_with_the_driver_ride_in_the_car(first_planned):
    spec, _ = first_planned("a family driving through the mountains")
    said = caption(spec)
    assert said.count(" drives ") == 1 and said.count("rides in the red car") == 2
    assert parse(said).spec == spec  # one car, three in it


def test_a_farmer_drives_a_tractor_through_a_field_from_its_cab(first_planned):
    """ "a farmer driving a tractor through a field" brought a car to steer, the tractor a
    labelled box beside it, in the park."""
    spec, warnings = first_planned("a farmer driving a tractor through a field")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "steer", 1),
        ("tractor", "drive", None),
    ]
    assert spec.place == "farm" and warnings == [] and parse(caption(spec)).spec == spec
    alone, _ = first_planned("a tractor")  # it goes about its work, on a farm
    assert (alone.place, alone.entities[0].action) == ("farm", "drive")
    spec = replace(spec, camera="static", shot_size="wide")
    frames = _truths(spec, 0, 40)
    for _, truth in frames:
        driver, tractor = (e.box for e in truth.entities)
        assert tractor[0] < (driver[0] + driver[2]) / 2 < tractor[2]  # in its cab
        assert driver[1] < tractor[1] + (tractor[3] - tractor[1]) / 2  # up high in it
    assert frames[1][1].entities[1].box[0] != frames[0][1].entities[1].box[0]  # driven along
