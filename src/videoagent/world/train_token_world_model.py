"""Train a token world model on an environment's rollouts, patch by patch as a classifier.

    videoagent dataset griddodge --long-lives --out data/griddodge-v3-long
    videoagent train token-world-model --data data/griddodge-v3-long \
        --out runs/world_griddodge.pt

First the codebook: the most frequent patches of the training frames (`fit_codebook`), and
every frame of the dataset (and of its branches) as tokens. Then each step draws examples as
the diffusion world model's training does (`Batches`: half of them the dataset's branch, a
random action and what it led to; `early_share` from an episode's first steps;
`ending_share` from branches that end the episode) and learns, for every patch of the target
frame, which token it is, from the tokens of the frames before it and the action
(cross-entropy). Every patch weighs alike by default: `--change-weight` gives patches that
changed since the last frame that much extra, as the diffusion model's pixels get, but a
weight that hangs on the answer biases the chance of a random change (see `TokenRecipe`).

Each frame also teaches the model its surprise: whether the target holds a token the model
gives less than `rare_below` in its patch (see `nn/token_world_model.py`).

`context_flips` replaces that share of context tokens by random ones, so the model learns to
repair a wrong token in its context instead of carrying it on.

`--hard-share` draws that share of each batch by the loss the model last had on each
example (`world/hard_examples.py`): the rare steps a long dream fails on come round often.

`--dreamt-share` gives that share of each batch a context the model dreamt itself, up to
`--dreamt-steps` frames made from the true ones before them (`dreamt_context`): in a dream
the context is the model's own frames, a few tokens off, and a step it makes right from true
frames can go wrong from its own.

`--init` goes on training saved weights (their codebook and architecture) on the same
environment's data, with a new learning-rate schedule: a longer run without starting over.
More context frames, more blocks and the readers of `GROWN_READERS` asked for then are grown
onto them from zero (`grown`), so an idea is measured from where the shipped model is.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from videoagent.errors import UsageError
from videoagent.nn import checkpoint
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.token_world_model import (
    TokenWorldModel,
    TokenWorldModelConfig,
    fit_codebook,
    held_tokens,
    remembered,
)
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import Progress, apply_gradients, parameter_count, update_average
from videoagent.options import setting
from videoagent.store.files import file_sha256
from videoagent.world.dataset import RolloutDataset
from videoagent.world.hard_examples import HardExamples
from videoagent.world.train_world_model import ENDING_SHARE_HELP, Batches

EMA_DECAY = 0.998
RECENT_FRAMES = 2  # context frames of a new model
DEPTH = 5  # convolution blocks of a new model
CODEBOOK_FRAMES = 20_000  # frames the codebook is fitted on (a random sample of the split)
PREVIOUS_HIDDEN = 0.2  # examples whose previous action is withheld (`previous_action` models)
MEASURED_FIRST = 16_384  # examples whose loss is measured before a run with a hard share
MEASURED_AT_ONCE = 512  # examples a batch as they are


@dataclass(frozen=True)
class TokenRecipe:
    """How an environment's shipped token model was made (the command's defaults)."""

    steps: int
    width: int = 96  # channels of the convolutions
    patch: int = 4  # see `TokenWorldModelConfig`
    cell: int = 1
    codes: int = 64
    pointer: bool = False
    previous_action: bool = False  # see `TokenWorldModelConfig`
    moved_context: bool = False
    copy_context: bool = False
    action_at_pointer: bool = False
    # Weighting changed patches more made GridDodge's model believe in a new hazard twice as
    # often as the game spawns one: a weight that hangs on the answer biases its chance.
    change_weight: float = 0.0
    memory: bool = False  # see `TokenWorldModelConfig.memory`
    rare_below: float = 1e-3  # see `TokenWorldModelConfig.rare_below`
    early_share: float = 0.15
    ending_share: float = 0.1


TOKEN_RECIPES = {
    "griddodge": TokenRecipe(steps=6000),  # on the long-lives dataset (docs/models.md)
    # A pointer at any pixel over windows at any pixel: some 2,700 distinct 4x4 patches in
    # 5,000 frames, the commonest 1,024 of them 99.7% of all, where every pixel is one of 8
    # colours. So a token is a pixel, and the convolutions see 4x4 of them a place. Nothing
    # is random on the desk: changed pixels may weigh more. (The pointer's move, copies and
    # the action at the pointer did not keep windows right longer: docs/models.md.) The
    # shipped weights went on from these 10,000 steps (`--init`, `--lr 3e-4`), 6,000 of them
    # reading three frames and the token counts (grown from zero), the last 6,000 on data
    # with windows over one another more often (`videoagent dataset minidesk --stacked`).
    "minidesk": TokenRecipe(steps=10000, patch=1, cell=4, codes=16, pointer=True, change_weight=5),
    # Four flat colours (`world/atari.py`), so a token is a pixel as on the desk; the console
    # serves 15 actions after a point, which two frames cannot count: the episode's memory.
    # The ball is a few pixels of 4,096: changed pixels weigh more. Two thirds of MiniDesk's
    # width: MiniDesk's 96 channels take 6-8 ms a frame, over the 5 ms a game may take. The
    # paddle keeps moving after a key is let go: its next move needs the action before.
    "atari:pong": TokenRecipe(
        steps=4000,
        width=64,
        patch=1,
        cell=4,
        codes=8,
        change_weight=5,
        memory=True,
        previous_action=True,
    ),
}


@dataclass(frozen=True, kw_only=True)
class TokenWorldModelTraining(TrainingConfig):
    data: Path = setting("a built world dataset (rollouts of one environment)")
    steps: int | None = setting("optimiser steps (default: the recipe's)", None, minimum=1)
    batch: int = setting("examples per step", 32, minimum=1)
    lr: float = setting("peak learning rate", 1e-3, minimum=0)
    width: int | None = setting(
        "channels of the convolutions (default: the recipe's)", None, minimum=16
    )
    depth: int | None = setting(
        f"convolution blocks (default {DEPTH}, or as many as the --init weights; more than they "
        "have are added after them, each starting as the identity)",
        None,
        minimum=1,
    )
    codes: int | None = setting("most codebook entries (default: the recipe's)", None, minimum=2)
    recent_frames: int | None = setting(
        f"context frames the model reads (default {RECENT_FRAMES}, or as many as the --init "
        "weights; more than they read are added, starting at zero)",
        None,
        minimum=1,
    )
    older_frames: int | None = setting(
        "older context frames, each twice as far back as the one before, the first "
        f"{TokenWorldModelConfig.older_from} frames back (default none, or as many as the "
        "--init weights; more than they read are added, starting at zero)",
        None,
        minimum=0,
    )
    census_frames: int = setting(
        "recent frames whose token counts the surprise reads", 1, minimum=1
    )
    context_flips: float = setting("share of context tokens replaced by random ones", 0.0)
    change_weight: float | None = setting(
        "extra weight of patches that change since the last frame (default: the recipe's)",
        None,
        minimum=0,
    )
    rare_below: float | None = setting(
        "a true token the model gives a chance under this makes its frame a surprise "
        "(default: the recipe's)",
        None,
        minimum=0,
    )
    ending_share: float | None = setting(ENDING_SHARE_HELP, None, minimum=0)
    memory: bool | None = setting(
        "read a memory of the episode, each token's run of frames (default: the recipe's)", None
    )
    peak_summary: bool = setting(
        "blocks also read the grid's largest values (added, starting at zero, to --init weights)",
        False,
    )
    token_counts: bool = setting(
        "blocks also read how many of each token the last frame holds (added, starting at "
        "zero, to --init weights)",
        False,
    )
    moved_context: bool = setting(
        "a pointer world's model also reads the action before and the last frame moved as "
        "the pointer moved (default: the recipe's; added, starting at zero, to --init weights)",
        False,
    )
    dreamt_share: float = setting(
        "share of each batch whose context frames the model dreams itself (`dreamt_context`)",
        0.0,
        minimum=0,
    )
    dreamt_steps: int = setting(
        "most frames a dreamt context makes (each step draws 1 to this many)", 4, minimum=1
    )
    hard_share: float = setting(
        "share of each batch drawn by the loss the model last had on each example", 0.0, minimum=0
    )
    save_every: int = setting("steps between checkpoints", 250, minimum=1)
    init: Path | None = setting("continue from these weights (same environment)", None)


def _recipe(environment: str) -> TokenRecipe:
    if environment not in TOKEN_RECIPES:
        raise UsageError(
            f"no token world model recipe for {environment!r}; one of {sorted(TOKEN_RECIPES)}"
        )
    return TOKEN_RECIPES[environment]


class TokenExamples:
    """Examples as tokens: the context grids, the target grid, and each patch's weight."""

    def __init__(
        self,
        data: RolloutDataset,
        model: TokenWorldModel,
        recipe: TokenRecipe,
        seed: int,
        change_weight: float,
    ) -> None:
        # the smallest integers that hold every token and `absent` (Pong's 2,000 episodes
        # as pixel tokens: 3.3 GB a copy in int16)
        width = np.int8 if model.config.codes < np.iinfo(np.int8).max else np.int16
        self.tokens = model.encode(data.frames, width)
        self.branch_tokens = model.encode(data.branch_frames, width)
        self.batches = Batches(data, model.config, seed, recipe.early_share, recipe.ending_share)
        self.actions = data.actions  # the action taken after each row's frame
        self.absent, self.codes = model.config.absent, model.config.codes
        self.context_offsets = model.config.context_offsets
        self.previous_action = model.config.previous_action
        self.memory = None
        if model.config.memory:
            self.memory = episode_memory(self.tokens, data.index, self.codes)
        self.change_weight = change_weight
        self.rng = np.random.default_rng([seed, 1])

    def draw(self, size: int, flips: float, given: np.ndarray | None = None) -> dict:
        """Examples as tensors, and as `rows` the dataset row of each target that is the
        dataset's own next frame (-1 for a branch's frame or an episode's first); `given`
        fixes targets as `Batches.choose` says."""
        chosen = self.batches.choose(size, given)
        # the context frames, as far back as the model reads them (the episode's first:
        # `start`; none before it)
        back = np.array(self.context_offsets)[None]
        present = (chosen["target"] - chosen["start"])[:, None] >= back
        rows = np.where(present, chosen["target"][:, None] - back, chosen["start"][:, None])
        recent = np.where(present[:, :, None, None], self.tokens[rows], self.absent)
        recent = recent.astype(np.int64)
        target = np.where(
            chosen["branch"][:, None, None],
            self.branch_tokens[chosen["source"]],
            self.tokens[chosen["target"]],
        ).astype(np.int64)
        changed = present[:, 0, None, None] & (target != recent[:, 0])
        weight = 1 + self.change_weight * changed
        # an episode's first frame from nothing: not something patch by patch can draw
        weight = weight * ~chosen["first"][:, None, None]
        if flips:
            flipped = (self.rng.random(recent.shape) < flips) & (recent != self.absent)
            recent = np.where(flipped, self.rng.integers(self.codes, size=recent.shape), recent)
        examples = {
            "recent": torch.from_numpy(recent),
            "action": torch.from_numpy(chosen["action"].astype(np.float32)),
            "target": torch.from_numpy(target),
            "weight": torch.from_numpy(weight.astype(np.float32)),
            "rows": np.where(chosen["branch"] | chosen["first"], -1, chosen["target"]),
            "after": chosen["target"],  # the row whose frames before it are the context
            "start": chosen["start"],
        }
        if self.previous_action:
            # a dream begun from several frames has none before its first step
            present = chosen["previous_present"] & (self.rng.random(size) >= PREVIOUS_HIDDEN)
            previous = np.concatenate(
                [chosen["previous_action"] * present[:, None], present[:, None]], axis=1
            )
            examples["previous"] = torch.from_numpy(previous.astype(np.float32))
        if self.memory is not None:  # the memory up to the last context frame (none: zeros)
            last = torch.from_numpy(chosen["recent"][:, 0])
            present = torch.from_numpy(chosen["recent_present"][:, 0])[:, None]
            examples["memory"] = torch.where(present, self.memory[last], 0)
        return examples


def dreamt_context(
    model: TokenWorldModel, examples: TokenExamples, drawn: dict, share: float, steps: int
) -> int:
    """Give `share` of the examples `drawn` (those whose episode has `steps` frames and one
    more before the target) the context the model dreams itself: the last `steps` frames
    before the target made one after another by `model` (each its likeliest tokens, as a dream
    draws them) from the true frames before them and the actions taken, the target still the
    true next frame. So it learns to make the next frame right from its own slightly wrong
    ones, as in a dream. Those examples' losses no longer say how hard their rows are (`rows`
    -1). Returns how many were given one."""
    config = model.config
    if config.memory or config.previous_action:
        raise UsageError(
            "--dreamt-share cannot dream the context of a model that reads the episode's "
            "memory or the action before (its dream would need those too)"
        )
    after, start = drawn["after"], drawn["start"]
    chosen = np.flatnonzero((examples.rng.random(len(after)) < share) & (after - start > steps))
    if not len(chosen):
        return 0
    made: list[torch.Tensor] = []  # the dreamt grids, oldest first: rows after - steps + j
    with torch.no_grad():
        for j in range(steps):
            row = after[chosen] - steps + j
            grids = [
                made[j - back] if back <= j else _true_grids(examples, row - back, start[chosen])
                for back in config.context_offsets
            ]
            action = torch.from_numpy(examples.actions[row - 1].astype(np.float32))
            made.append(model(torch.stack(grids, 1), action)[:, :-1].argmax(1))
    for place, back in enumerate(config.context_offsets):
        if back <= steps:
            drawn["recent"][chosen, place] = made[steps - back]
    drawn["rows"][chosen] = -1
    return len(chosen)


def _true_grids(examples: TokenExamples, rows: np.ndarray, start: np.ndarray) -> torch.Tensor:
    """The dataset's token grids of `rows` [n, …], `absent` where a row is before its
    episode's `start`."""
    grids = examples.tokens[np.maximum(rows, start)].astype(np.int64)
    return torch.from_numpy(np.where((rows >= start)[:, None, None], grids, examples.absent))


def episode_memory(tokens: np.ndarray, index: np.ndarray, codes: int) -> torch.Tensor:
    """[rows, codes]: the memory (`remembered`) of each row's episode up to and including
    that row's frame, from the token grids of every row [rows, …] and each row's step in its
    episode (0 begins one)."""
    held = torch.cat(
        [
            held_tokens(torch.from_numpy(tokens[first : first + 4096].astype(np.int64)), codes)
            for first in range(0, len(tokens), 4096)
        ]
    )
    memory = torch.zeros(len(tokens), codes, dtype=torch.long)
    carried = torch.zeros(1, codes, dtype=torch.long)
    for row in range(len(tokens)):
        if index[row] == 0:
            carried = torch.zeros_like(carried)
        carried = remembered(carried, held[row : row + 1])
        memory[row] = carried[0]
    return memory


def token_losses(model: TokenWorldModel, examples: dict) -> tuple[torch.Tensor, np.ndarray]:
    """Cross-entropy of each patch's token, plus that of the frame's surprise: whether some
    patch's true token is one the model gives under `rare_below` (by its own chances, not
    differentiated through). Also each example's own token cross-entropy (numpy)."""
    made = model(
        examples["recent"], examples["action"], examples.get("previous"), examples.get("memory")
    ).float()
    logits, surprise = made[:, :-1], made[:, -1, 0, 0]
    target, weight = examples["target"], examples["weight"]
    error = F.cross_entropy(logits, target, reduction="none")
    tokens = (error * weight).sum() / weight.sum().clamp(min=1)
    with torch.no_grad():
        each = (error * weight).sum(dim=(1, 2)) / weight.sum(dim=(1, 2)).clamp(min=1)
        chance = logits.softmax(dim=1).gather(1, target[:, None])[:, 0]
        rare = (chance < model.config.rare_below).flatten(1).any(dim=1).float()
    counted = (weight.flatten(1).amax(dim=1) > 0).float()
    missed = F.binary_cross_entropy_with_logits(surprise, rare, reduction="none")
    return tokens + (missed * counted).sum() / counted.sum().clamp(min=1), each.numpy()


def _hard_examples(model: TokenWorldModel, examples: TokenExamples, seed: int, log):
    """The playable examples to draw hard ones from, a random sample of them measured now."""
    hard = HardExamples(examples.batches.playable, seed)
    sample = hard.rng.choice(hard.rows, size=min(MEASURED_FIRST, len(hard.rows)), replace=False)
    with torch.inference_mode():
        for first in range(0, len(sample), MEASURED_AT_ONCE):
            given = sample[first : first + MEASURED_AT_ONCE]
            hard.measured(given, token_losses(model, examples.draw(len(given), 0.0, given))[1])
    log(
        f"hard examples: {hard.count} of {len(hard.rows)} measured first, the hardest 1% "
        f"hold {hard.hardest_share(0.01):.0%} of their loss"
    )
    return hard


def _new_model(
    config: TokenWorldModelTraining, recipe: TokenRecipe, data: RolloutDataset, rng, log
) -> tuple[TokenWorldModel, float]:
    """A model of the recipe's shape, its codebook fitted to a sample of the training frames."""
    height, width_px, _ = data.card["frame_shape"]
    sample = rng.choice(len(data.frames), size=min(CODEBOOK_FRAMES, len(data.frames)))
    codebook, coverage = fit_codebook(
        data.frames[np.sort(sample)], config.codes or recipe.codes, recipe.patch
    )
    model = TokenWorldModel(
        TokenWorldModelConfig(
            environment=data.card["environment"],
            frame_height=height,
            frame_width=width_px,
            action_features=data.actions.shape[1],
            patch=recipe.patch,
            cell=recipe.cell,
            codes=len(codebook),
            width=config.width or recipe.width,
            depth=config.depth or DEPTH,
            recent_frames=config.recent_frames or RECENT_FRAMES,
            older_frames=config.older_frames or 0,
            census_frames=config.census_frames,
            pointer=recipe.pointer,
            previous_action=recipe.previous_action or config.moved_context,
            moved_context=recipe.moved_context or config.moved_context,
            copy_context=recipe.copy_context,
            action_at_pointer=recipe.action_at_pointer,
            rare_below=recipe.rare_below if config.rare_below is None else config.rare_below,
            peak_summary=config.peak_summary,
            token_counts=config.token_counts,
            memory=recipe.memory if config.memory is None else config.memory,
        )
    )
    model.codebook.copy_(torch.from_numpy(codebook))
    log(f"codebook: {len(codebook)} patches reproduce {coverage:.4%} of the training patches")
    return model, coverage


def _continued(init: Path, data: RolloutDataset) -> tuple[TokenWorldModel, float, dict]:
    """Saved weights to go on training on `data`, their codebook's coverage and lineage."""
    model, facts = checkpoint.load(init)
    if not isinstance(model, TokenWorldModel):
        raise UsageError(f"--init {str(init)!r} is not a token world model")
    made_for = (model.config.environment, model.config.frame_height, model.config.frame_width)
    wanted = (data.card["environment"], *data.card["frame_shape"][:2])
    if made_for != wanted:
        raise UsageError(f"--init {str(init)!r} was made for {made_for}, the data is {wanted}")
    lineage = {"path": str(init), "sha256": file_sha256(init), **facts.get("training", {})}
    return model.train(), facts.get("codebook_coverage"), lineage


# readers `grown` adds, from zero (the moved context brings the action before with it)
GROWN_READERS = ("peak_summary", "token_counts", "moved_context")


def grown(
    model: TokenWorldModel,
    recent_frames: int,
    depth: int | None = None,
    older_frames: int | None = None,
    **readers: bool,
) -> TokenWorldModel:
    """`model` reading `recent_frames` recent and `older_frames` older context frames and
    each reader of `GROWN_READERS` set in `readers`, with `depth` blocks (the new ones after
    its own), everything it did not read before weighing zero and every new block the
    identity: the same answers until it trains. Readers already read stay as they were."""
    config = model.config
    depth = depth or config.depth
    older_frames = config.older_frames if older_frames is None else older_frames
    asked = {
        "--recent-frames": (recent_frames, config.recent_frames),
        "--older-frames": (older_frames, config.older_frames),
        "--depth": (depth, config.depth),
    }
    for flag, (wanted, has) in asked.items():
        if wanted < has:
            raise UsageError(
                f"{flag} {wanted}: the --init weights have {has}; a model can be grown, not shrunk"
            )
    more = {name: True for name, wanted in readers.items() if wanted and not getattr(config, name)}
    if more.get("moved_context"):
        more["previous_action"] = True
    shape = {"recent_frames": recent_frames, "older_frames": older_frames, "depth": depth}
    if not more and all(getattr(config, name) == value for name, value in shape.items()):
        return model
    try:
        bigger = TokenWorldModel(replace(config, **shape, **more))
    except ValueError as error:
        raise UsageError(f"the --init weights cannot be grown so: {error}") from None
    state = model.state_dict()
    state["context_in.weight"] = _widened_context(state["context_in.weight"], config, bigger.config)
    if more.get("previous_action"):
        # the action before is read after this one, and its pointer map after the others
        first = state["action_in.0.weight"]
        state["action_in.0.weight"] = _zero_padded(first, bigger.action_in[0].weight.shape)
        if config.pointer:
            width, read = bigger.pointer_in.weight.shape
            maps = state["pointer_in.weight"].view(width, -1, config.patch**2 * config.cell**2)
            wider = _zero_padded(maps, (width, read // maps.shape[-1], maps.shape[-1]))
            state["pointer_in.weight"] = wider.flatten(1)
    missing, unexpected = bigger.load_state_dict(state, strict=False)
    new_blocks = tuple(f"blocks.{block}." for block in range(config.depth, depth))
    not_new = [
        name
        for name in missing
        if not (name.startswith(("counts_in.", *new_blocks)) or ".peak." in name)
    ]
    assert not unexpected and not not_new, (not_new, unexpected)
    return bigger.train()


def _widened_context(weight: torch.Tensor, was, now) -> torch.Tensor:
    """`context_in`'s weight [width, grids · token width · cell²] (grid first) for the
    context grids of config `now`, those of `was` kept where they are read, the rest zero:
    the recent frames first, then the older ones, then a moved grid (`moved_context`)."""
    read = weight.view(was.width, was.context_grids, -1)
    widened = torch.zeros(was.width, now.context_grids, read.shape[-1])
    widened[:, : was.recent_frames] = read[:, : was.recent_frames]
    older = slice(was.recent_frames, was.recent_frames + was.older_frames)
    widened[:, now.recent_frames : now.recent_frames + was.older_frames] = read[:, older]
    if was.moved_context:
        widened[:, -1] = read[:, -1]
    return widened.flatten(1)


def _zero_padded(weight: torch.Tensor, shape) -> torch.Tensor:
    """`weight` in the leading corner of zeros of `shape` (as large or larger each way)."""
    padded = torch.zeros(shape, dtype=weight.dtype)
    padded[tuple(slice(0, size) for size in weight.shape)] = weight
    return padded


def train(config: TokenWorldModelTraining, log=print) -> dict:
    for flag, share in (
        ("--hard-share", config.hard_share),
        ("--dreamt-share", config.dreamt_share),
    ):
        if share > 1:
            raise UsageError(f"{flag} is a share of the batch (0 to 1), not {share}")
    rng, _ = config.begin()
    data = RolloutDataset(config.data, "train")
    recipe = _recipe(data.card["environment"])
    steps = config.steps or recipe.steps
    lineage = None
    if config.init is not None:
        model, coverage, lineage = _continued(config.init, data)
        readers = {name: getattr(config, name) for name in GROWN_READERS}
        frames = config.recent_frames or model.config.recent_frames
        model = grown(model, frames, config.depth, config.older_frames, **readers)
    else:
        model, coverage = _new_model(config, recipe, data, rng, log)
    change_weight = recipe.change_weight if config.change_weight is None else config.change_weight
    if config.ending_share is not None:
        recipe = replace(recipe, ending_share=config.ending_share)
    examples = TokenExamples(data, model, recipe, config.seed, change_weight)
    data.frames = data.branch_frames = None  # encoded: the pixels are not read again (GBs)
    if examples.batches.warning:
        log(examples.batches.warning)
    hard_count = round(config.batch * config.hard_share)
    hard = _hard_examples(model, examples, config.seed, log) if hard_count else None
    average = copy.deepcopy(model).requires_grad_(False)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    schedule = warmup_cosine(optimiser, steps, warmup=min(200, steps // 10), floor=0.1)
    facts = {
        "parameters": parameter_count(model),
        "codebook_coverage": coverage,
        "training": config.recorded()
        | {
            "steps": steps,
            "data": data.description(),
            "change_weight": change_weight,
            "early_share": recipe.early_share,
            "ending_share": examples.batches.ending_share,
        },
    }
    if lineage is not None:
        facts["training"]["continued_from"] = lineage
    progress = Progress(steps, config.out, "token_world_model", facts, config.save_every, log)
    for step in range(steps):
        given = None
        if hard is not None:
            given = np.full(config.batch, -1)
            given[:hard_count] = hard.draw(hard_count)
        drawn = examples.draw(config.batch, config.context_flips, given)
        if config.dreamt_share:
            steps_dreamt = int(examples.rng.integers(1, config.dreamt_steps + 1))
            dreamt_context(model, examples, drawn, config.dreamt_share, steps_dreamt)
        loss, each = token_losses(model, drawn)
        if hard is not None:
            hard.measured(drawn["rows"], each)
        apply_gradients(loss, model, optimiser, schedule)
        update_average(average, model, step, EMA_DECAY)
        progress.after(step, loss, average)
    log(json.dumps(facts, indent=2))
    return facts
