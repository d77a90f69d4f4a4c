"""The plate upsampler: the video model's plate redrawn six times larger, and how the
embedded generator brings model frames to the output's rate through it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

import torch.nn.functional as F  # noqa: E402

from videoagent.generators.embedded import _resampled_chunks, resample  # noqa: E402
from videoagent.nn import checkpoint  # noqa: E402
from videoagent.nn.plate_upsampler import (  # noqa: E402
    PlateUpsampler,
    PlateUpsamplerConfig,
    enlarge,
    scene_condition,
)
from videoagent.nn.train_plate_upsampler import PlateUpsamplerTraining, train  # noqa: E402

TINY = PlateUpsamplerConfig(width=8, blocks=1, factor=3)


def test_an_untrained_upsampler_is_bicubic_enlargement():
    plate = torch.rand(2, 3, 8, 12)
    made = PlateUpsampler(TINY)(plate, torch.zeros(2, TINY.condition_inputs))
    assert made.shape == (2, 3, 24, 36)
    expected = F.interpolate(plate, scale_factor=3, mode="bicubic", align_corners=False)
    assert torch.equal(made, expected)


def test_the_scene_is_read_one_hot_and_a_name_it_never_learnt_is_left_out():
    condition = scene_condition(TINY, "beach", "night", "snow")
    assert condition.sum() == 3
    assert condition[TINY.places.index("beach")] == 1
    assert condition[len(TINY.places) + TINY.times.index("night")] == 1
    unknown = scene_condition(TINY, "moon", "night", "snow")
    assert unknown.sum() == 2 and unknown[: len(TINY.places)].sum() == 0


def test_enlarge_gives_uint8_frames_factor_times_larger():
    plates = np.random.default_rng(0).integers(0, 256, (5, 8, 12, 3), dtype=np.uint8)
    made = enlarge(PlateUpsampler(TINY), plates, scene_condition(TINY, "park", "noon", "clear"))
    assert made.dtype == np.uint8 and made.shape == (5, 24, 36, 3)
    # Untrained, it is bicubic: a flat plate stays flat.
    flat = np.full((1, 8, 12, 3), 77, np.uint8)
    assert np.all(enlarge(PlateUpsampler(TINY), flat, torch.zeros(13)) == 77)


def test_chunks_enlarge_each_model_frame_once_and_blend_as_resample_does():
    made = np.stack([np.full((2, 2, 3), v, np.uint8) for v in range(0, 250, 10)])
    asked = []

    def doubled(frames: np.ndarray) -> np.ndarray:
        asked.extend(int(f[0, 0, 0]) // 10 for f in frames)
        return frames.repeat(2, axis=1).repeat(2, axis=2)

    chunks = list(_resampled_chunks(made, 8, 24, 70, doubled))
    joined = np.concatenate(chunks)
    assert [len(c) for c in chunks] == [48, 22]
    assert joined.shape == (70, 4, 4, 3)
    assert sorted(asked) == sorted(set(asked))  # none enlarged twice across chunks
    expected = resample(made, 8, 24, 70)
    assert np.array_equal(joined[:, ::2, ::2], expected)


def _trained(out: Path, **settings) -> dict:
    """A tiny run: narrow network, small crops, one thread, the rest as `settings` say."""
    tiny = {"batch": 4, "crop": 16, "width": 8, "blocks": 1, "threads": 1}
    return train(PlateUpsamplerTraining(out=out, **tiny | settings), log=lambda line: None)


def test_a_short_training_run_writes_an_upsampler_that_loads_and_says_how_it_did(
    tmp_path: Path,
):
    out = tmp_path / "upsampler.pt"
    metrics = _trained(out, steps=30, versions=2, scenes=4, frames_each=2, held_out=3)
    model, stored = checkpoint.load(out)
    assert isinstance(model, PlateUpsampler) and model.config.factor == 6
    held_out = stored["metrics"]["held_out"]
    assert held_out["render_sharpness"] > 0
    assert {"psnr_bicubic", "psnr_network", "sharpness_network"} <= set(held_out["redrawn"])
    assert metrics["training"]["steps"] == 30
    # It learnt: its last layer, which starts at zero (bicubic), no longer is.
    assert model.tail.weight.abs().sum() > 0

    # Continued with a discriminator's say, it keeps its own shape (not the settings').
    more = tmp_path / "sharper.pt"
    _trained(
        more,
        init=out,
        adversarial=0.05,
        steps=5,
        scenes=2,
        frames_each=1,
        held_out=2,
        versions=1,
        width=16,
    )
    continued, _ = checkpoint.load(more)
    assert continued.config == model.config
    assert not torch.equal(continued.tail.weight, model.tail.weight)


@pytest.mark.parametrize(
    ("setting", "said"),
    [({"crop": 100}, "--crop 100"), ({"redrawn_share": 1.5}, "--redrawn-share 1.5")],
)
def test_a_setting_out_of_range_is_refused_by_name(tmp_path: Path, setting: dict, said: str):
    from videoagent.errors import UsageError

    with pytest.raises(UsageError, match=said):
        PlateUpsamplerTraining(out=tmp_path / "never.pt", **setting)
