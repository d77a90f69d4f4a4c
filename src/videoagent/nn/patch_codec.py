"""Frames as pixel patches: the lossless "latent space" of a video model that works on
pixels, with the autoencoder's encode/decode interface so sampling and training treat both
alike.

A frame [3, H, W] becomes [3·p·p, H/p, W/p]: each position holds its p×p patch of pixels
(scaled to -1..1). Nothing is learnt and nothing is lost: flat colours and a dog's outline
come back exactly as the video model draws them, with no decoder to soften them.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class PatchCodecConfig:
    patch: int = 8

    @property
    def factor(self) -> int:
        return self.patch


class PatchCodec(nn.Module):
    """encode: [B, 3, H, W] in 0..1 → [B, 3·p·p, H/p, W/p]; decode: the way back."""

    def __init__(self, config: PatchCodecConfig = PatchCodecConfig()) -> None:
        super().__init__()
        self.config = config

    def encode(self, frames: torch.Tensor) -> torch.Tensor:
        p = self.config.patch
        height, width = frames.shape[-2:]
        patches = F.unfold(frames * 2 - 1, p, stride=p)
        return patches.view(len(frames), -1, height // p, width // p)

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        p = self.config.patch
        height, width = latents.shape[-2] * p, latents.shape[-1] * p
        frames = F.fold(latents.flatten(2), (height, width), p, stride=p)
        return (frames + 1) / 2

    def forward(self, frames: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        latents = self.encode(frames)
        return self.decode(latents), latents
