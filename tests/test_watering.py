"""Watering flowers: a watering can held out over the flowers, drops falling from its spout
onto them (whoever watered walked past the flowers)."""

from __future__ import annotations

import numpy as np

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.creatures import CAN, WATER_DROPS
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_one_watering_flowers_stands_over_them_with_a_can_pouring():
    board, warnings = preview_plan(
        Request.build("a woman watering flowers in her garden"), ["procedural"]
    )
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert [(e.kind, e.action) for e in spec.entities][:2] == [
        ("person", "water"),
        ("flower", "stand"),
    ]
    assert spec.entities[0].target == 1 and parse(caption(spec)).spec == spec and not warnings
    choreography = Choreography(spec, 8.0)
    assert 0.5 < choreography.pose(1, 0.0).x - choreography.pose(0, 0.0).x < 1.2
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2, seed=2).frame(1)
    x0, y0, _, _ = truth.entities[0].box
    _, _, x1, y1 = truth.entities[1].box
    between = image[y0:y1, x0:x1].astype(int)
    for colour in (CAN, WATER_DROPS):
        assert (np.abs(between - np.array(colour)).sum(axis=2) < 40).sum() > 3
    assert parse("an old man waters the garden").spec.entities[0].action == "water"
