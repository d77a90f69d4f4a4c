"""The video model stack: tokenizer, text encoder, diffusion transformer, shortcut sampling,
training from one command, and the recognizer that judges it."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

import shutil  # noqa: E402
from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402

from videoagent.errors import UsageError  # noqa: E402
from videoagent.nn import checkpoint, scene_layout  # noqa: E402
from videoagent.nn.autoencoder import FrameAutoencoder, FrameAutoencoderConfig  # noqa: E402
from videoagent.nn.clip_metrics import drift, frechet_distance  # noqa: E402
from videoagent.nn.judge import ClipReading, agreement  # noqa: E402
from videoagent.nn.recognizer_labels import frame_labels  # noqa: E402
from videoagent.nn.tokenizer import Tokenizer, build_vocabulary  # noqa: E402
from videoagent.nn.train_video_model import VideoModelTraining, entity_cells, train  # noqa: E402
from videoagent.nn.video_model import Caption, VideoModel, VideoModelConfig  # noqa: E402
from videoagent.nn.video_sampling import (  # noqa: E402
    ClipSampler,
    Sampling,
    coarse,
    held,
    older_indices,
)
from videoagent.synthworld.dataset import DatasetConfig, SynthworldDataset, build  # noqa: E402
from videoagent.synthworld.prompt_parser import parse  # noqa: E402
from videoagent.synthworld.render import Renderer  # noqa: E402
from videoagent.synthworld.staging import Stage  # noqa: E402
from videoagent.synthworld.vocabulary import LEARNT_KINDS  # noqa: E402

CAPTIONS = ["A brown dog walks.", "A white cup stands nearby. Night."]


def tiny_model(layout_channels: int = 0) -> VideoModel:
    vocabulary = build_vocabulary(CAPTIONS)
    config = VideoModelConfig(
        vocabulary=vocabulary,
        text_length=12,
        text_width=16,
        text_layers=1,
        latent_channels=4,
        latent_mean=(0.0,) * 4,
        latent_std=(1.0,) * 4,
        width=32,
        depth=2,
        heads=2,
        older_frames=2,
        layout_channels=layout_channels,
    )
    return VideoModel(config).eval()


def test_tokenizer_reads_caption_words_and_marks_the_rest_unknown():
    tokenizer = Tokenizer(build_vocabulary(CAPTIONS), length=6)
    ids = tokenizer(["A brown dog walks.", "a purple dog"])
    vocabulary = tokenizer.vocabulary
    assert [vocabulary[i] for i in ids[0]] == ["a", "brown", "dog", "walks", ".", "<pad>"]
    assert vocabulary[ids[1, 1]] == "<unk>" and tokenizer.unknown_words("a purple dog") == [
        "purple"
    ]


def test_sampler_makes_every_mode_with_the_right_shape_and_is_seeded():
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    sampler = ClipSampler(tiny_model(), autoencoder.eval())
    made = sampler.clip("A brown dog walks.", 5, Sampling(steps=2, seed=3))
    assert made.shape == (5, 64, 112, 3) and made.dtype == np.uint8
    again = sampler.clip("A brown dog walks.", 5, Sampling(steps=2, seed=3))
    assert np.array_equal(made, again)
    guided = sampler.clip("A brown dog walks.", 2, Sampling(steps=1, guidance=2.0, seed=3))
    assert guided.shape == (2, 64, 112, 3)
    extended = sampler.clip("A brown dog walks.", 3, Sampling(steps=1), start=made)
    from_picture = sampler.clip("A brown dog walks.", 3, Sampling(steps=1), start=made[:1])
    assert extended.shape == from_picture.shape == (3, 64, 112, 3)
    assert not np.array_equal(extended, from_picture)  # the context changes the result


def _open_gates(model: VideoModel) -> None:
    """Open an untrained model's zero-initialised gates, so that every input matters."""
    torch.manual_seed(0)
    with torch.no_grad():
        for block in model.blocks:
            torch.nn.init.normal_(block.modulation.weight, std=0.2)
        torch.nn.init.normal_(model.out.weight, std=0.2)


def test_packed_context_reads_the_whole_take_within_a_bounded_context():
    """Packed: the frame before the last, one a second before it and the take's first frame,
    each once; recent: the frames just before the last, as in training."""
    config = replace(tiny_model().config, older_frames=3, fps=8.0)
    assert older_indices(100, config, "packed") == [98, 91, 0]
    assert older_indices(100, config, "recent") == [98, 97, 96]
    assert older_indices(9, config, "packed") == [7, 0, None]  # a second back is the first
    assert older_indices(2, config, "packed") == [0, None, None]
    assert older_indices(1, config, "packed") == [None, None, None]
    with pytest.raises(ValueError, match="context 'all'"):
        Sampling(context="all")
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    model = tiny_model()
    _open_gates(model)
    sampler = ClipSampler(model, autoencoder.eval())
    take = sampler.clip("A brown dog walks.", 12, Sampling(steps=1, seed=1))
    packed = sampler.clip("A brown dog walks.", 2, Sampling(steps=1, context="packed"), start=take)
    recent = sampler.clip("A brown dog walks.", 2, Sampling(steps=1), start=take)
    assert packed.shape == (2, 64, 112, 3)
    assert not np.array_equal(packed, recent)  # the take's first frame is read


def test_holding_moves_a_frames_coarse_layout_towards_the_mean_and_adds_no_detail():
    generator = torch.Generator().manual_seed(0)
    latent, mean = torch.randn(2, 4, 8, 14, generator=generator)

    def blocks(x):  # the 2x2 means the hold reads
        return torch.nn.functional.avg_pool2d(x[None], 2)[0]

    def apart(hold):
        return float((blocks(held(latent, mean, hold)) - blocks(mean)).norm())

    def roughness(x):
        return float((x[..., 1:] - x[..., :-1]).abs().mean())

    assert torch.equal(held(latent, mean, 0.0), latent)
    assert apart(0.0) > apart(0.5) > apart(1.0)
    assert apart(1.0) < apart(0.0) / 2
    change = held(latent, mean, 1.0) - latent
    assert torch.allclose(change, coarse(mean) - coarse(latent), atol=1e-6)
    assert roughness(change) < roughness(latent) / 3  # a smooth shift, not new detail
    with pytest.raises(ValueError, match="hold 1.5"):
        Sampling(hold=1.5)


def test_a_full_hold_moves_every_latent_pixel_towards_the_mean():
    """A still camera's take is held in every detail: its fine structure too."""
    generator = torch.Generator().manual_seed(0)
    latent, mean = torch.randn(2, 4, 8, 14, generator=generator)
    assert torch.equal(held(latent, mean, 0.0, "full"), latent)
    assert torch.allclose(held(latent, mean, 1.0, "full"), mean, atol=1e-6)
    halfway = held(latent, mean, 0.5, "full")
    assert torch.allclose(halfway - latent, mean - halfway, atol=1e-6)
    coarsely = held(latent, mean, 1.0)
    assert float((coarsely - mean).norm()) > 0.5 * float((latent - mean).norm())
    with pytest.raises(ValueError, match="held detail 'fine'"):
        Sampling(hold=0.3, held_detail="fine")


def test_a_held_extension_differs_only_where_it_is_held():
    """Hold 0 is the plain extension, frame for frame; a hold changes what is read."""
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    model = tiny_model()
    _open_gates(model)
    sampler = ClipSampler(model, autoencoder.eval())
    take = sampler.clip("A brown dog walks.", 6, Sampling(steps=1, seed=1))
    packed = Sampling(steps=1, context="packed", seed=2)
    plain = sampler.clip("A brown dog walks.", 3, packed, start=take)
    assert np.array_equal(
        plain, sampler.clip("A brown dog walks.", 3, replace(packed, hold=0.0), start=take)
    )
    holding = sampler.clip("A brown dog walks.", 3, replace(packed, hold=0.5), start=take)
    assert holding.shape == plain.shape
    assert not np.array_equal(holding, plain)


def test_a_fresh_take_is_held_to_its_own_mean_from_its_first_frame():
    """With nothing given, the mean a hold reads begins with the take's first frame: that
    frame is drawn as an unheld take draws it, and what comes after reads the frames held."""
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    model = tiny_model()
    _open_gates(model)
    sampler = ClipSampler(model, autoencoder.eval())
    free = Sampling(steps=1, seed=3)
    plain = sampler.latents("A brown dog walks.", 4, free)
    for detail in ("coarse", "full"):
        holding = sampler.latents(
            "A brown dog walks.", 4, replace(free, hold=0.5, held_detail=detail)
        )
        assert torch.equal(holding[0], plain[0])
        assert not torch.equal(holding[1:], plain[1:])


def test_a_take_goes_on_from_its_own_latents_as_they_were_made():
    """Its frames encoded again are not its latents (the autoencoder is lossy): an extension
    handed the latents reads what was made, only the last frames of them."""
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    model = tiny_model()
    _open_gates(model)
    sampler = ClipSampler(model, autoencoder.eval())
    text, sampling = "A brown dog walks.", Sampling(steps=1, seed=2)
    take = sampler.latents(text, 6, Sampling(steps=1, seed=1))
    from_latents = sampler.latents(text, 3, sampling, start_latents=take)
    from_frames = sampler.latents(text, 3, sampling, start=sampler.decode(take))
    assert from_latents.shape == from_frames.shape == (3, *take.shape[1:])
    assert not torch.equal(from_latents, from_frames)
    last = take[-(model.config.older_frames + 1) :]
    assert torch.equal(sampler.latents(text, 3, sampling, start_latents=last), from_latents)
    with pytest.raises(ValueError, match="latents of shape"):
        sampler.latents(text, 1, sampling, start_latents=take[:, :2])
    with pytest.raises(ValueError, match="not both"):
        sampler.latents(text, 1, sampling, start=sampler.decode(take), start_latents=take)


def test_a_batch_can_mix_first_frames_with_later_ones():
    """A row marked as having no previous frame is the text-to-image call, whatever sits in
    its `recent` slot: training and the sampler's first frame see the same input."""
    model = tiny_model()
    torch.manual_seed(0)
    noisy, recent = torch.randn(2, 4, 8, 14), torch.randn(2, 4, 8, 14)
    ids = Tokenizer(model.config.vocabulary, model.config.text_length)(CAPTIONS)
    caption = model.encode_caption(ids)
    time, level = torch.tensor([0.3, 0.6]), torch.tensor([2, 8])
    _open_gates(model)
    with torch.no_grad():
        mixed = model(noisy, time, level, caption, recent, torch.tensor([False, True]))
        first = model(noisy[:1], time[:1], level[:1], _row(caption, 0))
        later = model(noisy[1:], time[1:], level[1:], _row(caption, 1), recent[1:])
    assert torch.allclose(mixed[:1], first, atol=1e-5)
    assert torch.allclose(mixed[1:], later, atol=1e-5)
    assert not torch.allclose(
        first, model(noisy[:1], time[:1], level[:1], _row(caption, 0), recent[:1]), atol=1e-3
    )


def test_local_mixing_joins_a_trained_model_without_changing_it_then_learns():
    plain = tiny_model()
    mixing = VideoModel(replace(plain.config, local_mixing=True)).eval()
    missing, unexpected = mixing.load_state_dict(plain.state_dict(), strict=False)
    assert not unexpected and missing and all(".local." in name for name in missing)
    with torch.no_grad():
        for model in (plain, mixing):  # the same open gates in both
            for block in model.blocks:
                torch.manual_seed(2)
                torch.nn.init.normal_(block.modulation.weight, std=0.2)
            torch.manual_seed(3)
            torch.nn.init.normal_(model.out.weight, std=0.2)
    noisy = torch.randn(1, 4, 8, 14)
    ids = Tokenizer(plain.config.vocabulary, plain.config.text_length)(CAPTIONS[:1])
    inputs = (noisy, torch.tensor([0.5]), torch.tensor([8]))
    with torch.no_grad():
        before = plain(*inputs, plain.encode_caption(ids))
        assert torch.allclose(mixing(*inputs, mixing.encode_caption(ids)), before, atol=1e-6)
        torch.nn.init.normal_(mixing.blocks[0].local.weight, std=0.5)
        assert not torch.allclose(mixing(*inputs, mixing.encode_caption(ids)), before, atol=1e-3)


def test_a_layout_marks_each_kind_where_its_box_is_and_the_nearer_entity_on_top():
    dog = {"kind": "dog", "colour": "brown", "box": [10, 20, 40, 50], "facing": -1, "visible": 1}
    cup = {"kind": "cup", "colour": "white", "box": [30, 40, 36, 48], "facing": 1, "visible": 1}
    gone = {"kind": "cat", "colour": "black", "box": [0, 0, 8, 8], "facing": 1, "visible": 0}
    layout = scene_layout.rasterise([cup, dog, gone], (112, 64))
    assert layout.shape == (scene_layout.CHANNELS, 64, 112)
    dog_plane, cup_plane = layout[LEARNT_KINDS.index("dog")], layout[LEARNT_KINDS.index("cup")]
    assert dog_plane[20:50, 10:40].all() and dog_plane.sum() == 30 * 30
    assert cup_plane.sum() == 6 * 8 and not layout[LEARNT_KINDS.index("cat")].any()
    facing = layout[scene_layout.FACING]
    assert facing[25, 15] == -1 and facing[44, 33] == 1  # the cup is drawn over the dog
    white = layout[scene_layout.COLOUR :, 44, 33]
    assert np.allclose(white, np.array([236, 232, 224]) / 127.5 - 1)


def test_a_staged_layout_is_the_layout_of_the_rendered_frames():
    spec = parse("a brown dog walks past a person holding a white cup in the park").spec
    rendered = Renderer(spec, size=(112, 64), fps=8.0, frames=6, seed=4)
    truth = [frame_truth.to_dict() for _, frame_truth in rendered]
    staged = scene_layout.staged(Stage(spec, size=(112, 64), fps=8.0, frames=6, seed=4))
    assert np.array_equal(staged, scene_layout.clip_layout(truth, (112, 64)))
    assert staged[:, LEARNT_KINDS.index("dog")].any() and staged[:, LEARNT_KINDS.index("cup")].any()


def test_layouts_join_a_trained_model_without_changing_it_then_steer_it():
    plain = tiny_model()
    laid_out = tiny_model(scene_layout.CHANNELS)
    missing, unexpected = laid_out.load_state_dict(plain.state_dict(), strict=False)
    assert not unexpected and sorted(missing) == ["layout_in.bias", "layout_in.weight"]
    with torch.no_grad():
        for model in (plain, laid_out):
            for block in model.blocks:
                torch.manual_seed(2)
                torch.nn.init.normal_(block.modulation.weight, std=0.2)
            torch.manual_seed(3)
            torch.nn.init.normal_(model.out.weight, std=0.2)
    spec = parse("a brown dog walks in the park").spec
    layout = torch.from_numpy(
        scene_layout.staged(Stage(spec, size=(112, 64), fps=8.0, frames=1, seed=0))
    )
    ids = Tokenizer(plain.config.vocabulary, plain.config.text_length)(CAPTIONS[:1])
    inputs = (torch.randn(1, 4, 8, 14), torch.tensor([0.5]), torch.tensor([8]))
    with torch.no_grad():
        before = plain(*inputs, plain.encode_caption(ids))
        caption = laid_out.encode_caption(ids)
        assert torch.allclose(laid_out(*inputs, caption, layout=layout), before, atol=1e-6)
        torch.nn.init.normal_(laid_out.layout_in.weight, std=0.5)
        steered = laid_out(*inputs, caption, layout=layout)
        assert not torch.allclose(steered, before, atol=1e-3)
        absent = laid_out(*inputs, caption, layout=layout, layout_present=torch.tensor([False]))
        assert torch.allclose(absent, laid_out(*inputs, caption), atol=1e-6)


def test_the_sampler_follows_a_layout_only_on_a_model_trained_with_them():
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    spec = parse("a brown dog walks in the park").spec
    layout = scene_layout.staged(Stage(spec, size=(112, 64), fps=8.0, frames=3, seed=0))
    model = tiny_model(scene_layout.CHANNELS)
    with torch.no_grad():
        torch.nn.init.normal_(model.layout_in.weight, std=0.5)
    sampler = ClipSampler(model, autoencoder.eval())
    made = sampler.clip("A brown dog walks.", 3, Sampling(steps=1, seed=1), layout=layout)
    assert made.shape == (3, 64, 112, 3)
    with pytest.raises(ValueError, match="2 frames for 3"):
        sampler.clip("A brown dog walks.", 3, Sampling(steps=1), layout=layout[:2])
    with pytest.raises(ValueError, match="without layouts"):
        ClipSampler(tiny_model(), autoencoder.eval()).clip("A dog.", 3, layout=layout)


def _row(caption: Caption, row: int) -> Caption:
    return Caption(
        caption.tokens[row : row + 1], caption.padding[row : row + 1], caption.pooled[row : row + 1]
    )


def test_entity_cells_mark_the_latent_cells_under_visible_boxes():
    class Rows:
        card = {"config": {"width": 112, "height": 64, "frames": 2}}
        rows = [
            {
                "truth": [
                    {"frame": 0, "entities": [{"box": [8, 16, 24, 20], "visible": 0.8}]},
                    {"frame": 1, "entities": [{"box": [40, 0, 60, 60], "visible": 0.0}]},
                ]
            }
        ]

        def __len__(self):
            return 1

    cells = entity_cells(Rows(), (8, 14))
    expected = np.zeros((1, 2, 8, 14), dtype=bool)
    expected[0, 0, 2, 1:3] = True
    assert np.array_equal(cells, expected)


def test_training_from_one_command_saves_a_loadable_shortcut_model(tmp_path):
    build(tmp_path / "data", DatasetConfig(train=4, heldout=1, frames=6), log=lambda _: None)
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    checkpoint.save(tmp_path / "ae.pt", "frame_autoencoder", autoencoder)
    lines: list[str] = []
    first = VideoModelTraining(
        data=tmp_path / "data",
        autoencoder=tmp_path / "ae.pt",
        out=tmp_path / "video.pt",
        image_steps=3,
        video_steps=3,
        batch=4,
        width=32,
        depth=1,
        threads=1,
        cache=tmp_path / "latents",
    )
    facts = train(first, log=lines.append)
    assert facts["training"]["steps_done"] == 6 and list((tmp_path / "latents").iterdir())
    model, stored = checkpoint.load(tmp_path / "video.pt")
    assert isinstance(model, VideoModel) and stored["autoencoder"]["sha256"]
    assert "dog" in model.config.vocabulary and len(model.config.latent_mean) == 4
    assert model.config.layout_channels == scene_layout.CHANNELS
    sampler = ClipSampler(model, autoencoder.eval())
    assert sampler.clip(SynthworldDataset(tmp_path / "data")[0][1], 2, Sampling(1)).shape[0] == 2

    again = replace(first, out=tmp_path / "more.pt", init=first.out, image_steps=0, video_steps=2)
    more = train(again, log=lambda _: None)
    assert more["training"]["continued_from"]["steps_done"] == 6
    continued, _ = checkpoint.load(tmp_path / "more.pt")
    assert continued.config == model.config
    assert not torch.equal(continued.out.weight, model.out.weight)
    train(replace(again, out=tmp_path / "packed.pt", context="packed"), log=lambda _: None)
    packed, _ = checkpoint.load(tmp_path / "packed.pt")
    assert packed.config == replace(model.config, context="packed")  # its sampler's rule too
    # A later build of the same data whose captions say a word the model never read goes
    # on, reading it as unknown (as the model reads it when it generates).
    shutil.copytree(tmp_path / "data", tmp_path / "later")
    index = tmp_path / "later" / "train.jsonl"
    index.write_text(index.read_text().replace('"caption":"', '"caption":"Meanwhile ', 1))
    later = train(replace(again, data=tmp_path / "later", out=tmp_path / "later.pt"), log=print)
    assert later["training"]["continued_from"]["words_read_as_unknown"] == ["meanwhile"]
    assert checkpoint.load(tmp_path / "later.pt")[0].config.vocabulary == model.config.vocabulary
    build(
        tmp_path / "other", DatasetConfig(train=3, heldout=1, frames=6, seed=5), log=lambda _: None
    )
    with pytest.raises(UsageError, match="other data"):
        train(replace(again, data=tmp_path / "other", out=tmp_path / "bad.pt"), log=print)


def test_recognizer_labels_come_from_what_is_really_in_frame(tmp_path):
    build(tmp_path / "data", DatasetConfig(train=3, heldout=1, frames=3), log=lambda _: None)
    for row in SynthworldDataset(tmp_path / "data").rows:
        labels = frame_labels(row)
        for t, truth in enumerate(row["truth"]):
            big = {
                e["kind"]
                for e in truth["entities"]
                if e["visible"] >= 0.4
                and (e["box"][2] - e["box"][0]) * (e["box"][3] - e["box"][1]) >= 16
            }
            marked = {LEARNT_KINDS[i] for i in np.flatnonzero(labels["kinds"][t])}
            assert marked == big
        assert (labels["place"] == labels["place"][0]).all()


def test_agreement_needs_every_named_kind_and_the_place_and_light():
    scene = parse("A brown dog walks in the park at night. A white cup stands nearby.").spec
    seen = dict.fromkeys(LEARNT_KINDS, 0.0) | {"dog": 0.9, "cup": 0.3}
    reading = ClipReading(seen, {}, "park", "night", "clear", np.zeros((2, 4)))
    assert agreement(reading, scene) == {"entities": True, "place": True, "lighting": True}
    reading.seen["cup"] = 0.1
    reading.time_of_day = "noon"
    assert agreement(reading, scene) == {"entities": False, "place": True, "lighting": False}


def test_clip_metrics_measure_what_they_say():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(4000, 3))
    assert frechet_distance(features, features) == pytest.approx(0, abs=1e-6)
    shifted = frechet_distance(features, features + np.array([2.0, 0, 0]))
    assert shifted == pytest.approx(4.0, rel=1e-3)
    steady = np.ones((16, 5))
    assert drift(steady, fps=8) == pytest.approx(0, abs=1e-6)
    turned = np.concatenate([np.tile([1.0, 0], (8, 1)), np.tile([0, 1.0], (8, 1))])
    assert drift(turned, fps=8) == pytest.approx(1.0)


def test_pixel_patches_are_a_lossless_frame_codec():
    from videoagent.nn.patch_codec import PatchCodec

    frames = torch.rand(2, 3, 64, 112)
    latents = PatchCodec().encode(frames)
    assert latents.shape == (2, 192, 8, 14)
    assert torch.allclose(PatchCodec().decode(latents), frames, atol=1e-6)
    # Position (row 1, column 2) holds the 8x8 patch of pixels below and right of (8, 16).
    assert torch.allclose(latents[0, :, 1, 2].view(3, 8, 8), frames[0, :, 8:16, 16:24] * 2 - 1)


def test_a_clean_predicting_model_returns_the_velocity_towards_its_picture():
    model = VideoModel(replace(tiny_model().config, prediction="clean")).eval()
    ids = Tokenizer(model.config.vocabulary, model.config.text_length)(CAPTIONS[:1])
    noisy, time = torch.randn(1, 4, 8, 14), torch.tensor([0.75])
    with torch.no_grad():
        velocity = model(noisy, time, torch.tensor([8]), model.encode_caption(ids))
    # The output layer starts at zero, so the picture it predicts is all zeros.
    assert torch.allclose(velocity, (0 - noisy) / 0.25, atol=1e-5)


def test_a_pixel_model_trains_from_one_command_warm_started_from_a_latent_one(tmp_path):
    build(tmp_path / "data", DatasetConfig(train=3, heldout=1, frames=4), log=lambda _: None)
    autoencoder = FrameAutoencoder(FrameAutoencoderConfig(widths=(8, 8, 8), latent_channels=4))
    checkpoint.save(tmp_path / "ae.pt", "frame_autoencoder", autoencoder)
    latent = VideoModelTraining(
        data=tmp_path / "data",
        autoencoder=tmp_path / "ae.pt",
        out=tmp_path / "latent.pt",
        image_steps=2,
        video_steps=0,
        batch=4,
        width=32,
        depth=1,
        threads=1,
        cache=tmp_path / "latents",
    )
    train(latent, log=lambda _: None)
    pixel = replace(
        latent,
        autoencoder=None,
        out=tmp_path / "pixels.pt",
        image_steps=1,
        video_steps=1,
        warm_start=latent.out,
        prediction="clean",
    )
    facts = train(pixel, log=lambda _: None)
    pixels, stored = checkpoint.load(tmp_path / "pixels.pt")
    config = pixels.config
    assert (config.frame_codec, config.prediction, config.latent_channels) == (
        "patches",
        "clean",
        192,
    )
    assert stored["autoencoder"] == {"codec": "patches of 8x8 pixels"}
    warm = facts["training"]["warm_start"]
    assert 0 < warm["copied"] < warm["of"]  # the text encoder and blocks, not the frame layers
    caption = SynthworldDataset(tmp_path / "data")[0][1]
    assert ClipSampler(pixels).clip(caption, 2, Sampling(1)).shape == (2, 64, 112, 3)
