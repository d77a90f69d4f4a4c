"""A user's sound file (their music, their voiceover) read whole: any format FFmpeg reads,
as float32 stereo at the mix's rate."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from videoagent.audio import RATE
from videoagent.errors import UsageError


def read_audio(path: Path, option: str) -> np.ndarray:
    """The sound at `path` as float32 [n, 2] at RATE; UsageError naming `option` and the
    file when it cannot be read or holds no sound."""
    path = Path(path)
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise UsageError(f"{option} {str(path)!r} has no audio")
            resampler = av.AudioResampler(format="flt", layout="stereo", rate=RATE)
            chunks = []
            for frame in container.decode(container.streams.audio[0]):
                for made in resampler.resample(frame):
                    chunks.append(made.to_ndarray().reshape(-1, 2))
            for made in resampler.resample(None):
                chunks.append(made.to_ndarray().reshape(-1, 2))
    except (av.error.FFmpegError, OSError) as exc:
        raise UsageError(f"{option} {str(path)!r} cannot be read: {exc}") from None
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros((0, 2))
    if len(samples) < RATE // 10 or not np.any(samples):
        raise UsageError(f"{option} {str(path)!r} holds no sound")
    return samples
