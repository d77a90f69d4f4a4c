"""Checks on takes and on the finished video. Cheap, measured, and explained in words
(each a `Check`, evaluate/check.py)."""

from __future__ import annotations

from pathlib import Path

from videoagent.evaluate.check import Check
from videoagent.evaluate.recognized import recognized_checks
from videoagent.generators.base import Job
from videoagent.generators.catalog import capabilities
from videoagent.media.detect import picture_stats
from videoagent.media.probe import probe
from videoagent.plan.beats import third_person
from videoagent.store.truth_file import read_truth
from videoagent.synthworld.spec import SceneSpec

# Raised whenever a check may judge the same take otherwise: a take reused from a cache
# whose verdicts were reached under another version is checked again (its old verdict may
# be a failure since mended, or a pass since found wrong). 1: the verdicts of 2026-12.
VERSION = 1
MAX_BLACK_FRACTION = 0.1
MAX_FROZEN_SECONDS = 1.0
SUBJECT_VISIBLE = 0.8  # the subject must be in frame this often
OTHER_VISIBLE = 0.15  # everyone else at least this often
ACTION_SHARE = 0.25  # the intended action must be seen in this share of frames
STILL_ACTIONS = ("stand", "sit", "hold", "sleep", "bloom")  # holding a cup, one stands still
SHOWS = "shows "  # + colour and kind: one truth check per thing the shot stages


def take_checks(job: Job, scene: SceneSpec | None) -> list[Check]:
    """Every check of one take: stream facts, picture health, then content vs. intent."""
    request = job.request
    path = job.output
    assert path is not None
    info = probe(path, count_frames=True)
    checks = [
        Check(
            "duration",
            info.frames == request.frames,
            f"{info.frames} frames, asked for {request.frames}",
            value=info.frames,
            expected=request.frames,
        ),
        Check(
            "size",
            (info.width, info.height) == (request.width, request.height),
            f"{info.width}x{info.height}",
            value=[info.width, info.height],
            expected=[request.width, request.height],
        ),
        Check(
            "fps",
            info.fps == request.rate.fps,
            f"{info.fps} fps",
            value=str(info.fps),
            expected=str(request.rate.fps),
        ),
    ]
    stats = picture_stats(path)
    black = stats.black_frames / max(stats.frames, 1)
    checks.append(
        Check(
            "black frames",
            black <= MAX_BLACK_FRACTION,
            f"{stats.black_frames} of {stats.frames} frames are black",
            value=round(black, 3),
            expected=f"<= {MAX_BLACK_FRACTION}",
        )
    )
    frozen_limit = round(MAX_FROZEN_SECONDS * float(request.rate.fps))
    # A still run is a stuck model, unless the truth says the world held still as asked.
    evidence = capabilities(job.backend).evidence if scene is not None else ()
    truth = read_truth(path) if "ground truth" in evidence else None
    still = truth is not None and still_by_design(scene)
    checks.append(
        Check(
            "frozen frames",
            stats.longest_frozen_run <= frozen_limit,
            f"longest still run {stats.longest_frozen_run} frames"
            + (" (the shot asks for stillness)" if still else ""),
            value=stats.longest_frozen_run,
            expected=f"<= {frozen_limit}",
            severity="warning" if still else "error",
        )
    )
    unshown = job.report.get("placeholders", []) + job.report.get("unsupported_words", [])
    checks.append(
        Check(
            "unsupported concepts",
            not unshown,
            "all concepts drawn"
            if not unshown
            else f"could not show: {', '.join(unshown)} (placeholders: "
            f"{', '.join(job.report.get('placeholders', [])) or 'none'})",
            severity="warning",
            value=unshown,
        )
    )
    if truth is not None:
        checks += truth_checks(truth["summary"], scene)
    if "recognizer" in evidence:
        checks += recognized_checks(path, scene)
    return checks


def still_by_design(scene: SceneSpec) -> bool:
    """Whether the shot asks for a picture that holds still (a fixed camera in clear
    weather, everyone standing, sitting or holding something): then a still run in a take
    whose truth we have is what was asked, not a stuck model."""
    return (
        scene.camera == "static"
        and scene.weather == "clear"
        and all(e.action in STILL_ACTIONS for e in scene.entities)
    )


def staged_out_of_view(checks: list[Check]) -> bool:
    """Whether, of `checks`, one that failed says the truth has a staged thing too little in
    the picture (framing wider may help it)."""
    return any(
        not check.passed and check.severity == "error" and check.name.startswith(SHOWS)
        for check in checks
    )


def truth_checks(summary: dict, scene: SceneSpec) -> list[Check]:
    """Does the take's ground truth show what the shot asked for?"""
    checks = []
    rows = list(summary["entities"])
    for index, wanted in enumerate(scene.drawable):
        match = next(
            (r for r in rows if r["kind"] == wanted.kind and r["colour"] == wanted.colour), None
        )
        name = f"{wanted.colour} {wanted.kind}"
        if match is None:
            checks.append(Check(SHOWS + name, False, f"no {name} in the ground truth"))
            continue
        rows.remove(match)
        # The subject must be mostly in frame; others need only be seen (scenery is cropped).
        need = SUBJECT_VISIBLE if index == 0 else OTHER_VISIBLE
        seen = match["visible_fraction"] if index == 0 else match["seen_fraction"]
        checks.append(Check.share(SHOWS + name, seen, need, "visible"))
        if wanted.action != "stand":
            share = match["actions"].get(wanted.action, 0) / max(summary["frames"], 1)
            checks.append(
                Check.share(
                    f"{name} {third_person(wanted.action)}", share, ACTION_SHARE, wanted.action
                )
            )
    for key in ("place", "time_of_day", "weather"):
        wanted_value = getattr(scene, key)
        checks.append(
            Check(
                key.replace("_", " "),
                summary.get(key) == wanted_value,
                f"{summary.get(key)}",
                value=summary.get(key),
                expected=wanted_value,
            )
        )
    return checks


def video_checks(
    path: Path,
    *,
    frames: int,
    rate,
    width: int,
    height: int,
) -> list[Check]:
    """Checks of the final render's streams: length, codecs, size, rate, sound's length.
    (That each shot shows its take: evaluate/render_looks.py.)"""
    info = probe(path, count_frames=True)
    seconds = float(rate.seconds(frames))
    one_frame = 1 / float(rate.fps)
    checks = [
        Check(
            "duration",
            abs(info.frames - frames) <= 1
            and abs(info.video_duration - seconds) <= one_frame + 1e-6,
            f"{info.frames} frames, {info.video_duration:.3f} s; planned {frames} frames, "
            f"{seconds:.3f} s",
            value=info.video_duration,
            expected=seconds,
        ),
        Check(
            "video stream",
            info.video_codec == "h264",
            info.video_codec,
            value=info.video_codec,
            expected="h264",
        ),
        Check(
            "audio stream",
            info.audio_codec == "aac",
            str(info.audio_codec),
            value=info.audio_codec,
            expected="aac",
        ),
        Check(
            "size",
            (info.width, info.height) == (width, height),
            f"{info.width}x{info.height}",
            value=[info.width, info.height],
            expected=[width, height],
        ),
        Check(
            "fps", info.fps == rate.fps, f"{info.fps}", value=str(info.fps), expected=str(rate.fps)
        ),
    ]
    if info.audio_duration is not None:
        gap = abs(info.audio_duration - info.video_duration)
        checks.append(
            Check(
                "audio length",
                gap <= 0.05,
                f"audio differs by {gap * 1000:.0f} ms",
                value=round(gap, 4),
                expected="<= 0.05 s",
            )
        )
    return checks
