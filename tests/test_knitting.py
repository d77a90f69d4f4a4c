"""Knitting: sitting, two needles clicking before the chest, what is knitted hanging from
them a row longer each stitch, its ball of yarn at the feet ("a grandma knitting a scarf"
sat with a box labelled "scarf" beside her). One by a fire indoors sits in an armchair
beside it (she sat on the hearth, in front of the flames)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.tools import YARN
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt",
    ["a grandma knitting a scarf", "an old lady knits", "a woman crocheting a blanket"],
)
def test_knitting_is_read_and_what_is_knitted_is_no_thing_of_its_own(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("person", "knit")]
    assert not parsed.unsupported_words and not parsed.placeholders
    said = caption(parsed.spec)
    assert "knits" in said and parse(said).spec == parsed.spec


def test_by_the_fire_she_knits_in_an_armchair_beside_it(first_planned):
    spec, warnings = first_planned("a grandma knitting by the fire")
    assert not warnings and spec.place == "living room"
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "knit"),
        ("fireplace", "stand"),
        ("armchair", "stand"),
    ]
    asked = [a.said() for a in read_asks(Request.build("a grandma knitting by the fire"))]
    assert asked == ["a person", "the person knits"]
    couple, _ = first_planned("a couple sitting by the fireplace")
    assert "sofa" in [e.kind for e in couple.entities]
    # in a seat and doing nothing else is sitting in it (she walked about the room)
    assert parse("a grandma in her armchair").spec.entities[0].action == "sit"
    assert parse("a dog jumps on the sofa").spec.entities[0].action == "jump"


def test_the_knitting_grows_as_the_needles_go(first_planned):
    spec, _ = first_planned("a grandma knitting a scarf in her armchair")
    renderer = Renderer(spec, size=(640, 360), fps=8, frames=40, seed=2)

    def yarn(k: int) -> int:
        frame, truth = renderer.frame(k)
        x0, y0, x1, y1 = truth.entities[0].box
        diff = np.abs(frame[y0:y1, x0 : x1 + 80].astype(int) - np.array(YARN)).sum(axis=2)
        return int((diff < 40).sum())

    assert yarn(39) > yarn(0) > 0  # rows added over five seconds
    assert "knit" not in LEARNT_ACTIONS
    sat = parse("a grandma knitting a scarf").within(("person",), ("stand", "sit"))
    assert [(e.kind, e.action) for e in sat.spec.entities] == [("person", "sit")]
