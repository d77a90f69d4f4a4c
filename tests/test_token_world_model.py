"""The token world model: a codebook that reproduces the frames exactly, training from one
command, imagination that draws only what the model gives a real chance, and checkpoints."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from typer.testing import CliRunner  # noqa: E402

from videoagent.cli.main import app  # noqa: E402
from videoagent.errors import UsageError  # noqa: E402
from videoagent.nn import checkpoint, token_world_model  # noqa: E402
from videoagent.nn.token_world_model import (  # noqa: E402
    TokenWorldModel,
    TokenWorldModelConfig,
    fit_codebook,
    frames_to_patches,
    patches_to_frames,
)
from videoagent.world.dataset import RolloutDataset  # noqa: E402
from videoagent.world.dreaming import Dreaming  # noqa: E402
from videoagent.world.griddodge import GridDodge  # noqa: E402
from videoagent.world.hard_examples import HardExamples  # noqa: E402
from videoagent.world.imagination import imagination_for  # noqa: E402
from videoagent.world.minidesk import MiniDesk  # noqa: E402
from videoagent.world.readers import read_grid  # noqa: E402
from videoagent.world.token_imagination import TokenImagination  # noqa: E402
from videoagent.world.train_token_world_model import (  # noqa: E402
    TOKEN_RECIPES,
    TokenExamples,
    dreamt_context,
)
from videoagent.world.train_world_model import Batches  # noqa: E402


def _griddodge_frames(episodes: int = 3, length: int = 30) -> np.ndarray:
    env, rng, frames = GridDodge(), np.random.default_rng(0), []
    for seed in range(episodes):
        frames.append(env.reset(seed))
        for _ in range(length):
            step = env.step(int(rng.integers(5)))
            frames.append(step.frame)
            if step.done:
                break
    return np.stack(frames)


def _tiny_model(frames: np.ndarray, codes: int = 64) -> TokenWorldModel:
    book, _ = fit_codebook(frames, codes, 4)
    config = TokenWorldModelConfig(codes=len(book), width=16, depth=1, token_width=8)
    model = TokenWorldModel(config).eval()
    model.codebook.copy_(torch.from_numpy(book))
    return model


def _built(tmp_path, environment: str, train: int) -> str:
    """A world dataset of `train` episodes (and one held out) made by the CLI."""
    data = str(tmp_path / environment)
    made = CliRunner().invoke(
        app, ["dataset", environment, "--out", data, "--train", str(train), "--heldout", "1"]
    )
    assert made.exit_code == 0, made.output
    return data


def _trained(data: str, out, *options: str):
    """A tiny token world model trained by the CLI on `data`: the command's output."""
    tiny = ["--width", "16", "--depth", "1", "--threads", "1", *options]
    trained = CliRunner().invoke(
        app, ["train", "token-world-model", "--data", data, "--out", str(out), *tiny]
    )
    assert trained.exit_code == 0, trained.output
    return trained.output


def test_the_codebook_gives_back_every_griddodge_frame_exactly():
    frames = _griddodge_frames()
    assert (patches_to_frames(frames_to_patches(frames, 4), 4) == frames).all()
    book, coverage = fit_codebook(frames, 64, 4)
    assert coverage == 1.0 and len(book) < 64  # a world of flat colours: a few patches
    model = _tiny_model(frames)
    tokens = model.encode(frames)
    assert tokens.shape == (len(frames), 16, 16)
    assert (model.decode(torch.from_numpy(tokens)) == frames).all()
    # too small a codebook keeps the commonest patches and says how much it reproduces
    small, partial = fit_codebook(frames, 3, 4)
    assert len(small) == 3 and 0.5 < partial < 1.0


def test_frames_encoded_a_block_at_a_time_encode_as_all_at_once(monkeypatch):
    frames = _griddodge_frames()
    model = _tiny_model(frames)
    at_once = model.encode(frames)
    monkeypatch.setattr(token_world_model, "KEYED_AT_ONCE", 1000)  # 256 patches a frame
    monkeypatch.setattr(token_world_model, "ENCODED_AT_ONCE", 3 * 64 * 64)  # 3 frames
    assert (model.encode(frames) == at_once).all()
    assert (model.encode(frames[None, :7], np.int16)[0] == at_once[:7]).all()
    assert fit_codebook(frames, 64, 4)[0].tolist() == model.codebook.numpy().tolist()


def test_imagination_draws_frames_made_of_codebook_patches_and_keeps_chosen_copies():
    frames = _griddodge_frames(episodes=1)
    model = _tiny_model(frames)
    imagination = imagination_for(model, Dreaming(seed=3))
    assert isinstance(imagination, TokenImagination)
    imagination.start(frames[:1], copies=4)
    made = imagination.step(np.eye(5, dtype=np.float32)[[0, 1, 2, 3]])
    assert made.shape == (4, 64, 64, 3) and made.dtype == np.uint8
    patches = frames_to_patches(made, 4).reshape(-1, 48)
    book = model.codebook.numpy()
    assert all((book == patch).all(axis=1).any() for patch in np.unique(patches, axis=0))
    imagination.keep_only([1, 3])
    assert imagination.copies == 2 and imagination.step(np.eye(5)[0]).shape[0] == 2
    with pytest.raises(UsageError, match="start frames"):
        imagination.start(np.zeros((1, 32, 32, 3), dtype=np.uint8))


def test_rare_tokens_come_true_once_a_frame_as_often_as_the_surprise_says():
    model = _tiny_model(_griddodge_frames(episodes=1))
    chances = torch.tensor([0.7, 0.2995, 0.0005])  # the last one under `rare_below`
    logits = chances.log()[None, :, None, None].expand(2000, 3, 10, 10)
    surprise = torch.full((2000, 1, 10, 10), float(np.log(0.05 / 0.95)))  # 5% of frames
    made = torch.cat([logits, surprise], dim=1)
    # every token over `rare_below` drawn by its chance (no floor on common chances)
    patchwise = TokenImagination(model, Dreaming(seed=0, rare_events=False, least_chance=0))
    drawn = patchwise._draw(made)
    counts = torch.bincount(drawn.flatten(), minlength=3)
    assert counts[2] == 0
    assert abs(counts[1] / drawn.numel() - 0.3) < 0.01
    rare = (TokenImagination(model, Dreaming(seed=0))._draw(made) == 2).flatten(1).sum(1)
    assert rare.max() == 1  # never two in one frame
    assert 70 < rare.sum() < 130  # 5% of 2,000 frames
    unsurprised = torch.cat([logits, surprise - 20], dim=1)
    assert (TokenImagination(model, Dreaming(seed=0))._draw(unsurprised) != 2).all()
    # a surprise under `least_surprise` is taken as none; over it, it comes true as said
    faint = torch.cat([logits, torch.full_like(surprise, float(np.log(0.2 / 0.8)))], dim=1)
    assert (TokenImagination(model, Dreaming(least_surprise=0.25))._draw(faint) != 2).all()
    rare = (TokenImagination(model, Dreaming(least_surprise=0.15))._draw(faint) == 2).sum()
    assert 340 < rare < 460  # 20% of 2,000 frames
    # the default floor on common chances leaves each patch its likeliest token; rare events
    # still come
    likeliest = TokenImagination(model, Dreaming(seed=0))._draw(made)
    assert set(likeliest.unique().tolist()) == {0, 2}
    assert 70 < (likeliest == 2).sum() < 130 and (likeliest == 2).flatten(1).sum(1).max() == 1


def test_training_from_one_command_makes_a_checkpoint_that_plays(tmp_path):
    out, data = tmp_path / "t.pt", _built(tmp_path, "griddodge", 3)
    # the surprise counts the tokens of both context frames
    options = ["--batch", "4", "--steps", "3", "--census-frames", "2", "--ending-share", "0.3"]
    output = _trained(data, out, *options)
    assert "patches reproduce 100.0000% of the training patches" in output
    model, facts = checkpoint.load(out)
    assert isinstance(model, TokenWorldModel) and facts["training"]["steps_done"] == 3
    assert model.config.census_frames == 2 and facts["training"]["ending_share"] == 0.3
    assert facts["codebook_coverage"] == 1.0
    first = GridDodge().reset(5)
    imagination = imagination_for(model)
    imagination.start(first[None])
    frame = imagination.step(np.eye(5, dtype=np.float32)[0])[0]
    assert read_grid(frame) is not None
    # going on from those weights keeps their codebook and says where it started
    # (with half of each batch the examples it does worst on)
    more = tmp_path / "more.pt"
    hard = ["--hard-share", "0.5", "--peak-summary", "--token-counts", "--dreamt-share", "0.5"]
    output = _trained(data, more, "--batch", "4", "--steps", "2", "--init", str(out), *hard)
    assert "hard examples:" in output and "measured first" in output
    continued, facts = checkpoint.load(more)
    assert torch.equal(continued.codebook, model.codebook) and facts["codebook_coverage"] == 1.0
    assert facts["training"]["continued_from"]["steps_done"] == 3
    assert facts["training"]["hard_share"] == 0.5 and continued.config.peak_summary
    assert facts["training"]["dreamt_share"] == 0.5
    assert continued.config.token_counts
    too_many = CliRunner().invoke(
        app, ["train", "token-world-model", "--data", data, "--out", str(more), "--hard-share", "2"]
    )
    assert too_many.exit_code == 2 and "--hard-share" in too_many.output
    wrong = CliRunner().invoke(
        app, ["train", "token-world-model", "--data", data, "--out", str(out), "--steps", "0"]
    )
    assert wrong.exit_code == 2 and "steps" in wrong.output


def test_changed_patches_weigh_more_only_where_the_last_frame_differs(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "griddodge", 2), "train")
    model = _tiny_model(rollouts.frames)
    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["griddodge"], 0, 4.0).draw(64, 0)
    weight, target, last = examples["weight"], examples["target"], examples["recent"][:, 0]
    had_context = last != model.config.absent
    assert set(weight.unique().tolist()) <= {0.0, 1.0, 5.0}
    changed = had_context & (target != last)
    assert (weight[changed & (weight > 0)] == 5).all()
    assert (weight[~changed & (weight > 0)] == 1).all()


@pytest.mark.parametrize("pointer_options", [False, True])
def test_minidesk_tokens_are_pixels_read_a_cell_at_a_time(tmp_path, monkeypatch, pointer_options):
    out, data = tmp_path / "m.pt", _built(tmp_path, "minidesk", 2)
    if pointer_options:  # every option a pointer world's recipe may turn on
        options = dict(previous_action=True, moved_context=True, copy_context=True)
        recipe = replace(TOKEN_RECIPES["minidesk"], action_at_pointer=True, **options)
        monkeypatch.setitem(TOKEN_RECIPES, "minidesk", recipe)
    _trained(data, out, "--batch", "2", "--steps", "2", "--recent-frames", "4")
    model, facts = checkpoint.load(out)
    config = model.config
    assert (config.patch, config.cell, config.places, config.recent_frames) == (1, 4, (16, 16), 4)
    assert config.moved_context == config.copy_context == config.action_at_pointer
    assert config.previous_action == pointer_options
    assert facts["codebook_coverage"] == 1.0 and model.config.codes <= 16  # a few colours
    frames = RolloutDataset(data, "heldout").frames[:3]
    assert (model.decode(torch.from_numpy(model.encode(frames))) == frames).all()
    recent = torch.full((1, 4, 64, 64), config.absent)  # three frames so far
    recent[0, :3] = torch.from_numpy(model.encode(frames[::-1].copy()))
    action = torch.zeros(1, model.config.action_features)
    previous = torch.zeros(1, model.config.action_features + 1)  # none before
    made = model(recent, action, previous if pointer_options else None)
    assert made.shape == (1, model.config.codes + 1, 64, 64)
    if pointer_options:
        with pytest.raises(ValueError, match="previous action"):
            model(recent, action)
    imagination = imagination_for(model)
    imagination.start(frames[:2])
    for _ in range(2):
        assert imagination.step(np.zeros(model.config.action_features))[0].shape == (64, 64, 3)


@pytest.mark.parametrize(
    "growth",
    [
        {"peak_summary": True},
        {"token_counts": True},
        {"recent_frames": 3, "token_counts": True},
        {"depth": 3},
        {"older_frames": 2},
    ],
)
def test_a_grown_model_answers_as_before_until_it_trains(growth):
    from videoagent.world.train_token_world_model import grown

    model = _tiny_model(_griddodge_frames())
    for block in model.blocks:  # as a trained model: its summaries are not zero
        torch.nn.init.normal_(block.second.weight, std=0.1)
    frames, depth = growth.pop("recent_frames", 2), growth.pop("depth", 1)
    bigger = grown(model, frames, depth, **growth).eval()
    assert (bigger.config.recent_frames, bigger.config.depth) == (frames, depth)
    assert all(getattr(bigger.config, name) for name in growth)
    grids = len(bigger.config.context_offsets)
    recent = torch.randint(0, model.config.codes, (2, grids, 16, 16))
    action = torch.eye(5)[:2]
    assert torch.equal(bigger(recent, action), model(recent[:, :2], action))
    old = model.state_dict()
    with torch.no_grad():  # what it reads now counts once learnt
        for name, parameter in bigger.named_parameters():
            if name not in old:
                parameter.normal_(std=0.1)
        bigger.context_in.weight.view(16, grids, -1)[:, 2:].normal_(std=0.1)  # new frames
    assert not torch.equal(bigger(recent, action), model(recent[:, :2], action))
    assert grown(model, 2) is model  # nothing asked that it does not read already
    with pytest.raises(UsageError, match="--recent-frames 1"):
        grown(model, 1)
    with pytest.raises(UsageError, match="--depth 1: the --init weights have 2"):
        grown(grown(model, 2, 2), 2, 1)


def test_a_pointer_model_grown_to_read_the_moved_context_answers_as_before_until_it_trains():
    from videoagent.world.train_token_world_model import grown

    config = TokenWorldModelConfig(
        environment="minidesk", frame_height=16, frame_width=16, action_features=4, patch=1,
        cell=4, codes=6, width=16, depth=1, token_width=8, pointer=True, token_counts=True,
    )  # fmt: skip
    model = TokenWorldModel(config).eval()
    for parameter in model.parameters():  # as trained: nothing it reads weighs zero
        torch.nn.init.normal_(parameter, std=0.1)
    bigger = grown(model, 3, moved_context=True).eval()
    assert bigger.config.moved_context and bigger.config.previous_action
    recent = torch.randint(0, config.codes, (2, 3, 16, 16))
    action = torch.tensor([[1.0, 0, 0.5, 0.5], [0, 1, 0.25, 0.75]])
    previous = torch.tensor([[1.0, 0, 0.25, 0.5, 1], [0, 0, 0.5, 0.5, 1]])
    before = model(recent[:, :2], action)
    # the same sums but for their order: zero-weighted inputs change how they are summed
    assert torch.allclose(bigger(recent, action, previous), before, atol=1e-5)
    moved = bigger.context_in.weight.view(16, 4, -1)[:, 3]  # the grid after the three frames
    with torch.no_grad():
        moved.normal_(std=0.1)
    assert not torch.allclose(bigger(recent, action, previous), before, atol=1e-3)
    with pytest.raises(UsageError, match="moved_context needs pointer"):
        grown(_tiny_model(_griddodge_frames()), 2, moved_context=True)


def test_older_frames_are_read_twice_as_far_back_each_in_dreams_and_in_training(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "griddodge", 2), "train")
    config = replace(_tiny_model(rollouts.frames).config, older_frames=2, older_from=3)
    assert config.context_offsets == (1, 2, 3, 6) and config.span == 6
    model = TokenWorldModel(config).eval()
    model.codebook.copy_(_tiny_model(rollouts.frames).codebook)
    frames = rollouts.frames[:8]  # the first episode's first frames
    tokens = torch.from_numpy(model.encode(frames))
    imagination = TokenImagination(model, Dreaming())
    imagination.start(frames[:7])
    read = imagination.inputs(np.eye(5)[0])["recent"][0]
    assert all(torch.equal(read[k], tokens[7 - back]) for k, back in enumerate((1, 2, 3, 6)))
    imagination.start(frames[:2])  # too young an episode: the older frames are absent
    read = imagination.inputs(np.eye(5)[0])["recent"][0]
    assert torch.equal(read[0], tokens[1]) and (read[2:] == config.absent).all()

    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["griddodge"], 0, 0.0)
    given = examples.batches.playable[:40]
    drawn = examples.draw(len(given), 0.0, given)["recent"]
    step = rollouts.index[given]
    for k, back in enumerate((1, 2, 3, 6)):
        had = step >= back
        expected = torch.from_numpy(examples.tokens[given[had] - back].astype(np.int64))
        assert torch.equal(drawn[had, k], expected)
        assert (drawn[~had, k] == config.absent).all()
    assert (step < 6).any() and (step >= 6).any()
    with pytest.raises(ValueError, match="overlap"):
        TokenWorldModel(replace(config, older_from=2))


def test_token_counts_are_read_on_a_log_scale():
    from videoagent.nn.token_world_model import count_steps, counted

    grid = torch.zeros(1, 16, 64, 64)
    grid[0, 0, :1, :48] = 1  # an icon's 48 pixels of one colour
    grid[0, 1, :3, :51] = 1  # with its window's title bar, 153
    scale = counted(grid, 4096).view(16, count_steps(4096))
    assert count_steps(4096) == 25 and scale.sum(dim=1).tolist() == [1] * 16
    assert scale[0].argmax() == 11 and scale[1].argmax() == 14 and scale[2].argmax() == 0


def test_hard_examples_are_drawn_by_their_last_loss_and_only_once_measured():
    hard = HardExamples(np.array([30, 10, 20, 40]), seed=0)
    with pytest.raises(ValueError, match="measured"):
        hard.draw(1)
    hard.measured(np.array([10, 20, -1]), np.array([0.0, 3.0, 9.0]))  # -1: a branch's frame
    assert hard.count == 2
    drawn = hard.draw(4000)
    assert set(drawn.tolist()) <= {10, 20}  # 30 and 40 are not measured yet
    assert 0.998 < np.mean(drawn == 20) < 1  # 3 against the floor's 0.001
    hard.measured(np.array([20, 40]), np.array([1.0, 1.0]))  # it learnt 20; 40 is hard too
    assert 0.45 < np.mean(hard.draw(4000) == 40) < 0.55


def test_examples_given_their_targets_are_the_dataset_s_own_next_frames(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "griddodge", 2), "train")
    model = _tiny_model(rollouts.frames)
    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["griddodge"], 0, 0.0)
    playable = examples.batches.playable
    given = np.full(200, -1)
    given[:100] = playable[np.arange(100) % len(playable)]
    drawn = examples.draw(200, 0.0, given)
    assert (drawn["rows"][:100] == given[:100]).all()  # never a branch nor a first frame
    assert torch.equal(drawn["target"][:100], torch.from_numpy(examples.tokens[given[:100]]))
    assert (drawn["recent"][:100, 0] == torch.from_numpy(examples.tokens[given[:100] - 1])).all()
    assert (drawn["rows"][100:] == -1).any()  # the rest as ever: some branches among them


def test_a_dataset_without_ending_branches_is_named_when_endings_are_asked_for(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "griddodge", 4), "train")
    config = _tiny_model(rollouts.frames).config
    assert rollouts.branch_ends.any()  # GridDodge's branches are often lethal
    assert Batches(rollouts, config, 0, ending_share=0.1).warning is None
    rollouts.branch_ends[:] = False  # as a world whose episodes end only on time
    endless = Batches(rollouts, config, 0, ending_share=0.1)
    assert endless.ending_share == 0 and "no ending examples" in endless.warning
    assert "rebuild" not in endless.warning
    rollouts.branch_ends_marked = False  # as a dataset built before they were marked
    unmarked = Batches(rollouts, config, 0, ending_share=0.1)
    assert unmarked.ending_share == 0 and "rebuild it" in unmarked.warning
    assert Batches(rollouts, config, 0, ending_share=0).warning is None


def _pointer_model(copy_context: bool = False, action_at_pointer: bool = False):
    config = TokenWorldModelConfig(
        copy_context=copy_context,
        action_at_pointer=action_at_pointer,
        environment="minidesk",
        action_features=MiniDesk.action_features,
        patch=1,
        cell=4,
        codes=8,
        width=16,
        depth=1,
        token_width=8,
        pointer=True,
        previous_action=True,
        moved_context=True,
    )
    return TokenWorldModel(config).eval()


def test_the_moved_context_is_the_last_frame_moved_as_far_as_the_pointer():
    model, desk = _pointer_model(), MiniDesk()
    desk.reset(0)
    grid = torch.randint(0, 8, (1, 64, 64))
    before = desk.action_vector((0, 0, False), pointer=(30, 30))
    after = desk.action_vector((5, -3, True), pointer=(30, 30))
    previous = torch.from_numpy(np.append(before, 1.0))[None]
    moved = model._moved(grid, torch.from_numpy(after)[None], previous)[0]
    # content moved 5 right and 3 up; what came in from outside is absent
    assert (moved[:-3, 5:] == grid[0, 3:, :-5]).all()
    assert (moved[:, :5] == model.config.absent).all() and (moved[-3:] == model.config.absent).all()
    # no action before (a dream's first step): nothing moves
    unmoved = model._moved(grid, torch.from_numpy(after)[None], torch.zeros_like(previous))
    assert (unmoved == grid).all()
    # a move the screen's edge cut short moves the frame only as far as the pointer went
    at_edge = desk.action_vector((-6, 0, True), pointer=(2, 30))  # lands on x = 0
    was = torch.from_numpy(np.append(desk.action_vector((0, 0, True), (2, 30)), 1.0))[None]
    moved = model._moved(grid, torch.from_numpy(at_edge)[None], was)[0]
    assert (moved[:, :-2] == grid[0, :, 2:]).all()


def test_imagination_hands_a_pointer_model_each_copy_s_previous_action():
    model, desk = _pointer_model(), MiniDesk()
    first = desk.reset(0)
    seen = []
    forward = model.forward

    def recording(recent, action, previous=None):
        seen.append(previous.clone())
        return forward(recent, action, previous)

    imagination = TokenImagination(model, Dreaming(seed=0))
    imagination.forward = recording  # instead of its frozen graph
    imagination.start(first[None], copies=3)
    actions = np.stack([desk.action_vector((k, 0, k == 2)) for k in range(3)])
    imagination.step(actions)
    assert (seen[0] == 0).all()  # none before the first step
    imagination.keep_only([2, 0])
    imagination.step(actions[:2])
    expected = torch.from_numpy(np.concatenate([actions[[2, 0]], np.ones((2, 1))], 1)).float()
    assert torch.equal(seen[1], expected)
    # begun from several frames, the action that led to the last of them is given
    led_here = desk.action_vector((1, 1, True))
    second = desk.step((1, 1, True)).frame
    imagination.start(np.stack([first, second]), copies=2, previous=led_here)
    imagination.step(actions[:2])
    assert torch.equal(seen[2], torch.from_numpy(np.append(led_here, 1)).float().expand(2, -1))


def test_pointer_examples_carry_the_action_before_where_there_was_one(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "minidesk", 2), "train")
    model = _pointer_model()
    book, _ = fit_codebook(rollouts.frames, 8, 1)
    model.codebook[: len(book)].copy_(torch.from_numpy(book))
    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["minidesk"], 0, 0.0)
    chosen = examples.batches.choose(256)
    assert chosen["previous_present"].any() and not chosen["previous_present"].all()
    with_one = chosen["previous_present"]
    rows = chosen["target"][with_one] - 2
    assert (chosen["previous_action"][with_one] == rollouts.actions[rows]).all()
    assert (chosen["previous_action"][~with_one] == 0).all()
    assert (rollouts.index[chosen["target"][~with_one]] < 2).all()
    drawn = examples.draw(64, 0)["previous"]
    assert drawn.shape == (64, MiniDesk.action_features + 1)
    assert set(drawn[:, -1].unique().tolist()) <= {0.0, 1.0}
    assert (drawn[drawn[:, -1] == 0, :-1] == 0).all()


def test_a_copy_gate_carries_a_context_token_to_its_place_exactly():
    model, desk = _pointer_model(copy_context=True), MiniDesk()
    desk.reset(0)
    recent = torch.randint(0, 8, (1, 2, 64, 64))
    action = torch.from_numpy(desk.action_vector((4, 2, True), pointer=(30, 30)))[None]
    before = desk.action_vector((0, 0, True), pointer=(30, 30))
    previous = torch.from_numpy(np.append(before, 1.0)).float()[None]
    cells = model.config.cell**2
    with torch.no_grad():
        for source, expected in enumerate(
            (recent[0, 0], model._moved(recent[:, 0], action, previous)[0])
        ):
            model.copy_gates.bias.zero_()
            model.copy_gates.bias[(source + 1) * cells : (source + 2) * cells] = 50.0  # 0: guess
            made = model(recent, action, previous)[0, :-1].argmax(0)
            present = expected != model.config.absent
            assert (made[present] == expected[present]).all()


def test_the_button_held_is_drawn_where_the_pointer_lands():
    model, desk = _pointer_model(action_at_pointer=True), MiniDesk()
    desk.reset(0)
    features = MiniDesk.action_features
    button = features - 3  # (dx one-hot, dy one-hot, button, x, y)

    def button_map(held: bool) -> torch.Tensor:
        action = torch.from_numpy(desk.action_vector((0, 0, held), pointer=(21, 9)))[None]
        maps = model._pointer_maps(action, None)[0]  # the bump, then each number at it
        assert maps.shape == (1 + features, 64, 64)
        return maps[1 + button]

    held = button_map(True)
    assert torch.equal(torch.nonzero(held == held.max())[0], torch.tensor([9, 21]))
    assert (button_map(False) == 0).all()


def test_the_memory_counts_each_token_s_run_of_frames_held_or_missed():
    memory = torch.zeros(1, 3, dtype=torch.long)  # nothing seen yet
    for held in ([1, 0, 0], [1, 0, 1], [0, 0, 1]):
        memory = token_world_model.remembered(memory, torch.tensor([held], dtype=torch.bool))
    assert memory.tolist() == [[-1, -3, 2]]
    for _ in range(40):
        memory = token_world_model.remembered(memory, torch.tensor([[1, 0, 0]], dtype=torch.bool))
    assert memory.tolist() == [[32, -32, -32]]  # bounded


def test_pong_tokens_are_its_four_colours_and_the_memory_trains_as_it_dreams(tmp_path):
    """Pong's recipe reads the episode's memory: the memory an example is trained with is the
    one a dream begun from the same frames carries, and a trained model plays."""
    pytest.importorskip("ale_py", reason="the atari extra (ale-py) is not installed")
    from videoagent.world import atari

    out, data = tmp_path / "p.pt", _built(tmp_path, "atari:pong", 2)
    _trained(data, out, "--batch", "2", "--steps", "2")
    model, facts = checkpoint.load(out)
    assert model.config.memory and model.config.codes == 4 and facts["codebook_coverage"] == 1.0
    rollouts = RolloutDataset(data, "train")
    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["atari:pong"], 0, 5.0)
    given = np.array([40, 41, 250])  # rows whose episode has frames before them
    drawn = examples.draw(len(given), 0.0, given)
    for row, memory in zip(given, drawn["memory"], strict=True):
        start = row - rollouts.index[row]
        imagination = TokenImagination(model, Dreaming())
        imagination.start(rollouts.frames[start:row])  # up to the last context frame
        assert torch.equal(imagination.memory[0], memory)
        ball = (model.codebook == torch.tensor(atari.BALL, dtype=torch.uint8)).all(1)
        assert int(memory[ball]) != 0  # the ball's run is counted either way
        frame = imagination.step(rollouts.actions[row - 1])[0]
        assert {tuple(c) for c in frame.reshape(-1, 3)} <= {
            tuple(int(v) for v in c) for c in model.codebook
        }
    with pytest.raises(ValueError, match="memory"):
        model(drawn["recent"], drawn["action"], drawn["previous"])


def test_a_guess_is_the_frame_a_step_would_make_and_leaves_the_dream_where_it_was():
    model, desk = _pointer_model(), MiniDesk()
    first = desk.reset(0)
    imagination = TokenImagination(model, Dreaming(seed=0, rare_events=False))
    imagination.start(first[None], copies=2)
    actions = np.stack([desk.action_vector((3, 0, False)), desk.action_vector((0, -2, True))])
    guessed = imagination.guess(actions)
    assert np.array_equal(imagination.guess(actions), guessed)  # nothing carried on
    assert np.array_equal(imagination.step(actions), guessed)
    assert len(imagination.history) == 2


def test_a_dreamt_context_is_what_the_model_makes_from_the_true_frames_before_it(tmp_path):
    rollouts = RolloutDataset(_built(tmp_path, "griddodge", 2), "train")
    model = _tiny_model(rollouts.frames)
    with torch.no_grad():  # weights that make frames other than the true ones
        for parameter in model.parameters():
            parameter.normal_(std=0.3)
    examples = TokenExamples(rollouts, model, TOKEN_RECIPES["griddodge"], 0, 0.0)
    given = examples.batches.playable[:40]
    drawn = examples.draw(len(given), 0.0, given)
    true_context = drawn["recent"].clone()
    count = dreamt_context(model, examples, drawn, share=1.0, steps=2)
    dreamt = drawn["after"] - drawn["start"] > 2
    assert count == dreamt.sum() > 0 and (drawn["rows"][dreamt] == -1).all()
    assert torch.equal(drawn["recent"][~dreamt], true_context[~dreamt])
    assert not torch.equal(drawn["recent"][dreamt], true_context[dreamt])
    # the same as a dream begun from the true frames before them, given the actions taken
    k = int(np.flatnonzero(dreamt)[0])
    after, start = drawn["after"][k], drawn["start"][k]
    imagination = TokenImagination(model, Dreaming(rare_events=False))
    imagination.start(rollouts.frames[start : after - 2])  # to the last true one
    for row in (after - 2, after - 1):
        imagination.step(rollouts.actions[row - 1])
    assert torch.equal(drawn["recent"][k, 0], imagination.history[-1][0])
    assert torch.equal(drawn["recent"][k, 1], imagination.history[-2][0])
    remembering = TokenWorldModel(replace(model.config, memory=True))
    with pytest.raises(UsageError, match="memory"):
        dreamt_context(remembering, examples, drawn, share=1.0, steps=2)
