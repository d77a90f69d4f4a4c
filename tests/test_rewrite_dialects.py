"""Each backend's prompt is written in its own dialect, as its provider's guide asks."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import draft_bible, draft_storyboard, write_prompts
from videoagent.generators import capabilities
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.plan.rewrite import rewrite

DOG = "a 12 second video of a dog going on a walk, getting a pup cup"


@pytest.fixture
def planned():
    request = Request.build(DOG)
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["fake"])
    return board, bible


def _cast(shot, bible):
    return [bible.entities[c].description for c in shot.cast]


def test_runway_prompts_lead_with_the_camera_and_never_say_no(planned):
    board, bible = planned
    for shot in board.shots:
        text = rewrite(shot, "runway", cast=_cast(shot, bible), limit=1000)
        assert text.startswith("The camera ")
        assert " no " not in f" {text.lower()} " and len(text) <= 1000
        assert shot.caption in text


def test_veo_prompts_are_full_sentences_and_leave_negatives_out(planned):
    board, bible = planned
    shot = board.shots[1]
    text = rewrite(shot, "veo", cast=_cast(shot, bible))
    assert "The setting is a café terrace in the morning, under a clear sky." in text
    assert "no text" not in text and "watermark" not in text
    assert "white cup" in text  # the bible's description of the cast travels along


def test_each_shot_is_written_in_the_dialect_of_the_backend_it_was_routed_to(planned):
    board, bible = planned
    for shot in board.shots:
        shot.prompt = ""
    write_prompts(board, ["runway"], style="", bible=bible)
    assert all(s.dialect == "runway" and s.prompt.startswith("The camera") for s in board.shots)
    assert capabilities("veo").dialect == "veo" and capabilities("xai").dialect == "cinematic"
