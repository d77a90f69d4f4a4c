"""Samples as the bytes a pipe to FFmpeg takes (f32le)."""

from __future__ import annotations

import numpy as np


def raw(samples: np.ndarray) -> memoryview:
    """The samples as float32 bytes, without a copy when they already are float32."""
    return memoryview(np.ascontiguousarray(samples, np.float32)).cast("B")
