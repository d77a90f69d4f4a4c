"""Fixed policies that play the environments: they make the training data and, with their
returns measured in the simulator and in the world model, test whether the model ranks
them the same way.

A policy is called with what it can see and a numpy generator, and returns an action.
GridDodge policies see a `GridView`: the simulator itself has that shape, and so does a
reading of a frame (`GridView.of`), which is how the same policy plays inside the world
model, where there is no state but the frames.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from videoagent.world.atari import SIZE as PONG_SIZE
from videoagent.world.atari import Pong
from videoagent.world.griddodge import MOVES, GridDodge, moves_from
from videoagent.world.minidesk import (
    MAX_MOVE,
    SIZE,
    TITLE,
    WINDOW_SIZE,
    MiniDesk,
    Window,
    desktop_windows,
)
from videoagent.world.readers import DeskReading, GridReading, PongReading

Policy = Callable[[Any, np.random.Generator], Any]


class GridView:
    """What a GridDodge policy sees, read from a frame: agent, goal, walls, hazards with
    their headings. Where the frame does not show the agent or the goal (a hazard over
    it, a smudged imagined frame) the last view's answer stands."""

    def __init__(self, agent, goal, walls: np.ndarray, hazards: list[list[int]]) -> None:
        self.agent, self.goal, self.walls, self.hazards = agent, goal, walls, hazards

    @classmethod
    def of(cls, reading: GridReading, last: GridView | None = None) -> GridView:
        hazards = [[r, c, *reading.heading[(r, c)]] for r, c in sorted(reading.hazards)]
        agent = reading.agent or (last.agent if last else None)
        goal = reading.goal or (last.goal if last else None)
        return cls(agent, goal, reading.walls, hazards)

    def shortest_path(self, start: tuple[int, int], goal: tuple[int, int]) -> int | None:
        return moves_from(self.walls, start).get(goal)


class Persistent:
    """Random actions that tend to repeat (`keep` is the chance of repeating the last)."""

    def __init__(self, actions: int = 5, keep: float = 0.6) -> None:
        self.actions, self.keep, self.last = actions, keep, 0

    def __call__(self, env: GridDodge | GridView, rng: np.random.Generator) -> int:
        if rng.random() >= self.keep:
            self.last = int(rng.integers(self.actions))
        return self.last


class Seeker:
    """GridDodge: the first move of a shortest path to the goal that does not step where a
    hazard is or is about to be (`care` is how often it looks; a random move with `slip`)."""

    def __init__(self, care: float = 1.0, slip: float = 0.0) -> None:
        self.care, self.slip = care, slip

    def __call__(self, env: GridDodge | GridView, rng: np.random.Generator) -> int:
        if rng.random() < self.slip or env.agent is None or env.goal is None:
            return int(rng.integers(5))
        danger: set[tuple[int, int]] = set()
        if rng.random() < self.care:
            for row, column, d_row, d_column in env.hazards:
                danger |= {(row, column), (row + d_row, column + d_column)}
        best, best_distance = 0, None
        for action, (d_row, d_column) in enumerate(MOVES):
            cell = (env.agent[0] + d_row, env.agent[1] + d_column)
            if env.walls[cell] or cell in danger:
                continue
            distance = env.shortest_path(cell, env.goal)
            if distance is not None and (best_distance is None or distance < best_distance):
                best, best_distance = action, distance
        return best


class Wanderer:
    """GridDodge: roams without ever going for the goal, keeping off cells a hazard is on or
    about to enter — a long life for measuring how far ahead the world model stays true."""

    def __init__(self, keep: float = 0.7) -> None:
        self.keep, self.last = keep, 0

    def __call__(self, env: GridDodge | GridView, rng: np.random.Generator) -> int:
        if env.agent is None:
            return int(rng.integers(5))
        danger = {env.goal}
        for row, column, d_row, d_column in env.hazards:
            danger |= {(row, column), (row + d_row, column + d_column)}
            danger |= {(row + 2 * d_row, column + 2 * d_column)}
        safe = []
        for action, (d_row, d_column) in enumerate(MOVES):
            cell = (env.agent[0] + d_row, env.agent[1] + d_column)
            if not env.walls[cell] and cell not in danger:
                safe.append(action)
        if not safe:
            return int(rng.integers(5))
        if self.last in safe and rng.random() < self.keep:
            return self.last
        self.last = int(rng.choice(safe))
        return self.last


def griddodge_policies() -> dict[str, Callable[[], Policy]]:
    """Named GridDodge players, weakest to strongest by design."""
    return {
        "random": lambda: Persistent(keep=0.0),
        "persistent": lambda: Persistent(keep=0.6),
        "careless-seeker": lambda: Seeker(care=0.0, slip=0.1),
        "sloppy-seeker": lambda: Seeker(care=0.5, slip=0.2),
        "careful-seeker": lambda: Seeker(care=1.0, slip=0.0),
    }


class DeskView:
    """What a MiniDesk policy sees, read from a frame: the cursor, the button and where each
    window is (which window is in front is not read)."""

    def __init__(self, reading: DeskReading) -> None:
        self.cursor, self.button = list(reading.cursor), reading.button
        self.windows = desktop_windows()
        for window in self.windows:
            place = reading.windows[window.name]
            if place is not None:
                window.open, (window.x, window.y) = True, place
        self.order = [w.name for w in self.windows if w.open]

    def window(self, name: str) -> Window:
        return next(w for w in self.windows if w.name == name)


# How often a desk user picks each kind of goal. `stack` (drag a window over the other) is
# the stacker's alone: the desk user's draws stay what they were (it comes last, at zero).
DESK_GOALS = {"wander": 0.2, "open": 0.25, "drag": 0.3, "close": 0.15, "raise": 0.1, "stack": 0.0}
# The stacker: a desk user who mostly drags one window part way over the other and raises the
# one behind, so that windows overlap in 45% of its steps (a data-only policy: the desk user
# leaves windows over one another in 14% of its steps, where a model's dreams go wrong most).
STACKER_GOALS = {
    "wander": 0.1,
    "open": 0.2,
    "drag": 0.1,
    "close": 0.05,
    "raise": 0.2,
    "stack": 0.35,
}


class DeskUser:
    """MiniDesk: picks a goal — open an icon, drag a title bar somewhere, close a window, raise
    a window, drag one window part way over the other, or wander — and moves the mouse
    towards it with a little jitter. A goal that needs an open window when none is open
    becomes opening one; stacking with one window open becomes opening the other."""

    def __init__(self, goals: dict[str, float] | None = None) -> None:
        goals = goals or DESK_GOALS
        total = sum(goals.values())
        self.bounds = []  # (upper bound of the draw, goal), in DESK_GOALS order
        running = 0.0
        for goal in DESK_GOALS:
            running += goals.get(goal, 0.0) / total
            self.bounds.append((running, goal))
        self.plan: list[tuple[int, int, bool]] = []  # (x, y, button held) waypoints

    def __call__(self, env: MiniDesk | DeskView, rng: np.random.Generator) -> tuple[int, int, bool]:
        if not self.plan:
            self.plan = self._new_plan(env, rng)
        x, y, hold = self.plan[0]
        dx, dy = x - env.cursor[0], y - env.cursor[1]
        if abs(dx) <= 1 and abs(dy) <= 1:
            self.plan.pop(0)
        step = [int(np.clip(d + rng.integers(-1, 2), -MAX_MOVE, MAX_MOVE)) for d in (dx, dy)]
        return step[0], step[1], hold

    def _new_plan(self, env: MiniDesk | DeskView, rng: np.random.Generator) -> list:
        width, height = WINDOW_SIZE
        shown = [env.window(name) for name in env.order]
        choice = rng.random()
        goal = next((g for bound, g in self.bounds if choice < bound), "raise")
        if goal == "wander":
            x, y = (int(v) for v in rng.integers(0, SIZE, size=2))
            return [(x, y, bool(rng.random() < 0.2))]
        icons = env.windows  # any icon, its window open or not
        if goal == "stack" and len(shown) == 1:  # the other window first
            goal, icons = "open", [w for w in env.windows if not w.open]
        if goal == "open" or not shown:
            window = icons[int(rng.integers(len(icons)))]
            x, y = (
                window.icon[0] + int(rng.integers(1, 7)),
                window.icon[1] + int(rng.integers(1, 7)),
            )
            return [(x, y, False), (x, y, True), (x, y, False)]
        window = shown[int(rng.integers(len(shown)))]
        if goal == "drag":  # by the title bar
            x = window.x + int(rng.integers(2, width - TITLE - 1))
            y = window.y + int(rng.integers(0, TITLE))
            to_x, to_y = (int(v) for v in rng.integers(4, SIZE - 4, size=2))
            return [(x, y, False), (x, y, True), (to_x, to_y, True), (to_x, to_y, False)]
        if goal == "stack":  # the grip moved as far as the window goes: over the other, offset
            other = next(w for w in shown if w is not window)
            x = window.x + int(rng.integers(2, width - TITLE - 1))
            y = window.y + int(rng.integers(0, TITLE))
            shift_x = int(rng.integers(-width + 6, width - 5))
            shift_y = int(rng.integers(-height + 4, height - 3))
            to_x = int(np.clip(x + other.x + shift_x - window.x, 0, SIZE - 1))
            to_y = int(np.clip(y + other.y + shift_y - window.y, 0, SIZE - 1))
            return [(x, y, False), (x, y, True), (to_x, to_y, True), (to_x, to_y, False)]
        if goal == "close":
            x, y = window.x + width - 2, window.y + 1
            return [(x, y, False), (x, y, True), (x, y, False)]
        x = window.x + int(rng.integers(1, width - 1))  # press on the body to raise it
        y = window.y + int(rng.integers(TITLE, height))
        return [(x, y, False), (x, y, True), (x, y, False)]


class Idle:
    """MiniDesk: leaves the mouse alone."""

    def __call__(self, env: MiniDesk | DeskView, rng: np.random.Generator) -> tuple[int, int, bool]:
        return 0, 0, False


class Fidget:
    """MiniDesk: random mouse moves with random presses and releases."""

    def __call__(self, env: MiniDesk | DeskView, rng: np.random.Generator) -> tuple[int, int, bool]:
        dx, dy = (int(v) for v in rng.integers(-MAX_MOVE, MAX_MOVE + 1, size=2))
        button = env.button if rng.random() < 0.8 else not env.button
        return dx, dy, bool(button)


def minidesk_policies() -> dict[str, Callable[[], Policy]]:
    """Named MiniDesk users; they differ in how many windows they leave open."""
    return {
        "desk-user": lambda: DeskUser(),
        "fidget": lambda: Fidget(),
        "idle": lambda: Idle(),
        "opener": lambda: DeskUser({"open": 0.7, "wander": 0.3}),
        "closer": lambda: DeskUser({"close": 0.7, "wander": 0.3}),
    }


class PongView:
    """What a Pong policy sees, read from a frame: its paddle's row and the ball. The
    emulator itself has the same shape (`Pong.player`, `Pong.ball`, from RAM)."""

    def __init__(self, reading: PongReading) -> None:
        self.player, self.ball = reading.player, reading.ball


class Tracker:
    """Pong: moves its paddle towards the ball's row, or back to the middle while no ball is
    in play; it looks again only with chance `care` (else repeats its last move), and
    presses a random key with chance `slip`."""

    def __init__(self, care: float = 1.0, slip: float = 0.0, dead_band: float = 2.0) -> None:
        self.care, self.slip, self.dead_band, self.last = care, slip, dead_band, 0

    def __call__(self, env: Pong | PongView, rng: np.random.Generator) -> int:
        if rng.random() < self.slip or env.player is None:
            return int(rng.integers(3))
        if rng.random() >= self.care:
            return self.last
        target = env.ball[0] if env.ball is not None else PONG_SIZE / 2
        gap = target - env.player
        self.last = 0 if abs(gap) <= self.dead_band else 2 if gap > 0 else 1  # 1 up, 2 down
        return self.last


def pong_policies() -> dict[str, Callable[[], Policy]]:
    """Named Pong players, weakest to strongest."""
    return {
        "random": lambda: Persistent(actions=3, keep=0.0),
        "persistent": lambda: Persistent(actions=3, keep=0.8),
        "sloppy-tracker": lambda: Tracker(care=0.5, slip=0.2),
        "tracker": lambda: Tracker(care=0.9, slip=0.05),
    }


def policies_for(env_name: str) -> dict[str, Callable[[], Policy]]:
    named = {
        "griddodge": griddodge_policies,
        "minidesk": minidesk_policies,
        "atari:pong": pong_policies,
    }
    return named[env_name]()
