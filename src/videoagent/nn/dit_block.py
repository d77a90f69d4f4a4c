"""One diffusion-transformer block: self-attention, cross-attention to the caption, MLP.

Each part is modulated by the conditioning vector (noise time, step size, caption) through
shift, scale and a gate that starts at zero, so a new block begins as the identity and
training opens it gradually (adaLN-zero).

With a `grid`, the MLP also mixes each frame token with its 3x3 neighbours (a depthwise
convolution between its two layers). Attention alone has no notion of "nearby", and telling
noise from picture is mostly a local question: is this cell like its neighbours? The
convolution starts at zero, so it can be added to a trained block without changing it.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def modulate(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    return x * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1)


class Attention(nn.Module):
    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(width, width)
        self.key_value = nn.Linear(width, 2 * width)
        self.out = nn.Linear(width, width)

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, width = x.shape
        return x.view(batch, length, self.heads, width // self.heads).transpose(1, 2)

    def forward(
        self, x: torch.Tensor, source: torch.Tensor, padding: torch.Tensor | None = None
    ) -> torch.Tensor:
        if source.shape[1] == 1 and padding is None:
            # One key (a world model's action): every query's weights are that key's 1, so
            # each token gets its value whatever it asks. Same numbers, no query or scores.
            width = x.shape[-1]
            weight, bias = self.key_value.weight[width:], self.key_value.bias[width:]
            return self.out(F.linear(source, weight, bias)).expand_as(x)
        query = self._split(self.query(x))
        key, value = (self._split(part) for part in self.key_value(source).chunk(2, dim=-1))
        mask = None if padding is None else ~padding[:, None, None, :]
        mixed = F.scaled_dot_product_attention(query, key, value, attn_mask=mask)
        return self.out(mixed.transpose(1, 2).reshape(x.shape))


class DiTBlock(nn.Module):
    def __init__(self, width: int, heads: int, grid: tuple[int, int] | None = None) -> None:
        """grid: (rows, columns) of the frame tokens that lead the sequence, for local mixing."""
        super().__init__()
        self.grid = grid
        self.norms = nn.ModuleList(
            nn.LayerNorm(width, elementwise_affine=False, eps=1e-6) for _ in range(3)
        )
        self.attend = Attention(width, heads)
        self.read_caption = Attention(width, heads)
        self.mlp = nn.Sequential(
            nn.Linear(width, 4 * width), nn.GELU(approximate="tanh"), nn.Linear(4 * width, width)
        )
        if grid is not None:
            self.local = nn.Conv2d(4 * width, 4 * width, 3, padding=1, groups=4 * width)
            nn.init.zeros_(self.local.weight)
            nn.init.zeros_(self.local.bias)
        self.modulation = nn.Linear(width, 9 * width)
        nn.init.zeros_(self.modulation.weight)
        nn.init.zeros_(self.modulation.bias)

    def forward(
        self,
        x: torch.Tensor,
        condition: torch.Tensor,
        caption: torch.Tensor,
        caption_padding: torch.Tensor | None,
    ) -> torch.Tensor:
        (s1, c1, g1, s2, c2, g2, s3, c3, g3) = self.modulation(F.silu(condition)).chunk(9, -1)
        h = modulate(self.norms[0](x), s1, c1)
        x = x + g1.unsqueeze(1) * self.attend(h, h)
        h = modulate(self.norms[1](x), s2, c2)
        x = x + g2.unsqueeze(1) * self.read_caption(h, caption, caption_padding)
        h = modulate(self.norms[2](x), s3, c3)
        return x + g3.unsqueeze(1) * self._feed_forward(h)

    def _feed_forward(self, h: torch.Tensor) -> torch.Tensor:
        inner, activation, outer = self.mlp
        h = activation(inner(h))
        if self.grid is not None:
            rows, columns = self.grid
            cells = rows * columns
            frame = h[:, :cells].transpose(1, 2).unflatten(2, (rows, columns))
            mixed = self.local(frame).flatten(2).transpose(1, 2)
            h = torch.cat([h[:, :cells] + mixed, h[:, cells:]], dim=1)
        return outer(h)
