"""Chopping vegetables: leaning over a board on a worktop, a knife coming down through a
carrot pushed up to it, the coins heaped before it, in the kitchen ("a chef chopping
vegetables" stood in the kitchen, empty-handed)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.tools import CARROT
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt",
    ["a chef chopping vegetables", "a mom cutting onions", "a man slicing the tomatoes"],
)
def test_cutting_vegetables_is_read_and_said_back(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("person", "slice")]
    assert not parsed.unsupported_words and not parsed.placeholders
    said = caption(parsed.spec)
    assert "chops vegetables" in said and parse(said).spec == parsed.spec
    assert parse("a man chopping wood").spec.entities[0].action == "chop"  # an axe, a log


def test_it_is_done_in_the_kitchen_close_up_and_asked_for(first_planned):
    spec, warnings = first_planned("a mom cutting onions")
    assert not warnings and (spec.place, spec.shot_size) == ("kitchen", "close-up")
    asked = [a.said() for a in read_asks(Request.build("a mom cutting onions"))]
    assert asked == ["a person", "the person chops vegetables"]


def _carrot(frame: np.ndarray) -> int:
    """How many pixels are the carrot's orange."""
    diff = np.abs(frame.astype(int) - np.array(CARROT)).sum(axis=2)
    return int((diff < 40).sum())


def test_the_carrot_is_cut_down_coin_by_coin_as_the_knife_comes_down(first_planned):
    spec, _ = first_planned("a chef chopping vegetables")
    rate = Choreography.phase_rate("slice")
    renderer = Renderer(spec, size=(640, 360), fps=24, frames=120, seed=1)
    offset = renderer.choreography.gait_offset
    # the frame of each cut's first moment: the first, and nine cuts on
    frames = [round((2 * np.pi * cuts / rate - offset) * 24) + 1 for cuts in (1, 10)]
    whole, cut = (renderer.frame(k)[0] for k in frames)
    assert _carrot(cut) < 0.8 * _carrot(whole)  # shorter by nine coins, less their heap
    assert "slice" not in LEARNT_ACTIONS
    learnt = parse("a chef chopping vegetables").within(("person",), ("stand", "walk"))
    assert [(e.kind, e.action) for e in learnt.spec.entities] == [("person", "stand")]
