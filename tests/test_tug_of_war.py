"""A tug of war: two dogs, a dog and its owner, or two children pull a rope between them,
facing each other and leaning back as the pull sways (they walked past the rope's box, or
met it nose to nose)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.synthworld.choreography import ROPE_BETWEEN, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "tuggers"),
    [
        ("two dogs playing tug of war with a rope", ["dog", "dog"]),
        ("a dog playing tug with its owner", ["dog", "person"]),
        ("kids playing tug-of-war in the park", ["person", "person"]),
    ],
)
def test_a_tug_of_war_is_two_pulling_a_rope_between_them(text, tuggers, first_planned):
    spec, warnings = first_planned(text)
    assert sorted(e.kind for e in spec.entities if e.action == "tug") == sorted(tuggers)
    assert [e.kind for e in spec.entities].count("rope") == 1 and not warnings
    assert parse(text).unsupported_words == []
    choreography = Choreography(spec, 8.0)
    left, right = (i for i, e in enumerate(spec.entities) if e.action == "tug")
    rope = [e.kind for e in spec.entities].index("rope")
    middles = []
    for t in (0.0, 1.5, 3.0):
        a, b, r = (choreography.pose(i, t) for i in (left, right, rope))
        assert (a.facing, b.facing) == (1, -1) and a.x < r.x < b.x  # face to face
        assert r.span[0] == pytest.approx(ROPE_BETWEEN)  # the rope taut between them
        middles.append(r.x + r.span[0] / 2)
    assert max(middles) - min(middles) > 0.1  # the pull sways one way and the other
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    red = np.abs(image.astype(int) - np.array((200, 45, 45))).sum(axis=2) < 60
    assert red[:, truth.entities[left].box[2] : truth.entities[right].box[0]].sum() > 5
