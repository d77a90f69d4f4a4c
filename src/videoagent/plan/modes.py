"""How each mode shapes a video: openings, closings, cards, transitions and on-screen text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from videoagent.plan.quoted_words import QUOTED


@dataclass(frozen=True)
class ModeStructure:
    """The skeleton a mode puts around the request's beats (durations in seconds)."""

    transition: str  # between generated shots: cut, crossfade or fade_black
    transition_seconds: float
    establishing: bool = False  # a wide opening shot of the place
    closing_shot: bool = False  # a quiet closing shot
    title_card: float = 0.0  # seconds of opening title card (0: none)
    end_card: float = 0.0  # seconds of closing card
    fade_seconds: float = 0.0  # fade from and to black
    hook_text: bool = False  # on-screen text over the first shot
    roles: tuple[str, ...] = ()  # names given to the beats, in order


MODES = {
    "create": ModeStructure("crossfade", 0.5),
    "short-film": ModeStructure(
        "crossfade", 0.75, establishing=True, closing_shot=True, fade_seconds=1.0
    ),
    "ugc-product": ModeStructure(
        "cut", 0.0, end_card=3.0, hook_text=True, roles=("hook", "problem", "product in use")
    ),
    "brand": ModeStructure("crossfade", 0.5, title_card=2.5, end_card=3.0, fade_seconds=0.5),
}


def brand_name(request: str, fallback: str) -> str:
    """A brand named in the request: 'for <Capitalised Words>', else quoted words that are
    no tagline nor text for the screen, else the product an ad is for ("an ad for a running
    shoe": Running shoe) or one's new thing shown ("my new headphones": Headphones)."""
    named = re.search(r"\bfor ([A-Z][\w'&.-]*(?:\s+(?:[A-Z][\w'&.-]*|&|and|of)){0,4})", request)
    if named:  # "Paws & Co", "Bread and Butter", "House of Tea"
        return re.sub(r"(?:\s+(?:&|and|of))+$", "", named.group(1))
    for quoted in QUOTED.finditer(request):
        before = request[: quoted.start()].lower().split()[-2:]
        if not set(before) & _TEXT_WORDS:  # 'tagline "Run further"' names no brand
            return (quoted[1] or quoted[2]).strip()
    product = _PRODUCT.search(request) or _NEW_THING.search(request)
    return product[1].strip().capitalize() if product else fallback


# What quoted words after these are: text to read, not a name.
_TEXT_WORDS = {"tagline", "slogan", "words", "word", "text", "caption", "title", "saying"}
_PRODUCT = re.compile(
    r"\b(?:ad|advert|advertisement|commercial|video)\s+for\s+(?:an?|the|my|our)\s+"
    r"([\w' -]{2,30}?)(?=\s*[:,.;]|$)",
    re.IGNORECASE,
)


# A product shown off as one's own new thing ("me unboxing my new headphones").
_NEW_THING = re.compile(
    r"\b(?:my|our)\s+(?:brand[- ]new|new)\s+([\w' -]{2,30}?)"
    r"(?=\s*[:,.;]|\s+(?:with|in|on|at|for|from|and|then)\b|$)",
    re.IGNORECASE,
)


def tagline(request: str, fallback: str) -> str:
    """A tagline written in the request ('tagline: …'), else the fallback."""
    found = re.search(r"tagline[:\s]+[\"“']?([^\"”'.]{3,60})", request, re.IGNORECASE)
    return found.group(1).strip() if found else fallback
