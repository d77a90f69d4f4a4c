"""Which FFmpeg scaler brings a small take up to a platform's size best.

A take made smaller than the video (a backend's largest size under a 1080p profile) is
scaled up in the render. Here procedural scenes are drawn at 1920x1080 (the truth), brought
down to 640x360 by averaging (a take a third the size), and scaled back up by each of
FFmpeg's scalers; each result is compared with the truth (PSNR and SSIM over all frames, by
FFmpeg's own filters) and timed (seconds a 1080p frame on one thread, median of 3 runs).

    python benchmarks/upscale.py [--frames 24]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_description
from PIL import Image

from videoagent.media.ffmpeg import ffmpeg_command
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer

SCENES = (
    "a brown dog walks along a sunny beach by the sea",
    "a person in a red coat walks down a snowy street past a bakery",
    "a cat sits in a cafe by the window at night",
)
SCALERS = ("bilinear", "bicubic", "spline", "lanczos")
BIG, SMALL = (1920, 1080), (640, 360)


def _truth(frames: int) -> np.ndarray:
    drawn = []
    for k, scene in enumerate(SCENES):
        renderer = Renderer(parse(scene).spec, size=BIG, fps=24.0, frames=frames, seed=k)
        drawn += [frame for frame, _ in renderer]
    return np.stack(drawn)


def _scaled_and_compared(small: Path, truth: Path, count: int, flags: str) -> dict:
    graph = (
        f"[0:v]scale={BIG[0]}:{BIG[1]}:flags={flags},split[a][b];[1:v]split[r1][r2];"
        "[a][r1]ssim;[b][r2]psnr"
    )
    raw = ["-f", "rawvideo", "-pix_fmt", "rgb24"]
    command = ffmpeg_command(  # the filters' summaries are said at the info level
        ["-loglevel", "info", *raw, "-s", f"{SMALL[0]}x{SMALL[1]}", "-i", str(small)]
        + [*raw, "-s", f"{BIG[0]}x{BIG[1]}", "-i", str(truth)]
        + ["-lavfi", graph, "-frames:v", str(count), "-f", "null", "-"]
    )
    said = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    ssim = float(re.search(r"SSIM .*All:([0-9.]+)", said).group(1))
    psnr = float(re.search(r"PSNR .*average:([0-9.inf]+)", said).group(1))
    return {"ssim": ssim, "psnr": psnr}


def _seconds_a_frame(small: Path, count: int, flags: str) -> float:
    command = ffmpeg_command(
        ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{SMALL[0]}x{SMALL[1]}", "-i", str(small)]
        + ["-vf", f"scale={BIG[0]}:{BIG[1]}:flags={flags}", "-threads", "1", "-f", "null", "-"]
    )
    clock = []  # the child's time on the clock, one thread
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        clock.append(time.perf_counter() - began)
    return statistics.median(clock) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=24, help="frames of each scene")
    frames = parser.parse_args().frames
    truth = _truth(frames)
    small = np.stack(
        [np.asarray(Image.fromarray(f).resize(SMALL, Image.Resampling.BOX)) for f in truth]
    )
    with tempfile.TemporaryDirectory() as work:
        truth_file, small_file = Path(work) / "truth.rgb", Path(work) / "small.rgb"
        truth_file.write_bytes(truth.tobytes())
        small_file.write_bytes(small.tobytes())
        print(f"# {cpu_description()}")
        print(f"{len(SCENES)} procedural scenes x {frames} frames, 640x360 -> 1920x1080")
        print("(the render scales with FFmpeg's default, bicubic)\n")
        print("| scaler | PSNR dB | SSIM | s a frame (1 thread) |")
        print("|---|---|---|---|")
        for flags in SCALERS:
            figures = _scaled_and_compared(small_file, truth_file, len(truth), flags)
            seconds = _seconds_a_frame(small_file, len(truth), flags)
            print(f"| {flags} | {figures['psnr']:.2f} | {figures['ssim']:.4f} | {seconds:.4f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
