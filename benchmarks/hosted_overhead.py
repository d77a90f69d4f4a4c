"""What a hosted backend's clip costs this machine beyond the provider's own time: turning
what a provider delivers (1280x720 at 24 fps, whole seconds, H.264) into the project's
shape (exact frame count, size and rate), which every hosted take goes through.

Writes one delivered-like clip per length, conforms it to 640x360 at 24 and at 30 fps, and
prints the median seconds per clip and per second of video.

    python benchmarks/hosted_overhead.py [--runs 5] [--seconds 5 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from videoagent.media.conform import conform
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate


def delivered_clip(path: Path, seconds: int) -> None:
    """A 1280x720, 24 fps clip with moving detail (so the encoder has real work)."""
    rng = np.random.default_rng(0)
    texture = rng.integers(0, 255, (720, 1280 + 24 * seconds * 4, 3), dtype=np.uint8)
    frames = 24 * seconds
    with Mp4Writer(path, size=(1280, 720), rate=FrameRate.of(24), frames=frames) as out:
        for index in range(frames):
            out.write(texture[:, index * 4 : index * 4 + 1280])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, nargs="+", default=[5, 10])
    args = parser.parse_args()
    print(f"{'delivered':>10} {'to':>16} {'median s':>9} {'s per s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for seconds in args.seconds:
            source = Path(tmp) / f"delivered-{seconds}.mp4"
            delivered_clip(source, seconds)
            for fps in (24, 30):
                rate = FrameRate.of(fps)
                times = []
                for run in range(args.runs):
                    began = time.perf_counter()
                    conform(
                        source,
                        Path(tmp) / f"out-{run}.mp4",
                        width=640,
                        height=360,
                        rate=rate,
                        frames=rate.frames(seconds - 0.5),  # a shot cut from it
                    )
                    times.append(time.perf_counter() - began)
                median = statistics.median(times)
                print(
                    f"{seconds:>8} s {'640x360 @ ' + str(fps):>16} {median:>9.2f} "
                    f"{median / seconds:>8.3f}"
                )


if __name__ == "__main__":
    main()
