"""A goldfish in a bowl swims round and round in its bowl of water on a table at home,
framed close (it swam over a coral reef beside a labelled box)."""

from __future__ import annotations

import numpy as np

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.props import BOWL_GLASS
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_a_goldfish_in_a_bowl_is_at_home_on_a_table_framed_close():
    board, warnings = preview_plan(Request.build("a goldfish swimming in a bowl"), ["procedural"])
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert spec.place == "living room" and (spec.shot_size, spec.camera) == ("close-up", "static")
    assert [e.kind for e in spec.entities] == ["fish", "fishbowl", "table"]
    assert not warnings and parse(caption(spec)).spec == spec
    assert parse("a bowl of soup").spec.entities == ()  # no fish: no fishbowl


def test_the_fish_stays_in_its_bowl_turning_at_each_side():
    spec = parse("a goldfish swimming in a bowl").spec
    choreography = Choreography(spec, 8.0)
    bowl = choreography.pose(1, 0.0)
    fish = [choreography.pose(0, t / 4) for t in range(33)]
    assert all(abs(p.x - bowl.x) < 0.2 and bowl.y < p.y < bowl.y + 0.5 for p in fish)
    assert {p.facing for p in fish} == {1, -1}
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    fish_box, bowl_box = truth.entities[0].box, truth.entities[1].box
    assert bowl_box[0] <= fish_box[0] and fish_box[2] <= bowl_box[2]  # drawn inside it
    assert (fish_box[2] - fish_box[0]) < (bowl_box[2] - bowl_box[0]) / 2  # a goldfish's size
    x0, y0, x1, y1 = bowl_box
    glass = np.abs(image[y0:y1, x0:x1].astype(int) - np.array(BOWL_GLASS)).sum(axis=2) < 50
    assert glass.sum() > 10


def test_a_goldfish_is_in_its_bowl_wherever_it_is_said():
    """ "a girl feeding her goldfish" had her stand under the sea over a coral reef."""
    board, _ = preview_plan(Request.build("a girl feeding her goldfish"), ["procedural"])
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert spec.place == "living room"
    assert {"fish", "fishbowl", "table", "person"} <= {e.kind for e in spec.entities}
    assert [e.kind for e in parse("a shark in a fish tank").spec.entities][:2] == [
        "fish",
        "fishbowl",
    ]
    assert "fishbowl" not in [e.kind for e in parse("a shark swims in the sea").spec.entities]
