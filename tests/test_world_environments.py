"""The world-model environments: seeded, exact state, frames that say what happened."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from videoagent.errors import UsageError
from videoagent.world.dataset import LETHAL_BRANCH_SHARE, RolloutDataset, build, rollout
from videoagent.world.desk_failures import overlapping
from videoagent.world.griddodge import GOAL_DISTANCE, MAX_HAZARDS, GridDodge
from videoagent.world.minidesk import OPEN_DELAY, TITLE, WINDOW_SIZE, MiniDesk
from videoagent.world.policies import GridView, Seeker
from videoagent.world.readers import read_desk, read_grid


def test_griddodge_is_seeded_and_its_goal_is_a_real_detour_away():
    a, b = GridDodge(), GridDodge()
    assert np.array_equal(a.reset(7), b.reset(7))
    for seed in range(30):
        env = GridDodge()
        env.reset(seed)
        moves = env.shortest_path(env.agent, env.goal)
        assert GOAL_DISTANCE[0] <= moves <= GOAL_DISTANCE[1]
        assert 2 <= len(env.hazards) <= 3


def test_griddodge_walls_block_and_hazards_end_the_episode():
    env = GridDodge()
    env.reset(3)
    env.hazards = []
    row, column = env.agent
    env.walls[row, column + 1] = True
    env.step("right")
    assert env.agent == (row, column)  # the wall held
    env.walls[row, column + 1] = False
    env.hazards = [[row, column + 2, 0, -1]]  # heading straight at the agent
    step = env.step("right")
    assert step.done and step.reward == -1 and env.status == "dead"
    assert read_grid(step.frame).status == "dead"


def test_a_full_set_of_hazards_leaves_griddodge_nothing_to_chance():
    def diverges(seed: int, full: bool) -> bool:
        env = GridDodge(max_steps=200)
        env.reset(seed)
        if full:
            env.fill_hazards()
            assert len(env.hazards) == MAX_HAZARDS
        twin = copy.deepcopy(env)
        twin.rng = np.random.default_rng(99)  # other random numbers from here on
        keys = np.random.default_rng(seed)
        for _ in range(200):
            action = int(keys.integers(5))
            mine, theirs = env.step(action), twin.step(action)
            if not np.array_equal(mine.frame, theirs.frame):
                return True
            if mine.done:
                return False
        return False

    assert not any(diverges(seed, full=True) for seed in range(12))
    assert any(diverges(seed, full=False) for seed in range(12))  # spawns differ


def test_a_model_perfect_but_for_chance_loses_griddodge_agents_to_spawns():
    from videoagent.world.evaluation import other_draws_fidelity

    figures = other_draws_fidelity("griddodge", (1, 300), trajectories=30)
    assert figures.figures[1]["agent"] == 1.0
    assert figures.figures[300]["agent"] < 0.9
    with pytest.raises(UsageError, match="minidesk"):
        other_draws_fidelity("minidesk", (1,), trajectories=1)


def test_griddodge_seeker_reaches_the_goal_and_frames_read_back_exactly():
    wins = 0
    for seed in range(10):
        env = GridDodge()
        frame = env.reset(seed)
        seeker, rng, view = Seeker(), np.random.default_rng(seed), None
        while True:
            reading = read_grid(frame)
            assert reading.agent == env.agent
            truth = {(h[0], h[1]) for h in env.hazards} - {env.agent}
            assert reading.hazards == truth
            cells = [(h[0], h[1]) for h in env.hazards]
            for row, column, d_row, d_column in env.hazards:
                if (row, column) != env.agent and cells.count((row, column)) == 1:
                    assert reading.heading[(row, column)] == (d_row, d_column)
            view = GridView.of(reading, view)
            step = env.step(seeker(view, rng))
            frame = step.frame
            if step.done:
                wins += env.status == "won"
                break
    assert wins >= 8


def test_minidesk_icon_opens_a_window_after_its_delay_which_drags_and_closes():
    env = MiniDesk()
    env.reset(1)
    for window in env.windows:
        window.open = False
    env.order = []
    icon_x, icon_y = env.windows[0].icon
    env.cursor = [icon_x + 3, icon_y + 3]
    env.step((0, 0, True))
    env.step((0, 0, False))
    assert not env.windows[0].open
    for _ in range(OPEN_DELAY):
        env.step((0, 0, False))
    window = env.windows[0]
    assert window.open and (window.x, window.y) == window.home
    frame = env.render()
    assert read_desk(frame).windows["files"] == window.home
    # drag by the title bar
    env.cursor = [window.x + 5, window.y + 1]
    env.step((0, 0, True))
    env.step((4, 5, True))
    env.step((0, 0, False))
    assert (window.x, window.y) == (window.home[0] + 4, window.home[1] + 5)
    # close from the red box
    env.cursor = [window.x + WINDOW_SIZE[0] - 2, window.y + TITLE // 2]
    env.step((0, 0, True))
    assert not window.open and read_desk(env.render()).windows["files"] is None


def test_minidesk_reader_finds_the_cursor_and_button():
    env = MiniDesk()
    env.reset(4)
    env.step((3, -2, True))
    reading = read_desk(env.render())
    assert reading.cursor == tuple(env.cursor) and reading.button


def test_minidesk_actions_tell_the_model_where_the_pointer_lands():
    env = MiniDesk()
    env.reset(4)
    env.cursor = [62, 10]
    vector = env.action_vector((5, -2, True))  # stops at the right edge
    assert vector.shape == (env.action_features,)
    assert vector[:13].argmax() == 5 + 6 and vector[13:26].argmax() == -2 + 6 and vector[26] == 1
    assert np.allclose(vector[-2:], [63 / 64, 8 / 64])
    assert np.allclose(env.action_vector((5, -2, True), pointer=(0, 0))[-2:], [5 / 64, 0])
    desk = env.state()["windows"]
    env.follow((5, -2, True))  # the pointer moves; the desk does not
    assert env.cursor == [63, 8] and env.state()["windows"] == desk and not env.button
    stepped = MiniDesk()
    stepped.reset(4)
    stepped.cursor = [62, 10]
    stepped.step((5, -2, True))
    assert stepped.cursor == env.cursor


def test_bad_actions_are_refused_by_name():
    with pytest.raises(UsageError, match="'jump'"):
        GridDodge().action_vector("jump")
    with pytest.raises(UsageError, match="MiniDesk action"):
        MiniDesk().action_vector("click")


def test_rollout_dataset_round_trips(tmp_path):
    card = build("griddodge", tmp_path / "gd", train=6, heldout=2, log=lambda _: None)
    data = RolloutDataset(tmp_path / "gd", "train")
    assert data.episodes() == 6 and card["splits"]["train"]["frames"] == len(data.frames)
    states = data.states()
    assert len(states) == len(data.frames)
    first = data.episode_slice(0)
    again = rollout("griddodge", states[0]["policy"], 0, 60)
    assert np.array_equal(data.frames[first], again["frames"])
    assert np.allclose(data.actions[first], again["actions"])
    # beside every real step, the same moment with a random action and what it showed
    assert data.branch_frames.shape == data.frames.shape
    other = data.branch_actions[first][:-1].argmax(1) != data.actions[first][:-1].argmax(1)
    differs = (data.branch_frames[first][:-1] != data.frames[first][1:]).any(axis=(1, 2, 3))
    assert differs[other].mean() > 0.5
    with pytest.raises(UsageError, match="already exists"):
        build("griddodge", tmp_path / "gd", train=1, heldout=1)


def test_branches_show_the_endings_that_play_rarely_reaches(monkeypatch):
    """Where some key would kill, the branch often takes it (deaths, swaps with a hazard
    above all, are too rare in play to learn), and says that its step ended the episode."""

    def endings() -> int:
        made = [rollout("griddodge", "persistent", seed, 60) for seed in range(12)]
        for episode in made:
            frames, ends = episode["branch_frames"][:-1], episode["branch_ends"][:-1]
            assert {read_grid(frame).status for frame in frames[ends]} <= {"dead", "won"}
            assert {read_grid(frame).status for frame in frames[~ends]} <= {"playing"}
        return sum(int(episode["branch_ends"].sum()) for episode in made)

    lethal = endings()
    monkeypatch.setitem(LETHAL_BRANCH_SHARE, "griddodge", 0.0)
    assert lethal > endings()


def test_long_lives_add_wanderer_episodes_beyond_sixty_moves(tmp_path):
    card = build("griddodge", tmp_path / "long", train=8, heldout=1, long_lives=True, log=print)
    assert card["name"] == "griddodge-v3-long" and card["long_lives"] == {"wanderer": 240}
    data = RolloutDataset(tmp_path / "long", "train")
    policies = {state["policy"] for state in data.states()}
    assert "wanderer" in policies
    assert data.index.max() > 60  # a wanderer outlives the 60-move episodes
    with pytest.raises(UsageError, match="a GridDodge experiment"):
        build("minidesk", tmp_path / "desk", train=1, heldout=1, long_lives=True)


def test_the_stacker_keeps_windows_over_one_another_far_more_than_the_desk_user(tmp_path):
    shares = {}
    for policy in ("desk-user", "stacker"):
        states = [s for seed in range(12) for s in rollout("minidesk", policy, seed, 96)["states"]]
        shares[policy] = np.mean([overlapping(state) for state in states])
    assert shares["stacker"] > 2 * shares["desk-user"]
    card = build("minidesk", tmp_path / "stacked", train=6, heldout=1, stacked=True, log=print)
    assert card["name"] == "minidesk-v2-stacked" and "stacker" in card["policy_mix"]
    with pytest.raises(UsageError, match="a MiniDesk experiment"):
        build("griddodge", tmp_path / "grid", train=1, heldout=1, stacked=True)


def test_fixed_policies_differ_in_the_simulator_read_from_frames():
    from videoagent.world.evaluation import policy_returns

    grid = policy_returns("griddodge", None, 12)
    assert grid["careful-seeker"] > grid["random"] + 0.5
    desk = policy_returns("minidesk", None, 12)
    assert desk["opener"] > desk["idle"] > desk["closer"] - 0.5
    assert desk["opener"] >= 1.5
