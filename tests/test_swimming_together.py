"""Swimming is in the lake where no place is said (the boy swam in the park, water drawn
round him on the grass), and whoever swims with the one who swims is in the water with them,
a length behind ("a girl swimming with her dog" left the dog standing on the bank)."""

from __future__ import annotations

import pytest

from videoagent.synthworld.choreography import Choreography


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("a girl swimming with her dog", ["person", "dog"]),
        ("a duck swimming with her ducklings", ["bird", "bird"]),
        ("a man swims with his son", ["person", "person"]),
    ],
)
def test_those_swimming_together_are_in_the_water_together(prompt, kinds, first_planned):
    spec, warnings = first_planned(prompt)
    assert not warnings and spec.place == "lake"
    assert [(e.kind, e.action) for e in spec.entities] == [(k, "swim") for k in kinds]
    poses = Choreography(spec, 4.0)
    for t in (0.5, 2.0, 3.5):
        lead, along = poses.pose(0, t), poses.pose(1, t)
        assert along.action == "swim" and along.y == pytest.approx(lead.y, abs=0.2)
        assert 0.5 < abs(lead.x - along.x) < 1.5  # a length behind, in the picture


def test_where_a_place_or_a_creature_says_otherwise_it_is_there(first_planned):
    beach, _ = first_planned("a dog swimming in the ocean")
    reef, _ = first_planned("a fish swimming")
    assert (beach.place, reef.place) == ("beach", "reef")
