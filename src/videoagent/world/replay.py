"""Replaying a recorded play session as a video: the frames the player saw, scaled up."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from videoagent.errors import UsageError
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate
from videoagent.world.play import load_recording


def write_replay(recording: Path, out: Path, *, scale: int = 8, fps: float = 8.0) -> Path:
    if scale < 1 or scale > 16:
        raise UsageError(f"--scale must be 1 to 16, got {scale}")
    if fps <= 0:
        raise UsageError(f"--fps must be positive, got {fps}")
    frames, _, _ = load_recording(recording)
    big = frames.repeat(scale, axis=1).repeat(scale, axis=2)
    height, width = big.shape[1:3]
    rate = FrameRate.of(fps)
    with Mp4Writer(Path(out), size=(width, height), rate=rate, frames=len(big)) as writer:
        for frame in big:
            writer.write(np.ascontiguousarray(frame))
    return Path(out)
