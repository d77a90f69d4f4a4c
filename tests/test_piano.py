"""A piano is drawn, a grand side on, and one playing it sits on its stool, the hands on its
keys ("a girl playing the piano" walked through the park beside a box labelled "piano")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import PIANO_REACH, SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_ACTIONS, LEARNT_KINDS


def _doings(spec):
    return [(e.kind, e.action, e.target) for e in spec.entities]


@pytest.mark.parametrize(
    "prompt",
    [
        "a girl playing the piano",
        "a man plays the grand piano",
        "a pianist",
        "a boy practicing piano",
        "a little girl taking piano lessons",
    ],
)
def test_one_at_a_piano_plays_it(prompt):
    parsed = parse(prompt)
    assert _doings(parsed.spec) == [("person", "play", 1), ("piano", "stand", None)]
    assert not parsed.unsupported_words  # practising, lessons: drawn as playing


@pytest.mark.parametrize(
    ("prompt", "action"),
    [("a man walking past a piano", "walk"), ("a man standing by the piano", "stand")],
)
def test_what_else_is_done_by_a_piano_is_done(prompt, action):
    assert _doings(parse(prompt).spec)[0] == ("person", action, None)


def test_the_player_sits_at_the_keys_of_the_piano_indoors(first_planned):
    spec, warnings = first_planned("a girl playing the piano")
    assert not warnings
    assert spec.place == "living room"  # at home, where no place is said
    asked = [a.said() for a in read_asks(Request.build("a girl playing the piano"))]
    assert "the person plays the piano" in asked
    choreography = Choreography(spec, 6.0)
    for t in (0.5, 3.0, 5.5):
        player, piano = choreography.pose(0, t), choreography.pose(1, t)
        assert player.seated and not player.grounded  # on its stool, not the floor
        assert piano.x - player.x == pytest.approx(PIANO_REACH)
        assert (player.facing, piano.facing) == (1, -1)  # the keys turned to the player


def test_the_piano_is_drawn_its_keys_under_the_players_hands(first_planned):
    spec, _ = first_planned("a girl playing the piano")
    image, truth = Renderer(spec, size=(640, 360), fps=24, frames=2).frame(1)
    x0, y0, x1, y1 = truth.entities[1].box
    inside = image[y0:y1, x0:x1].astype(int)
    shirt = np.abs(inside - np.array(COLOURS[spec.entities[0].colour])).sum(axis=2) < 40
    assert shirt[:, : (x1 - x0) // 4].sum() > 10  # the player's hands, over its keys
    black = (inside.sum(axis=2) < 150).mean()
    assert black > 0.25  # a black piano, not a labelled box
    keys = (inside.min(axis=2) > 190).sum()
    assert keys > 5  # its white keys (and the music on its stand)
    assert (x1 - x0) > (y1 - y0)  # a grand, side on: longer than it is tall
    assert SIZE["piano"][0] > SIZE["piano"][1]


def test_the_caption_of_playing_reads_back():
    spec = parse("a girl playing the piano").spec
    assert "plays a black piano" in caption(spec)
    assert _doings(parse(caption(spec)).spec) == _doings(spec)


def test_the_piano_is_nothing_the_models_learnt():
    assert "play" not in LEARNT_ACTIONS and "piano" not in LEARNT_KINDS
    learnt = parse("a girl playing the piano").within(LEARNT_KINDS, LEARNT_ACTIONS)
    assert [e.kind for e in learnt.spec.entities] == ["person", "placeholder"]
    assert learnt.spec.entities[0].action != "play"
