"""How our models compute on this CPU: the number format, and the threads.

Our models are small (a few million parameters, a few frames a call), and for them bf16 is
slower than fp32 on every CPU measured: on AVX2-only CPUs PyTorch emulates it (the embedded
generator took 8.6-9.0 CPU-s per video-second against 2.9-3.1 in fp32 on a Zen 3); even
with native bf16 (AVX512-BF16 and AMX) the conversions cost more than they save (the
GridDodge world model 10.5 ms a frame against 7.0 in fp32 on one thread; the embedded
generator no faster). So they compute in fp32; `VIDEOAGENT_PRECISION=bf16` asks for bf16
autocast (to compare, or for larger models on a CPU that has it).

Torch's threads are one pool per process: when the agent makes several shots at once, each
model call takes one thread, or the workers fight over the cores and burn more CPU for a
longer wall time. Alone, it takes the cores nobody else is using, measured as it starts
(`/proc/stat` over a tenth of a second): torch's threads wait for each other by spinning,
so a thread on a core another process holds stalls every small operator. Measured on a
2-core AMD EPYC, the embedded generator's 2 s take: 1.45 s on two threads and 2.55 s on one
with the machine idle; with another process busy on one core, 50-74 s on two threads and
2.5-4.7 s on one (waiting passively instead of spinning, OMP_WAIT_POLICY=PASSIVE, mends the
busy case but makes the idle one 3.5 s). `VIDEOAGENT_THREADS` sets the count outright.

Run eagerly, a small model's call is mostly Python dispatching small operators; traced and
frozen into a graph per input shape (`nn/frozen_forward.py`) it skips that. On by default in
fp32 (`VIDEOAGENT_FREEZE=0` turns it off): GridDodge's frame 9.5 → 6.8 ms on one thread,
the embedded generator 1.46 → 1.30 CPU-s per video-second after its first take, alike on
AVX2-only kernels (benchmarks/cpu_paths.py, docs/models.md).

World models go one step further where the `play` extra's `onnx` and `onnxruntime` are
installed: their frozen graphs run in ONNX Runtime (`nn/onnx_graph.py`), about twice as
fast again at a batch of one; `VIDEOAGENT_ONNX=0` keeps them in TorchScript.

Training is different: larger batches, where bf16 autocast pays on a CPU that computes it
natively (AVX512-BF16 or AMX), so training uses it there and fp32 elsewhere, where emulated
bf16 runs 3-12x slower (`training_precision`; checkpoints record the choice).

`torch.compile` makes the embedded video model's steps 20% cheaper (48 frames at 4 steps,
one thread: 3.0 CPU-s against 3.8 on a Xeon with AMX), but compiling costs 22 CPU-s in a
fresh process (6.4 with Inductor's cache on disk warm): a make of a few shots loses, a
server that makes many gains. So it is asked for (`VIDEOAGENT_COMPILE=1`), not the default.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import Iterator

from videoagent.errors import UsageError

IDLE_WINDOW = 0.1  # seconds over which idle cores are measured before models run


def precision() -> str:
    """ "fp32" (the default) or "bf16": what the models compute in."""
    chosen = os.environ.get("VIDEOAGENT_PRECISION", "fp32")
    if chosen not in ("bf16", "fp32"):
        raise UsageError(f"VIDEOAGENT_PRECISION must be bf16 or fp32, got {chosen!r}")
    return chosen


def in_precision() -> contextlib.AbstractContextManager:
    """The context a model runs in: bf16 autocast when asked for, else plain fp32."""
    if precision() == "bf16":
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


@functools.lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether this CPU computes bf16 itself (AVX512-BF16 or AMX), as Linux reports it."""
    try:
        with open("/proc/cpuinfo") as info:
            flags = next((line for line in info if line.startswith("flags")), "").split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def training_precision() -> str:
    """ "bf16" where the CPU computes it natively, else "fp32": what trainers compute in."""
    return "bf16" if native_bf16() else "fp32"


def in_training_precision() -> contextlib.AbstractContextManager:
    """The context a training step's forward pass runs in (`training_precision`)."""
    if training_precision() == "bf16":
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def compiling() -> bool:
    """Whether to compile models (`VIDEOAGENT_COMPILE=1`); off by default, see above."""
    chosen = os.environ.get("VIDEOAGENT_COMPILE", "0")
    if chosen not in ("0", "1"):
        raise UsageError(f"VIDEOAGENT_COMPILE must be 0 or 1, got {chosen!r}")
    return chosen == "1"


def freezing() -> bool:
    """Whether forward passes run as frozen graphs: `VIDEOAGENT_FREEZE` (1 by default), in
    fp32 (a graph traced under bf16 autocast would keep this CPU's casts) and when the
    model is not compiled instead."""
    chosen = os.environ.get("VIDEOAGENT_FREEZE", "1")
    if chosen not in ("0", "1"):
        raise UsageError(f"VIDEOAGENT_FREEZE must be 0 or 1, got {chosen!r}")
    return chosen == "1" and precision() == "fp32" and not compiling()


def onnx_runtime() -> bool:
    """Whether models that allow it run their graphs in ONNX Runtime (`VIDEOAGENT_ONNX`, 1 by
    default; it takes effect only where graphs are used and the packages are installed)."""
    chosen = os.environ.get("VIDEOAGENT_ONNX", "1")
    if chosen not in ("0", "1"):
        raise UsageError(f"VIDEOAGENT_ONNX must be 0 or 1, got {chosen!r}")
    return chosen == "1"


def execution() -> str:
    """How the models run, as a take's key and report name it: "eager", "frozen" or
    "compiled" (each may give other pixels in the last bit)."""
    return "compiled" if compiling() else "frozen" if freezing() else "eager"


@contextlib.contextmanager
def threads_for_models(workers: int) -> Iterator[int]:
    """Within: torch uses the threads `model_threads(workers)` chooses; the count it had is
    restored after. Yields the count."""
    import torch

    before = torch.get_num_threads()
    chosen = model_threads(workers)
    torch.set_num_threads(chosen)
    try:
        yield chosen
    finally:
        torch.set_num_threads(before)


def model_threads(workers: int) -> int:
    """Torch threads for each of `workers` model calls at once: one each when there are
    several, else the cores idle now (at least one); `VIDEOAGENT_THREADS` when set."""
    chosen = os.environ.get("VIDEOAGENT_THREADS", "")
    if chosen:
        if not chosen.isdigit() or int(chosen) < 1:
            raise UsageError(
                f"VIDEOAGENT_THREADS must be a whole number of 1 or more, got {chosen!r}"
            )
        return int(chosen)
    if workers > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, int(idle_cores() + 0.25)))


def idle_cores(window: float = IDLE_WINDOW) -> float:
    """How many cores' worth of time went unused over `window` seconds (all of them where
    /proc/stat cannot be read)."""
    first = _cpu_times()
    if first is None:
        return float(os.cpu_count() or 1)
    time.sleep(window)
    second = _cpu_times()
    total = sum(second) - sum(first)
    if total <= 0:
        return float(os.cpu_count() or 1)
    idle = (second[3] + second[4]) - (first[3] + first[4])  # idle and iowait
    return (os.cpu_count() or 1) * idle / total


def _cpu_times() -> list[int] | None:
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    return [int(value) for value in fields[1:9]]
