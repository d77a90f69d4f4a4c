"""Reading frames back from files: sequential decode, optionally downscaled."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import av
import numpy as np


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
    """The frames with the given indices (one sequential pass)."""
    wanted = set(wanted)
    found: dict[int, np.ndarray] = {}
    last = max(wanted) if wanted else -1
    for index, frame in enumerate(iter_frames(path)):
        if index in wanted:
            found[index] = frame
        if index >= last:
            break
    return found
