"""Camping brings its tent, in the woods where no place is said, and those camping sit by
it (by their campfire, where there is one); after dark the tent glows from a lantern inside.
"camping" was said to be undrawable and the family stood about."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.scenery import TENT_GLOW
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_those_camping_sit_by_their_tent(first_planned):
    spec, warnings = first_planned("a family camping by a lake with a campfire at night")
    kinds = [(e.kind, e.action) for e in spec.entities]
    assert ("tent", "stand") in kinds and ("campfire", "stand") in kinds
    assert [a for k, a in kinds if k == "person"] == ["sit"] * 3
    assert spec.place == "lake" and warnings == [] and parse(caption(spec)).spec == spec
    assert first_planned("two friends camping")[0].place == "forest"
    said_so = parse("the man camps by a lake").spec.entities  # "camps", not "camping"
    assert [(e.kind, e.action) for e in said_so] == [("person", "sit"), ("tent", "stand")]


def test_a_tent_glows_after_dark_and_not_by_day(first_planned):
    spec, _ = first_planned("two friends camping in the forest at night")
    lit = []
    for time in ("night", "noon"):
        at = replace(spec, time_of_day=time)
        image, truth = Renderer(at, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
        x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "tent")
        glow = np.abs(image[y0:y1, x0:x1].astype(int) - np.array(TENT_GLOW)).sum(axis=2) < 40
        lit.append(int(glow.sum()))
    assert lit[0] > 20 and lit[1] == 0
