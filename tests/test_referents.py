"""An "it" something is done to is the thing named before it, in the same shot."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import draft_bible, preview_plan
from videoagent.plan.brief import make_brief
from videoagent.plan.referents import with_referents
from videoagent.plan.request import Request
from videoagent.plan.staging import stage


@pytest.mark.parametrize(
    ("beat", "before", "written"),
    [
        ("kicks it across the park", ["finds a red ball"], "kicks the ball across the park"),
        ("finds a ball and chases it", [], "finds a ball and chases the ball"),
        ("a woman picks it up", ["steam rises from the mug"], "a woman picks the cup up"),
        ("a wave washes it away", ["build a sandcastle"], "a wave washes the sandcastle away"),
        ("it starts to rain", ["finds a ball"], "it starts to rain"),  # the weather
        ("runs, and it rains", ["finds a ball"], "runs, and it rains"),
        ("chases it", [], "chases it"),  # nothing named: as written
        # In a dog's story, "she" who arrives is the person named before.
        ("jumps when she arrives", ["waits for its owner"], "jumps when the person arrives"),
        ("jumps when she arrives", ["waits by the door"], "jumps when she arrives"),
    ],
)
def test_it_is_the_thing_named_last_before_it(beat, before, written):
    assert with_referents(beat, before, "dog") == written


def test_whom_one_waits_for_is_not_there_until_they_arrive():
    """ "A dog waiting at the door for its owner" drew her beside it, and "then jumping
    with joy when she arrives" without her."""
    text = "a dog waiting at the door for its owner, then jumping with joy when she arrives"
    board, _ = preview_plan(Request.build(text), ["procedural"])
    kinds = [[e["kind"] for e in shot.scene["entities"]] for shot in board.shots]
    assert "person" not in kinds[0] and "person" in kinds[-1]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a boy finds a red ball, then he kicks it across the park", ("ball", "red")),
        ("a girl buys a coffee, then she drinks it on a bench", ("cup", "white")),
        ("a dog meets a cat, then chases it", ("cat", "orange")),
    ],
)
def test_what_it_stands_for_is_in_the_shot_of_it_and_the_same_one(text, kept):
    """The ball kicked and the coffee drunk were missing from their shots."""
    brief = make_brief(Request.build(text))
    bible = draft_bible(brief)
    before, after = (stage(beat, brief, bible) for beat in brief.beats)
    found = [(e.kind, e.colour) for e in after.scene.entities]
    assert kept in found and found.count(kept) == 1
    assert after.cast[found.index(kept)] in before.cast


def test_a_verb_that_could_name_a_thing_is_read_as_the_verb():
    """ "she drinks it": the caption lost its subject ("Drinks it on a bench.") and the
    asks counted two cups; a person buying sat down at the counter, one drinking walked."""
    board, _ = preview_plan(
        Request.build("a girl buys a coffee, then she drinks it on a bench"), ["procedural"]
    )
    assert board.shots[-1].caption == "The girl drinks it on a bench."
    for shot in board.shots:
        assert [e["kind"] for e in shot.scene["entities"]].count("cup") == 1
    assert board.shots[0].scene["entities"][0]["action"] == "stand"
    assert board.shots[-1].scene["entities"][0]["action"] == "hold"  # the cup she drinks


def test_me_is_the_one_filming_drawn_as_a_person_and_them_what_they_unboxed():
    """ "An ugc video of me unboxing my new headphones" drew an empty park, captioned "Me
    unboxing my new headphones."; "trying them on" lost the headphones."""
    board, _ = preview_plan(
        Request.build("a video of me unboxing my new headphones, then me trying them on"),
        ["procedural"],
    )
    assert [s.caption for s in board.shots][::2] == [
        "I unbox my new headphones.",
        "I try them on.",
    ]
    for shot in board.shots:
        kinds = [(e["kind"], e["label"]) for e in shot.scene["entities"]]
        assert kinds[0] == ("person", "") and ("placeholder", "headphones") in kinds
