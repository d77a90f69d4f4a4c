"""Four-legged animals and riders: drawn, not labelled boxes, and staged as people ask."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import asks_in
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.events import sound_events
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.staging import Stage
from videoagent.synthworld.vocabulary import (
    ANIMALS,
    DEFAULT_COLOUR,
    LEARNT_ACTIONS,
    LEARNT_KINDS,
)


def _drawn(kind: str, action: str = "stand") -> tuple[np.ndarray, np.ndarray]:
    """One animal alone on the plate, in its own colour: the frame, and where it changes
    the picture (a boolean mask)."""
    entities = (EntitySpec(kind, DEFAULT_COLOUR[kind], action),)
    spec = SceneSpec("park", "noon", "clear", "static", "medium", entities)
    frame, _ = Renderer(spec, size=(224, 128), fps=8, frames=1, seed=3).frame(0)
    empty, _ = Renderer(spec, size=(224, 128), fps=8, frames=1, seed=3, entities=False).frame(0)
    return frame, np.abs(frame.astype(int) - empty.astype(int)).sum(axis=2) > 30


def _silhouette(kind: str, action: str = "stand") -> np.ndarray:
    return _drawn(kind, action)[1]


def test_each_animal_is_drawn_in_an_outline_or_a_coat_of_its_own():
    """A horse is not a box labelled "horse"; no two animals look alike (a zebra is a
    horse's outline in a striped coat)."""
    drawn = {}
    for kind in ANIMALS:
        parsed = parse(f"a {kind} standing in the park")
        assert [e.kind for e in parsed.spec.entities] == [kind] and not parsed.placeholders
        drawn[kind] = _drawn(kind)
        assert drawn[kind][1].sum() > 150, kind
    for one in ANIMALS:
        for other in ANIMALS:
            if one < other:
                (picture, mask), (other_picture, other_mask) = drawn[one], drawn[other]
                union = mask | other_mask
                overlap = (mask & other_mask).sum() / union.sum()
                unlike = np.abs(picture.astype(int) - other_picture.astype(int)).sum(axis=2) > 60
                assert overlap < 0.8 or unlike[union].mean() > 0.3, (one, other, overlap)


def test_a_grazing_animal_lowers_its_head_and_a_running_one_moves_its_legs():
    """Grazing is eating with the head at the grass: a horse's outline reaches lower in front
    of its forelegs than when it stands; its legs are not where they were a moment ago."""
    assert parse("a brown horse grazing in a meadow").spec.entities[0].action == "eat"
    standing, grazing = _silhouette("horse"), _silhouette("horse", "eat")
    front = slice(140, 224)  # ahead of the middle of the frame, where the head is

    def top(mask: np.ndarray) -> int:  # the highest row drawn on
        return int(np.argmax(mask[:, front].any(axis=1)))

    assert top(grazing) > top(standing) + 10
    runner = Renderer(parse("a horse galloping").spec, size=(224, 128), fps=8, frames=3, seed=1)
    first, second = runner.frame(0)[0], runner.frame(1)[0]
    assert np.abs(first.astype(int) - second.astype(int)).sum(axis=2).max() > 60


@pytest.mark.parametrize(
    ("prompt", "kind", "colour"),
    [
        ("a polar bear on the ice", "bear", "white"),
        ("a bear cub catching fish in a river", "bear", "brown"),
        ("two lambs in a field", "sheep", "white"),
        ("a pony at the beach", "horse", "brown"),
    ],
)
def test_an_animal_said_in_two_words_or_by_its_young_is_the_request_s_subject(prompt, kind, colour):
    brief = make_brief(Request.build(prompt))
    assert (brief.subject_kind, brief.subject_colour) == (kind, colour)
    assert not brief.beats[0].startswith(("cub", "bear"))


@pytest.mark.parametrize(
    ("prompt", "colour", "action"),
    [
        ("an eagle soaring over the mountains", "brown", "fly"),  # was a labelled box
        ("a flamingo by the lake", "pink", None),
        ("a raven on the fence", "black", "perch"),
        ("a dove in the park", "white", None),
    ],
)
def test_a_bird_by_its_own_name_is_a_bird_of_its_colour(first_planned, prompt, colour, action):
    spec, _ = first_planned(prompt)
    lead = spec.entities[0]
    assert (lead.kind, lead.colour) == ("bird", colour)
    assert action is None or lead.action == action
    assert not spec.placeholders


def test_a_pup_cup_is_a_cup_and_no_pup():
    brief = make_brief(Request.build("a pup cup on a cafe table"))
    assert brief.subject == "" and brief.subject_kind is None


def test_a_rider_sits_on_the_horse_that_carries_them_along():
    spec = parse("a cowboy riding a horse along the beach at sunset").spec
    (rider, horse) = spec.entities
    assert (rider.kind, rider.action, rider.target) == ("person", "ride", 1)
    assert (horse.kind, horse.action) == ("horse", "walk")
    assert parse(caption(spec)).spec == spec
    renderer = Renderer(spec, size=(320, 180), fps=8, frames=40, seed=2)
    for index in (0, 39):
        _, truth = renderer.frame(index)
        person, animal = truth.entities
        assert person.visible == 1.0 and animal.visible == 1.0
        middle = (animal.box[0] + animal.box[2]) / 2
        assert animal.box[0] < (person.box[0] + person.box[2]) / 2 < animal.box[2]
        assert person.box[1] < animal.box[1]  # the rider's head above the horse's back
        assert abs((person.box[0] + person.box[2]) / 2 - middle) < 0.25 * (
            animal.box[2] - animal.box[0]
        )
    # They travel together.
    choreography = Choreography(spec, 5.0)
    assert choreography.pose(0, 5.0).x - choreography.pose(0, 0.0).x > 2.5
    assert choreography.pose(1, 5.0).x - choreography.pose(1, 0.0).x > 2.5
    steps = [e for e in sound_events(choreography) if e.entity_kind == "horse"]
    assert len(steps) > 10  # hooves on the sand


def test_a_galloping_horse_carries_its_rider_at_a_run():
    walking = parse("a girl riding a horse, tracking").spec
    galloping = parse("a girl riding a horse, tracking. The horse gallops.").spec
    assert [e.action for e in galloping.entities] == ["ride", "run"]
    assert parse(caption(galloping)).spec == galloping
    pace = [Choreography(spec, 2.0).subject_span() for spec in (walking, galloping)]
    assert pace[1][1] - pace[1][0] > pace[0][1] - pace[0][0]
    assert Choreography(galloping, 2.0).pose(1, 1.0).action == "run"


def test_riding_what_the_world_cannot_draw_ridden_is_said_not_drawn():
    parsed = parse("a boy riding a unicycle in the park")
    assert "riding" in parsed.unsupported_words
    assert all(e.action != "ride" for e in parsed.spec.entities)
    boarded = parse("a boy riding a skateboard in the park")  # riding it is skating
    assert boarded.unsupported_words == [] and boarded.spec.entities[0].action == "skate"
    knight = parse("a knight on horseback").spec
    assert [(e.kind, e.action) for e in knight.entities] == [("person", "ride"), ("horse", "walk")]


@pytest.mark.parametrize(
    ("prompt", "ridden", "how"),
    [
        ("horseback riding on the beach", "horse", "ride"),  # was an empty shot
        ("sledding", "sled", "sled"),  # was a sled alone, sledding said undrawable
        ("rowing on the lake at dawn", "boat", "row"),
    ],
)
def test_riding_said_of_no_one_is_someone_riding(prompt, ridden, how):
    parsed = parse(prompt)
    doings = [(e.kind, e.action, e.target) for e in parsed.spec.entities]
    assert doings[0] == ("person", how, 1) and doings[1][0] == ridden
    assert not parsed.unsupported_words


def test_a_generator_that_never_learnt_an_animal_reports_it_as_a_placeholder():
    """The embedded model's layers are sized by the kinds and actions it learnt: a horse is
    a labelled stand-in there and a rider stands, both reported."""
    parsed = parse("a red person rides a brown horse beside a brown dog").within(
        LEARNT_KINDS, LEARNT_ACTIONS
    )
    kinds = [(e.kind, e.action, e.label) for e in parsed.spec.entities]
    assert kinds == [
        ("person", "stand", ""),
        ("placeholder", "stand", "horse"),
        ("dog", "stand", ""),
    ]
    assert parsed.placeholders == ["horse"]
    plain = parse("a brown dog walks in the park")
    assert plain.within(LEARNT_KINDS, LEARNT_ACTIONS) is plain


@pytest.mark.parametrize("kind", ["dog", "horse"])
def test_a_panned_runner_stays_in_the_frame(kind):
    """A pan that sweeps less ground than its subject runs follows it (a dog running through
    a field was out of the frame half of a wide panned shot, and each take failed)."""
    spec = SceneSpec("park", "sunset", "clear", "pan", "wide", (EntitySpec(kind, "brown", "run"),))
    stage = Stage(spec, size=(320, 180), fps=4, frames=40)
    assert all(stage.truth(i).entities[0].visible == 1.0 for i in range(40))


@pytest.mark.parametrize(
    ("prompt", "kinds", "placeholders"),
    [
        ("the rooster crows at dawn", ["bird"], []),  # it was two black birds (crows)
        ("three crows on a fence", ["bird", "fence"], []),  # on its top rail
        ("a wildlife documentary about a fox", ["fox"], []),  # a box labelled "wildlife"
        ("a hen and her chicks", ["bird"], []),
    ],
)
def test_farm_and_wild_words_are_read_as_people_mean_them(prompt, kinds, placeholders):
    parsed = parse(prompt)
    assert sorted({e.kind for e in parsed.spec.drawable}) == kinds
    assert parsed.placeholders == placeholders
    assert [a.what for a in asks_in(prompt) if a.kind == "entity"] == kinds


def test_a_hopping_rabbit_travels_and_a_barn_is_the_farm():
    """A bunny hopping through a garden went up and down on one spot."""
    spec = parse("a bunny hopping through a garden, tracking").spec
    assert (spec.entities[0].kind, spec.entities[0].action) == ("rabbit", "jump")
    choreography = Choreography(spec, 4.0)
    assert choreography.pose(0, 4.0).x - choreography.pose(0, 0.0).x > 3
    barn = parse("a farmer walks his horse back to the barn")
    assert barn.spec.place == "farm" and not barn.placeholders


def test_the_wild_places_animals_live_in_are_drawn_as_the_park_and_said_so():
    parsed = parse("a lion chasing a zebra across the savanna at sunset")
    kinds = [(e.kind, e.action) for e in parsed.spec.entities]
    assert kinds == [("lion", "chase"), ("zebra", "stand")]
    assert Choreography(parsed.spec, 2.0).pose(1, 1.0).action == "run"  # it flees
    assert parsed.spec.place == "park" and not parsed.placeholders


def test_two_wolves_are_two_wolves_not_wolfs_and_a_box():
    """The count was said "two wolfs", which the plan then drew as a box labelled "wolfs"."""
    (wolves,) = [a for a in asks_in("two wolves howling at the moon") if a.kind == "entity"]
    assert wolves.said() == "two wolves"
    board, _ = preview_plan(
        Request.build("two wolves howling at the moon", duration=6), ["procedural"]
    )
    for shot in board.shots:
        kinds = [e.kind for e in shot.scene_spec.entities]
        assert kinds.count("wolf") == 2 and "placeholder" not in kinds


def test_the_animals_that_can_sit_are_the_ones_drawn_sitting():
    """The vocabulary says who can sit; the body plans say who is drawn on its haunches."""
    from videoagent.synthworld.painters.animals import PLANS
    from videoagent.synthworld.vocabulary import ACTIONS

    assert {k for k, plan in PLANS.items() if plan.sits} | {"rabbit"} == set(ACTIONS["sit"]) & set(
        ANIMALS
    )
    assert set(PLANS) | {"rabbit"} == set(ANIMALS)


@pytest.mark.parametrize(
    "prompt",
    ["a kid riding a bike in the park, tracking", "a woman cycling through the park, tracking"],
)
def test_a_cyclist_pedals_the_bike_that_carries_them(prompt):
    """ "Riding a bike" was said as not drawn: the kid walked beside a box labelled "bike"."""
    parsed = parse(prompt)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == [
        ("person", "cycle", 1),
        ("bike", "roll", None),
    ]
    assert not parsed.unsupported_words and not parsed.placeholders
    assert parse(caption(parsed.spec)).spec == parsed.spec
    stage = Stage(parsed.spec, size=(320, 180), fps=8, frames=40)
    first, last = stage.truth(0).entities, stage.truth(39).entities
    for person, bike in (first, last):
        assert person.visible == bike.visible == 1.0
        assert bike.box[0] < (person.box[0] + person.box[2]) / 2 < bike.box[2]
        assert person.box[1] < bike.box[1]  # sitting up above the wheels
    choreography = Choreography(parsed.spec, 4.0)
    assert choreography.pose(1, 4.0).x - choreography.pose(1, 0.0).x > 8  # faster than a walk
    rider = [choreography.pose(0, t / 8).phase for t in range(3)]
    assert rider[0] != rider[1] != rider[2]  # pedalling
    assert "the person rides the bike" in [a.said() for a in asks_in(prompt)]
    embedded = parsed.within(LEARNT_KINDS, LEARNT_ACTIONS).spec.entities
    assert [(e.kind, e.action, e.label) for e in embedded] == [
        ("person", "stand", ""),
        ("placeholder", "stand", "bike"),
    ]


def test_a_cat_chases_a_mouse_that_runs_away():
    """ "A cat chasing a mouse" chased a box labelled "mouse" that stood still."""
    spec = parse("a cat chasing a mouse, tracking").spec
    assert [(e.kind, e.action) for e in spec.entities] == [("cat", "chase"), ("mouse", "stand")]
    choreography = Choreography(spec, 2.0)
    assert choreography.pose(1, 1.0).action == "run"
    assert choreography.pose(1, 1.0).x > choreography.pose(0, 1.0).x  # ahead of the cat


@pytest.mark.parametrize(
    ("prompt", "kind", "colour"),
    [
        ("a corgi running on the beach at sunset", "dog", "golden"),  # was a labelled box
        ("two huskies in the snow", "dog", "grey"),
        ("a german shepherd in the park", "dog", "brown"),
        ("a dalmatian sleeping", "dog", "white"),
        ("a black poodle", "dog", "black"),  # the colour said is the colour
        ("a tabby cat napping", "cat", "orange"),
    ],
)
def test_a_dog_or_a_cat_by_its_breed_is_one_in_its_coat(prompt, kind, colour):
    parsed = parse(prompt)
    assert (parsed.spec.entities[0].kind, parsed.spec.entities[0].colour) == (kind, colour)
    assert not parsed.placeholders and not parsed.unsupported_words


@pytest.mark.parametrize(
    "prompt", ["a cat named Luna sleeping", "my dog Max runs on the beach", "a dog called Buddy"]
)
def test_a_pets_name_is_no_word_to_draw(prompt):
    parsed = parse(prompt)
    assert not parsed.unsupported_words and not parsed.placeholders
    assert parse("A Dog Runs On The Beach").spec.entities[0].action == "run"  # (capitals)


def test_an_animal_said_to_crawl_walks_its_own_way(first_planned):
    """ "a turtle crawling on the beach" was warned of, a turtle that crawls undrawable."""
    spec, warnings = first_planned("a turtle crawling on the beach")
    assert not warnings and [(e.kind, e.action) for e in spec.entities] == [("turtle", "walk")]
    assert parse("a baby crawling").spec.entities[0].action == "crawl"  # on hands and knees
