"""Loudness as EBU R128 measures it (FFmpeg's ebur128 filter): integrated loudness in LUFS,
true peak in dBTP, loudness range in LU. The mix is made and checked with this one meter."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.raw import raw
from videoagent.errors import ToolError
from videoagent.media.ffmpeg import ffmpeg_exe, run


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP
    range: float  # LU

    def to_dict(self) -> dict:
        return {key: round(value, 2) for key, value in asdict(self).items()}


def measure(path: Path) -> Loudness:
    """The loudness of the first audio stream of `path`."""
    return _metered(["-i", str(path), "-map", "0:a:0"], None)


def measure_samples(samples: np.ndarray, rate: int = RATE) -> Loudness:
    """The loudness of stereo float32 `samples` [n, 2]."""
    return _metered(["-f", "f32le", "-ar", str(rate), "-ac", "2", "-i", "pipe:0"], raw(samples))


def _metered(inputs: list[str], stdin: memoryview | None) -> Loudness:
    # The summary is printed at the info level, which our usual command line silences.
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", *inputs]
    done = run([*command, "-af", "ebur128=peak=true", "-f", "null", "-"], stdin=stdin)
    log = done.stderr.decode("utf-8", "replace")
    summary = log[log.rfind("Summary:") :]
    return Loudness(
        integrated=_value(summary, "I"),
        true_peak=_value(summary, "Peak"),
        range=_value(summary, "LRA"),
    )


def _value(summary: str, label: str) -> float:
    found = re.search(rf"{label}:\s+(-?[\d.]+|-inf)", summary)
    if not found:
        raise ToolError(["ffmpeg"], 0, f"no {label} in the ebur128 summary")
    return float("-inf") if found.group(1) == "-inf" else float(found.group(1))
