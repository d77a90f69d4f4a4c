"""The forest, a place of its own: tall trunks, a wall of pines, a dirt path (it was drawn
as the park, and said so); our own models, which never learnt it, draw their park."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.nn.recognizer import HEADS
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS, LEARNT_KINDS, LEARNT_PLACES


@pytest.mark.parametrize(
    "text",
    ["a fox in a snowy forest", "walking through the woods", "a deer in the woodland"],
)
def test_the_forest_is_read_and_captioned_as_itself(text):
    parsed = parse(text)
    assert parsed.spec.place == "forest" and not parsed.placeholders
    again = parse(caption(parsed.spec))
    assert again.spec == parsed.spec and not again.placeholders and not again.unsupported_words


def test_the_forest_is_drawn_as_no_other_place_and_snow_whitens_it():
    def plate(place: str, weather: str = "clear") -> np.ndarray:
        spec = SceneSpec(place, "noon", weather, "static", "wide", (EntitySpec("fox", "orange"),))
        frame, truth = Renderer(spec, size=(320, 180), fps=24, frames=1, seed=3).frame(0)
        assert truth.place == place
        return frame.astype(int)

    forest = plate("forest")
    for other in LEARNT_PLACES:
        assert np.abs(forest - plate(other)).mean() > 20, other
    assert plate("forest", "snow").mean() > forest.mean() + 40  # white on floor and crowns


def test_woodland_animals_live_in_the_forest_where_no_place_is_said():
    assert make_brief(Request.build("a deer grazing")).place == "forest"
    assert make_brief(Request.build("a dog running")).place == "park"
    board, _ = preview_plan(Request.build("a fox walking", duration=6), ["procedural"])
    assert {s.scene_spec.place for s in board.shots} == {"forest"}


def test_a_model_that_never_learnt_the_forest_draws_its_park_and_says_so():
    assert HEADS["place"][0] == LEARNT_PLACES  # the shipped recognizer's six classes
    parsed = parse("a dog walks in the forest").within(LEARNT_KINDS, LEARNT_ACTIONS)
    assert parsed.spec.place == "park"
    assert "the forest is drawn as the park" in parsed.notes
    arriving = parse("A dog walks in the forest. Coming from the park.")
    assert arriving.spec.arrives_from == "park"
    assert arriving.within(LEARNT_KINDS, LEARNT_ACTIONS).spec.arrives_from is None
