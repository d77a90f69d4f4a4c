"""The recognizer (our judge): single frames or a frame with the ones a moment before it."""

from __future__ import annotations

from dataclasses import replace

import pytest

torch = pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

import numpy as np  # noqa: E402

from videoagent.errors import UsageError  # noqa: E402
from videoagent.evaluate.recognized import RECOGNIZER, frames_checks  # noqa: E402
from videoagent.nn import checkpoint  # noqa: E402
from videoagent.nn.judge import read_clip  # noqa: E402
from videoagent.nn.recognizer import Recognizer, RecognizerConfig, paired  # noqa: E402
from videoagent.nn.train_recognizer import RecognizerTraining, train, warm_started  # noqa: E402
from videoagent.synthworld.dataset import DatasetConfig, build  # noqa: E402
from videoagent.synthworld.render import Renderer  # noqa: E402
from videoagent.synthworld.spec import EntitySpec, SceneSpec  # noqa: E402


def _motion_training(
    tmp_path, clips: int, frames: int, steps: int, seconds: float, earlier: int = 1
):
    """A tiny dataset built under `tmp_path` and the training of a motion recognizer on it."""
    build(tmp_path / "data", DatasetConfig(train=clips, heldout=clips // 3 or 1, frames=frames),
          log=lambda _: None)  # fmt: skip
    return RecognizerTraining(
        data=tmp_path / "data", out=tmp_path / "r.pt", steps=steps, batch=4, threads=1,
        motion_seconds=seconds, motion_frames=earlier,
    )  # fmt: skip


def test_each_frame_is_paired_with_the_one_gap_frames_before_it():
    frames = torch.arange(5.0).view(5, 1, 1, 1).expand(5, 3, 2, 2)
    pairs = paired(frames, 2)
    assert pairs.shape == (5, 6, 2, 2)
    assert pairs[:, 0, 0, 0].tolist() == [0, 1, 2, 3, 4]
    assert pairs[:, 3, 0, 0].tolist() == [0, 0, 0, 1, 2]  # the first two have none before
    three = paired(frames, 2, count=2)
    assert three.shape == (5, 9, 2, 2)
    assert three[:, 6, 0, 0].tolist() == [0, 0, 0, 0, 0]  # four back: none has one yet
    assert torch.equal(three[:, :6], pairs)


def test_a_recognizer_reading_two_earlier_frames_trains_and_judges_from_the_fourth(tmp_path):
    """Two frames back, a quarter second apart: at 8 fps a clip is read from its fifth frame
    on, and at 24 fps a clip's actions from its thirteenth."""
    metrics = train(_motion_training(tmp_path, 6, 6, 2, 0.25, earlier=2), log=lambda _: None)
    assert metrics["held_out"]["frames"] == 2 * (6 - 4)
    model, _ = checkpoint.load(tmp_path / "r.pt")
    assert model.config.motion_frames == 2 and model.trunk[0].in_channels == 9
    clip = np.random.default_rng(0).integers(0, 255, (20, 64, 112, 3), dtype=np.uint8)
    reading = read_clip(model, clip, fps=24.0)
    assert reading.features.shape[0] == 20 and reading.motion_from == 12
    with pytest.raises(UsageError, match="6 frames"):
        train(_motion_training(tmp_path / "short", 2, 6, 1, 0.5, earlier=2), log=lambda _: None)


def test_a_motion_recognizer_trains_on_frame_pairs_and_reads_clips_at_their_rate(tmp_path):
    metrics = train(_motion_training(tmp_path, 6, 4, 3, 0.25), log=lambda _: None)
    assert metrics["held_out"]["frames"] == 2 * (4 - 2)  # 8 fps: two frames back
    model, _ = checkpoint.load(tmp_path / "r.pt")
    assert model.config.motion_seconds == 0.25 and model.trunk[0].in_channels == 6
    clip = np.random.default_rng(0).integers(0, 255, (12, 64, 112, 3), dtype=np.uint8)
    with pytest.raises(ValueError, match="frame rate"):
        read_clip(model, clip)
    reading = read_clip(model, clip, fps=24.0)
    assert reading.features.shape[0] == 12 and set(reading.actions) >= {"walk", "run"}
    assert reading.motion_from == 6  # actions judged on frames with one 0.25 s before them
    # A single-frame recognizer needs no rate.
    single = Recognizer()
    assert read_clip(single, clip).features.shape[0] == 12
    assert read_clip(single, clip).motion_from == 0
    # The shipped recognizer reads motion, half a second back.
    shipped, _ = checkpoint.load(RECOGNIZER)
    assert shipped.config.motion_seconds == 0.5
    assert read_clip(shipped, clip, fps=24.0).features.shape[0] == 12


def test_motion_longer_than_the_clips_is_refused(tmp_path):
    with pytest.raises(UsageError, match="8 frames"):
        train(_motion_training(tmp_path, 2, 2, 1, 1.0), log=lambda _: None)
    assert not (tmp_path / "r.pt").exists()


def test_a_motion_recognizer_warm_started_from_a_single_frame_one_first_reads_as_it_did(tmp_path):
    torch.manual_seed(0)
    single = Recognizer().eval()
    checkpoint.save(tmp_path / "single.pt", "recognizer", single)
    single, _ = checkpoint.load(tmp_path / "single.pt")  # as stored: half precision
    motion = Recognizer(RecognizerConfig(motion_seconds=0.25)).eval()
    lineage = warm_started(motion, tmp_path / "single.pt")
    assert lineage["path"] == str(tmp_path / "single.pt") and len(lineage["sha256"]) == 64
    frames = torch.rand(4, 3, 64, 112)
    with torch.no_grad():
        alone = single(frames)
        with_motion = motion(torch.cat([frames, torch.rand_like(frames)], dim=1))
    for head, logits in alone.items():
        torch.testing.assert_close(with_motion[head], logits, atol=1e-4, rtol=1e-4)
    # So is one reading two earlier frames from one reading one.
    checkpoint.save(tmp_path / "motion.pt", "recognizer", motion)
    motion, _ = checkpoint.load(tmp_path / "motion.pt")
    longer = Recognizer(RecognizerConfig(motion_seconds=0.25, motion_frames=2)).eval()
    warm_started(longer, tmp_path / "motion.pt")
    before = torch.rand_like(frames)
    with torch.no_grad():
        once = motion(torch.cat([frames, before], dim=1))
        twice = longer(torch.cat([frames, before, torch.rand_like(frames)], dim=1))
    for head, logits in once.items():
        torch.testing.assert_close(twice[head], logits, atol=1e-4, rtol=1e-4)
    # The other way round cannot be: a single-frame recognizer has no place for motion weights.
    with pytest.raises(UsageError, match="reads more frames"):
        warm_started(Recognizer(), RECOGNIZER)


def test_a_take_that_looks_snowy_where_clear_was_asked_fails_its_weather_check():
    snowy = SceneSpec(
        "street", "noon", "snow", "static", "medium", (EntitySpec("dog", "brown", "walk"),)
    )
    frames = np.stack(
        [frame for frame, _ in Renderer(snowy, size=(224, 128), fps=12, frames=24, seed=3)]
    )
    asked_snow = {c.name: c for c in frames_checks(frames, 12.0, None, snowy)}
    assert asked_snow["weather"].passed and asked_snow["place"].passed
    asked_clear = {
        c.name: c for c in frames_checks(frames, 12.0, None, replace(snowy, weather="clear"))
    }
    assert not asked_clear["weather"].passed
    assert (asked_clear["weather"].value, asked_clear["weather"].expected) == ("snow", "clear")
