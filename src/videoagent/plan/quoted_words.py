"""Words a request quotes to be read on screen, and the direction that asks for them.

'… wags its tail, with the words "Made with love" on screen' asks for the words over the
video (`plan/asks_in_plan.py` puts them there); the direction is no beat to film, nor part
of a caption: it was "The dog with the words "Made with love" on screen.", a shot of its
own. Single quotes count where they stand apart from words ('Made with love'; not the
apostrophe of "the dog's").
"""

from __future__ import annotations

import re

QUOTED = re.compile(r"[\"“«]([^\"“”«»]{1,80})[\"”»]|(?<![\w'‘])['‘]([^'‘’\n]{1,80}?)['’](?![\w'’])")
_TEXT_WORDS = r"(?:words?|text|caption|title|tagline|slogan|message)"  # a sign is seen
_ON_SCREEN = r"(?:\s+(?:on[\s-]screen|overlaid|over (?:it|the video)|at the (?:end|start)))?"
# The direction with what it quotes: ', with the words "…" on screen', ' and the caption
# "…"'; not 'a sign that says "Open"', a sign to see.
_DIRECTION = re.compile(
    rf"(?:\s*,)?\s*(?:(?:with|and|showing|plus)\s+)?(?:(?:the|a)\s+)?{_TEXT_WORDS}:?\s+"
    rf"(?:(?:that\s+says|saying|reading)\s+)?(?:{QUOTED.pattern}){_ON_SCREEN}",
    re.IGNORECASE,
)


def quoted(text: str) -> list[str]:
    """What `text` quotes, in order."""
    return [(double or single).strip() for double, single in QUOTED.findall(text)]


def without_quoted(text: str) -> str:
    """`text` less the words it quotes to be read and the direction that asks for them."""
    return re.sub(r"\s{2,}", " ", QUOTED.sub(" ", _DIRECTION.sub("", text))).strip()
