"""How much of a make run is the agent itself, beside generation and rendering.

Runs the README's dog request on the procedural backend several times and prints the
median seconds per phase: planning (brief, bible, storyboard, rewrite, estimate),
generation (the generate phase wall time: backends rendering shots plus per-take checks, in
parallel), sound, render, verify, contact sheet, and the agent's own bookkeeping (timeline,
journal, manifest, files). Agent overhead = planning + bookkeeping. Every run starts cold
(no shared take cache). Then the same request is made once more into a new folder with the
cache of the last run, and a one-shot regeneration (`videoagent shot … 2`) is timed: what a
returning user waits for.

    python benchmarks/agent_overhead.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from machine import cpu_description

from videoagent import Agent, AgentSettings, Request

DOG = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)
PHASES = (
    "planning",
    "generate phase",
    "sound",
    "render",
    "verify",
    "contact sheet",
    "bookkeeping",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {phase: [] for phase in (*PHASES, "total", "wall")}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            agent = Agent(AgentSettings(backend="procedural", shared_cache=None))
            began = time.perf_counter()
            result = agent.make(Request.build(DOG), Path(tmp) / "dogwalk")
            rows["wall"].append(time.perf_counter() - began)
            assert result.verified, "the run did not verify"
            for phase in (*PHASES, "total"):
                rows[phase].append(agent.timings.get(phase, 0.0))
        print(f"run {run + 1}: {rows['wall'][-1]:.2f} s", flush=True)
    median = {phase: statistics.median(values) for phase, values in rows.items()}
    overhead = median["planning"] + median["bookkeeping"]
    print(f"\nmedian of {args.runs} runs, dog request (36 s, 640x360 @ 24 fps, procedural)")
    print(f"CPU: {cpu_description()}")
    for phase in PHASES:
        print(f"  {phase:<15} {median[phase]:7.3f} s  {median[phase] / median['total']:6.1%}")
    print(f"  {'total':<15} {median['total']:7.3f} s")
    print(
        f"\nagent overhead (planning + bookkeeping): {overhead:.3f} s = "
        f"{overhead / median['total']:.2%} of the run"
    )
    print(f"generation + render: {median['generate phase'] + median['render']:.3f} s")
    warm, shot = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            settings = AgentSettings(backend="procedural", shared_cache=Path(tmp) / "cache")
            Agent(settings).make(Request.build(DOG), Path(tmp) / "first")
            began = time.perf_counter()
            Agent(settings).make(Request.build(DOG), Path(tmp) / "second")
            warm.append(time.perf_counter() - began)
            began = time.perf_counter()
            Agent(settings).regenerate(Path(tmp) / "second", 2)
            shot.append(time.perf_counter() - began)
    print(
        f"same request again, shared take cache warm: {statistics.median(warm):.2f} s; "
        f"regenerate one shot of it: {statistics.median(shot):.2f} s (medians)"
    )


if __name__ == "__main__":
    main()
