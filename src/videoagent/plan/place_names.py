"""Where each shot is, in the request's own words: "garden", "snowy forest", "dog park".

Synthworld draws six places, so a garden and a forest are both drawn as its park; a model
that reads prose is told the garden or the forest. A shot whose words name no place is
where the shot before it at the same drawn place was, so that every shot in the park of a
film set in a garden is told the garden.
"""

from __future__ import annotations

import re

from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab

_PATTERN = re.compile(rf"\b({vocab.PLACE_PATTERN})\b", re.IGNORECASE)
# Words that put a shot in a place without being one ("on the sofa", "indoors"): the place
# synthworld draws is said instead.
_NOT_A_SETTING = {"sofa", "couch", "indoors", "inside", "skyline"}
# Before a place's describing word ("a snowy forest", "the dog park"), never after it.
_ARTICLES = {"a", "an", "the", "this", "that", "my", "our", "his", "her", "their", "its"}


def place_as_written(text: str, place: str | None = None) -> tuple[str, str]:
    """(synthworld's place, the words) of the first place `text` names: "a walk in a snowy
    forest" is ("park", "snowy forest"), "at Sunny Café" ("cafe", "Sunny Café"); with
    `place`, of the first it draws as that place; ("", "") where it names none."""
    for found in _PATTERN.finditer(text):
        drawn = vocab.PLACE_SYNONYMS[found[1].lower()]
        if (place is not None and drawn != place) or found[1].lower() in _NOT_A_SETTING:
            continue
        if found[1].lower() == "at home":
            return drawn, "home"
        before = text[: found.start()].split()
        if before and before[-1][:1].isupper() and found[1][:1].isupper():
            return drawn, f"{before[-1]} {found[1]}"  # a name: "Sunny Café", "Central Park"
        if len(before) >= 2 and before[-2].lower() in _ARTICLES and before[-1].isalpha():
            return drawn, f"{before[-1]} {found[1]}".lower()
        return drawn, found[1].lower()
    return "", ""


def name_places(board: Storyboard) -> None:
    """Set each generated shot's `setting`: the words its caption uses for where it is,
    else those the shot before at the same drawn place had, else the request's own."""
    shots = [s for s in board.shots if s.kind == "generated" and s.scene]
    said: dict[str, str] = {}
    drawn, words = place_as_written(board.request)
    if words:
        said[drawn] = words
    for shot in shots:
        place = shot.scene["place"]
        _, words = place_as_written(shot.caption, place)
        if words:
            said[place] = words
        shot.setting = said.get(place, "")
