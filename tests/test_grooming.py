"""Brushing one's hair (a hairbrush drawn down from the crown) and shaving (a razor drawn
down the cheek through the lather), in the bathroom where no place is said ("a girl
brushing her hair", "a man shaving" walked in the park, the doing said undrawable)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.tools import FOAM, HAIRBRUSH
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("text", "action", "asked"),
    [
        ("a girl brushing her hair", "comb", "the person brushes hair"),
        ("a woman combing her hair before bed", "comb", "the person brushes hair"),
        ("a man shaving in front of the mirror", "shave", "the person shaves"),
    ],
)
def test_grooming_is_read_placed_said_back_and_asked(first_planned, text, action, asked):
    spec, warnings = first_planned(text)
    assert not warnings and spec.place == "bathroom"  # the mirror is its wall's
    assert [(e.kind, e.action) for e in spec.entities] == [("person", action)]
    assert parse(caption(spec)).spec == spec
    assert asked in [a.said() for a in read_asks(Request.build(text))]
    assert action not in LEARNT_ACTIONS
    groomed = parse("a boy brushing his dog").spec.entities  # an animal's coat: stroked
    assert [e.action for e in groomed] == ["pet", "sit"]


@pytest.mark.parametrize(("action", "tool"), [("comb", HAIRBRUSH), ("shave", FOAM)])
def test_the_brush_or_the_razor_moves_at_the_head(first_planned, lead_doing, action, tool):
    spec, _ = first_planned(f"a man {'brushes his hair' if action == 'comb' else 'shaves'}")
    doing = Renderer(spec, size=(640, 360), fps=24, frames=12, seed=3)
    stood = Renderer(lead_doing(spec, "stand"), size=(640, 360), fps=24, frames=12, seed=3)
    x0, y0, x1, y1 = doing.frame(0)[1].entities[0].box
    head = slice(y0, y0 + (y1 - y0) // 5), slice(x0 - (x1 - x0) // 2, x1 + (x1 - x0) // 2)
    shown = [
        np.abs(doing.frame(k)[0][head].astype(int) - np.array(tool)).sum(2) < 40 for k in (0, 6)
    ]
    assert all(mask.sum() > 10 for mask in shown)  # the brush, the lather
    assert not (np.abs(stood.frame(0)[0][head].astype(int) - np.array(tool)).sum(2) < 40).sum()
    moved = np.abs(doing.frame(0)[0][head].astype(int) - doing.frame(6)[0][head]).sum(2) > 60
    assert moved.sum() > 20  # stroked down, and back
