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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from videoagent.world.dataset import evaluation_seed
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.imagination import imagination_for
from videoagent.world.minidesk import OPEN_DELAY, MiniDesk
from videoagent.world.policies import DeskUser
from videoagent.world.readers import read_desk

KINDS = ("drag", "beside a drag", "open", "close", "icon of an open window", "undragged")
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
    envs = [MiniDesk(max_steps=horizon) for _ in range(trajectories)]
    players = [DeskUser() for _ in envs]
    rngs = [np.random.default_rng([seed, k]) for k in range(trajectories)]
    first = np.stack([env.reset(evaluation_seed(seed, k)) for k, env in enumerate(envs)])
    imagination = imagination_for(model, replace(dreaming, seed=seed))
    imagination.start(first[:, None])
    icon_pressed = [dict.fromkeys((w.name for w in env.windows), -OPEN_DELAY - 2) for env in envs]
    failures: dict[int, FirstFailure] = {}
    for frame in range(1, horizon + 1):
        actions, before = [], []
        for k, env in enumerate(envs):
            action = players[k](env, rngs[k])
            actions.append(env.action_vector(action))
            before.append(env.state())
            env.step(action)
            _note_icon_press(env, before[-1], frame, icon_pressed[k])
        made = imagination.step(np.stack(actions))
        for k, env in enumerate(envs):
            if k in failures:
                continue
            wrong = _wrong_window(env, made[k])
            if wrong is None or _wrong_window(env, env.render()) is not None:
                continue  # right, or the reader misreads the desk itself here
            kind = _kind(before[k], env.state(), wrong, frame - icon_pressed[k][wrong])
            move = max(abs(a - b) for a, b in zip(env.cursor, before[k]["cursor"], strict=True))
            failures[k] = FirstFailure(k, frame, wrong, kind, move)
    return [failures[k] for k in sorted(failures)]


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
