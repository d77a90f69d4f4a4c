"""Singing is drawn: the mouth open wide on each note, a hand held out, notes rising from
the mouth ("a man singing" stood still, his singing said undrawable); a crowd or an
audience is people, and cheering is jumping for joy (a box labelled "crowd")."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.painters.creatures import NOTE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt", ["a man singing", "a woman sings karaoke", "a man serenading his wife"]
)
def test_one_singing_sings(prompt):
    assert parse(prompt).spec.entities[0].action == "sing"


def test_the_singer_is_drawn_with_notes_rising(first_planned):
    spec, warnings = first_planned("a man singing")
    assert not warnings
    assert "the person sings" in [a.said() for a in read_asks(Request.build("a man singing"))]
    renderer = Renderer(spec, size=(640, 360), fps=24, frames=48)
    heights = []
    for frame in (0, 24, 47):
        image, truth = renderer.frame(frame)
        notes = np.argwhere(np.abs(image.astype(int) - np.array(NOTE)).sum(axis=2) < 40)
        assert len(notes) > 10  # the notes sung, in the air by the singer
        x0, y0, x1, y1 = truth.entities[0].box
        assert notes[:, 0].max() < y0 + (y1 - y0) // 3  # up about the head, not the feet
        heights.append(notes[:, 0].mean())
    assert len(set(heights)) > 1  # rising, one after another


def test_singing_on_the_sofa_sits_on_it(first_planned):
    spec, _ = first_planned("two girls singing on the sofa")
    choreography = Choreography(spec, 4.0)
    singers = [i for i, e in enumerate(spec.entities) if e.kind == "person"]
    assert len(singers) == 2
    assert all(choreography.pose(i, 1.0).seated for i in singers)


def test_karaoke_is_at_home_and_serenading_said_right(first_planned):
    spec, _ = first_planned("a woman singing karaoke")
    assert spec.place == "living room"
    board, _ = preview_plan(Request.build("a man serenading his wife"), ["procedural"])
    assert board.shots[0].caption == "A man serenades his wife."


def test_a_crowd_cheering_is_people_jumping_for_joy(first_planned):
    spec, warnings = first_planned("a crowd cheering")
    assert not warnings and not spec.placeholders
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "jump")] * 4
    # fans too ("fans cheering in the stadium" found no one), said of as many
    board, _ = preview_plan(Request.build("fans cheering in the stadium"), ["procedural"])
    fans = board.shots[0]
    assert [(e.kind, e.action) for e in fans.scene_spec.entities] == [("person", "jump")] * 4
    assert fans.caption == "Fans cheer in the stadium."


def test_the_caption_of_singing_reads_back():
    spec = parse("a man singing").spec
    assert "sings" in caption(spec)
    assert parse(caption(spec)).spec == spec


def test_singing_is_no_action_the_models_learnt():
    assert "sing" not in LEARNT_ACTIONS
