"""What is in the sky, or falls through the air: a rainbow arcs across the sky, lightning
forks down it now and then in a storm, clouds drift over, autumn leaves fall all about
(each was a labelled box, or left out: "a clouds stands nearby")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.scenery import RAINBOW
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "kind", "weather"),
    [
        ("a thunderstorm with lightning over the city", "lightning", "rain"),
        ("a timelapse of clouds rolling over the mountains", "clouds", "clear"),
        ("a rainbow over the park", "rainbow", "clear"),
        ("autumn leaves falling in the park", "leaves", "clear"),
    ],
)
def test_each_is_one_thing_of_its_kind_that_reads_back(text, kind, weather, first_planned):
    spec, warnings = first_planned(text)
    assert [e.kind for e in spec.entities] == [kind]  # a storm's lightning is one
    assert spec.weather == weather and spec.time_of_day == "morning"  # (fireworks: night)
    assert parse(caption(spec)).spec == spec and not warnings


def test_lightning_is_asked_for_without_an_article():
    asked = [a.said() for a in read_asks(Request.build("lightning over the lake"))]
    assert "lightning" in asked


def _frames(text: str, indices: list[int]) -> list[np.ndarray]:
    renderer = Renderer(parse(text).spec, size=(320, 180), fps=24, frames=240, seed=2)
    return [renderer.frame(k)[0].astype(int) for k in indices]


def test_a_rainbow_shows_its_bands_over_the_sky():
    (image,) = _frames("a rainbow over the park", [0])
    sky = image[:100]
    for band in (RAINBOW[2], RAINBOW[4]):  # yellow, blue, the sky showing through
        near = np.abs(sky - np.array(band)).sum(axis=2) < 120
        assert near.sum() > 20


def test_lightning_strikes_now_and_then_and_clouds_and_leaves_move():
    frames = _frames("lightning over the lake", list(range(0, 240, 3)))
    bright = [int((f.min(axis=2) > 210).sum()) for f in frames]
    assert max(bright) > 20 and min(bright) < max(bright) / 4  # a strike, then dark again
    for text in ("clouds over the mountains", "autumn leaves falling in the park"):
        first, later = _frames(text, [0, 48])
        assert np.abs(first - later).sum(axis=2).astype(bool).sum() > 50, text
