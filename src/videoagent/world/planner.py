"""Imagine, then act: a planner that rolls candidate action sequences out in a model of the
world, reads the imagined frames, and takes the first action of the best.

The same planner, with the same budget, runs on two kinds of futures:
- `ModelFutures`: the world model imagines them from the real frames seen so far;
- `SimulatorFutures`: copies of the true simulator play them (the oracle). Each copy draws
  its own chance events (new hazards), as the model does, rather than knowing the real
  episode's.
Either way the planner sees frames only, and scores them with the frame reader: reaching
the goal is worth most (sooner is better), touching a hazard least (later is better),
and otherwise a future is as good as it leaves the agent near the goal by the walls' path.

GridDodge is the environment with a goal; the planner is written for it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from videoagent.nn.world_model import WorldModel
from videoagent.world.dreaming import Dreaming
from videoagent.world.griddodge import ACTIONS, GRID, GridDodge, moves_from
from videoagent.world.imagination import imagination_for
from videoagent.world.readers import CELL_CLASSES, grid_cells, read_grid

WIN, LOSS, UNREACHABLE = 100.0, -100.0, 2 * GRID * GRID


@dataclass(frozen=True)
class PlannerConfig:
    candidates: int = 16
    horizon: int = 6
    iterations: int = 1  # 1: random shooting; more: cross-entropy method refits
    elites: int = 4
    keep: float = 0.6  # how often a sampled sequence repeats its last action


class Futures(Protocol):
    """Plays action sequences from the present and returns what would be seen."""

    def imagine(self, plans: np.ndarray) -> np.ndarray:
        """plans int [N, H] → frames uint8 [N, H, 64, 64, 3]."""
        ...


class ModelFutures:
    """Futures imagined by the world model from the real frames of the episode so far."""

    def __init__(self, model: WorldModel, history: list[np.ndarray], dreaming: Dreaming) -> None:
        self.model, self.history, self.dreaming = model, history, dreaming
        self.env = GridDodge()

    def imagine(self, plans: np.ndarray) -> np.ndarray:
        imagination = imagination_for(self.model, self.dreaming)
        keep = self.model.config.span
        frames = np.stack([self.history[0], *self.history[1:][-keep:]])
        imagination.start(frames, copies=len(plans))
        made = []
        for t in range(plans.shape[1]):
            vectors = np.stack([self.env.action_vector(int(a)) for a in plans[:, t]])
            made.append(imagination.step(vectors))
        return np.stack(made, 1)


class SimulatorFutures:
    """Futures played by copies of the true simulator (the oracle)."""

    def __init__(self, env: GridDodge, seed: int) -> None:
        self.env, self.seed = env, seed

    def imagine(self, plans: np.ndarray) -> np.ndarray:
        out = np.empty((*plans.shape, *self.env.frame_shape), dtype=np.uint8)
        for n, plan in enumerate(plans):
            twin = copy.deepcopy(self.env)
            twin.rng = np.random.default_rng([self.seed, n])
            for t, action in enumerate(plan):
                out[n, t] = twin.step(int(action)).frame
        return out


def score_futures(frames: np.ndarray, goal: tuple[int, int], walls: np.ndarray) -> np.ndarray:
    """How good each imagined future is, read from its frames [N, H, 64, 64, 3]."""
    cells = grid_cells(frames)  # [N, H, 16, 16]
    horizon = frames.shape[1]
    distance = np.full((GRID, GRID), UNREACHABLE, dtype=np.float32)
    for cell, moves in moves_from(walls, goal).items():
        distance[cell] = moves
    dead = (cells == CELL_CLASSES.index("dead")).any((-1, -2))  # [N, H]
    won = (cells == CELL_CLASSES.index("won")).any((-1, -2))
    agent = cells == CELL_CLASSES.index("agent")
    scores = np.empty(len(frames), dtype=np.float32)
    for n in range(len(frames)):
        ended = np.flatnonzero(dead[n] | won[n])
        if len(ended):
            t = int(ended[0])
            scores[n] = WIN - t if won[n, t] else LOSS + t
            continue
        seen = [np.argwhere(agent[n, t]) for t in range(horizon)]
        last = next((cells for cells in reversed(seen) if len(cells) == 1), None)
        scores[n] = -UNREACHABLE if last is None else -distance[tuple(last[0])]
    return scores


class Planner:
    """Chooses GridDodge actions by imagining `candidates` futures `horizon` steps ahead."""

    def __init__(self, config: PlannerConfig = PlannerConfig(), seed: int = 0) -> None:
        self.config = config
        self.rng = np.random.default_rng(seed)

    def _sample(self, probabilities: np.ndarray | None) -> np.ndarray:
        config, rng = self.config, self.rng
        count, horizon, actions = config.candidates, config.horizon, len(ACTIONS)
        if probabilities is not None:
            cumulative = probabilities.cumsum(-1)  # [H, A]
            draws = rng.random((count, horizon, 1))
            return (draws > cumulative[None]).sum(-1).clip(0, actions - 1)
        plans = np.empty((count, horizon), dtype=np.int64)
        plans[:actions] = np.arange(actions)[:, None]  # every constant plan is tried
        for n in range(actions, count):
            plans[n, 0] = rng.integers(actions)
            for t in range(1, horizon):
                repeat = rng.random() < config.keep
                plans[n, t] = plans[n, t - 1] if repeat else rng.integers(actions)
        return plans

    def act(self, futures: Futures, frame: np.ndarray, goal: tuple[int, int] | None) -> int:
        """The first action of the best imagined future from the present `frame`."""
        reading = read_grid(frame)
        goal = reading.goal or goal
        if goal is None or reading.agent is None:
            return int(self.rng.integers(len(ACTIONS)))
        probabilities = None
        best_plan, best_score = None, -np.inf
        for _ in range(self.config.iterations):
            plans = self._sample(probabilities)
            scores = score_futures(futures.imagine(plans), goal, reading.walls)
            top = np.argsort(-scores)[: self.config.elites]
            if scores[top[0]] > best_score:
                best_plan, best_score = plans[top[0]], scores[top[0]]
            counts = np.stack(
                [
                    np.bincount(plans[top, t], minlength=len(ACTIONS))
                    for t in range(self.config.horizon)
                ]
            )
            probabilities = (counts + 0.5) / (counts + 0.5).sum(-1, keepdims=True)
        return int(best_plan[0])
