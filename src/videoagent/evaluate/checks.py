"""Checks on takes and on the finished video. Cheap, measured, and explained in words
(each a `Check`, evaluate/check.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from videoagent.evaluate.check import Check
from videoagent.evaluate.recognized import recognized_checks
from videoagent.generators.base import Job
from videoagent.generators.catalog import capabilities
from videoagent.media.detect import picture_stats
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.store.truth_file import read_truth
from videoagent.synthworld.spec import SceneSpec

MAX_BLACK_FRACTION = 0.1
MAX_FROZEN_SECONDS = 1.0
SUBJECT_VISIBLE = 0.8  # the subject must be in frame this often
OTHER_VISIBLE = 0.15  # everyone else at least this often
ACTION_SHARE = 0.25  # the intended action must be seen in this share of frames


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
    checks.append(
        Check(
            "frozen frames",
            stats.longest_frozen_run <= frozen_limit,
            f"longest still run {stats.longest_frozen_run} frames",
            value=stats.longest_frozen_run,
            expected=f"<= {frozen_limit}",
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
    evidence = capabilities(job.backend).evidence if scene is not None else ()
    truth = read_truth(path) if "ground truth" in evidence else None
    if truth is not None:
        checks += truth_checks(truth["summary"], scene)
    if "recognizer" in evidence:
        checks += recognized_checks(path, scene)
    return checks


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
            checks.append(Check(f"shows {name}", False, f"no {name} in the ground truth"))
            continue
        rows.remove(match)
        # The subject must be mostly in frame; others need only be seen (scenery is cropped).
        need = SUBJECT_VISIBLE if index == 0 else OTHER_VISIBLE
        seen = match["visible_fraction"] if index == 0 else match["seen_fraction"]
        checks.append(Check.share(f"shows {name}", seen, need, "visible"))
        if wanted.action != "stand":
            share = match["actions"].get(wanted.action, 0) / max(summary["frames"], 1)
            checks.append(
                Check.share(f"{name} {wanted.action}s", share, ACTION_SHARE, wanted.action)
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
    shot_samples: list[tuple[str, int, Path, int, tuple[int, int, int, int] | None]],
    final_frames: dict[int, np.ndarray] | None = None,
) -> list[Check]:
    """Checks of the final render. `shot_samples`: (shot id, frame in final, take, frame in
    take, the box of the take shown when reframed) for one frame inside every generated
    shot, to prove each is present, in order; `final_frames`: those frames of the render,
    when the caller has read them already."""
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
    if final_frames is None:
        final_frames = frames_at(path, [sample[1] for sample in shot_samples])
    for shot_id, final_index, take, take_index, box in shot_samples:
        take_frame = frames_at(take, [take_index]).get(take_index)
        got = final_frames.get(final_index)
        if take_frame is None or got is None:
            checks.append(Check(f"{shot_id} present", False, "frame missing"))
            continue
        if box is not None:  # reframed: compare with the part of the take that is shown
            x, y, w, h = box
            shown = Image.fromarray(take_frame[y : y + h, x : x + w])
            take_frame = np.asarray(shown.resize((got.shape[1], got.shape[0]), Image.BILINEAR))
        elif take_frame.shape != got.shape:  # letterboxed: compare the picture, not the bars
            (height, width), (take_h, take_w) = got.shape[:2], take_frame.shape[:2]
            scale = min(width / take_w, height / take_h)
            fit_w, fit_h = int(take_w * scale), int(take_h * scale)
            left, top = (width - fit_w) // 2, (height - fit_h) // 2
            got = got[top : top + fit_h, left : left + fit_w]
            shown = Image.fromarray(take_frame).resize((fit_w, fit_h), Image.BILINEAR)
            take_frame = np.asarray(shown)
        error = float(np.abs(got.astype(np.int16) - take_frame.astype(np.int16)).mean())
        checks.append(
            Check(
                f"{shot_id} present",
                error < 12.0,
                f"mean difference {error:.1f}/255 from its take",
                value=round(error, 2),
                expected="< 12",
            )
        )
    return checks
