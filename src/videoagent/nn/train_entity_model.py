"""Train the entity model on sprites painted alone, and report how closely it draws held-out
poses. One command:

    python -m videoagent.nn.train_entity_model --out runs/entity_model.pt

Its data needs no dataset on disk: synthworld paints each training sprite (`sprites`) from a
seeded random kind, colour and pose, 80,000 of them, and 2,000 more from another seed for
the held-out figures. The loss is L1 plus squared error on premultiplied colour and alpha.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from videoagent.nn import checkpoint
from videoagent.nn.entity_model import EntityModel, EntityModelConfig, encode_pose
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.training_run import apply_gradients
from videoagent.synthworld import sprites
from videoagent.synthworld.vocabulary import COLOURS, KINDS

WIDTHS = (192, 128, 96, 48, 24)


def painted_set(config: EntityModelConfig, count: int, seed: int) -> tuple[torch.Tensor, ...]:
    """`count` random sprites: conditions [N, C], sprites uint8 [N, 4, S, S], kind indices."""
    rng = np.random.default_rng(seed)
    names = list(COLOURS)
    conditions = torch.zeros(count, config.condition_inputs)
    pictures = np.zeros((count, config.size, config.size, 4), dtype=np.uint8)
    kinds = np.zeros(count, dtype=np.int64)
    for i in range(count):
        kind = sprites.sample_kind(rng)
        colour = COLOURS[names[rng.integers(len(names))]]
        pose = sprites.random_pose(kind, rng)
        conditions[i] = encode_pose(config, kind, colour, pose.action, pose.phase, pose.reach)
        pictures[i] = sprites.paint_alone(kind, colour, pose, config.size)
        kinds[i] = KINDS.index(kind)
    return conditions, torch.from_numpy(pictures).permute(0, 3, 1, 2), torch.from_numpy(kinds)


def loss_of(drawn: torch.Tensor, truth: torch.Tensor) -> torch.Tensor:
    return F.l1_loss(drawn, truth) + F.mse_loss(drawn, truth)


@torch.no_grad()
def held_out_figures(model: EntityModel, data: tuple[torch.Tensor, ...]) -> dict:
    """PSNR of sprites laid over mid grey, and intersection over union of their shapes
    (alpha ≥ 0.5), over all held-out sprites and per kind."""
    conditions, pictures, kinds = data
    drawn = torch.cat([model(conditions[i : i + 256]) for i in range(0, len(conditions), 256)])
    truth = pictures.float() / 255

    def over_grey(sprite: torch.Tensor) -> torch.Tensor:
        return sprite[:, :3] + 0.5 * (1 - sprite[:, 3:])

    error = ((over_grey(drawn) - over_grey(truth)) ** 2).mean(dim=(1, 2, 3))
    shape_drawn, shape_true = drawn[:, 3] >= 0.5, truth[:, 3] >= 0.5
    inter = (shape_drawn & shape_true).sum(dim=(1, 2)).float()
    union = (shape_drawn | shape_true).sum(dim=(1, 2)).float().clamp(min=1)

    def summary(chosen: torch.Tensor) -> dict:
        mse = error[chosen].mean().item()
        return {
            "psnr": round(10 * np.log10(1 / max(mse, 1e-10)), 2),
            "shape_iou": round((inter[chosen] / union[chosen]).mean().item(), 4),
            "sprites": int(chosen.sum()),
        }

    figures = {"all": summary(torch.ones(len(kinds), dtype=torch.bool))}
    for index, kind in enumerate(KINDS):
        if (kinds == index).any():
            figures[kind] = summary(kinds == index)
    return figures


def train(
    out: Path,
    *,
    steps: int = 5000,
    batch: int = 64,
    lr: float = 2e-3,
    sprites_count: int = 80_000,
    held_out_count: int = 2000,
    widths: tuple[int, ...] = WIDTHS,
    seed: int = 0,
    threads: int = 2,
    log=print,
) -> dict:
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    config = EntityModelConfig(
        widths=widths, extents={kind: sprites.extent(kind) for kind in KINDS}
    )
    began = time.perf_counter()
    conditions, pictures, _ = painted_set(config, sprites_count, seed)
    held_out = painted_set(config, held_out_count, seed + 1)
    log(f"painted {sprites_count} sprites in {time.perf_counter() - began:.0f} s")
    model = EntityModel(config)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, steps, warmup=min(200, steps // 10))
    generator = torch.Generator().manual_seed(seed)
    began = time.perf_counter()
    losses = []
    model.train()
    for step in range(steps):
        chosen = torch.randint(len(conditions), (batch,), generator=generator)
        truth = pictures[chosen].float() / 255
        with torch.autocast("cpu", dtype=torch.bfloat16):
            drawn = model(conditions[chosen])
        loss = loss_of(drawn.float(), truth)
        apply_gradients(loss, model, optimiser, schedule)
        losses.append(loss.item())
        if step % 100 == 0 or step == steps - 1:
            seconds = time.perf_counter() - began
            log(f"step {step:5d}  loss {np.mean(losses):.5f}  {seconds:6.0f} s")
            losses = []
    seconds = time.perf_counter() - began
    model.eval()
    metrics = {
        "held_out": held_out_figures(model, held_out),
        "parameters": sum(p.numel() for p in model.parameters()),
        "training": {
            "steps": steps,
            "batch": batch,
            "lr": lr,
            "seconds": round(seconds, 1),
            "threads": threads,
            "seed": seed,
            "data": f"{sprites_count} synthworld sprites painted alone (seed {seed}); "
            f"held out: {held_out_count} more (seed {seed + 1})",
        },
    }
    checkpoint.save(out, "entity_model", model, metrics=metrics)
    log(json.dumps(metrics, indent=2))
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the entity model (sprites by pose).")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--sprites", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    train(
        args.out,
        steps=args.steps,
        batch=args.batch,
        lr=args.lr,
        sprites_count=args.sprites,
        seed=args.seed,
        threads=args.threads,
        log=lambda line: print(line, flush=True),
    )


if __name__ == "__main__":
    main()
