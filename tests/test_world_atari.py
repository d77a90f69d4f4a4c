"""Atari Pong as a world: the emulator through ale-py, its truth read from RAM."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.errors import UsageError
from videoagent.world.dataset import RolloutDataset, build
from videoagent.world.policies import PongView, Tracker, policies_for
from videoagent.world.readers import read_pong

pytest.importorskip("ale_py", reason="the atari extra (ale-py) is not installed")

from videoagent.world import atari  # noqa: E402
from videoagent.world.atari import FIELD_ROWS, SIZE, Pong, to_frame  # noqa: E402
from videoagent.world.pong_evaluation import PointCounter, compare_pong  # noqa: E402


def test_pong_is_seeded_and_its_keys_move_the_paddle():
    a, b = Pong(), Pong()
    assert np.array_equal(a.reset(3), b.reset(3))
    for action in (1, 2, 0, 1):
        assert np.array_equal(a.step(action).frame, b.step(action).frame)
    env = Pong()
    env.reset(0)
    for _ in range(3):
        env.step("down")
    low = env.state()["player"]
    for _ in range(3):
        env.step("up")
    assert env.state()["player"] < low - 10  # rows grow downwards
    with pytest.raises(UsageError, match="'left'"):
        env.step("left")


def test_frames_read_back_what_the_ram_says():
    """The reader of frames, which measures the world model, agrees with the console's RAM
    (the ground truth) on the emulator's own frames: paddles within half a pixel, the ball
    within one (a ball half out of the field is read where its visible part is)."""
    env, rng = Pong(), np.random.default_rng(0)
    env.reset(1)
    errors = {"player": [], "computer": [], "ball": []}
    for _ in range(400):
        frame = env.step(int(rng.integers(3))).frame
        truth, reading = env.state(), read_pong(frame)
        for side in ("player", "computer"):
            if 4 < truth[side] < SIZE - 4:  # wholly in the field
                errors[side].append(abs(getattr(reading, side) - truth[side]))
        assert (reading.ball is None) == (truth["ball"] is None)
        if truth["ball"] is not None:
            errors["ball"].append(np.hypot(*np.subtract(reading.ball, truth["ball"])))
    for side, values in errors.items():
        assert len(values) > 100, side
        assert max(values) < (1.0 if side == "ball" else 0.6), side
    assert np.mean(errors["ball"]) < 0.4


def test_peek_shows_another_action_and_leaves_the_game_alone():
    env = Pong()
    env.reset(2)
    for _ in range(5):
        env.step("stay")
    before = env.ale.getRAM().copy()
    peeked = env.peek("up")
    assert np.array_equal(env.ale.getRAM(), before)
    assert np.array_equal(env.step("up").frame, peeked)


def test_frames_hold_four_colours_and_never_lose_the_ball():
    """Wherever the 2x4 px ball is, even a row of it at the field's edge, the frame shows it
    in the ball's own colour; paddles keep their width; nothing else is drawn."""
    field = np.array(atari.BACKGROUND, dtype=np.uint8)
    for row, column in [(100, 80), (101, 81), (102, 157), (FIELD_ROWS[1] - 1, 3)]:
        screen = np.broadcast_to(field, (210, 160, 3)).copy()
        screen[row : row + 4, column : column + 2] = atari.BALL
        screen[90:106, 140:144] = atari.PLAYER
        frame = to_frame(screen)
        colours = {tuple(c) for c in frame.reshape(-1, 3)}
        assert colours == {atari.BACKGROUND, atari.BALL, atari.PLAYER}, (row, column)
        ball = (frame == atari.BALL).all(-1)
        assert 1 <= ball.sum() <= 9
        assert (frame == atari.PLAYER).all(-1).sum(1).max() == 2  # 4 screen columns


def test_a_tracker_outplays_random_keys():
    def points(policy, seed: int) -> float:
        env, rng = Pong(max_steps=400), np.random.default_rng(seed)
        env.reset(seed)
        total = 0.0
        while True:
            step = env.step(policy(env, rng))
            total += step.reward
            if step.done:
                return total

    tracker = sum(points(Tracker(), seed) for seed in range(2))
    random_keys = sum(points(policies_for("atari:pong")["random"](), seed) for seed in range(2))
    assert tracker > random_keys
    view = PongView(read_pong(Pong().reset(0)))
    assert view.player is not None


def test_points_read_from_frames_are_the_consoles_points():
    """Scores in the world model are read from its frames; on the console's own frames that
    reading gives the console's points, and a frame that shows the console's state scores
    full marks against it."""
    env, rng, tracker = Pong(max_steps=700), np.random.default_rng(4), Tracker(care=0.5, slip=0.2)
    frame, counter, points = env.reset(4), PointCounter(), {"player": 0, "computer": 0}
    for _ in range(710):  # past the end, so the last point settles
        figures = compare_pong(env, frame)
        assert all(value == 1.0 for value in figures.values()), figures
        step = env.step(tracker(PongView(read_pong(frame)), rng))
        frame = step.frame
        counter.see(read_pong(frame))
        if step.reward:
            points["player" if step.reward > 0 else "computer"] += 1
    assert points["player"] + points["computer"] >= 5
    assert (counter.player, counter.computer) == (points["player"], points["computer"])


def test_pong_dataset_builds_with_branches_from_saved_console_states(tmp_path):
    build("atari:pong", tmp_path / "pong", train=2, heldout=1, seed=5, log=lambda *_: None)
    data = RolloutDataset(tmp_path / "pong", "train")
    assert data.card["name"] == "atari:pong-v2"
    assert data.frames.shape[1:] == (SIZE, SIZE, 3) and data.actions.shape[1] == 3
    # a branch is what another key would have shown from the same moment
    env = Pong()
    env.reset(5)
    moment = 7
    for action in data.actions[:moment].argmax(1):
        env.step(int(action))
    other = int(data.branch_actions[moment].argmax())
    assert np.array_equal(env.peek(other), data.branch_frames[moment])
