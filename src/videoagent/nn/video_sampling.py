"""Sampling clips from the video model, one frame at a time, in any number of steps.

Three modes share one loop: text-to-video (the first frame is drawn from the caption alone),
image-to-video (the first frame is given) and extend (the clip's last frames are the
context). Context is the model's own output, lightly noised as in training so it repairs
small errors instead of building on them; a long take can also be held to the mean of all
its frames so far (`Sampling.hold`), which keeps its place from wandering: in its coarse
layout and colour when the camera moves, in every detail when it stands still. Latents are
decoded by the frame autoencoder as they are made, so a stream could show each frame at
once. A layout (boxes per frame, see `nn/scene_layout.py`) says where things are; without
one the model places them itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from videoagent.nn.autoencoder import FrameAutoencoder
from videoagent.nn.autoencoder_metrics import to_pixels, to_tensor
from videoagent.nn.compute import in_precision
from videoagent.nn.frozen_forward import frozen_forward
from videoagent.nn.patch_codec import PatchCodec, PatchCodecConfig
from videoagent.nn.shortcut import step_level
from videoagent.nn.tokenizer import Tokenizer
from videoagent.nn.video_model import Caption, VideoModel

CONTEXT_NOISE = 0.1


@dataclass(frozen=True)
class Sampling:
    steps: int = 4
    # Classifier-free guidance scale over caption and layout together; 1 = none (half the
    # compute).
    guidance: float = 1.0
    context_noise: float = CONTEXT_NOISE
    seed: int = 0
    # Which earlier frames fill the model's older slots: "recent" (the frames just before)
    # or "packed" (the whole take so far, bounded: the frame just before, the one a second
    # before and the take's first frame); None: the rule the model was trained with.
    context: str | None = None
    # How far each frame the model reads as context is pulled, in its coarse layout and
    # colour, towards the mean of every frame given and made so far (0: not at all). Given
    # the whole take, that mean is a bounded memory of all of it which holds the place
    # where it was, while the frames shown stay the model's own.
    hold: float = 0.0
    # What of a frame is held: "coarse" (its 2x2 means: where a camera moves, the mean of
    # its frames is sharp only in its layout and colour) or "full" (every latent pixel:
    # where the camera stands still, the mean is the picture itself).
    held_detail: str = "coarse"

    def __post_init__(self) -> None:
        if self.context is not None and self.context not in CONTEXTS:
            raise ValueError(f"context {self.context!r}: expected one of {', '.join(CONTEXTS)}")
        if not 0 <= self.hold <= 1:
            raise ValueError(f"hold {self.hold!r}: expected a share from 0 to 1")
        if self.held_detail not in HELD_DETAILS:
            raise ValueError(
                f"held detail {self.held_detail!r}: expected one of {', '.join(HELD_DETAILS)}"
            )


CONTEXTS = ("recent", "packed")
HELD_DETAILS = ("coarse", "full")


def older_indices(made: int, config, context: str) -> list[int | None]:
    """Which of the `made` frames so far fill each older slot (None: empty), most recent
    first. "recent": the frames just before the last; "packed": the frame before the last,
    one a second before it and the first frame, each only once and only when there."""
    slots = config.older_frames
    if context == "recent":
        return [made - k - 2 if made >= k + 2 else None for k in range(slots)]
    wanted = [made - 2, made - 1 - round(config.fps), 0][:slots]
    chosen: list[int | None] = []
    for index in wanted:
        fresh = index >= 0 and index < made - 1 and index not in chosen
        chosen.append(index if fresh else None)
    return chosen + [None] * (slots - len(chosen))


def coarse(latent: torch.Tensor) -> torch.Tensor:
    """A latent's coarse layout and colour: its 2x2 means, spread back over its size."""
    pooled = F.avg_pool2d(latent[None], 2, ceil_mode=True)
    return F.interpolate(pooled, size=latent.shape[-2:], mode="bilinear", align_corners=False)[0]


def held(
    latent: torch.Tensor, mean: torch.Tensor, hold: float, detail: str = "coarse"
) -> torch.Tensor:
    """`latent` moved `hold` of the way to `mean`: its coarse layout only, or in full."""
    if detail == "full":
        return latent + hold * (mean - latent)
    return latent + hold * (coarse(mean) - coarse(latent))


class ClipSampler:
    """The video model with its tokenizer and decoder, ready to make frames."""

    def __init__(self, model: VideoModel, autoencoder: FrameAutoencoder | None = None) -> None:
        """`autoencoder` decodes a latent model's frames; a model on pixel patches needs none."""
        if model.config.frame_codec == "patches":
            autoencoder = PatchCodec(PatchCodecConfig(model.config.patch))
        elif autoencoder is None:
            raise ValueError("this video model works on autoencoder latents: give the autoencoder")
        self.model, self.autoencoder = model.eval(), autoencoder.eval()
        self._graphed = _CaptionAsTensors(self.model)  # held here: graphs live while it does
        self.forward = frozen_forward(self._graphed)
        self.tokenizer = Tokenizer(model.config.vocabulary, model.config.text_length)

    @torch.no_grad()
    def caption(self, text: str, guidance: float) -> Caption:
        """The encoded caption, with the empty caption behind it when guidance is on."""
        texts = [text, ""] if guidance != 1 else [text]
        return self.model.encode_caption(self.tokenizer(texts))

    @torch.no_grad()
    def _frame(
        self,
        caption: Caption,
        made: list[torch.Tensor],
        sampling: Sampling,
        noise: torch.Generator,
        layout: torch.Tensor | None,
    ) -> torch.Tensor:
        """One new normalised latent [C, h, w] after the frames `made` so far, laid out as
        `layout` [L, H, W] says (None: as the model pleases)."""
        config = self.model.config
        rows = len(caption.pooled)
        shape = (config.latent_channels, config.latent_height, config.latent_width)
        context: dict = {}
        if layout is not None:
            context["layout"] = layout.expand(rows, *layout.shape)
            # With guidance the second row is the unconditional one: no caption, no layout.
            context["layout_present"] = torch.arange(rows) == 0
        if made:
            sigma = sampling.context_noise
            recent = made[-1] + sigma * torch.randn(shape, generator=noise)
            older = torch.zeros(config.older_frames, *shape)
            present = torch.zeros(config.older_frames, dtype=torch.bool)
            rule = sampling.context or config.context
            for k, index in enumerate(older_indices(len(made), config, rule)):
                if index is not None:
                    older[k] = made[index] + sigma * torch.randn(shape, generator=noise)
                    present[k] = True
            context |= {
                "recent": recent.expand(rows, *shape),
                "older": older.expand(rows, *older.shape),
                "older_present": present.expand(rows, -1),
                "context_noise": torch.full((rows,), sigma),
            }
        x = torch.randn(shape, generator=noise)
        level = torch.full((rows,), step_level(sampling.steps))
        for k in range(sampling.steps):
            time = torch.full((rows,), k / sampling.steps)
            with in_precision():
                velocity = self.forward(
                    noisy=x.expand(rows, *shape),
                    time=time,
                    step=level,
                    caption_tokens=caption.tokens,
                    caption_padding=caption.padding,
                    caption_pooled=caption.pooled,
                    **context,
                )
            velocity = velocity.float()
            if rows == 2:
                velocity = velocity[1] + sampling.guidance * (velocity[0] - velocity[1])
            else:
                velocity = velocity[0]
            x = x + velocity / sampling.steps
        return x

    @torch.no_grad()
    def latents(
        self,
        text: str,
        frames: int,
        sampling: Sampling = Sampling(),
        *,
        start: np.ndarray | None = None,
        start_latents: torch.Tensor | None = None,
        layout: np.ndarray | None = None,
        memory: tuple[torch.Tensor, int] | None = None,
    ) -> torch.Tensor:
        """`frames` new normalised latents [frames, C, h, w]. `start` (uint8 [T, H, W, 3]):
        frames to continue from — one picture for image-to-video, a clip's end to extend.
        `start_latents` (normalised [T, C, h, w]) instead: a take of this model's own to
        extend, read as it was made (its frames encoded again would lose about a fifth of
        their latent, a jump at the join). `layout` (float32 [frames, L, H, W],
        `nn/scene_layout.py`): where things are in each new frame; only for a model trained
        with layouts. `memory`: the sum and the count of the normalised latents of every
        frame of the take so far, the start's among them, which a hold reads the mean of
        (without it, of the frames given)."""
        if start is not None and start_latents is not None:
            raise ValueError("give the frames to continue from or their latents, not both")
        if layout is not None:
            if not self.model.config.layout_channels:
                raise ValueError("this video model was trained without layouts")
            if len(layout) < frames:
                raise ValueError(f"a layout of {len(layout)} frames for {frames} frames")
            layout = torch.from_numpy(layout)
        noise = torch.Generator().manual_seed(sampling.seed)
        caption = self.caption(text, sampling.guidance)
        made: list[torch.Tensor] = []
        reads_recent = (sampling.context or self.model.config.context) == "recent"
        # A hold with no memory takes its mean from every frame given: keep them all.
        reads = -(self.model.config.older_frames + 1)  # all it reads otherwise
        keeps_all = not reads_recent or (sampling.hold and memory is None)
        if start is not None:
            start = start if keeps_all else start[reads:]
            made = list(self.model.normalise(self.autoencoder.encode(to_tensor(start))))
        elif start_latents is not None:
            config = self.model.config
            shape = (config.latent_channels, config.latent_height, config.latent_width)
            if tuple(start_latents.shape[1:]) != shape:
                raise ValueError(
                    f"latents of shape {tuple(start_latents.shape[1:])} to continue: this "
                    f"model makes {shape}"
                )
            made = list(start_latents if keeps_all else start_latents[reads:])
        remembers = memory is not None and memory[1] > 0  # an empty memory holds nothing
        total, count = memory if remembers else (sum(made, torch.zeros(())), len(made))
        if sampling.hold:
            made = [held(z, total / count, sampling.hold, sampling.held_detail) for z in made]
        new: list[torch.Tensor] = []
        for index in range(frames):
            laid_out = None if layout is None else layout[index]
            latent = self._frame(caption, made, sampling, noise, laid_out)
            new.append(latent)
            total, count = total + latent, count + 1
            if sampling.hold:  # read held; shown as made
                latent = held(latent, total / count, sampling.hold, sampling.held_detail)
            made.append(latent)
        return torch.stack(new)

    @torch.no_grad()
    def decode(self, latents: torch.Tensor) -> np.ndarray:
        """uint8 frames [T, H, W, 3] from normalised latents."""
        return to_pixels(self.autoencoder.decode(self.model.denormalise(latents)))

    def clip(self, text: str, frames: int, sampling: Sampling = Sampling(), **given) -> np.ndarray:
        """uint8 frames [frames, H, W, 3]; `given`: the start, layout and memory, as for
        `latents`."""
        return self.decode(self.latents(text, frames, sampling, **given))


class _CaptionAsTensors(nn.Module):
    """The video model with its caption given as three tensors (a graph takes tensors)."""

    def __init__(self, model: VideoModel) -> None:
        super().__init__()
        self.model = model

    def forward(
        self,
        caption_tokens: torch.Tensor,
        caption_padding: torch.Tensor,
        caption_pooled: torch.Tensor,
        **inputs: torch.Tensor,
    ) -> torch.Tensor:
        caption = Caption(caption_tokens, caption_padding, caption_pooled)
        return self.model(caption=caption, **inputs)
