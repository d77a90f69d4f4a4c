"""A hula hoop swung round the waist, the arms up ("a girl hula hooping in the backyard"
walked, the hula and the hooping said undrawable)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.tools import HOOP
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    "text", ["a girl hula hooping in the park", "a kid with a hula hoop", "a woman hula-hoops"]
)
def test_hula_hooping_is_read_said_back_and_asked(text):
    parsed = parse(text)
    assert [e.action for e in parsed.spec.entities] == ["hula"] and not parsed.unsupported_words
    assert parse(caption(parsed.spec)).spec == parsed.spec
    assert "the person hula-hoops" in [a.said() for a in read_asks(Request.build(text))]


def test_the_hoop_goes_round_the_waist():
    spec = parse("medium shot. a girl hula hooping in the park").spec
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=12, seed=2)
    (first, truth), (later, _) = renderer.frame(0), renderer.frame(5)
    x0, y0, x1, y1 = truth.entities[0].box
    hoops = [np.abs(f.astype(int) - np.array(HOOP)).sum(axis=2) < 40 for f in (first, later)]
    rows = [np.nonzero(h)[0] for h in hoops]
    assert all(len(r) > 10 for r in rows)
    assert all(y0 + (y1 - y0) // 4 < r.mean() < y1 - (y1 - y0) // 4 for r in rows)  # the waist
    assert (hoops[0] != hoops[1]).any()  # swung round
