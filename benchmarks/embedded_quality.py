"""How good our text-to-video model is, judged by our recognizer on held-out captions.

For the first N held-out clips of a synthworld dataset (caption combinations training never
saw) it generates a clip per caption at each step count and prints:
(a model trained with layouts gets each clip's layout staged from its scene and seed, as the
`embedded` generator stages a prompt's; one more row shows 4 steps with no layout)
- adherence: the share of clips where the recognizer agrees with the caption on entities
  (every kind named is seen), place and lighting (time of day), next to the same figure for
  synthworld's own renders of those captions, and the ratio of the two;
- the Fréchet distance between generated and real frames in the recognizer's feature space;
- temporal consistency: feature cosine of consecutive frames, and mean pixel change;
- drift over 10 s clips: 1 - cosine between the first and the last second's features, with
  synthworld's own 10 s render of the same caption beside it;
- seconds of compute per second of video (a 10 s clip, median of 3, all threads).

    python benchmarks/embedded_quality.py --data data/synthworld-v1

With `--versus-procedural` it instead makes held-out requests with `embedded` and with
`procedural` through the agent and prints check pass-rate and sharpness side by side, which
decide the default backend (benchmarks/embedded_versus_procedural.py).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import torch

from videoagent.evaluate.recognized import RECOGNIZER
from videoagent.generators.embedded import AUTOENCODER, ENTITY_MODEL, VIDEO_MODEL
from videoagent.nn import checkpoint, scene_layout
from videoagent.nn.clip_metrics import drift, feature_consistency, frechet_distance, pixel_change
from videoagent.nn.entity_layer import EntityLayer
from videoagent.nn.judge import FACETS, agreement, read_clip
from videoagent.nn.video_sampling import ClipSampler, Sampling
from videoagent.synthworld.dataset import SynthworldDataset
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import SceneSpec
from videoagent.synthworld.staging import Stage


def summary(readings: list, scenes: list[SceneSpec], clips: list[np.ndarray]) -> dict:
    agreements = [agreement(r, s) for r, s in zip(readings, scenes, strict=True)]
    facets = {f: float(np.mean([a[f] for a in agreements])) for f in FACETS}
    return {
        **facets,
        "adherence": float(np.mean(list(facets.values()))),
        "consistency": float(np.mean([feature_consistency(r.features) for r in readings])),
        "pixel_change": float(np.mean([pixel_change(c) for c in clips])),
        "features": np.concatenate([r.features for r in readings]),
    }


def row(name: str, figures: dict, reference: dict | None) -> str:
    ratio = f"{figures['adherence'] / reference['adherence']:6.0%}" if reference else "      "
    distance = (
        f"{frechet_distance(figures['features'], reference['features']):8.2f}"
        if reference
        else "       -"
    )
    return (
        f"{name:<18} {figures['entities']:8.0%} {figures['place']:6.0%} "
        f"{figures['lighting']:8.0%} {figures['adherence']:9.0%} {ratio}  {distance} "
        f"{figures['consistency']:11.3f} {figures['pixel_change']:12.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a synthworld dataset (the model's figures)")
    parser.add_argument(
        "--versus-procedural",
        action="store_true",
        help="embedded against procedural on held-out requests, as a user meets them",
    )
    parser.add_argument("--limit", type=int, default=12, help="requests (--versus-procedural)")
    parser.add_argument(
        "--write", action="store_true", help="keep the versus figures: the default follows them"
    )
    parser.add_argument("--video-model", type=Path, default=VIDEO_MODEL)
    parser.add_argument("--autoencoder", type=Path, default=AUTOENCODER)
    parser.add_argument(
        "--entity-model", type=Path, default=ENTITY_MODEL, help="'none': the video model alone"
    )
    parser.add_argument("--recognizer", type=Path, default=RECOGNIZER)
    parser.add_argument("--clips", type=int, default=48)
    parser.add_argument("--steps", default="1,2,4,8,32")
    parser.add_argument("--drift-clips", type=int, default=8)
    parser.add_argument("--guidance", type=float, default=1.0)
    args = parser.parse_args()
    if args.versus_procedural:
        from embedded_versus_procedural import versus_procedural

        versus_procedural(args.limit, args.write)
        return
    if args.data is None:
        parser.error("--data is required (or --versus-procedural)")
    steps = [int(s) for s in args.steps.split(",")]
    model, _ = checkpoint.load(args.video_model)
    autoencoder, _ = checkpoint.load(args.autoencoder)
    recognizer, _ = checkpoint.load(args.recognizer)
    sampler = ClipSampler(model, autoencoder)
    layer = None
    if str(args.entity_model) != "none" and model.config.layout_channels:
        layer = EntityLayer(checkpoint.load(args.entity_model)[0])
    held_out = SynthworldDataset(args.data, "heldout")
    count = min(args.clips, len(held_out))
    config = held_out.card["config"]
    fps = config["fps"]
    print(
        f"{count} held-out captions of {held_out.card['name']}, {config['frames']} frames at "
        f"{fps:g} fps, {config['width']}x{config['height']}; torch threads "
        f"{torch.get_num_threads()}; guidance {args.guidance:g}"
    )
    real_clips = [held_out[i][0] for i in range(count)]
    scenes = [SceneSpec.from_dict(held_out[i][2]["scene"]) for i in range(count)]
    captions = [held_out[i][1] for i in range(count)]
    size = (config["width"], config["height"])
    laid_out = bool(model.config.layout_channels)

    def generate(i: int, frames: int, steps: int, how: str, seed: int) -> np.ndarray:
        """Clip `i` drawn `how`: "layers" (plate and entities), "layout" (the video model
        told where things are), "alone" (the video model with no layout)."""
        stage = Stage(scenes[i], size=size, fps=fps, frames=frames, seed=held_out.rows[i]["seed"])
        layout = scene_layout.staged(stage) if how != "alone" else None
        if how == "layers":
            layout = np.zeros_like(layout)
        made = sampler.clip(
            captions[i], frames, Sampling(steps, args.guidance, seed=seed), layout=layout
        )
        if how == "layers":
            made = layer.paint(made, stage, [index / fps for index in range(frames)])
        return made

    usual = "layers" if layer is not None else "layout" if laid_out else "alone"
    real = summary([read_clip(recognizer, c, fps) for c in real_clips], scenes, real_clips)
    print(
        f"\n{'clips':<18} {'entities':>8} {'place':>6} {'lighting':>8} {'adherence':>9} "
        f"{'vs real':>6}  {'Fréchet':>8} {'consistency':>11} {'pixel change':>12}"
    )
    print(row("synthworld", real, None))
    runs = [(f"{n} steps", n, usual) for n in steps]
    if layer is not None:
        runs.append(("4, no entity model", 4, "layout"))
    if laid_out:
        runs.append(("4, no layout", 4, "alone"))
    for name, step_count, how in runs:
        made = [generate(i, config["frames"], step_count, how, seed=i) for i in range(count)]
        figures = summary([read_clip(recognizer, c, fps) for c in made], scenes, made)
        print(row(name, figures, real), flush=True)

    seconds, frames = 10, int(10 * fps)
    print(f"\ndrift over {seconds} s clips ({args.drift_clips} captions, 4 steps):")
    drifts: dict[str, list[float]] = {"generated": [], "synthworld": []}
    for i in range(min(args.drift_clips, count)):
        made = generate(i, frames, 4, usual, seed=i)
        seed = held_out.rows[i]["seed"]
        render = Renderer(scenes[i], size=size, fps=fps, frames=frames, seed=seed)
        rendered = np.stack([frame for frame, _ in render])
        drifts["generated"].append(drift(read_clip(recognizer, made, fps).features, fps))
        drifts["synthworld"].append(drift(read_clip(recognizer, rendered, fps).features, fps))
    for name, values in drifts.items():
        print(f"  {name:<11} median {statistics.median(values):.3f}  max {max(values):.3f}")

    print(
        f"\ncompute for a {seconds} s clip ({frames} frames, staged, decoded, {usual}), "
        "median of 3:"
    )
    for step_count in (1, 2, 4, 8):
        times = []
        for repeat in range(3):
            began = time.perf_counter()
            generate(0, frames, step_count, usual, seed=repeat)
            times.append(time.perf_counter() - began)
        median = statistics.median(times)
        print(f"  {step_count} steps: {median:6.2f} s = {median / seconds:.2f} s per second")


if __name__ == "__main__":
    main()
