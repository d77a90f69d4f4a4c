"""The world model: a diffusion transformer that draws the next frame from the frames so far
and the player's action, made by flow matching as a shortcut model (`nn/shortcut.py`).

It works on pixels cut into patches (one token per 8x8 patch of a 64x64 frame): these
worlds are flat colours with sharp edges, which a learnt linear patch decoder keeps sharp,
and no autoencoder means no decoder latency. Frame by frame, so nothing waits for later
frames. Its inputs, besides the noisy frame being made:
- the action (keys or mouse): given to every frame token with its patch, embedded into the
  conditioning vector of every block, and as the one token the blocks' cross-attention
  reads (the caption's place in the video model); for a mouse, also where the pointer
  lands, drawn as a map beside the recent frames;
- packed context, bounded however long play goes on: the most recent frames at full
  detail, stacked patch by patch with the noisy frame; older frames cut into 4x coarser
  patches (16x fewer tokens each); the episode's first frame the same way, as an anchor.
  Context is noised in training (and lightly in play) so small errors are repaired
  rather than compounded;
- the noise time t, the step size it will be sampled with, and the context noise level.

The network predicts the clean frame and returns the velocity that leads to it, because a
patch holds more numbers (192) than a token (128): a clean patch of flat colours passes
through that narrow a token easily, the noise a velocity would have to carry does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from videoagent.nn.dit_block import DiTBlock, modulate
from videoagent.nn.shortcut import STEP_LEVELS
from videoagent.nn.video_model import ScalarEmbedding

MIN_REMAINING = 0.05  # velocity = (clean - noisy) / (1 - t), kept finite near t = 1


@dataclass(frozen=True)
class WorldModelConfig:
    environment: str = "griddodge"
    frame_height: int = 64
    frame_width: int = 64
    action_features: int = 5
    patch: int = 8
    width: int = 128
    depth: int = 4
    heads: int = 4
    recent_frames: int = 2  # at full detail, stacked with the noisy frame
    older_frames: int = 2  # before those, in coarse patches
    coarse_patch: int = 32
    anchor: bool = True  # the first frame, in coarse patches
    local_mixing: bool = True
    # The noisy frame gets its own patch embedding, scaled per channel by the noise time, so
    # that at t = 0 (pure noise, where one-step sampling starts) the model can shut it out
    # rather than have 192 numbers of noise per patch share a 128-wide token with the
    # context's detail. A small gain on MiniDesk (loss 0.0205 against 0.0219 after 1,000
    # steps), and on GridDodge (first-step hazard errors 51% against 73%); off in
    # checkpoints made before it existed.
    gated_noise: bool = False
    # The action's last two numbers are where the pointer lands (x, y over the frame size);
    # the model draws them as a map beside the recent frames, so that each patch sees where
    # the pointer is within it (a mouse-driven screen, MiniDesk).
    pointer: bool = False
    # Hidden width of the patch decoder; 0 decodes each token linearly (older checkpoints).
    # With 512, GridDodge's agent was right after 100 frames in 46% of runs against 37%
    # (one training run each, 200 held-out runs; docs/models.md).
    decoder_hidden: int = 0
    fps: float = 15.0

    @property
    def grid(self) -> tuple[int, int]:
        return self.frame_height // self.patch, self.frame_width // self.patch

    @property
    def coarse_grid(self) -> tuple[int, int]:
        return self.frame_height // self.coarse_patch, self.frame_width // self.coarse_patch

    @property
    def span(self) -> int:
        """The most frames back the model reads (see `TokenWorldModelConfig.span`)."""
        return self.recent_frames + self.older_frames


def patchify(frames: torch.Tensor, patch: int) -> torch.Tensor:
    """[B, C, H, W] → [B, (H/p)(W/p), C·p·p] tokens, row by row."""
    return F.unfold(frames, patch, stride=patch).transpose(1, 2)


def unpatchify(tokens: torch.Tensor, patch: int, size: tuple[int, int]) -> torch.Tensor:
    """The inverse of `patchify`: [B, L, C·p·p] → [B, C, H, W]."""
    return F.fold(tokens.transpose(1, 2), size, patch, stride=patch)


class WorldModel(nn.Module):
    def __init__(self, config: WorldModelConfig) -> None:
        super().__init__()
        self.config = config
        w, p, recent = config.width, config.patch, config.recent_frames
        rows, columns = config.grid
        coarse = config.coarse_grid[0] * config.coarse_grid[1]
        # each frame token reads its patch of the noisy and recent frames (and the pointer
        # map), which recent frames are there, and the action: where a key moves things is
        # decided locally
        pixels = (recent + (0 if config.gated_noise else 1)) * 3 * p * p
        pixels += p * p if config.pointer else 0  # the pointer map
        self.frame_in = nn.Linear(pixels + recent + config.action_features, w)
        if config.gated_noise:
            self.noisy_in = nn.Linear(3 * p * p, w)
            self.noisy_gate = nn.Linear(w, w)
            nn.init.zeros_(self.noisy_gate.weight)
            nn.init.zeros_(self.noisy_gate.bias)
        self.frame_position = nn.Parameter(torch.randn(rows * columns, w) * 0.02)
        self.coarse_in = nn.Linear(3 * config.coarse_patch**2, w)
        self.coarse_position = nn.Parameter(torch.randn(coarse, w) * 0.02)
        # one learnt marker per older frame (by age) and one for the anchor
        self.coarse_kind = nn.Parameter(torch.randn(config.older_frames + 1, w) * 0.02)
        self.coarse_absent = nn.Parameter(torch.zeros(w))
        self.action_in = nn.Sequential(
            nn.Linear(config.action_features, w), nn.SiLU(), nn.Linear(w, w)
        )
        self.time = ScalarEmbedding(w)
        self.context_noise = ScalarEmbedding(w)
        self.step = nn.Embedding(STEP_LEVELS + 1, w)
        grid = config.grid if config.local_mixing else None
        self.blocks = nn.ModuleList(DiTBlock(w, config.heads, grid) for _ in range(config.depth))
        self.final_norm = nn.LayerNorm(w, elementwise_affine=False, eps=1e-6)
        self.final_modulation = nn.Linear(w, 2 * w)
        if config.decoder_hidden:
            hidden = config.decoder_hidden
            self.out = nn.Sequential(nn.Linear(w, hidden), nn.GELU(), nn.Linear(hidden, 3 * p * p))
            last = self.out[-1]
        else:
            self.out = last = nn.Linear(w, 3 * p * p)
        for layer in (self.final_modulation, last):
            nn.init.zeros_(layer.weight)
            nn.init.zeros_(layer.bias)

    def _pointer_map(self, action: torch.Tensor) -> torch.Tensor:
        """[B, 1, H, W]: a one-pixel-wide bump where the action puts the pointer."""
        height, width = self.config.frame_height, self.config.frame_width
        x = action[:, -2].float() * width
        y = action[:, -1].float() * height
        columns = torch.arange(width, dtype=torch.float32)
        rows = torch.arange(height, dtype=torch.float32)
        across = torch.exp(-0.5 * (columns[None] - x[:, None]) ** 2)  # [B, W]
        down = torch.exp(-0.5 * (rows[None] - y[:, None]) ** 2)  # [B, H]
        return (down[:, :, None] * across[:, None, :])[:, None]

    def forward(
        self,
        noisy: torch.Tensor,
        time: torch.Tensor,
        step: torch.Tensor,
        action: torch.Tensor,
        recent: torch.Tensor,
        recent_present: torch.Tensor,
        older: torch.Tensor,
        older_present: torch.Tensor,
        anchor: torch.Tensor,
        anchor_present: torch.Tensor,
        context_noise: torch.Tensor,
    ) -> torch.Tensor:
        """The velocity for the next frame [B, 3, H, W] (pixels scaled to -1..1).

        action [B, F]; recent [B, R, 3, H, W], most recent first, with recent_present [B, R]
        bool; older [B, K, 3, H, W] with older_present [B, K]; anchor [B, 3, H, W] with
        anchor_present [B]; time, step, context_noise [B]. Absent frames may hold anything."""
        config = self.config
        size = (config.frame_height, config.frame_width)
        given = recent_present.to(noisy.dtype)  # [B, R]
        recent = recent * given[:, :, None, None, None]
        stacked = recent.flatten(1, 2)  # [B, 3R, H, W]
        if not config.gated_noise:
            stacked = torch.cat([noisy, stacked], dim=1)
        if config.pointer:
            stacked = torch.cat([stacked, self._pointer_map(action).to(stacked.dtype)], dim=1)
        tokens = patchify(stacked, config.patch)  # [B, L, pixels]
        flags = given[:, None, :].expand(-1, tokens.shape[1], -1)
        acting = action[:, None, :].to(tokens.dtype).expand(-1, tokens.shape[1], -1)
        x = self.frame_in(torch.cat([tokens, flags, acting], dim=-1)) + self.frame_position
        timed = self.time(time)
        if config.gated_noise:
            gate = 1 + self.noisy_gate(timed)[:, None]  # starts as a plain sum
            x = x + gate * self.noisy_in(patchify(noisy, config.patch))

        coarse_frames = torch.cat([older, anchor[:, None]], dim=1)  # [B, K+1, 3, H, W]
        coarse_present = torch.cat([older_present, anchor_present[:, None]], dim=1)
        if not config.anchor:
            coarse_present = coarse_present.clone()
            coarse_present[:, -1] = False
        coarse = patchify(coarse_frames.flatten(0, 1), config.coarse_patch)
        coarse = self.coarse_in(coarse).unflatten(0, coarse_frames.shape[:2])  # [B, K+1, G, w]
        present = coarse_present[:, :, None, None].to(x.dtype)
        coarse = present * coarse + (1 - present) * self.coarse_absent
        coarse = coarse + self.coarse_position + self.coarse_kind[:, None]
        x = torch.cat([x, coarse.flatten(1, 2)], dim=1)

        acted = self.action_in(action)  # [B, w]
        condition = timed + self.step(step) + self.context_noise(context_noise) + acted
        action_token = acted[:, None]
        for block in self.blocks:
            x = block(x, condition, action_token, None)
        shift, scale = self.final_modulation(F.silu(condition)).chunk(2, -1)
        frame = modulate(self.final_norm(x[:, : config.grid[0] * config.grid[1]]), shift, scale)
        clean = unpatchify(self.out(frame), config.patch, size)
        remaining = (1 - time).clamp(min=MIN_REMAINING).view(-1, 1, 1, 1)
        return (clean - noisy) / remaining
