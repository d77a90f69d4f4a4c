"""A dragon flies on beating bat wings and breathes fire now and then ("a dragon flying over
a castle" was two labelled boxes in the park)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.fantasy import BREATH_LASTS, FIRE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_a_dragon_flies_over_the_castle(first_planned):
    spec, warnings = first_planned("a dragon flying over a castle")
    assert [(e.kind, e.action) for e in spec.entities] == [("dragon", "fly"), ("castle", "stand")]
    assert warnings == [] and parse(caption(spec)).spec == spec
    assert parse("a dragon sleeping in the forest").spec.entities[0].action == "sleep"


def test_its_wings_beat_and_it_breathes_fire_now_and_then(first_planned):
    spec, _ = first_planned("a dragon breathing fire")
    spec = replace(spec, camera="static")
    fps = 24
    renderer = Renderer(spec, size=(320, 180), fps=fps, frames=3 * fps, seed=2)
    frames = {k: renderer.frame(k) for k in (6, 9, int(2.5 * fps))}

    def fire(k: int) -> int:
        image = frames[k][0].astype(int)
        return int((np.abs(image - np.array(FIRE)).sum(axis=2) < 40).sum())

    assert 6 / fps < BREATH_LASTS < 2.5  # the first blast, then none until the next
    assert fire(6) > 10 and fire(int(2.5 * fps)) == 0
    boxes = [next(e.box for e in frames[k][1].entities) for k in (6, 9)]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    wings = [frames[k][0][y0:y1, x0:x1] for k in (6, 9)]
    assert (wings[0] != wings[1]).any()  # beating (and going on)
