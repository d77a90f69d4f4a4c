"""How sharp a picture is: the energy of its luma's Laplacian.

A crisp edge is a jump between neighbouring pixels, which the Laplacian (each pixel against
its four neighbours) answers strongly; a soft plate scaled up from a small one has few such
jumps and scores low, whatever its colours. Comparable between clips of the same size only.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import numpy as np

from videoagent.media.frames import iter_frames

LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def laplacian_energy(frame: np.ndarray) -> float:
    """Mean squared Laplacian of a uint8 RGB frame's luma (0-255 scale)."""
    luma = frame.astype(np.float32) @ LUMA
    centre = luma[1:-1, 1:-1]
    laplacian = luma[:-2, 1:-1] + luma[2:, 1:-1] + luma[1:-1, :-2] + luma[1:-1, 2:] - 4 * centre
    return float(np.mean(laplacian**2))


def clip_sharpness(clip: Path, every: int = 6) -> float:
    """The median Laplacian energy of every `every`-th frame of `clip`."""
    energies = [
        laplacian_energy(frame)
        for index, frame in enumerate(iter_frames(clip))
        if index % every == 0
    ]
    if not energies:
        raise ValueError(f"{clip} has no frames")
    return statistics.median(energies)
