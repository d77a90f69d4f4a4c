"""Birthdays and parties as people ask for them: a cake on its table, balloons held up or
tied to it, those at the party round it, dancers side by side."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.beats import split_beats
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.vocabulary import BUNCH, BUNCH_SIZE, CHILD


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("a birthday cake", [("cake", ""), ("table", "")]),  # a cake is on a table
        ("a chocolate cake on the table", [("cake", ""), ("table", "")]),
        ("balloons in the park", [("balloon", BUNCH)]),
        ("a boy with a red balloon", [("person", ""), ("balloon", "")]),
        ("a kid at a party", [("person", CHILD), ("balloon", BUNCH)]),  # a party's balloons
        (
            "a girl blowing out the candles on her cake",
            [("person", ""), ("cake", ""), ("table", "")],
        ),
    ],
)
def test_cakes_and_balloons_are_read_and_captioned_as_themselves(prompt, kinds):
    """ "a birthday party with balloons and cake" was a box labelled party; "balloons"
    were dropped without a word, "cake" and "candles" labelled boxes."""
    parsed = parse(prompt)
    assert [(e.kind, e.label) for e in parsed.spec.entities] == kinds
    assert not parsed.placeholders and "candles" not in parsed.unsupported_words
    assert parse(caption(parsed.spec)).spec == parsed.spec
    if prompt.startswith("a chocolate"):
        assert parsed.spec.entities[0].colour == "brown"


def test_a_cake_stands_on_its_table_and_balloons_are_tied_to_it():
    spec = parse("a birthday party with balloons and cake").spec
    kinds = [e.kind for e in spec.entities]
    choreography = Choreography(spec, 4.0)
    cake, balloons = choreography.pose(kinds.index("cake"), 1.0), choreography.pose(0, 1.0)
    table = choreography.pose(kinds.index("table"), 1.0)
    assert cake.y == pytest.approx(SIZE["table"][1]) and cake.x == pytest.approx(table.x)
    assert balloons.y == pytest.approx(SIZE["table"][1]) and abs(balloons.x - table.x) < 0.7
    close = replace_shot(spec, "close-up")
    _, truth = Renderer(close, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
    drawn = {e.kind: e for e in truth.entities}
    assert drawn["cake"].visible == 1.0  # framed up to the table's top, not cut off
    assert drawn["cake"].box[3] <= drawn["table"].box[1] + 2  # on it, not in front of it


def replace_shot(spec: SceneSpec, size: str) -> SceneSpec:
    cake_first = sorted(spec.entities, key=lambda e: e.kind != "cake")
    return SceneSpec(spec.place, spec.time_of_day, spec.weather, "static", size, tuple(cake_first))


def test_balloons_are_held_up_and_a_bunch_counts_as_three():
    spec = parse("a little girl holding balloons in the park").spec
    girl, balloons = spec.entities
    assert (girl.label, balloons.label, balloons.target) == (CHILD, BUNCH, 0)
    choreography = Choreography(spec, 4.0)
    assert choreography.pose(0, 1.0).holds_up
    assert choreography.pose(1, 1.0).held_by == 0
    _, truth = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2).frame(6)
    held = truth.entities[1]
    assert held.box[1] < truth.entities[0].box[1]  # above her head
    assert truth.to_dict()["entities"][1]["many"] == BUNCH_SIZE
    one = SceneSpec("park", "noon", "clear", "static", "medium", (EntitySpec("balloon", "red"),))
    _, truth = Renderer(one, size=(64, 36), fps=24, frames=1, seed=2).frame(0)
    assert "many" not in truth.to_dict()["entities"][0]  # "a red balloon": one


def test_a_birthday_party_is_a_family_round_a_cake_at_home_standing_about():
    """ "a birthday party" drew a box labelled party in the park; "…with balloons and
    cake" was two beats, the second of them "Cake."."""
    assert split_beats("a birthday party with balloons and cake").beats == (
        "with balloons and cake",
    )
    for text in ("a birthday party", "a birthday party with balloons and cake"):
        board, _ = preview_plan(Request.build(text, duration=8), ["procedural"])
        for shot in board.shots:
            scene = shot.scene_spec
            people = [e for e in scene.entities if e.kind == "person"]
            assert scene.place == "living room", text
            assert sorted(e.label for e in people) == ["", "", CHILD], text
            assert {e.action for e in people} == {"stand"}, text
            assert {"cake", "table", "balloon"} <= {e.kind for e in scene.entities}, text
    said = [ask.said() for ask in read_asks(Request.build("a party with balloons and cake"))]
    assert said[:3] == ["three people", "two balloons", "a cake"]


def test_those_dancing_with_the_lead_dance_side_by_side():
    """ "a dance party": three people each dancing, none on top of another (the second and
    third danced at one spot)."""
    board, _ = preview_plan(Request.build("a dance party on the beach", duration=6), ["procedural"])
    scene = board.shots[0].scene_spec
    assert [e.action for e in scene.entities if e.kind == "person"] == ["dance"] * 3
    choreography = Choreography(scene, 3.0)
    xs = sorted(
        choreography.pose(i, 1.0).x for i, e in enumerate(scene.entities) if e.action == "dance"
    )
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) > 0.5


def test_candles_blown_out_go_out_halfway_as_the_one_blowing_leans_in():
    """ "a girl blowing out the candles on her birthday cake": she stood by it, the candles
    alight all along, and the blowing was said not to be drawn."""
    parsed = parse("a girl blowing out the candles on her birthday cake")
    assert [e.kind for e in parsed.spec.entities] == ["person", "cake", "table"]
    assert parsed.spec.entities[0].action == "blow" and not parsed.unsupported_words
    choreography = Choreography(parsed.spec, 4.0)
    assert choreography.pose(1, 1.0).reach == 0.0 and choreography.pose(1, 3.0).reach == 1.0
    assert choreography.pose(0, 1.9).reach > 0.5  # leaning in just before they go out
    renderer = Renderer(replace_shot(parsed.spec, "close-up"), size=(320, 180), fps=24, frames=96)
    (alight, truth), (out, _) = renderer.frame(36), renderer.frame(84)
    x0, y0, x1, y1 = next(e.box for e in truth.entities if e.kind == "cake")
    flame = np.array((255, 190, 70))

    def lit(image):
        top = image[max(y0 - 10, 0) : y0 + (y1 - y0) // 2, x0:x1].astype(int)
        return (np.abs(top - flame).sum(axis=2) < 15).sum()  # (a flame is never graded)

    assert lit(alight) > 3 and lit(out) == 0
