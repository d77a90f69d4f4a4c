"""The recognizer: what a synthworld frame shows. Our judge of generated video.

One small convolutional network reads a frame and answers, each with its own head:
which kinds of things are in it (several at once), which actions the creatures are doing
(several), the place, the time of day and the weather (one each). Its pooled features are
also the space in which generated and real clips are compared (a Fréchet distance).

Features are the mean and the maximum of the last feature map: the mean carries the place
and the light, the maximum a small dog that the mean would wash out.

One frame cannot tell a walking dog from a standing one (its legs at one instant are the
same), so a recognizer may also read the frame `motion_seconds` before, stacked with the
frame as six channels (`paired`): what moved, and how far, is then in its input. It may
read `motion_frames` earlier ones, each `motion_seconds` before the next: a walk moves a
wide shot's dog 3 px in a quarter second, 6 in half a second, while a running dog's stride
(0.42 s in synthworld) comes nearly round again in half a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from videoagent.nn.blocks import Down
from videoagent.synthworld import vocabulary as vocab

# Head name → the classes it chooses among, and whether several may be true at once.
HEADS: dict[str, tuple[tuple[str, ...], bool]] = {
    "kinds": (vocab.LEARNT_KINDS, True),
    "actions": (vocab.LEARNT_ACTIONS, True),
    "place": (vocab.LEARNT_PLACES, False),
    "time_of_day": (vocab.TIMES, False),
    "weather": (vocab.WEATHERS, False),
}


@dataclass(frozen=True)
class RecognizerConfig:
    widths: tuple[int, int, int, int] = (32, 64, 96, 160)
    motion_seconds: float = 0.0  # how long before each frame the second one it reads is; 0: none
    motion_frames: int = 1  # how many earlier frames it reads, each motion_seconds before the next

    @property
    def channels(self) -> int:
        """Input channels: the frame's three, and three for each earlier frame read."""
        return 3 * (1 + self.motion_frames) if self.motion_seconds else 3

    @property
    def earlier_frames(self) -> int:
        """How many earlier frames it reads (0 for single frames)."""
        return self.motion_frames if self.motion_seconds else 0


def paired(frames: torch.Tensor, gap: int, count: int = 1) -> torch.Tensor:
    """[T, 3, H, W] → [T, 3 * (1 + count), H, W]: each frame with the `count` frames `gap`,
    2 `gap`, … frames before it (where the clip has none, its first frame)."""
    index = torch.arange(len(frames))
    earlier = [frames[(index - k * gap).clamp(min=0)] for k in range(1, count + 1)]
    return torch.cat([frames, *earlier], dim=1)


class Recognizer(nn.Module):
    """[B, 3, H, W] in 0..1 (6 channels with motion: the frame, then the one before) →
    {head: logits [B, classes]}."""

    def __init__(self, config: RecognizerConfig = RecognizerConfig()) -> None:
        super().__init__()
        self.config = config
        a, b, c, d = config.widths
        self.trunk = nn.Sequential(
            nn.Conv2d(config.channels, a, 3, padding=1),
            Down(a, a),
            Down(a, b),
            Down(b, c),
            Down(c, d),
            nn.GroupNorm(8, d),
            nn.SiLU(),
        )
        self.heads = nn.ModuleDict(
            {name: nn.Linear(2 * d, len(classes)) for name, (classes, _) in HEADS.items()}
        )

    def features(self, frames: torch.Tensor) -> torch.Tensor:
        """[B, channels, H, W] → [B, 2 * width]."""
        grid = self.trunk(frames * 2 - 1).flatten(2)
        return torch.cat([grid.mean(-1), grid.amax(-1)], dim=-1)

    def forward(self, frames: torch.Tensor) -> dict[str, torch.Tensor]:
        pooled = self.features(frames)
        return {name: head(pooled) for name, head in self.heads.items()}


def probabilities(logits: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Sigmoid for the several-at-once heads, softmax for the pick-one heads."""
    return {
        name: value.sigmoid() if HEADS[name][1] else value.softmax(-1)
        for name, value in logits.items()
    }
