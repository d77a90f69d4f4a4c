"""One continuous take: requests that ask for no cut, and shots that carry on the one before.

A shot that `continues` is the same moment carried on with no cut: its take is made by
extending the previous shot's take (the backend is handed that take and makes what comes
next), so a one-take request becomes a chain of extensions, each no longer than a backend
makes in one job. A backend that cannot extend makes the shot fresh, and the run says so:
there is then a cut where the plan has none.
"""

from __future__ import annotations

import re

from videoagent.plan.journey import arrival_camera
from videoagent.plan.request import DURATION_PATTERN
from videoagent.plan.storyboard import Shot

# "one continuous shot", "a single take", "in one take", "an unbroken shot", "no cuts", "a oner"
_ONE_TAKE = re.compile(
    r"\b(?:(?:in\s+)?(?:one|a\s+single|a|single)\s+)?(?:continuous|unbroken|uncut)\s+"
    r"(?:shot|take|camera\s+move)\b"
    r"|\b(?:in\s+)?(?:one|a\s+single|single)\s+(?:long\s+)?take\b"
    r"|\b(?:with\s+)?no\s+cuts?\b|\bwithout\s+(?:a\s+|any\s+)?cuts?\b"
    r"|\b(?:an?|one)\s+oner\b",
    re.IGNORECASE,
)


def asks_one_take(text: str) -> bool:
    """Whether the request asks for one continuous take ("one continuous 60 second shot of…")."""
    return _ONE_TAKE.search(_without_duration(text)) is not None


def without_one_take(text: str) -> str:
    """The request with its duration and one-take words taken out, so that what is left
    reads as an ordinary request ("one continuous 60 second shot of a dog walking" → "of a
    dog walking")."""
    return " ".join(_ONE_TAKE.sub(" ", _without_duration(text)).split())


def _without_duration(text: str) -> str:
    return DURATION_PATTERN.sub(" ", text)


def arrive_where_carried(shots: list[Shot]) -> list[Shot]:
    """Each shot that carries on the one before starts where that one ended: where its own
    place is another, it is a journey's arrival from there (no cut at the join), its camera
    going along with its subject; where it is the same, it arrives from nowhere. Returns
    the shots changed, their prompts cleared (to be written again from their scenes)."""
    changed = []
    for before, shot in zip(shots, shots[1:], strict=False):
        if not (shot.continues and shot.scene and before.scene):
            continue
        came_from = before.scene.get("place")
        if came_from == shot.scene.get("place"):
            came_from = None
        camera = arrival_camera(shot.camera) if came_from else shot.camera
        if shot.scene.get("arrives_from") != came_from or camera != shot.camera:
            scene = {k: v for k, v in shot.scene.items() if k != "arrives_from"}
            shot.scene = scene | ({"arrives_from": came_from} if came_from else {})
            shot.camera = shot.scene["camera"] = camera
            shot.prompt = ""
            changed.append(shot)
    return changed


def as_one_take(shots: list[Shot]) -> list[Shot]:
    """The generated shots of a plan as one take: no cards (each would be a cut), every
    shot after the first continuing the one before it, in the first shot's framing (a
    take does not jump from wide to close-up), joined with no transition, and arriving
    wherever it is somewhere else than the shot before."""
    generated = [s for s in shots if s.kind == "generated"]
    for index, shot in enumerate(generated):
        shot.continues = index > 0
        shot.transition_in, shot.transition_frames = "cut", 0
        if index > 0:
            shot.shot_size, shot.camera = generated[0].shot_size, generated[0].camera
            if shot.scene:
                shot.scene = {**shot.scene, "shot_size": shot.shot_size, "camera": shot.camera}
    arrive_where_carried(generated)
    return generated
