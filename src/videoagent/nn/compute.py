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
longer wall time.

Run eagerly, a small model's call is mostly Python dispatching small operators; traced and
frozen into a graph per input shape (`nn/frozen_forward.py`) it skips that. On by default in
fp32 (`VIDEOAGENT_FREEZE=0` turns it off): GridDodge's frame 9.5 → 6.8 ms on one thread,
the embedded generator 1.46 → 1.30 CPU-s per video-second after its first take, alike on
AVX2-only kernels (benchmarks/cpu_paths.py, docs/models.md).

World models go one step further where the `play` extra's `onnx` and `onnxruntime` are
installed: their frozen graphs run in ONNX Runtime (`nn/onnx_graph.py`), about twice as
fast again at a batch of one; `VIDEOAGENT_ONNX=0` keeps them in TorchScript.

`torch.compile` makes the embedded video model's steps 20% cheaper (48 frames at 4 steps,
one thread: 3.0 CPU-s against 3.8 on a Xeon with AMX), but compiling costs 22 CPU-s in a
fresh process (6.4 with Inductor's cache on disk warm): a make of a few shots loses, a
server that makes many gains. So it is asked for (`VIDEOAGENT_COMPILE=1`), not the default.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from videoagent.errors import UsageError


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
def one_thread_each(workers: int) -> Iterator[None]:
    """Within: torch uses one thread per call when `workers` calls run at once (as many as
    it liked before otherwise); the count it had is restored after."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1 if workers > 1 else before)
    try:
        yield
    finally:
        torch.set_num_threads(before)
