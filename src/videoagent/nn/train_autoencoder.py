"""Train a frame (or temporal) autoencoder on a synthworld dataset. One command, seeded:

    videoagent train autoencoder --data data/synthworld-v1 \
        --model frame --steps 3000 --out runs/frame_ae.pt

Loss: L1 + MSE on pixels, weighted up inside the entities' boxes (ground truth says where
the dog is; it is small, and it is what a viewer looks at), plus a small penalty that keeps
latents near unit scale (the diffusion model will work in that space). bf16 autocast where
the CPU computes it natively (`nn/compute.py`); AdamW with warm-up and cosine decay. Prints
progress, then held-out PSNR, latency and compression, which are saved in the checkpoint
beside the weights and the config.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from videoagent.nn import checkpoint
from videoagent.nn.autoencoder import FrameAutoencoder, FrameAutoencoderConfig
from videoagent.nn.autoencoder_metrics import latency_ms, reconstruction_metrics, to_tensor
from videoagent.nn.compute import in_training_precision
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.temporal_autoencoder import TemporalAutoencoder, TemporalAutoencoderConfig
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import LossLog, apply_gradients, parameter_count
from videoagent.options import setting
from videoagent.synthworld.dataset import SynthworldDataset

LATENT_PENALTY = 1e-3


def entity_masks(dataset: SynthworldDataset, shape: tuple[int, ...]) -> np.ndarray:
    """1 inside any visible entity's box, per frame: bool [clips, T, H, W]."""
    masks = np.zeros(shape[:4], dtype=bool)
    for clip, row in enumerate(dataset.rows):
        for frame, truth in enumerate(row["truth"]):
            for entity in truth["entities"]:
                if entity["visible"] > 0:
                    x0, y0, x1, y1 = entity["box"]
                    masks[clip, frame, y0:y1, x0:x1] = True
    return masks


def frame_batch(
    frames: np.ndarray, masks: np.ndarray, rng: np.random.Generator, size: int, group: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Pictures [B, 3, H, W] (or [B, group, 3, H, W]) and their entity masks [.., 1, H, W]."""
    clips = rng.integers(len(frames), size=size)
    if group == 1:
        index = (clips, rng.integers(frames.shape[1], size=size))
        picks, mask = frames[index], masks[index]
    else:
        starts = rng.integers(frames.shape[1] - group + 1, size=size)
        picks = np.stack([frames[c, s : s + group] for c, s in zip(clips, starts, strict=True)])
        mask = np.stack([masks[c, s : s + group] for c, s in zip(clips, starts, strict=True)])
    return to_tensor(picks), torch.from_numpy(mask).unsqueeze(-3).float()


@dataclass(frozen=True, kw_only=True)
class AutoencoderTraining(TrainingConfig):
    data: Path = setting("a built synthworld dataset")
    model: str = setting("which autoencoder", "frame", choices=("frame", "temporal"))
    steps: int = setting("optimiser steps", 3000, minimum=1)
    batch: int = setting("frames per step", 32, minimum=1)
    lr: float = setting("peak learning rate", 2e-3, minimum=0)
    entity_weight: float = setting("how much more a pixel inside an entity counts", 4.0)
    eval_clips: int = setting("held-out clips measured", 100, minimum=1)


def train(config: AutoencoderTraining, log=print) -> dict:
    """Train, evaluate on the held-out split, save; returns the metrics."""
    rng, _ = config.begin()
    train_set, held_out = SynthworldDataset.splits(config.data)
    frames = train_set.all_frames()
    masks = entity_masks(train_set, frames.shape)
    if config.model == "frame":
        model, group = FrameAutoencoder(FrameAutoencoderConfig()), 1
    else:
        model = TemporalAutoencoder(TemporalAutoencoderConfig())
        group = model.config.frames_per_latent
    per_step = max(1, config.batch // group)  # the same number of frames per step either way
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, config.steps, warmup=min(100, config.steps // 10))
    losses = LossLog(config.steps, log, every=100)
    model.train()
    for step in range(config.steps):
        target, mask = frame_batch(frames, masks, rng, per_step, group)
        with in_training_precision():
            restored, latents = model(target)
        error = restored.float() - target
        weight = 1 + (config.entity_weight - 1) * mask
        loss = (weight * (error.abs() + error**2)).mean() / weight.mean() + LATENT_PENALTY * (
            latents.float() ** 2
        ).mean()
        apply_gradients(loss, model, optimiser, schedule)
        losses.after(step, loss=loss)
    model.eval()
    size = (held_out.card["config"]["width"], held_out.card["config"]["height"])
    metrics = {
        "held_out": reconstruction_metrics(model, held_out, clips=config.eval_clips),
        "speed": latency_ms(model, size),
        "parameters": parameter_count(model),
        "training": config.recorded()
        | {
            "frames_per_step": per_step * group,
            "seconds": round(losses.seconds, 1),
            "data": train_set.description(),
        },
    }
    checkpoint.save(config.out, f"{config.model}_autoencoder", model, metrics=metrics)
    log(json.dumps(metrics, indent=2))
    return metrics
