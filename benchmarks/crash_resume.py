"""Crash anywhere, resume: kill -9 a `make` at spread-out moments, then `resume` each.

For each kill time it prints where the run was (the last journal step), how many takes were
finished, whether `resume` delivered a verified video, how many takes it reused rather than
made again, and whether every project file checks out (sealed JSON, take hashes, no part
files left). Kill times are spread over one uninterrupted run's length.

    python benchmarks/crash_resume.py [--kills 8]
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from videoagent import Agent, AgentSettings
from videoagent.agent.state import ProjectState
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore

DOG = (
    "a 48 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)


def _make(out: Path, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "VIDEOAGENT_CACHE": str(cache)}
    command = [sys.executable, "-m", "videoagent", "make", DOG, "--out", str(out)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _last_step(folder: Path) -> str:
    try:
        with sqlite3.connect(folder / "journal.sqlite") as db:
            row = db.execute("SELECT step, status FROM steps ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return "-"
    return f"{row[0]} {row[1]}" if row else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        _make(root / "whole", root / "cache-whole").wait()
        whole = time.perf_counter() - began
        print(f"uninterrupted make: {whole:.1f} s wall")
        print(
            f"{'kill at':>8} {'last step':<22} {'takes':>5} {'verified':>8} "
            f"{'reused':>6} {'made':>5} {'files ok':>8}"
        )
        for number in range(args.kills):
            at = whole * (number + 0.5) / args.kills
            out, cache = root / f"run{number}", root / f"cache{number}"
            process = _make(out, cache)
            time.sleep(at)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            if not out.exists():
                print(f"{at:7.1f}s killed before the project folder existed: nothing to resume")
                continue
            step = _last_step(out)
            finished = len(list(out.glob("shots/*/takes/[0-9]*/take.json")))
            try:
                result = Agent(AgentSettings(shared_cache=cache)).resume(out)
                verified = result.verified
                takes = result.manifest["takes"]
                ProjectState.load(ProjectFolder.open(out))
                TakeStore(out, None)
                files_ok = not list(out.rglob("*.part*"))
            except Exception as exc:  # a benchmark reports every outcome, failures included
                print(f"{at:7.1f}s {step:<22} {finished:>5}  resume failed: {exc}")
                continue
            print(
                f"{at:7.1f}s {step:<22} {finished:>5} {str(verified):>8} "
                f"{takes['reused']:>6} {takes['generated']:>5} {str(files_ok):>8}"
            )


if __name__ == "__main__":
    main()
