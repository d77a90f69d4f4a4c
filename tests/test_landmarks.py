"""What a place is known by, drawn behind whoever is there: a fireplace burning in the
living room (it was no thing at all, only the room), a waterfall pouring in the woods (it
stood the whole request in the park) and a lighthouse by the sea whose beam sweeps the
dark (a labelled box in the mountains)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from videoagent.plan.asks import asks_in
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.painters.landmarks import LAMP
from videoagent.synthworld.painters.props import LAMPLIGHT
from videoagent.synthworld.painters.scenery import FLAME_CORE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer


def _frames(spec, *frames: int):
    renderer = Renderer(spec, size=(320, 180), fps=24, frames=max(frames) + 1, seed=2)
    return [renderer.frame(k) for k in frames]


def _box(truth, kind: str) -> tuple[int, int, int, int]:
    return next(e for e in truth.entities if e.kind == kind).box


def _near(image, box, colour, within: int = 40) -> int:
    x0, y0, x1, y1 = box
    crop = image[max(y0, 0) : y1, max(x0, 0) : x1].astype(int)
    return int((np.abs(crop - np.array(colour)).sum(axis=2) < within).sum())


def test_a_cat_sleeps_before_a_fire_burning_in_the_hearth_at_night(first_planned):
    spec, warnings = first_planned("a cat sleeping in front of a cozy fireplace")
    assert spec.place == "living room" and spec.time_of_day == "night"
    assert [(e.kind, e.action) for e in spec.entities] == [("cat", "sleep"), ("fireplace", "stand")]
    assert not warnings and parse(caption(spec)).spec == spec  # "cozy" is no missing drawing
    [(image, truth)] = _frames(replace(spec, shot_size="wide"), 1)
    cat, fire = _box(truth, "cat"), _box(truth, "fireplace")
    assert fire[0] < (cat[0] + cat[2]) / 2 < fire[2]  # before it, not beside it
    assert _near(image, fire, FLAME_CORE) > 3  # its flames, undimmed by the night


def test_a_waterfall_pours_in_the_woods_its_water_running_down(first_planned):
    spec, warnings = first_planned("a waterfall in the jungle")
    assert spec.place == "forest" and [e.kind for e in spec.entities] == ["waterfall"]
    assert not any("for waterfall" in w for w in warnings)  # it drew the park, said so
    assert first_planned("a waterfall")[0].place == "forest"
    (first, truth), (later, _) = _frames(replace(spec, camera="static"), 0, 6)
    x0, y0, x1, y1 = _box(truth, "waterfall")
    assert (x1 - x0) * (y1 - y0) > 320 * 180 / 10  # what the shot is of, large in it
    assert (first[y0:y1, x0:x1] != later[y0:y1, x0:x1]).any()  # falling, not still


def test_a_lighthouse_on_a_cliff_stands_by_the_sea_its_beam_sweeping_the_dark(first_planned):
    spec, _ = first_planned("a lighthouse on a cliff during a storm")
    assert spec.place == "beach" and spec.weather == "rain"
    assert [a.said() for a in asks_in("a lighthouse on a cliff during a storm")] == [
        "a lighthouse",
        "lightning",  # the storm's
        "rain",
    ]  # the cliff stood in for where it is: no mountains asked, none drawn
    assert first_planned("a goat standing on a cliff")[0].place == "mountains"
    night = replace(spec, time_of_day="night", weather="clear", camera="static")
    frames = _frames(night, 0, 40, 80)
    lamp = [_near(image, (0, 0, 320, 180), LAMP, 60) for image, _ in frames]
    assert all(n > 0 for n in lamp)
    beams = [image[: _box(truth, "lighthouse")[1] + 40].astype(int) for image, truth in frames]
    assert (beams[0] != beams[1]).any() and (beams[1] != beams[2]).any()  # it turns
    (day, truth), *_ = _frames(replace(night, time_of_day="noon"), 0)
    assert _near(day, _box(truth, "lighthouse"), LAMP, 30) == 0  # unlit by day


def test_one_said_to_stand_stands_still(first_planned):
    spec, _ = first_planned("a dog standing in the park")
    assert spec.entities[0].action == "stand" and spec.camera != "track"
    assert first_planned("a dog in the park")[0].entities[0].action == "walk"


def test_a_castle_stands_behind_whoever_is_there_its_windows_lit_at_night(first_planned):
    spec, warnings = first_planned("a knight walking past a castle at night")
    assert [e.kind for e in spec.entities] == ["person", "castle"] and spec.time_of_day == "night"
    assert not any("castle" in w for w in warnings) and parse(caption(spec)).spec == spec
    [(image, truth)] = _frames(replace(spec, camera="static", shot_size="wide"), 1)
    castle, knight = _box(truth, "castle"), _box(truth, "person")
    assert castle[3] - castle[1] > 2 * (knight[3] - knight[1])  # towering over him
    assert _near(image, castle, LAMPLIGHT) > 3  # its windows lit
    assert parse("kids building a sand castle").spec.entities[1].kind == "sandcastle"
