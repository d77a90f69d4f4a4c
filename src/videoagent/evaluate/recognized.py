"""Content checks for takes without ground truth: our recognizer judges what they show.

Used for the `embedded` generator's takes. The recognizer reads the take at its own size and
says which kinds of things it sees and where and when the take seems to be; each is checked
against the shot's scene, a kind over the frames where the take's staging shows it big
enough to read (`evaluate/staged_shares.py`). Needs the `embedded` extra; without torch the
checks are skipped with a warning that says so.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

from videoagent.evaluate.check import Check
from videoagent.media.frames import iter_frames
from videoagent.media.probe import probe
from videoagent.store.staged_file import read_staged
from videoagent.synthworld.spec import SceneSpec
from videoagent.synthworld.vocabulary import INDOORS

ENTITY_CHECK = "recognises "  # + the kind: one check per kind of thing the shot shows
RECOGNIZER = Path(__file__).resolve().parent.parent / "nn" / "weights" / "recognizer.pt"


@functools.cache
def recognizer():
    from videoagent.nn import checkpoint

    model, _ = checkpoint.load(RECOGNIZER)
    return model


def subject_unrecognised(checks: list[Check], scene: SceneSpec | None) -> bool:
    """Whether, of `checks`, one that failed says the recognizer could not make out the
    subject of `scene` (its first thing): framing closer may help it. A prop it could not
    make out is another matter (`prop_unrecognised`): closer framing follows the subject,
    and may cut off the rest of the cast (a second dog) for the ball."""
    if scene is None or not scene.drawable:
        return False
    subject = ENTITY_CHECK + scene.drawable[0].kind
    return any(
        not check.passed and check.severity == "error" and check.name == subject for check in checks
    )


def prop_unrecognised(checks: list[Check], scene: SceneSpec | None) -> bool:
    """Whether, of `checks`, one that failed says the recognizer could not make out a thing
    of `scene` other than its subject (a ball a few pixels wide): framing closer may help
    it where the closer framing keeps the rest of the cast (`evaluate/readable_cast.py`)."""
    if scene is None or not scene.drawable:
        return False
    subject = ENTITY_CHECK + scene.drawable[0].kind
    return any(
        not check.passed
        and check.severity == "error"
        and check.name.startswith(ENTITY_CHECK)
        and check.name != subject
        for check in checks
    )


def recognized_checks(path: Path, scene: SceneSpec) -> list[Check]:
    if importlib.util.find_spec("torch") is None:
        return [Check("recognizer", False, "torch is not installed; content unchecked", "warning")]
    if not RECOGNIZER.exists():
        return [Check("recognizer", False, "no recognizer weights; content unchecked", "warning")]
    frames = np.stack(list(iter_frames(path)))
    return frames_checks(frames, float(probe(path).fps), read_staged(path), scene)


def frames_checks(
    frames: np.ndarray, fps: float, staged: dict | None, scene: SceneSpec
) -> list[Check]:
    """The checks of a take's `frames` against `scene`: each kind it shows (over the frames
    `staged`, the take's staging sidecar, has it big enough to read), its place, time of
    day and weather. Needs torch and the recognizer's weights."""
    from videoagent.evaluate.staged_shares import staged_shares
    from videoagent.nn.judge import SEEN_SHARE, read_clip

    reading = read_clip(recognizer(), frames, fps)
    shares = None
    if staged is not None and "size" in staged and len(staged["frames"]) == len(frames):
        shares = staged_shares(reading, staged["frames"], *staged["size"]).kinds
    checks = []
    for kind in sorted({entity.kind for entity in scene.drawable}):
        if shares is None:
            share = reading.seen[kind]
            checks.append(Check.share(ENTITY_CHECK + kind, share, SEEN_SHARE, f"{kind} recognised"))
        elif kind in shares:
            share = shares[kind]
            checks.append(
                Check(
                    ENTITY_CHECK + kind,
                    share >= SEEN_SHARE,
                    f"{kind} recognised in {share:.0%} of the frames staged big enough to read",
                    value=round(share, 3),
                    expected=f">= {SEEN_SHARE}",
                )
            )
        else:
            subject = bool(scene.drawable) and scene.drawable[0].kind == kind
            checks.append(_unreadable(kind, subject))
    # Weather too: the recognizer reads it right in 99.9% of synthworld's own clips, and a
    # plate that looks snowy where clear was asked is a take to make again. Indoors no rain
    # or snow falls in the picture: the weather is a tint of the light, which is said.
    for key in ("place", "time_of_day", "weather"):
        seen, wanted = getattr(reading, key), getattr(scene, key)
        said = f"looks like {seen}"
        if key == "place" and scene.arrives_from:  # a journey's arrival: where it ends
            seen = place_at_end(frames, fps)
            said = f"looks like {seen} at its end"
        if key == "weather" and scene.place in INDOORS and seen != wanted:
            said += " (indoors, by the tint of its light: no rain or snow falls there)"
        checks.append(
            Check(key.replace("_", " "), seen == wanted, said, value=seen, expected=wanted)
        )
    return checks


def place_at_end(frames: np.ndarray, fps: float) -> str:
    """The place the last quarter of `frames` looks like: where a journey's last shot,
    which starts where it comes from, has arrived."""
    from videoagent.nn.judge import read_clip

    return read_clip(recognizer(), frames[-max(1, len(frames) // 4) :], fps).place


def _unreadable(kind: str, subject: bool) -> Check:
    """A `kind` the take never stages big enough for the recognizer to read. For the shot's
    subject, a failure: framed closer (`subject_unrecognised`), it will be. For anything
    else, a warning: there is no framing that would make it readable for certain."""
    return Check(
        ENTITY_CHECK + kind,
        False,
        f"{kind} never staged big enough to read (under 16 px at 112x64)"
        + ("" if subject else ": unchecked"),
        severity="error" if subject else "warning",
    )
