"""Working out, drawn as push-ups: straight as a plank, lowered to the ground and pushed up
again ("a man doing push-ups in the park" walked, the push-ups said undrawable; "a man does
push-ups" drew two deer: "does" read as the animal)."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt",
    [
        "a man doing push-ups in the park",
        "a man does push-ups",
        "a woman working out at the beach",
        "a girl exercising in the living room",
    ],
)
def test_working_out_is_read_said_back_and_asked(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("person", "exercise")]
    assert not parsed.unsupported_words and not parsed.cannot
    told = caption(parsed.spec)
    assert "does push-ups" in told and parse(told).spec == parsed.spec
    asked = [a.said() for a in read_asks(Request.build(prompt)) if a.kind == "action"]
    assert asked == ["the person does push-ups"]
    assert "exercise" not in LEARNT_ACTIONS


def test_does_is_a_deer_only_where_it_is_counted():
    assert [e.kind for e in parse("two does in the forest").spec.entities] == ["deer"]
    assert parse("she does yoga").spec.entities == ()  # (who "she" is: the story's)


def test_the_plank_is_lowered_and_pushed_up(first_planned):
    spec, warnings = first_planned("a man doing push-ups in the park")
    assert not warnings
    render = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=3)
    boxes = [render.frame(k)[1].entities[0].box for k in range(0, 24, 3)]
    x0, y0, x1, y1 = boxes[0]
    assert x1 - x0 > 1.5 * (y1 - y0)  # lying along the ground, not standing
    images = [render.frame(k)[0] for k in range(0, 24, 3)]
    tops = [
        int((img[:, x0:x1].astype(int) != images[0][:, x0:x1]).any(axis=2).sum()) for img in images
    ]
    assert max(tops) > 30  # up and down, not a still figure


def test_does_said_of_one_going_on_is_what_they_do():
    """ "a dog sniffs, then does a trick" drew two deer beside the dog; "a man does
    push-ups" was captioned "Does push-ups." """
    board, _ = preview_plan(Request.build("a dog sniffs, then does a trick"), ["procedural"])
    assert all(e.kind == "dog" for s in board.shots for e in s.scene_spec.entities)
    board, _ = preview_plan(Request.build("a man does push-ups", duration=4), ["procedural"])
    assert board.shots[0].caption == "A man does push-ups."
