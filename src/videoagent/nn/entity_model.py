"""The entity model: draws one thing (a dog, a cup, a person) in a given pose, on its own.

The video model paints whole frames from 14x8 latents, where a dog is a cell or two: it gets
the place and the light right and the creatures as blobs. This model spends all of its
pixels on one entity instead: from the kind, its colour, what it is doing, the phase of its
gait and how far its head or arm is lowered, it draws a 64x64 sprite (premultiplied colour
and alpha) of the kind's canvas (`synthworld.sprites.extent`, stored in the config), facing
right and unlit. `nn/entity_layer.py` lays sprites over the video model's frames where the
scene is staged.

In synthworld an entity's look follows from its pose alone, so this is a conditional
decoder trained by regression, not a sampler: the same pose always gives the same sprite,
which is also what keeps a walking dog from flickering between frames.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from videoagent.nn.blocks import norm
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS, LEARNT_KINDS

# Gait phase enters as sines and cosines at these multiples: stride, tail wag and wheel
# cycles run at different rates of the same phase.
PHASE_FREQUENCIES = (0.3, 0.6, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class EntityModelConfig:
    kinds: tuple[str, ...] = LEARNT_KINDS
    actions: tuple[str, ...] = LEARNT_ACTIONS
    size: int = 64
    # Channels from the 4x4 start up to the full-size sprite (one upsampling per step).
    widths: tuple[int, ...] = (256, 192, 128, 64, 32)
    condition_width: int = 256
    # Canvas of each kind in its own metres (x0, y0, x1, y1), as the sprites were painted.
    extents: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    @property
    def condition_inputs(self) -> int:
        return len(self.kinds) + len(self.actions) + 3 + 2 * len(PHASE_FREQUENCIES) + 1


def encode_pose(
    config: EntityModelConfig,
    kind: str,
    colour: tuple[int, int, int],
    action: str,
    phase: float,
    reach: float,
) -> torch.Tensor:
    """The condition vector for one entity in one pose."""
    if kind not in config.kinds:
        raise ValueError(f"the entity model cannot draw kind {kind!r}")
    vector = torch.zeros(config.condition_inputs)
    vector[config.kinds.index(kind)] = 1.0
    at = len(config.kinds)
    if action in config.actions:  # an unknown action draws the kind at rest
        vector[at + config.actions.index(action)] = 1.0
    at += len(config.actions)
    vector[at : at + 3] = torch.tensor(colour, dtype=torch.float32) / 127.5 - 1
    at += 3
    for i, frequency in enumerate(PHASE_FREQUENCIES):
        vector[at + 2 * i] = math.sin(phase * frequency)
        vector[at + 2 * i + 1] = math.cos(phase * frequency)
    vector[-1] = reach
    return vector


class ModulatedUp(nn.Module):
    """Double the size, then two convolutions whose normalised outputs the condition scales
    and shifts (FiLM), with a skip from the upsampled input."""

    def __init__(self, inputs: int, outputs: int, condition: int) -> None:
        super().__init__()
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.skip = nn.Conv2d(inputs, outputs, 1)
        self.first = nn.Conv2d(inputs, outputs, 3, padding=1)
        self.second = nn.Conv2d(outputs, outputs, 3, padding=1)
        self.norms = nn.ModuleList([norm(outputs), norm(outputs)])
        self.film = nn.Linear(condition, 4 * outputs)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)

    def forward(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        x = self.up(x)
        scales = self.film(condition)[:, :, None, None].chunk(4, dim=1)
        h = self.norms[0](self.first(x)) * (1 + scales[0]) + scales[1]
        h = self.norms[1](self.second(nn.functional.silu(h))) * (1 + scales[2]) + scales[3]
        return nn.functional.silu(h) + self.skip(x)


class EntityModel(nn.Module):
    def __init__(self, config: EntityModelConfig) -> None:
        super().__init__()
        self.config = config
        width = config.condition_width
        self.condition = nn.Sequential(
            nn.Linear(config.condition_inputs, width),
            nn.SiLU(),
            nn.Linear(width, width),
            nn.SiLU(),
        )
        first = config.widths[0]
        self.start = nn.Linear(width, first * 16)
        steps = len(config.widths) - 1
        if 4 * 2**steps != config.size:
            raise ValueError(f"{len(config.widths)} widths do not reach size {config.size}")
        self.ups = nn.ModuleList(
            ModulatedUp(a, b, width)
            for a, b in zip(config.widths[:-1], config.widths[1:], strict=True)
        )
        self.out = nn.Conv2d(config.widths[-1], 4, 3, padding=1)

    def forward(self, condition: torch.Tensor) -> torch.Tensor:
        """[B, condition_inputs] → premultiplied RGB and alpha in 0..1, [B, 4, size, size]."""
        c = self.condition(condition)
        x = self.start(c).view(len(c), self.config.widths[0], 4, 4)
        for up in self.ups:
            x = up(x, c)
        raw = self.out(x)
        alpha = torch.sigmoid(raw[:, 3:])
        return torch.cat([torch.sigmoid(raw[:, :3]) * alpha, alpha], dim=1)
