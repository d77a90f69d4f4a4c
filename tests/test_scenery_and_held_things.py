"""Umbrellas, kites, butterflies, balloons, flowers, snowmen and campfires: drawn and staged
as people ask for them, not labelled boxes; people sit on the ground, and a family has a
child."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from videoagent.agent.planning import draft_bible, preview_plan
from videoagent.audio.effects import effect_sound
from videoagent.plan.asks import asks_in
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.plan.staging import stage
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import HAND, SIZE, Choreography
from videoagent.synthworld.events import sound_events
from videoagent.synthworld.painters.props import PAINTED, STEAM, TYRE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.staging import Stage
from videoagent.synthworld.vocabulary import CHILD, COLOURS, DEFAULT_COLOUR

DEFAULT_GUITAR = COLOURS[DEFAULT_COLOUR["guitar"]]


def _changed(spec: SceneSpec, index: int = 40) -> np.ndarray:
    """Where the entities change the picture of `spec` at frame `index`."""
    frame, _ = Renderer(spec, size=(320, 180), fps=24, frames=96, seed=2).frame(index)
    plate, _ = Renderer(spec, size=(320, 180), fps=24, frames=96, seed=2, entities=False).frame(
        index
    )
    return np.abs(frame.astype(int) - plate.astype(int)).sum(axis=2) > 30


@pytest.mark.parametrize(
    ("prompt", "kind"),
    [
        ("a woman with an umbrella", "umbrella"),
        ("roses in the park", "flower"),
        ("a snowman in the park", "snowman"),
        ("a bonfire on the beach", "campfire"),
        ("a hot air balloon over the hills", "hot air balloon"),
        ("a butterfly in the park", "butterfly"),
        ("a bee buzzing around a flower", "bee"),
        ("a penguin waddling on the ice", "penguin"),
        ("a family eating dinner at the table", "table"),
        ("a dog playing with a stick by the river", "stick"),
        ("a dog catching a frisbee in the park", "frisbee"),
        ("a train passing through the countryside", "train"),
        ("a man playing the guitar", "guitar"),
        ("a girl playing the violin", "violin"),
    ],
)
def test_each_is_read_drawn_and_captioned_as_itself(prompt, kind):
    parsed = parse(prompt)
    assert kind in [e.kind for e in parsed.spec.entities] and not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec
    alone = SceneSpec("park", "noon", "clear", "static", "medium", (EntitySpec(kind, "red"),))
    assert _changed(alone).sum() > 40, kind


def test_an_umbrella_is_held_up_over_its_holder_as_they_walk():
    spec = parse("a woman walking in the rain with an umbrella").spec
    (woman, umbrella) = spec.entities
    assert (woman.action, umbrella.kind, umbrella.target) == ("walk", "umbrella", 0)
    assert parse("a man holding an umbrella").spec.entities[0].action == "stand"
    choreography = Choreography(spec, 4.0)
    assert choreography.pose(0, 1.0).holds_up
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=96, seed=2)
    for index in (0, 95):
        _, truth = renderer.frame(index)
        person, held = truth.entities
        assert held.box[1] < person.box[1]  # its canopy over the head
        assert held.box[0] < (person.box[0] + person.box[2]) / 2 < held.box[2]
    start, end = choreography.pose(1, 0.0).x, choreography.pose(1, 4.0).x
    assert end - start > 2.5  # carried along


def test_a_kite_s_string_runs_to_the_raised_hand_of_its_flier():
    spec = parse("a girl flying a kite on the beach").spec
    choreography = Choreography(spec, 4.0)
    flier, kite = choreography.pose(0, 2.0), choreography.pose(1, 2.0)
    assert flier.holds_up and not kite.holds_up
    assert kite.reach == pytest.approx(HAND * SIZE["person"][1])


def test_a_campfire_flickers_and_glows_at_night():
    fire = (EntitySpec("campfire", DEFAULT_COLOUR["campfire"]),)
    night = SceneSpec("park", "night", "clear", "static", "medium", fire)
    renderer = Renderer(night, size=(320, 180), fps=24, frames=48, seed=2)
    (first, truth), (later, _) = renderer.frame(0), renderer.frame(7)
    x0, y0, x1, y1 = (int(v) for v in truth.entities[0].box)
    assert np.abs(first.astype(int) - later.astype(int))[y0:y1, x0:x1].max() > 60
    assert first[y0:y1, x0:x1].max() > 230  # flames give light: not dimmed with the night


def test_what_flies_low_and_slow_flies_unsaid_and_a_butterfly_is_followed_close():
    (butterfly, flower) = parse("a butterfly landing on a flower").spec.entities
    assert (butterfly.action, flower.action) == ("fly", "stand")
    assert parse("a hot air balloon over the hills").spec.entities[0].action == "fly"
    board, _ = preview_plan(
        Request.build("a butterfly landing on a flower", duration=12), ["procedural"]
    )
    framings = {(s.scene_spec.shot_size, s.scene_spec.camera) for s in board.shots}
    assert framings == {("medium", "track")}  # a wide shot made it a speck
    choreography = Choreography(board.shots[0].scene_spec, 4.0)
    heights = [choreography.pose(0, t / 4).y for t in range(16)]
    assert 0.3 < min(heights) and max(heights) < 1.2 and max(heights) - min(heights) > 0.1


def test_a_snowman_brings_its_snow():
    assert make_brief(Request.build("a snowman in the park")).weather == "snow"


def test_one_sitting_with_no_seat_sits_on_the_ground_and_on_a_bench_on_it():
    picnic = Choreography(parse("a woman sitting on the beach").spec, 2.0).pose(0, 1.0)
    bench = Choreography(parse("an old man sitting on a bench").spec, 2.0).pose(0, 1.0)
    assert picnic.grounded and not bench.grounded
    assert picnic.box("person")[3] < bench.box("person")[3]


def test_a_family_is_two_grown_ups_and_a_child():
    board, _ = preview_plan(
        Request.build("a family having a picnic in the park", duration=8), ["procedural"]
    )
    for shot in board.shots:
        people = [e for e in shot.scene_spec.entities if e.kind == "person"]
        assert sorted(e.label for e in people) == ["", "", CHILD]


def test_fireworks_burst_over_the_city_at_night_with_a_bang_on_each_flash():
    parsed = parse("fireworks over the city")
    assert [e.kind for e in parsed.spec.entities] == ["fireworks"] and not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec
    blue = parse("blue fireworks light up the sky").spec
    assert blue.entities[0].colour == "blue" and parse(caption(blue)).spec == blue
    brief = make_brief(Request.build("fireworks over the city"))
    assert brief.time_of_day == "night"  # no time said: fireworks are seen in the dark
    # so too in a morning's story, a shot of them (an edit's added shot burst in daylight)
    morning = make_brief(Request.build("a dog walks in the park in the morning"))
    staged = stage("fireworks over the park", morning, draft_bible(morning)).scene
    assert (staged.time_of_day, morning.time_of_day) == ("night", "morning")
    said = stage("fireworks at sunset", morning, draft_bible(morning)).scene
    assert said.time_of_day == "sunset"
    spec = replace(parsed.spec, time_of_day="night")
    fps, frames = 24, 96
    renderer = Renderer(spec, size=(320, 180), fps=fps, frames=frames, seed=2)
    choreography = renderer.choreography
    bangs = [e for e in sound_events(choreography) if e.kind == "bang"]
    assert 3 <= len(bangs) <= 6  # about one a second

    def lit(index: int) -> int:  # bright pixels in the sky: sparks and flashes
        frame, truth = renderer.frame(index)
        assert truth.entities[0].visible == 1.0  # drawn over the towers
        return int((frame[:90].max(axis=2) > 235).sum())

    for bang in bangs:
        at = round(bang.time * fps)
        if 3 <= at < frames - 1:
            assert lit(at + 1) > lit(at - 3), bang.time  # the flash comes with the bang
    sound = effect_sound("bang", "fireworks", np.random.default_rng(0))
    assert len(sound) > 0.8 * 48000 and np.abs(sound[:480]).max() > 0.2


def test_a_shot_with_fireworks_has_room_for_the_sky_and_none_are_seen_indoors():
    fireworks = (EntitySpec("person", "blue", "sit"), EntitySpec("fireworks", "red"))
    indoors = SceneSpec("living room", "night", "clear", "static", "medium", fireworks[1:])
    beach_close = SceneSpec("beach", "night", "clear", "static", "close-up", fireworks)
    beach_wide = SceneSpec("beach", "night", "clear", "static", "wide", fireworks)
    seen = {
        spec.place + " " + spec.shot_size: Stage(spec, size=(320, 180), fps=8, frames=1)
        .truth(0)
        .entities[-1]
        .visible
        for spec in (indoors, beach_close, beach_wide)
    }
    assert seen["living room medium"] == 0.0  # said unseen, not drawn on the wall
    assert seen["beach close-up"] > 0.3 and seen["beach wide"] > 0.5
    # a shot with fireworks leaves room for the sky: above a dog in the park, they are seen
    dog = (EntitySpec("dog", "brown", "walk"), EntitySpec("fireworks", "red"))
    park = SceneSpec("park", "night", "clear", "track", "wide", dog)
    assert Stage(park, size=(320, 180), fps=8, frames=1).truth(0).entities[1].visible > 0.5
    assert _changed(indoors, 5).sum() == 0  # nothing drawn on the wall


@pytest.mark.parametrize("prompt", ["a dog playing with a stick", "a dog catching a frisbee"])
def test_a_thrown_stick_or_frisbee_is_run_after_as_a_ball_is(prompt):
    """The dog met a box labelled "stick", or leapt on the spot beside one labelled
    "frisbee"."""
    (dog, thrown) = parse(prompt).spec.entities
    assert (dog.action, dog.target) == ("chase", 1)
    choreography = Choreography(parse(prompt).spec, 4.0)
    for t in (0.5, 2.0, 3.5):
        chaser, chased = choreography.pose(0, t), choreography.pose(1, t)
        assert chased.x > chaser.x  # just ahead of the dog
    flying = choreography.pose(1, 2.0)
    assert (flying.y > 0.6) == (thrown.kind == "frisbee")  # a frisbee skims above the grass


def test_a_penguin_waddles_and_a_bee_buzzes_about():
    penguin = parse("a penguin waddling on the ice").spec
    assert penguin.entities[0].action == "walk"
    steps = [e for e in sound_events(Choreography(penguin, 3.0)) if e.entity_kind == "penguin"]
    assert len(steps) > 4
    bee = parse("a bee in the garden").spec.entities[0]
    assert (bee.kind, bee.action) == ("bee", "fly")


def test_a_picnic_is_on_a_blanket_the_family_round_it():
    """ "A family having a picnic" sat three people apart on the grass."""
    board, _ = preview_plan(
        Request.build("a family having a picnic in the park", duration=8), ["procedural"]
    )
    scene = board.shots[0].scene_spec
    assert "blanket" in [e.kind for e in scene.entities]
    _, truth = Renderer(scene, size=(320, 180), fps=8, frames=1, seed=1).frame(0)
    blanket = next(t for t in truth.entities if t.kind == "blanket")
    for seen, entity in zip(truth.entities, scene.entities, strict=True):
        if entity.kind == "person":  # each on it, sitting on the ground
            middle = (seen.box[0] + seen.box[2]) / 2
            assert blanket.box[0] < middle < blanket.box[2] and seen.action == "sit"
    assert parse("a girl sitting on a picnic blanket").spec.entities[1].kind == "blanket"


def test_ice_brings_snow_new_year_s_eve_is_night_and_a_penguin_family_is_several():
    assert make_brief(Request.build("a polar bear on an iceberg")).weather == "snow"
    assert make_brief(Request.build("penguins walking on the ice")).weather == "snow"
    assert make_brief(Request.build("a kid eating ice cream on a hot day")).weather == "clear"
    brief = make_brief(Request.build("fireworks on new year's eve"))
    assert brief.time_of_day == "night"
    said = [a.said() for a in asks_in("fireworks on new year's eve")]
    assert said[:2] == ["fireworks", "at night"]  # not "a fireworks"
    assert "three penguins" in [a.said() for a in asks_in("a penguin family on the ice")]


def test_a_flower_blooms_over_the_shot():
    spec = parse("a timelapse of a flower blooming").spec
    assert [(e.kind, e.action) for e in spec.entities] == [("flower", "bloom")]
    assert parse(caption(spec)).spec == spec
    renderer = Renderer(spec, size=(320, 180), fps=8, frames=32, seed=1)
    (start, _), (end, _) = renderer.frame(0), renderer.frame(31)
    plate, _ = Renderer(spec, size=(320, 180), fps=8, frames=32, seed=1, entities=False).frame(0)

    def drawn(frame: np.ndarray) -> int:
        return int((np.abs(frame.astype(int) - plate.astype(int)).sum(axis=2) > 30).sum())

    assert drawn(end) > 1.5 * drawn(start)  # a bud, then a flower


def test_one_waiting_for_someone_to_come_home_waits_alone_at_home():
    """The owner waited for stood beside the dog, by a house in the living room."""
    for text in (
        "a dog waiting at the window for its owner to come home",
        "a dog waits for his owner to come home",  # "to come home" was its way there
    ):
        assert [a.said() for a in asks_in(text) if a.kind == "entity"] == ["a dog"]
        board, _ = preview_plan(Request.build(text), ["procedural"])  # shots of 10 s
        for shot in board.shots:
            assert [e.kind for e in shot.scene_spec.entities] == ["dog"]
            assert shot.scene_spec.place == "living room"


def test_a_cup_given_is_held_out_before_the_giver_and_put_down_before_the_taker():
    """A person giving a cup to a dog held it behind their back, never bending; a giver's
    arm rose as the cup went down."""
    spec = parse("a person gives a white cup to a brown dog at the cafe").spec
    choreography = Choreography(spec, 4.0)
    giver, cup = choreography.pose(0, 0.2), choreography.pose(1, 0.2)
    assert (cup.x - giver.x) * giver.facing > 0.3  # held out before them
    assert choreography.pose(0, 2.0).reach > 0.8  # bent down, halfway through
    dog, put = choreography.pose(2, 3.5), choreography.pose(1, 3.5)
    assert put.y == 0.0 and abs(put.x - dog.x) < 0.6 and giver.x < put.x < dog.x


@pytest.mark.parametrize(
    "prompt", ["a woman with an umbrella sitting on the beach", "a man with an umbrella on a bench"]
)
def test_a_seated_holder_s_umbrella_is_in_their_hand(prompt):
    """Seated on the ground, the umbrella floated at a chair-sitter's hand height."""
    spec = parse(prompt).spec
    if "bench" in prompt:
        spec = replace(spec, entities=(replace(spec.entities[0], action="sit"), *spec.entities[1:]))
    choreography = Choreography(spec, 2.0)
    holder, umbrella = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    hip = 0.12 if holder.grounded else 0.5  # the painter's, in a grown-up's metres
    assert umbrella.y == pytest.approx(holder.y + hip + 0.325, abs=0.02)


def test_a_tree_is_white_with_snow_where_it_snows():
    """The place's trees were snowy, the one the request named kept its summer green."""
    tree = (EntitySpec("tree", "green"),)

    def canopy(weather: str) -> float:
        spec = SceneSpec("park", "noon", weather, "static", "wide", tree)
        frame, truth = Renderer(spec, size=(320, 180), fps=8, frames=1, seed=1).frame(0)
        x0, y0, x1, y1 = truth.entities[0].box
        return float(frame[y0 : (y0 + y1) // 2, x0:x1].mean())  # its top half: leaves

    assert canopy("snow") > canopy("clear") + 40


def test_a_train_goes_by_where_nothing_else_is_said_of_it_on_its_rails():
    """ "a train passing through the countryside" stood still; "a steam train crossing the
    valley" was "a train that walks"."""
    for text in ("a train passing through the countryside", "a steam train crossing the valley"):
        (train,) = parse(text).spec.entities
        assert (train.kind, train.action) == ("train", "drive"), text
    assert parse("a dog sits by a train").spec.entities[1].action == "drive"
    spec = parse("a train in the park").spec
    choreography = Choreography(spec, 4.0)
    assert choreography.pose(0, 4.0).x - choreography.pose(0, 0.0).x > 2.5  # on its way


def test_a_train_runs_on_steel_wheels_and_puffs_steam():
    """A train's wheels were a car's black tyres, and a steam train gave off no steam."""
    spec = parse("medium shot. a steam train in the park").spec
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=4, seed=2).frame(2)
    x0, y0, x1, y1 = truth.entities[0].box
    wheels = image[y1 - (y1 - y0) // 8 : y1, x0:x1].astype(int)
    tyre = np.abs(wheels - np.array(TYRE)).sum(axis=2) < 20
    assert tyre.mean() < 0.01
    # puffs trailing from the chimney, over the locomotive (its front third)
    above = image[: y0 + (y1 - y0) // 3, x1 - (x1 - x0) // 3 : x1].astype(int)
    steam = np.abs(above - np.array(STEAM)).sum(axis=2) < 60
    assert steam.sum() > 20


def test_a_guitar_is_played_before_its_player_who_stands_or_sits_to_play_it():
    """ "a man playing guitar on the street": a box labelled guitar, the man walking past."""
    board, _ = preview_plan(
        Request.build("a man playing guitar on the street", duration=6), ["procedural"]
    )
    spec = board.shots[0].scene_spec
    (man, guitar) = spec.entities
    assert (man.action, guitar.kind, guitar.target) == ("stand", "guitar", 0)
    for text in ("a man playing guitar on the street", "a girl sits on a bench playing guitar"):
        spec = parse(text).spec
        choreography = Choreography(spec, 4.0)
        player = choreography.pose(0, 1.0)
        held = choreography.pose(len(spec.entities) - 1, 1.0)
        assert player.plays and not player.holds_up and held.held_by == 0, text
        _, truth = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
        body, instrument = truth.entities[0], truth.entities[-1]
        assert body.box[1] < instrument.box[1] < body.box[3], text  # before the waist


def test_a_violin_is_played_under_the_chin_its_bow_drawn_to_and_fro():
    """ "a girl playing the violin" walked past a labelled box "violin"."""
    spec = parse("medium shot. a girl plays the violin in the park").spec
    choreography = Choreography(spec, 4.0)
    player, violin = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert player.plays == "violin" and violin.held_by == 0
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2)
    (first, truth), (later, _) = renderer.frame(0), renderer.frame(9)
    body, held = truth.entities
    shoulders = body.box[1] + (body.box[3] - body.box[1]) // 5
    assert body.box[1] < held.box[1] < shoulders  # up under the chin, not at the waist
    bowed = np.abs(first.astype(int) - later.astype(int)).sum(axis=2) > 60
    assert bowed[body.box[1] : body.box[3], body.box[0] : body.box[2] + 40].sum() > 20


def test_a_child_plays_a_guitar_of_a_childs_size():
    """A little girl was given a full-size guitar, as long as she was tall."""
    boxes, painted = {}, {}
    for who in ("a man", "a little girl"):
        spec = parse(f"medium shot. {who} plays the guitar in the park").spec
        image, truth = Renderer(spec, size=(320, 180), fps=24, frames=4, seed=2).frame(2)
        body, guitar = truth.entities[0], truth.entities[1]
        tall = body.box[3] - body.box[1]
        near = image[body.box[1] : body.box[3], body.box[0] - tall : body.box[2] + tall]
        drawn = np.abs(near.astype(int) - np.array(DEFAULT_GUITAR)).sum(axis=2) < 45
        boxes[who] = (guitar.box[2] - guitar.box[0]) / tall  # of its player's height
        painted[who] = drawn.sum() / tall**2
    assert boxes["a little girl"] == pytest.approx(boxes["a man"], rel=0.2)
    assert painted["a little girl"] == pytest.approx(painted["a man"], rel=0.35)


def test_bubbles_are_blown_from_a_wand_and_drift_away():
    """ "a girl blowing bubbles in the garden": she stood there, "bubbles" left out."""
    parsed = parse("a girl blowing bubbles in the garden")
    (girl, bubbles) = parsed.spec.entities
    assert (girl.action, bubbles.kind, bubbles.target) == ("blow", "bubbles", 0)
    assert not parsed.unsupported_words and parse(caption(parsed.spec)).spec == parsed.spec
    assert [a.said() for a in asks_in("a girl blowing bubbles") if a.kind == "entity"] == [
        "a person",
        "bubbles",
    ]
    choreography = Choreography(parsed.spec, 4.0)
    body = choreography.pose(0, 1.0)
    assert body.at_the_face == "wand"
    stream = [choreography.pose(1, t) for t in (0.5, 1.5, 2.5)]
    assert all((s.x - body.x) * body.facing > 0.3 for s in stream)  # ahead of her
    renderer = Renderer(parsed.spec, size=(320, 180), fps=24, frames=48, seed=2)
    (first, truth), (later, _) = renderer.frame(10), renderer.frame(30)
    x0, y0, x1, y1 = truth.entities[1].box
    assert truth.entities[1].visible > 0.9
    drift = np.abs(first.astype(int) - later.astype(int))[y0:y1, x0:x1].max(axis=2)
    assert (drift > 40).sum() > 10  # they move on


def test_a_painter_paints_at_an_easel_the_canvas_filling_as_they_go():
    """ "a woman painting on a canvas in the park": she stood by a box labelled canvas."""
    parsed = parse("a woman painting on a canvas in the park")
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [
        ("person", "paint"),
        ("easel", "stand"),
    ]
    assert not parsed.placeholders and parse(caption(parsed.spec)).spec == parsed.spec
    assert "easel" not in [e.kind for e in parse("a man painting the fence").spec.entities]
    for what in ("a picture", "a portrait", "a landscape"):  # the canvas: no box beside it
        painting = parse(f"a woman painting {what} by the lake")
        assert not painting.placeholders and "easel" in [e.kind for e in painting.spec.entities]
    choreography = Choreography(parsed.spec, 10.0)
    painter, easel = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert 0.5 < (easel.x - painter.x) * painter.facing < 1.0 and easel.facing == -painter.facing
    spec = replace(parsed.spec, shot_size="close-up")
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=240, seed=2)
    (early, truth), (late, _) = renderer.frame(12), renderer.frame(228)
    x0, y0, x1, y1 = truth.entities[1].box

    def strokes(image) -> int:
        canvas = image[y0:y1, x0:x1].astype(int)
        return sum(
            int((np.abs(canvas - np.array(paint)).sum(axis=2) < 60).sum())
            for paint in PAINTED
            if paint != PAINTED[2]  # (not its green: the grass is green too)
        )

    assert strokes(late) > strokes(early) > 0  # more strokes on it by the end
