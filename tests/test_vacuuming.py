"""Vacuuming: an upright vacuum cleaner pushed to and fro over the floor, at home ("a man
vacuuming the living room" walked about it, the vacuuming said undrawable)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt", ["a man vacuuming the living room", "a woman hoovering", "a boy vacuums the carpet"]
)
def test_vacuuming_is_read_said_back_asked_and_at_home(prompt, first_planned):
    spec, warnings = first_planned(prompt)
    assert not warnings and spec.place == "living room"
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "vacuum")]
    told = caption(spec)
    assert "vacuums" in told and parse(told).spec == spec
    asked = [a.said() for a in read_asks(Request.build(prompt)) if a.kind == "action"]
    assert asked == ["the person vacuums"]
    assert "vacuum" not in LEARNT_ACTIONS


def test_the_cleaner_s_head_is_pushed_out_along_the_floor_and_back(first_planned):
    spec, _ = first_planned("a man vacuuming the living room")
    render = Renderer(spec, size=(640, 360), fps=24, frames=48, seed=3)
    heads = []
    for k in range(0, 48, 6):  # two seconds: out and back
        image, truth = render.frame(k)
        x0, _, x1, y1 = truth.entities[0].box
        floor = image[y1 - 8 : y1 + 2, x1 : min(x1 + (x1 - x0) * 2, 640)].astype(int)
        dark = np.argwhere(floor.sum(axis=2) < 200)  # its head, dark on the rug
        heads.append(dark[:, 1].mean())
    assert max(heads) - min(heads) > 5
