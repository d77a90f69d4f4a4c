"""The time of day and the weather at each beat, as the story moves on.

A time or a weather a beat names holds from that beat on, not only in it ("walks in the
morning, then sleeps at night, then dreams": the dream is at night). One a beat says begins
there ("then it starts to rain", "as night falls", "the sun sets") holds from that beat, not
before it; any other holds from the start, as the brief has it ("a dog walking in the park, then
sniffing around, in the rain": rain throughout).
"""

from __future__ import annotations

import re

from videoagent.plan.brief import Brief, _named
from videoagent.synthworld import vocabulary as vocab

_BEGINS = re.compile(
    r"\b(?:starts?|starting|begins?|beginning|turns?|turning|falls?|falling|comes?|arrives?|"
    r"sets?|setting|rises?|rising)\b",
    re.IGNORECASE,
)
# Where nothing holds yet: the world's own morning and clear sky.
_BEFORE = {"time_of_day": "morning", "weather": "clear"}
_TABLES = {"time_of_day": vocab.TIME_SYNONYMS, "weather": vocab.WEATHER_SYNONYMS}


def story_time(beats: list[str], brief: Brief) -> list[dict[str, str]]:
    """{"time_of_day", "weather"} at each of `beats`, in order."""
    now = {}
    for field, table in _TABLES.items():
        named = [(i, _named(beat, table)) for i, beat in enumerate(beats)]
        first = next(((i, value) for i, value in named if value), None)
        begins_later = first is not None and first[0] > 0 and _BEGINS.search(beats[first[0]])
        now[field] = _BEFORE[field] if begins_later else getattr(brief, field)
    at_each = []
    for beat in beats:
        for field, table in _TABLES.items():
            now[field] = _named(beat, table) or now[field]
        at_each.append(dict(now))
    return at_each
