"""The manifest: every prompt, seed, backend, take, check, cost and timing of a run."""

from __future__ import annotations

import platform
from pathlib import Path

from videoagent import __version__


def build_manifest(
    *,
    request,
    brief,
    bible,
    storyboard,
    takes,
    chosen,
    estimate,
    video_checks,
    verified,
    timings,
    folder: Path,
    render_method: str,
) -> dict:
    from videoagent.agent.agent import _take_record

    shots = []
    actual = 0.0
    for shot in storyboard.shots:
        record = {
            "id": shot.id,
            "index": shot.index,
            "kind": shot.kind,
            "beat": shot.beat,
            "caption": shot.caption,
            "frames": shot.frames,
            "seconds": float(storyboard.rate.seconds(shot.frames)),
            "shot_size": shot.shot_size,
            "camera": shot.camera,
            "transition_in": {"kind": shot.transition_in, "frames": shot.transition_frames},
            "cast": shot.cast,
        }
        if shot.kind == "card":
            record["card"] = {
                "title": shot.card_title,
                "subtitle": shot.card_subtitle,
                "made_by": "deterministic text card (not generated)",
            }
        else:
            shot_takes = takes.get(shot.id, [])
            chosen_path = chosen.get(shot.id)
            unshown = sorted(
                {
                    w
                    for t in shot_takes
                    for w in t.report.get("placeholders", [])
                    + t.report.get("unsupported_words", [])
                }
            )
            record.update(
                {
                    "prompt": shot.prompt,
                    "dialect": shot.dialect,
                    "backend": shot.backend,
                    "scene": shot.scene,
                    "seed": next((t.seed for t in shot_takes if t.path == chosen_path), None),
                    "chosen_take": next(
                        (t.number for t in shot_takes if t.path == chosen_path), None
                    ),
                    "takes": [
                        {
                            **_take_record(t),
                            "file": str(t.path.relative_to(folder)) if t.path else None,
                        }
                        for t in shot_takes
                    ],
                    "could_not_show": unshown,
                    "cost_estimate": round(sum(t.cost_estimate for t in shot_takes[:1]), 4),
                    "cost": round(sum(t.cost for t in shot_takes), 4),
                }
            )
            actual += record["cost"]
        on_screen = [
            {"text": t.text, "start": t.start, "frames": t.frames, "position": t.position}
            for t in shot.on_screen_text
        ]
        if on_screen:
            record["on_screen_text"] = on_screen
        shots.append(record)
    return {
        "videoagent": __version__,
        "python": platform.python_version(),
        "request": request.text,
        "settings": {
            "mode": request.mode,
            "seconds": request.seconds,
            "duration_from": request.duration_source,
            "aspect": request.aspect,
            "width": request.width,
            "height": request.height,
            "fps": str(request.rate.fps),
            "seed": request.seed,
        },
        "brief": brief.to_dict(),
        "bible": bible.to_dict(),
        "planner": storyboard.planner,
        "planner_warnings": storyboard.warnings,
        "shots": shots,
        "cost": {"estimate": estimate, "actual": round(actual, 4), "currency": "USD"},
        "video": {
            "file": "renders/final.mp4",
            "render": render_method,
            "verified": verified,
            "checks": [c.to_dict() for c in video_checks],
        },
        "deliverables": [
            "renders/final.mp4",
            "renders/final.srt",
            "renders/contact_sheet.png",
            "renders/manifest.json",
            "timeline.otio",
            "storyboard.json",
            "bible/bible.json",
            "journal.sqlite",
        ],
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
