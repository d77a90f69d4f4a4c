"""The plate upsampler against bicubic enlargement: how close, how sharp, how dear.

1. Against the truth: held-out scenes (caption combinations training never saw) drawn by
   synthworld without their entities at 672x384 (six times the plate), boxed down to the
   plate's 112x64 and made plate-like from their latents (decoded as they are, noised by
   0.1 in normalised units, or drawn again by the video model from part way); each enlarged
   back by bicubic and by the network: PSNR against the large render, and sharpness (mean
   Laplacian energy) beside the render's.
2. On the video model's own plates: the same scenes' captions drawn by the video model (4
   steps, an empty layout, as the embedded generator draws a plate), 8 frames each, enlarged
   both ways and fitted to 640x360 as the generator fits them: median sharpness, beside
   synthworld's render of the same scene at 640x360.
3. Cost: CPU seconds to enlarge one second of plates (8 frames), on `--threads`, median
   over the scenes.

    python benchmarks/plate_upsampler.py [--scenes 24] [--threads 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from machine import cpu_description
from PIL import Image

from videoagent.generators.embedded import AUTOENCODER, PLATE_UPSAMPLER, VIDEO_MODEL
from videoagent.media.fit import fit_picture
from videoagent.media.sharpness import laplacian_energy
from videoagent.nn import checkpoint, scene_layout
from videoagent.nn.plate_upsampler import enlarge, scene_condition
from videoagent.nn.train_plate_upsampler import (
    PlateLike,
    held_out_figures,
    held_out_levels,
    rendered_set,
)
from videoagent.nn.video_sampling import ClipSampler, Sampling
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.sampler import held_out_triples, sample_scene
from videoagent.synthworld.staging import Stage

OUTPUT = (640, 360)
PLATE_FRAMES = 8  # one second at the video model's 8 fps


def _bicubic(plates: np.ndarray, factor: int) -> np.ndarray:
    height, width = plates.shape[1:3]
    return np.stack(
        [
            np.asarray(Image.fromarray(p).resize((width * factor, height * factor), Image.BICUBIC))
            for p in plates
        ]
    )


def _sharpness_at_output(frames: np.ndarray) -> float:
    return statistics.median(laplacian_energy(fit_picture(f, *OUTPUT)) for f in frames)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=24)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--weights", type=Path, default=PLATE_UPSAMPLER)
    args = parser.parse_args()
    if args.scenes < 1:
        parser.error("needs at least one scene")
    torch.set_num_threads(args.threads)
    upsampler, _ = checkpoint.load(args.weights)
    video_model, _ = checkpoint.load(VIDEO_MODEL)
    autoencoder, _ = checkpoint.load(AUTOENCODER)
    factor = upsampler.config.factor
    print(
        f"{args.weights.name}: {sum(p.numel() for p in upsampler.parameters()):,} parameters, "
        f"{args.scenes} held-out scenes, {args.threads} thread(s), {cpu_description()}"
    )

    renders = rendered_set(upsampler.config, args.scenes, 1, 1.0, seed=77, split="heldout")
    levels = held_out_levels(PlateLike(autoencoder, video_model))
    truth = held_out_figures(upsampler, renders, levels)
    print(f"\n1. against the render (its sharpness {truth['render_sharpness']}):")
    print(
        f"{'plates':>12} {'PSNR bicubic':>13} {'network':>8} {'sharp bicubic':>14} {'network':>8}"
    )
    for level in levels:
        f = truth[level]
        print(
            f"{level:>12} {f['psnr_bicubic']:>13.2f} {f['psnr_network']:>8.2f} "
            f"{f['sharpness_bicubic']:>14.1f} {f['sharpness_network']:>8.1f}"
        )

    sampler = ClipSampler(video_model, autoencoder)
    plate_size = (
        video_model.config.latent_width * autoencoder.config.factor,
        video_model.config.latent_height * autoencoder.config.factor,
    )
    rng = np.random.default_rng(78)
    held_out = held_out_triples()
    bicubic, network, rendered, costs = [], [], [], []
    for index in range(args.scenes):
        spec = dataclasses.replace(sample_scene(rng, held_out, split="heldout"), entities=())
        stage = Stage(spec, size=plate_size, fps=8, frames=PLATE_FRAMES, seed=index)
        empty = np.zeros_like(scene_layout.staged(stage))
        plates = sampler.clip(caption(spec), PLATE_FRAMES, Sampling(4, seed=index), layout=empty)
        condition = scene_condition(upsampler.config, spec.place, spec.time_of_day, spec.weather)
        began = time.process_time()
        enlarged = enlarge(upsampler, plates, condition)
        costs.append(time.process_time() - began)
        bicubic.append(_sharpness_at_output(_bicubic(plates, factor)))
        network.append(_sharpness_at_output(enlarged))
        drawn = Renderer(spec, size=OUTPUT, fps=8, frames=PLATE_FRAMES, seed=index)
        rendered.append(_sharpness_at_output(np.stack([frame for frame, _ in drawn])))
    print(f"\n2. the video model's own plates at {OUTPUT[0]}x{OUTPUT[1]} (median over scenes):")
    print(
        f"   bicubic {statistics.median(bicubic):.1f}, network {statistics.median(network):.1f}, "
        f"synthworld's render of the same scene {statistics.median(rendered):.1f}"
    )
    print(
        f"\n3. CPU seconds to enlarge one second of plates ({PLATE_FRAMES} frames): "
        f"median {statistics.median(costs):.3f} (min {min(costs):.3f}, max {max(costs):.3f})"
    )


if __name__ == "__main__":
    main()
