"""The look-ahead limiter that holds the mix's peaks under the ceiling, run in this process
(FFmpeg's alimiter through PyAV's filter graph): a gain, then the limiter at four times the
rate, so that peaks between samples are caught too (true peak), then back to RATE.

Its delay is compensated: a sound comes out on the sample it went in on, and the same
number of samples comes out as went in."""

from __future__ import annotations

from fractions import Fraction

import av
import av.filter
import numpy as np

from videoagent.audio import RATE

CHUNK = 8192  # samples pushed into the filter graph at a time
ATTACK_MS = 5  # how far the limiter looks ahead
RELEASE_MS = 80
_TICK = Fraction(1, RATE)  # the frames' time base: a sample


def limited(samples: np.ndarray, *, gain_db: float, ceiling: float) -> np.ndarray:
    """Stereo float32 `samples` [n, 2] times `gain_db`, with every peak held under
    `ceiling` (linear, 0..1): float32 [n, 2]."""
    graph = av.filter.Graph()
    chain = [
        graph.add_abuffer(format="flt", sample_rate=RATE, layout="stereo", time_base=_TICK),
        graph.add("volume", f"{gain_db:.4f}dB"),
        graph.add("aresample", str(4 * RATE)),
        graph.add(
            "alimiter",
            f"limit={ceiling:.5f}:attack={ATTACK_MS}:release={RELEASE_MS}:level=disabled:latency=1",
        ),
        graph.add("aresample", str(RATE)),
        graph.add("abuffersink"),
    ]
    for upstream, downstream in zip(chain, chain[1:], strict=False):
        upstream.link_to(downstream)
    graph.configure()
    out: list[np.ndarray] = []
    for start in range(0, len(samples), CHUNK):
        chunk = np.ascontiguousarray(samples[start : start + CHUNK], np.float32)
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="flt", layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = RATE, start, _TICK
        graph.push(frame)
        out += _pulled(graph)
    graph.push(None)
    out += _pulled(graph)
    result = np.concatenate(out) if out else np.zeros((0, 2), np.float32)
    # The resamplers may round a sample either way at the end.
    if len(result) < len(samples):
        result = np.pad(result, ((0, len(samples) - len(result)), (0, 0)))
    return result[: len(samples)]


def _pulled(graph: av.filter.Graph) -> list[np.ndarray]:
    """Every frame the graph has ready, as [n, 2] arrays."""
    frames = []
    while True:
        try:
            frame = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return frames
        frames.append(frame.to_ndarray().reshape(-1, 2))
