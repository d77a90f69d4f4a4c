"""GridDodge: reach the goal around the walls without touching a moving hazard.

A 16x16 grid drawn at 4 px a cell (64x64 frames). The agent (blue) starts 8 to 15 moves
from the goal (green) by the shortest path, and walls usually make that path a detour.
Hazards (red) slide along a row or a column and turn back at walls; a lighter edge shows
the side they are heading to, so one frame says where each goes next. New hazards appear at
random (the future is genuinely uncertain). Touching a hazard, or swapping cells with one,
ends the episode (the agent is drawn white on red); reaching the goal ends it too (gold).

Actions: 0 stay, 1 up, 2 down, 3 left, 4 right (the arrow keys).
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np

from videoagent.world.environment import Step, key_index

GRID = 16
CELL = 4
ACTIONS = ("stay", "up", "down", "left", "right")
MOVES = ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1))
MAX_STEPS = 60
MAX_HAZARDS = 4
SPAWN_CHANCE = 0.06
GOAL_DISTANCE = (8, 15)

FLOOR = (28, 30, 44)
WALL = (118, 120, 134)
GOAL = (60, 200, 90)
AGENT = (70, 140, 255)
HAZARD = (225, 50, 45)
HAZARD_EDGE = (255, 190, 90)
WON = (255, 210, 60)
DEAD = (255, 255, 255)


class GridDodge:
    """The GridDodge simulator (see the module docstring)."""

    name = "griddodge"
    frame_shape = (GRID * CELL, GRID * CELL, 3)
    action_features = len(ACTIONS)

    def __init__(self, max_steps: int = MAX_STEPS) -> None:
        self.max_steps = max_steps
        self.rng = np.random.default_rng(0)
        self.walls = np.zeros((GRID, GRID), dtype=bool)
        self.agent = (1, 1)
        self.goal = (1, 1)
        self.hazards: list[list[int]] = []  # [row, column, d_row, d_column]
        self.steps = 0
        self.status = "playing"

    # -- episode ---------------------------------------------------------------------------

    def reset(self, seed: int) -> np.ndarray:
        self.rng = np.random.default_rng(seed)
        while not self._layout():
            pass
        self.steps, self.status = 0, "playing"
        return self.render()

    def fill_hazards(self) -> None:
        """Spawn hazards up to the limit now. Spawning is the only chance in the game and
        happens only below the limit (hazards never leave), so from here on the episode is
        fixed by this frame and the keys: what a world model can be held to exactly."""
        for _ in range(100):
            if len(self.hazards) >= MAX_HAZARDS:
                return
            self._spawn()

    def step(self, action: Any) -> Step:
        move = key_index(action, ACTIONS, "GridDodge")
        if self.status != "playing":
            return Step(self.render(), 0.0, True, {"status": self.status})
        self.steps += 1
        row, column = self.agent
        d_row, d_column = MOVES[move]
        if not self.walls[row + d_row, column + d_column]:
            self.agent = (row + d_row, column + d_column)
        before = [(h[0], h[1]) for h in self.hazards]
        self._move_hazards()
        crossed = any(
            (h[0], h[1]) == (row, column) and start == self.agent
            for h, start in zip(self.hazards, before, strict=True)
        )
        touched = any((h[0], h[1]) == self.agent for h in self.hazards)
        reward = 0.0
        if touched or crossed:
            self.status, reward = "dead", -1.0
        elif self.agent == self.goal:
            self.status, reward = "won", 1.0
        elif self.steps >= self.max_steps:
            self.status = "timeout"
        else:
            self._maybe_spawn()
        return Step(self.render(), reward, self.status != "playing", {"status": self.status})

    def state(self) -> dict[str, Any]:
        return {
            "agent": list(self.agent),
            "goal": list(self.goal),
            "hazards": [list(h) for h in self.hazards],
            "walls": self.walls.astype(int).tolist(),
            "steps": self.steps,
            "status": self.status,
        }

    def follow(self, action: Any) -> None:
        """Keys carry no pointer: nothing to follow (see `Environment.follow`)."""

    def action_vector(self, action: Any) -> np.ndarray:
        vector = np.zeros(len(ACTIONS), dtype=np.float32)
        vector[key_index(action, ACTIONS, "GridDodge")] = 1
        return vector

    def shortest_path(self, start: tuple[int, int], goal: tuple[int, int]) -> int | None:
        """Moves from start to goal around the walls (hazards ignored), None if walled off."""
        return moves_from(self.walls, start).get(goal)

    # -- drawing ---------------------------------------------------------------------------

    def render(self) -> np.ndarray:
        cells = np.empty((GRID, GRID, 3), dtype=np.uint8)
        cells[:] = FLOOR
        cells[self.walls] = WALL
        cells[self.goal] = GOAL
        for row, column, _, _ in self.hazards:
            cells[row, column] = HAZARD
        agent_colour = {"won": WON, "dead": DEAD}.get(self.status, AGENT)
        cells[self.agent] = agent_colour
        frame = cells.repeat(CELL, 0).repeat(CELL, 1)
        for row, column, d_row, d_column in self.hazards:
            if (row, column) == self.agent:
                continue
            top, left = row * CELL, column * CELL
            if d_row:
                edge = top + (CELL - 1 if d_row > 0 else 0)
                frame[edge, left : left + CELL] = HAZARD_EDGE
            else:
                edge = left + (CELL - 1 if d_column > 0 else 0)
                frame[top : top + CELL, edge] = HAZARD_EDGE
        if self.status == "dead":
            top, left = self.agent[0] * CELL, self.agent[1] * CELL
            frame[top + 1 : top + CELL - 1, left + 1 : left + CELL - 1] = HAZARD
        return frame

    # -- internals -------------------------------------------------------------------------

    def _layout(self) -> bool:
        """Walls, agent, goal and hazards for a new episode; False to try again."""
        rng = self.rng
        walls = np.zeros((GRID, GRID), dtype=bool)
        walls[0, :] = walls[-1, :] = walls[:, 0] = walls[:, -1] = True
        for _ in range(rng.integers(3, 6)):
            length = int(rng.integers(4, 9))
            if rng.random() < 0.5:
                row, column = rng.integers(2, GRID - 2), rng.integers(1, GRID - length)
                walls[row, column : column + length] = True
            else:
                row, column = rng.integers(1, GRID - length), rng.integers(2, GRID - 2)
                walls[row : row + length, column] = True
        free = np.argwhere(~walls)
        agent = tuple(int(v) for v in free[rng.integers(len(free))])
        distances = moves_from(walls, agent)
        low, high = GOAL_DISTANCE
        goals = [cell for cell, d in distances.items() if low <= d <= high]
        detours = [c for c in goals if distances[c] > abs(c[0] - agent[0]) + abs(c[1] - agent[1])]
        choices = detours if detours and rng.random() < 0.8 else goals
        if not choices:
            return False
        self.walls, self.agent = walls, agent
        self.goal = choices[rng.integers(len(choices))]
        self.hazards = []
        for _ in range(rng.integers(2, 4)):
            self._spawn()
        return True

    def _spawn(self) -> None:
        """A new hazard on a free cell at least 3 moves from the agent (chebyshev)."""
        rng = self.rng
        taken = {(h[0], h[1]) for h in self.hazards} | {self.goal}
        for _ in range(20):
            row, column = (int(v) for v in rng.integers(1, GRID - 1, size=2))
            far = max(abs(row - self.agent[0]), abs(column - self.agent[1])) >= 3
            if self.walls[row, column] or (row, column) in taken or not far:
                continue
            d_row, d_column = MOVES[int(rng.integers(1, 5))]
            self.hazards.append([row, column, d_row, d_column])
            return

    def _maybe_spawn(self) -> None:
        if len(self.hazards) < MAX_HAZARDS and self.rng.random() < SPAWN_CHANCE:
            self._spawn()

    def _move_hazards(self) -> None:
        """Each hazard steps on; at a wall it turns back (and steps back, if it can)."""
        for hazard in self.hazards:
            row, column, d_row, d_column = hazard
            if self.walls[row + d_row, column + d_column]:
                d_row, d_column = -d_row, -d_column
            if not self.walls[row + d_row, column + d_column]:
                row, column = row + d_row, column + d_column
            hazard[:] = [row, column, d_row, d_column]


def moves_from(walls: np.ndarray, start: tuple[int, int]) -> dict[tuple[int, int], int]:
    """Breadth-first moves from `start` to every reachable free cell."""
    distances = {start: 0}
    queue = deque([start])
    while queue:
        row, column = queue.popleft()
        for d_row, d_column in MOVES[1:]:
            cell = (row + d_row, column + d_column)
            if not walls[cell] and cell not in distances:
                distances[cell] = distances[(row, column)] + 1
                queue.append(cell)
    return distances
