"""Up in a tree: a bird, a squirrel or a cat perches on a branch its tree holds out ("an owl
sitting on a branch at night" walked along the path by a labelled box "branch", and a bird
sitting was said to be undrawable); the shot is framed on the branch."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.camera import Camera
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import BRANCH_OUT, PERCH_AT, Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_ACTIONS


@pytest.mark.parametrize(
    ("prompt", "who"),
    [
        ("an owl sitting on a branch at night", "bird"),
        ("a bird perched on a branch", "bird"),
        ("an owl in a tree", "bird"),
        ("a cat stuck in a tree", "cat"),
        ("a squirrel up a tree", "squirrel"),
    ],
)
def test_one_in_a_tree_or_on_a_branch_perches_in_it(prompt, who):
    parsed = parse(prompt)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == [
        (who, "perch", 1),
        ("tree", "stand", None),
    ]
    assert not parsed.placeholders


@pytest.mark.parametrize(
    ("prompt", "staged"),
    [
        ("a cat sitting under a tree", [("cat", "sit", None), ("tree", "stand", None)]),
        ("a bird flies into a tree", [("bird", "fly", None), ("tree", "stand", None)]),
        ("a bird sitting on the grass", [("bird", "stand", None)]),  # at rest, no warning
        (
            "a girl watches a bird in a tree",
            [("person", "sit", None), ("bird", "perch", 2), ("tree", "stand", None)],
        ),
    ],
)
def test_only_what_is_up_in_a_tree_perches(prompt, staged):
    parsed = parse(prompt)
    assert [(e.kind, e.action, e.target) for e in parsed.spec.entities] == staged
    assert not parsed.cannot


def test_the_owl_is_on_its_branch_framed_there_by_night(first_planned):
    spec, warnings = first_planned("an owl sitting on a branch at night")
    assert (spec.place, spec.time_of_day) == ("park", "night") and not warnings
    assert parse(caption(spec)).spec == spec  # "A brown bird perches in a green tree."
    asked = [a.said() for a in read_asks(Request.build("an owl sitting on a branch"))]
    assert "the bird perches in the tree" in asked
    choreography = Choreography(spec, 6.0)
    tree = choreography.pose(1, 1.0)
    assert tree.reach == 1.0  # its branch held out
    owl = [choreography.pose(0, t) for t in (0.5, 2.0, 3.5, 5.0)]
    for pose in owl:
        assert pose.y == PERCH_AT and pose.x == pytest.approx(tree.x + BRANCH_OUT * tree.facing)
    assert len({pose.facing for pose in owl}) == 2  # it looks about, and back
    camera = Camera(choreography, 16 / 9)
    view = camera.view(1.0)
    _, perch_y = view.to_pixels(owl[0].x, PERCH_AT, (320, 180))
    assert 20 < perch_y < 170  # the branch is in the picture, not above it


def test_the_cat_sits_on_the_branch_drawn_out_of_doors(first_planned):
    spec, _ = first_planned("a cat stuck in a tree")
    assert spec.place == "park"  # a tree is out of doors, though a cat is at home
    image, truth = Renderer(spec, size=(320, 180), fps=24, frames=2).frame(1)
    seen = {e.kind: e for e in truth.entities}
    assert seen["cat"].action == "perch"  # what the checks read: perching, not standing
    assert seen["tree"].visible >= 0.5  # the tree asked for counts as shown
    cat, tree = seen["cat"].box, seen["tree"].box
    assert cat[3] < tree[3] - 40  # well up off the ground, in the tree
    x0, y0, x1, y1 = cat
    orange = abs(image[y0:y1, x0:x1].astype(int) - COLOURS["orange"]).sum(axis=2) < 60
    assert orange.sum() > 30  # and drawn there


def test_perching_is_no_action_the_models_learnt():
    assert "perch" not in LEARNT_ACTIONS
    learnt = parse("an owl in a tree").within(("bird", "tree"), LEARNT_ACTIONS)
    assert learnt.spec.entities[0].action != "perch"
