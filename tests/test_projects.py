"""Projects that last: resume after kill -9, one-shot regeneration from the cache, edits,
references, consistency, and refusals that change nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import DOG_REQUEST, QUIET
from videoagent import Agent, AgentSettings, Request, UsageError
from videoagent.agent.state import ProjectState
from videoagent.errors import DamagedProject
from videoagent.evaluate.checks import VERSION as CHECKS_VERSION
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.store.files import read_sealed_json, write_sealed_json
from videoagent.store.journal import Journal
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore
from videoagent.store.truth_file import read_truth

pytestmark = pytest.mark.slow  # end to end: whole projects made, edited, killed and resumed


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _copy(project: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(project, target)
    return target


def _journal(folder: Path, run: int = -1) -> list[dict]:
    journal = Journal(folder / "journal.sqlite")
    try:
        return journal.records(journal.runs()[run]["id"])
    finally:
        journal.close()


def _truth(take: Path) -> dict:
    return json.loads(take.with_suffix(".truth.json").read_text())


@pytest.fixture(scope="module")
def twelve_shots(tmp_path_factory) -> Path:
    """A 12-shot project (96 s, 4 beats of 3 shots) at a small size, so it makes quickly."""
    out = tmp_path_factory.mktemp("twelve") / "film"
    request = Request.build(DOG_REQUEST, duration=96, size="256x144")
    Agent(AgentSettings(backend="procedural")).make(request, out)
    return out


def test_kill_9_during_generation_then_resume_reuses_finished_takes(tmp_path: Path):
    out = tmp_path / "film"
    env = {**os.environ, "VIDEOAGENT_FAKE_FAULTS": "shot-03:slow+slow+slow,shot-04:slow+slow"}
    request = "a dog walking, then a dog sitting, then a dog running, then a dog jumping"
    command = [sys.executable, "-m", "videoagent", "make", request, "--duration", "8"]
    command += ["--backend", "fake", "--size", "192x108", "--out", str(out)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    finished = out / "shots/shot-01/takes/01/take.json"
    deadline = time.time() + 60
    while not finished.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert finished.exists(), "the first take never finished"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "renders/final.mp4").exists()
    done_before = {p.parent.parent.parent.name for p in out.glob("shots/*/takes/[0-9]*/take.json")}

    result = Agent(AgentSettings(backend="fake")).resume(out)

    assert result.verified
    assert probe(result.video, count_frames=True).frames == 192
    takes = result.manifest["takes"]
    assert takes["reused"] >= len(done_before) >= 1
    assert takes["generated"] + takes["reused"] == 4
    generated_now = {
        s["id"] for s in result.manifest["shots"] if s["takes"][-1]["origin"] == "generated"
    }
    assert not generated_now & done_before  # nothing finished was made again
    # Every file is whole: sealed JSON checks out, takes match their hashes, no leftovers.
    ProjectState.load(ProjectFolder.open(out))
    assert len(TakeStore(out, None)) == 4
    assert not list(out.rglob("*.part*"))
    runs = Journal(out / "journal.sqlite").runs()
    assert [(r["command"], r["status"]) for r in runs] == [("make", "running"), ("resume", "done")]


def test_regenerating_one_of_twelve_shots_makes_one_take_and_reuses_the_rest(
    twelve_shots: Path, tmp_path: Path
):
    project = _copy(twelve_shots, tmp_path, "film")
    before = json.loads((project / "renders/manifest.json").read_text())
    assert len(before["shots"]) == 12

    result = Agent(AgentSettings(backend="procedural")).regenerate(project, 3)

    assert result.verified
    assert result.manifest["takes"] == {
        "generated": 1,
        "reused": 11,
        "reused_from_project": 11,
        "reused_from_shared_cache": 0,
    }
    records = _journal(project)
    origins = [r["data"]["origin"] for r in records if r["step"] == "evaluate"]
    assert origins.count("generated") == 1 and origins.count("project cache") == 11
    render = next(r for r in records if r["step"] == "render" and r["status"] == "done")
    # Only pieces of shot 3 are made again (encoded, to carry the watermark).
    for piece in render["data"]["pieces"]:
        touches_shot_3 = "shot-03" in piece["shots"]
        assert piece["how"] == ("encoded" if touches_shot_3 else "reused"), piece
    assert "reused unchanged" in render["message"]
    third = result.manifest["shots"][2]
    assert third["chosen_take"] == 2 and third["seed"] != before["shots"][2]["seed"]


def test_cut_only_video_without_watermark_copies_whole_takes_into_the_render(tmp_path: Path):
    request = Request.build("a cat sitting, then a cat jumping", mode="ugc-product", duration=6)
    result = Agent(AgentSettings(backend="fake", watermark=False)).make(request, tmp_path / "ad")
    render = next(
        r for r in _journal(result.folder) if r["step"] == "render" and r["status"] == "done"
    )
    hows = {p["shots"][0]: p["how"] for p in render["data"]["pieces"]}
    # Shot 1 carries the hook text (encoded); shot 2 is a whole untouched take (copied).
    assert hows["shot-01"] == "encoded" and hows["shot-02"] == "copied"


def test_text_edit_lands_on_exactly_the_asked_frames(dog_run, tmp_path: Path):
    project = _copy(dog_run[0].folder, tmp_path, "film")
    old = project / "before.mp4"
    shutil.copy(project / "renders/final.mp4", old)

    result = Agent(AgentSettings(backend="procedural")).edit(
        project, "put SALE on screen at 0:05 for 2 seconds"
    )

    assert result.verified and result.manifest["takes"]["generated"] == 0
    wanted = range(100, 190)
    new_frames, old_frames = frames_at(result.video, wanted), frames_at(old, wanted)
    text_band = slice(int(360 * 0.7), 360)  # the overlay's bottom position
    on = [
        i
        for i in wanted
        if np.abs(
            new_frames[i][text_band].astype(int) - old_frames[i][text_band].astype(int)
        ).mean()
        > 3
    ]
    assert on == list(range(120, 168))
    edit = next(r for r in _journal(project) if r["step"] == "edit" and r["status"] == "done")
    assert edit["data"]["route"] == "tool: overlay" and edit["data"]["frames"] == [120, 167]


def test_make_this_one_minute_continues_with_the_same_dog(dog_run, tmp_path: Path):
    project = _copy(dog_run[0].folder, tmp_path, "film")
    bible_before = json.loads((project / "bible/bible.json").read_text())["entities"]

    result = Agent(AgentSettings(backend="procedural")).edit(project, "make this one minute")

    info = probe(result.video, count_frames=True)
    assert abs(info.frames - 1440) <= 1 and result.verified
    bible_after = {e["id"]: e for e in result.manifest["bible"]["entities"]}
    for entity in bible_before:  # carried over unchanged
        assert bible_after[entity["id"]] == entity
    dog = bible_after["dog"]
    new_shots = result.manifest["shots"][4:]
    assert new_shots and result.manifest["takes"]["reused"] == 4
    for shot in new_shots:
        assert "dog" in shot["cast"]
        truth = _truth(project / shot["takes"][-1]["file"])["summary"]["entities"]
        assert any(e["kind"] == "dog" and e["colour"] == dog["colour"] for e in truth)
    assert result.manifest["consistency"]["score"] == 1.0
    for shot in result.manifest["shots"]:  # what the next planner is shown of each shot
        with Image.open(project / "shots" / shot["id"] / "keyframe.png") as keyframe:
            assert keyframe.size == (256, 144)
    edit = next(r for r in _journal(project) if r["step"] == "edit" and r["status"] == "done")
    assert edit["data"]["route"] == "generation"
    assert edit["data"]["context"]["tokens"] > 0


def test_reorder_remove_card_and_reframe_reuse_every_take(dog_run, tmp_path: Path):
    project = _copy(dog_run[0].folder, tmp_path, "film")
    agent = Agent(AgentSettings(backend="procedural"))
    beats = [s["beat"] for s in dog_run[0].manifest["shots"]]

    swapped = agent.edit(project, "swap shots 1 and 2")
    assert [s["beat"] for s in swapped.manifest["shots"]] == [beats[1], beats[0], *beats[2:]]
    removed = agent.edit(project, "remove shot 2")
    assert [s["beat"] for s in removed.manifest["shots"]] == [beats[1], *beats[2:]]
    carded = agent.edit(project, "add an end card: See you soon")
    assert carded.manifest["shots"][-1]["card"]["title"] == "See you soon"
    tall = agent.edit(project, "make it 9:16")

    for result in (swapped, removed, carded, tall):
        assert result.verified and result.manifest["takes"]["generated"] == 0
    info = probe(tall.video, count_frames=True)
    assert (info.width, info.height) == (360, 640)
    expected = sum(s["frames"] for s in tall.manifest["shots"])
    assert info.frames == expected == 864 - dog_run[0].manifest["shots"][0]["frames"] + 72
    routes = [
        r["data"]["route"]
        for r in _journal(project)
        if r["step"] == "edit" and "route" in r["data"]
    ]
    assert routes == ["tool: reframe"]
    history = subprocess.run(
        [sys.executable, "-m", "videoagent", "history", str(project)],
        capture_output=True,
        text=True,
    )
    assert history.returncode == 0
    for command in ("make", "edit swap shots 1 and 2", "edit remove shot 2", "edit make it 9:16"):
        assert command in history.stdout


def test_references_set_the_look_and_reach_backends_that_take_them(tmp_path: Path):
    golden = tmp_path / "dog.png"
    image = Image.new("RGB", (200, 160), (250, 250, 250))
    image.paste((220, 165, 60), (50, 40, 150, 120))
    image.save(golden)
    request = Request.build("a dog walking, then a dog sitting", duration=6, size="256x144")

    made = Agent(AgentSettings(backend="procedural")).make(
        request, tmp_path / "drawn", references=[str(golden)]
    )
    dog = next(e for e in made.manifest["bible"]["entities"] if e["id"] == "dog")
    assert dog["colour"] == "golden" and dog["references"] == ["ref-01.png"]
    for shot in made.manifest["shots"]:
        truth = _truth(made.folder / shot["takes"][-1]["file"])["summary"]["entities"]
        assert truth[0]["kind"] == "dog" and truth[0]["colour"] == "golden"
    assert (made.folder / "bible/refs/ref-01.png").read_bytes() == golden.read_bytes()

    faked = Agent(AgentSettings(backend="fake")).make(
        request, tmp_path / "faked", references=[f"dog={golden}"]
    )
    for shot in faked.manifest["shots"]:
        take = shot["takes"][-1]
        assert [Path(r).name for r in take["references"]] == ["ref-01.png"]
        assert "golden dog" in take["prompt"]


def test_bad_project_input_is_refused_and_changes_nothing(dog_run, tmp_path: Path):
    project = _copy(dog_run[0].folder, tmp_path, "film")
    agent = Agent(AgentSettings(backend="procedural"))
    not_image = tmp_path / "dog.png"
    not_image.write_text("not a picture")
    picture = tmp_path / "p.png"
    Image.new("RGB", (8, 8)).save(picture)
    with pytest.raises(UsageError, match="is not an image"):
        agent.make(Request.build("a dog"), tmp_path / "a", references=[str(not_image)])
    with pytest.raises(UsageError, match="at most 7 references"):
        agent.make(Request.build("a dog"), tmp_path / "b", references=[str(picture)] * 8)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()

    before = _snapshot(project)
    with pytest.raises(UsageError, match="shot 9 does not exist"):
        agent.regenerate(project, 9)
    with pytest.raises(UsageError, match="shot 7 does not exist"):
        agent.edit(project, "remove shot 7")
    with pytest.raises(UsageError, match="could not understand"):
        agent.edit(project, "make it more sparkly somehow")
    with pytest.raises(UsageError, match="runs past the end"):
        agent.edit(project, "put SALE on screen at 0:35 for 2 seconds")
    assert _snapshot(project) == before

    with pytest.raises(DamagedProject, match="not a videoagent project"):
        agent.edit(tmp_path, "remove shot 1")
    board = project / "storyboard.json"
    board.write_text(board.read_text().replace("walk", "talk", 1))
    tampered = _snapshot(project)
    with pytest.raises(DamagedProject, match="storyboard.json was changed outside videoagent"):
        agent.edit(project, "remove shot 1")
    assert _snapshot(project) == tampered
    shutil.copy(dog_run[0].folder / "storyboard.json", board)
    clip = next(project.glob("shots/shot-02/takes/01/clip.mp4"))
    clip.write_bytes(clip.read_bytes()[:-10] + b"0123456789")
    tampered = _snapshot(project)
    with pytest.raises(DamagedProject, match="clip.mp4 was changed outside videoagent"):
        agent.resume(project)
    assert _snapshot(project) == tampered


def test_a_second_project_draws_its_takes_from_the_shared_cache(tmp_path: Path):
    request = Request.build("a cat sitting, then a cat jumping", duration=4, size="192x108")
    settings = AgentSettings(backend="procedural", shared_cache=tmp_path / "cache")
    first = Agent(settings).make(request, tmp_path / "one")
    second = Agent(settings).make(request, tmp_path / "two")
    made = first.manifest["takes"]["generated"]
    assert made >= 2 and first.manifest["takes"]["reused"] == 0
    assert second.manifest["takes"]["generated"] == 0
    assert second.manifest["takes"]["reused_from_shared_cache"] == made
    assert second.verified
    # Copies, not links: bytes appended to the cache's file reach no project.
    cached = sorted((tmp_path / "cache" / "takes").glob("*/*/clip.mp4"))
    taken = sorted((tmp_path / "two" / "shots").glob("*/takes/*/clip.mp4"))
    assert {p.stat().st_ino for p in cached}.isdisjoint(p.stat().st_ino for p in taken)
    with cached[0].open("ab") as handle:
        handle.write(b"changed outside videoagent")
    edited = Agent(settings).edit(tmp_path / "two", "put SALE on screen at 0:01 for 1 seconds")
    assert edited.verified
    # The damaged entry is dropped and made again, never trusted.
    third = Agent(settings).make(request, tmp_path / "three")
    assert third.manifest["takes"]["generated"] == 1
    assert third.manifest["takes"]["reused_from_shared_cache"] == made - 1


def test_a_cached_take_judged_by_other_checks_is_checked_again(tmp_path: Path):
    """A take's verdict came from the checks of the code that made it: a check since mended
    (here a "frozen frames" failure, as a person holding a cup once had) kept rejecting
    it from the cache, and the agent made the shot again."""
    request = Request.build("a cat sitting", duration=2, size="192x108")
    settings = AgentSettings(backend="procedural", shared_cache=tmp_path / "cache")
    Agent(settings).make(request, tmp_path / "one")
    (record_file,) = (tmp_path / "cache" / "takes").glob("*/*/take.json")
    record = read_sealed_json(record_file)
    assert record["checks_version"] == CHECKS_VERSION and record["accepted"]
    stale = {"name": "frozen frames", "passed": False, "detail": "an old verdict"}
    record |= {"checks_version": None, "accepted": False, "checks": [stale]}
    write_sealed_json(record_file, record)
    second = Agent(settings).make(request, tmp_path / "two")
    assert second.manifest["takes"]["generated"] == 0  # not made again
    assert second.verified
    (kept,) = (tmp_path / "two" / "shots").glob("*/takes/*/take.json")
    amended = read_sealed_json(kept)
    assert amended["accepted"] and amended["checks_version"] == CHECKS_VERSION
    assert "an old verdict" not in json.dumps(amended["checks"])
    assert read_sealed_json(record_file)["checks_version"] == CHECKS_VERSION  # the cache's too


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path: Path):
    out = tmp_path / "film"
    # Its own cache: takes another test made for the same request would let the run finish
    # before the interrupt arrives.
    env = {
        **os.environ,
        "VIDEOAGENT_FAKE_FAULTS": "shot-02:slow+slow+slow",
        "VIDEOAGENT_CACHE": str(tmp_path / "cache"),
    }
    command = [sys.executable, "-m", "videoagent", "make", "a dog walking, then a dog sitting"]
    command += ["--duration", "4", "--backend", "fake", "--size", "192x108", "--out", str(out)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (out / "shots/shot-01/takes/01/take.json").exists() and time.time() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "videoagent resume" in stderr and "Traceback" not in stderr
    assert Journal(out / "journal.sqlite").runs()[-1]["status"] == "interrupted"
    result = Agent(AgentSettings(backend="fake")).resume(out)
    assert result.verified and result.manifest["takes"]["reused"] >= 1


def test_a_project_in_use_is_refused_but_a_lock_released_moments_later_is_taken(tmp_path):
    first, second = ProjectFolder.create(tmp_path / "p"), ProjectFolder(tmp_path / "p")
    first.lock()
    with pytest.raises(UsageError, match="in use by another run"):
        second.lock()  # held throughout the wait
    # Like a child of a just-killed run that lets go of its copy of the lock.
    threading.Timer(0.3, first.unlock).start()
    second.lock()
    second.unlock()


def test_a_shot_moved_to_night_is_made_again_at_night_and_the_others_are_kept(
    small_project: Path, tmp_path: Path
):
    project = _copy(small_project, tmp_path, "film")
    before = json.loads((project / "renders/manifest.json").read_text())
    result = Agent(QUIET).edit(project, "make shot 2 at night")
    assert result.verified
    assert result.manifest["takes"]["generated"] == 1
    second = result.manifest["shots"][1]
    assert second["beat"].endswith("(night)") and second["chosen_take"] == 2
    # The new take is drawn at night, the same cast doing the same thing.
    take = project / "shots" / second["id"] / "takes" / "02" / "clip.mp4"
    truth = read_truth(take)
    was = read_truth(project / "shots" / second["id"] / "takes" / "01" / "clip.mp4")
    assert (truth["summary"]["time_of_day"], was["summary"]["time_of_day"]) == ("night", "morning")
    assert truth["spec"]["entities"] == was["spec"]["entities"]
    assert truth["summary"]["place"] == was["summary"]["place"]
    assert [s["chosen_take"] for s in result.manifest["shots"]] == [1, 2, 1]
    assert result.manifest["shots"][0]["seed"] == before["shots"][0]["seed"]
