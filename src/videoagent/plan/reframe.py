"""Moving a shot's camera closer: the revision for a take whose subject could not be made out.

A model that draws small things badly (ours works at 112x64) often shows a dog in a close-up
that it smears into a blob in a wide shot, and a director whose subject reads poorly moves
in too. The closer shot keeps its scene, cast, camera and timing; only the framing changes,
so the prompt must be written again.
"""

from __future__ import annotations

from dataclasses import replace

from videoagent.plan.storyboard import Shot

CLOSER = {"wide": "medium", "medium": "close-up"}


def closer(shot: Shot) -> Shot | None:
    """A copy of `shot` framed one size closer, with no prompt yet; None when it is a card
    or already a close-up."""
    spec = shot.scene_spec
    if spec is None or spec.shot_size not in CLOSER:
        return None
    size = CLOSER[spec.shot_size]
    return replace(shot, shot_size=size, scene={**shot.scene, "shot_size": size}, prompt="")
