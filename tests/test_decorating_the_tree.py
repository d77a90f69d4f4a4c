"""Decorating a christmas tree: those at it stand round it, reaching up to hang a bauble
and back for the next, and it has more baubles as the shot goes on ("a family decorating
a christmas tree" stood about it; "hanging ornaments on the tree" climbed a bare tree)."""

from __future__ import annotations

import numpy as np

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import BAUBLE_SPOTS, BAUBLES_AT_FIRST, Choreography
from videoagent.synthworld.painters.scenery import BAUBLES
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS

GOLD = BAUBLES[1]


def _read(text: str) -> list[tuple[str, str, int | None]]:
    return [(e.kind, e.action, e.target) for e in parse(text).spec.entities]


def test_all_at_it_hang_baubles_on_the_tree_said_or_brought():
    family = _read("a family decorating a christmas tree")
    assert [a for k, a, _ in family if k == "person"] == ["decorate"] * 3
    tree = next(i for i, (k, _, _) in enumerate(family) if k == "christmas tree")
    assert {t for k, _, t in family if k == "person"} == {tree}
    assert _read("a girl hanging ornaments on the tree") == [
        ("person", "decorate", 1),
        ("christmas tree", "stand", None),
    ]  # on it, not up it
    assert _read("kids decorating for christmas")[0][1] == "decorate"  # the tree it brings
    cake = parse("a girl decorating a cake")  # no drawing of that: said so
    assert "decorating" in cake.unsupported_words
    assert "decorate" not in [e.action for e in cake.spec.entities]


def test_it_is_at_home_asked_for_and_said_back(first_planned):
    spec, warnings = first_planned("a girl hanging ornaments on the tree")
    assert not warnings and spec.place == "living room"
    assert [e.kind for e in spec.entities] == ["person", "christmas tree"]
    asked = [a.said() for a in read_asks(Request.build("a girl hanging ornaments on the tree"))]
    assert asked == ["a person", "a christmas tree", "the person decorates the christmas tree"]
    family, _ = first_planned("a family decorating a christmas tree")
    assert parse(caption(family)).spec == family


def test_the_tree_has_more_baubles_as_they_are_hung(first_planned):
    spec, _ = first_planned("a boy decorating the christmas tree with his mom")
    choreography = Choreography(spec, 6.0)
    left = [choreography.pose(1, t).reach for t in np.linspace(0, 6, 13)]
    assert left[0] == 1 - BAUBLES_AT_FIRST / BAUBLE_SPOTS
    assert all(b <= a for a, b in zip(left, left[1:], strict=False)) and left[-1] < left[0]
    renderer = Renderer(spec, size=(320, 180), fps=8, frames=48, seed=1)
    first, last = renderer.frame(0), renderer.frame(47)
    x0, y0, x1, y1 = first[1].entities[1].box

    crown = slice(y0, y0 + int(0.7 * (y1 - y0)))  # (its pot stands on a red rug)

    def gold(frame: np.ndarray) -> int:  # its gold baubles (the one in a hand is red)
        diff = np.abs(frame[crown, x0:x1].astype(int) - np.array(GOLD)).sum(axis=2)
        return int((diff < 60).sum())

    assert gold(last[0]) >= 2 * gold(first[0]) > 0
    assert "decorate" not in LEARNT_ACTIONS
