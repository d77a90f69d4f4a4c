"""Reading the frames verify and the contact sheet look at: one per shot of the final video.

Makes the README's dog request (procedural, 36 s, 8 shots) once, then reads each shot's
middle frame from its final.mp4 two ways and prints the median CPU seconds of each:
decoding every frame up to the last one wanted and converting each to RGB (what the agent
did before), and `media.frames.frames_at` (seeking to the keyframe before a far frame,
converting only the frames wanted). Both must give the same pixels; the script checks.

    python benchmarks/reading_frames.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_description

from videoagent import Agent, AgentSettings, Request
from videoagent.media.frames import frames_at, iter_frames

DOG = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)


def every_frame_up_to(path: Path, wanted: list[int]) -> dict[int, np.ndarray]:
    """The way frames were read before: decode and convert each frame in order."""
    found, last = {}, max(wanted)
    for index, frame in enumerate(iter_frames(path)):
        if index in wanted:
            found[index] = frame
        if index >= last:
            break
    return found


def cpu_seconds(read, path: Path, wanted: list[int], runs: int) -> float:
    spent = []
    for _ in range(runs):
        began = time.process_time()
        read(path, wanted)
        spent.append(time.process_time() - began)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reading-frames-")) / "dog"
    settings = AgentSettings(backend="procedural", shared_cache=None)
    result = Agent(settings).make(Request.build(DOG), folder)
    starts, wanted = 0, []
    for shot in result.manifest["shots"]:
        wanted.append(starts + shot["frames"] // 2)
        starts += shot["frames"]
    before = every_frame_up_to(result.video, wanted)
    after = frames_at(result.video, wanted)
    assert all(np.array_equal(before[i], after[i]) for i in wanted), "pixels differ"
    old = cpu_seconds(every_frame_up_to, result.video, wanted, args.runs)
    new = cpu_seconds(frames_at, result.video, wanted, args.runs)
    print(f"CPU: {cpu_description()}; {len(wanted)} frames of {starts}")
    print(f"decode and convert every frame: {old:.3f} s CPU (median of {args.runs})")
    print(f"frames_at (seek, convert wanted): {new:.3f} s CPU ({new / old:.2f}x)")


if __name__ == "__main__":
    main()
