"""A drone: flown by one who stands holding its controller, it hovers ahead of them, up
high, wandering to and fro ("a boy flying a drone in the park" walked along alone, the
drone neither drawn nor said to be missing)."""

from __future__ import annotations

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_KINDS


def test_a_drone_is_flown_by_whom_the_sentence_says(first_planned):
    assert [(e.kind, e.action, e.target) for e in parse("a boy flying a drone").spec.entities] == [
        ("person", "stand", None),
        ("drone", "fly", 0),
    ]
    spec, warnings = first_planned("a boy flying a drone in the park")
    assert not warnings and [(e.kind, e.action) for e in spec.entities] == [
        ("person", "stand"),  # he stands to fly it
        ("drone", "fly"),
    ]
    assert parse(caption(spec)).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a boy flying a drone in the park"))]
    assert "a drone" in asked and "the drone flies" in asked


def test_it_hovers_ahead_of_its_pilot_up_high_and_its_controller_is_in_hand(first_planned):
    spec, _ = first_planned("a boy flying a drone in the park")
    poses = Choreography(spec, 4.0)
    pilot, drone = poses.pose(0, 1.0), poses.pose(1, 1.0)
    assert pilot.at_the_face == "controller"
    assert drone.y > 2.0 and (drone.x - pilot.x) * pilot.facing > 1.0
    heights = {round(poses.pose(1, t).y, 2) for t in (0.0, 1.0, 2.0, 3.0)}
    assert len(heights) > 1  # bobbing, wandering
    image, truth = Renderer(spec, size=(320, 180), fps=8, frames=8, seed=1).frame(4)
    person, flown = truth.entities
    assert flown.box[3] < person.box[1]  # all of it above their head
    crossing = parse("a drone flying over the city").spec
    across = Choreography(crossing, 4.0)
    assert across.pose(0, 3.0).x > across.pose(0, 0.0).x  # no one flies it: it goes by
    assert "drone" not in LEARNT_KINDS
