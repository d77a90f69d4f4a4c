"""The world model: shapes and checkpoints on a tiny config, training from one command,
imagination from real frames, and the shipped weights doing what a player asks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from typer.testing import CliRunner  # noqa: E402

from videoagent.cli.main import app  # noqa: E402
from videoagent.errors import UsageError  # noqa: E402
from videoagent.nn import checkpoint  # noqa: E402
from videoagent.nn.shortcut import integrate, step_level  # noqa: E402
from videoagent.nn.world_model import WorldModel, WorldModelConfig  # noqa: E402
from videoagent.world import evaluation  # noqa: E402
from videoagent.world.dataset import RolloutDataset, build  # noqa: E402
from videoagent.world.dreaming import Dreaming  # noqa: E402
from videoagent.world.ending_fidelity import KINDS, ending_fidelity, ending_kind  # noqa: E402
from videoagent.world.griddodge import GridDodge  # noqa: E402
from videoagent.world.imagination import Imagination  # noqa: E402
from videoagent.world.models import load_world_model  # noqa: E402
from videoagent.world.readers import read_grid  # noqa: E402
from videoagent.world.train_world_model import EARLY_STEPS, Batches, to_pixels  # noqa: E402

TINY = WorldModelConfig(width=32, depth=1, heads=1)


def test_shortcut_step_levels_and_integration():
    assert [step_level(n) for n in (1, 2, 4, 8, 32)] == [0, 1, 2, 3, 5]
    with pytest.raises(ValueError, match="power of two.*got 3"):
        step_level(3)
    start, goal = torch.zeros(2, 3), torch.ones(2, 3) * 5
    # a straight path: the velocity from anywhere on it is goal - start
    for steps in (1, 4):
        end = integrate(lambda x, t, level: goal - start, start, steps)
        assert torch.allclose(end, goal)


def test_tiny_world_model_round_trips_through_a_checkpoint(tmp_path):
    model = WorldModel(TINY).eval()
    imagination = Imagination(model, Dreaming(steps=2))
    first = GridDodge().reset(0)
    imagination.start(first[None], copies=3)
    frames = imagination.step(np.eye(5, dtype=np.float32)[[1, 2, 3]])
    assert frames.shape == (3, 64, 64, 3) and frames.dtype == np.uint8
    imagination.keep_only([2])
    assert imagination.copies == 1
    checkpoint.save(tmp_path / "w.pt", "world_model", model, note="tiny")
    loaded, facts = checkpoint.load(tmp_path / "w.pt")
    assert loaded.config == TINY and facts["note"] == "tiny"
    with pytest.raises(UsageError, match="start frames"):
        imagination.start(np.zeros((1, 32, 32, 3), dtype=np.uint8))


def test_training_runs_from_one_command_and_continues_on_its_own_rollouts(tmp_path):
    out, data = tmp_path / "w.pt", str(tmp_path / "gd")
    made = CliRunner().invoke(
        app, ["dataset", "griddodge", "--out", data, "--train", "4", "--heldout", "1"]
    )
    assert made.exit_code == 0 and f"built {data}: train 4, heldout 1" in made.output
    tiny = ["--batch", "4", "--width", "32", "--depth", "1", "--threads", "1"]
    shape = ["--decoder-hidden", "16", "--recent-frames", "3", "--early-share", "0.5"]
    shape += ["--ending-share", "0.2"]
    first = CliRunner().invoke(
        app,
        ["train", "world-model", "--data", data, "--out", str(out), "--steps", "3", *tiny, *shape],
    )
    assert first.exit_code == 0, first.output
    trained, facts = checkpoint.load(out)
    assert facts["training"]["steps_done"] == 3 and facts["training"]["data"].startswith(
        "griddodge"
    )
    assert (facts["training"]["early_share"], facts["training"]["ending_share"]) == (0.5, 0.2)
    assert (trained.config.decoder_hidden, trained.config.recent_frames) == (16, 3)
    rollouts = RolloutDataset(Path(data), "train")

    def most_context(early_share: float) -> int:
        drawn = Batches(rollouts, trained.config, 0, early_share).draw(64)
        return int((drawn["recent_present"].sum(1) + drawn["older_present"].sum(1)).max())

    assert most_context(1.0) <= EARLY_STEPS < most_context(0.0)
    more = CliRunner().invoke(
        app,
        [
            "train",
            "world-model",
            "--data",
            data,
            "--out",
            str(tmp_path / "w2.pt"),
            "--steps",
            "2",
            "--init",
            str(out),
            "--rollout-steps",
            "2",
            "--rollout-share",
            "0.5",
            *tiny,
        ],
    )
    assert more.exit_code == 0, more.output
    model, facts = checkpoint.load(tmp_path / "w2.pt")
    assert facts["training"]["continued_from"]["steps_done"] == 3
    refused = CliRunner().invoke(
        app, ["train", "world-model", "--data", data, "--out", str(out), "--steps", "0"]
    )
    assert refused.exit_code == 2 and "--steps must be at least 1, got 0" in refused.output
    assert model.config.environment == "griddodge" and model.config.width == 32


def test_an_ending_share_draws_the_branches_that_end_an_episode(tmp_path):
    build("griddodge", tmp_path / "gd", train=12, heldout=1, log=lambda _: None)
    rollouts = RolloutDataset(tmp_path / "gd", "train")
    assert rollouts.branch_ends.any()

    def shown(ending_share: float) -> set[str]:
        drawn = Batches(rollouts, TINY, 0, ending_share=ending_share).draw(32)
        return {read_grid(frame).status for frame in to_pixels(drawn["target"])}

    assert shown(1.0) <= {"dead", "won"}
    assert "playing" in shown(0.0)


def test_episode_ends_are_told_apart_by_kind_and_counted_per_kind():
    env = GridDodge()
    env.reset(0)
    env.walls[:] = False
    env.walls[0, :] = env.walls[-1, :] = env.walls[:, 0] = env.walls[:, -1] = True
    env.agent, env.goal = (5, 5), (12, 12)
    env.hazards = [[5, 7, 0, -1]]  # two cells right of the agent, moving left
    assert ending_kind(env, 4) == "touch"  # right: both step into (5, 6)
    env.hazards = [[5, 6, 0, -1]]  # next to it, moving left
    assert ending_kind(env, 4) == "swap"  # right: they trade cells
    assert ending_kind(env, 0) == "touch" and ending_kind(env, 1) == "near miss"
    env.hazards, env.goal = [], (4, 5)
    assert ending_kind(env, 1) == "win"
    tally = ending_fidelity(WorldModel(TINY).eval(), cases=2, seed=1)
    assert {kind: tried for kind, (_, tried) in tally.items()} == dict.fromkeys(KINDS, 2)
    assert all(0 <= right <= tried for right, tried in tally.values())


def test_a_world_model_that_does_not_ship_is_named_with_what_to_do(tmp_path, monkeypatch):
    from videoagent.world import models

    monkeypatch.setattr(models, "WEIGHTS", tmp_path)
    with pytest.raises(UsageError, match="no world model of 'griddodge' ships.*--weights"):
        load_world_model("griddodge")


def test_rank_correlation_and_intervals():
    assert evaluation.rank_correlation([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert evaluation.rank_correlation([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    low, high = evaluation.Outcome(50, 100, 0.0).interval()
    assert low == pytest.approx(0.404, abs=0.002) and high == pytest.approx(0.596, abs=0.002)


def test_planner_on_the_true_simulator_reaches_the_goal():
    outcome = evaluation.play_griddodge("simulator", 6, seed=3)
    assert outcome.successes >= 5


# Pong's token model follows 100% of keys over 300 moments (docs/models.md)
SHIPPED_FOLLOWING = {"griddodge": 0.8, "minidesk": 0.8, "atari:pong": 0.6}


@pytest.mark.parametrize("environment", sorted(SHIPPED_FOLLOWING))
def test_shipped_world_model_follows_the_players_actions(environment):
    if environment.startswith("atari:"):
        pytest.importorskip("ale_py", reason="the atari extra (ale-py) is not installed")
    torch.set_num_threads(2)
    model, facts = load_world_model(environment)
    assert facts["training"]["steps_done"] >= 1000
    following = evaluation.action_following(model, samples=30, seed=5)
    assert following >= SHIPPED_FOLLOWING[environment], following
