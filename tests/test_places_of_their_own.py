"""The forest, the lake, the kitchen, the mountains, the reef, the farm and the bathroom,
places of their own (the kitchen and the bathroom were drawn as the living room, the reef
as the beach, the others as the park, and said so): tall trunks, a wall of pines, a dirt
path; a grassy bank, reeds, water to a far shore where a swimmer swims; a worktop, a stove,
a fridge; peaks capped with snow above a trail; seaweed and corals under the sea, where
fish swim; fields, a red barn and its silo beyond a farmyard's fence; white tiles, a
washbasin under its mirror. Our own models, which never
learnt them, draw the place they stood in for."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.nn.recognizer import HEADS
from videoagent.plan.asks import read_asks
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import OUT_IN_THE_WATER, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS, LEARNT_KINDS, LEARNT_PLACES, PLACES


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a fox in a snowy forest", "forest"),
        ("walking through the woods", "forest"),
        ("a deer in the woodland", "forest"),
        ("ducks swimming in the pond", "lake"),
        ("a dog playing by the river", "lake"),
        ("a sunset over the lake", "lake"),
        ("a cat in the kitchen", "kitchen"),
        ("a chef in a restaurant kitchen", "kitchen"),  # not the restaurant's dining room
        ("a man hiking in the mountains", "mountains"),
        ("a mountain goat", "mountains"),
        ("rolling hills at sunset", "park"),  # hills are the park's
        ("fish swimming in a coral reef", "reef"),
        ("a shark under the sea", "reef"),
        ("a farmer on his farm", "farm"),
        ("cows in a field", "farm"),
        ("a horse in the paddock by the barn", "farm"),
        ("kids on the soccer field", "park"),  # a field played on is no farmer's
        ("a man shaving in the bathroom", "bathroom"),
    ],
)
def test_each_is_read_and_captioned_as_itself(text, place):
    parsed = parse(text)
    assert parsed.spec.place == place and not parsed.placeholders
    again = parse(caption(parsed.spec))
    assert again.spec == parsed.spec and not again.placeholders and not again.unsupported_words


@pytest.mark.parametrize("place", ["forest", "lake", "mountains", "farm"])
def test_each_is_drawn_as_no_other_place_and_snow_whitens_it(place):
    """(Indoors, the kitchen's weather is in its window: see below.)"""

    def plate(place: str, weather: str = "clear") -> np.ndarray:
        spec = SceneSpec(place, "noon", weather, "static", "wide", (EntitySpec("fox", "orange"),))
        frame, truth = Renderer(spec, size=(320, 180), fps=24, frames=1, seed=3).frame(0)
        assert truth.place == place
        return frame.astype(int)

    drawn = plate(place)
    for other in PLACES:
        if other != place:
            assert np.abs(drawn - plate(other)).mean() > 20, other
    assert plate(place, "snow").mean() > drawn.mean() + 40  # white ground, crowns, ice


def test_the_kitchen_and_the_bathroom_are_drawn_indoors_no_rain_falling_in_them():
    def falling(place: str) -> float:
        """The share of the picture that changes between two frames of an empty shot in
        the rain: the drops."""
        spec = SceneSpec(place, "noon", "rain", "static", "wide", ())
        renderer = Renderer(spec, size=(320, 180), fps=24, frames=8, seed=3)
        first, later = (renderer.frame(k)[0].astype(int) for k in (0, 5))
        return float((np.abs(first - later).sum(axis=2) > 30).mean())

    assert falling("park") > 0.002 and falling("kitchen") == falling("bathroom") == 0.0


def test_each_is_where_what_is_told_happens_when_no_place_is_said():
    assert make_brief(Request.build("a deer grazing")).place == "forest"
    assert make_brief(Request.build("a dog running")).place == "park"
    assert make_brief(Request.build("a chef")).place == "kitchen"
    assert make_brief(Request.build("a mom baking cookies")).place == "kitchen"
    assert make_brief(Request.build("a barista")).place == "cafe"
    for on_a_farm in ("a farmer", "a cow grazing", "two pigs", "a rooster crowing at dawn"):
        assert make_brief(Request.build(on_a_farm)).place == "farm", on_a_farm
    assert make_brief(Request.build("a mountain goat")).place == "mountains"
    board, _ = preview_plan(Request.build("a fox walking", duration=6), ["procedural"])
    assert {s.scene_spec.place for s in board.shots} == {"forest"}


def test_one_swimming_at_the_lake_swims_out_in_it_framed_from_the_bank():
    """A dog swimming in a lake paddled in a pool drawn on the grass (the lake was the
    park)."""
    for size in ("medium", "close-up"):
        spec = parse(f"{size} shot. a dog swims in the lake").spec
        assert Choreography(spec, 2.0).pose(0, 1.0).y == pytest.approx(OUT_IN_THE_WATER["lake"])
        _, truth = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
        assert truth.entities[0].visible == 1.0, size  # not above the top of the picture
    on_the_bank = parse("a dog walks by the lake").spec
    assert Choreography(on_the_bank, 2.0).pose(0, 1.0).y == 0.0


def test_a_model_that_never_learnt_the_forest_draws_its_park_and_says_so():
    assert HEADS["place"][0] == LEARNT_PLACES  # the shipped recognizer's six classes
    parsed = parse("a dog walks in the forest").within(LEARNT_KINDS, LEARNT_ACTIONS)
    assert parsed.spec.place == "park"
    assert "the forest is drawn as the park" in parsed.notes
    assert parse("a dog by the lake").within(LEARNT_KINDS, LEARNT_ACTIONS).spec.place == "park"
    indoors = parse("a cat in the kitchen").within(LEARNT_KINDS, LEARNT_ACTIONS).spec
    assert indoors.place == "living room"
    washed = parse("a man in the bathroom").within(LEARNT_KINDS, LEARNT_ACTIONS).spec
    assert washed.place == "living room"
    high = parse("a dog in the mountains").within(LEARNT_KINDS, LEARNT_ACTIONS).spec
    assert high.place == "park"
    assert parse("a dog on the farm").within(LEARNT_KINDS, LEARNT_ACTIONS).spec.place == "park"
    arriving = parse("A dog walks in the forest. Coming from the park.")
    assert arriving.spec.arrives_from == "park"
    assert arriving.within(LEARNT_KINDS, LEARNT_ACTIONS).spec.arrives_from is None


def test_one_going_into_the_water_is_on_its_shore_all_along():
    """ "a dog runs into the sea" ran in the park for two shots of three, a journey to the
    beach; from a place said, it still is one."""
    for text, place in (
        ("a dog runs into the sea", "beach"),
        ("a boy jumps into the river", "lake"),
    ):
        board, _ = preview_plan(Request.build(text, duration=12), ["procedural"])
        assert {s.scene_spec.place for s in board.shots} == {place}, text
    board, _ = preview_plan(
        Request.build("a dog runs from the park into the lake", duration=12), ["procedural"]
    )
    last = board.shots[-1].scene_spec
    assert (board.shots[0].scene_spec.place, last.place, last.arrives_from) == (
        "park",
        "lake",
        "park",
    )


def test_a_chef_cooks_in_the_kitchen_tossing_a_pan():
    """ "a chef cooking in a kitchen" stood in the living room, cooking said not drawn."""
    board, _ = preview_plan(
        Request.build("a chef cooking in a kitchen", duration=6), ["procedural"]
    )
    scene = board.shots[0].scene_spec
    assert scene.place == "kitchen" and scene.entities[0].action == "cook"
    assert not any("cooking" in w for w in board.warnings)
    spec = parse("medium shot. a chef cooks in the kitchen").spec
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2)
    (first, truth), (later, _) = renderer.frame(0), renderer.frame(8)
    x0, y0, x1, y1 = truth.entities[0].box
    assert truth.entities[0].action == "cook"
    assert np.abs(first.astype(int) - later.astype(int))[y0:y1, x0 : x1 + 40].max() > 60


def test_a_fish_swims_under_the_sea_where_no_rain_falls():
    """ "a clownfish swimming" was a labelled box in the park; "fish swimming in a coral
    reef" a box at the beach; a goldfish is in its bowl at home (test_goldfish_bowl)."""
    assert make_brief(Request.build("a clownfish swimming")).place == "reef"
    assert make_brief(Request.build("a goldfish swimming")).place == "living room"
    (fish,) = parse("a shark under the sea").spec.entities
    assert (fish.kind, fish.colour, fish.action) == ("fish", "grey", "swim")
    spec = parse("medium shot. a goldfish swims at the reef in the rain").spec
    assert [e.kind for e in spec.entities] == ["fish"]  # in the sea, no bowl
    assert Choreography(spec, 2.0).pose(0, 1.0).y == pytest.approx(OUT_IN_THE_WATER["reef"])
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=8, seed=3)
    (first, truth), (later, _) = renderer.frame(0), renderer.frame(5)
    assert truth.entities[0].visible == 1.0
    x0, y0, x1, y1 = truth.entities[0].box
    calm = np.abs(first.astype(int) - later.astype(int)).sum(axis=2)
    calm[y0:y1, x0:x1] = 0  # the fish itself moves
    assert (calm > 30).mean() < 0.02  # no rain falls under the sea
    assert parse("a fish at the reef").within(LEARNT_KINDS, LEARNT_ACTIONS).spec.place == "beach"


def test_one_fishing_holds_a_rod_out_its_float_on_the_lake():
    """ "a man fishing on the lake at dawn": he stood on the bank, his hands empty."""
    brief = make_brief(Request.build("a man fishing at dawn"))
    assert brief.place == "lake"  # where fishing is done, none said
    asked = [a.said() for a in read_asks(Request.build("a man fishing on the lake"))]
    assert "the person fishes" in asked
    parsed = parse("close-up. grandpa and his grandson fishing at the lake")
    assert [e.action for e in parsed.spec.entities] == ["angle", "angle"]
    assert parse(caption(parsed.spec)).spec == parsed.spec
    choreography = Choreography(parsed.spec, 4.0)
    grandpa, boy = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert grandpa.reach == pytest.approx(OUT_IN_THE_WATER["lake"]) and boy.reach > grandpa.reach
    assert grandpa.facing == boy.facing  # both out over the water
    image, truth = Renderer(parsed.spec, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
    x0, y0, x1, y1 = truth.entities[0].box
    float_red = np.abs(image.astype(int) - np.array((220, 50, 40))).sum(axis=2) < 60
    rows, cols = np.nonzero(float_red)
    assert len(rows) and cols.max() > x1  # the float out beyond him, on the water
