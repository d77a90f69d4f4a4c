"""A token world model run forward: `Imagination`'s interface (start, step, keep_only) for
`nn/token_world_model.py`.

The state of each copy is the token grids of its recent frames (and its last action, for a
model that reads the action before: `TokenWorldModelConfig.previous_action`; the episode's
memory, for one that reads it: `TokenWorldModelConfig.memory`). Each step the
model gives every patch a chance per token, and the frame its surprise (the chance that
some patch holds a token under `rare_below`); the next grid is drawn in two parts:
- each patch from its chances at or above `rare_below` and `Dreaming.least_chance` (by
  default its likeliest token: the worlds here leave nothing to chance patch by patch), all
  patches at once;
- as often as the surprise says, one rare event: a patch and a token among those under
  `rare_below`, drawn by their chances (`Dreaming.rare_events`; off, none is ever drawn).
Why: a model's leftover doubt is spread thin over every patch, and so is what the world
really leaves to chance (a GridDodge hazard appears 0.06 a frame over some 600 cells and
headings, 1e-4 each). Drawn patch by patch, GridDodge's model's doubts came true every fifty
frames with four hazards on the board, where the game spawns none, and the imagined world
filled with hazards; with a floor and nothing under it drawn, no hazard ever appeared.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

from videoagent.errors import UsageError
from videoagent.nn.frozen_forward import frozen_forward
from videoagent.nn.token_world_model import TokenWorldModel, held_tokens, remembered
from videoagent.world.dreaming import Dreaming
from videoagent.world.start_frames import start_frames


class TokenImagination:
    """Parallel copies of a world, advanced by a token world model."""

    def __init__(
        self,
        model: TokenWorldModel,
        dreaming: Dreaming,
        forward: Callable[..., torch.Tensor] | None = None,
        precision: str = "fp32",
    ) -> None:
        """`forward`: the model's forward pass to run, computing in `precision` (by
        default its fp32 graph; `imagination_for` gives the int8 one `dreaming` asks for)."""
        self.model, self.dreaming = model.eval(), dreaming
        self.forward = forward or frozen_forward(self.model, onnx=True)
        self.precision = precision
        self.noise = torch.Generator().manual_seed(dreaming.seed)
        self.history: list[torch.Tensor] = []  # most recent last, each [copies, rows, columns]
        # each copy's last action and a 1 ([copies, F + 1]); zeros before its first step
        self.previous: torch.Tensor | None = None
        self.memory: torch.Tensor | None = None  # [copies, codes] (see `remembered`)

    @property
    def copies(self) -> int:
        return len(self.history[-1]) if self.history else 0

    def start(
        self, frames: np.ndarray, copies: int = 1, previous: np.ndarray | None = None
    ) -> None:
        """Begin from real frames uint8 [T, H, W, 3] (T ≥ 1) or a batch [copies, T, H, W, 3];
        the most recent `span` of them are the context (`TokenWorldModelConfig.span`).
        `previous` is the action vector [F] that led to the last of them, where it is known
        (a model that reads the previous action then moves its first frame as a mouse moves).
        A model with a memory remembers every frame given: give it the episode so far."""
        config = self.model.config
        frames = start_frames(frames, copies, config)
        seen = frames if config.memory else frames[:, -config.span :]
        if seen.strides[0] == 0:  # the same frames for every copy: encoded once
            tokens = torch.from_numpy(self.model.encode(seen[:1])).expand(len(seen), -1, -1, -1)
        else:
            tokens = torch.from_numpy(self.model.encode(seen))
        self.memory = torch.zeros(len(frames), config.codes, dtype=torch.long)
        if config.memory:
            for grid in tokens.unbind(1):
                self.memory = remembered(self.memory, held_tokens(grid, config.codes))
        self.history = list(tokens[:, -config.span :].unbind(1))
        self.previous = torch.zeros(len(frames), config.action_features + 1)
        if previous is not None and frames.shape[1] > 1:  # one frame: nothing led to it
            self.previous[:] = torch.cat(
                [torch.as_tensor(previous).float().view(-1), torch.ones(1)]
            )

    @torch.inference_mode()
    def step(self, actions: np.ndarray) -> np.ndarray:
        """Advance every copy by its action vector ([copies, F] or [F] for all); returns
        the new frames uint8 [copies, H, W, 3]."""
        inputs = self.inputs(actions)
        tokens = self._draw(self.forward(**inputs).float())
        self._carry_on(tokens, inputs["action"])
        return self.model.decode(tokens)

    def guess(self, actions: np.ndarray) -> np.ndarray:
        """The frames uint8 [copies, H, W, 3] every copy's action vector would make next,
        each copy left where it is: with `observe` after, each frame made from true ones."""
        return self.model.decode(self._draw(self.forward(**self.inputs(actions)).float()))

    def observe(self, actions: np.ndarray, frames: np.ndarray) -> None:
        """Carry every copy on to the real frames uint8 [copies, H, W, 3] its action vector
        ([copies, F] or [F] for all) led to, in place of its own: an imagination kept in step
        with the world it imagines."""
        tokens = torch.from_numpy(self.model.encode(np.asarray(frames)))
        self._carry_on(tokens, self._actions(actions))

    def _carry_on(self, tokens: torch.Tensor, action: torch.Tensor) -> None:
        config = self.model.config
        self.history = (self.history + [tokens])[-config.span :]
        if config.memory:
            self.memory = remembered(self.memory, held_tokens(tokens, config.codes))
        self.previous = torch.cat([action, torch.ones(len(action), 1)], dim=1)

    def inputs(self, actions: np.ndarray) -> dict[str, torch.Tensor]:
        """What the model reads to make the next frame of every copy, given its action
        vector ([copies, F] or [F] for all)."""
        config = self.model.config
        action = self._actions(actions)
        absent = torch.full_like(self.history[-1], config.absent)
        context = [
            self.history[-back] if back <= len(self.history) else absent
            for back in config.context_offsets
        ]
        inputs = {"recent": torch.stack(context, 1), "action": action}
        if config.previous_action:
            inputs["previous"] = self.previous
        if config.memory:
            inputs["memory"] = self.memory
        return inputs

    def _actions(self, actions: np.ndarray) -> torch.Tensor:
        """Every copy's action vector [copies, F] from [copies, F] or [F] for all."""
        if not self.history:
            raise UsageError("call start() before step()")
        shape = (self.copies, self.model.config.action_features)
        every = np.broadcast_to(np.asarray(actions, dtype=np.float32), shape)
        return torch.from_numpy(every.copy())

    def _draw(self, made: torch.Tensor) -> torch.Tensor:
        """One token per patch from the model's output [B, K + 1, rows, columns] (token
        logits, then the surprise logit): each patch from its chances at or above
        `rare_below` and `least_chance`; then, as often as the surprise says (one under
        `least_surprise` is taken as none), one rare event: a patch and a token among those
        under `rare_below`, drawn by their chances."""
        logits = made[:, :-1]
        if self.dreaming.least_chance >= 0.5:
            # no token but the likeliest can have half the chance: nothing to draw (a
            # softmax and a running total over every patch cost a MiniDesk frame 0.4 ms)
            tokens = logits.argmax(dim=1)
        else:
            chances = logits.softmax(dim=1)
            common = torch.where(self._unlikely(chances), 0.0, chances)
            common = common / common.sum(dim=1, keepdim=True)
            drawn = torch.rand(common[:, :1].shape, generator=self.noise)
            # the first token whose running total passes the draw (the last one if rounding
            # leaves the total a hair under it)
            tokens = (common.cumsum(dim=1) < drawn).sum(dim=1).clamp(max=common.shape[1] - 1)
        if not self.dreaming.rare_events:
            return tokens
        surprise = made[:, -1, 0, 0].sigmoid()
        surprise = torch.where(surprise < self.dreaming.least_surprise, 0.0, surprise)
        surprised = torch.rand(len(made), generator=self.noise) < surprise
        for row in surprised.nonzero().flatten().tolist():
            chances = logits[row : row + 1].softmax(dim=1)
            rare = (chances < self.model.config.rare_below) & ~self._likeliest(chances)
            pooled = torch.where(rare, chances, 0.0).flatten()  # [K·rows·columns]
            if pooled.sum() > 0:
                choice = int(torch.multinomial(pooled, 1, generator=self.noise))
                token, patch = divmod(choice, tokens.shape[1] * tokens.shape[2])
                tokens[row].view(-1)[patch] = token
        return tokens

    @staticmethod
    def _likeliest(chances: torch.Tensor) -> torch.Tensor:
        return chances == chances.amax(dim=1, keepdim=True)

    def _unlikely(self, chances: torch.Tensor) -> torch.Tensor:
        """The tokens never drawn patch by patch: rare ones, and those under `least_chance`
        (a patch's likeliest token always may be)."""
        floor = max(self.model.config.rare_below, self.dreaming.least_chance)
        return (chances < floor) & ~self._likeliest(chances)

    def keep_only(self, rows: np.ndarray | list[int]) -> None:
        """Carry on with some copies only (e.g. after the planner picks its favourite)."""
        index = torch.as_tensor(np.asarray(rows), dtype=torch.long)
        self.history = [tokens[index] for tokens in self.history]
        self.previous = self.previous[index]
        self.memory = self.memory[index]
