"""Flow matching that can take big steps: the shortcut objective, shared by every model that
samples in few steps (the text-to-video model and the world model).

Noise is at t = 0 and the picture at t = 1; the network predicts a velocity. It is also told
the step size d it will be sampled with: 1, 1/2, … 1/128 (level 0 … 7) or "instantaneous"
(level 8, plain flow matching). Most of a batch learns plain flow matching; the rest learns
that one step of size 2d lands where two steps of size d would, with targets from the model
itself (no teacher, one phase), so the same network samples in 1, 2, 4, 8 or 32 steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

STEP_LEVELS = 8  # d = 2^-i for i in 0..7
FLOW_LEVEL = STEP_LEVELS  # the instantaneous velocity

# velocity(rows, noisy, time, level): the model's velocity for those rows of the batch
# (their context and conditioning are the caller's business).
Velocity = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


def step_level(steps: int) -> int:
    """The step-size index for sampling in `steps` equal steps (a power of two ≤ 128)."""
    level = int(round(math.log2(steps))) if steps >= 1 else -1
    if steps < 1 or 2**level != steps or level >= STEP_LEVELS:
        raise ValueError(f"steps must be a power of two from 1 to 128, got {steps}")
    return level


def shortcut_examples(
    data: torch.Tensor,
    noise: torch.Tensor,
    velocity: Velocity,
    generator: torch.Generator,
    share: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Training inputs and targets for a batch of clean `data` [B, ...] and its `noise`:
    (noisy, time, level, target velocity). A `share` of the rows are shortcut examples."""
    size = len(data)
    shape = (-1,) + (1,) * (data.dim() - 1)
    shortcut = torch.rand(size, generator=generator) < share
    level = torch.full((size,), FLOW_LEVEL, dtype=torch.long)
    time = torch.rand(size, generator=generator)
    chosen = torch.randint(0, STEP_LEVELS, (size,), generator=generator)
    step = 2.0 ** (-chosen.float())
    on_grid = torch.minimum(torch.floor(time / step) * step, 1 - step)
    time = torch.where(shortcut, on_grid, time)
    level = torch.where(shortcut, chosen, level)
    noisy = (1 - time.view(shape)) * noise + time.view(shape) * data
    target = data - noise
    rows = shortcut.nonzero().squeeze(1)
    if len(rows):
        with torch.no_grad():
            half = step[rows] / 2
            half_level = torch.clamp(chosen[rows] + 1, max=FLOW_LEVEL)
            first = velocity(rows, noisy[rows], time[rows], half_level).float()
            middle = noisy[rows] + half.view(shape) * first
            second = velocity(rows, middle, time[rows] + half, half_level).float()
            target = target.clone()
            target[rows] = (first + second) / 2
    return noisy, time, level, target


def integrate(velocity: Callable, start: torch.Tensor, steps: int) -> torch.Tensor:
    """Euler steps from noise `start` (t = 0) to a sample (t = 1); `velocity(x, time, level)`
    with time and level as [B] tensors."""
    rows = len(start)
    level = torch.full((rows,), step_level(steps))
    x = start
    for k in range(steps):
        x = x + velocity(x, torch.full((rows,), k / steps), level).float() / steps
    return x
