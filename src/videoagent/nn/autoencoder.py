"""The frame autoencoder: each frame on its own, 8× smaller in height and width.

No temporal compression, so a streaming generator can decode every frame the moment it is
made (no added lag). 112×64×3 pixels ↔ 14×8×`latent_channels` numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from videoagent.nn.blocks import Down, ResBlock, Up


@dataclass(frozen=True)
class FrameAutoencoderConfig:
    """Widths of the three 2× stages and the latent depth."""

    widths: tuple[int, int, int] = (32, 64, 96)
    latent_channels: int = 8

    @property
    def factor(self) -> int:
        return 2 ** len(self.widths)


class FrameAutoencoder(nn.Module):
    """encode: [B, 3, H, W] in 0..1 → [B, C, H/8, W/8]; decode: the way back."""

    def __init__(self, config: FrameAutoencoderConfig = FrameAutoencoderConfig()) -> None:
        super().__init__()
        self.config = config
        a, b, c = config.widths
        self.encoder = nn.Sequential(
            nn.Conv2d(3, a, 3, padding=1),
            Down(a, a),  # H/2
            Down(a, b),  # H/4
            Down(b, c),  # H/8
            ResBlock(c),
            nn.GroupNorm(8, c),
            nn.SiLU(),
            nn.Conv2d(c, config.latent_channels, 1),
        )
        self.decoder = nn.Sequential(
            nn.Conv2d(config.latent_channels, c, 3, padding=1),
            ResBlock(c),
            Up(c, b),  # H/4
            Up(b, a),  # H/2
            Up(a, a),  # H
            nn.GroupNorm(8, a),
            nn.SiLU(),
            nn.Conv2d(a, 3, 3, padding=1),
        )

    def encode(self, frames: torch.Tensor) -> torch.Tensor:
        return self.encoder(frames * 2 - 1)  # [B, C, H/8, W/8]

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        return (self.decoder(latents) + 1) / 2  # [B, 3, H, W], about 0..1

    def forward(self, frames: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        latents = self.encode(frames)
        return self.decode(latents), latents
