"""Our models on this CPU's kernels and on AVX2-only kernels: fp32 frozen, fp32 eager, bf16.

An AVX2-only CPU (e.g. AMD Zen 3) has no bf16 instructions: PyTorch emulates them. This
machine may have them; to measure the other path here each figure is also taken in a
process restricted to AVX2 kernels (`ATEN_CPU_CAPABILITY=avx2` for PyTorch's own kernels,
`ONEDNN_MAX_CPU_ISA=AVX2` for oneDNN's). That is the code an AVX2-only CPU runs, on this
CPU's cores: a proxy for such a machine, not one (its clock, caches and memory differ).

Printed, medians of --rounds, each measurement in its own fresh process:
- the embedded generator: CPU-seconds per video-second for an 8 s take at 640x360, 24 fps,
  4 steps (the default), one torch thread, the first take of each process left out;
- the GridDodge, MiniDesk and Pong world models: ms per generated frame at one step on one
  thread, as in play (median of 190 frames; p95 beside it).

On a CPU without native bf16 the "this CPU" rows are the real figures and the proxy rows
can be left out:

    python benchmarks/cpu_paths.py [--rounds 3] [--isa this] [--executions "fp32 frozen"]
        [--only embedded,world_griddodge]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_description

ISAS = {"this CPU": {}, "AVX2 only": {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2"}}
# How the models run: fp32 through frozen graphs (the default), fp32 eagerly, bf16 autocast.
# World models' frozen graphs run in ONNX Runtime by default (the `play` extra); ONNX Runtime
# picks its kernels from the CPU itself and ignores the AVX2 restriction, so its "AVX2 only"
# figures are this CPU's: the TorchScript row is the one the proxy can speak for.
EXECUTIONS = {
    "fp32 frozen": {"VIDEOAGENT_PRECISION": "fp32", "VIDEOAGENT_FREEZE": "1"},
    "fp32 TorchScript": {
        "VIDEOAGENT_PRECISION": "fp32",
        "VIDEOAGENT_FREEZE": "1",
        "VIDEOAGENT_ONNX": "0",
    },
    "fp32 eager": {"VIDEOAGENT_PRECISION": "fp32", "VIDEOAGENT_FREEZE": "0"},
    "bf16 eager": {"VIDEOAGENT_PRECISION": "bf16"},
}
MEASURES = {
    "embedded": "CPU-s per video-second",
    "world_griddodge": "ms per frame",
    "world_minidesk": "ms per frame",
    "world_atari_pong": "ms per frame",
}
TAKE_SECONDS = 8
TARGETS = "targets on an AVX2-only CPU: embedded <= 3 CPU-s per video-second, world <= 15 ms"


def measure_embedded() -> float:
    """CPU-seconds per video-second of one take, after a first take that warms up."""
    import torch

    from videoagent.generators.base import GenerationRequest
    from videoagent.generators.embedded import EmbeddedGenerator
    from videoagent.timeline.time import FrameRate

    torch.set_num_threads(1)
    generator = EmbeddedGenerator()
    with tempfile.TemporaryDirectory() as folder:
        for seed in (0, 1):
            request = GenerationRequest(
                prompt="a dog walking in a park on a sunny day",
                frames=24 * TAKE_SECONDS,
                rate=FrameRate(24),
                width=640,
                height=360,
                seed=seed,
            )
            began = time.process_time()
            generator.submit(request, Path(folder) / f"{seed}.mp4")
            spent = time.process_time() - began
    return spent / TAKE_SECONDS


def measure_world(name: str) -> tuple[float, float]:
    """Median and p95 ms per frame of the world model `name`, one step, one thread."""
    import torch

    from videoagent.nn import checkpoint
    from videoagent.world.evaluation import frame_latency

    torch.set_num_threads(1)
    weights = Path(__file__).resolve().parents[1] / "src/videoagent/nn/weights" / f"{name}.pt"
    model, _ = checkpoint.load(weights)
    model.eval()
    seconds = frame_latency(model)
    return float(np.median(seconds)) * 1000, float(np.percentile(seconds, 95)) * 1000


def child(what: str) -> None:
    import torch

    figure, p95 = (measure_embedded(), None) if what == "embedded" else measure_world(what)
    kernels = torch.backends.cpu.get_cpu_capability()
    print(json.dumps({"figure": figure, "p95": p95, "kernels": kernels}))


def run_child(what: str, isa: dict, execution: dict) -> dict:
    env = {**os.environ, **isa, **execution}
    done = subprocess.run(
        [sys.executable, __file__, "--child", what], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{what} ({execution}, {isa or 'native'}) failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--isa", choices=["both", "this"], default="both")
    parser.add_argument("--executions", default=",".join(EXECUTIONS), help="comma-separated")
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    isas = ISAS if args.isa == "both" else {"this CPU": ISAS["this CPU"]}
    executions = _chosen(args.executions, EXECUTIONS, "--executions")
    measures = _chosen(args.only, MEASURES, "--only")
    print(f"CPU: {cpu_description()}; {TARGETS}")
    for what, unit in measures.items():
        for isa_name, isa in isas.items():
            for execution_name, execution in executions.items():
                # Rounds interleave nothing else: each is a fresh process, one after another.
                runs = [run_child(what, isa, execution) for _ in range(args.rounds)]
                figures = [run["figure"] for run in runs]
                p95 = [run["p95"] for run in runs if run["p95"] is not None]
                tail = f", p95 median {statistics.median(p95):.2f}" if p95 else ""
                print(
                    f"{what:16s} {isa_name:9s} ({runs[0]['kernels']} kernels) {execution_name}: "
                    f"median {statistics.median(figures):6.2f} {unit} "
                    f"(runs {', '.join(f'{f:.2f}' for f in figures)}){tail}"
                )


def _chosen(names: str, known: dict, option: str) -> dict:
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        sys.exit(f"{option}: unknown {', '.join(unknown)} (known: {', '.join(known)})")
    return {name: known[name] for name in wanted}


if __name__ == "__main__":
    main()
