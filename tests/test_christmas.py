"""Christmas: a christmas tree is a decorated fir with lights twinkling and a star on top
(it was a plain tree standing in the living room), presents are wrapped boxes piled under
it, and those opening them sit on the floor by them; christmas is at home."""

from __future__ import annotations

from videoagent.agent.planning import preview_plan
from videoagent.plan.request import Request
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def test_opening_presents_on_christmas_morning_is_sitting_by_them_under_the_tree():
    board, _ = preview_plan(
        Request.build("a family opening presents on christmas morning"), ["procedural"]
    )
    spec = next(s for s in board.shots if s.kind == "generated").scene_spec
    assert spec.place == "living room" and spec.time_of_day == "morning"
    kinds = [(e.kind, e.action) for e in spec.entities]
    assert ("christmas tree", "stand") in kinds and ("present", "stand") in kinds
    assert {a for k, a in kinds if k == "person"} == {"sit"}
    assert parse(caption(spec)).spec == spec
    choreography = Choreography(spec, 8.0)
    tree = choreography.pose([e.kind for e in spec.entities].index("christmas tree"), 0.0)
    presents = choreography.pose([e.kind for e in spec.entities].index("present"), 0.0)
    assert 0 < presents.x - tree.x < 0.7  # under it, before it


def test_a_christmas_tree_has_lights_that_twinkle():
    spec = parse("a christmas tree in the living room at night").spec
    assert [e.kind for e in spec.entities] == ["christmas tree"]
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=48, seed=2)
    frames = []
    for k in (0, 20, 40):
        image, truth = renderer.frame(k)
        x0, y0, x1, y1 = truth.entities[0].box
        frames.append(image[y0:y1, x0:x1].astype(int).max(axis=2) > 200)  # lit, at night
    assert all(lit.sum() > 3 for lit in frames)
    assert any((a != b).any() for a, b in zip(frames, frames[1:], strict=False))  # twinkling


def test_presents_is_a_thing_unless_someone_presents():
    assert parse("santa delivers presents").spec.entities[0].kind == "present"
    assert parse("a waiter presents a cake").spec.entities[0].action == "hold"
