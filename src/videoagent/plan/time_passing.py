"""Time passing over the video: "a time lapse of the city from day to night", "from sunrise
to sunset", "as day turns into night". The generated shots run through synthworld's times
of day in order, from the first named to the last, each shot a step further on."""

from __future__ import annotations

import re

from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab

# "day" is a time only here, where it is passing ("a cat's day" names none).
_TIMES = vocab.TIME_SYNONYMS | {"day": "noon"}
_NAMES = "|".join(re.escape(w) for w in sorted(_TIMES, key=len, reverse=True))
_PASSING = re.compile(
    rf"\b(?:from\s+)?(?:the\s+)?(?P<start>{_NAMES})\s+"
    rf"(?:(?:turns?|turning|fades?|fading|gives?\s+way)\s+)?(?:in)?(?:to|till|until)\s+"
    rf"(?:the\s+)?(?P<end>{_NAMES})\b",
    re.IGNORECASE,
)


def times_passing(text: str) -> tuple[str, ...]:
    """The times of day `text` asks the video to pass through, in order ("from day to
    night": noon, sunset, night); () where it asks none to pass."""
    found = _PASSING.search(text)
    if found is None:
        return ()
    start, end = (vocab.TIMES.index(_TIMES[found[k].lower()]) for k in ("start", "end"))
    if start >= end:
        return ()
    return vocab.TIMES[start : end + 1]


def pass_time(board: Storyboard) -> bool:
    """Give the generated shots of `board` the times its request asks to pass through,
    evenly and in order; whether it asks any."""
    times = times_passing(board.request)
    shots = [s for s in board.shots if s.kind == "generated" and s.scene]
    if not times or not shots:
        return False
    for index, shot in enumerate(shots):
        shot.scene = {**shot.scene, "time_of_day": times[index * len(times) // len(shots)]}
    return True
