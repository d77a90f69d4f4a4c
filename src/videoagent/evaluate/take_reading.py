"""What our recognizer sees in the frames of a take the video uses: the evidence for a take
without ground truth (`evaluate/asks_shown.py`). Needs the `embedded` extra and the
recognizer's weights; without them there is no reading, and the asks stay unchecked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from videoagent.evaluate.recognized import RECOGNIZER, recognizer
from videoagent.media.frames import iter_frames
from videoagent.media.probe import probe


@dataclass(frozen=True)
class Reading:
    seen: dict[str, float]  # kind → share of the frames it is recognised in
    actions: dict[str, float]  # action → share of the frames it is recognised in
    setting: dict[str, str]  # place, time_of_day, weather: what the frames look like
    least: float  # the share of frames that counts as seen (the judge's)

    def sees(self, kind: str) -> bool:
        return self.seen.get(kind, 0.0) >= self.least

    def sees_doing(self, action: str) -> bool:
        return self.actions.get(action, 0.0) >= self.least


def read_take(path: Path, span: slice) -> Reading | None:
    """The recognizer's reading of frames `span` of the clip at `path`; None without the
    recognizer."""
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _read(str(path), span.start, span.stop, stamp)


@functools.lru_cache(maxsize=64)  # the asks' loop asks again after each new take
def _read(path: str, start: int, stop: int, _stamp: int) -> Reading | None:
    try:
        from videoagent.nn.judge import SEEN_SHARE, read_clip
    except ImportError:
        return None
    if not RECOGNIZER.exists():
        return None
    frames = [f for i, f in enumerate(iter_frames(path)) if start <= i < stop]
    if not frames:
        return None
    reading = read_clip(recognizer(), np.stack(frames), float(probe(path).fps))
    return Reading(
        seen=reading.seen,
        actions=reading.actions,
        setting={
            "place": reading.place,
            "time_of_day": reading.time_of_day,
            "weather": reading.weather,
        },
        least=SEEN_SHARE,
    )
