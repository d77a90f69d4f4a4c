"""Sleeping, babies and a young animal's parent: drawn and read as people ask for them."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import draft_bible
from videoagent.plan.asks import asks_in
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.plan.staging import stage
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SEAT_HEIGHT, Choreography, Pose
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.vocabulary import (
    ACTIONS,
    DEFAULT_COLOUR,
    LEARNT_ACTIONS,
    LEARNT_KINDS,
)


def _asleep(kind: str, shot_size: str = "close-up") -> Renderer:
    entities = (EntitySpec(kind, DEFAULT_COLOUR[kind], "sleep"),)
    spec = SceneSpec("park", "noon", "clear", "static", shot_size, entities)
    return Renderer(spec, size=(224, 128), fps=8, frames=24, seed=3)


@pytest.mark.parametrize("kind", ACTIONS["sleep"])
def test_every_creature_sleeps_lying_low_in_frame_and_breathing(kind):
    """Asleep, one lies lower than it stands (a bird sinks its head in), all of it in the
    picture, and its body rises and falls: a sleeping dog is not a photograph."""
    renderer = _asleep(kind)
    frames, truths = zip(*(renderer.frame(i) for i in (0, 6, 12)), strict=True)
    assert all(truth.entities[0].visible == 1.0 for truth in truths), kind
    if kind != "bird":
        _, lying_low, _, lying_top = Choreography(renderer.spec, 3.0).pose(0, 0.0).box(kind)
        _, standing_low, _, standing_top = Pose(0.0, 0.0, 1, "stand", 0.0).box(kind)
        assert lying_top - lying_low < 0.6 * (standing_top - standing_low), kind
    changed = max(
        np.abs(frames[0].astype(int) - frame.astype(int)).sum(axis=2).max() for frame in frames[1:]
    )
    assert changed > 30, kind


def test_sleeping_is_read_and_captioned_and_said_as_asked():
    for prompt in (
        "a cat sleeping on the windowsill",
        "a puppy takes a nap in the living room",
        "the dog falls asleep",
        "a lion dozing in the sun",
    ):
        spec = parse(prompt).spec
        assert spec.entities[0].action == "sleep", prompt
        assert parse(caption(spec)).spec == spec
        assert not parse(prompt).unsupported_words, prompt
    asks = asks_in("a dog plays in the park, then falls asleep under a tree")
    assert any(a.kind == "action" and a.what == "sleep" and a.of == "dog" for a in asks)


def test_one_asleep_on_a_bench_lies_along_it():
    brief = make_brief(Request.build("an old man dozing on a bench in the park"))
    scene = stage(brief.beats[0], brief, draft_bible(brief)).scene
    assert [(e.kind, e.action) for e in scene.entities] == [("person", "sleep"), ("bench", "stand")]
    choreography = Choreography(scene, 4.0)
    sleeper, bench = choreography.pose(0, 2.0), choreography.pose(1, 2.0)
    assert sleeper.y == SEAT_HEIGHT and abs(sleeper.x - bench.x) < 0.05


def test_a_generator_that_never_learnt_sleeping_shows_it_sitting_or_standing():
    parsed = parse("a dog and a bird sleeping").within(LEARNT_KINDS, LEARNT_ACTIONS)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("dog", "sit"), ("bird", "stand")]


def test_a_baby_is_a_child_at_home_and_a_baby_animal_is_the_animal():
    (baby,) = parse("a baby sleeping").spec.entities
    assert (baby.kind, baby.label, baby.action) == ("person", "child", "sleep")
    assert make_brief(Request.build("a baby sleeping")).place == "living room"
    assert [e.kind for e in parse("a baby bird learning to fly").spec.entities] == ["bird"]
    brief = make_brief(Request.build("a baby elephant walking with its mother"))
    assert (brief.subject_kind, brief.place) == ("elephant", "park")


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("a baby elephant walking with its mother", ["elephant", "elephant"]),
        ("a duckling following her mom", ["bird", "bird"]),
        ("a puppy and its mother", ["dog", "dog"]),
        # a pet's "dad" may be whoever it lives with; a girl's mom is a person
        ("a dog walks with his dad", ["dog", "person"]),
        ("a girl and her mom", ["person", "person"]),
    ],
)
def test_a_young_animal_s_parent_is_of_its_kind(prompt, kinds):
    assert [e.kind for e in parse(prompt).spec.entities] == kinds
    asked = {a.what for a in asks_in(prompt) if a.kind == "entity"}
    assert asked == set(kinds)


def test_a_boy_and_his_dog_sleep_side_by_side_both_in_the_picture():
    """The dog stood by while the boy slept; made to lie down too, it lay on his face, and
    a close-up of the boy left it out."""
    brief = make_brief(Request.build("a boy and his dog sleeping under a tree"))
    scene = stage(brief.beats[0], brief, draft_bible(brief)).scene
    assert [(e.kind, e.action) for e in scene.entities][:2] == [
        ("person", "sleep"),
        ("dog", "sleep"),
    ]
    assert scene.shot_size != "close-up"
    _, truth = Renderer(scene, size=(320, 180), fps=8, frames=1, seed=1).frame(0)
    boy, dog = truth.entities[:2]
    assert boy.visible == 1.0 and dog.visible > 0.5
    assert boy.box[2] <= dog.box[0] or dog.box[2] <= boy.box[0]  # side by side, not on him


def test_a_creature_said_in_two_words_is_one_and_plays_alone():
    (puppy, ball) = parse("a golden retriever puppy playing in the snow").spec.entities
    assert (puppy.kind, puppy.colour, puppy.action, ball.kind) == ("dog", "golden", "chase", "ball")
    asked = [a.said() for a in asks_in("a golden retriever puppy playing in the snow")]
    assert "the dog meets the dog" not in asked and "the dog chases the ball" in asked


@pytest.mark.parametrize(
    ("prompt", "action"),
    [("a cat sleeping on the sofa", "sleep"), ("a dog sitting on the couch", "sit")],
)
def test_one_on_the_sofa_is_up_on_a_sofa(prompt, action):
    """The sofa was the living room's only: the cat slept on the floor."""
    spec = parse(prompt).spec
    assert [(e.kind, e.action) for e in spec.entities] == [
        (spec.entities[0].kind, action),
        ("sofa", "stand"),
    ]
    assert spec.place == "living room"
    choreography = Choreography(spec, 3.0)
    lead, sofa = choreography.pose(0, 1.5), choreography.pose(1, 1.5)
    assert lead.y == SEAT_HEIGHT and abs(lead.x - sofa.x) < 0.5


def test_two_asleep_at_home_lie_side_by_side_in_one_bed(first_planned):
    # "a couple sleeping at home" lay one on a bed and the other on the floor out of shot
    spec, warnings = first_planned("a couple sleeping at home")
    assert not warnings and [e.kind for e in spec.entities] == ["person", "bed", "person"]
    poses = Choreography(spec, 2.0)
    near, bed, far = (poses.pose(i, 1.0) for i in range(3))
    assert near.y == SEAT_HEIGHT < far.y and far.further_back
    assert abs(far.x - near.x) < 0.5 and abs(bed.x - near.x) < 0.5  # on it, together
