"""Words quoted to be read on screen are put over the video, and the direction asking for
them is no shot and no part of a caption."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.quoted_words import quoted, without_quoted
from videoagent.plan.request import Request


@pytest.mark.parametrize(
    ("text", "said", "left"),
    [
        (
            'a dog wags its tail, with the words "Made with love" on screen',
            ["Made with love"],
            "a dog wags its tail",
        ),
        (
            "a dog wags its tail, with the words 'Made with love'",
            ["Made with love"],
            "a dog wags its tail",
        ),
        ('a cat naps with the caption "Monday mood"', ["Monday mood"], "a cat naps"),
        ('a dog runs. Text: "Good dog"', ["Good dog"], "a dog runs."),
        ("a dog with the title “Best friend” at the end", ["Best friend"], "a dog"),
        ('a sign that says "Open" by the cafe', ["Open"], "a sign that says by the cafe"),
        ("my dog's day and the cat's nap", [], "my dog's day and the cat's nap"),  # apostrophes
    ],
)
def test_the_quoted_words_and_what_is_left_to_film(text, said, left):
    assert quoted(text) == said
    assert without_quoted(text) == left


def test_a_text_direction_is_put_on_screen_not_made_a_shot():
    """It was a shot of its own, captioned 'The dog with the words 'Made with love' on
    screen.', and words in single quotes were never put on screen."""
    text = "a dog eats a treat, wags its tail, with the words 'Made with love' on screen"
    board, warnings = preview_plan(Request.build(text), ["procedural"])
    captions = [s.caption for s in board.shots if s.kind == "generated"]
    assert not any("words" in c or "Made" in c for c in captions)
    assert [t.text for s in board.shots for t in s.on_screen_text] == ["Made with love"]
    assert not any("love" in w for w in warnings)
