"""The run's time estimate: from what this machine measured, a guess (and said so) before."""

from __future__ import annotations

import json
from dataclasses import replace

from conftest import QUIET, SMALL_REQUEST
from videoagent import Agent, Request
from videoagent.agent.wall_estimate import TakeShape, estimate_wall, said
from videoagent.store.measured_times import FILE, KEPT, MeasuredTimes

SHAPE = TakeShape("procedural", "synthworld-6", 640, 360, 24.0, 5.0)


def _take(times: MeasuredTimes, video: float, wall: float) -> None:
    """A procedural take of `video` seconds at 640x360 that took `wall` seconds."""
    times.add(
        "take",
        backend="procedural",
        model="synthworld-6",
        width=640,
        height=360,
        fps=24.0,
        mode="text-to-video",
        video_seconds=video,
        wall=wall,
        failed=False,
    )


def _measured(folder, *, take_wall=2.0, video=5.0, runs=1) -> MeasuredTimes:
    times = MeasuredTimes(folder)
    _take(times, video, take_wall)
    for _ in range(runs):
        times.add(
            "run",
            new_shots=2,
            first_takes_wall=4.0,
            generate_wall=2.0,
            finish_wall=6.0,
            video_seconds=12.0,
            width=640,
            height=360,
        )
    return times


def test_nothing_measured_is_a_guess_that_names_what_it_guessed(tmp_path):
    estimate = estimate_wall([SHAPE], 12.0, (640, 360), MeasuredTimes(tmp_path))
    assert estimate["basis"] == "guess"
    assert "procedural takes at 640x360" in estimate["guessed"]
    assert "finishing at 640x360" in estimate["guessed"]
    assert said(estimate).endswith("(a guess: not measured here yet)")
    # no shared cache at all: nothing is kept, and every estimate stays a guess
    nowhere = MeasuredTimes(None)
    nowhere.add("take", backend="procedural")
    assert estimate_wall([SHAPE], 12.0, (640, 360), nowhere)["basis"] == "guess"


def test_measured_takes_and_runs_give_the_estimate(tmp_path):
    times = _measured(tmp_path)
    # takes: 2 s per 5 s take, two of them; side by side the phase took half their sum;
    # finishing 6 s per 12 s of video
    estimate = estimate_wall([SHAPE, SHAPE], 24.0, (640, 360), times)
    assert estimate == {
        "wall_seconds": 2 * 2.0 * 0.5 + 24 * 0.5,
        "basis": "measured",
        "guessed": [],
    }
    assert said(estimate) == "about 14 s (measured here)"
    # another size: the takes are scaled by the pixels, and that is a guess
    bigger = estimate_wall([replace(SHAPE, width=1280, height=720)], 12.0, (640, 360), times)
    assert bigger["basis"] == "guess" and bigger["guessed"] == ["procedural takes at 1280x720"]
    assert bigger["wall_seconds"] == 2.0 * 4 * 0.5 + 6.0
    # another model version is another backend as far as time goes
    other = estimate_wall([replace(SHAPE, model="synthworld-7")], 12.0, (640, 360), times)
    assert other["basis"] == "guess"


def test_runs_on_the_same_backends_say_how_long_the_phase_takes(tmp_path):
    times = _measured(tmp_path)  # a procedural run: the phase half its takes' sum
    # an embedded run whose takes failed and were made again: twice its first takes' sum
    run = {"first_takes_wall": 10.0, "generate_wall": 20.0, "finish_wall": 6.0}
    times.add("run", new_shots=2, backends=["embedded"], video_seconds=12.0, **run)
    embedded = replace(SHAPE, backend="embedded", model="m")
    take = {"width": 640, "height": 360, "fps": 24.0, "video_seconds": 5.0, "wall": 10.0}
    times.add("take", backend="embedded", model="m", failed=False, **take)
    estimate = estimate_wall([embedded], 0.0, (640, 360), times)
    assert estimate["wall_seconds"] == 10.0 * 2


def test_the_takes_nearest_in_length_decide_a_take_s_rate(tmp_path):
    times = _measured(tmp_path, take_wall=10.0, video=2.0)  # fixed costs: short takes dear
    for _ in range(3):
        _take(times, 20.0, 10.0)
    long = estimate_wall([replace(SHAPE, seconds=20.0)], 0.0, (640, 360), times)
    assert long["wall_seconds"] == 10.0 * 0.5


def test_unreadable_lines_are_skipped_and_the_file_is_cut_back(tmp_path):
    times = _measured(tmp_path)
    with (tmp_path / FILE).open("a") as handle:
        handle.write('{"kind": "take", "backend": "proc')  # a process killed mid-line
        handle.write("\n[1, 2]\nnot json\n")
    assert len(times.read("take")) == 1 and len(times.read("run")) == 1
    for _ in range(2 * KEPT):
        times.add("run", new_shots=1)
    kept = (tmp_path / FILE).read_text().splitlines()
    assert KEPT <= len(kept) <= 2 * KEPT and all(json.loads(line) for line in kept)


def test_a_second_run_on_this_machine_is_estimated_from_the_first(tmp_path):
    cache = tmp_path / "cache"
    settings = replace(QUIET, shared_cache=cache)
    heard = []

    def listen(record):
        if record.step == "estimate":
            heard.append(record)

    for number, words in enumerate((SMALL_REQUEST, "a cat sitting, then a cat walking")):
        request = Request.build(words, duration=4, size="192x108")
        Agent(settings, listener=listen).make(request, tmp_path / f"film-{number}")
    first, second = (record.data for record in heard)
    assert first["basis"] == "guess" and "(a guess: not measured here yet)" in heard[0].message
    assert second["basis"] == "measured" and "(measured here)" in heard[1].message
    lines = MeasuredTimes(cache)
    assert {line["backend"] for line in lines.read("take")} == {"procedural"}
    run = lines.read("run")[0]
    assert run["new_shots"] >= 1 and run["video_seconds"] == 4.0
    assert run["width"] == 192 and run["finish_wall"] > 0
