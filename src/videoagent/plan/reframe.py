"""Moving a shot's camera closer or back: the revisions for a take whose subject could not
be made out, and for one that cut off what the request asked to see.

A model that draws small things badly (ours works at 112x64) often shows a dog in a close-up
that it smears into a blob in a wide shot, and a director whose subject reads poorly moves
in too. The closer shot keeps its scene, cast, camera and timing; only the framing changes,
so the prompt must be written again.
"""

from __future__ import annotations

from dataclasses import replace

from videoagent.plan.storyboard import Shot

CLOSER = {"wide": "medium", "medium": "close-up"}
WIDER = {closer: wider for wider, closer in CLOSER.items()}


def closer(shot: Shot) -> Shot | None:
    """A copy of `shot` framed one size closer, with no prompt yet; None when it is a card
    or already a close-up."""
    spec = shot.scene_spec
    if spec is None or spec.shot_size not in CLOSER:
        return None
    return _framed(shot, CLOSER[spec.shot_size])


def wider(shot: Shot) -> Shot | None:
    """A copy of `shot` framed one size wider (a tree a close-up cuts off, two dogs a
    medium shot cannot hold), with no prompt yet; None when it is a card or already wide."""
    spec = shot.scene_spec
    if spec is None or spec.shot_size not in WIDER:
        return None
    return _framed(shot, WIDER[spec.shot_size])


def _framed(shot: Shot, size: str) -> Shot:
    return replace(shot, shot_size=size, scene={**shot.scene, "shot_size": size}, prompt="")
