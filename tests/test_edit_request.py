"""Edit requests in words become exact operations, or a clear refusal."""

from __future__ import annotations

import pytest

from videoagent.errors import UsageError
from videoagent.plan.edit_request import (
    AddCard,
    AddScene,
    AddText,
    AddToShot,
    MoveShot,
    Reenact,
    Reframe,
    RemoveShot,
    ReplaceShot,
    Restage,
    RestageAll,
    SetLength,
    SetSound,
    SwapShots,
    TrimShot,
    parse_edit,
)
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Shot, Storyboard

REQUEST = Request.build("a dog walking", duration=36)


def _board(shots: int = 5) -> Storyboard:
    frames = [864 // shots] * shots
    frames[-1] += 864 - sum(frames)
    return Storyboard(
        request="a dog walking",
        mode="create",
        fps="24",
        width=640,
        height=360,
        target_frames=864,
        shots=[
            Shot(f"shot-{i + 1:02d}", i + 1, "generated", "walk", "", f, scene={"place": "park"})
            for i, f in enumerate(frames)
        ],
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("put SALE on screen at 0:05 for 2 seconds", AddText("SALE", 120, 48, "bottom")),
        ('show "50% off" at the top from 10s to 12.5s', AddText("50% off", 240, 60, "top")),
        ("make this one minute", SetLength(1440)),
        ("make it 20 seconds shorter", SetLength(384)),
        ("make it 9:16", Reframe("9:16")),
        ("make the video vertical", Reframe("9:16")),  # as the packaged model restates it
        ("make it square for instagram", Reframe("1:1")),
        ("make it ready for tiktok", Reframe("9:16")),
        ("remove shot 2", RemoveShot(2)),
        ("swap shots 4 and 5", SwapShots(4, 5)),
        ("move shot 5 to the start", MoveShot(5, 1)),
        ("trim shot 3 to 2 seconds", TrimShot(3, 48)),
        ("add an end card: See you soon", AddCard("end", "See you soon", "")),
        ("add a scene where the dog chases a ball", AddScene("the dog chases a ball")),
        # Where it goes is no part of what it shows (a box labelled "end" stood in it).
        ("add a shot of the horse grazing at the end", AddScene("the horse grazing")),
        (
            "add a scene where the dog sits at the start of the video",
            AddScene("the dog sits", True),
        ),
        (
            "add a shot of the dog at the end of the pier",
            AddScene("the dog at the end of the pier"),
        ),
        (
            "replace shot 3 with the dog sits under the bench",
            ReplaceShot(3, "the dog sits under the bench"),
        ),
        ("make shot 2 at night", Restage(2, (("time_of_day", "night"),))),
        (
            "make shot 4 rainy at the beach",
            Restage(4, (("weather", "rain"), ("place", "beach"))),
        ),
        # A shot by its place; one longer or shorter than it was (by 2 s unless said).
        ("remove the second shot", RemoveShot(2)),
        ("swap the first shot and the last shot", SwapShots(1, 5)),
        ("make the last shot longer", TrimShot(5, 176 + 48)),  # 864 frames in five
        ("make the first scene shorter by 1 s", TrimShot(1, 172 - 24)),
        ("extend shot 3 by 3 seconds", TrimShot(3, 172 + 72)),
        # The sound's layers on and off; the whole video elsewhere; the end cut exactly.
        ("remove the music", SetSound("music", on=False)),
        ("add the music back", SetSound("music", on=True)),
        ("turn off the sound effects", SetSound("effects", on=False)),
        ("no voiceover", SetSound("narrate", on=False)),
        ("get rid of the background music", SetSound("music", on=False)),
        ("make it all at night", RestageAll((("time_of_day", "night"),))),
        ("make everything happen in the snow", RestageAll((("weather", "snow"),))),
        ("cut the last 5 seconds", SetLength(864 - 120, from_end=True)),
        ("put the title 'Sunday walk' at the start", AddCard("title", "Sunday walk", "")),
    ],
)
def test_edit_phrasings(text, expected):
    assert parse_edit(text, _board(), REQUEST) == [expected]


def _cast_board() -> tuple[Storyboard, Request]:
    """A girl buying a coffee from a person in green, then drinking it on a bench."""
    people = [
        {"kind": "person", "colour": "blue", "action": "stand"},
        {"kind": "cup", "colour": "white", "action": "stand"},
        {"kind": "person", "colour": "green", "action": "give"},
    ]
    shots = [
        Shot("shot-01", 1, "generated", "buys a coffee", "", 96, scene={"entities": people}),
        Shot("shot-02", 2, "generated", "drinks it", "", 96, scene={"entities": people[:2]}),
    ]
    shots[0].cast, shots[1].cast = ["person", "cup", "supporting-person"], ["person", "cup"]
    text = "a girl buys a coffee, then drinks it"
    board = Storyboard(text, "create", "24", 640, 360, 192, shots)
    return board, Request.build(text)


@pytest.mark.parametrize(
    ("text", "who", "colour", "was"),
    [
        ("make the girl wear red", "person", "red", "blue"),  # the lead the request names
        ("dress the green person in yellow", "supporting-person", "yellow", "green"),
        ("turn the cup black", "cup", "black", "white"),
        ("make the girl's shirt yellow", "person", "yellow", "blue"),  # what she wears
    ],
)
def test_one_of_the_cast_in_another_colour(text, who, colour, was):
    """ "Make the girl wear red" was read as a new idea for shot 2: a blue person walking,
    her cup and bench gone."""
    board, request = _cast_board()
    (operation,) = parse_edit(text, board, request)
    assert (operation.who, operation.colour, operation.was) == (who, colour, was)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("make the dog black", "no one in the video is 'the dog' to colour; it has the blue"),
        ("make the person red", "could be 'the blue person' or 'the green person': say which"),
        ("make the girl blue", "the girl is already blue"),
    ],
)
def test_a_colour_for_no_one_or_for_either_is_refused_by_name(text, message):
    board, request = _cast_board()
    with pytest.raises(UsageError, match=message):
        parse_edit(text, board, request)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "make the girl dance in the last shot",
            Reenact(2, "person", "the girl", "dance", "dance"),
        ),
        ("have the girl sleep in shot 1", Reenact(1, "person", "the girl", "sleep", "sleep")),
        ("have the girl relax in shot 1", Reenact(1, "person", "the girl", "sit", "relax")),
        (
            "let the green person wave in shot 1",
            Reenact(1, "supporting-person", "the green person", "wave", "wave"),
        ),
    ],
)
def test_one_of_the_cast_doing_something_else_in_one_shot(text, expected):
    """ "Make the horse gallop in the last shot" was not understood."""
    board, request = _cast_board()
    assert parse_edit(text, board, request) == [expected]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("make the green person dance in shot 2", "not in shot 2; it is in shots 1"),
        ("make the girl chase in shot 1", "needs someone or something to chase"),
        ("make the girl fly in shot 1", "a person cannot fly"),
        ("make the dog sit in shot 1", "no one in the video is 'the dog' to sit"),
        ("make the girl stand in shot 1", "already stands in shot 1"),
    ],
)
def test_something_else_for_one_who_cannot_or_is_not_there_is_refused_by_name(text, message):
    board, request = _cast_board()
    with pytest.raises(UsageError, match=message):
        parse_edit(text, board, request)


def test_something_added_to_a_shot_and_nothing_to_a_card():
    board, request = _cast_board()
    assert parse_edit("add a dog to the second shot", board, request) == [AddToShot(2, "a dog")]
    assert parse_edit("put two red balls in shot 1", board, request) == [
        AddToShot(1, "two red balls")
    ]
    with pytest.raises(UsageError, match="shot 3 does not exist"):
        parse_edit("add a dog to shot 3", board, request)


def test_several_edits_at_once():
    ops = parse_edit("remove shot 2; add an end card: Bye", _board(), REQUEST)
    assert ops == [RemoveShot(2), AddCard("end", "Bye", "")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("make it sparkle", "could not understand"),
        ("make it longer", "how long should it be"),
        ("remove shot 6", "shot 6 does not exist"),
        ("swap shots 2 and 2", "with itself"),
        ("make it 16:9", "already 16:9"),
        ("make it 3:2", "unknown aspect"),
        ("make this 36 seconds", "already 36 s"),
        ("make it 11 minutes", "not possible"),
        ("put SALE on screen at 0:35 for 2 seconds", "runs past the end"),
        ("", "empty"),
        ("make shot 2 happier at night", "'happier' is not a setting the picture can show"),
        ("make shot 2 at noon at sunset", "names two times of day"),
        ("make shot 9 at night", "shot 9 does not exist"),
    ],
)
def test_unclear_or_impossible_edits_are_refused(text, message):
    with pytest.raises(UsageError, match=message):
        parse_edit(text, _board(), REQUEST)


def _story_board() -> Storyboard:
    """A walk in the park, ice cream at the café, then a bench by it, and an end card."""
    told = [
        ("walks her dog in the park", "park"),
        ("they get ice cream at a café", "cafe"),
        ("they sit on a bench at sunset", "cafe"),  # the story stays at the café
    ]
    shots = [
        Shot(f"shot-{i + 1:02d}", i + 1, "generated", beat, "", 96, scene={"place": place})
        for i, (beat, place) in enumerate(told)
    ]
    shots.append(Shot("shot-04", 4, "card", "end card", "", 48))
    return Storyboard("a girl walks her dog", "create", "24", 640, 360, 336, shots)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A shot by what it shows: where its beat says so, before where the story stays.
        ("remove the cafe scene", RemoveShot(2)),
        ("remove the scene at the cafe", RemoveShot(2)),
        ("put the bench scene first", MoveShot(3, 1)),
        ("move the park shot to the end", MoveShot(1, 3)),  # before the end card
        ("replace the bench scene with them on a swing", ReplaceShot(3, "them on a swing")),
        # Weather added to a shot is that shot in it.
        ("add some rain to the last shot", Restage(3, (("weather", "rain"),))),
    ],
)
def test_a_shot_named_by_what_it_shows(text, expected):
    """These were not understood without a language model."""
    assert parse_edit(text, _story_board(), REQUEST) == [expected]


def test_a_shot_named_by_what_none_shows_is_refused_with_the_shots_listed():
    with pytest.raises(UsageError, match="no shot shows 'lighthouse'; the shots are 1: walks"):
        parse_edit("put the lighthouse scene first", _story_board(), REQUEST)
    # Words to put on screen are words, whatever they say.
    (text,) = parse_edit('put "the best scene" on screen at 0:01', _story_board(), REQUEST)
    assert text == AddText("the best scene", 24, 48, "bottom")


def test_a_shot_named_by_what_several_show_is_asked_about():
    board = _story_board()
    board.shots[1].beat = "they walk in the park"
    with pytest.raises(UsageError, match="'the park scene' could be shots 1, 2: say which"):
        parse_edit("remove the park scene", board, REQUEST)


def test_the_one_a_request_names_after_its_lead_is_not_the_lead():
    """ "Make the boy's shirt red" in "a mom and her little boy …" recoloured the mom."""
    people = [
        {"kind": "person", "colour": "blue", "action": "walk"},
        {"kind": "person", "colour": "grey", "action": "walk", "label": "child"},
    ]
    shot = Shot("shot-01", 1, "generated", "walking", "", 96, scene={"entities": people})
    shot.cast = ["person", "supporting-person"]
    text = "a mom and her little boy walking to the park"
    board, request = Storyboard(text, "create", "24", 640, 360, 96, [shot]), Request.build(text)
    (boy,) = parse_edit("make the boy's shirt red", board, request)
    assert (boy.who, boy.was) == ("supporting-person", "grey")
    (mom,) = parse_edit("make the mom sit in shot 1", board, request)
    assert mom.ident == "person"
