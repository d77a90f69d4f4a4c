"""The whole agent, end to end, on real files."""

from __future__ import annotations

import json
from pathlib import Path

import opentimelineio as otio
import pytest
from PIL import Image

from videoagent import Agent, AgentSettings, Request
from videoagent.media.probe import probe

pytestmark = pytest.mark.slow  # end to end: whole videos made


def test_dog_request_delivers_a_verified_36_second_video(dog_run):
    result, _ = dog_run
    info = probe(result.video, count_frames=True)
    assert abs(info.frames - 864) <= 1
    assert abs(info.video_duration - 36.0) <= 1 / 24
    assert (info.width, info.height, info.fps) == (640, 360, 24)
    assert info.video_codec == "h264" and info.audio_codec == "aac"
    assert result.verified


def test_dog_shots_show_walk_sniff_cup_and_another_dog_in_order(dog_run):
    result, _ = dog_run
    manifest = json.loads((result.folder / "renders/manifest.json").read_text())
    shots = manifest["shots"]
    assert [s["beat"] for s in shots] == [
        "going on a walk",
        "sniffing around",
        "getting a pup cup",
        "meeting a friend",
    ]
    truths = []
    for shot in shots:
        chosen = next(t for t in shot["takes"] if t["take"] == shot["chosen_take"])
        truths.append(chosen["report"]["truth"]["entities"])
    dog = truths[0][0]
    assert dog["kind"] == "dog" and dog["actions"].get("walk", 0) > 100
    assert truths[1][0]["actions"].get("sniff", 0) > 100
    cup_shot = {e["kind"]: e for e in truths[2]}
    assert cup_shot["cup"]["seen_fraction"] > 0.5
    assert cup_shot["dog"]["actions"].get("eat", 0) > 0
    assert cup_shot["person"]["actions"].get("give", 0) > 0
    dogs = [e for e in truths[3] if e["kind"] == "dog"]
    assert len(dogs) == 2 and dogs[0]["colour"] != dogs[1]["colour"]
    assert all(d["actions"].get("meet", 0) > 0 for d in dogs)
    for shot in shots:
        assert shot["prompt"] and shot["backend"] == "procedural" and shot["seed"] is not None
        assert shot["takes"][0]["checks"]


def test_dog_run_writes_every_deliverable(dog_run):
    result, records = dog_run
    folder = result.folder
    timeline = otio.adapters.read_from_file(str(folder / "timeline.otio"))
    assert len(timeline.tracks[0].find_clips()) == 4
    srt = (folder / "renders/final.srt").read_text()
    assert srt.startswith("1\n00:00:00,000 --> 00:00:09,000\nA dog goes on a walk.")
    sheet = Image.open(folder / "renders/contact_sheet.png")
    assert sheet.width > 600 and sheet.height > 200
    board = json.loads((folder / "storyboard.json").read_text())
    assert sum(s["frames"] for s in board["shots"]) == 864
    # what the request asks, read apart from the plan, kept with the project
    asks = json.loads((folder / "project.json").read_text())["asks"]
    assert {"kind": "action", "what": "sniff", "of": "dog"} in asks
    # The stages a person watches happen, in the order a video is made.
    firsts = {}
    for index, record in enumerate(records):
        firsts.setdefault(record.step, index)
    stages = ["brief", "storyboard", "generate", "render", "verify", "deliver"]
    assert [firsts[stage] for stage in stages] == sorted(firsts[stage] for stage in stages)
    assert [r.status for r in records if r.step == "deliver"][-1] == "done"
    assert not [r for r in records if r.status == "failed"]


def test_black_first_take_is_regenerated_for_that_shot_only(tmp_path: Path):
    fake = {"shot-02": ["black"]}
    settings = AgentSettings(backend="fake", generator_options={"fake": {"faults": fake}})
    result = Agent(settings).make(
        Request.build("a dog walking, then sitting, then jumping", duration=6), tmp_path / "film"
    )
    manifest = result.manifest
    takes = {s["id"]: s["takes"] for s in manifest["shots"]}
    assert [len(t) for t in takes.values()] == [1, 2, 1]
    first, second = takes["shot-02"]
    assert not first["accepted"]
    assert any(c["name"] == "black frames" and not c["passed"] for c in first["checks"])
    assert second["accepted"] and second["seed"] != first["seed"]
    assert (result.folder / first["file"]).exists() and (result.folder / second["file"]).exists()
    assert result.verified


def test_a_shot_that_always_fails_is_reported_not_hidden(tmp_path: Path):
    settings = AgentSettings(
        backend="fake",
        max_retries=1,
        generator_options={"fake": {"faults": {"shot-01": ["frozen", "frozen"]}}},
    )
    result = Agent(settings).make(Request.build("a cat sitting", duration=3), tmp_path / "f")
    shot = result.manifest["shots"][0]
    assert len(shot["takes"]) == 2 and not any(t["accepted"] for t in shot["takes"])


def test_what_the_subject_names_but_the_world_cannot_draw_is_said_in_every_shot(tmp_path):
    """ "a robot and a dog meeting": the dog is drawn, and the robot, which synthworld
    cannot draw, stands in each shot as a labelled placeholder listed as not shown; it is
    not silently left out of a video that would then pass its checks."""
    from videoagent.store.truth_file import read_truth

    request = Request.build("a robot and a dog meeting in the park", duration=4, size="192x108")
    result = Agent(AgentSettings(backend="procedural", music=False, ambience=False)).make(
        request, tmp_path / "film"
    )
    for shot in result.manifest["shots"]:
        assert shot["could_not_show"] == ["robot"]
        take = tmp_path / "film" / "shots" / shot["id"] / "takes" / "01" / "clip.mp4"
        drawn = {(e["kind"], e["label"]) for e in read_truth(take)["spec"]["entities"]}
        assert {("dog", ""), ("placeholder", "robot")} <= drawn
