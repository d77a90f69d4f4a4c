"""The manifest: every prompt, seed, backend, take, check, cost and timing of a run."""

from __future__ import annotations

import platform

from videoagent.agent.state import request_to_dict
from videoagent.version import __version__


def build_manifest(
    *,
    state,
    takes,
    chosen,
    estimate,
    video_checks,
    verified,
    timings,
    render,
    consistency,
    files: dict[str, str],
    sound: dict | None = None,
    ledger=None,
) -> dict:
    """The record of one render. `files` maps each delivered name (final.mp4, …) to the
    file this render wrote: the delivered one when verified, else its unverified twin."""
    request, brief, bible, storyboard = state.request, state.brief, state.bible, state.storyboard
    folder = state.folder.root
    shots = []
    actual = 0.0
    for index, shot in enumerate(storyboard.shots):
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
            pick = chosen.get(shot.id)
            # What the backend said it could not draw, and what the plan could not stage.
            unshown = sorted(
                {
                    w
                    for t in shot_takes
                    for w in t.report.get("placeholders", [])
                    + t.report.get("unsupported_words", [])
                }
                | set(shot.left_out)
            )
            record.update(
                {
                    "prompt": shot.prompt,
                    "dialect": shot.dialect,
                    "backend": shot.backend,
                    "scene": shot.scene,
                    "seed": pick.seed if pick else None,
                    "chosen_take": pick.number if pick else None,
                    "source": {"frames": shot.source_frames, "in": shot.source_in},
                    "takes": [
                        {
                            **t.record(),
                            "file": str(t.path.relative_to(folder)) if t.path else None,
                        }
                        for t in shot_takes
                    ],
                    "could_not_show": unshown,
                    "continues": _continuity(storyboard.shots, index, pick),
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
    every = [t for shot_takes in takes.values() for t in shot_takes]
    return {
        "videoagent": __version__,
        "python": platform.python_version(),
        "request": request.text,
        "settings": {
            **{k: v for k, v in request_to_dict(request).items() if k != "text"},
            "backend": state.backend,
            "pool": state.pool,
        },
        "references": state.references,
        "brief": brief.to_dict() if brief else None,
        "bible": bible.to_dict(),
        "planner": storyboard.planner,
        "planner_warnings": storyboard.warnings,
        "shots": shots,
        "overlays": [
            {"text": t.text, "start": t.start, "frames": t.frames, "position": t.position}
            for t in storyboard.overlays
        ],
        "takes": {
            "generated": sum(t.origin == "generated" for t in every),
            "reused": sum(t.origin != "generated" for t in every),
            "reused_from_project": sum(t.origin == "project cache" for t in every),
            "reused_from_shared_cache": sum(t.origin == "shared cache" for t in every),
        },
        # `actual`: this run's takes. `provider_jobs`: every paid job the project ever sent,
        # from the ledger: what providers charged, and what jobs that gave us nothing (in
        # doubt, abandoned, still running) may yet charge.
        "cost": {
            "estimate": estimate,
            "actual": round(actual, 4),
            "currency": "USD",
            "provider_jobs": ledger.costs() if ledger is not None else None,
        },
        "provider_jobs": [line.to_dict() for line in ledger.lines()] if ledger else [],
        "consistency": consistency,
        "sound": sound or {},
        "video": {
            "file": files["final.mp4"],
            "render": render.method,
            "pieces": render.summary(),
            "verified": verified,
            "checks": [c.to_dict() for c in video_checks],
        },
        "deliverables": [
            *files.values(),
            "timeline.otio",
            "storyboard.json",
            "bible/bible.json",
            "journal.sqlite",
        ],
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }


def _continuity(shots, index: int, pick) -> dict | None:
    """How a shot that continues the one before was made: as an extension of that shot's
    take (no cut), or fresh because its backend cannot extend (the video cuts there)."""
    shot = shots[index]
    if not shot.continues:
        return None
    extended = pick is not None and pick.mode == "extend"
    return {
        "shot": shots[index - 1].id,
        "made_as": "extension of its take" if extended else "fresh take (a cut)",
        "extends": pick.references[0] if extended and pick.references else None,
    }
