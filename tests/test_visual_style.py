"""The look a request asks for reaches the models that read prose, and nothing else."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.plan.visual_style import DEFAULT_LOOK, asked_look, without_looks


@pytest.mark.parametrize(
    ("text", "look", "told"),
    [
        ("an anime video of a cat", "anime, cel shading", "a video of a cat"),
        ("a black and white film about a man", "black and white", "a film about a man"),
        (
            "a dog walks in the park in black and white",
            "black and white",
            "a dog walks in the park",
        ),
        ("a dog on the beach in the style of Studio Ghibli", "Studio Ghibli", "a dog on the beach"),
        ("a dog runs, in a Wes Anderson style", "Wes Anderson", "a dog runs"),
        ("an anime-style cat naps", "anime, cel shading", "a cat naps"),
        ("a documentary about bees", "documentary footage", "a video about bees"),
        ("a cartoon dog chases a ball", "2D cartoon", "a dog chases a ball"),
        ("a dog runs, shot as a cartoon", "2D cartoon", "a dog runs"),
        # seen through the eyes of whom it is about ("you are" is who that is)
        ("POV: you are a cat exploring the house", "first-person", "a cat exploring the house"),
        ("pov - you're a dog at the beach", "first-person", "a dog at the beach"),
        ("POV: your dog sees you come home", "first-person", "your dog sees you come home"),
        ("a POV video of a skier", "first-person", "a video of a skier"),
    ],
)
def test_a_look_is_read_and_taken_out_of_what_happens(text, look, told):
    assert look in asked_look(text)
    assert without_looks(text) == told


@pytest.mark.parametrize(
    "text", ["a black and white cat sleeps", "a vintage car drives past", "a realistic plan"]
)
def test_a_word_for_a_look_said_of_a_thing_is_no_look(text):
    assert asked_look(text) == "" and without_looks(text) == text


def test_the_brief_keeps_the_look_asked_else_a_natural_one_and_says_so():
    anime = make_brief(Request.build("an anime video of a cat chasing a ball"))
    assert anime.style.startswith("anime") and anime.subject == "a cat"
    plain = make_brief(Request.build("a cat chasing a ball"))
    assert plain.style == DEFAULT_LOOK and "a natural look (no style asked)" in plain.assumed


def test_a_look_is_no_ask_nor_a_colour_of_the_cast():
    text = "a black and white film about a dog walking in the park, in the style of Studio Ghibli"
    said = [ask.said() for ask in read_asks(Request.build(text))]
    assert not any(w in " ".join(said) for w in ("black", "white", "style", "ghibli"))
    assert make_brief(Request.build(text)).subject_colour == "brown"  # the dog's own


def test_the_look_ends_every_prose_prompt_and_synthworld_says_it_cannot():
    request = Request.build("a 12 second claymation video of a dog walking in the park")
    board, warnings = preview_plan(request, ["xai"])
    assert all("Style: claymation stop-motion" in s.prompt for s in board.shots)
    assert not any("claymation" in s.caption.lower() for s in board.shots)
    assert not any("look asked" in w for w in warnings)
    board, warnings = preview_plan(request, ["procedural"])
    assert any("look asked (claymation" in w and "procedural draws" in w for w in warnings)


def test_a_point_of_view_is_a_look_and_whom_it_is_of_is_the_story():
    # "POV" was a shot of its own, and "You are a cat explores the house." a caption
    board, warnings = preview_plan(
        Request.build("POV: you are a cat exploring the house"), ["procedural"]
    )
    assert [s.caption for s in board.shots if s.kind == "generated"] == [
        "A cat explores the house."
    ] * len(board.shots)
    assert all(s.scene_spec.entities[0].kind == "cat" for s in board.shots)
    assert not any("'POV'" in w for w in warnings)
    assert any("look asked (first-person" in w for w in warnings)
