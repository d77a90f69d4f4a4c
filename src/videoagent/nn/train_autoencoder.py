"""Train a frame (or temporal) autoencoder on a synthworld dataset. One command, seeded:

    python -m videoagent.nn.train_autoencoder --data data/synthworld-v1 \
        --model frame --steps 3000 --out runs/frame_ae.pt

Loss: L1 + MSE on pixels, weighted up inside the entities' boxes (ground truth says where
the dog is; it is small, and it is what a viewer looks at), plus a small penalty that keeps
latents near unit scale (the diffusion model will work in that space). bf16 autocast on the
CPU; AdamW with warm-up and cosine decay. Prints progress, then held-out PSNR, latency and
compression, which are saved in the checkpoint beside the weights and the config.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from videoagent.nn import checkpoint
from videoagent.nn.autoencoder import FrameAutoencoder, FrameAutoencoderConfig
from videoagent.nn.autoencoder_metrics import latency_ms, reconstruction_metrics, to_tensor
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.temporal_autoencoder import TemporalAutoencoder, TemporalAutoencoderConfig
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


def train(
    data: Path,
    out: Path,
    *,
    model_kind: str = "frame",
    steps: int = 3000,
    batch: int = 32,
    lr: float = 2e-3,
    seed: int = 0,
    threads: int = 2,
    entity_weight: float = 4.0,
    eval_clips: int = 100,
    log=print,
) -> dict:
    """Train, evaluate on the held-out split, save; returns the metrics."""
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    train_set, held_out = SynthworldDataset(data, "train"), SynthworldDataset(data, "heldout")
    frames = train_set.all_frames()
    masks = entity_masks(train_set, frames.shape)
    if model_kind == "frame":
        model, group, architecture = (
            FrameAutoencoder(FrameAutoencoderConfig()),
            1,
            "frame_autoencoder",
        )
    else:
        model = TemporalAutoencoder(TemporalAutoencoderConfig())
        group, architecture = model.config.frames_per_latent, "temporal_autoencoder"
    per_step = max(1, batch // group)  # the same number of frames per step either way
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, steps, warmup=min(100, steps // 10))
    began = time.perf_counter()
    model.train()
    for step in range(steps):
        target, mask = frame_batch(frames, masks, rng, per_step, group)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            restored, latents = model(target)
        error = restored.float() - target
        weight = 1 + (entity_weight - 1) * mask
        loss = (weight * (error.abs() + error**2)).mean() / weight.mean() + LATENT_PENALTY * (
            latents.float() ** 2
        ).mean()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        if step % 100 == 0 or step == steps - 1:
            log(f"step {step:5d}  loss {loss.item():.4f}  {time.perf_counter() - began:6.0f} s")
    seconds = time.perf_counter() - began
    model.eval()
    metrics = {
        "held_out": reconstruction_metrics(model, held_out, clips=eval_clips),
        "speed": latency_ms(
            model, (held_out.card["config"]["width"], held_out.card["config"]["height"])
        ),
        "parameters": sum(p.numel() for p in model.parameters()),
        "training": {
            "steps": steps,
            "frames_per_step": per_step * group,
            "seconds": round(seconds, 1),
            "threads": threads,
            "seed": seed,
            "entity_weight": entity_weight,
            "data": f"{train_set.card['name']} v{train_set.card['version']} "
            f"({len(train_set)} clips)",
        },
    }
    checkpoint.save(out, architecture, model, metrics=metrics)
    log(json.dumps(metrics, indent=2))
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description="Train a synthworld frame autoencoder.")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", choices=("frame", "temporal"), default="frame")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--entity-weight", type=float, default=4.0)
    args = parser.parse_args()
    train(
        args.data,
        args.out,
        model_kind=args.model,
        steps=args.steps,
        batch=args.batch,
        lr=args.lr,
        seed=args.seed,
        threads=args.threads,
        entity_weight=args.entity_weight,
        log=lambda line: print(line, flush=True),
    )


if __name__ == "__main__":
    main()
