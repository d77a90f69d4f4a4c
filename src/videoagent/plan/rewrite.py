"""Prompt rewriting: a shot's sparse idea becomes the dense prompt of its backend's dialect.

Each generator declares its dialect in the catalog. `synthworld` is the captioner's own
style (what the procedural backend reads back); `plain` is the caption line; `cinematic` is
dense prose of the kind hosted video models are trained on; `runway` and `veo` follow those
providers' own prompting guides (motion first and positive phrasing only for Runway; full
sentences for subject, action, setting, camera and ambiance for Veo, whose unwanted things
go in its separate negative prompt).
"""

from __future__ import annotations

from videoagent.errors import UsageError
from videoagent.plan.prose import described, journey, setting
from videoagent.plan.storyboard import Shot
from videoagent.plan.visual_style import DEFAULT_LOOK
from videoagent.synthworld.captioner import caption

SHOT_WORDS = {"wide": "Wide establishing shot", "medium": "Medium shot", "close-up": "Close-up"}
CAMERA_WORDS = {
    "static": "locked-off camera",
    "pan": "slow lateral pan",
    "track": "smooth tracking shot alongside the subject",
    "zoom in": "slow push-in",
    "zoom out": "slow pull-back",
}
RUNWAY_CAMERA = {
    "static": "The camera holds still.",
    "pan": "The camera pans slowly sideways.",
    "track": "The camera tracks smoothly alongside the subject.",
    "zoom in": "The camera pushes in slowly.",
    "zoom out": "The camera pulls back slowly.",
}


def rewrite(
    shot: Shot,
    dialect: str,
    *,
    style: str = "",
    limit: int = 2000,
    cast: list[str] = (),
    names: list[str] = (),
) -> str:
    """The dense prompt for `shot` in `dialect`, at most `limit` characters. `cast` holds
    the bible's description of each entity in the shot (synthworld draws from the scene
    itself and leaves them out); `names`, for each entity of the scene, how the story calls
    it ("the old man"; "": by its look), for the prose dialects."""
    who = f" Cast: {'; '.join(cast)}." if cast else ""
    spec = shot.scene_spec
    if spec is None:
        raise UsageError(f"shot {shot.id} is a card; cards are drawn, not prompted")
    if dialect == "synthworld":
        return caption(spec)[:limit]
    if dialect == "plain":
        return (shot.caption + who)[:limit]
    # The prose dialects: the shot told as a person would tell it (plan/prose.py).
    where = setting(spec, shot.setting)
    seen = described(spec, shot.caption, list(names))
    arriving = journey(spec, shot.setting)
    arriving = f" {arriving}" if arriving else ""
    look = style or DEFAULT_LOOK
    if dialect == "cinematic":
        text = (
            f"{SHOT_WORDS[spec.shot_size]}, {CAMERA_WORDS[spec.camera]}. {shot.caption}{who} "
            f"Setting: {where}.{arriving} {seen} Style: {look}. "
            "Consistent characters, no text, no watermark."
        )
    elif dialect == "runway":
        text = (
            f"{RUNWAY_CAMERA[spec.camera]} {shot.caption}{who}{arriving} {seen} "
            f"{SHOT_WORDS[spec.shot_size]} in {where}. {look[0].upper()}{look[1:]}."
        )
    elif dialect == "veo":
        text = (
            f"{SHOT_WORDS[spec.shot_size]} with a {CAMERA_WORDS[spec.camera]}. "
            f"{shot.caption}{who} The setting is {where}.{arriving} {seen} The look is {look}."
        )
    else:
        raise UsageError(f"unknown prompt dialect {dialect!r}")
    return text[:limit]
