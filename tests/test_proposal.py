"""A proposal: one kneels on one knee before the other, holding up an open ring box; the
one proposed to stands facing them (he walked along the beach past her, and proposing was
said to be undrawable)."""

from __future__ import annotations

import numpy as np

from videoagent.plan.asks import asks_in
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.creatures import HAIR, RING_BOX
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_one_proposes_on_one_knee_to_the_one_said_or_to_someone(first_planned):
    spec, warnings = first_planned("a man proposing to his girlfriend on a beach at sunset")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "propose", 1),
        ("person", "stand", None),
    ]
    assert warnings == [] and parse(caption(spec)).spec == spec
    said = [a.said() for a in asks_in("a man proposing to his girlfriend on a beach")]
    assert "the person proposes to the person" in said
    alone = parse("a man proposing on the beach").spec.entities  # to someone
    assert [(e.kind, e.action) for e in alone] == [("person", "propose"), ("person", "stand")]


def test_the_one_kneeling_is_lower_than_the_one_standing_before_them(first_planned):
    spec, _ = first_planned("a man proposing to his girlfriend on a beach at sunset")
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    kneeling, standing = (e.box for e in truth.entities)
    assert kneeling[2] <= standing[2]  # before her, facing her
    facings = [e.facing for e in truth.entities]
    assert facings[0] == -facings[1]
    assert Choreography(spec, 4.0).pose(1, 1.0).at_the_face == "mouth"  # a hand to it
    hair = np.abs(image.astype(int) - np.array(HAIR)).sum(axis=2) < 30
    tops = [np.nonzero(hair[:, b[0] : b[2]])[0].min() for b in (kneeling, standing)]
    assert tops[0] > tops[1] + 10  # the kneeling head well below the standing one
    box = np.abs(image.astype(int) - np.array(RING_BOX)).sum(axis=2) < 40
    ys, xs = np.nonzero(box)
    assert len(xs) > 0 and kneeling[0] < xs.mean() < standing[2]  # held up between them
