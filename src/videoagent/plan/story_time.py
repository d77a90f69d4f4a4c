"""The time of day and the weather at each beat, as the story moves on.

A time or a weather a beat names holds from that beat on, not only in it ("walks in the
morning, then sleeps at night, then dreams": the dream is at night). One a beat says begins
there ("then it starts to rain", "as night falls", "the sun sets"), or names beside what is
done in it ("then they sit on a bench at sunset"), holds from that beat, not before it; one
said on its own holds from the start, as the brief has it ("a dog walking in the park, then
sniffing around, in the rain": rain throughout), as does one said beside what is done after
beats that only set the scene ("a quiet street, then a man walks in the snow").
"""

from __future__ import annotations

import re

from videoagent.plan.beats import without_relative_clause
from videoagent.plan.brief import Brief, _named
from videoagent.synthworld import vocabulary as vocab

_BEGINS = re.compile(
    r"\b(?:starts?|starting|begins?|beginning|turns?|turning|falls?|falling|comes?|arrives?|"
    r"sets?|setting|rises?|rising)\b",
    re.IGNORECASE,
)
# Where nothing holds yet: the world's own morning and clear sky.
_BEFORE = {"time_of_day": "morning", "weather": "clear"}
# A time is said by its name, or by what is done then ("then dinner by the fire": evening).
_TABLES = {
    "time_of_day": {**vocab.WHEN_DONE, **vocab.TIME_SYNONYMS},
    "weather": vocab.WEATHER_SYNONYMS,
}


def story_time(beats: list[str], brief: Brief) -> list[dict[str, str]]:
    """{"time_of_day", "weather"} at each of `beats`, in order."""
    now = {}
    for field, table in _TABLES.items():
        told = [without_relative_clause(beat) for beat in beats]  # not "that hates rain"
        named = [(i, _named(beat, table)) for i, beat in enumerate(told)]
        first = next(((i, value) for i, value in named if value), None)
        later = first is not None and first[0] > 0
        setting = set(brief.beats[: brief.setting])
        # what only sets the scene before it is the same moment ("a city street at night
        # with cars, and people walking in the rain": rain on the street too)
        scene_set = later and all(not b or b in setting for b in beats[: first[0]])
        begins_later = later and (
            _BEGINS.search(told[first[0]])
            or (_does_something(told[first[0]], table) and not scene_set)
        )
        now[field] = _BEFORE[field] if begins_later else getattr(brief, field)
    at_each = []
    for beat in beats:
        for field, table in _TABLES.items():
            now[field] = _named(without_relative_clause(beat), table) or now[field]
        at_each.append(dict(now))
    return at_each


def _does_something(beat: str, table: dict[str, str]) -> bool:
    """Whether `beat` tells more than when or in what weather ("sit on a bench at sunset";
    not "in the rain", "on a rainy day")."""
    said = set(" ".join(phrase for phrase in table if re.search(rf"\b{phrase}\b", beat)).split())
    words = re.findall(r"[a-z']+", beat.lower())
    return any(w not in said and w not in vocab.NEUTRAL_WORDS for w in words)
