"""One on a bus rides in it, seen at one of its windows as it drives along the street
("a teenager texting on her phone on the bus" stood in the park beside a parked bus, the
phone on the ground)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    "prompt", ["a man riding the bus to work", "a woman sitting on the bus", "a girl on a bus"]
)
def test_one_on_a_bus_rides_in_it(prompt):
    entities = parse(prompt).spec.entities
    assert [(e.kind, e.action, e.target) for e in entities] == [
        ("person", "ride", 1),
        ("bus", "drive", None),
    ]
    assert parse("a man waiting for the bus").spec.entities[0].action == "sit"  # at the stop


def test_the_passenger_is_seen_at_a_window_as_it_goes_down_the_street(first_planned):
    spec, warnings = first_planned("a teenager texting on her phone on the bus")
    assert not warnings and spec.place == "street"
    asked = [a.said() for a in read_asks(Request.build("a man riding the bus"))]
    assert "the person rides the bus" in asked
    ridden, _ = first_planned("a man riding the bus")
    assert parse(caption(ridden)).spec == ridden
    renderer = Renderer(spec, size=(640, 360), fps=8, frames=16, seed=1)
    image, truth = renderer.frame(8)
    person, phone, bus = truth.entities
    x0, y0, x1, y1 = bus.box
    assert x0 <= person.box[0] and person.box[2] <= x1 and y0 < person.box[1]  # inside it
    px0, py0, px1, py1 = person.box
    face = image[py0 : py0 + (py1 - py0) // 4, px0:px1].astype(int)
    skin = np.array((224, 178, 140))
    assert (np.abs(face - skin).sum(axis=2) < 60).sum() > 10  # through the glass
    assert abs(phone.box[1] - person.box[1]) < (py1 - py0) / 2  # held before the face
    poses = Choreography(spec, 2.0)
    assert poses.pose(2, 0.0).driven and poses.pose(2, 1.0).x > poses.pose(2, 0.0).x
