"""Where MiniDesk dreams first go wrong: found at the frame they go wrong, named by what the
desk was doing."""

from __future__ import annotations

import numpy as np

from videoagent.world import desk_failures
from videoagent.world.dataset import evaluation_seed
from videoagent.world.minidesk import MAX_MOVE, MiniDesk


class _SimulatedDreams:
    """Dreams that are the desk itself, played from the action vectors, but for run
    `spoiled`, whose windows all vanish from frame `at` on."""

    def __init__(self, runs: int, spoiled: int = -1, at: int = 0) -> None:
        self.desks = [MiniDesk() for _ in range(runs)]
        for k, desk in enumerate(self.desks):
            desk.reset(evaluation_seed(0, k))
        self.spoiled, self.at, self.frame = spoiled, at, 0

    def start(self, frames) -> None:
        assert len(frames) == len(self.desks)

    def step(self, actions: np.ndarray) -> np.ndarray:
        self.frame += 1
        places = 2 * MAX_MOVE + 1
        made = []
        for k, (desk, vector) in enumerate(zip(self.desks, actions, strict=True)):
            dx = int(np.argmax(vector[:places])) - MAX_MOVE
            dy = int(np.argmax(vector[places : 2 * places])) - MAX_MOVE
            desk.step((dx, dy, bool(vector[2 * places] > 0.5)))
            if k == self.spoiled and self.frame >= self.at:
                shown = desk.order
                desk.order = []
                made.append(desk.render())
                desk.order = shown
            else:
                made.append(desk.render())
        return np.stack(made)


def test_a_dream_is_followed_to_its_first_wrong_window_and_that_is_named(monkeypatch):
    runs = 6
    desks = [MiniDesk() for _ in range(runs)]
    for k, desk in enumerate(desks):
        desk.reset(evaluation_seed(0, k))
    spoiled = next(k for k, desk in enumerate(desks) if desk.order)  # a window open at first
    at = 3  # the frame from which the dream shows it gone
    dreams = _SimulatedDreams(runs, spoiled, at)
    monkeypatch.setattr(desk_failures, "imagination_for", lambda model, dreaming: dreams)
    failures = desk_failures.first_desk_failures(None, runs, horizon=20)
    assert [(f.run, f.frame, f.kind) for f in failures] == [(spoiled, at, "undragged")]
    counted = desk_failures.tally(failures)
    assert list(counted) == list(desk_failures.KINDS) and sum(counted.values()) == 1


def test_a_perfect_dream_has_no_first_failure(monkeypatch):
    dreams = _SimulatedDreams(4)
    monkeypatch.setattr(desk_failures, "imagination_for", lambda model, dreaming: dreams)
    assert desk_failures.first_desk_failures(None, 4, horizon=30) == []


class _OneStepDreams(_SimulatedDreams):
    """Guesses that are the desk's own next frame, but with no window at all whenever the
    windows are over one another; the frames observed must be the simulator's."""

    def guess(self, actions: np.ndarray) -> np.ndarray:
        made = self.step(actions)
        for k, desk in enumerate(self.desks):
            if desk_failures.overlapping(desk.state()):
                shown, desk.order = desk.order, []
                made[k] = desk.render()
                desk.order = shown
        return made

    def observe(self, actions: np.ndarray, frames: np.ndarray) -> None:
        assert np.array_equal(frames, np.stack([desk.render() for desk in self.desks]))


def test_one_step_errors_are_counted_where_the_windows_were(monkeypatch):
    runs, horizon = 16, 60
    dreams = _OneStepDreams(runs)
    monkeypatch.setattr(desk_failures, "imagination_for", lambda model, dreaming: dreams)
    counted = desk_failures.one_step_errors(None, runs, horizon)
    assert list(counted) == list(desk_failures.SITUATIONS)
    assert sum(steps for _, steps in counted.values()) == runs * horizon
    assert counted["apart"][0] == counted["apart, dragged"][0] == 0
    over = [counted["over one another"], counted["over one another, dragged"]]
    assert sum(steps for _, steps in over) > 0
    assert all(0 < wrong <= steps for wrong, steps in over if steps)
