"""A playground slide: up its ladder, sitting at its top, down its chute, then running
round to go again ("a boy sliding down a slide" walked past a labelled box "slide")."""

from __future__ import annotations

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import SLIDE_PERIOD, SLIDE_TOP, Choreography
from videoagent.synthworld.prompt_parser import parse


def test_one_on_a_slide_goes_down_it_and_sliding_elsewhere_is_said_undrawn(first_planned):
    spec, warnings = first_planned("a boy sliding down a slide at the playground")
    assert [(e.kind, e.action, e.target) for e in spec.entities] == [
        ("person", "slide", 1),
        ("slide", "stand", None),
    ]
    assert [w for w in warnings if "playground" not in w] == []  # (the park's, said so)
    assert parse(caption(spec)).spec == spec
    ice = parse("kids sliding on the ice")
    assert "sliding" in ice.unsupported_words and "slide" not in {e.kind for e in ice.spec.entities}


def test_a_turn_climbs_the_ladder_slides_down_and_comes_round_again(first_planned):
    spec, _ = first_planned("two kids on the slide")
    choreography = Choreography(spec, 2 * SLIDE_PERIOD)
    steps = [k * SLIDE_PERIOD / 40 for k in range(40)]
    first = [choreography.pose(0, t) for t in steps]
    assert max(p.y for p in first) >= SLIDE_TOP - 0.01  # up at the top
    assert min(p.y for p in first) == 0.0  # back on the ground, round to the ladder
    down = [p for p in first if 0.5 < p.reach < 0.72]
    assert down[0].y > down[-1].y and down[-1].x > down[0].x  # down the chute, away
    second = choreography.pose(2, 0.0)  # half a turn behind
    assert abs(second.reach - first[0].reach) == 0.5
