"""The asks: what a request asks the video to show, read from its own words (never from the
plan), each said in words; shown by `videoagent plan` (a made project keeps them:
test_agent_make)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from videoagent.agent.planning import preview_plan
from videoagent.cli.main import app
from videoagent.plan.asks import Ask, read_asks
from videoagent.plan.request import Request


@pytest.mark.parametrize(
    "request_text, said",
    [
        (
            "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
            "meeting a friend",
            ["a dog", "a cup", "the dog walks", "the dog sniffs", "the dog meets", "36 s long"],
        ),
        (
            "two brown dogs chasing a red ball on a snowy beach at night near the windmill",
            [
                "two brown dogs",
                "a red ball",
                "the dog chases the ball",
                "snow",
                "at the beach",
                "at night",
                "the windmill",
            ],
        ),  # fmt: skip
        (
            "a grandfather teaching his grandson to fish at the lake",
            ["a person", "the person fishes", "by the lake"],  # fishing: no fish asked
        ),
        (
            'a brand video for "Pup Cafe" with the tagline "Treats for good dogs"',
            ['the text "Pup Cafe"', 'the text "Treats for good dogs"'],  # quoted: text only
        ),
        (
            "a person gives a red cup to the dog in the park at sunset",
            [
                "a person",
                "a red cup",
                "a dog",
                "the person gives to the dog",
                "at the park",
                "at sunset",
            ],
        ),  # fmt: skip
        (
            "three cats sitting in the living room",
            ["three cats", "the cat sits", "in the living room"],
        ),  # fmt: skip
        ("a pair of dogs on a street", ["two dogs", "on the street"]),
        ("a dog playing with a ball", ["a dog", "a ball", "the dog chases the ball"]),
        ("a bird flying in the park", ["a bird", "the bird flies", "at the park"]),
        ("cats in the morning", ["two cats", "in the morning"]),  # a plural: at least two
        (
            "one continuous 60 second shot of a dog walking through the park to a café",
            ["a dog", "the dog walks", "at the park", "at the cafe", "60 s long"],
        ),
        ("a unicorn in the park", ["at the park", "the unicorn"]),  # named, not made up
        ("a 2 minute film of rain over the city", ["rain", "in the city", "120 s long"]),
        ("half a minute of a cat", ["a cat", "30 s long"]),
        # the city's street; a car the request is about drives by
        ("a red car on a city street", ["a red car", "the car drives", "in the city"]),
        ('a dog with the words "Good dog" on screen', ["a dog", 'the text "Good dog"']),
        # A subject of two of one kind is two ("a boy and his grandpa" asked for a person).
        ("a boy and his grandpa fishing", ["two people", "the person fishes"]),
        ("a girl and her dog", ["a person", "a dog"]),
        # What a "who" clause says of the subject is not seen: the dog he lost was asked.
        ("a man who lost his dog searching the park", ["a person", "at the park"]),
        # Nor is its weather, where its place is where it is.
        (
            "a cat that hates rain naps on the sofa",
            ["a cat", "a sofa", "the cat sleeps", "in the living room"],
        ),
        (
            "a dog who loves the beach runs into the waves",
            ["a dog", "the dog runs", "at the beach"],
        ),
        # Fetch is the dog's, not a meeting; following is walking along, not a chase.
        (
            "a man plays fetch with his dog",
            ["a person", "a dog", "the person throws the ball", "the dog chases the ball"],
        ),
        (
            "a dog follows me through the park",
            ["a dog", "a person", "the dog walks", "the person walks", "at the park"],
        ),
        # A ball game is its ball, run after; "children" are two (read as one child).
        (
            "children playing football on the beach",
            ["two people", "a ball", "the person chases the ball", "at the beach"],
        ),
        ("a boy kicking a ball", ["a person", "a ball", "the person chases the ball"]),
        # A place drawn as another is no place of its own where a place is named besides
        # (the bridge's street was asked for too, and never shown); where one goes, it is.
        (
            "a steam train crossing a bridge in the mountains",
            ["a train", "the train drives", "in the mountains"],
        ),
        (
            "a dog walks from the park to the office",
            ["a dog", "the dog walks", "at the park", "in the living room"],
        ),
        # A name of several words is one ask: no "a balloon" besides the hot air balloon.
        (
            "a hot air balloon over the hills",
            ["a hot air balloon", "the hot air balloon flies", "at the park"],
        ),
    ],
)
def test_a_request_is_read_into_the_asks_it_makes(request_text, said):
    assert [ask.said() for ask in read_asks(Request.build(request_text))] == said


def test_the_plan_shows_the_asks():
    text = "two brown dogs chasing a red ball on a beach"
    shown = CliRunner().invoke(app, ["plan", text, "--backend", "procedural"])
    assert shown.exit_code == 0, shown.output
    assert "asks: two brown dogs · a red ball · the dog chases the ball" in shown.output
    as_json = CliRunner().invoke(app, ["plan", text, "--backend", "procedural", "--json"])
    planned = json.loads(as_json.stdout)
    assert planned["asks"][0] == {"kind": "entity", "what": "dog", "count": 2, "colour": "brown"}
    # The preview is the plan `make` would shoot: held against the asks, both dogs are in it.
    staged = [e["kind"] for e in planned["shots"][0]["scene"]["entities"]]
    assert staged.count("dog") == 2


@pytest.mark.parametrize(
    ("request_text", "warned"),
    [
        # What synthworld cannot draw is said, not dropped in silence (the dog walks).
        ("a dog dancing", "'dancing': synthworld has no drawing for a dog that dances"),
        # A word it draws, but not for that kind (a ball rolls, a dog on its back; a horse not).
        ("a horse rolling in the grass", "synthworld has no drawing for a horse that rolls"),
        # A request it cannot read at all (another language) is said to be so.
        ("一只猫在公园里散步", "the request names nothing synthworld's English vocabulary knows"),
    ],
)
def test_the_plan_says_what_of_the_request_it_cannot_show(request_text, warned):
    shown = CliRunner().invoke(app, ["plan", request_text, "--backend", "procedural"])
    assert shown.exit_code == 0, shown.output
    assert warned in " ".join(shown.output.split())


def test_each_ask_is_looked_for_in_the_video_and_never_shown_without_the_truth(tmp_path):
    from conftest import QUIET
    from videoagent import Agent
    from videoagent.store.truth_file import read_truth

    text = "two brown dogs chasing a red ball on a snowy beach at night near the windmill"
    result = Agent(QUIET).make(Request.build(text, duration=4, size="160x90"), tmp_path / "f")
    states = {a["said"]: a for a in result.manifest["asks"]}
    assert states["at night"]["state"] == states["snow"]["state"] == "shown"
    assert states["the windmill"]["state"] == "could not show"  # a stand-in is drawn
    # The truth read again here, independently: how many brown dogs are ever seen at once.
    (shot,) = result.manifest["shots"]
    truth = read_truth(result.folder / shot["takes"][-1]["file"])
    most = max(
        sum(e["kind"] == "dog" and e["colour"] == "brown" and e["visible"] >= 0.5 for e in f)
        for f in (frame["entities"] for frame in truth["frames"])
    )
    dogs = states["two brown dogs"]
    assert dogs["state"] == ("shown" if most >= 2 else "not shown")
    if most < 2:
        assert dogs["evidence"] == f"at most {most} seen at once"


def test_text_asks_are_looked_for_on_cards_and_over_the_picture_and_unknown_takes_unchecked(
    tmp_path,
):
    from videoagent.evaluate.asks_shown import asks_line, asks_shown
    from videoagent.plan.asks import Ask
    from videoagent.timeline.model import CardClip, TextOverlay, Timeline, VideoClip
    from videoagent.timeline.time import FrameRate

    timeline = (
        Timeline(FrameRate.of(24), 160, 90)
        .with_clip(CardClip("Pup Cafe", 24))
        .with_clip(VideoClip(str(tmp_path / "a provider's take.mp4"), 48, shot_id="shot-02"))
        .with_overlay(TextOverlay("SALE today", 30, 12))
    )
    asks = [
        Ask("text", "pup cafe"),
        Ask("text", "SALE"),
        Ask("text", "Treats"),
        Ask("place", "park"),
    ]
    asks.append(Ask("length", "3 s"))
    states = [s.to_dict() for s in asks_shown(asks, timeline)]
    assert [s["state"] for s in states] == ["shown", "shown", "not shown", "unchecked", "shown"]
    assert "no truth to read in shot-02" in states[3]["evidence"]
    assert asks_line(states) == (
        '3 of 5 asks shown; not shown: the text "Treats"; unchecked: at the park'
    )


def test_a_plan_staging_fewer_than_asked_is_given_the_rest_before_anything_is_made():
    from videoagent.agent.planning import draft_bible, draft_storyboard
    from videoagent.plan.asks_in_plan import cover_counts
    from videoagent.plan.brief import make_brief

    request = Request.build("two brown dogs chasing a red ball, then three birds flying")
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["procedural"])
    said = cover_counts(board, bible, read_asks(request))
    assert any(line.startswith("two brown dogs asked for: shot-") for line in said)
    for shot in board.shots:
        if shot.kind != "generated":
            continue
        kinds = [(e.kind, e.colour) for e in shot.scene_spec.entities]
        assert len(kinds) == len(shot.cast)  # the cast stays one id per entity
        for kind, colour, count in (("dog", "brown", 2), ("bird", None, 3)):
            seen = [k for k in kinds if k[0] == kind and colour in (None, k[1])]
            assert not seen or len(seen) >= count, (shot.id, kinds)
    assert bible.get("dog-2").role == "companion"
    # a thing no shot stages at all goes in the first generated shot (staged, the two
    # balls are two members of the cast: the blue one is taken out of every shot here)
    request = Request.build("a red ball and a blue ball in the park")
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["procedural"])
    assert cover_counts(board, bible, read_asks(request)) == []
    for shot in board.shots:
        kept = [i for i, e in enumerate(shot.scene_spec.entities) if e.colour != "blue"]
        entities = tuple(shot.scene_spec.entities[i] for i in kept)
        shot.scene = replace(shot.scene_spec, entities=entities).to_dict()
        shot.cast = [shot.cast[i] for i in kept]
    assert cover_counts(board, bible, read_asks(request)) == [
        "a blue ball asked for: put in shot-01, where no shot had it"
    ]
    entities = board.shots[0].scene_spec.entities
    assert ("ball", "blue") in [(e.kind, e.colour) for e in entities]
    assert len(entities) == len(board.shots[0].cast)


def test_cars_counted_are_painted_apart_and_taxis_stay_yellow():
    """ "two cars racing down a highway" drew a red car and "another red car" beside a box
    labelled "highway"."""
    board, warnings = preview_plan(Request.build("two cars racing down a highway"), ["procedural"])
    shot = board.shots[0].scene_spec
    cars = [e.colour for e in shot.entities if e.kind == "car"]
    assert len(cars) == 2 and len(set(cars)) == 2
    assert shot.place == "street" and "placeholder" not in [e.kind for e in shot.entities]
    assert any("highway (drawn as its street)" in w for w in warnings)
    board, _ = preview_plan(Request.build("three taxis at the station"), ["procedural"])
    taxis = [e.colour for e in board.shots[0].scene_spec.entities if e.kind == "car"]
    assert taxis == ["yellow"] * 3


@pytest.mark.parametrize(
    ("request_text", "said"),
    [
        # a kind's possessive names it ("a cat's day" asked no cat)
        ("a cat's day at the beach", ["a cat", "at the beach"]),
        # "home" said of where one spends time is no house ("first day home" asked a house)
        ("a puppy's first day home", ["a dog", "in the living room"]),
        ("a puppy home alone", ["a dog", "in the living room"]),
        ("a man walks home", ["a person", "a house", "the person walks"]),  # to a house
        ("snow falling on the roofs of a small village", ["snow", "on the street"]),  # no roofs
    ],
)
def test_what_a_possessive_or_home_or_a_roof_asks(request_text, said):
    assert [a.said() for a in read_asks(Request.build(request_text))] == said


def test_the_rest_of_those_asked_for_are_the_same_ones_in_every_shot():
    """ "Two dogs playing, then sitting": the friend met in the first shot is the one that
    sits in the next, not a copy of the first dog in another colour."""
    from videoagent.agent.planning import preview_plan

    board, _ = preview_plan(
        Request.build("two dogs playing, then the dogs sitting", duration=8), ["procedural"]
    )
    casts = [
        [(e.colour, member) for e, member in zip(s.scene_spec.entities, s.cast, strict=True)]
        for s in board.shots
    ]
    assert len(casts) == 2 and len(casts[0]) == 2 and casts[0] == casts[1]


def test_quoted_words_no_text_of_the_plan_holds_are_put_on_screen():
    from videoagent.agent.planning import draft_bible, draft_storyboard
    from videoagent.plan.asks_in_plan import cover_text
    from videoagent.plan.brief import make_brief

    request = Request.build('a dog in the park with the words "Good dog" on screen', duration=6)
    brief = make_brief(request)
    board, _ = draft_storyboard(request, brief, draft_bible(brief), pool=["procedural"])
    said = cover_text(board, read_asks(request))
    assert said == ['the text "Good dog" asked for: on screen over shot-01']
    (text,) = board.shots[0].on_screen_text
    assert (text.text, text.start, text.frames) == ("Good dog", 0, 72)
    assert cover_text(board, read_asks(request)) == []  # held now: not put twice


def test_an_edit_that_removes_the_only_shot_showing_an_ask_says_so(tmp_path):
    from conftest import QUIET
    from videoagent import Agent

    records = []
    text = "a dog walking in the park, then a dog sitting on the beach"
    made = Agent(QUIET).make(Request.build(text, duration=4, size="160x90"), tmp_path / "f")
    shown = {a["said"]: a["state"] for a in made.manifest["asks"]}
    assert shown["at the beach"] == shown["the dog sits"] == "shown"
    edited = Agent(QUIET, listener=records.append).edit(made.folder, "remove shot 2")
    now = {a["said"]: a["state"] for a in edited.manifest["asks"]}
    assert now["at the beach"] == now["the dog sits"] == "not shown"
    said = [r.message for r in records if r.step == "verify" and "asks shown" in r.message]
    assert said[-1].startswith("no longer shown since the last video: the dog sits, at the beach")


def test_an_ask_the_takes_do_not_show_sends_its_shot_back_until_they_do(tmp_path):
    """A close-up of a cat by a tree cuts the tree off: the loop makes the shot again, each
    time one size wider, and uses the take that shows it; resumed, it comes to the same
    choice from the cached takes; with the loop off the tree stays missing."""
    from dataclasses import replace

    from conftest import QUIET
    from videoagent import Agent
    from videoagent.store.truth_file import read_truth

    text = "a cat sitting by a tree in the park at night"
    request = Request.build(text, duration=4, size="160x90")
    made = Agent(QUIET).make(request, tmp_path / "f")
    before = {a["said"]: a["state"] for a in made.manifest["asks_loop"]["before"]}
    assert before["a tree"] == "not shown"  # the close-up the planner chose
    assert all(a["state"] == "shown" for a in made.manifest["asks"])
    retaken = made.manifest["asks_loop"]["retaken"]
    assert [(r["shot_size"], r["used"]) for r in retaken] == [("medium", False), ("wide", True)]
    (shot,) = made.manifest["shots"]
    used = next(t for t in shot["takes"] if t["take"] == shot["chosen_take"])
    assert used["prompt"].startswith("Wide shot")
    truth = read_truth(made.folder / used["file"])  # read again here, independently
    assert any(
        e["kind"] == "tree" and e["visible"] >= 0.5 for f in truth["frames"] for e in f["entities"]
    )
    records = []
    again = Agent(QUIET, listener=records.append).resume(made.folder)
    assert again.manifest["shots"][0]["chosen_take"] == shot["chosen_take"]
    assert not [r for r in records if r.step == "generate" and "generating on" in r.message]
    assert any(r.step == "revise" and "framed wide" in r.message for r in records)  # replayed
    off = Agent(replace(QUIET, retake_for_asks=False)).make(request, tmp_path / "off")
    assert {a["said"]: a["state"] for a in off.manifest["asks"]}["a tree"] == "not shown"
    assert "asks_loop" not in off.manifest


def test_an_edit_asks_too_and_its_asks_are_looked_for_like_the_requests(tmp_path):
    from conftest import QUIET
    from videoagent import Agent

    records = []
    agent = Agent(QUIET, listener=records.append)
    made = agent.make(Request.build("a 4 second video of a dog walking in the park",
                                    size="160x90"), tmp_path / "f")  # fmt: skip
    assert {a["said"] for a in made.manifest["asks"]} == {
        "a dog", "the dog walks", "at the park", "4 s long"
    }  # fmt: skip
    agent.edit(made.folder, "add a scene where a cat sits on the beach")
    agent.edit(made.folder, "put SALE on screen at 0:01 for 2 seconds")
    edited = agent.edit(made.folder, "make it 12 seconds")
    states = {a["said"]: a["state"] for a in edited.manifest["asks"]}
    added = {"a cat", "the cat sits", "at the beach", 'the text "SALE"', "12 s long"}
    assert added <= set(states) and "4 s long" not in states  # a new length replaces the old
    assert [s for s, state in states.items() if state != "shown"] == []
    said = [r.message for r in records if r.message.startswith("asks added")]
    # the scene made the video longer: that length is the one asked from then on
    assert said[0] == "asks added: a cat, the cat sits, at the beach, 8 s long"
    stored = json.loads((made.folder / "project.json").read_text())["asks"]
    assert {Ask(**a).said() for a in stored} == set(states)


def test_a_scene_an_edit_adds_says_what_of_it_synthworld_cannot_draw(tmp_path):
    from conftest import QUIET
    from videoagent import Agent

    records = []
    agent = Agent(QUIET, listener=records.append)
    made = agent.make(Request.build("a 2 second video of a dog", size="160x90"), tmp_path / "f")
    agent.edit(made.folder, "add a scene where the dog dances")
    warned = [r.message for r in records if r.step == "storyboard" and r.status == "warning"]
    assert warned == [
        "'the dog dances': synthworld has no drawing for a dog that dances; "
        "where it draws the shot, that is left out"
    ]


def test_a_day_in_the_life_asks_for_no_life():
    asks = read_asks(Request.build("a day in the life of a barista: making latte art"))
    assert "life" not in {a.what for a in asks}  # it was "not shown: the life"


def test_a_shot_given_the_rest_of_a_count_is_no_close_up_unless_one_is_asked():
    """ "a family having a picnic": a close-up of the first of them left the rest out."""
    for text, size in (
        ("a family having a picnic in the park", "medium"),
        ("a close-up of two cats sleeping", "close-up"),
    ):
        board, _ = preview_plan(Request.build(text), ["procedural"])
        assert board.shots[0].scene_spec.shot_size == size, text


def test_what_a_video_or_a_treat_is_for_is_no_thing_of_its_own():
    """ "A product video of a red sneaker" asked for a cup (a product); "an ad for dog
    treats: a happy dog catching a treat" for two dogs."""
    sneaker = [a.said() for a in read_asks(Request.build("a product video of a red sneaker"))]
    assert sneaker == ["the sneaker"]
    treats = read_asks(Request.build("an ad for dog treats: a happy dog catching a treat"))
    assert [a.count for a in treats if (a.kind, a.what) == ("entity", "dog")] == [1]
