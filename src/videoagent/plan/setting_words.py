"""The setting a few words name ("at night", "rainy", "at the beach"): time of day, weather
and place, in synthworld's vocabulary. Words that name something else are reported, not
dropped, so that "make shot 2 happier at night" is refused rather than half done."""

from __future__ import annotations

import re

from videoagent.errors import UsageError
from videoagent.synthworld import vocabulary as vocab

FIELDS = (  # (field of a scene, its words, what two of them are called)
    ("time_of_day", vocab.TIME_SYNONYMS, "times of day"),
    ("weather", vocab.WEATHER_SYNONYMS, "kinds of weather"),
    ("place", vocab.PLACE_SYNONYMS, "places"),
)
FILLER = frozenset("a an the at in on by to into during it more very and with".split())
CAN_SAY = (
    f"a time of day ({', '.join(vocab.TIMES)}), weather ({', '.join(vocab.WEATHERS)}) or "
    f"place ({', '.join(vocab.PLACES)})"
)


def setting_of(words: str) -> dict[str, str]:
    """{field: value} for what `words` name; UsageError naming words that name no setting,
    or when they name none at all."""
    rest = f" {words.lower().strip().rstrip('.')} "
    found: dict[str, str] = {}
    for field, synonyms, plural in FIELDS:
        for phrase in sorted(synonyms, key=len, reverse=True):  # "golden hour" before "hour"
            pattern = rf"\s{re.escape(phrase)}\s"
            if re.search(pattern, rest):
                if found.get(field, synonyms[phrase]) != synonyms[phrase]:
                    raise UsageError(f"{words!r} names two {plural}")
                found[field] = synonyms[phrase]
                rest = re.sub(pattern, " ", rest)
    unknown = [w for w in re.findall(r"[\w'’-]+", rest) if w not in FILLER]
    if unknown:
        raise UsageError(
            f"{' '.join(unknown)!r} is not a setting the picture can show; say {CAN_SAY}"
        )
    if not found:
        raise UsageError(f"{words!r} names no setting; say {CAN_SAY}")
    return found
