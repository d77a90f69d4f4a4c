"""Train a world model on an environment's rollouts, as a shortcut model.

    videoagent train world-model --data data/griddodge-v3 \
        --out runs/world_griddodge.pt

Each step draws frames from random episodes and learns to make each from the frames before
it and the action taken between: the last two frames at full detail, the two before them
and the episode's first frame in coarse patches. Half the examples take the dataset's branch
instead: the same moment with a random action and what it led to, so the model must read
the action rather than guess the policy's next move from the picture. Context is noised by
a random σ (the model is told σ) so it learns to repair small errors instead of copying
them. A few examples have no context at all (the model can dream a new episode's first
frame), and `early_share` of them come from an episode's first steps, where the context is
one or two frames (GridDodge's model, seeing those in 4% of examples, guessed hazards'
motion from a lone first frame); `ending_share` of them are branches that end the episode,
deaths and wins being too rare in play to learn (GridDodge's model trained without drew
none of 100 agents swapping cells with a hazard as a death). Pixels that change from the
previous frame weigh more (`Recipe.change_weight` extra): the agent, the hazards and the
cursor are a few percent of the frame and are what the model is for; Pong's ball is a
thousandth of it.

For the last `--rollout-steps` steps (or, with `--init`, as a run of its own) a share of the
examples (`--rollout-share`) has its most recent context frame made by the model itself
(one step, no gradient) instead of taken from the data: training on its own rollouts, on
the errors it will meet in play.

With no options beyond --data and --out the command makes the shipped model of that
environment (`RECIPES`: steps, and which inputs the model has).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from videoagent.errors import UsageError
from videoagent.nn import checkpoint
from videoagent.nn.compute import in_training_precision
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.shortcut import shortcut_examples, step_level
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import (
    Progress,
    apply_gradients,
    parameter_count,
    update_average,
)
from videoagent.nn.world_model import MIN_REMAINING, WorldModel, WorldModelConfig
from videoagent.options import setting
from videoagent.store.files import file_sha256
from videoagent.world.dataset import RolloutDataset

SHORTCUT_SHARE = 0.25
FIRST_FRAME_SHARE = 0.05
EARLY_STEPS = 3  # `early_share` draws from an episode's first steps, where context is short
ENDING_SHARE_HELP = (
    "share of examples whose branch ends the episode (a death or a win), the rest from any "
    "step (default: the recipe's)"
)
BRANCH_SHARE = 0.5
MAX_CONTEXT_NOISE = 0.3
EMA_DECAY = 0.998


@dataclass(frozen=True)
class Recipe:
    """How an environment's shipped model was made; the command's defaults, so one command
    reproduces it (with the data named in docs/models.md)."""

    steps: int
    gated_noise: bool = True
    pointer: bool = False  # the actions end with the pointer's position (a mouse)
    change_weight: float = 4.0  # extra weight of pixels that changed since the last frame
    decoder_hidden: int = 0  # the patch decoder's hidden width (0: linear)
    recent_frames: int = 2  # context frames at full detail
    early_share: float = 0.0  # examples from an episode's first steps (see `Batches`)
    ending_share: float = 0.0  # examples whose branch ends the episode (see `Batches`)


RECIPES = {
    # On v3 data (branches that end episodes): agent right at 100 frames in 63% of held-out
    # runs (the v2 model, linear decoder, no gate: 38%), the planner imagining in it 0.96 of
    # the planner on the simulator (0.87). The same recipe on the long-lives data drew 5 of
    # 100 wins: its planner won 18% of episodes (docs/models.md).
    "griddodge": Recipe(steps=6000, decoder_hidden=512, early_share=0.15, ending_share=0.1),
    "minidesk": Recipe(steps=8000, pointer=True),
    # A moving 1.3-pixel ball changes about six pixels a frame, under 1% of the loss, and
    # the model learns it last. Weighing changed pixels 25x instead of 5x did not help: at
    # 2,300 steps that run's frames filled with speckles where things had moved.
    "atari:pong": Recipe(steps=8000),
}


def to_model(frames: np.ndarray) -> torch.Tensor:
    """uint8 [..., H, W, 3] → float [..., 3, H, W] in -1..1."""
    tensor = torch.from_numpy(np.array(frames)).float() / 127.5 - 1
    return tensor.movedim(-1, -3)


def to_pixels(frames: torch.Tensor) -> np.ndarray:
    """The inverse of `to_model`."""
    pixels = ((frames.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    return pixels.movedim(-3, -1).numpy()


class Batches:
    """Random training examples: a target frame, the action before it, and its context."""

    def __init__(
        self,
        data: RolloutDataset,
        config: WorldModelConfig,
        seed: int,
        early_share: float = 0,
        ending_share: float = 0,
    ) -> None:
        self.data, self.config, self.early_share = data, config, early_share
        self.rng = np.random.default_rng(seed)
        self.playable = np.flatnonzero(data.index >= 1)
        self.early = np.flatnonzero((data.index >= 1) & (data.index <= EARLY_STEPS))
        # targets whose branch ended the episode (the branch starts from the frame before)
        self.endings = np.flatnonzero(data.branch_ends) + 1
        self.ending_share = ending_share if len(self.endings) else 0.0
        # said when training starts: a long-lives dataset built before branches were marked
        # trained a model that drew a swap of cells as a death in 80 of 100, not 98
        self.warning = None
        if ending_share and not len(self.endings):
            self.warning = f"no branch of {data.description()} ends its episode: no ending examples"
            if not data.branch_ends_marked:
                self.warning += " (built before they were marked: rebuild it to have them)"

    def choose(self, size: int, given: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Which frames make `size` examples: rows of the dataset's arrays for the target
        (`branch` says whether it is the branch frame of row `source`), the context frames
        and the anchor, which context frames exist, and the action taken. `given` [size]
        fixes the target row of the examples where it is not -1 (each a playable row): those
        are the dataset's own next frame, never a branch, an ending or a first frame."""
        data, config = self.data, self.config
        target = self.rng.choice(self.playable, size=size)
        if self.early_share:
            early = self.rng.random(size) < self.early_share
            target = np.where(early, self.rng.choice(self.early, size=size), target)
        ending = np.zeros(size, dtype=bool)
        if self.ending_share:
            ending = self.rng.random(size) < self.ending_share
            target = np.where(ending, self.rng.choice(self.endings, size=size), target)
        fixed = np.zeros(size, dtype=bool) if given is None else given >= 0
        if given is not None:
            target, ending = np.where(fixed, given, target), ending & ~fixed
        first = ~ending & ~fixed & (self.rng.random(size) < FIRST_FRAME_SHARE)
        index = np.where(first, 0, data.index[target])
        target = np.where(first, target - data.index[target], target)
        start = target - index
        recent_back = np.arange(1, config.recent_frames + 1)
        older_back = np.arange(1, config.older_frames + 1) + config.recent_frames
        recent_present = index[:, None] >= recent_back[None]
        older_present = index[:, None] >= older_back[None]
        source = np.maximum(target - 1, 0)
        branch = ~first & ~fixed & ((self.rng.random(size) < BRANCH_SHARE) | ending)
        action = np.where(first[:, None], 0.0, data.actions[source])
        previous_present = index >= 2  # the action that led to the last context frame
        previous_action = np.where(
            previous_present[:, None], data.actions[np.maximum(target - 2, 0)], 0.0
        )
        return {
            "target": target,
            "source": source,
            "branch": branch,
            "first": first,
            "start": start,
            "recent": np.where(recent_present, target[:, None] - recent_back[None], start[:, None]),
            "recent_present": recent_present,
            "older": np.where(older_present, target[:, None] - older_back[None], start[:, None]),
            "older_present": older_present,
            "action": np.where(branch[:, None], data.branch_actions[source], action),
            "previous_action": previous_action,
            "previous_present": previous_present,
        }

    def draw(self, size: int) -> dict:
        data, chosen = self.data, self.choose(size)
        branch, source = chosen["branch"], chosen["source"]
        frames = np.where(
            branch[:, None, None, None], data.branch_frames[source], data.frames[chosen["target"]]
        )
        previous_action = chosen["previous_action"]
        return {
            "target": to_model(frames),
            "action": torch.from_numpy(chosen["action"].astype(np.float32)),
            "previous_action": torch.from_numpy(previous_action.astype(np.float32)),
            "recent": to_model(data.frames[chosen["recent"]]),
            "recent_present": torch.from_numpy(chosen["recent_present"]),
            "older": to_model(data.frames[chosen["older"]]),
            "older_present": torch.from_numpy(chosen["older_present"]),
            "anchor": to_model(data.frames[chosen["start"]]),
            "anchor_present": torch.from_numpy(~chosen["first"]),
        }


def context_of(batch: dict, sigma: torch.Tensor, generator: torch.Generator) -> dict:
    """The batch's context, noised by σ per example (the anchor is a real frame: clean)."""

    def noised(frames: torch.Tensor) -> torch.Tensor:
        scale = sigma.view(-1, *([1] * (frames.dim() - 1)))
        return frames + scale * torch.randn(frames.shape, generator=generator)

    return {
        "action": batch["action"],
        "recent": noised(batch["recent"]),
        "recent_present": batch["recent_present"],
        "older": noised(batch["older"]),
        "older_present": batch["older_present"],
        "anchor": batch["anchor"],
        "anchor_present": batch["anchor_present"],
        "context_noise": sigma,
    }


@torch.no_grad()
def own_recent(model: WorldModel, batch: dict, rows: torch.Tensor, generator) -> None:
    """Replace the most recent context frame of `rows` by the model's own one-step drawing of
    it, from the frames and the action before it (where it has frames before it)."""
    if not len(rows):
        return
    part = {key: value[rows] for key, value in batch.items()}
    shifted = {
        "action": part["previous_action"],
        "recent": torch.cat([part["recent"][:, 1:], part["older"][:, :1]], dim=1),
        "recent_present": torch.cat(
            [part["recent_present"][:, 1:], part["older_present"][:, :1]], dim=1
        ),
        "older": torch.cat([part["older"][:, 1:], part["older"][:, -1:]], dim=1),
        "older_present": torch.cat(
            [part["older_present"][:, 1:], torch.zeros_like(part["older_present"][:, :1])], dim=1
        ),
        "anchor": part["anchor"],
        "anchor_present": part["anchor_present"],
        "context_noise": torch.zeros(len(rows)),
    }
    noise = torch.randn(part["target"].shape, generator=generator)
    level = torch.full((len(rows),), step_level(1))
    velocity = model(noise, torch.zeros(len(rows)), level, **shifted).float()
    made = (noise + velocity).clamp(-1, 1)
    keep = part["recent_present"][:, 0] & part["recent_present"][:, 1]
    batch["recent"][rows[keep], 0] = made[keep]


def training_loss(
    model: WorldModel, batch: dict, generator: torch.Generator, change_weight: float = 4.0
) -> torch.Tensor:
    """Flow matching on most of the batch, shortcut self-consistency on the rest; changed
    pixels weigh more."""
    data = batch["target"]
    size = len(data)
    noise = torch.randn(data.shape, generator=generator)
    sigma = torch.rand(size, generator=generator) * MAX_CONTEXT_NOISE
    context = context_of(batch, sigma, generator)

    def velocity(rows, noisy, time_, level):
        return model(noisy, time_, level, **{key: value[rows] for key, value in context.items()})

    noisy, time_, level, target = shortcut_examples(
        data, noise, velocity, generator, SHORTCUT_SHARE
    )
    predicted = model(noisy, time_, level, **context)
    previous = batch["recent"][:, 0]
    changed = (data - previous).abs().amax(dim=1, keepdim=True) > 0.05
    changed = changed & batch["recent_present"][:, 0].view(-1, 1, 1, 1)
    weight = 1 + change_weight * changed.float()
    # The model predicts the clean frame; measure its error there, not in velocity, which
    # divides by 1 - t and so would weigh nearly clean inputs hundreds of times more than
    # the pure noise a one-step sample starts from.
    remaining = (1 - time_).clamp(min=MIN_REMAINING).view(-1, 1, 1, 1)
    error = ((predicted.float() - target) * remaining) ** 2 * weight
    return error.sum() / (weight.sum() * data.shape[1])


@dataclass(frozen=True, kw_only=True)
class WorldModelTraining(TrainingConfig):
    data: Path = setting("a built world dataset (rollouts of one environment)")
    steps: int | None = setting(
        "optimiser steps (default: the shipped model's recipe)", None, minimum=1
    )
    batch: int = setting("examples per step", 32, minimum=1)
    lr: float = setting("peak learning rate", 1e-3, minimum=0)
    width: int = setting("channels of the transformer", 128, minimum=32)
    depth: int = setting("transformer blocks", 4, minimum=1)
    decoder_hidden: int | None = setting(
        "hidden width of the patch decoder, 0 for linear (default: the recipe's)", None, minimum=0
    )
    recent_frames: int | None = setting(
        "context frames at full detail (default: the recipe's)", None, minimum=1
    )
    early_share: float | None = setting(
        f"share of examples from an episode's first {EARLY_STEPS} steps, the rest from any "
        "step (default: the recipe's)",
        None,
        minimum=0,
    )
    ending_share: float | None = setting(ENDING_SHARE_HELP, None, minimum=0)
    rollout_steps: int = setting("last steps that train on the model's own rollouts", 0, minimum=0)
    rollout_share: float = setting("share of examples with a context frame of its own", 0.3)
    init: Path | None = setting("continue from these weights", None)
    save_every: int = setting("steps between checkpoints", 250, minimum=1)


def _or(given, recipe_value):
    return recipe_value if given is None else given


def _continued(init: Path, environment: str) -> tuple[WorldModel, dict]:
    model, earlier = checkpoint.load(init)
    if model.config.environment != environment:
        raise UsageError(f"--init {str(init)!r} is a model of {model.config.environment!r}")
    lineage = {"path": str(init), "sha256": file_sha256(init), **earlier.get("training", {})}
    return model.train(), lineage


def train(config: WorldModelTraining, log=print) -> dict:
    _, generator = config.begin()
    data = RolloutDataset(config.data, "train")
    environment = data.card["environment"]
    recipe = RECIPES[environment]
    steps = config.steps or recipe.steps
    early_share = _or(config.early_share, recipe.early_share)
    ending_share = _or(config.ending_share, recipe.ending_share)
    if config.init is not None:
        model, lineage = _continued(config.init, environment)
    else:
        height, width_px, _ = data.card["frame_shape"]
        model_config = WorldModelConfig(
            environment=environment,
            frame_height=height,
            frame_width=width_px,
            action_features=data.actions.shape[1],
            width=config.width,
            depth=config.depth,
            heads=config.width // 32,
            decoder_hidden=_or(config.decoder_hidden, recipe.decoder_hidden),
            recent_frames=_or(config.recent_frames, recipe.recent_frames),
            gated_noise=recipe.gated_noise,
            pointer=recipe.pointer,
        )
        model, lineage = WorldModel(model_config), None
    batches = Batches(data, model.config, config.seed, early_share, ending_share)
    if batches.warning:
        log(batches.warning)
    average = copy.deepcopy(model).requires_grad_(False)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, steps, warmup=min(200, steps // 10), floor=0.1)
    facts = {
        "parameters": parameter_count(model),
        "training": config.recorded()
        | {
            "steps": steps,
            "data": data.description(),
            "change_weight": recipe.change_weight,
            "early_share": early_share,
            "ending_share": batches.ending_share,
        },
    }
    if lineage:
        facts["training"]["continued_from"] = lineage
    progress = Progress(steps, config.out, "world_model", facts, config.save_every, log)
    for step in range(steps):
        examples = batches.draw(config.batch)
        with in_training_precision():
            if step >= steps - config.rollout_steps and config.rollout_share:
                chosen = torch.rand(config.batch, generator=generator) < config.rollout_share
                own_recent(model, examples, chosen.nonzero().squeeze(1), generator)
            loss = training_loss(model, examples, generator, recipe.change_weight)
        apply_gradients(loss, model, optimiser, schedule)
        update_average(average, model, step, EMA_DECAY)
        progress.after(step, loss, average)
    log(json.dumps(facts, indent=2))
    return facts
