"""Calling out: a dog barks, a cat meows, a lion roars, a cow moos, an elephant trumpets,
the jaw dropping open on each call and the call carried off before it, facing whoever it is
called at ("a dog barking at the mailman" walked past a man standing, the bark said
undrawable; "a lion roaring" walked, the roar silently dropped)."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.prose import described
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("prompt", "kind", "said"),
    [
        ("a dog barking", "dog", "barks"),
        ("a lion roaring", "lion", "roars"),
        ("a bear roars in the forest", "bear", "roars"),
        ("a cat meowing", "cat", "meows"),
        ("a cow mooing in the field", "cow", "moos"),
        ("an elephant trumpeting", "elephant", "trumpets"),
        # a bird's call, whatever it is called: its beak open, notes carried off
        ("an owl hooting at night", "bird", "sings"),
        ("a parrot talking", "bird", "sings"),
        ("a rooster crowing at sunrise", "bird", "sings"),
    ],
)
def test_a_call_is_read_and_said_back_in_the_kind_s_own_word(prompt, kind, said):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [(kind, "roar")]
    assert not parsed.unsupported_words and not parsed.placeholders and not parsed.cannot
    told = caption(parsed.spec)
    assert f"{kind} {said}." in told and parse(told).spec == parsed.spec
    asked = [a.said() for a in read_asks(Request.build(prompt)) if a.kind == "action"]
    assert asked == [f"the {kind} {said}"]
    assert "roar" not in LEARNT_ACTIONS


def test_barking_at_the_mailman_faces_him_and_says_so(first_planned):
    spec, warnings = first_planned("a dog barking at the mailman")
    assert not warnings
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("dog", "roar", 1),
        ("person", "stand", None),
    ]
    asked = [a.said() for a in read_asks(Request.build("a dog barking at the mailman"))]
    assert "the dog barks at the person" in asked
    assert "barks at a" in caption(spec)
    assert "barks at the person in blue" in described(spec, "a dog barking at the mailman")
    _, truth = Renderer(spec, size=(320, 180), fps=24, frames=2, seed=3).frame(1)
    dog, mailman = truth.entities
    assert dog.box[2] < mailman.box[0]  # before the dog, clear of it
    assert dog.facing == 1 and mailman.facing == -1  # face to face


def test_a_roaring_fire_is_the_fire_s_no_one_roars(first_planned):
    spec, warnings = first_planned("a couple reading by the roaring fireplace")
    assert not warnings
    assert [e.action for e in spec.entities if e.kind == "person"] == ["read", "read"]
    assert parse("a cat sleeping by a roaring fire").spec.entities[0].action == "sleep"
    assert not parse("the tree bark up close").cannot  # the tree's, no one barking


def test_the_jaw_drops_and_the_call_is_carried_off_before_it(first_planned, lead_doing):
    spec, _ = first_planned("a lion roaring on a rock")
    standing = lead_doing(spec, "stand")
    roar = Renderer(spec, size=(640, 360), fps=24, frames=48, seed=3)
    stood = Renderer(standing, size=(640, 360), fps=24, frames=48, seed=3)
    lion, rock = roar.frame(0)[1].entities
    assert lion.box[3] < rock.box[1] + 0.25 * (rock.box[3] - rock.box[1])  # up on its rock
    ahead = []
    for frame in range(0, 48, 6):  # a roar every two seconds: open in some of these
        image, truth = roar.frame(frame)
        x0, y0, x1, y1 = truth.entities[0].box
        before = slice(x1, min(x1 + (x1 - x0) // 2, image.shape[1]))
        diff = np.abs(image[y0:y1, before].astype(int) - stood.frame(frame)[0][y0:y1, before])
        ahead.append(int((diff.sum(axis=2) > 30).sum()))
    assert max(ahead) > 40 and min(ahead) == 0  # the call's arcs, then quiet between roars


@pytest.mark.parametrize(
    ("prompt", "perch"),
    [("a bird singing on a branch", "tree"), ("a bird chirping on the fence", "fence")],
)
def test_a_bird_sings_up_on_its_branch_or_fence(prompt, perch, first_planned):
    # it sang on the ground beside the tree
    spec, warnings = first_planned(prompt)
    assert not warnings
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("bird", "roar", 1),
        (perch, "stand", None),
    ]
    told = caption(spec)
    assert f"sings {'in' if perch == 'tree' else 'on'} a" in told and parse(told).spec == spec
    asked = [a.said() for a in read_asks(Request.build(prompt)) if a.kind == "action"]
    assert asked == [f"the bird sings {'in' if perch == 'tree' else 'on'} the {perch}"]
    poses = Choreography(spec, 2.0)
    assert poses.pose(0, 1.0).y > 0.8 and poses.pose(0, 1.0).action == "roar"  # up there
