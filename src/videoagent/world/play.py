"""A play session: a person's input in, the world model's frames out, everything recorded.

The simulator supplies only the first frame of an episode (as a game's first screen); every
frame after it is the model's. GridDodge's status (goal reached, hazard touched) is read
from the model's frames, not asked of the simulator. A session can be saved and replayed:
the recording keeps the frames shown, the actions that made them and each frame's latency.
"""

from __future__ import annotations

import json
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np

from videoagent.errors import UsageError
from videoagent.nn.world_model import WorldModel
from videoagent.store.files import atomic_write_bytes
from videoagent.world.dreaming import Dreaming
from videoagent.world.imagination import imagination_for
from videoagent.world.readers import read_grid
from videoagent.world.registry import make_environment

RECORDING_VERSION = 1


class PlaySession:
    """One player's session with a world model."""

    def __init__(
        self, model: WorldModel, *, steps: int = 1, seed: int = 0, int8: bool = False
    ) -> None:
        self.model, self.steps, self.int8 = model, steps, int8
        self.env = make_environment(model.config.environment)
        self.frames: list[np.ndarray] = []
        self.actions: list[Any] = []
        self.latencies: list[float] = []
        self.episode_starts: list[int] = []
        self.restart(seed)

    @property
    def environment(self) -> str:
        return self.model.config.environment

    @property
    def precision(self) -> str:
        """What the model computes in: "int8" where asked for and possible, else "fp32"."""
        return self.imagination.precision

    def restart(self, seed: int) -> np.ndarray:
        """A new episode from the simulator's first frame of layout `seed`."""
        self.seed = seed
        first = self.env.reset(seed)
        self.imagination = imagination_for(
            self.model, Dreaming(steps=self.steps, seed=seed, int8=self.int8)
        )
        self.imagination.start(first[None])
        self.episode_starts.append(len(self.frames))
        self.frames.append(first)
        self.latencies.append(0.0)
        self.actions.append(None)
        return first

    def advance(self, action: Any) -> tuple[np.ndarray, float]:
        """The model's next frame for `action`, and the seconds it took to make."""
        vector = self.env.action_vector(action)  # also checks the action
        self.env.follow(action)  # the simulator keeps only the pointer after the first frame
        began = time.perf_counter()
        frame = self.imagination.step(vector)[0]
        seconds = time.perf_counter() - began
        self.frames.append(frame)
        self.actions.append(action)
        self.latencies.append(seconds)
        return frame, seconds

    def status(self) -> str:
        """What the latest model frame shows: GridDodge "won"/"dead"/"playing"."""
        if self.environment == "griddodge":
            return read_grid(self.frames[-1]).status
        return "playing"

    def latency_percentiles(self) -> tuple[float, float]:
        made = [s for s, a in zip(self.latencies, self.actions, strict=True) if a is not None]
        if not made:
            return 0.0, 0.0
        p50, p95 = np.percentile(made, [50, 95])
        return float(p50), float(p95)

    def save(self, path: Path) -> Path:
        """Write the recording (npz: frames, latencies; its meta as JSON inside)."""
        path = Path(path)
        meta = {
            "version": RECORDING_VERSION,
            "environment": self.environment,
            "steps": self.steps,
            "precision": self.precision,
            "episode_starts": self.episode_starts,
            "actions": [_plain(a) for a in self.actions],
        }
        buffer = BytesIO()
        np.savez_compressed(
            buffer,
            frames=np.stack(self.frames),
            latencies=np.array(self.latencies),
            meta=np.array(json.dumps(meta)),
        )
        atomic_write_bytes(path, buffer.getvalue())
        return path


def _plain(action: Any) -> Any:
    """An action as JSON keeps it: a key name, a key number or a mouse (dx, dy, button)."""
    if action is None or isinstance(action, str):
        return action
    if isinstance(action, int | np.integer):
        return int(action)
    dx, dy, button = action
    return [int(dx), int(dy), bool(button)]


def load_recording(path: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    """frames uint8 [N, H, W, 3], latencies [N] seconds, meta."""
    try:
        with np.load(Path(path)) as stored:
            frames, latencies = stored["frames"], stored["latencies"]
            meta = json.loads(str(stored["meta"]))
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(f"cannot read recording {str(path)!r}: {exc}") from exc
    return frames, latencies, meta
