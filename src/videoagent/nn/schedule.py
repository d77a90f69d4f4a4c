"""The learning-rate schedule every training command uses: linear warm-up, then cosine decay."""

from __future__ import annotations

import math

import torch


def warmup_cosine(
    optimiser: torch.optim.Optimizer, steps: int, warmup: int, floor: float = 0.0
) -> torch.optim.lr_scheduler.LambdaLR:
    """Rise to the full rate over `warmup` steps, then fall along a cosine to `floor` of it."""

    def rate(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = (step - warmup) / max(steps - warmup, 1)
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))

    return torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
