"""Cheap picture detectors from one decode pass at low resolution: black and frozen frames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from videoagent.media.frames import iter_frames

BLACK_LUMA = 16.0  # mean luma (0-255) under which a frame counts as black
FROZEN_CHANGE = 2.0  # largest per-pixel change (0-255) under which two frames are the same


@dataclass(frozen=True)
class PictureStats:
    """Per-file picture statistics."""

    frames: int
    black_frames: int
    longest_frozen_run: int  # frames in the longest run identical to the one before
    mean_luma: float


def picture_stats(path: Path | str, *, size: tuple[int, int] = (96, 54)) -> PictureStats:
    black = frames = run = longest = 0
    luma_total = 0.0
    previous = None
    for frame in iter_frames(path, size=size, gray=True):
        current = frame.astype(np.int16)
        mean = float(current.mean())
        luma_total += mean
        frames += 1
        if mean < BLACK_LUMA:
            black += 1
        if previous is not None and int(np.abs(current - previous).max()) < FROZEN_CHANGE:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
        previous = current
    return PictureStats(frames, black, longest, luma_total / max(frames, 1))
