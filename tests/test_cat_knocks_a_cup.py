"""A cat sits on a table pawing at a cup, pushes it to the edge and knocks it off: it falls,
tipping, to lie on its side on the floor (the cat walked past a cup and a table, and
knocking was said to be undrawable; "a glass" was asked for as two cups)."""

from __future__ import annotations

from videoagent.plan.asks import asks_in
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SIZE, Choreography
from videoagent.synthworld.prompt_parser import parse


def test_a_cat_knocks_a_cup_off_a_table(first_planned):
    spec, warnings = first_planned("a cat knocking a glass off a table")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("cat", "knock", 1),
        ("cup", "stand", None),
        ("table", "stand", None),
    ]
    assert warnings == [] and parse(caption(spec)).spec == spec
    said = [a.said() for a in asks_in("a cat knocking a glass off a table")]
    assert said[:3] == ["a cat", "a cup", "a table"]  # a glass is one
    assert [e.kind for e in parse("a cat knocks a cup over").spec.entities] == [
        "cat",
        "cup",
        "table",  # what it was on, brought
    ]


def test_the_cup_is_pushed_off_the_edge_and_falls_to_lie_on_the_floor(first_planned):
    spec, _ = first_planned("a cat knocking a glass off a table")
    choreography = Choreography(spec, 8.0)
    cat, table = choreography.pose(0, 1.0), choreography.pose(2, 1.0)
    height = SIZE["table"][1]
    assert cat.y == height and abs(cat.x - table.x) < SIZE["table"][0] / 2  # up on it
    before, after = choreography.pose(1, 0.5), choreography.pose(1, 7.9)
    assert before.y == height and before.reach == 0.0  # upright on the table
    assert after.y == 0.0 and after.reach == 1.0  # on its side on the floor
    assert after.x > table.x + SIZE["table"][0] / 2  # off the edge
