"""A small text encoder, trained together with the video model from our own captions.

Token embeddings plus learned positions through a few pre-norm transformer layers; the
video model reads every token (cross-attention) and their masked mean (its global
conditioning).
"""

from __future__ import annotations

import torch
from torch import nn


class TextEncoder(nn.Module):
    def __init__(self, vocabulary_size: int, length: int, width: int, layers: int, heads: int):
        super().__init__()
        self.embed = nn.Embedding(vocabulary_size, width)
        self.position = nn.Parameter(torch.randn(length, width) * 0.02)
        layer = nn.TransformerEncoderLayer(
            width, heads, 4 * width, dropout=0.0, batch_first=True, norm_first=True
        )
        self.layers = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(width)

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """ids [B, L] → tokens [B, L, width], padding mask [B, L] (True = pad),
        pooled [B, width]."""
        padding = ids == 0
        padding[:, 0] = False  # an empty caption (dropped for guidance) still has one key
        tokens = self.norm(
            self.layers(
                self.embed(ids) + self.position[: ids.shape[1]], src_key_padding_mask=padding
            )
        )
        keep = (~padding).unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * keep).sum(1) / keep.sum(1)
        return tokens, padding, pooled
