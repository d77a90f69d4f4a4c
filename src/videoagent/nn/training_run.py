"""What every diffusion trainer does around its loss: the optimiser step, the moving average
of the weights (which is what gets saved), the progress log and the periodic checkpoint.

Sampling from an average of the last few hundred steps' weights gives steadier frames than
the last step's; early on the average follows closely (it would otherwise keep the random
start), then settles at its ceiling. A checkpoint is written every `save_every` steps and at
the end, with how many steps are done and how long they took, so an interrupted run leaves
a usable model and says how far it got.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import nn

from videoagent.nn import checkpoint

LOG_EVERY = 50


def apply_gradients(loss: torch.Tensor, model: nn.Module, optimiser, schedule) -> None:
    """Backpropagate `loss`, clip the gradient norm to 1 and take one scheduled step."""
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    schedule.step()


@torch.no_grad()
def update_average(average: nn.Module, model: nn.Module, step: int, ceiling: float) -> None:
    decay = min(ceiling, (1 + step) / (10 + step))
    for kept, live in zip(average.parameters(), model.parameters(), strict=True):
        kept.lerp_(live, 1 - decay)


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


class LossLog:
    """Logs the mean of each figure since the last line, every `every` steps and at the end."""

    def __init__(self, steps: int, log: Callable[[str], None], every: int = LOG_EVERY) -> None:
        self.steps, self.log, self.every = steps, log, every
        self.began = time.perf_counter()
        self.figures: dict[str, list[float]] = {}

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.began

    def after(self, step: int, **figures: torch.Tensor | float) -> None:
        for name, value in figures.items():
            number = value.item() if isinstance(value, torch.Tensor) else value
            self.figures.setdefault(name, []).append(number)
        if step % self.every == 0 or step == self.steps - 1:
            shown = "  ".join(f"{name} {np.mean(v):.5f}" for name, v in self.figures.items())
            self.log(f"step {step:5d}  {shown}  {self.seconds:6.0f} s")
            self.figures = {}


class Progress:
    """Logs the mean loss every `LOG_EVERY` steps and saves `average` every `save_every`."""

    def __init__(
        self,
        steps: int,
        out: Path,
        architecture: str,
        facts: dict,
        save_every: int,
        log: Callable[[str], None],
    ) -> None:
        self.steps, self.out, self.architecture = steps, out, architecture
        self.facts, self.save_every = facts, save_every
        self.losses = LossLog(steps, log)

    def after(self, step: int, loss: torch.Tensor, average: nn.Module) -> None:
        self.losses.after(step, loss=loss)
        if (step + 1) % self.save_every == 0 or step == self.steps - 1:
            self.facts["training"]["steps_done"] = step + 1
            self.facts["training"]["seconds"] = round(self.losses.seconds, 1)
            checkpoint.save(self.out, self.architecture, average, **self.facts)
