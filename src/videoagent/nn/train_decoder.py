"""Sharpen the frame autoencoder's decoder; the encoder, and so the latent space every video
model was trained in, stays exactly as it is.

    videoagent train decoder --data data/synthworld-v1 \
        --autoencoder runs/frame_ae_weighted.pt --out runs/frame_ae_sharp.pt

Two things blurred generated frames beyond what the autoencoder loses on real ones:
- a decoder trained on L1 + MSE alone draws the average of what a latent could be, so a
  small dog comes back as a soft blob; a patch discriminator (hinge loss, `--adversarial`)
  pushes it towards edges a real frame would have, while the pixel loss (weighted up inside
  the entities' boxes) keeps it faithful;
- the video model's latents are never exactly on the encoder's manifold: a decoder that has
  only seen clean latents turns their leftover noise into blotches. Half of each batch is
  decoded from latents noised by up to `--latent-noise` (in units of each channel's spread).
Starts from the given autoencoder's decoder; saves the same architecture, with held-out
PSNR on clean and noised latents and an edge-sharpness ratio beside the weights.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from videoagent.nn import checkpoint
from videoagent.nn.autoencoder_metrics import (
    psnr,
    reconstruction_metrics,
    to_pixels,
    to_tensor,
)
from videoagent.nn.compute import in_training_precision
from videoagent.nn.patch_discriminator import PatchDiscriminator
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.train_autoencoder import entity_masks, frame_batch
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import LossLog, apply_gradients, parameter_count
from videoagent.options import setting
from videoagent.store.files import file_sha256
from videoagent.synthworld.dataset import SynthworldDataset

ADVERSARIAL_FROM = 200  # steps of pixel loss alone before the discriminator has a say
NOISED_SHARE = 0.5


def edge_energy(frames: torch.Tensor) -> torch.Tensor:
    """Mean absolute difference between neighbouring pixels, per frame."""
    across = (frames[..., 1:] - frames[..., :-1]).abs().mean((1, 2, 3))
    down = (frames[..., 1:, :] - frames[..., :-1, :]).abs().mean((1, 2, 3))
    return across + down


@torch.no_grad()
def decoder_metrics(
    autoencoder: nn.Module, held_out: SynthworldDataset, spread: torch.Tensor, clips: int = 60
) -> dict:
    """PSNR of held-out frames decoded from clean latents and from latents noised by 0.3 of
    each channel's spread, and edge energy of clean decodes relative to the real frames
    (1 = as sharp as the originals)."""
    generator = torch.Generator().manual_seed(0)
    clean, noised, ratios = [], [], []
    for i in range(min(clips, len(held_out))):
        frames = held_out[i][0]
        latents = autoencoder.encode(to_tensor(frames))
        noise = torch.randn(latents.shape, generator=generator) * 0.3 * spread
        decoded = autoencoder.decode(latents)
        blurred = to_pixels(autoencoder.decode(latents + noise))
        clean += [psnr(a, b) for a, b in zip(frames, to_pixels(decoded), strict=True)]
        noised += [psnr(a, b) for a, b in zip(frames, blurred, strict=True)]
        ratios.append(
            float(edge_energy(decoded.clamp(0, 1)).mean() / edge_energy(to_tensor(frames)).mean())
        )
    return {
        "psnr": round(float(np.mean(clean)), 2),
        "psnr_noised_0.3": round(float(np.mean(noised)), 2),
        "edge_ratio": round(float(np.mean(ratios)), 3),
    }


@dataclass(frozen=True, kw_only=True)
class DecoderTraining(TrainingConfig):
    data: Path = setting("a built synthworld dataset")
    autoencoder: Path = setting("the frame autoencoder whose decoder is sharpened")
    steps: int = setting("optimiser steps", 2000, minimum=1)
    batch: int = setting("frames per step", 16, minimum=1)
    lr: float = setting("peak learning rate", 2e-4, minimum=0)
    adversarial: float = setting("weight of the discriminator's loss (0: none)", 0.1, minimum=0)
    latent_noise: float = setting("most noise on the latents, in channel spreads", 0.5)
    entity_weight: float = setting("how much more a pixel inside an entity counts", 4.0)


def train(config: DecoderTraining, log=print) -> dict:
    rng, generator = config.begin()
    train_set, held_out = SynthworldDataset.splits(config.data)
    frames = train_set.all_frames()
    masks = entity_masks(train_set, frames.shape)
    autoencoder, _ = checkpoint.load(config.autoencoder)
    autoencoder = autoencoder.float()
    encoder = copy.deepcopy(autoencoder.encoder).requires_grad_(False).eval()
    with torch.no_grad():
        sample, _ = frame_batch(frames, masks, rng, 256, 1)
        spread = autoencoder.encode(sample).std((0, 2, 3)).view(1, -1, 1, 1)
    before = decoder_metrics(autoencoder.eval(), held_out, spread)
    log(f"before: {json.dumps(before)}")
    decoder, critic = autoencoder.decoder.train(), PatchDiscriminator().train()
    optimiser = torch.optim.AdamW(decoder.parameters(), lr=config.lr, betas=(0.5, 0.9))
    critic_optimiser = torch.optim.AdamW(critic.parameters(), lr=config.lr, betas=(0.5, 0.9))
    schedule = warmup_cosine(
        optimiser, config.steps, warmup=min(100, config.steps // 10), floor=0.1
    )
    losses = LossLog(config.steps, log, every=100)
    batch = config.batch
    for step in range(config.steps):
        target, mask = frame_batch(frames, masks, rng, batch, 1)
        with torch.no_grad():
            latents = encoder(target * 2 - 1)
            sigma = torch.rand(batch, 1, 1, 1, generator=generator) * config.latent_noise
            sigma = sigma * (torch.rand(batch, 1, 1, 1, generator=generator) < NOISED_SHARE)
            latents = latents + sigma * spread * torch.randn(latents.shape, generator=generator)
        with in_training_precision():
            restored = (decoder(latents) + 1) / 2
        restored = restored.float()
        error = restored - target
        weight = 1 + (config.entity_weight - 1) * mask
        pixel = (weight * (error.abs() + error**2)).mean() / weight.mean()
        loss = pixel
        fooling = torch.zeros(())
        if step >= ADVERSARIAL_FROM and config.adversarial > 0:
            fooling = critic.fooling(restored)
            loss = loss + config.adversarial * fooling
        apply_gradients(loss, decoder, optimiser, schedule)
        if config.adversarial > 0:
            critic.learn(critic_optimiser, target, restored)
        losses.after(step, pixel=pixel, fooling=fooling)
    autoencoder.eval()
    after = decoder_metrics(autoencoder, held_out, spread)
    log(f"after: {json.dumps(after)}")
    metrics = {
        "held_out": reconstruction_metrics(autoencoder, held_out, clips=100),
        "held_out_decoder": {"before": before, "after": after},
        "parameters": parameter_count(autoencoder),
        "training": config.recorded()
        | {
            "decoder_only_from": {
                "path": str(config.autoencoder),
                "sha256": file_sha256(config.autoencoder),
            },
            "seconds": round(losses.seconds, 1),
            "data": train_set.description(),
        },
    }
    checkpoint.save(config.out, "frame_autoencoder", autoencoder, metrics=metrics)
    return metrics
