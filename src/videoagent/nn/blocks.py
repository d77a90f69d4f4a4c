"""Small convolutional building blocks shared by the autoencoders (and later the world model)."""

from __future__ import annotations

import torch
from torch import nn


def norm(channels: int) -> nn.GroupNorm:
    return nn.GroupNorm(min(8, channels), channels)


class ResBlock(nn.Module):
    """norm → SiLU → conv, twice, plus the input: keeps detail as the network deepens."""

    def __init__(self, channels: int, conv: type[nn.Module] = nn.Conv2d) -> None:
        super().__init__()
        self.body = nn.Sequential(
            norm(channels),
            nn.SiLU(),
            conv(channels, channels, 3, padding=1),
            norm(channels),
            nn.SiLU(),
            conv(channels, channels, 3, padding=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class Down(nn.Sequential):
    """Halve height and width (a strided convolution), then a residual block."""

    def __init__(self, inputs: int, outputs: int) -> None:
        super().__init__(nn.Conv2d(inputs, outputs, 4, stride=2, padding=1), ResBlock(outputs))


class Up(nn.Sequential):
    """Double height and width (nearest neighbour, then a convolution), then a residual block."""

    def __init__(self, inputs: int, outputs: int) -> None:
        super().__init__(
            nn.Upsample(scale_factor=2, mode="nearest"),
            nn.Conv2d(inputs, outputs, 3, padding=1),
            ResBlock(outputs),
        )
