"""The local diffusers adapters make real clips from tiny, randomly initialised pipelines
built here from configuration (no download): each pipeline is saved to a folder, the
backend is pointed at it as a user would (VIDEOAGENT_<FAMILY>_MODEL), and the clip comes
back in the asked shape. The pictures are noise; the plumbing is what is tested."""

from __future__ import annotations

import pytest

pytest.importorskip("diffusers")
pytest.importorskip("transformers")

import torch  # noqa: E402
from PIL import Image  # noqa: E402

from videoagent.errors import NotConfigured  # noqa: E402
from videoagent.generators import GenerationRequest, capabilities, create  # noqa: E402
from videoagent.media.probe import probe  # noqa: E402
from videoagent.timeline.time import FrameRate  # noqa: E402

WORDS = "a brown dog walks in the park cat sits on bench wide shot morning".split()


def tiny_text_encoder(kind: str = "t5"):
    """A 2-layer T5 (or UMT5) encoder and a word-level tokenizer, made from scratch."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (
        PreTrainedTokenizerFast,
        T5Config,
        T5EncoderModel,
        UMT5Config,
        UMT5EncoderModel,
    )

    vocabulary = ["<pad>", "</s>", "<unk>"] + WORDS
    words = Tokenizer(models.WordLevel({w: i for i, w in enumerate(vocabulary)}, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=words, pad_token="<pad>", eos_token="</s>", unk_token="<unk>"
    )
    shape = dict(
        vocab_size=len(vocabulary),
        d_model=32,
        d_kv=8,
        d_ff=37,
        num_layers=2,
        num_heads=4,
        relative_attention_num_buckets=8,
    )
    if kind == "umt5":
        return tokenizer, UMT5EncoderModel(UMT5Config(**shape))
    return tokenizer, T5EncoderModel(T5Config(**shape))


def tiny_wan():
    from diffusers import (
        AutoencoderKLWan,
        FlowMatchEulerDiscreteScheduler,
        WanPipeline,
        WanTransformer3DModel,
    )

    tokenizer, text_encoder = tiny_text_encoder("umt5")
    return WanPipeline(
        tokenizer=tokenizer,
        text_encoder=text_encoder,
        vae=AutoencoderKLWan(
            base_dim=3,
            z_dim=16,
            dim_mult=[1, 1, 1, 1],
            num_res_blocks=1,
            temperal_downsample=[False, True, True],
        ),
        transformer=WanTransformer3DModel(
            patch_size=(1, 2, 2),
            num_attention_heads=2,
            attention_head_dim=12,
            in_channels=16,
            out_channels=16,
            text_dim=32,
            freq_dim=256,
            ffn_dim=32,
            num_layers=2,
            cross_attn_norm=True,
            qk_norm="rms_norm_across_heads",
            rope_max_seq_len=32,
        ),
        scheduler=FlowMatchEulerDiscreteScheduler(shift=7.0),
    )


def tiny_ltx():
    from diffusers import (
        AutoencoderKLLTXVideo,
        FlowMatchEulerDiscreteScheduler,
        LTXPipeline,
        LTXVideoTransformer3DModel,
    )

    tokenizer, text_encoder = tiny_text_encoder()
    vae = AutoencoderKLLTXVideo(
        in_channels=3,
        out_channels=3,
        latent_channels=8,
        block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8),
        layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1),
        spatio_temporal_scaling=(True, True, False, False),
        decoder_spatio_temporal_scaling=(True, True, False, False),
        decoder_inject_noise=(False, False, False, False, False),
        upsample_residual=(False, False, False, False),
        upsample_factor=(1, 1, 1, 1),
        timestep_conditioning=False,
        patch_size=1,
        patch_size_t=1,
        encoder_causal=True,
        decoder_causal=False,
    )
    return LTXPipeline(
        tokenizer=tokenizer,
        text_encoder=text_encoder,
        vae=vae,
        transformer=LTXVideoTransformer3DModel(
            in_channels=8,
            out_channels=8,
            patch_size=1,
            patch_size_t=1,
            num_attention_heads=4,
            attention_head_dim=8,
            cross_attention_dim=32,
            num_layers=1,
            caption_channels=32,
        ),
        scheduler=FlowMatchEulerDiscreteScheduler(),
    )


def tiny_cogvideox():
    from diffusers import (
        AutoencoderKLCogVideoX,
        CogVideoXDDIMScheduler,
        CogVideoXPipeline,
        CogVideoXTransformer3DModel,
    )

    tokenizer, text_encoder = tiny_text_encoder()
    return CogVideoXPipeline(
        tokenizer=tokenizer,
        text_encoder=text_encoder,
        vae=AutoencoderKLCogVideoX(
            in_channels=3,
            out_channels=3,
            down_block_types=("CogVideoXDownBlock3D",) * 4,
            up_block_types=("CogVideoXUpBlock3D",) * 4,
            block_out_channels=(8, 8, 8, 8),
            latent_channels=4,
            layers_per_block=1,
            norm_num_groups=2,
            temporal_compression_ratio=4,
        ),
        transformer=CogVideoXTransformer3DModel(
            num_attention_heads=4,
            attention_head_dim=8,
            in_channels=4,
            out_channels=4,
            time_embed_dim=2,
            text_embed_dim=32,
            num_layers=1,
            sample_width=4,
            sample_height=4,
            sample_frames=9,
            patch_size=2,
            temporal_compression_ratio=4,
            max_text_seq_length=16,
        ),
        scheduler=CogVideoXDDIMScheduler(),
    )


TINY = {"wan": tiny_wan, "ltx": tiny_ltx, "cogvideox": tiny_cogvideox}


@pytest.fixture
def saved_model(tmp_path, monkeypatch):
    """saved_model(family) → a backend pointed at a tiny pipeline saved on disk."""

    def save(family: str):
        torch.manual_seed(0)
        folder = tmp_path / f"{family}-tiny"
        TINY[family]().save_pretrained(folder)
        monkeypatch.setenv(capabilities(family).setup["path_env"], str(folder))
        # Short prompts and few steps keep a CPU test quick; lengths stay as the model's.
        return create(family, steps=2)

    return save


def ask(mode="text-to-video", references=()) -> GenerationRequest:
    rate = FrameRate.of(12)
    return GenerationRequest(
        prompt="a brown dog walks in the park",
        frames=rate.frames(1.0),
        rate=rate,
        width=64,
        height=36,
        seed=3,
        mode=mode,
        references=tuple(str(r) for r in references),
        label="shot-01 seed 3",
    )


@pytest.mark.parametrize("family", sorted(TINY))
def test_a_tiny_pipeline_makes_a_clip_of_the_asked_shape(saved_model, tmp_path, family):
    backend = saved_model(family)
    job = backend.generate(ask(), tmp_path / "clip.mp4")
    info = probe(job.output, count_frames=True)
    assert (info.frames, info.width, info.height) == (12, 64, 36)
    made = job.report["made"]
    assert (made["frames"] - 1) % backend.frame_step == 0
    assert made["frames"] >= backend.native_fps  # covers the asked second
    assert all(side % backend.size_multiple == 0 for side in made["size"])
    assert job.report["pipeline"] == backend.pipelines["text-to-video"]


def test_a_first_frame_becomes_ltx_image_to_video_with_the_same_weights(saved_model, tmp_path):
    backend = saved_model("ltx")
    first = tmp_path / "first.png"
    Image.new("RGB", (64, 36), (180, 120, 60)).save(first)
    job = backend.generate(ask("image-to-video", [first]), tmp_path / "clip.mp4")
    assert probe(job.output, count_frames=True).frames == 12
    assert job.report["pipeline"] == backend.pipelines["image-to-video"]


@pytest.mark.parametrize("family", sorted(TINY))
def test_an_unset_model_names_the_variable(monkeypatch, family):
    variable = capabilities(family).setup["path_env"]
    monkeypatch.delenv(variable, raising=False)
    with pytest.raises(NotConfigured, match=variable):
        create(family)


def test_ltx_extends_a_clip_from_its_last_frames_with_the_same_weights(saved_model, tmp_path):
    """Extension conditions LTX on the clip's last 9 frames at frame 0; the model makes
    them again first, and the take keeps only what follows (12 frames asked)."""
    backend = saved_model("ltx")
    made = backend.generate(ask(), tmp_path / "first.mp4").output
    job = backend.generate(ask("extend", [made]), tmp_path / "more.mp4")
    assert probe(job.output, count_frames=True).frames == 12
    assert job.report["pipeline"] == "LTXConditionPipeline"
    assert job.report["context_frames"] == 9
    # the model made the 9 frames again and a second more, in 8k+1 frames
    assert job.report["made"]["frames"] == backend.model_frames(1.0 + 9 / 24)
