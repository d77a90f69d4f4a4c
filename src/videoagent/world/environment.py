"""What every world-model environment offers: seeded episodes, frames, exact state.

An environment is a small numpy simulator. The world model learns it from its frames and
actions alone; the exact state is exposed only to measure the model (object positions in
generated frames against the truth) and to run the planner's oracle.

Actions are whatever the environment names (a key for GridDodge, a mouse move and button for
MiniDesk); `action_vector` turns one into the fixed-length float vector the model reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from videoagent.errors import UsageError


@dataclass(frozen=True)
class Step:
    """What one action did: the new frame, its reward, and whether the episode is over."""

    frame: np.ndarray  # uint8 [H, W, 3]
    reward: float
    done: bool
    info: dict[str, Any] = field(default_factory=dict)


class Environment(Protocol):
    """A seeded simulator that draws its own frames.

    `reset(seed)` starts an episode and returns its first frame; `step(action)` advances one
    frame. `state()` is the exact state (plain types) for metrics; `action_vector(action)`
    encodes an action for the model, `action_features` long, from the moment the
    environment is at (MiniDesk's includes where the pointer lands). `follow(action)` keeps
    that input state (the pointer) up to date without stepping the simulator, for play and
    dreaming."""

    name: str
    frame_shape: tuple[int, int, int]
    action_features: int

    def reset(self, seed: int) -> np.ndarray: ...

    def step(self, action: Any) -> Step: ...

    def state(self) -> dict[str, Any]: ...

    def action_vector(self, action: Any) -> np.ndarray: ...

    def follow(self, action: Any) -> None: ...


def key_index(action: Any, keys: tuple[str, ...], game: str) -> int:
    """A key action, given by name or number, as its index in `keys`; anything else is
    refused with a message that names it."""
    if isinstance(action, str) and action in keys:
        return keys.index(action)
    if isinstance(action, int | np.integer) and 0 <= int(action) < len(keys):
        return int(action)
    raise UsageError(f"{game} action must be 0-{len(keys) - 1} or one of {keys}, got {action!r}")
