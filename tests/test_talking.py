"""People talking are drawn: face to face, taking turns, the one speaking talking with their
hands and mouth, the others nodding; sitting on a bench or at a café's table where there is
one ("two men talking in the park" stood side by side facing the same way, "two friends
laughing over coffee" walked through the park)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, TALK_APART, Choreography
from videoagent.synthworld.painters.creatures import MOUTH
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


def _doings(spec):
    return [(e.kind, e.action) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt",
    [
        "two men talking in the park",
        "a couple arguing",
        "a girl talking to her mom",
        "a mother and daughter chatting",
        "two friends catching up",
    ],
)
def test_those_in_a_conversation_all_talk(first_planned, prompt):
    spec, _ = first_planned(prompt)
    assert [a for k, a in _doings(spec) if k == "person"] == ["talk", "talk"]


def test_a_call_on_the_phone_is_the_phones_and_a_walk_stays_a_walk():
    spec = parse("a man talking on the phone while walking").spec
    assert _doings(spec) == [("person", "walk"), ("phone", "call")]


def test_two_talking_stand_face_to_face_and_speak_in_turn(first_planned):
    spec, warnings = first_planned("two men talking in the park")
    assert not warnings  # talking is drawn, nothing left out
    assert _doings(spec) == [("person", "talk"), ("person", "talk")]
    asked = [a.said() for a in read_asks(Request.build("two men talking in the park"))]
    assert "the person talks" in asked
    choreography = Choreography(spec, 8.0)
    for t in (0.5, 3.0, 6.5):
        one, other = choreography.pose(0, t), choreography.pose(1, t)
        assert other.x - one.x == pytest.approx(TALK_APART)
        assert (one.facing, other.facing) == (1, -1)  # turned to each other
        assert not one.seated and not other.seated
    speaking = [
        (choreography.pose(0, k / 12).reach, choreography.pose(1, k / 12).reach) for k in range(96)
    ]
    assert all(min(pair) == 0.0 for pair in speaking)  # one speaks while the other listens
    assert max(r for r, _ in speaking) == 1.0 and max(r for _, r in speaking) == 1.0


def test_the_speakers_mouth_moves(first_planned):
    spec, _ = first_planned("two men talking in the park")
    renderer = Renderer(spec, size=(640, 360), fps=24, frames=96)
    choreography = renderer.choreography
    mouths = []
    for frame in range(0, 96, 3):
        image, truth = renderer.frame(frame)
        for index, entity in enumerate(truth.entities):
            x0, y0, x1, y1 = entity.box
            near = image[y0 : y1 + 1, x0 : x1 + 1].astype(int)
            drawn = (np.abs(near - np.array(MOUTH)).sum(axis=2) < 30).sum()
            speaking = choreography.pose(index, frame / 24).reach
            mouths.append((speaking, drawn))
    assert any(drawn for speaking, drawn in mouths if speaking == 1.0)  # open on a word
    assert not any(drawn for speaking, drawn in mouths if speaking == 0.0)  # shut listening


def test_chatting_on_a_bench_sits_on_it_turned_to_each_other(first_planned):
    spec, _ = first_planned("two old men chatting on a bench")
    assert _doings(spec) == [("person", "talk"), ("bench", "stand"), ("person", "talk")]
    choreography = Choreography(spec, 6.0)
    one, other = choreography.pose(0, 1.0), choreography.pose(2, 1.0)
    assert one.seated and other.seated and not one.grounded  # up on the bench
    assert (one.facing, other.facing) == (1, -1)
    bench = choreography.pose(1, 1.0)
    assert abs(one.x - bench.x) < SIZE["bench"][0] / 2
    assert abs(other.x - bench.x) < SIZE["bench"][0] / 2


def test_over_coffee_is_at_a_cafe_table_the_cup_on_it(first_planned):
    spec, _ = first_planned("two friends laughing over coffee")
    assert spec.place == "cafe"
    kinds = [e.kind for e in spec.entities]
    assert sorted(kinds) == ["cup", "person", "person", "table"]
    choreography = Choreography(spec, 6.0)
    table = choreography.pose(kinds.index("table"), 1.0)
    talkers = [choreography.pose(i, 1.0) for i, k in enumerate(kinds) if k == "person"]
    assert all(p.seated and p.at_table for p in talkers)
    assert {p.facing for p in talkers} == {1, -1}  # across the table from each other
    cup = choreography.pose(kinds.index("cup"), 1.0)
    assert cup.y == pytest.approx(SIZE["table"][1])  # on its top, not the floor
    assert abs(cup.x - table.x) < SIZE["table"][0] / 2


@pytest.mark.parametrize(
    ("request_text", "line"),
    [
        ("a couple arguing in the kitchen", "A couple argue in the kitchen."),
        ("friends catching up at a cafe", "Friends catch up at a cafe."),
        ("friends chatting over coffee", "Friends chat over coffee."),
        ("a woman walking and talking on her phone", "A woman walks and talks on her phone."),
    ],
)
def test_captions_say_it_as_english_does(request_text, line):
    from videoagent.agent.planning import preview_plan

    board, _ = preview_plan(Request.build(request_text), ["procedural"])
    assert board.shots[0].caption == line


def test_the_caption_of_talking_reads_back():
    spec = parse("two men talking in the park").spec
    assert "talk" in caption(spec)
    assert _doings(parse(caption(spec)).spec) == _doings(spec)


def test_talking_is_no_action_the_models_learnt():
    assert "talk" not in LEARNT_ACTIONS
    learnt = parse("a man talking to a woman").within(("person",), LEARNT_ACTIONS)
    assert _doings(learnt.spec) == [("person", "stand"), ("person", "stand")]


def test_a_barista_talks_at_work_standing_not_sat_at_a_table(first_planned):
    spec, _ = first_planned("a barista chatting with customers")
    assert spec.place == "cafe"
    assert _doings(spec) == [("person", "talk"), ("person", "talk")]  # no table to sit at


def test_a_date_is_the_two_of_them_talking(first_planned):
    # "a couple's first date at a cafe" walked about the café, "date" said undrawable
    spec, warnings = first_planned("a couple's first date at a cafe")
    assert not warnings and spec.place == "cafe"
    assert [(e.kind, e.action) for e in spec.entities if e.kind == "person"] == [
        ("person", "talk"),
        ("person", "talk"),
    ]
    assert not parse("a family road trip").unsupported_words  # the trip is the video's


@pytest.mark.parametrize(
    "text",
    ["a man on a date", "a man on a date at a restaurant", "date night at home", "a date"],
)
def test_one_on_a_date_is_out_with_someone(first_planned, text):
    """ "a man on a date" talked to no one; "date night at home" drew no one at all."""
    spec, _ = first_planned(text)
    assert _doings(spec)[:2] == [("person", "talk"), ("person", "talk")]


def test_a_romantic_walk_is_two_hand_in_hand():
    walk = parse("a romantic walk on the beach").spec
    assert [(e.kind, e.action) for e in walk.entities] == [("person", "stroll")] * 2
    assert not parse("a romantic date on the beach").placeholders  # "romantic": no thing
    assert [e.action for e in parse("a lovely walk in the park").spec.entities] == ["walk"]
