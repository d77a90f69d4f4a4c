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


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("a 45 second short film about a lonely dog who finds a friend", "short-film"),
        ("a brand video for Barkery, a bakery for dogs: a dog eats a treat", "brand"),
        ("a 15 second ad for a running shoe: a woman jogs", "brand"),
        ("an ugc video: my cat tries the new cat cafe", "ugc-product"),
        ("a dog walking in the park", "create"),
        ("a dog watching a short film", "create"),  # what it shows, not what it is
        ("a dog ad jingle", "create"),
        ("make me a quick ugc ad for my shop: a cat naps", "ugc-product"),
    ],
)
def test_the_kind_of_video_a_request_names_is_its_mode_unless_one_is_given(text, mode):
    """ "A short film about …" was made as a plain create: no establishing shot, no fades."""
    assert Request.build(text).mode == mode
    assert Request.build(text, mode="create").mode == "create"


def test_an_ad_opens_on_its_brand_or_product_and_ends_on_its_tagline():
    """ "An ad for a running shoe, tagline 'Run further'" opened on a card saying "Run
    further" and ended on the same."""
    from videoagent.agent.planning import preview_plan

    text = "a 15 second ad for a running shoe: a woman jogs in the city, tagline 'Run further'"
    board, _ = preview_plan(Request.build(text), ["procedural"])
    first, last = board.shots[0], board.shots[-1]
    assert (first.kind, first.card_title) == ("card", "Running shoe")
    assert (last.kind, last.card_subtitle) == ("card", "Run further")
    assert [s.caption for s in board.shots if s.kind == "generated"][-1] == (
        "A woman jogs in the city."
    )


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("a ugc video of me playing with my cat", []),  # was "Try it today / Me"
        ("a ugc video of me unboxing my new headphones", [("Try it today", "Headphones")]),
        ("a ugc video for GlowSkin serum: me trying it", [("Try it today", "GlowSkin")]),
    ],
)
def test_a_ugc_video_ends_on_a_call_to_try_only_what_it_shows_off(text, cards):
    from videoagent.agent.planning import preview_plan

    board, _ = preview_plan(Request.build(text), ["procedural"])
    said = [(s.card_title, s.card_subtitle) for s in board.shots if s.kind == "card"]
    assert said == cards


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a brand video for Paws & Co, a pet store: a puppy picks a toy", "Paws & Co"),  # "Paws"
        ("a brand video for House of Tea: a cup of tea", "House of Tea"),
        ("a brand video for Nike and a dog runs", "Nike"),
    ],
)
def test_a_brand_is_named_with_its_ampersand_and_small_words(text, name):
    from videoagent.agent.planning import preview_plan

    board, _ = preview_plan(Request.build(text), ["procedural"])
    assert (board.shots[0].kind, board.shots[0].card_title) == ("card", name)
