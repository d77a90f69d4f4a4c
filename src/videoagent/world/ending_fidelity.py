"""Whether a GridDodge world model draws an episode's end where the game has one, by kind.

A planner imagining in the model walks into whatever death the model does not draw, and
never takes a win it does not draw. Deaths come two ways: the agent and a hazard meet in one
cell ("touch"), or they trade cells in one step ("swap"), which play shows rarely (a key
would swap in 0.9% of the training mix's steps). From real moments of held-out play where
some key would end the episode, every key is tried once in the model (teacher-forced: the
context is the real frames so far) and the frame it draws is read: a win must show the
agent on the gold square, a death must show it dead, a key that ends nothing ("near miss")
must show it still playing.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np

from videoagent.nn.world_model import WorldModel
from videoagent.world.dataset import evaluation_seed
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.griddodge import ACTIONS, MOVES, GridDodge, moves_from
from videoagent.world.imagination import imagination_for
from videoagent.world.readers import read_grid

KINDS = ("win", "swap", "touch", "near miss")
DRAWN = {"win": "won", "swap": "dead", "touch": "dead", "near miss": "playing"}
EPISODES_PER_CASE = 60  # gives up after this many episodes per asked case (swaps are rare)
SEEK = 0.4  # how often the walk steps towards the goal when nothing ends (wins need it)


def ending_kind(env: GridDodge, key: int) -> str:
    """What `key` leads to from here: one of `KINDS`."""
    twin = copy.deepcopy(env)
    twin.step(key)
    if twin.status == "won":
        return "win"
    if twin.status != "dead":
        return "near miss"
    met = any((hazard[0], hazard[1]) == twin.agent for hazard in twin.hazards)
    return "touch" if met else "swap"


def _towards_goal(env: GridDodge) -> int:
    """The key of a shortest path to the goal (walls only)."""
    distance = moves_from(env.walls, env.goal)
    row, column = env.agent
    options = [
        (distance.get((row + d_row, column + d_column), 10**6), key)
        for key, (d_row, d_column) in enumerate(MOVES)
    ]
    return min(options)[1]


def ending_fidelity(
    model: WorldModel, cases: int, dreaming: Dreaming = DEFAULT_DREAMING, seed: int = 0
) -> dict[str, tuple[int, int]]:
    """Per kind, (frames drawn right, frames tried), up to `cases` tried of each kind."""
    env = GridDodge()
    rng = np.random.default_rng(seed)
    keep = model.config.span
    tally = {kind: [0, 0] for kind in KINDS}
    for episode in range(EPISODES_PER_CASE * cases):
        if min(tried for _, tried in tally.values()) >= cases:
            break
        history = [env.reset(evaluation_seed(seed, episode))]
        while env.status == "playing":
            kinds = [ending_kind(env, key) for key in range(len(ACTIONS))]
            ending = [key for key, kind in enumerate(kinds) if kind != "near miss"]
            if ending:
                imagination = imagination_for(model, replace(dreaming, seed=episode))
                imagination.start(np.stack([history[0], *history[1:][-keep:]]), copies=len(kinds))
                drawn = imagination.step(np.eye(len(ACTIONS), dtype=np.float32))
                for kind, frame in zip(kinds, drawn, strict=True):
                    if tally[kind][1] < cases:
                        tally[kind][0] += read_grid(frame).status == DRAWN[kind]
                        tally[kind][1] += 1
                others = [key for key in range(len(ACTIONS)) if key not in ending]
                key = int(rng.choice(ending if rng.random() < 0.5 or not others else others))
            elif rng.random() < SEEK:
                key = _towards_goal(env)
            else:
                key = int(rng.integers(len(ACTIONS)))
            history.append(env.step(key).frame)
    return {kind: (right, tried) for kind, (right, tried) in tally.items()}
