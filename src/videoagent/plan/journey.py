"""A journey in a beat: "walking through the park to a café" starts in one place and ends
in another. The planner shoots the way there in the first place and ends the beat's last
shot where the journey arrives (the new place comes into the picture as the camera travels
on, with no cut); what the story does next happens there."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.spec import SceneSpec

_ARTICLE = r"(?:an?\s+|the\s+|some\s+|his\s+|her\s+|its\s+|their\s+)?"
# A time of day said by where one was ("after school", "before work"): no place.
_WHEN_NOT_WHERE = re.compile(r"\b(?:after|before)\s+(?:school|work|class|church)\b", re.I)
# "to a café", "towards the beach", "into the living room", "reaching the park"; not
# "next to the café" or "close to the sea" (where something is, not where it goes).
_DESTINATION = re.compile(
    rf"(?<!next )(?<!close )(?<!near )(?<!back )\b(?:to|towards?|into|reaching|reaches)\s+"
    rf"{_ARTICLE}(?P<place>{vocab.PLACE_PATTERN})\b",
    re.IGNORECASE,
)
# "through the park", "across the street", "along the beach", "from the park", "out of
# the living room": the place the journey starts in or passes through.
_ROUTE = re.compile(
    rf"\b(?:through|across|along|around|from|out\s+of|leaving|past)\s+{_ARTICLE}"
    rf"(?P<place>{vocab.PLACE_PATTERN})\b",
    re.IGNORECASE,
)


# Places one goes "into" from their own shore: "runs into the sea", "jumps into the lake"
# happen there, no journey from somewhere else (unless one is said: "from the park").
_WATERS = ("beach", "lake")


def _goes_somewhere(destination: re.Match, beat: str) -> bool:
    """Whether a destination is somewhere else to go (not the water at hand, nor home where
    someone waits: "waits for his owner to come home")."""
    if destination["place"].lower().split()[0] in vocab.COMING:
        return False
    into = destination[0].lower().startswith("into")
    water = vocab.PLACE_SYNONYMS[destination["place"].lower()] in _WATERS
    return not (into and water) or _ROUTE.search(beat[: destination.start()]) is not None


@dataclass(frozen=True)
class Journey:
    start: str | None  # the place the beat sets out from or goes through (None: unsaid)
    end: str  # where it arrives


def journey_in(beat: str) -> Journey | None:
    """The journey `beat` tells of, or None where it goes nowhere new."""
    found = (d for d in _DESTINATION.finditer(beat) if _goes_somewhere(d, beat))
    destination = next(found, None)
    if destination is None:
        return None
    end = vocab.PLACE_SYNONYMS[destination["place"].lower()]
    route = _ROUTE.search(beat[: destination.start()])
    start = vocab.PLACE_SYNONYMS[route["place"].lower()] if route else None
    return None if start == end else Journey(start, end)


def without_destinations(text: str) -> str:
    """`text` with every "to a café" taken out, and every "after school" (when, not where):
    what is left names where things start ("into the sea" stays: one runs into it from its
    beach)."""
    text = without_whens(text)
    return _DESTINATION.sub(lambda d: " " if _goes_somewhere(d, text) else d[0], text)


def without_whens(text: str) -> str:
    """`text` with every "after school", "before work" taken out: when, not where."""
    return _WHEN_NOT_WHERE.sub(" ", text)


def arriving(scene: SceneSpec, beat: str) -> SceneSpec | None:
    """`scene` (staged for `beat`'s way there) as the shot that ends the journey `beat`
    tells of, arriving where it goes, its camera going along; None where `beat` goes
    nowhere new."""
    journey = journey_in(beat)
    if journey is None:
        return None
    coming_from = scene.place if scene.place != journey.end else None
    if coming_from is None:
        return replace(scene, place=journey.end)
    camera = arrival_camera(scene.camera)
    return replace(scene, place=journey.end, arrives_from=coming_from, camera=camera)


# Cameras that go where the subject goes (a zoom stays on it as it walks).
_FOLLOWING = ("track", "zoom in", "zoom out")


def arrival_camera(camera: str) -> str:
    """The camera of a shot that arrives somewhere: one that goes where its subject goes.
    A still camera or a pan would leave the new place beyond the picture's edge; such a
    shot tracks its subject instead."""
    return camera if camera in _FOLLOWING else "track"
