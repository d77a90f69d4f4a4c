"""A seesaw: a plank on a pivot, one astride each end, one going up as the other comes down
("two kids on a seesaw" walked past a labelled box "seesaw")."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    "text",
    ["two kids on a seesaw", "a boy and his sister playing on the seesaw", "kids seesawing"],
)
def test_those_on_a_seesaw_ride_its_ends(first_planned, text):
    spec, warnings = first_planned(text)
    assert not warnings
    riders = [e for e in spec.entities if e.kind == "person"]
    seesaw = next(k for k, e in enumerate(spec.entities) if e.kind == "seesaw")
    assert len(riders) == 2 and all((e.action, e.target) == ("seesaw", seesaw) for e in riders)
    assert parse(caption(spec)).spec == spec
    assert "the person rides the seesaw" in [a.said() for a in read_asks(Request.build(text))]


def test_one_end_goes_up_as_the_other_comes_down(first_planned):
    spec, _ = first_planned("a boy and his sister playing on the seesaw")
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=48, seed=2)
    frames = [renderer.frame(k)[1] for k in (0, 17)]  # (a little over half a tip apart)
    tops = [[e.box[1] for e in truth.entities if e.kind == "person"] for truth in frames]
    (a0, b0), (a1, b1) = tops
    assert (a1 - a0) * (b1 - b0) < 0 and abs(a1 - a0) > 3  # the one up, the other down
    assert all(e.visible > 0.5 for truth in frames for e in truth.entities)
