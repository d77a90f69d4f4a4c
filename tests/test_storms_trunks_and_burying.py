"""Words read as people mean them: a storm brings its lightning, an elephant's trunk is its
own (a box labelled "trunk" stood beside it), a squirrel burying an acorn digs, sunflowers
are yellow."""

from __future__ import annotations

import pytest

from videoagent.plan.asks import read_asks
from videoagent.plan.request import Request
from videoagent.synthworld.prompt_parser import parse


@pytest.mark.parametrize(
    ("prompt", "staged", "weather"),
    [
        (
            "a lighthouse in a storm at night",
            [("lighthouse", "stand"), ("lightning", "stand")],
            "rain",
        ),
        ("a stormy sea", [("lightning", "stand")], "rain"),
        ("an elephant spraying water with its trunk", [("elephant", "stand")], "clear"),
        ("a dog sitting by a tree trunk", [("dog", "sit"), ("tree", "stand")], "clear"),
        ("a squirrel burying an acorn", [("squirrel", "dig")], "clear"),
    ],
)
def test_words_are_read_as_meant(prompt, staged, weather):
    parsed = parse(prompt)
    assert [(e.kind, e.action) for e in parsed.spec.entities] == staged
    assert parsed.spec.weather == weather
    assert not parsed.placeholders


def test_sunflowers_are_yellow():
    asked = [a.said() for a in read_asks(Request.build("a field of sunflowers"))]
    assert parse("a field of sunflowers").spec.entities[0].colour == "yellow"
    assert "a flower" in asked or "two flowers" in asked
