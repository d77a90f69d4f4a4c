"""The real frames an imagination starts from, checked and batched (both kinds of world
model take them the same way)."""

from __future__ import annotations

import numpy as np

from videoagent.errors import UsageError


def start_frames(frames: np.ndarray, copies: int, config) -> np.ndarray:
    """Real frames to start from, uint8 [T, H, W, 3] (T ≥ 1) or [copies, T, H, W, 3], as
    [copies, T, H, W, 3]; frames of another size are refused."""
    frames = np.asarray(frames)
    if frames.ndim == 4:
        frames = np.broadcast_to(frames[None], (copies, *frames.shape))
    expected = (config.frame_height, config.frame_width, 3)
    if frames.ndim != 5 or frames.shape[2:] != expected or frames.shape[1] < 1:
        raise UsageError(f"start frames must be [T, {expected}], got {frames.shape}")
    return frames
