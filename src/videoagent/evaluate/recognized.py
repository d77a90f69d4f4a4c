"""Content checks for takes without ground truth: our recognizer judges what they show.

Used for the `embedded` generator's takes. The recognizer reads the take at its own size and
says which kinds of things it sees and where and when the take seems to be; each is checked
against the shot's scene. Needs the `embedded` extra; without torch the checks are skipped
with a warning that says so.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from videoagent.evaluate.check import Check
from videoagent.media.frames import iter_frames
from videoagent.media.probe import probe
from videoagent.synthworld.spec import SceneSpec

ENTITY_CHECK = "recognises "  # + the kind: one check per kind of thing the shot shows
RECOGNIZER = Path(__file__).resolve().parent.parent / "nn" / "weights" / "recognizer.pt"


@functools.cache
def recognizer():
    from videoagent.nn import checkpoint

    model, _ = checkpoint.load(RECOGNIZER)
    return model


def subject_unrecognised(checks: list[Check]) -> bool:
    """Whether, of `checks`, one that failed says the recognizer could not make out a thing
    the shot asked for (framing closer may help it)."""
    return any(
        not check.passed and check.severity == "error" and check.name.startswith(ENTITY_CHECK)
        for check in checks
    )


def recognized_checks(path: Path, scene: SceneSpec) -> list[Check]:
    try:
        from videoagent.nn.judge import SEEN_SHARE, read_clip
    except ImportError:
        return [Check("recognizer", False, "torch is not installed; content unchecked", "warning")]
    if not RECOGNIZER.exists():
        return [Check("recognizer", False, "no recognizer weights; content unchecked", "warning")]
    frames = np.stack(list(iter_frames(path)))
    reading = read_clip(recognizer(), frames, float(probe(path).fps))
    checks = []
    for kind in sorted({entity.kind for entity in scene.drawable}):
        share = reading.seen[kind]
        checks.append(Check.share(ENTITY_CHECK + kind, share, SEEN_SHARE, f"{kind} recognised"))
    for key in ("place", "time_of_day"):
        seen, wanted = getattr(reading, key), getattr(scene, key)
        checks.append(
            Check(
                key.replace("_", " "),
                seen == wanted,
                f"looks like {seen}",
                value=seen,
                expected=wanted,
            )
        )
    return checks
