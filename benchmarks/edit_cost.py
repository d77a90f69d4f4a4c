"""What an edit costs beside the make it changes, in CPU seconds (ours plus FFmpeg's).

Each round makes a project from cold (a fresh take cache), then puts a text on screen
(`videoagent edit … "put … on screen …"`), then regenerates one shot (`videoagent shot … 3`),
each as its own `videoagent` process so that its CPU (and its children's) is counted alone.
Rounds are interleaved, so a noisy neighbour slows all three alike; the figures are the
medians of the per-round ratios. Ideal: an overlay edit re-encodes only the shots under the
text; a one-shot regeneration costs about one shot of the make plus its joins.

    python benchmarks/edit_cost.py [--rounds 3] [--duration 60] [--mode short-film]
                                   [--backend procedural]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_description

DOG = (
    "a 60 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)
OVERLAY = "put 'PUP CUP' on screen at 0:20 for 3 seconds"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `videoagent` command and everything it started."""
    cpu, began = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "videoagent", *command], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"videoagent {command[0]} failed:\n{done.stdout}{done.stderr}")
    return _children_cpu() - cpu, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--mode", default="short-film")
    parser.add_argument("--shot", type=int, default=3, help="the shot to regenerate")
    parser.add_argument("--backend", default="procedural")
    args = parser.parse_args()
    rows: dict[str, list[tuple[float, float]]] = {"make": [], "overlay edit": [], "one shot": []}
    shots = 0
    for round_number in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "VIDEOAGENT_CACHE": str(Path(tmp) / "cache")}
            project = str(Path(tmp) / "film")
            make = ["make", DOG, "--out", project, "--backend", args.backend]
            make += ["--duration", f"{args.duration:g}", "--mode", args.mode]
            rows["make"].append(timed(make, env))
            rows["overlay edit"].append(timed(["edit", project, OVERLAY], env))
            rows["one shot"].append(timed(["shot", project, str(args.shot)], env))
            shots = len(list(Path(project, "shots").iterdir()))
        made = rows["make"][-1][0]
        print(
            f"round {round_number + 1}: make {made:.2f} CPU-s, "
            + ", ".join(f"{name} {rows[name][-1][0] / made:.3f}x" for name in list(rows)[1:]),
            flush=True,
        )
    print(
        f"\n{args.mode}, {args.duration:g} s, {shots} shots, {args.backend}, 640x360 @ 24 fps; "
        f"medians of {args.rounds} interleaved rounds"
    )
    print(f"CPU: {cpu_description()}")
    for name, values in rows.items():
        cpu = statistics.median(v[0] for v in values)
        wall = statistics.median(v[1] for v in values)
        ratio = statistics.median(v[0] / m[0] for v, m in zip(values, rows["make"], strict=True))
        print(f"  {name:<13} {cpu:7.2f} CPU-s  {wall:6.2f} s wall  {ratio:6.3f}x of make (CPU)")


if __name__ == "__main__":
    main()
