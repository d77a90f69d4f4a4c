"""The README's dog request made by this checkout and by an earlier commit, side by side.

Each round makes the 36 s dog video (procedural backend, a cold take cache) once with each
version, in turn, each as its own `videoagent make` process: its CPU counts its children
(FFmpeg) too. Both must deliver the same files with the same frame count. The earlier
version is checked out into a temporary git worktree and run from its own `src`, with this
environment's packages.

    python benchmarks/make_versus.py --base 2f3900e [--rounds 3]
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

from videoagent.media.probe import probe

DOG = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)
REPO = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make(source: Path, out: Path, cache: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one make by the package in `source`."""
    env = {**os.environ, "PYTHONPATH": str(source), "VIDEOAGENT_CACHE": str(cache)}
    command = [sys.executable, "-m", "videoagent", "make", DOG, "--out", str(out)]
    cpu, began = _children_cpu(), time.perf_counter()
    done = subprocess.run([*command, "--backend", "procedural"], env=env, capture_output=True)
    if done.returncode:
        sys.exit(f"make failed with {source}:\n{done.stderr.decode()[-2000:]}")
    return _children_cpu() - cpu, time.perf_counter() - began


def delivered(out: Path) -> tuple[list[str], int]:
    renders = out / "renders"
    files = sorted(p.name for p in renders.iterdir() if p.is_file())
    return files, probe(renders / "final.mp4", count_frames=True).frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the earlier commit")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(base), args.base],
            check=True,
        )
        try:
            versions = {args.base: base / "src", "this checkout": REPO / "src"}
            rows: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
            for round_number in range(args.rounds):
                shape = {}
                for name, source in versions.items():
                    out = Path(tmp) / f"{round_number}-{len(shape)}"
                    rows[name].append(make(source, out, out.with_suffix(".cache")))
                    shape[name] = delivered(out)
                first, second = shape.values()
                if first != second:
                    sys.exit(f"the versions delivered different things: {shape}")
                print(
                    f"round {round_number + 1}: "
                    + ", ".join(f"{n} {rows[n][-1][0]:.2f} CPU-s" for n in versions),
                    flush=True,
                )
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)])
    print(f"\ndog request, 36 s, procedural; medians of {args.rounds} interleaved rounds")
    print(f"CPU: {cpu_description()}")
    for name, values in rows.items():
        cpu = statistics.median(v[0] for v in values)
        wall = statistics.median(v[1] for v in values)
        print(f"  {name:<14} {cpu:7.2f} CPU-s  {wall:6.2f} s wall")
    old, new = (statistics.median(v[0] for v in values) for values in rows.values())
    print(f"this checkout uses {new / old:.2f}x the CPU of {args.base} ({old / new:.2f}x faster)")


if __name__ == "__main__":
    main()
