"""The frame shape a request asks for in words, where no --aspect is given."""

from __future__ import annotations

import pytest

from videoagent.plan.request import Request


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("a 9:16 video of a dog", "9:16"),
        ("a vertical video of a cat", "9:16"),
        ("a dog on the beach for TikTok", "9:16"),
        ("a cat for instagram reels", "9:16"),
        ("a dog video in portrait", "9:16"),
        ("a square video of a bird", "1:1"),
        ("a 4:5 clip of a cat", "4:5"),
        # No shape asked: a town square, a portrait on the wall, a ratio inside a number.
        ("a dog in the town square", "16:9"),
        ("a cat in a portrait frame", "16:9"),
        ("a dog at 16:90", "16:9"),
    ],
)
def test_a_shape_is_read_as_written(text, aspect):
    assert Request.build(text).aspect == aspect


def test_an_aspect_given_outranks_the_words_and_the_words_set_the_size():
    assert Request.build("a vertical video of a dog", aspect="16:9").aspect == "16:9"
    vertical = Request.build("a vertical video of a dog")
    assert vertical.height > vertical.width


def test_the_server_reads_the_shape_from_the_words_where_the_page_names_none():
    from videoagent.server.api import NewProject
    from videoagent.server.jobs import build_request

    asked = NewProject(request="a vertical video of a dog walking")
    assert build_request(asked.model_dump()).aspect == "9:16"
    chosen = NewProject(request="a vertical video of a dog walking", aspect="1:1")
    assert build_request(chosen.model_dump()).aspect == "1:1"
