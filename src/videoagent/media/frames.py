"""Reading frames back from files: every frame in order (optionally downscaled or gray), or
only the frames wanted, seeking to them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import av
import numpy as np

SEEK_AHEAD = 48  # frames: nearer than this, decoding on is cheaper than seeking


def iter_frames(
    path: Path | str, *, size: tuple[int, int] | None = None, gray: bool = False
) -> Iterator[np.ndarray]:
    """Every frame of the first video stream as an RGB (or gray) array."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        width, height = size if size else (None, None)
        for frame in container.decode(stream):
            if gray:
                yield frame.to_ndarray(format="gray", width=width, height=height)
            else:
                yield frame.to_ndarray(format="rgb24", width=width, height=height)


def frames_at(path: Path | str, wanted: Iterable[int]) -> dict[int, np.ndarray]:
    """The RGB frames with the given indices. Only those are converted; where the next one
    is more than `SEEK_AHEAD` frames on, the decoder seeks to the keyframe before it and
    decodes forward from there, which gives the same pixels as decoding every frame."""
    pending = sorted(set(wanted))
    found: dict[int, np.ndarray] = {}
    if not pending:
        return found
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        rate = stream.average_rate or stream.guessed_rate
        start = stream.start_time or 0
        position, frames, sought = -1, None, -1
        while pending:
            # Seek once per far target: the keyframe before it may itself be far back.
            if pending[0] - position > SEEK_AHEAD and pending[0] != sought:
                at = int(pending[0] / rate / stream.time_base) + start
                container.seek(at, stream=stream, backward=True)
                frames, sought = None, pending[0]
            if frames is None:
                frames = container.decode(stream)
            frame = next(frames, None)
            if frame is None:
                break  # the file ends before the frames still wanted
            position = round((frame.pts - start) * stream.time_base * rate)
            while pending and pending[0] < position:
                pending.pop(0)  # passed without being shown: not in the file
            if pending and pending[0] == position:
                found[pending.pop(0)] = frame.to_ndarray(format="rgb24")
    return found
