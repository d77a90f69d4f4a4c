"""Prompt rewriting: a shot's sparse idea becomes the dense prompt of its backend's dialect.

Each generator declares its dialect in the catalog. `synthworld` is the captioner's own
style (what the procedural backend reads back); `plain` is the caption line; `cinematic` is
dense prose of the kind hosted video models are trained on.
"""

from __future__ import annotations

from videoagent.errors import UsageError
from videoagent.plan.storyboard import Shot
from videoagent.synthworld import caption

SHOT_WORDS = {"wide": "Wide establishing shot", "medium": "Medium shot", "close-up": "Close-up"}
CAMERA_WORDS = {
    "static": "locked-off camera",
    "pan": "slow lateral pan",
    "track": "smooth tracking shot alongside the subject",
    "zoom in": "slow push-in",
    "zoom out": "slow pull-back",
}


def rewrite(
    shot: Shot, dialect: str, *, style: str = "", limit: int = 2000, cast: list[str] = ()
) -> str:
    """The dense prompt for `shot` in `dialect`, at most `limit` characters. `cast` holds
    the bible's description of each entity in the shot (synthworld draws from the scene
    itself and leaves them out)."""
    who = f" Cast: {'; '.join(cast)}." if cast else ""
    spec = shot.scene_spec
    if spec is None:
        raise UsageError(f"shot {shot.id} is a card; cards are drawn, not prompted")
    if dialect == "synthworld":
        text = caption(spec)
    elif dialect == "plain":
        text = shot.caption + who
    elif dialect == "cinematic":
        described = caption(spec).split(". ", 2)[-1]  # drop the dialect's shot/place sentences
        text = (
            f"{SHOT_WORDS[spec.shot_size]}, {CAMERA_WORDS[spec.camera]}. {shot.caption}{who} "
            f"Setting: {spec.place} at {spec.time_of_day}, {spec.weather} weather. "
            f"{described} Style: {style or 'natural colour, soft film grain'}. "
            "Consistent characters, no text, no watermark."
        )
    else:
        raise UsageError(f"unknown prompt dialect {dialect!r}")
    return text[:limit]
