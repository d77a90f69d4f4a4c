"""Halloween: pumpkins, and jack-o'-lanterns whose carved faces glow from the candle
inside; a night of trick-or-treating down the street ("a family carving pumpkins for
halloween" walked in the park by day, the pumpkins and halloween said undrawable; "a
jack-o-lantern on the porch" was a labelled box)."""

from __future__ import annotations

import numpy as np

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _kinds(spec) -> set[str]:
    return {e.kind for e in spec.entities}


def test_carving_pumpkins_is_at_home_at_night_by_jack_o_lanterns(first_planned):
    spec, warnings = first_planned("a family carving pumpkins for halloween")
    assert (spec.place, spec.time_of_day) == ("living room", "night")
    assert _kinds(spec) == {"person", "jack-o-lantern"}
    assert all(e.action == "sit" for e in spec.entities if e.kind == "person")
    undrawn = [w.split("no drawing for ")[1].split(";")[0] for w in warnings]
    assert undrawn == ["carving"]  # the knife is not drawn; the pumpkins and the night are


def test_trick_or_treating_is_walking_down_the_street_at_night(first_planned):
    spec, warnings = first_planned("kids trick or treating on halloween")
    assert not warnings and (spec.place, spec.time_of_day) == ("street", "night")
    assert {e.action for e in spec.entities if e.kind == "person"} == {"walk"}
    assert "jack-o-lantern" in _kinds(spec)  # on a doorstep, where none is said
    plain, _ = first_planned("a cat sitting next to a pumpkin")
    assert _kinds(plain) == {"cat", "pumpkin"} and parse(caption(plain)).spec == plain


def test_a_jack_o_lantern_s_face_glows_in_the_dark():
    def brightest(kind: str) -> int:
        spec = parse(f"close-up. a {kind} on the street at night").spec
        image, truth = Renderer(spec, size=(320, 180), fps=8, frames=1, seed=1).frame(0)
        x0, y0, x1, y1 = truth.entities[0].box
        return int(np.asarray(image[y0:y1, x0:x1], dtype=int).sum(axis=2).max())

    assert brightest("jack-o-lantern") > brightest("pumpkin") + 150
