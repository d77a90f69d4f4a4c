"""Frame and temporal autoencoders: shapes, checkpoints that rebuild themselves, training."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

from pathlib import Path  # noqa: E402

from videoagent.errors import UsageError  # noqa: E402
from videoagent.nn import checkpoint  # noqa: E402
from videoagent.nn.autoencoder import FrameAutoencoder, FrameAutoencoderConfig  # noqa: E402
from videoagent.nn.autoencoder_metrics import latency_ms  # noqa: E402
from videoagent.nn.temporal_autoencoder import (  # noqa: E402
    TemporalAutoencoder,
    TemporalAutoencoderConfig,
)
from videoagent.nn.train_autoencoder import AutoencoderTraining, train  # noqa: E402
from videoagent.synthworld.dataset import DatasetConfig, build  # noqa: E402

SMALL = FrameAutoencoderConfig(widths=(8, 8, 16), latent_channels=4)


def test_frame_autoencoder_is_8x_spatial_and_frame_by_frame():
    model = FrameAutoencoder(SMALL).eval()
    frames = torch.rand(5, 3, 64, 112)
    restored, latents = model(frames)
    assert latents.shape == (5, 4, 8, 14) and restored.shape == frames.shape
    # Frame by frame: a frame's latent does not depend on its neighbours in the batch.
    assert torch.allclose(model.encode(frames[2:3]), latents[2:3], atol=1e-5)
    assert latency_ms(model, (112, 64), repeats=2)["lag_frames"] == 0


def test_temporal_autoencoder_compresses_four_frames_into_one_step():
    model = TemporalAutoencoder(TemporalAutoencoderConfig(widths=(8, 8, 16), latent_channels=8))
    restored, latents = model.eval()(torch.rand(2, 8, 3, 64, 112))
    assert latents.shape == (2, 8, 2, 8, 14) and restored.shape == (2, 8, 3, 64, 112)
    speed = latency_ms(model, (112, 64), repeats=2)
    assert speed["lag_frames"] == 3 and speed["compression"] == 3 * 112 * 64 * 4 / (8 * 8 * 14)


def test_checkpoint_rebuilds_the_model_from_its_own_config(tmp_path):
    model = FrameAutoencoder(SMALL).eval()
    checkpoint.save(tmp_path / "ae.pt", "frame_autoencoder", model, metrics={"psnr": 1.0})
    loaded, stored = checkpoint.load(tmp_path / "ae.pt")
    assert loaded.config == SMALL and stored["metrics"] == {"psnr": 1.0}
    frames = torch.rand(2, 3, 64, 112)
    with torch.no_grad():
        assert torch.allclose(loaded(frames)[0], model(frames)[0], atol=2e-2)  # half-precision
    (tmp_path / "bad.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(UsageError, match="cannot read checkpoint"):
        checkpoint.load(tmp_path / "bad.pt")


def test_training_lowers_the_loss_and_saves_held_out_metrics(tmp_path):
    build(tmp_path / "data", DatasetConfig(train=6, heldout=2, frames=4), log=lambda _: None)
    lines = []
    config = AutoencoderTraining(
        data=tmp_path / "data", out=tmp_path / "ae.pt", steps=30, batch=8, threads=1
    )
    metrics = train(config, log=lines.append)
    losses = [float(line.split()[3]) for line in lines if line.startswith("step")]
    assert losses[-1] < losses[0]
    assert metrics["held_out"]["frames"] == 8 and metrics["held_out"]["psnr"] > 10
    _, stored = checkpoint.load(tmp_path / "ae.pt")
    assert stored["metrics"]["training"]["steps"] == 30


def test_shipped_frame_autoencoder_loads_offline_and_reconstructs(tmp_path):
    from importlib import resources

    import numpy as np

    from videoagent.nn.autoencoder_metrics import psnr, reconstruct
    from videoagent.synthworld.dataset import SynthworldDataset

    weights = resources.files("videoagent.nn").joinpath("weights/frame_autoencoder.pt")
    model, stored = checkpoint.load(Path(str(weights)))
    assert stored["metrics"]["held_out"]["psnr"] > 25
    build(
        tmp_path / "data", DatasetConfig(train=1, heldout=3, frames=2, seed=5), log=lambda _: None
    )
    clips = SynthworldDataset(tmp_path / "data", "heldout")
    scores = [psnr(clips[i][0], reconstruct(model, clips[i][0])) for i in range(3)]
    assert np.mean(scores) > 22  # fresh scenes it never saw, at about its recorded quality


def test_sharpening_the_decoder_keeps_the_encoder_and_its_latent_space(tmp_path):
    from videoagent.nn.train_decoder import DecoderTraining
    from videoagent.nn.train_decoder import train as train_decoder

    build(tmp_path / "data", DatasetConfig(train=4, heldout=2, frames=3), log=lambda _: None)
    checkpoint.save(tmp_path / "ae.pt", "frame_autoencoder", FrameAutoencoder(SMALL))
    lines: list[str] = []
    config = DecoderTraining(
        data=tmp_path / "data",
        autoencoder=tmp_path / "ae.pt",
        out=tmp_path / "sharp.pt",
        steps=4,
        batch=4,
        threads=1,
    )
    metrics = train_decoder(config, log=lines.append)
    before, _ = checkpoint.load(tmp_path / "ae.pt")
    after, stored = checkpoint.load(tmp_path / "sharp.pt")
    for name, value in before.encoder.state_dict().items():
        assert torch.equal(value, after.encoder.state_dict()[name]), name
    assert not torch.equal(before.decoder[0].weight, after.decoder[0].weight)
    assert stored["metrics"]["held_out"]["frames"] == 6
    assert set(metrics["held_out_decoder"]["after"]) == {"psnr", "psnr_noised_0.3", "edge_ratio"}
    assert stored["metrics"]["training"]["decoder_only_from"]["sha256"]
