"""What our recognizer sees in the frames of a take the video uses: the evidence for a take
without ground truth (`evaluate/asks_shown.py`). Needs the `embedded` extra and the
recognizer's weights; without them there is no reading, and the asks stay unchecked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from videoagent.evaluate.recognized import RECOGNIZER, place_at_end, recognizer
from videoagent.media.frames import iter_frames
from videoagent.media.probe import probe
from videoagent.store.staged_file import read_staged


@dataclass(frozen=True)
class Reading:
    # kind → share of the frames staged to show it readably that it is recognised in;
    # a kind never staged big enough to read is absent.
    seen: dict[str, float]
    actions: dict[str, float]  # action → the same, for what the staging has something doing
    setting: dict[str, str]  # place, time_of_day, weather: what the frames look like
    least: float  # the share of frames that counts as seen (the judge's)

    def sees(self, kind: str) -> bool | None:
        """Whether the recognizer sees `kind`; None when it could not: the staging never
        shows one big enough to read."""
        return None if kind not in self.seen else self.seen[kind] >= self.least

    def sees_doing(self, action: str) -> bool | None:
        return None if action not in self.actions else self.actions[action] >= self.least


def read_take(path: Path, span: slice) -> Reading | None:
    """The recognizer's reading of frames `span` of the clip at `path`, judged where its
    staging shows each thing (`evaluate/staged_shares.py`); None without the recognizer or
    the staging."""
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _read(str(path), span.start, span.stop, stamp)


@functools.lru_cache(maxsize=64)  # the asks' loop asks again after each new take
def _read(path: str, start: int, stop: int, _stamp: int) -> Reading | None:
    try:
        from videoagent.evaluate.staged_shares import staged_shares
        from videoagent.nn.judge import SEEN_SHARE, motion_reach, read_clip
    except ImportError:
        return None
    staged = read_staged(Path(path))
    if not RECOGNIZER.exists() or staged is None or "size" not in staged:
        return None  # a staging without the size its boxes were measured in: not judged
    fps = float(probe(path).fps)
    # A recognizer that reads motion reads each frame with ones before it: the frames before
    # the span are read too, so that the span's first frames have theirs.
    lead = max(0, start - motion_reach(recognizer(), fps))
    frames = [f for i, f in enumerate(iter_frames(path)) if lead <= i < stop]
    if len(frames) <= start - lead or len(staged["frames"][lead:stop]) != len(frames):
        return None
    whole = read_clip(recognizer(), np.stack(frames), fps)
    reading = replace(
        whole,
        kinds_in_frames=whole.kinds_in_frames[start - lead :],
        actions_in_frames=whole.actions_in_frames[start - lead :],
        motion_from=max(0, whole.motion_from - (start - lead)),
    )
    shares = staged_shares(reading, staged["frames"][start:stop], *staged["size"])
    return Reading(
        seen=shares.kinds,
        actions=shares.actions,
        setting={
            # A journey's arrival is where it ends (its staging's scene says it is one).
            "place": (
                place_at_end(np.stack(frames[start - lead :]), fps)
                if staged.get("spec", {}).get("arrives_from")
                else reading.place
            ),
            "time_of_day": reading.time_of_day,
            "weather": reading.weather,
        },
        least=SEEN_SHARE,
    )
