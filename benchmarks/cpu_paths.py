"""Our models on this CPU's kernels and on AVX2-only kernels: fp32 frozen, fp32 eager, bf16.

An AVX2-only CPU (e.g. AMD Zen 3) has no bf16 instructions: PyTorch emulates them. This
machine may have them; to measure the other path here each figure is also taken in a
process restricted to AVX2 kernels (`ATEN_CPU_CAPABILITY=avx2` for PyTorch's own kernels,
`ONEDNN_MAX_CPU_ISA=AVX2` for oneDNN's). That is the code an AVX2-only CPU runs, on this
CPU's cores: a proxy for such a machine, not one (its clock, caches and memory differ).

Printed, medians of --rounds, each measurement in its own fresh process:
- the embedded generator: CPU-seconds per video-second for an 8 s take at 640x360, 24 fps,
  4 steps (the default), one torch thread, the first take of each process left out;
- the GridDodge and MiniDesk world models: ms per generated frame at one step on one thread,
  as in play.

    python benchmarks/cpu_paths.py [--rounds 3]
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


def measure_world(name: str) -> float:
    """Median ms per frame of the world model `name`, one step, one thread."""
    import torch

    from videoagent.nn import checkpoint
    from videoagent.world.evaluation import frame_latency

    torch.set_num_threads(1)
    weights = Path(__file__).resolve().parents[1] / "src/videoagent/nn/weights" / f"{name}.pt"
    model, _ = checkpoint.load(weights)
    model.eval()
    return statistics.median(frame_latency(model)) * 1000


def child(what: str) -> None:
    import torch

    figure = measure_embedded() if what == "embedded" else measure_world(what)
    print(json.dumps({"figure": figure, "kernels": torch.backends.cpu.get_cpu_capability()}))


def run_child(what: str, isa: dict, execution: dict) -> tuple[float, str]:
    env = {**os.environ, **isa, **execution}
    done = subprocess.run(
        [sys.executable, __file__, "--child", what], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{what} ({execution}, {isa or 'native'}) failed:\n{done.stderr[-2000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer["figure"], answer["kernels"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(f"CPU: {cpu_description()}; {TARGETS}")
    measures = {
        "embedded": "CPU-s per video-second",
        "world_griddodge": "ms per frame",
        "world_minidesk": "ms per frame",
    }
    for what, unit in measures.items():
        for isa_name, isa in ISAS.items():
            for execution_name, execution in EXECUTIONS.items():
                # Rounds interleave nothing else: each is a fresh process, one after another.
                runs = [run_child(what, isa, execution) for _ in range(args.rounds)]
                figures = [figure for figure, _ in runs]
                print(
                    f"{what:16s} {isa_name:9s} ({runs[0][1]} kernels) {execution_name}: "
                    f"median {statistics.median(figures):6.2f} {unit} "
                    f"(runs {', '.join(f'{f:.2f}' for f in figures)})"
                )


if __name__ == "__main__":
    main()
