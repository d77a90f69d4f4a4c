"""How the `embedded` generator's plate moves: as the shot is staged, or still where the
staged move is too slow for the video model to draw.

The video model learnt each camera move from synthworld clips that run a whole move in three
seconds, so it draws a pan or a zoom at that pace whatever the shot's length, while the
staged camera, which places the entities laid over the plate, runs the same move over the
whole shot (a tracking camera follows its subject, whose walk has the same pace in any
shot). A plate moving at the model's pace slides under the entities by the difference of
the two paces; a still plate slides by the staged move itself. So the plate takes the
staged move when that runs at least half the model's pace, and stands still otherwise: a
2-minute pan, a 10 s zoom, a tracking shot of a subject that stays where it is. A still
plate also keeps its place in every detail, where a drawn pan invents its new ground ever
plainer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import pairwise

from videoagent.synthworld.staging import Stage

# Seconds a training clip ran its whole camera move in (synthworld-v1: 24 frames at 8 fps).
MODEL_MOVE_SECONDS = 3.0
# The least share of the model's pace a staged move keeps the plate moving at.
LEAST_SHARE = 0.5
SAMPLES = 48  # views sampled over a shot to measure its camera's travel


@dataclass(frozen=True)
class PlateCamera:
    """The camera move the plate is drawn with, and the staged move's pace over the
    model's (None where the shot asks for a still camera)."""

    move: str
    share: float | None = None

    def note(self, asked: str) -> str | None:
        """What the report says where the plate does not move as `asked`; None where it
        does."""
        if self.move == asked:
            return None
        move = "tracking shot" if asked == "track" else asked
        if not self.share:
            return f"drawn still: the staged {move} does not move (its subject stays put)"
        return (
            f"drawn still: the staged {move} runs at {self.share:.2f} of the pace the model "
            f"draws one at (a whole move in {MODEL_MOVE_SECONDS:g} s), too slow to draw; "
            "the entities move with the staged camera"
        )


def travel_per_second(stage: Stage) -> float:
    """How far the staged view travels a second: sideways in frame widths, plus how much
    it zooms (the change of the logarithm of its width)."""
    duration = stage.choreography.duration
    views = [stage.camera.view(duration * k / SAMPLES) for k in range(SAMPLES + 1)]
    travel = sum(
        abs(after.centre_x - before.centre_x) / before.width
        + abs(math.log(after.width / before.width))
        for before, after in pairwise(views)
    )
    return travel / duration


def plate_camera(stage: Stage) -> PlateCamera:
    """The plate's camera for `stage`."""
    spec = stage.spec
    if spec.camera == "static":
        return PlateCamera("static")
    at_model_pace = Stage(
        replace(spec, arrives_from=None),
        size=stage.size,
        fps=stage.fps,
        frames=max(2, round(MODEL_MOVE_SECONDS * stage.fps)),
        seed=0,
    )
    model_pace = travel_per_second(at_model_pace)
    share = travel_per_second(stage) / model_pace if model_pace > 0 else 0.0
    return PlateCamera(spec.camera if share >= LEAST_SHARE else "static", round(share, 3))
