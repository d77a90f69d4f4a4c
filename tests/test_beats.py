"""A request's subject and beats, and the caption lines written from them."""

from __future__ import annotations

import pytest

from videoagent.plan.beats import beat_sentence, split_beats


@pytest.mark.parametrize(
    ("request_text", "captions"),
    [
        (
            "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup",
            ["A dog goes on a walk.", "The dog sniffs around.", "The dog gets a pup cup."],
        ),
        (
            "two dogs playing with a ball in the park, then lying in the shade",
            ["Two dogs play with a ball in the park.", "The dogs lie in the shade."],
        ),
        ("the puppies chasing a ball", ["The puppies chase a ball."]),
        ("a bird flying over the lake", ["A bird flies over the lake."]),
    ],
)
def test_captions_agree_with_how_many_the_subject_names(request_text, captions):
    beats = split_beats(request_text)
    written = [
        beat_sentence(beats.subject, beat, first=i == 0) for i, beat in enumerate(beats.beats)
    ]
    assert written == captions
