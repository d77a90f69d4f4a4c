"""Whether moving the camera closer keeps the whole cast readable: the retry for a prop our
recognizer could not make out.

A ball in a wide shot at 224x128 is a few pixels at the recognizer's 112x64: staged
readable, and still missed. A closer framing draws it larger, but closer framing follows
the subject and can cut off the rest of the cast (a second dog behind the first). The
staging says what each framing shows, without drawing a frame: the closer one is taken only
when every thing the shot shows readably now stays readable in enough of it.
"""

from __future__ import annotations

from videoagent.synthworld.spec import SceneSpec
from videoagent.synthworld.staging import Stage

FRAMES_LOOKED_AT = 48  # the staging sampled evenly over the shot: poses move slowly
KEPT_SHARE = 0.5  # of the frames: a thing shown most of the shot keeps at least half of it


def readable_shares(spec: SceneSpec, seconds: float, seed: int) -> list[float]:
    """Per entity of `spec`: the share of a `seconds` shot's frames in which the staging
    shows it big enough for the recognizer to read (its own rule, at its own size)."""
    from videoagent.nn.judge import SIZE
    from videoagent.nn.recognizer_labels import seen

    fps = FRAMES_LOOKED_AT / max(seconds, 1e-3)
    stage = Stage(spec, size=SIZE, fps=fps, frames=FRAMES_LOOKED_AT, seed=seed)
    counts = [0] * len(spec.entities)
    for index in range(FRAMES_LOOKED_AT):
        for entity in stage.truth(index).to_dict()["entities"]:
            counts[entity["index"]] += seen(entity)
    return [count / FRAMES_LOOKED_AT for count in counts]


def closer_keeps_the_cast(now: SceneSpec, closer: SceneSpec, seconds: float, seed: int) -> bool:
    """Whether `closer` (the same scene framed closer) still shows readably, in at least
    half the shot or as much as `now` does, everything `now` shows readably at all."""
    before = readable_shares(now, seconds, seed)
    after = readable_shares(closer, seconds, seed)
    return all(
        kept >= min(share, KEPT_SHARE) for share, kept in zip(before, after, strict=True) if share
    )
