"""A batch of short requests made three ways: the local pool, Ray on this machine as one node,
and Ray on a simulated cluster of three nodes (all on this machine, loopback only).

Prints, per way: the batch's wall time, videos a minute, and the scheduling overhead of a
row's shots: how long its generate phase took beyond its slowest take (submitting, placing,
starting the task, passing results and step records back). These 2 cores cannot show a
speed-up from more machines; docs/scale.md projects that on paper.

    python benchmarks/scale.py [--rows 24] [--runs 1] [--parallel 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # loopback nodes only

from machine import cpu_description  # noqa: E402

from videoagent.agent.batch import read_batch, run_batch  # noqa: E402
from videoagent.agent.settings import AgentSettings  # noqa: E402
from videoagent.agent.shot_executor import LocalExecutor  # noqa: E402

LOOPBACK = "127.0.0.1"
ANIMALS = ["dog", "cat", "bird", "horse", "rabbit", "fox"]


def rows_file(folder: Path, count: int) -> Path:
    path = folder / "rows.jsonl"
    lines = []
    for index in range(count):
        animal = ANIMALS[index % len(ANIMALS)]
        request = f"a {animal} walking, then a {animal} sitting"
        row = {"request": request, "duration": 2, "size": "192x108", "seed": index}
        lines.append(json.dumps(row | {"music": False, "ambience": False}))
    path.write_text("\n".join(lines) + "\n")
    return path


def overheads(report) -> list[float]:
    """Per row: its generate phase beyond its slowest take, in seconds."""
    found = []
    for row in report.rows:
        manifest = json.loads(Path(row.folder, "renders/manifest.json").read_text())
        takes = [t["seconds"] for shot in manifest["shots"] for t in shot["takes"]]
        phase = manifest["timings_seconds"]["generate phase"]
        found.append(max(phase - max(takes, default=0.0), 0.0))
    return found


def measure(name: str, executor, rows: Path, parallel: int) -> dict:
    read, bad = read_batch(rows)
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        base = AgentSettings(backend="procedural", shared_cache=None, executor=executor)
        began = time.perf_counter()
        report = run_batch(read, bad, Path(tmp) / "out", base, file=str(rows), parallel=parallel)
        wall = time.perf_counter() - began
        done = report.counts()["done"]
        if done != len(read):
            raise SystemExit(f"{name}: {done}/{len(read)} rows done: {report.rows}")
        shots = sum(
            len(json.loads(Path(r.folder, "renders/manifest.json").read_text())["shots"])
            for r in report.rows
        )
        return {"wall": wall, "videos": done, "shots": shots, "overhead": overheads(report)}


def ray_one_node():
    from videoagent.agent.ray_executor import RayExecutor

    return RayExecutor(None), None


def ray_three_nodes():
    from ray.cluster_utils import Cluster

    from videoagent.agent.ray_executor import RayExecutor

    head = {"num_cpus": 0, "node_ip_address": LOOPBACK, "include_dashboard": False}
    cluster = Cluster(initialize_head=True, head_node_args=head)
    for _ in range(3):
        cluster.add_node(num_cpus=1, node_ip_address=LOOPBACK)
    return RayExecutor(cluster.address), cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--parallel", type=int, default=4, help="rows at once")
    args = parser.parse_args()
    rows = rows_file(Path(tempfile.mkdtemp(prefix="scale-rows-")), args.rows)
    results: dict[str, list[dict]] = {}
    ways = [
        ("local pool", lambda: (LocalExecutor(), None)),
        ("ray, 1 node", ray_one_node),
        ("ray, 3 nodes", ray_three_nodes),
    ]
    for name, start in ways:
        executor, cluster = start()
        started = time.perf_counter()
        for _ in range(args.runs):
            results.setdefault(name, []).append(measure(name, executor, rows, args.parallel))
        print(f"{name}: {time.perf_counter() - started:.1f} s", flush=True)
        if executor.name == "ray":
            import ray

            ray.shutdown()
            if cluster is not None:
                cluster.shutdown()
    print(
        f"\n{args.rows} requests (2 s, 2 shots, 192x108, procedural), {args.parallel} rows at "
        f"once; medians of {args.runs} run(s)\nCPU: {cpu_description()}"
    )
    print(f"  {'executor':<14}{'wall s':>8}{'videos/min':>12}{'overhead/row s':>16}")
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        per_row = statistics.median(o for r in runs for o in r["overhead"])
        videos = runs[0]["videos"]
        print(f"  {name:<14}{wall:>8.1f}{videos / wall * 60:>12.1f}{per_row:>16.2f}")


if __name__ == "__main__":
    main()
