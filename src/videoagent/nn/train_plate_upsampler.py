"""Train the plate upsampler on synthworld drawn large, and report how it does on held-out
scenes. One command:

    videoagent train plate-upsampler --out runs/plate_upsampler.pt

Its data needs no dataset on disk: synthworld renders each training scene at six times the
plate's size (the target), mostly without its entities (a plate has none: the entity model
draws them at the output's size), and the same frame boxed down to the plate's size is made
into what a plate looks like, from its latents (frame autoencoder): decoded with noise of up
to `noise` (the video model's normalised units) added, or, for `redrawn_share` of them,
drawn again by the video model from part way through its sampling (its blotches and lost
details are what a generated plate has, which plain noise is not). `versions` such plates
are made of each frame before training starts. Examples are aligned crops (a plate crop and
the six-times-larger crop of the render); the loss is L1. The held-out figures (scenes with
the caption combinations training never saw) compare the network with bicubic enlargement:
PSNR against the large render, and sharpness (mean Laplacian energy) against the render's."""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from videoagent.errors import UsageError
from videoagent.media.sharpness import laplacian_energy
from videoagent.nn import checkpoint
from videoagent.nn.autoencoder_metrics import to_pixels
from videoagent.nn.compute import in_training_precision
from videoagent.nn.patch_discriminator import PatchDiscriminator
from videoagent.nn.plate_upsampler import PlateUpsampler, PlateUpsamplerConfig, scene_condition
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.shortcut import step_level
from videoagent.nn.tokenizer import Tokenizer
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import LossLog, apply_gradients, parameter_count
from videoagent.options import setting
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.sampler import held_out_triples, sample_scene

WEIGHTS = Path(__file__).resolve().parent / "weights"
PLATE_SIZE = (112, 64)
CLIP_FRAMES = 24  # each scene's frames are drawn from its first three seconds at 8 fps
REDRAW_STEPS = 4  # the embedded generator's steps
PLATES_AT_ONCE = 64


@dataclass
class Renders:
    """Large renders uint8 [N, H·f, W·f, 3], the same boxed down to plate size [N, H, W, 3],
    each one's scene condition [N, K] and its scene's caption (entities and all, as the
    generator captions a plate)."""

    large: np.ndarray
    small: np.ndarray
    conditions: torch.Tensor
    captions: list[str]


def rendered_set(
    config: PlateUpsamplerConfig,
    scenes: int,
    frames_each: int,
    bare_share: float,
    seed: int,
    split: str,
) -> Renders:
    """`frames_each` frames of each of `scenes` scenes of `split`, `bare_share` of the
    scenes drawn without their entities."""
    rng = np.random.default_rng(seed)
    held_out = held_out_triples()
    width, height = PLATE_SIZE
    large_size = (width * config.factor, height * config.factor)
    large, small, conditions, captions = [], [], [], []
    for index in range(scenes):
        spec = sample_scene(rng, held_out, split=split)
        text = caption(spec)
        if rng.random() < bare_share:
            spec = dataclasses.replace(spec, entities=())
        renderer = Renderer(spec, size=large_size, fps=8, frames=CLIP_FRAMES, seed=seed + index)
        chosen = rng.choice(CLIP_FRAMES, size=frames_each, replace=False)
        condition = scene_condition(config, spec.place, spec.time_of_day, spec.weather)
        for frame_index in sorted(chosen):
            frame, _ = renderer.frame(int(frame_index))
            large.append(frame)
            small.append(np.asarray(Image.fromarray(frame).resize(PLATE_SIZE, Image.BOX)))
            conditions.append(condition)
            captions.append(text)
    return Renders(np.stack(large), np.stack(small), torch.stack(conditions), captions)


class PlateLike:
    """Makes small renders look as the video model's plates do, from their latents: noised
    by σ (normalised units) and decoded; or, for `redrawn_share` of them, drawn again by the
    video model from its sampler's step k of 4 (k = 1..3, the latents noised to that point,
    the caption read, an empty layout), whose mistakes are the kind a plate has."""

    def __init__(
        self,
        autoencoder: torch.nn.Module,
        video_model: torch.nn.Module,
        redrawn_share: float = 0.0,
    ) -> None:
        self.autoencoder, self.video_model = autoencoder, video_model
        self.redrawn_share = redrawn_share
        self.tokenizer = Tokenizer(video_model.config.vocabulary, video_model.config.text_length)

    @torch.no_grad()
    def __call__(
        self,
        small: np.ndarray,
        sigma: torch.Tensor,
        generator: torch.Generator,
        captions: list[str] | None = None,
    ) -> torch.Tensor:
        frames = torch.from_numpy(small).permute(0, 3, 1, 2).float() / 255
        latents = self.video_model.normalise(self.autoencoder.encode(frames))
        noise = torch.randn(latents.shape, generator=generator)
        made = latents + sigma.view(-1, 1, 1, 1) * noise
        redrawn = torch.rand(len(small), generator=generator) < self.redrawn_share
        if captions is not None and redrawn.any():
            chosen = redrawn.nonzero().flatten()
            made[chosen] = self._redrawn(
                latents[chosen], noise[chosen], [captions[i] for i in chosen], generator
            )
        return self.autoencoder.decode(self.video_model.denormalise(made)).clamp(0, 1)

    def _redrawn(self, latents, noise, captions, generator) -> torch.Tensor:
        model, steps = self.video_model, REDRAW_STEPS
        count = len(latents)
        begin = torch.randint(1, steps, (count,), generator=generator)
        t = (begin.float() / steps).view(-1, 1, 1, 1)
        x = (1 - t) * noise + t * latents  # noise at t = 0, the picture at t = 1
        encoded = model.encode_caption(self.tokenizer(captions))
        height, width = PLATE_SIZE[1], PLATE_SIZE[0]
        layout = torch.zeros(count, model.config.layout_channels, height, width)
        level = torch.full((count,), step_level(steps))
        for k in range(1, steps):
            moving = (begin <= k).view(-1, 1, 1, 1).float()
            velocity = model(
                x,
                torch.full((count,), k / steps),
                level,
                encoded,
                layout=layout if model.config.layout_channels else None,
            )
            x = x + moving * velocity / steps
        return x


def crops(
    plates: torch.Tensor, large: np.ndarray, size: int, factor: int, generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """Aligned crops: `size` plate pixels square, and the render's `size·factor` under them."""
    count, _, height, width = plates.shape
    ys = torch.randint(height - size + 1, (count,), generator=generator).tolist()
    xs = torch.randint(width - size + 1, (count,), generator=generator).tolist()
    small = torch.stack(
        [p[:, y : y + size, x : x + size] for p, y, x in zip(plates, ys, xs, strict=True)]
    )
    big = np.stack(
        [
            frame[y * factor : (y + size) * factor, x * factor : (x + size) * factor]
            for frame, y, x in zip(large, ys, xs, strict=True)
        ]
    )
    return small, torch.from_numpy(big).permute(0, 3, 1, 2).float() / 255


def psnr(made: torch.Tensor, truth: torch.Tensor) -> float:
    error = F.mse_loss(made.clamp(0, 1), truth).item()
    return 10 * float(np.log10(1 / max(error, 1e-10)))


def mean_laplacian_energy(frames: np.ndarray) -> float:
    return float(np.mean([laplacian_energy(frame) for frame in frames]))


@torch.no_grad()
def held_out_figures(model: PlateUpsampler, renders: Renders, levels: dict) -> dict:
    """Per way of making plates (name → a PlateLike and its σ): PSNR and sharpness of
    bicubic enlargement and of the network, beside the render's own sharpness."""
    truth = torch.from_numpy(renders.large).permute(0, 3, 1, 2).float() / 255
    figures = {"render_sharpness": round(mean_laplacian_energy(renders.large), 1)}
    for name, (plate_like, sigma) in levels.items():
        generator = torch.Generator().manual_seed(1)
        count = len(renders.small)
        plates = plate_like(renders.small, torch.full((count,), sigma), generator, renders.captions)
        made = torch.cat(
            [model(plates[i : i + 16], renders.conditions[i : i + 16]) for i in range(0, count, 16)]
        )
        bicubic = F.interpolate(plates, scale_factor=model.config.factor, mode="bicubic")
        figures[name] = {
            "psnr_bicubic": round(psnr(bicubic, truth), 2),
            "psnr_network": round(psnr(made, truth), 2),
            "sharpness_bicubic": round(mean_laplacian_energy(to_pixels(bicubic)), 1),
            "sharpness_network": round(mean_laplacian_energy(to_pixels(made)), 1),
        }
    return figures


def held_out_levels(plate_like: PlateLike) -> dict:
    """The plates the held-out figures are measured on: decoded as they are, noised by 0.1,
    and drawn again by the video model from part way."""
    redrawing = PlateLike(plate_like.autoencoder, plate_like.video_model, redrawn_share=1.0)
    plain = PlateLike(plate_like.autoencoder, plate_like.video_model)
    return {"decoded": (plain, 0.0), "noise 0.1": (plain, 0.1), "redrawn": (redrawing, 0.0)}


def plate_versions(
    renders: Renders, plate_like: PlateLike, versions: int, noise: float, generator
) -> torch.Tensor:
    """`versions` plate-like versions of every small render, uint8 [N, V, 3, H, W], made
    once before training (the video model's redraw is too dear to repeat every step)."""
    made = []
    for first in range(0, len(renders.small), PLATES_AT_ONCE):
        small = renders.small[first : first + PLATES_AT_ONCE]
        texts = renders.captions[first : first + PLATES_AT_ONCE]
        one = [
            plate_like(small, torch.rand(len(small), generator=generator) * noise, generator, texts)
            for _ in range(versions)
        ]
        made.append((torch.stack(one, dim=1) * 255).round().byte())
    return torch.cat(made)


@dataclass(frozen=True, kw_only=True)
class PlateUpsamplerTraining(TrainingConfig):
    steps: int = setting("optimiser steps", 3000, minimum=1)
    batch: int = setting("crops per step", 16, minimum=1)
    crop: int = setting("crop side in plate pixels", 32, minimum=8)
    lr: float = setting("peak learning rate", 1e-3, minimum=0)
    scenes: int = setting("training scenes rendered", 600, minimum=1)
    frames_each: int = setting("frames drawn from each scene", 4, minimum=1)
    held_out: int = setting("held-out scenes rendered (one frame each)", 100, minimum=1)
    bare_share: float = setting("share of scenes rendered without entities", 0.7, minimum=0)
    noise: float = setting("largest latent noise a plate is given", 0.2, minimum=0)
    redrawn_share: float = setting(
        "share of plates drawn again by the video model from part way", 0.6, minimum=0
    )
    versions: int = setting("plate-like versions made of each training frame", 3, minimum=1)
    adversarial: float = setting(
        "weight of a patch discriminator's say (0: L1 alone)", 0.0, minimum=0
    )
    init: Path | None = setting("continue from these weights (their width and blocks)", None)
    width: int = setting("channels of the network", 64, minimum=1)
    blocks: int = setting("residual blocks", 5, minimum=1)
    autoencoder: Path = setting(
        "the frame autoencoder plates are decoded by", WEIGHTS / "frame_autoencoder.pt"
    )
    video_model: Path = setting(
        "the video model whose latent scale the noise is in", WEIGHTS / "video_model.pt"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.crop > min(PLATE_SIZE):
            raise UsageError(f"--crop {self.crop} is larger than the plate's {min(PLATE_SIZE)}")
        for name in ("bare_share", "redrawn_share"):
            if getattr(self, name) > 1:
                raise UsageError(f"--{name.replace('_', '-')} {getattr(self, name)} is above 1")


def train(config: PlateUpsamplerTraining, log=print) -> dict:
    _, generator = config.begin()
    if config.init is not None:
        model, _ = checkpoint.load(config.init)
        if not isinstance(model, PlateUpsampler):
            raise UsageError(f"--init {str(config.init)!r} holds no plate upsampler")
    else:
        model = PlateUpsampler(PlateUpsamplerConfig(width=config.width, blocks=config.blocks))
    model_config = model.config
    autoencoder, _ = checkpoint.load(config.autoencoder)
    video_model, _ = checkpoint.load(config.video_model)
    plate_like = PlateLike(autoencoder, video_model, config.redrawn_share)
    began = time.perf_counter()
    renders = rendered_set(
        model_config, config.scenes, config.frames_each, config.bare_share, config.seed, "train"
    )
    held_out = rendered_set(
        model_config, config.held_out, 1, config.bare_share, config.seed + 1, "heldout"
    )
    plates = plate_versions(renders, plate_like, config.versions, config.noise, generator)
    log(
        f"rendered {len(renders.large)} frames and made {config.versions} plates of each "
        f"in {time.perf_counter() - began:.0f} s"
    )
    # With a discriminator both sides take Adam's shorter memory, as GANs are usually trained.
    betas = (0.5, 0.9) if config.adversarial > 0 else (0.9, 0.999)
    critic = PatchDiscriminator().train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, betas=betas, weight_decay=0.0)
    critic_optimiser = torch.optim.AdamW(critic.parameters(), lr=config.lr, betas=betas)
    schedule = warmup_cosine(optimiser, config.steps, warmup=min(200, config.steps // 10))
    losses = LossLog(config.steps, log, every=100)
    model.train()
    for step in range(config.steps):
        chosen = torch.randint(len(renders.large), (config.batch,), generator=generator)
        version = torch.randint(config.versions, (config.batch,), generator=generator)
        small, truth = crops(
            plates[chosen, version].float() / 255,
            renders.large[chosen.numpy()],
            config.crop,
            model_config.factor,
            generator,
        )
        with in_training_precision():
            made = model(small, renders.conditions[chosen]).float()
        pixel = F.l1_loss(made, truth)
        loss, fooling = pixel, torch.zeros(())
        if config.adversarial > 0:
            fooling = critic.fooling(made)
            loss = loss + config.adversarial * fooling
        apply_gradients(loss, model, optimiser, schedule)
        if config.adversarial > 0:
            critic.learn(critic_optimiser, truth, made)
        losses.after(step, pixel=pixel, fooling=fooling)
    model.eval()
    metrics = {
        "held_out": held_out_figures(model, held_out, held_out_levels(plate_like)),
        "parameters": parameter_count(model),
        "training": config.recorded()
        | {
            "seconds": round(losses.seconds, 1),
            "data": f"{len(renders.large)} frames of {config.scenes} synthworld scenes "
            f"rendered at {model_config.factor}x the plate (seed {config.seed}); held out: "
            f"{config.held_out} scenes of held-out caption combinations (seed {config.seed + 1})",
        },
    }
    checkpoint.save(config.out, "plate_upsampler", model, metrics=metrics)
    log(json.dumps(metrics, indent=2))
    return metrics
