"""A cat chasing a laser pointer chases its red dot, flicking about on the floor ahead of
its paws (the pointer was a labelled box, "laser" said undrawable)."""

from __future__ import annotations

import pytest

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_KINDS


@pytest.mark.parametrize(
    "prompt", ["a cat chasing a laser pointer", "a kitten chasing a red dot in the kitchen"]
)
def test_a_cat_chases_the_dot_as_it_flicks_about_ahead(first_planned, prompt):
    spec, warnings = first_planned(prompt)
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("cat", "chase", 1),
        ("laser dot", "stand", None),
    ]
    assert spec.place in ("living room", "kitchen") and not warnings
    assert parse(caption(spec)).spec == spec
    choreography = Choreography(spec, 6.0)
    ahead = [choreography.pose(1, t / 4).x - choreography.pose(0, t / 4).x for t in range(24)]
    assert all(gap > 0.2 for gap in ahead)  # ahead of the paws, always
    assert max(ahead) - min(ahead) > 0.3  # flicked to and fro, not rolled along
    assert all(choreography.pose(1, t / 4).y == 0.0 for t in range(24))  # on the floor
    assert "laser dot" not in LEARNT_KINDS


def test_the_dot_is_a_vivid_red_point_of_light_even_on_a_red_rug(first_planned):
    spec, _ = first_planned("a cat chasing a laser pointer")
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "laser dot")
    crop = image[max(y0 - 2, 0) : y1 + 2, max(x0 - 2, 0) : x1 + 2].astype(int)
    vivid = (crop[..., 0] > 230) & (crop[..., 1] < 120) & (crop[..., 2] < 120)
    assert vivid.sum() >= 1
    assert "laser dot" not in [e.kind for e in parse("a dog with polka dots").spec.entities]
