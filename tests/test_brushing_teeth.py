"""Brushing one's teeth: a toothbrush scrubbing to and fro at the mouth, foam at the lips,
in the bathroom ("a girl brushing her teeth before bed" walked about beside a bed in the
morning, the brushing said undrawable)."""

from __future__ import annotations

import numpy as np

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


def test_brushing_is_read_said_back_and_asked(first_planned):
    spec, warnings = first_planned("a girl brushing her teeth before bed")
    assert not warnings
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "brush")]
    assert (spec.place, spec.time_of_day) == ("bathroom", "night")  # no bed: bedtime
    told = caption(spec)
    assert "brushes teeth" in told and parse(told).spec == spec
    asked = [a.said() for a in read_asks(Request.build("a boy brushes his teeth"))]
    assert "the person brushes teeth" in asked
    groomed = parse("a boy brushing his dog").spec.entities  # an animal's coat: stroked
    assert [(e.kind, e.action) for e in groomed] == [("person", "pet"), ("dog", "sit")]
    assert "brush" not in LEARNT_ACTIONS


def test_the_toothbrush_scrubs_at_the_mouth(first_planned, lead_doing):
    spec, _ = first_planned("a boy brushes his teeth in the morning")
    standing = lead_doing(spec, "stand")
    brushing = Renderer(spec, size=(640, 360), fps=24, frames=8, seed=3)
    stood = Renderer(standing, size=(640, 360), fps=24, frames=8, seed=3)
    x0, y0, x1, y1 = brushing.frame(0)[1].entities[0].box
    head = slice(y0, y0 + (y1 - y0) // 6), slice(x0, x1 + (x1 - x0) // 2)
    ahead = []
    for k in range(0, 8, 2):  # a third of a second: a scrub to and fro
        diff = np.abs(brushing.frame(k)[0][head].astype(int) - stood.frame(k)[0][head]).sum(2)
        changed = np.argwhere(diff > 60)
        assert len(changed) > 30  # the toothbrush before the face, the hand holding it
        ahead.append(changed[:, 1].mean())
    assert max(ahead) - min(ahead) > 0.5  # scrubbing to and fro
