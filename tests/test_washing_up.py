"""Washing the dishes: at the sink on a worktop, a plate held up over the suds, a sponge
going round on it, in the kitchen ("a woman washing dishes in the kitchen" stood in it
empty-handed, the washing said undrawable)."""

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
    "prompt",
    ["a woman washing dishes", "a man doing the dishes", "a couple washing up"]
    + ["does the washing up"],  # (said of no one: someone does it; it drew a deer)
)
def test_washing_up_is_read_said_back_asked_and_in_the_kitchen(prompt, first_planned):
    spec, warnings = first_planned(prompt)
    assert not warnings and spec.place == "kitchen"
    assert {(e.kind, e.action) for e in spec.entities if e.kind == "person"} == {("person", "wash")}
    told = caption(spec)
    assert "washes the dishes" in told and parse(told).spec == spec
    asked = [a.said() for a in read_asks(Request.build(prompt)) if a.kind == "action"]
    assert asked == ["the person washes the dishes"]
    assert "wash" not in LEARNT_ACTIONS


def test_what_else_is_washed_is_said_undrawable():
    assert parse("a boy washing the car").unsupported_words == ["washing"]
    assert parse("a woman brushing her coat").unsupported_words == ["brushing"]  # (hair: drawn)


def test_the_sponge_goes_round_on_the_plate_over_the_sink(first_planned, lead_doing):
    spec, _ = first_planned("a woman washing dishes in the kitchen")
    standing = lead_doing(spec, "stand")
    washing = Renderer(spec, size=(640, 360), fps=24, frames=8, seed=3)
    stood = Renderer(standing, size=(640, 360), fps=24, frames=8, seed=3)
    x0, y0, x1, y1 = washing.frame(0)[1].entities[0].box
    before = slice(y0, y1), slice(x1 - (x1 - x0) // 3, min(x1 + (x1 - x0), 640))
    sponges = []
    for k in range(0, 8, 2):  # a third of a second: the sponge a third of its round on
        image = washing.frame(k)[0][before].astype(int)
        assert (np.abs(image - stood.frame(k)[0][before]).sum(axis=2) > 60).sum() > 400
        yellow = np.argwhere((image[..., 0] > 200) & (image[..., 1] > 170) & (image[..., 2] < 110))
        sponges.append(tuple(yellow.mean(axis=0).round(1)))
    assert len(set(sponges)) > 1  # going round
