"""What machine a figure was measured on, said beside it: the CPU's model name and whether
it computes bf16 natively (AVX512-BF16 or AMX) or not (AVX2-only CPUs emulate it, slowly)."""

from __future__ import annotations

import platform
from pathlib import Path


def cpu_description() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.machine()
    name = next(
        (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
        platform.machine(),
    )
    flags = next(
        (set(line.split(":", 1)[1].split()) for line in lines if line.startswith("flags")), set()
    )
    bf16 = "native bf16" if flags & {"avx512_bf16", "amx_bf16"} else "no native bf16"
    return f"{name} ({bf16})"
