"""Train the entity model on sprites painted alone, and report how closely it draws held-out
poses. One command:

    videoagent train entity-model --out runs/entity_model.pt

Its data needs no dataset on disk: synthworld paints each training sprite (`sprites`) from a
seeded random kind, colour and pose, 80,000 of them, and 2,000 more from another seed for
the held-out figures. The loss is L1 plus squared error on premultiplied colour and alpha.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from videoagent.nn import checkpoint
from videoagent.nn.compute import in_training_precision
from videoagent.nn.entity_model import EntityModel, EntityModelConfig, encode_pose
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import LossLog, apply_gradients, parameter_count
from videoagent.options import setting
from videoagent.synthworld import sprites
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_KINDS

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
        kinds[i] = LEARNT_KINDS.index(kind)
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
    for index, kind in enumerate(LEARNT_KINDS):
        if (kinds == index).any():
            figures[kind] = summary(kinds == index)
    return figures


@dataclass(frozen=True, kw_only=True)
class EntityModelTraining(TrainingConfig):
    steps: int = setting("optimiser steps", 5000, minimum=1)
    batch: int = setting("sprites per step", 64, minimum=1)
    lr: float = setting("peak learning rate", 2e-3, minimum=0)
    sprites: int = setting("sprites painted to train on", 80_000, minimum=1)
    held_out: int = setting("sprites painted (from another seed) to measure on", 2000, minimum=1)
    widths: tuple[int, ...] = setting("channels of each upsampling stage", WIDTHS)


def train(config: EntityModelTraining, log=print) -> dict:
    _, generator = config.begin()
    model_config = EntityModelConfig(
        widths=config.widths, extents={kind: sprites.extent(kind) for kind in LEARNT_KINDS}
    )
    began = time.perf_counter()
    conditions, pictures, _ = painted_set(model_config, config.sprites, config.seed)
    held_out = painted_set(model_config, config.held_out, config.seed + 1)
    log(f"painted {config.sprites} sprites in {time.perf_counter() - began:.0f} s")
    model = EntityModel(model_config)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, config.steps, warmup=min(200, config.steps // 10))
    losses = LossLog(config.steps, log, every=100)
    model.train()
    for step in range(config.steps):
        chosen = torch.randint(len(conditions), (config.batch,), generator=generator)
        truth = pictures[chosen].float() / 255
        with in_training_precision():
            drawn = model(conditions[chosen])
        loss = loss_of(drawn.float(), truth)
        apply_gradients(loss, model, optimiser, schedule)
        losses.after(step, loss=loss)
    model.eval()
    metrics = {
        "held_out": held_out_figures(model, held_out),
        "parameters": parameter_count(model),
        "training": config.recorded()
        | {
            "seconds": round(losses.seconds, 1),
            "data": f"{config.sprites} synthworld sprites painted alone (seed {config.seed}); "
            f"held out: {config.held_out} more (seed {config.seed + 1})",
        },
    }
    checkpoint.save(config.out, "entity_model", model, metrics=metrics)
    log(json.dumps(metrics, indent=2))
    return metrics
