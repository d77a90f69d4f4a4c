"""A hammock: a striped sling sagging between two posts, lain or sat in ("a woman napping
in a hammock" was a labelled box beside her asleep on the grass)."""

from __future__ import annotations

import pytest

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "doing"),
    [
        ("a woman napping in a hammock on the beach", "sleep"),
        ("a girl reading in a hammock", "read"),
        ("a cat sleeping in a hammock", "sleep"),
    ],
)
def test_one_in_a_hammock_lies_or_sits_up_in_its_sling(first_planned, text, doing):
    spec, warnings = first_planned(text)
    assert not warnings
    assert [e.action for e in spec.entities] == [doing, "stand"]
    assert spec.entities[1].kind == "hammock" and parse(caption(spec)).spec == spec
    spec = parse(f"wide shot. {caption(spec)}").spec
    _, truth = Renderer(spec, size=(320, 180), fps=8, frames=2, seed=1).frame(1)
    one, hammock = truth.entities
    if doing == "sleep":  # lying up off the ground, in it (one sitting has feet down)
        assert one.box[3] < hammock.box[3] - 8
    assert hammock.box[0] < (one.box[0] + one.box[2]) / 2 < hammock.box[2]
