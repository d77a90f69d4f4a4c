"""Skipping rope is drawn: a rope swung round from the hand, over the head and under the
feet, and a hop as it passes under them ("a girl skipping rope in the playground" ran
along with a rope lying beside her)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SKIP_HOP, SKIP_TURN, Choreography
from videoagent.synthworld.painters.creatures import SKIPPING_ROPE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS


@pytest.mark.parametrize(
    "prompt", ["a girl skipping rope", "a boy jumping rope", "a girl with a jump rope"]
)
def test_skipping_rope_is_skipping_with_no_rope_lying_about(prompt):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == [("person", "skip")]
    assert parse(caption(parsed.spec)).spec == parsed.spec  # "… skips rope."


def test_a_tug_of_war_rope_is_still_pulled():
    spec = parse("kids playing tug of war with a rope").spec
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "tug"), ("rope", "stand")]


def test_the_skipper_hops_as_the_rope_passes_under_the_feet(first_planned):
    spec, warnings = first_planned("a girl skipping rope in the playground")
    assert [(e.kind, e.action) for e in spec.entities] == [("person", "skip")]
    asked = [a.said() for a in read_asks(Request.build("a girl skipping rope"))]
    assert "the person skips rope" in asked
    choreography = Choreography(spec, 4.0)
    poses = [choreography.pose(0, k / 48) for k in range(96)]
    assert max(p.y for p in poses) == pytest.approx(SKIP_HOP, abs=0.01)
    for pose in poses:  # up while the rope is in its lower half, down as it comes over
        under = -math.cos(pose.phase) > 0.3
        assert (pose.y > 0) == under or abs(math.cos(pose.phase)) < 0.31
    assert SKIP_TURN > 2 * math.pi  # more than a turn a second
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2).frame(1)
    x0, y0, x1, y1 = truth.entities[0].box
    near = image[max(0, y0 - 30) : y1 + 10, max(0, x0 - 40) : x1 + 40].astype(int)
    rope = np.abs(near - np.array(SKIPPING_ROPE)).sum(axis=2) < 40
    assert rope.sum() > 10  # the rope, drawn round them


def test_skipping_is_no_action_the_models_learnt():
    assert "skip" not in LEARNT_ACTIONS
