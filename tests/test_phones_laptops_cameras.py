"""Phones, laptops and cameras as people use them: a phone to the ear (walking on, where
said) or before the eyes, a laptop on a table typed at from a chair, a camera to the eye.
They were labelled boxes beside whoever had them ("a selfie" too); the camera filming the
video ("a tracking camera", "the camera pans") is none of them."""

from __future__ import annotations

import pytest

from videoagent.agent.planning import preview_plan
from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, TABLE_END, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        (
            "a woman talking on the phone while walking down the street",
            [("person", "walk", None), ("phone", "call", 0)],
        ),
        ("a girl taking a selfie at the beach", [("person", "stand", None), ("phone", "stand", 0)]),
        ("a teen scrolling on her smartphone", [("person", "stand", None), ("phone", "stand", 0)]),
        ("a photographer in the city", [("person", "stand", None), ("camera", "stand", 0)]),
        ("a man taking photos of the sea", [("person", "stand", None), ("camera", "stand", 0)]),
        (
            "a man typing on a laptop in a cafe",
            [("person", "type", None), ("laptop", "stand", None), ("table", "stand", None)],
        ),
        ("a tracking camera following a dog", [("dog", "walk", None)]),
        ("the camera pans across the beach", []),
        ("a girl waves at the camera", [("person", "wave", None)]),
        # the camera in someone's hands is one in the picture (it was the filming one)
        ("a tourist holds the camera", [("person", "stand", None), ("camera", "stand", 0)]),
    ],
)
def test_phones_laptops_and_cameras_are_read_as_held_and_used(text, drawn):
    parsed = parse(text)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == drawn
    assert not parsed.placeholders and not parsed.unsupported_words
    assert parse(caption(parsed.spec)).spec == parsed.spec


def test_the_camera_filming_is_not_asked_for():
    asked = [a.what for a in read_asks(Request.build("the camera pans across a beach"))]
    assert "camera" not in asked
    asked = [a.said() for a in read_asks(Request.build("a woman on the phone while walking"))]
    assert "a phone" in asked and "the person walks" in asked
    assert not any(a.startswith("the phone") for a in asked)  # held, no doer of its own


@pytest.mark.parametrize(
    ("text", "above_the_shoulder", "ahead"),
    [
        ("a man talks on the phone", True, (0.0, 0.2)),  # to the ear
        ("a man looks at his phone", False, (0.3, 0.6)),  # before the eyes
        ("a man holds a camera", True, (0.1, 0.35)),  # to the eye
    ],
)
def test_a_phone_or_a_camera_is_in_the_hand_at_the_face(text, above_the_shoulder, ahead):
    spec = parse(text).spec
    choreography = Choreography(spec, 4.0)
    body, thing = choreography.pose(0, 1.0), choreography.pose(1, 1.0)
    assert body.at_the_face and thing.held_by == 0
    assert ahead[0] <= (thing.x - body.x) * body.facing <= ahead[1]
    shoulder = 1.43
    assert (thing.y > shoulder) == above_the_shoulder
    assert thing.y > 1.2  # up at the face, not at the hip
    _, truth = Renderer(spec, size=(320, 180), fps=24, frames=24, seed=2).frame(12)
    assert truth.entities[1].visible == 1.0


def test_one_walking_on_the_phone_keeps_it_at_the_ear_as_they_go():
    spec = parse("a woman talking on the phone while walking down the street").spec
    choreography = Choreography(spec, 4.0)
    for t in (0.5, 2.0, 3.5):
        body, phone = choreography.pose(0, t), choreography.pose(1, t)
        assert body.action == "walk" and abs(phone.x - body.x) < 0.2 and phone.y > 1.3


def test_a_laptop_is_on_the_table_before_the_one_typing_at_it_from_a_chair():
    spec = parse("a man typing on a laptop in a cafe").spec
    choreography = Choreography(spec, 4.0)
    typist, laptop, table = (choreography.pose(i, 1.0) for i in range(3))
    assert typist.at_table == "end" and table.laid[0] == "chair"
    assert typist.x == pytest.approx(table.x - TABLE_END)
    assert typist.x < laptop.x < table.x and laptop.y == pytest.approx(SIZE["table"][1])


def test_a_photographer_stands_to_take_photos():
    board, _ = preview_plan(
        Request.build("a photographer taking photos in the city"), ["procedural"]
    )
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "stand"), ("camera", "stand")]


def test_texting_is_a_phone_in_hand_said_or_not():
    # a girl texting stood empty-handed; "texting on her phone" left it on the ground
    for text in ("a girl texting", "a teenager texting on her phone", "a man scrolling in bed"):
        entities = parse(text).spec.entities
        phone = next(e for e in entities if e.kind == "phone")
        assert phone.target == 0 and entities[0].kind == "person"
        assert len([e for e in entities if e.kind == "phone"]) == 1
