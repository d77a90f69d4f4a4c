"""Something sent to and fro: people playing catch, throwing a frisbee or snowballs, or
hitting a ball with rackets (tennis, badminton) send it from one to the other in an arc,
swinging as it comes and goes (they met and greeted, or chased the ball, or stood)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.creatures import RACKET_STRINGS
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.tossing import CROSSING


def _drawn(text: str) -> list[tuple[str, str, str]]:
    return [(e.kind, e.action, e.colour) for e in parse(text).spec.entities]


@pytest.mark.parametrize(
    ("request_text", "drawn"),
    [
        (
            "a father and son playing catch",
            [("person", "toss", "blue"), ("person", "toss", "grey"), ("ball", "stand", "red")],
        ),
        ("a man playing tennis", [("person", "rally", "blue"), ("ball", "stand", "yellow")]),
        (
            "a girl and a boy playing badminton",
            [("person", "rally", "blue"), ("person", "rally", "grey"), ("ball", "stand", "yellow")],
        ),
        (
            "a boy and a girl throwing a frisbee",
            [
                ("person", "toss", "blue"),
                ("person", "toss", "grey"),
                ("frisbee", "stand", "yellow"),
            ],
        ),
    ],
)
def test_a_game_of_sending_something_to_and_fro_is_read_as_one(request_text, drawn):
    parsed = parse(request_text)
    assert _drawn(request_text) == drawn
    tossed = [e for e in parsed.spec.entities if e.kind == "person"]
    assert {e.target for e in tossed} == {len(drawn) - 1}  # all send the same thing
    assert parsed.unsupported_words == []


def test_a_snowball_fight_is_snowballs_thrown_in_the_snow():
    parsed = parse("two kids having a snowball fight")
    assert parsed.spec.weather == "snow"
    assert [(e.kind, e.action, e.colour) for e in parsed.spec.entities][-1] == (
        "ball",
        "stand",
        "white",
    )
    assert "fight" not in parsed.unsupported_words
    # water balloons too (the two walked by a balloon, the fight said undrawable)
    balloons = parse("two kids having a water balloon fight")
    assert [(e.kind, e.action, e.colour) for e in balloons.spec.entities][-1] == (
        "ball",
        "stand",
        "blue",
    )
    assert balloons.spec.entities[0].action == "toss" and not balloons.unsupported_words


def test_throwing_for_an_animal_is_fetch_and_throwing_nothing_drawable_is_left_out():
    assert _drawn("a girl throws a ball to her dog")[2] == ("dog", "chase", "brown")
    stones = parse("a boy throwing stones into the lake")
    assert [e.action for e in stones.spec.entities] == ["stand"]
    assert "throwing" in stones.unsupported_words


@pytest.mark.parametrize(
    "text",
    [
        "two people playing catch",
        "a man playing tennis",
        "a woman and a man playing tennis",
        "two kids throwing a frisbee",
    ],
)
def test_the_caption_of_a_tossing_scene_reads_back_as_itself(text):
    spec = parse(text).spec
    assert parse(caption(spec)).spec == spec


def test_the_ball_goes_from_one_hand_to_the_other_in_an_arc_as_each_swings():
    spec = parse("a woman and a man playing catch").spec
    choreography = Choreography(spec, 8.0)
    crossing = CROSSING["toss"]
    left, right = choreography.pose(0, 0.0), choreography.pose(1, 0.0)
    assert left.x < right.x and (left.facing, right.facing) == (1, -1)  # face to face
    ball = [choreography.pose(2, k * crossing / 4) for k in range(5)]
    assert ball[0].x < left.x + 1.0 and ball[4].x > right.x - 1.0  # hand to hand
    assert ball[2].y > ball[0].y + 0.5 and ball[2].y > ball[4].y + 0.5  # over an arc
    assert choreography.pose(1, 2 * crossing / 4).swing == 0.0  # ready as it comes
    assert choreography.pose(1, crossing).swing == pytest.approx(1.0)  # back as it lands
    assert ball[4].facing == -1 and choreography.pose(2, crossing * 1.5).facing == -1


@pytest.mark.parametrize(("game", "rackets"), [("tennis", True), ("catch", False)])
def test_players_of_tennis_swing_rackets(game, rackets):
    spec = parse(f"a woman and a man playing {game}").spec
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=2).frame(1)
    strings = np.abs(image.astype(int) - np.array(RACKET_STRINGS)).sum(axis=2) < 45
    for player in truth.entities[:2]:
        x0, y0, x1, y1 = player.box
        width = x1 - x0
        assert strings[y0:y1, max(x0 - width, 0) : x1 + width].any() == rackets


def test_a_game_of_catch_is_planned_with_both_ends_in_the_picture_and_asked_as_thrown():
    request = Request.build("a father and son playing catch in the park")
    board, warnings = preview_plan(request, ["procedural"])
    shot = next(s for s in board.shots if s.kind == "generated")
    assert shot.scene_spec.camera == "static"
    assert [e.action for e in shot.scene_spec.entities] == ["toss", "toss", "stand"]
    assert "the person throws the ball" in [a.said() for a in read_asks(request)]
    assert not warnings


def test_a_snowball_fight_no_one_is_named_for_is_two_people_at_it():
    # it was a snowball lying in the snow, the fight said undrawable
    parsed = parse("a snowball fight in the park")
    throwers = [e for e in parsed.spec.entities if e.kind == "person"]
    assert [e.action for e in throwers] == ["toss", "toss"]
    assert parsed.spec.entities[throwers[0].target].kind == "ball"
    assert "fight" not in parsed.unsupported_words
    assert [e.kind for e in parsed.spec.entities] == ["person", "person", "ball"]  # who first
    # one named throws at someone out of the picture, as one playing catch alone does
    assert [e.action for e in parse("a boy in a snowball fight").spec.entities] == [
        "toss",
        "stand",
    ]
