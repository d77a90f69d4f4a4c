"""A streetlight is drawn, lit after dark, whoever is under it in its pool of light ("a
couple dancing in the rain under a streetlight" danced in the park by day beside a labelled
box); one waiting stands where there is no seat, and sits on the bench at a bus stop (a man
waiting under a street lamp sat on the pavement)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.scenery import LAMPLIT, POOL_OF_LIGHT
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_KINDS


def test_dancing_under_a_streetlight_is_on_the_street_at_night_in_its_light(first_planned):
    spec, warnings = first_planned("a couple dancing in the rain under a streetlight")
    assert (spec.place, spec.time_of_day, spec.weather) == ("street", "night", "rain")
    assert [(e.kind, e.action) for e in spec.entities] == [
        ("person", "dance"),
        ("streetlight", "stand"),
        ("person", "dance"),
    ]
    assert not warnings and parse(caption(spec)).spec == spec
    choreography = Choreography(spec, 4.0)
    lamp = choreography.pose(1, 1.0).x
    for dancer in (0, 2):  # both within the pool of light round its foot
        assert 0.2 < abs(choreography.pose(dancer, 1.0).x - lamp) < POOL_OF_LIGHT


@pytest.mark.parametrize(
    ("time", "lit"),
    [("night", True), ("morning", False)],
)
def test_the_lantern_is_lit_only_after_dark(time, lit):
    spec = replace(parse("a lamppost on the street").spec, time_of_day=time, shot_size="wide")
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2).frame(1)
    x0, y0, x1, y1 = next(e for e in truth.entities if e.kind == "streetlight").box
    lantern = image[y0 : y0 + max(2, (y1 - y0) // 8), x0:x1].astype(int)
    glowing = np.abs(lantern - np.array(LAMPLIT)).sum(axis=2) < 20  # its own light, ungraded
    assert glowing.any() == lit


@pytest.mark.parametrize(
    "said", ["street lamp", "lamp post", "streetlights", "lamppost", "gas lamp"]
)
def test_a_streetlight_by_its_other_names(said):
    parsed = parse(f"a man under a {said}")
    assert [e.kind for e in parsed.spec.entities] == ["person", "streetlight"]
    assert not parsed.placeholders


def test_the_streetlight_is_no_kind_the_models_learnt():
    assert "streetlight" not in LEARNT_KINDS


@pytest.mark.parametrize(
    ("prompt", "staged"),
    [
        ("a man waiting under a street lamp", [("person", "stand"), ("streetlight", "stand")]),
        ("a man waits at a bus stop", [("person", "sit"), ("bench", "stand")]),
        ("a woman waiting on a bench", [("person", "sit"), ("bench", "stand")]),
        ("a dog waiting by the door", [("dog", "sit")]),
    ],
)
def test_one_waiting_stands_unless_there_is_a_seat(first_planned, prompt, staged):
    spec, _ = first_planned(prompt)
    assert [(e.kind, e.action) for e in spec.entities] == staged
    pose = Choreography(spec, 4.0).pose(0, 1.0)
    assert not pose.grounded  # on their feet, or on the bench: never on the pavement
    assert np.isfinite(pose.x)
