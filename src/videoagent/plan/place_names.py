"""Where each shot is, in the request's own words: "garden", "snowy forest", "dog park".

Synthworld draws six places, so a garden is drawn as its park and a forest (which it has no
drawing for) as the park the brief assumes; a model that reads prose is told the garden and
the forest. A shot whose words name no place is where the shot before it at the same drawn
place was, so that every shot in the park of a film set in a garden is told the garden.
"""

from __future__ import annotations

import re

from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab

# Places synthworld has no drawing for: drawn at the place the brief assumes, said as written.
OTHER_PLACES = frozenset(
    """
    forest forests woods woodland jungle lake lakeside pond river riverbank riverside
    mountain mountains hills hillside valley cliff cliffs waterfall desert island lagoon
    harbour harbor pier dock marina bridge countryside village farm farmyard barn vineyard
    orchard backyard yard playground schoolyard campsite kitchen bedroom bathroom office
    classroom library studio gym stadium museum gallery station airport mall market
    supermarket bakery restaurant diner hotel lobby rooftop balcony porch
    """.split()
)
_PHRASES = sorted({*vocab.PLACE_SYNONYMS, *OTHER_PLACES}, key=len, reverse=True)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PHRASES) + r")\b", re.IGNORECASE)
# Before a place's describing word ("a snowy forest", "the dog park"), never after it.
_ARTICLES = {"a", "an", "the", "this", "that", "my", "our", "his", "her", "their", "its"}


def place_as_written(text: str, place: str | None = None) -> tuple[str | None, str]:
    """(synthworld's place or None where it has no drawing, the words) of the first place
    `text` names: "a walk in a snowy forest" is (None, "snowy forest"). With `place`, only
    words for that place, or for one it has no drawing for, count. ("", "") for none."""
    for found in _PATTERN.finditer(text):
        drawn = vocab.PLACE_SYNONYMS.get(found[1].lower())
        if place is not None and drawn not in (place, None):
            continue
        before = text[: found.start()].split()
        if len(before) >= 2 and before[-2].lower() in _ARTICLES and before[-1].isalpha():
            return drawn, f"{before[-1]} {found[1]}"
        return drawn, found[1]
    return "", ""


def name_places(board: Storyboard) -> None:
    """Set each generated shot's `setting`: the words its caption uses for where it is,
    else those the shot before at the same drawn place had, else the request's own."""
    shots = [s for s in board.shots if s.kind == "generated" and s.scene]
    said: dict[str, str] = {}
    drawn, words = place_as_written(board.request)
    if words and shots:
        said[drawn or shots[0].scene["place"]] = words
    for shot in shots:
        place = shot.scene["place"]
        _, words = place_as_written(shot.caption, place)
        if words:
            said[place] = words
        shot.setting = said.get(place, "")
