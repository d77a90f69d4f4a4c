"""Journeys: "walking through the park to a café" is planned to end where it goes, and its
last shot walks from one place into the next with no cut (the new place comes into the
picture as the camera travels on)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from videoagent.agent.agent import Agent
from videoagent.agent.planning import draft_bible
from videoagent.agent.settings import AgentSettings
from videoagent.errors import UsageError
from videoagent.plan.brief import make_brief
from videoagent.plan.continuity import arrive_where_carried
from videoagent.plan.journey import Journey, arrival_camera, journey_in
from videoagent.plan.offline_planner import plan_offline
from videoagent.plan.request import Request
from videoagent.plan.rewrite import rewrite
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.truth import summarise

WALK = (EntitySpec("dog", "brown", "walk"),)
ARRIVAL = SceneSpec("cafe", "morning", "clear", "track", "wide", WALK, arrives_from="park")


@pytest.mark.parametrize(
    ("beat", "journey"),
    [
        ("walking through the park to a café", Journey("park", "cafe")),
        ("running across the street into the park", Journey("street", "park")),
        ("going to the beach", Journey(None, "beach")),
        ("sitting next to the cafe", None),  # where it is, not where it goes
        ("walking in the park", None),
        ("throwing a ball to the dog", None),  # not a place
        ("walking from the park to the park", None),
    ],
)
def test_a_beat_that_goes_somewhere_is_a_journey(beat, journey):
    assert journey_in(beat) == journey


def _board(text: str):
    request = Request.build(text)
    brief = make_brief(request)
    return brief, plan_offline(request, brief, draft_bible(brief))


def test_a_one_take_journey_walks_the_way_there_and_its_last_shot_arrives():
    brief, board = _board(
        "one continuous 60 second shot of a dog walking through the park to a café"
    )
    assert brief.place == "park"  # where it starts, not where it goes
    scenes = [shot.scene_spec for shot in board.shots]
    assert [s.place for s in scenes] == ["park"] * 5 + ["cafe"]
    assert [s.arrives_from for s in scenes] == [None] * 5 + ["park"]
    assert [shot.continues for shot in board.shots] == [False] + [True] * 5


def test_an_arrival_goes_along_with_its_subject_whatever_camera_the_take_began_with():
    """A still camera (or a pan) would leave the new place beyond the picture's edge: the
    arriving shot tracks its subject, and the take ends showing where it arrived."""
    assert arrival_camera("static") == arrival_camera("pan") == "track"
    assert arrival_camera("zoom in") == "zoom in"  # a zoom stays on the subject as it walks
    _, board = _board("one continuous 30 second shot of a dog walking through the park to a café")
    shots = board.shots
    for shot in shots:
        shot.camera, shot.scene = "static", {**shot.scene, "camera": "static"}
        shot.scene.pop("arrives_from", None)
    changed = arrive_where_carried(shots)
    assert changed == [shots[-1]] and shots[-1].prompt == ""
    assert shots[-1].camera == shots[-1].scene_spec.camera == "track"
    assert [s.scene_spec.camera for s in shots[:-1]] == ["static"] * (len(shots) - 1)
    assert arrive_where_carried(shots) == []  # settled
    # Extending the park's still take, the arrival reaches the café by its last frame.
    size, fps = (192, 108), 12
    frames = round(shots[-2].frames / float(board.rate.fps) * fps)
    before = Renderer(shots[-2].scene_spec, size=size, fps=fps, frames=frames, seed=3)
    carried = before.stage.carried_on(before.seed)
    arrival = Renderer(shots[-1].scene_spec, size=size, fps=fps, frames=frames, carry=carried)
    truths = [truth for _, truth in arrival]
    assert (truths[0].place, truths[-1].place) == ("park", "cafe")


def test_what_the_story_does_after_a_journey_happens_where_it_arrived():
    brief, board = _board(
        "a 30 second video of a dog walking through the park to the beach, then sitting"
    )
    scenes = [shot.scene_spec for shot in board.shots if shot.kind == "generated"]
    assert [(s.place, s.arrives_from) for s in scenes] == [
        ("park", None),
        ("beach", "park"),
        ("beach", None),
        ("beach", None),
    ]
    # A journey that names only where it goes sets out from the story's own place.
    brief, board = _board("a 10 second video of a dog going to the beach")
    assert brief.place == "park" and "set in a park" in brief.assumed
    assert board.shots[-1].scene_spec.arrives_from == "park"


def test_a_journeys_last_shot_is_prompted_as_one_and_parses_back():
    assert parse(caption(ARRIVAL)).spec == ARRIVAL
    assert "Coming from the park." in caption(ARRIVAL)
    assert parse("A dog walks in the park. Coming from the park.").spec.arrives_from is None
    with pytest.raises(UsageError, match="arrive at the cafe from the cafe"):
        SceneSpec("cafe", arrives_from="cafe")
    with pytest.raises(UsageError, match="arrives_from must be one of"):
        SceneSpec("cafe", arrives_from="moon")
    assert "arrives_from" not in SceneSpec("cafe").to_dict()  # other scenes read as before
    _, board = _board("one continuous 60 second shot of a dog walking through the park to a café")
    last = board.shots[-1]
    for dialect in ("cinematic", "veo", "runway"):
        assert "as the park gives way to the café" in rewrite(last, dialect)


def test_the_arrival_starts_as_the_place_it_leaves_and_ends_as_the_one_it_reaches():
    """Scenery is anchored to the world: the arrival's first frame is the park's own
    tracking shot's, pixel for pixel, and its last the café's; its truth says both, in order."""
    size, fps, frames = (192, 108), 12, 120
    arrival = Renderer(ARRIVAL, size=size, fps=fps, frames=frames, seed=3)
    truths = [truth for _, truth in arrival]
    staying = {
        place: Renderer(
            SceneSpec(place, "morning", "clear", "track", "wide", WALK),
            size=size,
            fps=fps,
            frames=frames,
            seed=3,
        )
        for place in ("park", "cafe")
    }
    assert np.array_equal(arrival.frame(0)[0], staying["park"].frame(0)[0])
    assert np.array_equal(arrival.frame(frames - 1)[0], staying["cafe"].frame(frames - 1)[0])
    middle = arrival.frame(frames // 3)[0].astype(int)
    assert not np.array_equal(middle, staying["park"].frame(frames // 3)[0])
    summary = summarise(truths)
    assert summary["place"] == "cafe" and summary["places"] == ["park", "cafe"]
    assert "places" not in summarise([t for _, t in staying["park"]])
    # An extension in the café keeps the same world, seam and all; one elsewhere does not.
    carried = arrival.stage.carried_on(arrival.seed)
    assert carried.boundary == arrival.stage.boundary
    on = Renderer(staying["cafe"].spec, size=size, fps=fps, frames=24, seed=9, carry=carried)
    assert on.stage.boundary == carried.boundary
    beach = SceneSpec("beach", "morning", "clear", "track", "wide", WALK)
    assert Renderer(beach, size=size, fps=fps, frames=24, carry=carried).stage.boundary is None


def test_the_recognizer_judges_an_arrival_by_where_it_ends(tmp_path: Path):
    """A take without ground truth (embedded's) is read by our recognizer: an arrival's
    place is what its last quarter looks like, not most of its frames."""
    pytest.importorskip("torch")
    from videoagent.evaluate.recognized import place_at_end, recognized_checks
    from videoagent.media.writer import Mp4Writer
    from videoagent.timeline.time import FrameRate

    frames = np.stack([frame for frame, _ in Renderer(ARRIVAL, size=(224, 128), fps=8, frames=80)])
    clip = tmp_path / "arrival.mp4"
    with Mp4Writer(clip, size=(224, 128), rate=FrameRate.of(8), frames=len(frames)) as writer:
        for frame in frames:
            writer.write(frame)
    assert place_at_end(frames[:20], 8.0) == "park"  # where it comes from
    place = next(c for c in recognized_checks(clip, ARRIVAL) if c.name == "place")
    assert place.passed and place.detail == "looks like cafe at its end"


def test_the_arrivals_ambience_changes_halfway():
    from videoagent.agent.assemble import sketch_timeline
    from videoagent.audio.ambience import ambience_layers

    _, board = _board(
        "one continuous 30 second shot of a dog walking through the park to the beach"
    )
    layers = ambience_layers(sketch_timeline(board), board)
    names = [layer.name for layer in layers]
    assert names == [
        "ambience shot-01 (park)",
        "ambience shot-02 (park)",
        "ambience shot-03 (park)",
        "ambience shot-03 (sea)",
    ]
    start = board.rate.seconds(sum(s.frames for s in board.shots[:2]))
    half = board.rate.seconds(board.shots[2].frames) / 2
    assert layers[3].start == pytest.approx(float(start + half) - 0.15)


def _no_cut_at(video: Path, joins: list[int]) -> bool:
    """Whether the picture goes on at each join: the step into the join's first frame is a
    small part of what a cut from the video's first place to its last would change (its
    first frame against its last)."""
    from videoagent.media.frames import iter_frames

    frames = np.stack(list(iter_frames(video))).astype(np.int16)
    cut = np.abs(frames[-1] - frames[0]).mean()
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    return all(steps[join - 1] < cut / 5 for join in joins)


def test_a_one_take_journey_on_procedural_arrives_with_no_cut(tmp_path: Path):
    """Made, then edited so that the journey arrives a shot earlier: the restaged shot now
    arrives from the park and the last one, already there, arrives from nowhere."""
    from videoagent.store.truth_file import read_truth

    settings = AgentSettings(backend="procedural", music=False, shared_cache=None)
    request = Request.build(
        "a dog walking through the park to the beach in one take", duration=21, size="192x108"
    )
    result = Agent(settings).make(request, tmp_path / "film")
    assert result.verified and not result.kept_failing
    assert {a["said"]: a["state"] for a in result.manifest["asks"]}["at the beach"] == "shown"
    last = result.manifest["shots"][-1]
    kept = next(t for t in last["takes"] if t["take"] == last["chosen_take"])
    assert kept["mode"] == "extend"
    assert read_truth(result.folder / kept["file"])["summary"]["places"] == ["park", "beach"]
    joins = [7 * 24, 14 * 24]
    assert _no_cut_at(result.video, joins)

    edited = Agent(settings).edit(result.folder, "make shot 2 at the beach")
    assert edited.verified
    scenes = [shot["scene"] for shot in edited.manifest["shots"]]
    assert [(s["place"], s.get("arrives_from")) for s in scenes] == [
        ("park", None),
        ("beach", "park"),
        ("beach", None),
    ]
    assert _no_cut_at(edited.video, joins)
