"""The exponential moving average of a model's weights, which is what our trainers save.

Sampling from an average of the last few hundred steps' weights gives steadier frames than
the last step's; early on the average follows closely (it would otherwise keep the random
start), then settles at `ceiling`.
"""

from __future__ import annotations

import torch
from torch import nn


@torch.no_grad()
def update_average(average: nn.Module, model: nn.Module, step: int, ceiling: float) -> None:
    decay = min(ceiling, (1 + step) / (10 + step))
    for kept, live in zip(average.parameters(), model.parameters(), strict=True):
        kept.lerp_(live, 1 - decay)
