"""The run's time estimate against the time the run then took, on this machine.

Starts from an empty shared cache (nothing measured), then makes a sequence of runs across
backends and lengths as a user does, each its own `videoagent make` process, each a request
no earlier run made (so every take is new). For each run it prints the estimate the agent
announced (seconds, and whether it was measured or a guess), the wall seconds from that
announcement to the delivered video (what the estimate is of: planning is over by then; both
read from the project's journal), the whole command's wall time, and the ratio. A backend's
first run is a guess (nothing of it measured); every later estimate should be within 2x of
what the run took.

The hosted backend is the fake xAI of the tests (its own HTTP server on 127.0.0.1, a job
done after two status reads at the adapter's own polling pace): its figures show the
arithmetic, not a real provider's queue.

    python benchmarks/estimates.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from machine import cpu_description  # noqa: E402

from videoagent.generators import capabilities  # noqa: E402
from videoagent.store.journal import Journal  # noqa: E402

# (backend, seconds, request): a backend's first run comes before its others, lengths mixed.
RUNS = [
    ("procedural", 8, "a cat sitting in a garden"),
    ("procedural", 20, "a dog walking through the park"),
    ("xai", 8, "a bird flying over the beach"),
    ("embedded", 8, "a dog running on the beach"),
    ("procedural", 45, "a person walking down a snowy street, then a cat at home"),
    ("xai", 15, "a cat sitting in the living room at night"),
    ("embedded", 16, "a bird in the park at sunset"),
    ("procedural", 12, "a dog and a person meeting in the park"),
    ("xai", 10, "a dog chasing a ball on the beach"),
    ("embedded", 12, "a cat walking down a street"),
    ("procedural", 60, "a day at the beach: a dog, a bird, a person walking"),
]
QUICK = [run for run in RUNS if run[0] != "embedded" and run[1] <= 20]
VIDEOAGENT = Path(sys.executable).with_name("videoagent")


def one_run(backend: str, seconds: int, words: str, folder: Path, env: dict):
    """The announced estimate, the seconds from it to the delivered video, and the
    command's wall seconds; None where the run failed (its last lines printed)."""
    command = [str(VIDEOAGENT), "make", words, "--out", str(folder), "--backend", backend]
    command += ["--duration", str(seconds), "--max-retries", "1"]
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        print("\n".join((done.stdout + done.stderr).splitlines()[-5:]))
        return None
    journal = Journal(folder / "journal.sqlite")
    try:
        records = journal.records()
    finally:
        journal.close()
    estimate = next(r for r in records if r["step"] == "estimate" and "wall_seconds" in r["data"])
    return estimate["data"], records[-1]["at"] - estimate["at"], wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="procedural and xai, short runs")
    args = parser.parse_args()
    runs = QUICK if args.quick else RUNS
    print(f"machine: {cpu_description()}")
    print(
        f"{'#':>2} {'backend':<11} {'video s':>7} {'estimate s':>10} {'basis':<9} "
        f"{'took s':>7} {'took/est':>8} {'command s':>9}"
    )
    from fake_providers import KEY, FakeXai

    ratios, guesses = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        setup = capabilities("xai").setup
        fake = FakeXai(Path(tmp), price=capabilities("xai").price_per_second)
        env = os.environ | {
            "VIDEOAGENT_CACHE": str(Path(tmp) / "cache"),
            setup["key_env"]: KEY,
            setup["url_env"]: fake.url,
        }
        try:
            for number, (backend, seconds, words) in enumerate(runs, start=1):
                made = one_run(backend, seconds, words, Path(tmp) / f"run-{number:02d}", env)
                if made is None:
                    print(f"{number:>2} {backend:<11} {seconds:>7} failed (above)")
                    continue
                estimate, took, wall = made
                guessed = estimate["basis"] == "guess"
                guesses += guessed
                ratio = took / max(estimate["wall_seconds"], 0.1)
                if not guessed:
                    ratios.append(ratio)
                print(
                    f"{number:>2} {backend:<11} {seconds:>7} {estimate['wall_seconds']:>10.1f} "
                    f"{estimate['basis']:<9} {took:>7.1f} {ratio:>8.2f} {wall:>9.1f}",
                    flush=True,
                )
        finally:
            fake.close()
    within = sum(0.5 <= r <= 2 for r in ratios)
    print(f"measured estimates within 2x of the run: {within} of {len(ratios)}; guesses: {guesses}")
    if ratios:
        print(
            f"took/estimate over measured runs: median {statistics.median(ratios):.2f}, "
            f"range {min(ratios):.2f}-{max(ratios):.2f}"
        )


if __name__ == "__main__":
    main()
