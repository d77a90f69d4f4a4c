"""Where a MiniDesk dream first goes wrong, and what the desk was doing then.

The horizon table says how many dreams still have their windows right after 100 frames;
this says why the others do not. Each held-out run (the horizon's own desk user and seeds)
is dreamt until the first frame whose windows the reader finds wrong (a window open that is
closed, or more than 2 px from its place), frames the reader misreads on the simulator's own
render left out; that frame is put down to what happened to the wrong window in the step
that made it:

- `drag`: it was being dragged (in this step or the one before);
- `beside a drag`: another window was (one dragged over or away from it);
- `open`: its icon was opening, or it appeared;
- `close`: it closed;
- `icon of an open window`: its icon was pressed in the last few steps while it was already
  open (the desk does nothing; a model may open a second one);
- `undragged`: nothing happened to it (a model moved, closed or opened it by itself).

Whether a dream goes wrong in one step or drifts there: `one_step_errors` makes every frame of
the same runs from the simulator's own frames before it and counts the wrong ones, with the
windows apart or over one another, dragged or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from videoagent.errors import UsageError
from videoagent.world.dataset import evaluation_seed
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.imagination import imagination_for
from videoagent.world.minidesk import OPEN_DELAY, WINDOW_SIZE, MiniDesk
from videoagent.world.policies import DeskUser
from videoagent.world.readers import read_desk

KINDS = ("drag", "beside a drag", "open", "close", "icon of an open window", "undragged")
# where a step of `one_step_errors` falls: windows over one another or not, dragged or not
SITUATIONS = ("apart", "apart, dragged", "over one another", "over one another, dragged")
PLACE_TOLERANCE = 2  # pixels, as the horizon table's


@dataclass(frozen=True)
class FirstFailure:
    run: int
    frame: int  # the first wrong frame, 1 the first the model made
    window: str
    kind: str
    move: int  # the pointer's move in that step, the larger of its x and y (pixels)


def first_desk_failures(
    model, trajectories: int, horizon: int, dreaming: Dreaming = DEFAULT_DREAMING, seed: int = 0
) -> list[FirstFailure]:
    """Each run's first wrong frame within `horizon` frames (none for a run right to the end)."""
    runs = _DeskRuns(trajectories, horizon, seed)
    imagination = imagination_for(model, replace(dreaming, seed=seed))
    imagination.start(runs.first[:, None])
    icon_pressed = [
        dict.fromkeys((w.name for w in env.windows), -OPEN_DELAY - 2) for env in runs.envs
    ]
    failures: dict[int, FirstFailure] = {}
    for frame in range(1, horizon + 1):
        actions, before = runs.step()
        for k, env in enumerate(runs.envs):
            _note_icon_press(env, before[k], frame, icon_pressed[k])
        made = imagination.step(actions)
        for k, env in enumerate(runs.envs):
            if k in failures:
                continue
            wrong = _wrong_window(env, made[k])
            if wrong is None or _wrong_window(env, env.render()) is not None:
                continue  # right, or the reader misreads the desk itself here
            kind = _kind(before[k], env.state(), wrong, frame - icon_pressed[k][wrong])
            move = max(abs(a - b) for a, b in zip(env.cursor, before[k]["cursor"], strict=True))
            failures[k] = FirstFailure(k, frame, wrong, kind, move)
    return [failures[k] for k in sorted(failures)]


def one_step_errors(
    model, trajectories: int, horizon: int, dreaming: Dreaming = DEFAULT_DREAMING, seed: int = 0
) -> dict[str, tuple[int, int]]:
    """For each of `SITUATIONS`: (wrong, steps) over the same runs' steps, each frame made
    from the simulator's own frames before it: a window wrong here is the model's one step
    (frames the reader misreads on the simulator's render left out, as above). A token
    world model only (its imagination's `guess`)."""
    runs = _DeskRuns(trajectories, horizon, seed)
    imagination = imagination_for(model, replace(dreaming, seed=seed))
    if not hasattr(imagination, "guess"):
        kind = type(model).__name__
        raise UsageError(f"one step from true frames needs a token world model, not a {kind}")
    imagination.start(runs.first[:, None])
    counted = {situation: [0, 0] for situation in SITUATIONS}
    for _ in range(horizon):
        actions, before = runs.step()
        made = imagination.guess(actions)
        for k, env in enumerate(runs.envs):
            after = env.state()
            over = overlapping(before[k]) or overlapping(after)
            dragged = bool(before[k]["dragging"] or after["dragging"])
            tally_of = counted[SITUATIONS[2 * over + dragged]]
            tally_of[1] += 1
            wrong = _wrong_window(env, made[k]) is not None
            tally_of[0] += wrong and _wrong_window(env, env.render()) is None
        imagination.observe(actions, np.stack([env.render() for env in runs.envs]))
    return {situation: (wrong, steps) for situation, (wrong, steps) in counted.items()}


class _DeskRuns:
    """The horizon table's held-out desk-user runs, stepped together."""

    def __init__(self, trajectories: int, horizon: int, seed: int) -> None:
        self.envs = [MiniDesk(max_steps=horizon) for _ in range(trajectories)]
        self.players = [DeskUser() for _ in self.envs]
        self.rngs = [np.random.default_rng([seed, k]) for k in range(trajectories)]
        self.first = np.stack(
            [env.reset(evaluation_seed(seed, k)) for k, env in enumerate(self.envs)]
        )

    def step(self) -> tuple[np.ndarray, list[dict]]:
        """Every run's next action vector [runs, F], and each desk's state before it."""
        actions, before = [], []
        for env, player, rng in zip(self.envs, self.players, self.rngs, strict=True):
            action = player(env, rng)
            actions.append(env.action_vector(action))  # before the step: it reads the pointer
            before.append(env.state())
            env.step(action)
        return np.stack(actions), before


def overlapping(state: dict) -> bool:
    """Both windows open and over one another."""
    first, second = state["windows"].values()
    width, height = WINDOW_SIZE
    near = abs(first["x"] - second["x"]) < width and abs(first["y"] - second["y"]) < height
    return first["open"] and second["open"] and near


def tally(failures: list[FirstFailure]) -> Counter:
    """How many first failures of each kind (every kind named, zero or not)."""
    counted = Counter({kind: 0 for kind in KINDS})
    counted.update(failure.kind for failure in failures)
    return counted


def _note_icon_press(env: MiniDesk, before: dict, frame: int, pressed: dict) -> None:
    """Remember the frame at which the button went down on the icon of an open window."""
    if before["button"] or not env.button:
        return
    x, y = env.cursor
    for window in env.windows:
        left, top = window.icon
        if left <= x < left + 8 and top <= y < top + 8 and before["windows"][window.name]["open"]:
            pressed[window.name] = frame


def _wrong_window(env: MiniDesk, frame: np.ndarray) -> str | None:
    """The first window `frame` shows wrong against the desk's state, or None."""
    seen = read_desk(frame).windows
    for name, window in env.state()["windows"].items():
        place = seen[name]
        if not window["open"]:
            if place is not None:
                return name
        elif (
            place is None
            or max(abs(place[0] - window["x"]), abs(place[1] - window["y"])) > PLACE_TOLERANCE
        ):
            return name
    return None


def _kind(before: dict, after: dict, name: str, since_icon_press: int) -> str:
    was, now = before["windows"][name], after["windows"][name]
    if name in (before["dragging"], after["dragging"]):
        return "drag"
    if was["opening"] or now["opening"] or (now["open"] and not was["open"]):
        return "open"
    if was["open"] and not now["open"]:
        return "close"
    if since_icon_press <= OPEN_DELAY + 1:
        return "icon of an open window"
    if before["dragging"] or after["dragging"]:
        return "beside a drag"
    return "undragged"
