"""Shots that keep a take that failed its checks: counted, and said first.

A shot whose every take failed still delivers its nearest miss, the usable take that fails
the fewest checks (a video with a weak shot beats no video), but a headline that counts only
the video's own checks would call it a success. These lines say it before anything else;
`--strict` makes it exit 1.
"""

from __future__ import annotations

from videoagent.evaluate.check import failed


def kept_failing(shot_ids: list[str], chosen: dict) -> list[dict]:
    """For each shot (in `shot_ids` order) whose chosen take failed: the shot, the take and
    the names of the checks it failed (or its error)."""
    kept = []
    for sid in shot_ids:
        take = chosen.get(sid)
        if take is None or take.accepted:
            continue
        reasons = [c.name for c in failed(take.checks)] or [take.error or "failed"]
        kept.append({"shot": sid, "take": take.number, "failed": reasons})
    return kept


def failing_headline(kept: list[dict], generated: int) -> str:
    """ "1 of 2 shots kept a take that failed its checks: shot-02 (recognises dog)"."""
    named = "; ".join(f"{k['shot']} ({', '.join(k['failed'])})" for k in kept)
    noun = "shot" if generated == 1 else "shots"
    return f"{len(kept)} of {generated} {noun} kept a take that failed its checks: {named}"


def generated_shots(manifest: dict) -> int:
    """How many shots of a run's manifest a backend made."""
    return sum(shot["kind"] == "generated" for shot in manifest["shots"])
