"""The video model: a diffusion transformer over frame-autoencoder latents, made by flow
matching and able to take big steps (a shortcut model).

It makes one frame at a time. Its inputs, besides the noisy latent of the frame being made:
- the caption, through our text encoder (cross-attention to every token, and the pooled
  caption in the conditioning vector);
- packed context of earlier frames: the most recent at full detail, stacked channel-wise with
  the noisy frame so every position sees what was there a moment ago; a few older ones
  pooled to a coarse grid and appended as extra tokens (bounded, however long the clip).
  Context is noised in training (and lightly at run time) so small errors do not compound;
- optionally the frame's layout: boxes of each kind of thing, their facing and colour
  (`nn/scene_layout.py`), read patch by patch and added to the frame's tokens, so the
  caption says what and the layout says where;
- the noise time t (0 = noise, 1 = picture), the step size d the caller will take, and the
  context noise level.
With no context it is a text-to-image model; that is how training starts.

Step sizes and the shortcut objective that lets it sample in 1 to 32 steps are in
`nn/shortcut.py`, shared with the world model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from videoagent.nn.dit_block import DiTBlock, modulate
from videoagent.nn.shortcut import STEP_LEVELS
from videoagent.nn.text_encoder import TextEncoder

MIN_REMAINING = 0.05  # (clean - noisy) / (1 - t) stays finite near t = 1


def remaining(time: torch.Tensor) -> torch.Tensor:
    """How far a noisy input at time t still is from the picture: 1 - t, kept above zero."""
    return (1 - time.float()).clamp(min=MIN_REMAINING)


@dataclass(frozen=True)
class VideoModelConfig:
    vocabulary: tuple[str, ...] = ()
    text_length: int = 64
    text_width: int = 128
    text_layers: int = 2
    latent_channels: int = 8
    latent_height: int = 8
    latent_width: int = 14
    latent_mean: tuple[float, ...] = ()
    latent_std: tuple[float, ...] = ()
    width: int = 192
    depth: int = 6
    heads: int = 6
    older_frames: int = 3
    older_grid: tuple[int, int] = (4, 7)
    fps: float = 8.0
    # 3x3 mixing of neighbouring frame tokens in every block (see dit_block). Off for
    # checkpoints saved before it existed; training turns it on.
    local_mixing: bool = False
    # Layout channels (nn/scene_layout) read at pixel resolution, one patch of
    # `layout_factor` pixels per latent position; 0 for checkpoints without layouts.
    layout_channels: int = 0
    layout_factor: int = 8
    # What a position holds: "autoencoder" latents (decoded by the frame autoencoder) or
    # "patches" of `patch`x`patch` pixels (nn/patch_codec: lossless, no decoder).
    frame_codec: str = "autoencoder"
    patch: int = 8
    # What the network outputs: the "velocity", or the "clean" frame, turned into the
    # velocity towards it. A patch holds more numbers (192) than a token (128): a clean patch
    # of flat colours passes through a token, the noise a velocity carries does not.
    prediction: str = "velocity"
    # Which earlier frames fill the older slots (nn/video_sampling.older_indices): "recent",
    # the frames just before, or "packed", the whole clip so far in a bounded context.
    context: str = "recent"


def _fourier(values: torch.Tensor, size: int) -> torch.Tensor:
    """Sinusoidal features of scalars in 0..1: [B] → [B, size]."""
    half = size // 2
    frequencies = torch.exp(-math.log(1000) * torch.arange(half, device=values.device) / half)
    angles = values.float()[:, None] * 1000 * frequencies[None]
    return torch.cat([angles.sin(), angles.cos()], dim=-1)


class ScalarEmbedding(nn.Sequential):
    def __init__(self, width: int) -> None:
        super().__init__(nn.Linear(width, width), nn.SiLU(), nn.Linear(width, width))
        self.width = width

    def forward(self, values: torch.Tensor) -> torch.Tensor:
        return super().forward(_fourier(values, self.width))


@dataclass
class Caption:
    """An encoded caption, computed once per clip."""

    tokens: torch.Tensor  # [B, L, width]
    padding: torch.Tensor  # [B, L]
    pooled: torch.Tensor  # [B, width]


class VideoModel(nn.Module):
    def __init__(self, config: VideoModelConfig) -> None:
        super().__init__()
        self.config = config
        c, w = config.latent_channels, config.width
        positions = config.latent_height * config.latent_width
        grid = config.older_grid[0] * config.older_grid[1]
        self.text = TextEncoder(
            len(config.vocabulary), config.text_length, config.text_width, config.text_layers, 4
        )
        self.caption_in = nn.Linear(config.text_width, w)
        self.frame_in = nn.Linear(2 * c + 1, w)  # noisy frame, recent frame, "recent given"
        self.frame_position = nn.Parameter(torch.randn(positions, w) * 0.02)
        if config.layout_channels:
            factor = config.layout_factor
            # +1: a plane of ones saying a layout is given (an empty scene is not "no layout").
            self.layout_in = nn.Conv2d(config.layout_channels + 1, w, factor, stride=factor)
            nn.init.zeros_(self.layout_in.weight)
            nn.init.zeros_(self.layout_in.bias)
        self.older_in = nn.Linear(c, w)
        self.older_position = nn.Parameter(torch.randn(grid, w) * 0.02)
        self.older_age = nn.Parameter(torch.randn(config.older_frames, w) * 0.02)
        self.older_absent = nn.Parameter(torch.zeros(w))
        self.time = ScalarEmbedding(w)
        self.context_noise = ScalarEmbedding(w)
        self.step = nn.Embedding(STEP_LEVELS + 1, w)
        frame_grid = (config.latent_height, config.latent_width)
        self.blocks = nn.ModuleList(
            DiTBlock(w, config.heads, frame_grid if config.local_mixing else None)
            for _ in range(config.depth)
        )
        self.final_norm = nn.LayerNorm(w, elementwise_affine=False, eps=1e-6)
        self.final_modulation = nn.Linear(w, 2 * w)
        self.out = nn.Linear(w, c)
        for layer in (self.final_modulation, self.out):
            nn.init.zeros_(layer.weight)
            nn.init.zeros_(layer.bias)

    # Latents are normalised per channel to about unit scale before the model sees them.
    def normalise(self, latents: torch.Tensor) -> torch.Tensor:
        mean, std = self._stats(latents)
        return (latents - mean) / std

    def denormalise(self, latents: torch.Tensor) -> torch.Tensor:
        mean, std = self._stats(latents)
        return latents * std + mean

    def _stats(self, like: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        shape = (-1, 1, 1)
        mean = torch.tensor(self.config.latent_mean, dtype=like.dtype).view(shape)
        std = torch.tensor(self.config.latent_std, dtype=like.dtype).view(shape)
        return mean, std

    def encode_caption(self, ids: torch.Tensor) -> Caption:
        tokens, padding, pooled = self.text(ids)
        return Caption(self.caption_in(tokens), padding, pooled)

    def forward(
        self,
        noisy: torch.Tensor,
        time: torch.Tensor,
        step: torch.Tensor,
        caption: Caption,
        recent: torch.Tensor | None = None,
        recent_present: torch.Tensor | None = None,
        older: torch.Tensor | None = None,
        older_present: torch.Tensor | None = None,
        context_noise: torch.Tensor | None = None,
        layout: torch.Tensor | None = None,
        layout_present: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """The velocity for each latent [B, C, h, w] (all in normalised latent units).

        recent [B, C, h, w] or None, with recent_present [B] bool (None: all present) so one
        batch can mix first frames and later ones; older [B, K, C, h, w] (most recent first)
        with older_present [B, K] bool, or None; context_noise [B] (the σ added to context);
        layout [B, L, H, W] at pixel resolution with layout_present [B] bool (None: all
        present), or None."""
        batch, channels, height, width = noisy.shape
        config = self.config
        if recent is None:
            recent, recent_present = torch.zeros_like(noisy), torch.zeros(batch, dtype=torch.bool)
        elif recent_present is None:
            recent_present = torch.ones(batch, dtype=torch.bool)
        recent_given = recent_present.view(batch, 1, 1, 1).to(noisy.dtype)
        recent = recent * recent_given
        recent_given = recent_given.expand(batch, 1, height, width)
        stacked = torch.cat([noisy, recent, recent_given], dim=1)
        x = self.frame_in(stacked.flatten(2).transpose(1, 2)) + self.frame_position
        if config.layout_channels and layout is not None:
            x = x + self._layout_tokens(layout, layout_present)
        count = config.older_frames
        grid = config.older_grid[0] * config.older_grid[1]
        if older is None:
            older_tokens = self.older_absent.expand(batch, count, grid, -1)
        else:
            pooled = F.adaptive_avg_pool2d(older.flatten(0, 1), config.older_grid)
            pooled = pooled.view(batch, count, channels, grid).transpose(2, 3)
            present = older_present.view(batch, count, 1, 1).to(x.dtype)
            older_tokens = present * self.older_in(pooled) + (1 - present) * self.older_absent
        older_tokens = older_tokens + self.older_position + self.older_age[:, None]
        x = torch.cat([x, older_tokens.flatten(1, 2)], dim=1)
        if context_noise is None:
            context_noise = torch.zeros(batch)
        condition = (
            self.time(time)
            + self.step(step)
            + self.context_noise(context_noise)
            + self.caption_in(caption.pooled)
        )
        for block in self.blocks:
            x = block(x, condition, caption.tokens, caption.padding)
        shift, scale = self.final_modulation(F.silu(condition)).chunk(2, -1)
        frame = modulate(self.final_norm(x[:, : height * width]), shift, scale)
        made = self.out(frame).transpose(1, 2).reshape(batch, channels, height, width)
        if config.prediction == "clean":
            return (made - noisy) / remaining(time).view(-1, 1, 1, 1)
        return made

    def _layout_tokens(self, layout: torch.Tensor, present: torch.Tensor | None) -> torch.Tensor:
        batch = len(layout)
        given = torch.ones(batch, 1, *layout.shape[2:], dtype=layout.dtype)
        if present is not None:
            shape = (batch, 1, 1, 1)
            given = given * present.view(shape).to(layout.dtype)
            layout = layout * present.view(shape).to(layout.dtype)
        tokens = self.layout_in(torch.cat([layout, given], dim=1))
        return tokens.flatten(2).transpose(1, 2)
