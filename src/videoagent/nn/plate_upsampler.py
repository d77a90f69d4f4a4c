"""The plate upsampler: the video model's small, soft plate made six times larger and sharp.

The video model draws its plate (place, light, weather, the camera's move) at 112x64, and
the autoencoder that decodes it is soft; scaled to 640x360 by a classic filter it is a blur.
This network redraws the plate at six times the size from the plate itself and what the
scene is (its place, time of day and weather, which say what edges and colours to expect):
convolutions at the plate's own size, each block modulated by the scene (FiLM), and a last
convolution that gives every plate pixel its 6x6 block of output pixels (sub-pixel
convolution), added to the bicubic enlargement. Its last layer starts at zero, so an
untrained network is exactly bicubic. All its work is done at the small size, which is what
keeps it within a fraction of a CPU-second per second of video.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from videoagent.synthworld.vocabulary import LEARNT_PLACES, TIMES, WEATHERS


@dataclass(frozen=True)
class PlateUpsamplerConfig:
    width: int = 64
    blocks: int = 5
    factor: int = 6
    places: tuple[str, ...] = LEARNT_PLACES
    times: tuple[str, ...] = TIMES
    weathers: tuple[str, ...] = WEATHERS

    @property
    def condition_inputs(self) -> int:
        return len(self.places) + len(self.times) + len(self.weathers)


def scene_condition(
    config: PlateUpsamplerConfig, place: str, time_of_day: str, weather: str
) -> torch.Tensor:
    """The scene as the network reads it: one-hot place, time of day and weather [K]. A name
    the network was not trained on is left out (its part stays zero)."""
    condition = torch.zeros(config.condition_inputs)
    offset = 0
    for names, name in (
        (config.places, place),
        (config.times, time_of_day),
        (config.weathers, weather),
    ):
        if name in names:
            condition[offset + names.index(name)] = 1
        offset += len(names)
    return condition


class _SceneBlock(nn.Module):
    """A residual pair of convolutions whose features the scene scales and shifts."""

    def __init__(self, width: int, condition_inputs: int) -> None:
        super().__init__()
        self.first = nn.Conv2d(width, width, 3, padding=1)
        self.second = nn.Conv2d(width, width, 3, padding=1)
        self.modulation = nn.Linear(condition_inputs, 2 * width)
        nn.init.zeros_(self.modulation.weight)
        nn.init.zeros_(self.modulation.bias)

    def forward(self, x: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        scale, shift = self.modulation(condition)[:, :, None, None].chunk(2, dim=1)
        h = F.relu(self.first(x)) * (1 + scale) + shift
        return x + self.second(h)


class PlateUpsampler(nn.Module):
    """plate [B, 3, h, w] in 0..1 and scene [B, K] → [B, 3, h·f, w·f], about 0..1."""

    def __init__(self, config: PlateUpsamplerConfig = PlateUpsamplerConfig()) -> None:
        super().__init__()
        self.config = config
        self.head = nn.Conv2d(3, config.width, 3, padding=1)
        self.body = nn.ModuleList(
            _SceneBlock(config.width, config.condition_inputs) for _ in range(config.blocks)
        )
        self.tail = nn.Conv2d(config.width, 3 * config.factor**2, 3, padding=1)
        nn.init.zeros_(self.tail.weight)
        nn.init.zeros_(self.tail.bias)

    def forward(self, plate: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.head(plate * 2 - 1))
        for block in self.body:
            x = block(x, condition)
        detail = F.pixel_shuffle(self.tail(x), self.config.factor)
        enlarged = F.interpolate(
            plate, scale_factor=self.config.factor, mode="bicubic", align_corners=False
        )
        return enlarged + detail


@torch.inference_mode()
def enlarge(
    model: PlateUpsampler, plates: np.ndarray, condition: torch.Tensor, batch: int = 8
) -> np.ndarray:
    """uint8 plates [T, h, w, 3] redrawn at `factor` times their size, uint8 [T, h·f, w·f, 3],
    all of them read as the scene `condition` ([K], `scene_condition`)."""
    made = []
    for first in range(0, len(plates), batch):
        chunk = torch.from_numpy(np.ascontiguousarray(plates[first : first + batch]))
        chunk = chunk.permute(0, 3, 1, 2).float() / 255
        out = model(chunk, condition.expand(len(chunk), -1))
        made.append((out.clamp(0, 1) * 255).round().byte().permute(0, 2, 3, 1).numpy())
    return np.concatenate(made)
