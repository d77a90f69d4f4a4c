"""A frog and a hamster, creatures of their own ("a frog jumping into a pond", "a hamster
eating a carrot" were labelled boxes): the frog squats on its folded legs, hops with them
kicked out behind, flicks its tongue at a fly and swells its throat to croak, by the water
where no place is said; the hamster, round as a ball, is at home."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.animals import FROG_TONGUE, THROAT
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "kind", "action", "place"),
    [
        ("a frog jumping into a pond", "frog", "swim", "lake"),
        ("a toad hopping across the garden", "frog", "jump", "park"),
        ("a frog catching a fly", "frog", "eat", "lake"),  # its tongue, no fly flying
        ("a frog croaking", "frog", "roar", "lake"),
        ("a hamster eating a carrot", "hamster", "eat", "living room"),
        ("a gerbil sleeping", "hamster", "sleep", "living room"),
    ],
)
def test_each_is_read_placed_and_said_back(first_planned, text, kind, action, place):
    spec, warnings = first_planned(text)
    assert not warnings
    assert [(e.kind, e.action) for e in spec.entities] == [(kind, action)]
    assert spec.place == place and parse(caption(spec)).spec == spec


def _frames(text: str, count: int = 24):
    spec = parse(f"close-up. {text}").spec
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=count, seed=2)
    return spec, [renderer.frame(k) for k in range(count)]


def _shown(frames, colour) -> int:
    """In how many frames some pixels are `colour` (as graded, within a margin)."""
    near = [np.abs(image.astype(int) - np.array(colour)).sum(axis=2) < 40 for image, _ in frames]
    return sum(1 for mask in near if mask.sum() > 3)


def test_a_frog_hops_on_its_way_its_tongue_flicks_and_its_throat_swells():
    spec, frames = _frames("a frog hops along the street", 48)
    choreography = Choreography(spec, 2.0)
    assert choreography.pose(0, 2.0).x - choreography.pose(0, 0.0).x > 1  # on its way
    tops = []
    for image, truth in frames:  # the highest of its green, over the grey street
        x0, _, x1, _ = truth.entities[0].box
        green = image[:, max(x0 - 20, 0) : x1 + 20].astype(int)
        rows = np.nonzero((green[..., 1] - green[..., [0, 2]].max(axis=2)) > 40)[0]
        tops.append(rows.min())
    assert max(tops) - min(tops) > 3  # up in the air, and down
    _, eating = _frames("a frog eats", 48)
    assert 0 < _shown(eating, FROG_TONGUE) < 48  # out now and then, back in between
    _, croaking = _frames("a frog croaks", 48)
    assert 0 < _shown(croaking, THROAT) < 48
    _, sitting = _frames("a frog sits", 48)
    assert _shown(sitting, FROG_TONGUE) == _shown(sitting, THROAT) == 0
