"""A patch discriminator: real pictures against made ones, judged 8x8 pixels at a time.

A network trained on pixel loss alone draws the average of what a patch could be, which is
soft. Trained beside a discriminator (hinge loss), it is pushed to commit to one sharp
answer instead; a small weight keeps the pixel loss in charge of what is drawn. Used by the
decoder-sharpening experiment and the plate upsampler.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class PatchDiscriminator(nn.Sequential):
    """Real or made, judged per 8x8-pixel patch: [B, 3, H, W] → logits [B, 1, H/8, W/8]."""

    def __init__(self, width: int = 32) -> None:
        def stage(inputs: int, outputs: int) -> list[nn.Module]:
            return [
                nn.Conv2d(inputs, outputs, 4, stride=2, padding=1),
                nn.GroupNorm(8, outputs),
                nn.LeakyReLU(0.2),
            ]

        super().__init__(
            nn.Conv2d(3, width, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            *stage(width, 2 * width),
            *stage(2 * width, 4 * width),
            nn.Conv2d(4 * width, 1, 3, padding=1),
        )

    def fooling(self, made: torch.Tensor) -> torch.Tensor:
        """The maker's loss: how little the discriminator believes `made` (0..1 pictures)."""
        return -self(made * 2 - 1).mean()

    def learn(self, optimiser, real: torch.Tensor, made: torch.Tensor) -> None:
        """One step of the discriminator (hinge loss) on `real` against `made`."""
        judged_real, judged_made = self(real * 2 - 1), self(made.detach() * 2 - 1)
        loss = F.relu(1 - judged_real).mean() + F.relu(1 + judged_made).mean()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
