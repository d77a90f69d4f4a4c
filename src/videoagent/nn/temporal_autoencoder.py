"""The temporal autoencoder, for comparison: 8× smaller in height and width and 4× in time.

It compresses twice as hard per frame as the frame autoencoder, but a streaming generator
must wait for 4 frames before it can decode any of them: 3 frames of added lag.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from videoagent.nn.blocks import Down, ResBlock, Up


@dataclass(frozen=True)
class TemporalAutoencoderConfig:
    """Widths of the three 2× stages, frames per latent step, and the latent depth."""

    widths: tuple[int, int, int] = (32, 64, 96)
    frames_per_latent: int = 4
    latent_channels: int = 16


class TemporalAutoencoder(nn.Module):
    """encode: [B, T, 3, H, W] → [B, C, T/4, H/8, W/8]; decode: the way back."""

    def __init__(self, config: TemporalAutoencoderConfig = TemporalAutoencoderConfig()) -> None:
        super().__init__()
        self.config = config
        a, b, c = config.widths
        k = config.frames_per_latent
        self.spatial_encoder = nn.Sequential(
            nn.Conv2d(3, a, 3, padding=1), Down(a, a), Down(a, b), Down(b, c), ResBlock(c)
        )
        self.temporal_encoder = nn.Sequential(
            nn.GroupNorm(8, c),
            nn.SiLU(),
            nn.Conv3d(c, config.latent_channels, (k, 1, 1), stride=(k, 1, 1)),
        )
        self.temporal_decoder = nn.ConvTranspose3d(
            config.latent_channels, c, (k, 1, 1), stride=(k, 1, 1)
        )
        self.spatial_decoder = nn.Sequential(
            ResBlock(c),
            Up(c, b),
            Up(b, a),
            Up(a, a),
            nn.GroupNorm(8, a),
            nn.SiLU(),
            nn.Conv2d(a, 3, 3, padding=1),
        )

    def encode(self, clips: torch.Tensor) -> torch.Tensor:
        b, t, _, h, w = clips.shape
        features = self.spatial_encoder(clips.reshape(b * t, 3, h, w) * 2 - 1)
        _, c, fh, fw = features.shape
        features = features.reshape(b, t, c, fh, fw).transpose(1, 2)  # [B, c, T, h, w]
        return self.temporal_encoder(features)  # [B, C, T/4, h, w]

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        features = self.temporal_decoder(latents)  # [B, c, T, h, w]
        b, c, t, fh, fw = features.shape
        features = features.transpose(1, 2).reshape(b * t, c, fh, fw)
        frames = (self.spatial_decoder(features) + 1) / 2  # [B*T, 3, H, W]
        return frames.reshape(b, t, 3, *frames.shape[-2:])

    def forward(self, clips: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        latents = self.encode(clips)
        return self.decode(latents), latents
