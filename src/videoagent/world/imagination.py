"""The world model run forward: frames in, one action at a time, frames out.

`Imagination` keeps the packed context of any number of parallel copies of one world (the
planner imagines many futures at once; play uses one). It starts from real frames — the
episode's first frame, as a real player's session starts from the game's title screen —
and from then on every frame is the model's own, made in 1 to 128 steps. Context is noised
lightly, as in training, so small errors are repaired rather than built on.
"""

from __future__ import annotations

import numpy as np
import torch

from videoagent.errors import UsageError
from videoagent.nn.compute import in_precision
from videoagent.nn.frozen_forward import frozen_forward
from videoagent.nn.shortcut import integrate, step_level
from videoagent.nn.world_model import WorldModel
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.start_frames import start_frames
from videoagent.world.train_world_model import to_model, to_pixels


def imagination_for(model, dreaming: Dreaming = DEFAULT_DREAMING):
    """The imagination that runs `model`: `Imagination` for the diffusion world model,
    `TokenImagination` for the token world model (the same interface), in int8 where
    `dreaming` asks and it can be made here (`precision` says which)."""
    from videoagent.nn.token_world_model import TokenWorldModel

    if isinstance(model, TokenWorldModel):
        from videoagent.world.token_imagination import TokenImagination

        if dreaming.int8:
            from videoagent.world.int8_world import int8_forward

            in_int8 = int8_forward(model)
            if in_int8 is not None:
                return TokenImagination(model, dreaming, forward=in_int8, precision="int8")
        return TokenImagination(model, dreaming)
    return Imagination(model, dreaming)


class Imagination:
    """Parallel copies of a world, advanced by the world model."""

    def __init__(self, model: WorldModel, dreaming: Dreaming = DEFAULT_DREAMING) -> None:
        step_level(dreaming.steps)  # refuses a step count the model cannot take
        self.model, self.dreaming = model.eval(), dreaming
        self.forward = frozen_forward(self.model, onnx=True)
        self.precision = "fp32"  # `Dreaming.int8` is for token world models
        self.noise = torch.Generator().manual_seed(dreaming.seed)
        self.history: list[torch.Tensor] = []  # most recent last, each [copies, 3, H, W]
        self.anchor: torch.Tensor | None = None

    @property
    def copies(self) -> int:
        return len(self.history[-1]) if self.history else 0

    def start(
        self, frames: np.ndarray, copies: int = 1, previous: np.ndarray | None = None
    ) -> None:
        """Begin from real frames uint8 [T, H, W, 3] (T ≥ 1; the first is the anchor) or a
        batch of them [copies, T, H, W, 3]. (`previous`, the action that led to the last of
        them, is for the token models that read it; this model does not.)"""
        config = self.model.config
        tensor = to_model(start_frames(frames, copies, config))  # [copies, T, 3, H, W]
        self.anchor = tensor[:, 0]
        self.history = list(tensor[:, -config.span :].unbind(1))

    @torch.inference_mode()
    def step(self, actions: np.ndarray) -> np.ndarray:
        """Advance every copy by its action vector ([copies, F] or [F] for all); returns
        the new frames uint8 [copies, H, W, 3]."""
        if not self.history:
            raise UsageError("call start() before step()")
        config, dreaming = self.model.config, self.dreaming
        copies = self.copies
        actions = np.broadcast_to(
            np.asarray(actions, dtype=np.float32), (copies, config.action_features)
        )
        sigma = dreaming.context_noise

        def frames(back: int, count: int) -> tuple[torch.Tensor, torch.Tensor]:
            picked, present = [], []
            for k in range(back, back + count):
                if k < len(self.history):
                    frame = self.history[-1 - k]
                    picked.append(frame + sigma * torch.randn(frame.shape, generator=self.noise))
                    present.append(True)
                else:
                    picked.append(self.anchor)
                    present.append(False)
            return torch.stack(picked, 1), torch.tensor(present).expand(copies, -1)

        recent, recent_present = frames(0, config.recent_frames)
        older, older_present = frames(config.recent_frames, config.older_frames)
        context = {
            "action": torch.from_numpy(np.array(actions)),
            "recent": recent,
            "recent_present": recent_present,
            "older": older,
            "older_present": older_present,
            "anchor": self.anchor,
            "anchor_present": torch.ones(copies, dtype=torch.bool),
            "context_noise": torch.full((copies,), sigma),
        }

        def velocity(x, time, level):
            with in_precision():
                return self.forward(noisy=x, time=time, step=level, **context)

        start = torch.randn(recent.shape[:1] + recent.shape[2:], generator=self.noise)
        made = integrate(velocity, start, dreaming.steps).clamp(-1, 1)
        self.history = (self.history + [made])[-config.span :]
        return to_pixels(made)

    def keep_only(self, rows: np.ndarray | list[int]) -> None:
        """Carry on with some copies only (e.g. after the planner picks its favourite)."""
        index = torch.as_tensor(np.asarray(rows), dtype=torch.long)
        self.history = [frame[index] for frame in self.history]
        self.anchor = self.anchor[index]
