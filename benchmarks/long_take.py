"""Does a long take stay itself? Chained extensions of the embedded model, four contexts.

For several held-out scenes (caption combinations training never saw) it makes one long take
as a chain of extensions (default 12 x 10 s = 2 minutes), as the `embedded` generator makes
a one-take request: the video model draws the plate, each extension continuing the plate so
far from its latents as made, and the entity model draws the staged entities over it.
(`--from-frames` continues from the plate's frames encoded again instead, as the generator
did before plates kept their latents.) The plate moves as the generator draws it: a move
staged too slow for the model (a pan or zoom over 2 minutes, a tracking shot of a subject
that stays) is a still plate (`generators/plate_camera.py`); `--as-captioned` draws every
move at the model's pace, as before. The first chunk is the same for every context; where
the camera stands still it is held to its own mean from its first frame, as the generator
holds a still take (`--unheld-opening`: drawn free, as the generator did before); each
later one is given:

- last frame: the take's last frame only;
- last second: its last second;
- packed: the whole take so far, packed into the model's bounded context (the last frame in
  full; the frame before it, one a second before and the take's first frame pooled), read
  for every frame it makes;
- held: the whole take so far, read as the model was trained (its last frames), and each
  frame it reads held part of the way to the mean of every frame of the take so far
  (`Sampling.hold`): a memory of all of it in one latent. As the `embedded` generator
  holds: where the camera moves, `--hold` of the way in its coarse layout and colour; where
  it stands still, `--still-hold` of the way in every detail.

Last frame, last second and held fill the model's older slots by the rule it was trained
with (`recent`: the frames just before, so the last second is read as its last 4 frames);
packed by its own rule, over what it was given. `--video-model` picks the weights (the
shipped ones were trained on `recent`); `--contexts` a few of the four (last frame always).

`--retries N` makes each chunk as the agent makes a take of our model: its plate with the
entities drawn over it is checked as the agent checks one (`evaluate/recognized.py`: each kind
where the staging has it big enough to read, place, time of day, weather), and a chunk that
fails is drawn again with another seed, up to N times, the first that passes kept, else the
one that fails fewest (the agent's `--max-retries`, 2 by default); the next chunk goes on
from the one kept. Once a drawing fails the place, light or weather, the chunk's next ones
are drawn free of the take's memory, as the generator draws a take the agent asks to mend
them (`--retry-hold`: the share of the hold they keep, 0 by default), and one that still
fails what it was asked to mend is not kept over an equal one before it, as the agent keeps.
Without it (0), every chunk is the model's first drawing, as the generator alone makes it.

The world's render and the takes' entities are drawn at 224x128 (the plate scaled up to it)
and read as the recognizer learnt to read, scaled down to its 112x64 (`--drawn-at`).
Per chunk it prints, over the scenes, from our recognizer's reading of the chunk:
- consistency: the share of facets read as synthworld's own render of the same staged
  moment reads them (identity: each kind seen; place; time of day, which sets the colours;
  weather): the take stays what the world is, though the camera and the cast move;
- adherence: the share of facets the scene asks for that are read (kinds, place, light);
- drift: 1 - cosine between the chunk's mean recognizer features and the first chunk's;
- consistency kept: of the facets the take's first chunk read as the world's render, the
  share still so read (consistency counts the first chunk's own misreadings in every chunk);
and the same for synthworld's own render of the staged take (the world moving under the
camera drifts too) and for a still plate (the first chunk's plate again in every chunk, the
entities drawn over it as staged): the drift a take has when its plate does not drift at
all, the floor no context can go under. Then how fast each drifts (least-squares slope of
drift over time) relative to last-frame, and how fast the plates alone drift, measured on
them before the entities are drawn: the part a context makes (the still plate's is zero),
and how visible the joins are (the plate's step across a join over its usual step). With
retries, how many drawings each kept chunk took, and how many kept still fail.

The scenes differ more than the contexts do: over the default 6 the ratio of held's median
drift to last frame's has a 95% interval (printed, the scenes resampled) as wide as
0.23-1.19; the figures in docs/models.md are over 16 and 24 (`--scenes 16 --workers 2`:
about 50 minutes on 2 cores with retries).

    python benchmarks/long_take.py --scenes 4 --threads 2
    python benchmarks/long_take.py --scenes 4 --contexts "last frame,held" --still-hold 0.5
    python benchmarks/long_take.py --contexts "last frame,held" --misreadings
    python benchmarks/long_take.py --contexts "last frame,held" --retries 2
    python benchmarks/long_take.py --contexts "last frame,held" --retries 2 --scenes 16 --workers 2
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
from machine import cpu_description

from videoagent.agent.shoot_all import miss_rank
from videoagent.evaluate.check import failed
from videoagent.evaluate.recognized import RECOGNIZER, frames_checks
from videoagent.generators import capabilities
from videoagent.generators.embedded import (
    AUTOENCODER,
    ENTITY_MODEL,
    HOLD,
    STILL_HOLD,
    VIDEO_MODEL,
    staging_sidecar,
    take_hold,
)
from videoagent.generators.plate_camera import PlateCamera, plate_camera
from videoagent.media.fit import fit_picture
from videoagent.nn import checkpoint, scene_layout
from videoagent.nn.entity_layer import EntityLayer
from videoagent.nn.judge import agreement, read_clip
from videoagent.nn.video_sampling import ClipSampler, Sampling
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.sampler import held_out_triples, sample_scene
from videoagent.synthworld.staging import Stage

CONTEXTS = ("last frame", "last second", "packed", "held")
# A chunk made again takes its seed this far on: clear of the seeds of the chunks after it.
RETRY_SEED_STEP = 100
# The checks of what a hold holds, which the generator mends by letting go of its memory.
HELD_FACETS = set(capabilities("embedded").mends)


def given(context: str, history, fps: float) -> tuple:
    """The frames (or latents) an extension is given under `context`, and the sampler's
    context rule (None: the model's own)."""
    if context == "last frame":
        return history[-1:], None
    if context == "last second":
        return history[-round(fps) :], None
    return history, "packed" if context == "packed" else None


@dataclass(frozen=True)
class AgentChecks:
    """The checks the agent gives a take of our model (`evaluate/recognized.py`), put to a
    scene's chunks: the chunk's plate with the staged entities drawn over it."""

    layer: EntityLayer
    stage: Stage
    per_chunk: int
    drawn_at: tuple[int, int]

    def failures(self, plate: np.ndarray, k: int) -> list[str]:
        """The names of those chunk `k` (from 0), drawn on `plate`, fails."""
        fps = self.stage.fps
        first = k * self.per_chunk
        times = [(first + index) / fps for index in range(self.per_chunk)]
        painted = self.layer.paint(enlarged(plate, self.drawn_at), self.stage, times)
        staged = staging_sidecar(self.stage, self.per_chunk, fps, self.stage.size, first=first)
        return [
            check.name for check in failed(frames_checks(painted, fps, staged, self.stage.spec))
        ]


def draw_as_agent(
    sampler: ClipSampler,
    text: str,
    frames: int,
    sampling: Sampling,
    retries: int,
    failures,
    retry_hold: float = 0.0,
    **given,
) -> tuple[torch.Tensor, np.ndarray, tuple[int, bool]]:
    """A chunk's latents and plate as the agent keeps a take (`agent/shoot_all.py`): the
    first drawing with no `failures(plate)`, each one after with its seed RETRY_SEED_STEP
    on; else, of the `retries` + 1, the one that fails fewest (the later of equals, unless it
    still fails what it was asked to mend: `kept_take`). Unchecked, and counted as passing,
    when there are no retries. Once a drawing fails a facet a hold holds (place, light,
    weather), the next ones are asked to mend it and keep `retry_hold` of the hold (the
    generator, so asked: none). Also how many were drawn, and whether the one kept passes."""
    if retries == 0:
        latents = sampler.latents(text, frames, sampling, **given)
        return latents, sampler.decode(latents), (1, True)
    nearest = None
    tried = sampling
    mend: set[str] = set()  # what the drawing is asked to mend: any before it failed
    for attempt in range(retries + 1):
        tried = replace(tried, seed=sampling.seed + RETRY_SEED_STEP * attempt)
        latents = sampler.latents(text, frames, tried, **given)
        plate = sampler.decode(latents)
        failing = set(failures(plate))
        if not failing:
            return latents, plate, (attempt + 1, True)
        miss = miss_rank(failing, mend)
        if nearest is None or miss <= nearest[0]:
            nearest = (miss, latents, plate)
        mend |= HELD_FACETS & failing
        if mend:
            tried = replace(tried, hold=sampling.hold * retry_hold)
    return nearest[1], nearest[2], (retries + 1, False)


def enlarged(frames: np.ndarray, drawn_at: tuple[int, int]) -> np.ndarray:
    """`frames` scaled to `drawn_at` (bicubic), as the plate upsampler's would read."""
    if frames.shape[1:3] == (drawn_at[1], drawn_at[0]):
        return frames
    return np.stack([fit_picture(frame, *drawn_at) for frame in frames])


def drifts(readings: list) -> list[float]:
    return [cosine_drift(readings[0].features, reading.features) for reading in readings]


def facets(reading) -> dict[str, object]:
    """What a chunk is read as: identity (each kind seen in at least half its frames),
    place, time of day and weather."""
    seen = tuple(sorted(kind for kind, share in reading.seen.items() if share >= 0.5))
    return {
        "identity": seen,
        "place": reading.place,
        "time of day": reading.time_of_day,
        "weather": reading.weather,
    }


def same_share(first: dict, later: dict) -> float:
    return float(np.mean([first[name] == later[name] for name in first]))


def join_step(plate: np.ndarray, per_chunk: int) -> float:
    """The median change (mean absolute difference) from a chunk's last frame to the next
    chunk's first, over the median change between neighbouring frames."""
    steps = np.abs(np.diff(plate.astype(np.float32), axis=0)).mean(axis=(1, 2, 3))
    return float(np.median(steps[per_chunk - 1 :: per_chunk]) / (np.median(steps) + 1e-8))


def cosine_drift(first: np.ndarray, later: np.ndarray) -> float:
    a, b = first.mean(0), later.mean(0)
    return max(0.0, float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-8)))


def slope(drifts: list[float], seconds: float) -> float:
    """Drift per minute: the least-squares line through the first chunk's zero."""
    t = np.arange(len(drifts)) * seconds / 60
    return float((t @ np.asarray(drifts)) / (t @ t)) if len(drifts) > 1 else 0.0


def against(own: list[float], base: list[float], resamples: int = 2000) -> str:
    """How `own` drifts against `base` over the same scenes (a slope each): the ratio of
    their medians with its 95% interval (the scenes drawn again with replacement, in
    pairs), the geometric mean of the scenes' own ratios, and how many scenes drift at
    most half as fast. A median of a few scenes rests on the middle two: the interval says
    how far another draw of scenes could move it."""
    own_, base_ = np.asarray(own), np.asarray(base)
    picks = np.random.default_rng(0).integers(0, len(own_), size=(resamples, len(own_)))
    ratios = np.median(own_[picks], axis=1) / np.maximum(np.median(base_[picks], axis=1), 1e-12)
    low, high = np.percentile(ratios, [2.5, 97.5])
    ratio = np.median(own_) / max(np.median(base_), 1e-12)
    geometric = float(np.exp(np.mean(np.log(np.maximum(own_, 1e-6) / np.maximum(base_, 1e-6)))))
    halved = int(np.sum(own_ <= base_ / 2))
    return (
        f"{ratio:.2f} x ({low:.2f}-{high:.2f}), geometric mean of the scenes' "
        f"{geometric:.2f} x, {halved} of {len(own_)} scenes at most half"
    )


def read_chunks(recognizer, frames: np.ndarray, per_chunk: int, fps: float) -> list:
    return [
        read_clip(recognizer, frames[start : start + per_chunk], fps)
        for start in range(0, len(frames), per_chunk)
    ]


def kept(readings: list, world: list) -> list[float]:
    """Per chunk: of the facets the take's first chunk read as the world's render did, the
    share still read so (nan where the first chunk read none so): whether a take keeps
    what it had, apart from what the model missed from its start."""
    at_start = [
        name for name, value in facets(readings[0]).items() if value == facets(world[0])[name]
    ]
    if not at_start:
        return [float("nan")] * len(readings)
    return [
        float(np.mean([facets(reading)[name] == facets(truth)[name] for name in at_start]))
        for reading, truth in zip(readings, world, strict=True)
    ]


def misread(readings: list, world: list) -> dict[str, list[tuple[int, object, object]]]:
    """Per facet, the chunks (from 1) read unlike the world's render of the same moment:
    (chunk, read as, the render read as)."""
    wrong: dict[str, list[tuple[int, object, object]]] = {}
    for k, (reading, truth) in enumerate(zip(readings, world, strict=True), start=1):
        expected = facets(truth)
        for name, value in facets(reading).items():
            if value != expected[name]:
                wrong.setdefault(name, []).append((k, value, expected[name]))
    return wrong


def misread_line(wrong: dict[str, list[tuple[int, object, object]]]) -> str:
    """E.g. "weather: snow for clear in 1-12; identity: ('cat',) for ('dog',) in 7, 9"."""
    parts = []
    for name, chunks in wrong.items():
        by_value: dict[str, list[int]] = {}
        for k, value, expected in chunks:
            by_value.setdefault(f"{value} for {expected}", []).append(k)
        for value, ks in by_value.items():
            runs = ks == list(range(ks[0], ks[-1] + 1)) and len(ks) > 2
            where = f"{ks[0]}-{ks[-1]}" if runs else ", ".join(map(str, ks))
            parts.append(f"{name}: {value} in {where}")
    return "; ".join(parts) or "none"


def measure(readings: list, world: list, spec) -> list[tuple[float, ...]]:
    """Per chunk of a take: consistency (its facets as the world's own render of the same
    moment reads), adherence to the scene, drift from its first chunk, and consistency
    kept (`kept`)."""
    return [
        (
            same_share(facets(truth), facets(reading)),
            float(np.mean(list(agreement(reading, spec).values()))),
            drift,
            kept_share,
        )
        for reading, truth, drift, kept_share in zip(
            readings, world, drifts(readings), kept(readings, world), strict=True
        )
    ]


@dataclass(frozen=True)
class Models:
    """The shipped models a scene's takes are drawn, painted and read with."""

    sampler: ClipSampler
    recognizer: object
    layer: EntityLayer

    @classmethod
    def load(cls, video_model: Path) -> Models:
        model, _ = checkpoint.load(video_model)
        autoencoder, _ = checkpoint.load(AUTOENCODER)
        recognizer, _ = checkpoint.load(RECOGNIZER)
        layer = EntityLayer(checkpoint.load(ENTITY_MODEL)[0])
        return cls(ClipSampler(model, autoencoder), recognizer, layer)

    @property
    def fps(self) -> float:
        return self.sampler.model.config.fps

    @property
    def size(self) -> tuple[int, int]:
        """The plate's width and height."""
        config, factor = self.sampler.model.config, self.sampler.autoencoder.config.factor
        return config.latent_width * factor, config.latent_height * factor


@dataclass
class SceneTakes:
    """What one scene's takes measured (per take: `measure`'s rows, the plate's drift per
    chunk and its join step; per context: seconds spent and each chunk's drawings), and
    the lines said of it."""

    rows: dict[str, list[tuple[float, ...]]]
    plate_drifts: dict[str, list[float]]
    join_steps: dict[str, float]
    seconds: dict[str, float]
    made: dict[str, list[tuple[int, bool]]]
    lines: list[str]


def take_scene(
    models: Models,
    args: argparse.Namespace,
    contexts: tuple[str, ...],
    drawn_at: tuple[int, int],
    scene_index: int,
    spec,
) -> SceneTakes:
    """The scene's world render, still plate and one long take per context, measured."""
    fps, size, layer, recognizer = models.fps, models.size, models.layer, models.recognizer
    per_chunk = round(args.seconds * fps)
    total = per_chunk * args.chunks
    seed = 1000 + scene_index
    stage = Stage(spec, size=size, fps=fps, frames=total, seed=seed)
    moving = PlateCamera(spec.camera) if args.as_captioned else plate_camera(stage)
    text = caption(replace(spec, camera=moving.move))
    empty = np.zeros_like(scene_layout.staged(stage))
    times = [index / fps for index in range(total)]
    drawn = moving.note(spec.camera)
    taken = SceneTakes(
        rows={},
        plate_drifts={},
        join_steps={},
        seconds={},
        made={"opening": []},
        lines=[f"  scene {scene_index + 1}: {caption(spec)}"],
    )
    if drawn:
        taken.lines.append(f"    plate {drawn}")
    holding = take_hold(moving.move, args.hold, args.still_hold)

    rendered = np.stack(
        [frame for frame, _ in Renderer(spec, size=drawn_at, fps=fps, frames=total, seed=seed)]
    )
    world = read_chunks(recognizer, rendered, per_chunk, fps)
    taken.rows["synthworld"] = measure(world, world, spec)
    opens_still = moving.move == "static" and not args.unheld_opening
    opening_hold, opening_detail = holding if opens_still else (0.0, "coarse")
    checks = AgentChecks(layer, stage, per_chunk, drawn_at)
    sampling = Sampling(args.steps, seed=seed, hold=opening_hold, held_detail=opening_detail)
    opening_latents, opening, made = draw_as_agent(
        models.sampler, text, per_chunk, sampling, args.retries,
        functools.partial(checks.failures, k=0), args.retry_hold, layout=empty[:per_chunk],
    )  # fmt: skip
    taken.made["opening"].append(made)
    still = layer.paint(np.concatenate([enlarged(opening, drawn_at)] * args.chunks), stage, times)
    still_readings = read_chunks(recognizer, still, per_chunk, fps)
    taken.rows["still plate"] = measure(still_readings, world, spec)
    if args.misreadings:
        taken.lines.append(
            f"    misread, still plate: {misread_line(misread(still_readings, world))}"
        )
    for context in contexts:
        began = time.perf_counter()
        plate, latents = opening, opening_latents
        taken.made[context] = []
        for k in range(1, args.chunks):
            start, rule = given(context, plate if args.from_frames else latents, fps)
            hold, detail = holding if context == "held" else (0.0, "coarse")
            chunk_sampling = Sampling(
                args.steps, seed=seed + k, context=rule, hold=hold, held_detail=detail
            )
            handed = {"start" if args.from_frames else "start_latents": start}
            made_latents, made_plate, made = draw_as_agent(
                models.sampler, text, per_chunk, chunk_sampling, args.retries,
                functools.partial(checks.failures, k=k), args.retry_hold,
                layout=empty[k * per_chunk : (k + 1) * per_chunk], **handed,
            )  # fmt: skip
            taken.made[context].append(made)
            latents = torch.cat([latents, made_latents])
            plate = np.concatenate([plate, made_plate])
        taken.seconds[context] = time.perf_counter() - began
        taken.plate_drifts[context] = drifts(read_chunks(recognizer, plate, per_chunk, fps))
        taken.join_steps[context] = join_step(plate, per_chunk)
        painted = layer.paint(enlarged(plate, drawn_at), stage, times)
        readings = read_chunks(recognizer, painted, per_chunk, fps)
        taken.rows[context] = measure(readings, world, spec)
        if args.misreadings:
            taken.lines.append(f"    misread, {context}: {misread_line(misread(readings, world))}")
    return taken


_MODELS: Models | None = None  # a worker's own


def _worker_begins(video_model: Path, threads: int) -> None:
    global _MODELS
    torch.set_num_threads(threads)
    _MODELS = Models.load(video_model)


def _take_scene_in_worker(job: tuple) -> SceneTakes:
    return take_scene(_MODELS, *job)


def drawing_size(text: str, parser: argparse.ArgumentParser) -> tuple[int, int]:
    width, _, height = text.partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) >= 16 and int(height) >= 16):
        parser.error(f"--drawn-at {text!r}: expected WIDTHxHEIGHT of at least 16x16, e.g. 224x128")
    return int(width), int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=6)
    parser.add_argument(
        "--skip",
        type=int,
        default=0,
        help="leave out the first N scenes the benchmark draws (to measure further ones)",
    )
    parser.add_argument("--chunks", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per chunk")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="torch threads per worker")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="scenes drawn at once, each in a process of its own (1: in this one)",
    )
    parser.add_argument(
        "--hold", type=float, default=HOLD, help="held context's hold where the camera moves"
    )
    parser.add_argument(
        "--still-hold",
        type=float,
        default=STILL_HOLD,
        help="held context's hold, in every detail, where the camera stands still",
    )
    parser.add_argument(
        "--contexts", default=",".join(CONTEXTS), help="which contexts, comma-separated"
    )
    parser.add_argument("--video-model", type=Path, default=VIDEO_MODEL)
    parser.add_argument(
        "--as-captioned",
        action="store_true",
        help="draw every plate with its scene's camera move at the model's pace, as the "
        "generator did before a move too slow to draw became a still plate",
    )
    parser.add_argument(
        "--unheld-opening",
        action="store_true",
        help="draw a still camera's first chunk with no hold, as the generator did before a "
        "still take was held from its first frame",
    )
    parser.add_argument(
        "--drawn-at",
        default="224x128",
        help="the size (WxH) the world's render and the takes' entities are drawn at before "
        "the recognizer scales each frame down to its own 112x64, as the frames it learnt "
        "from were (the plates are scaled up to it bicubically); 112x64 draws them at the "
        "plate's size, as this benchmark did before",
    )
    parser.add_argument(
        "--misreadings",
        action="store_true",
        help="print, per scene and take, which facets were read unlike the world's render "
        "and in which chunks",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=0,
        help="check each chunk as the agent checks a take of our model (evaluate/recognized.py) "
        "and make a failing one again with another seed up to this many times, keeping the "
        "first that passes (else the one failing fewest), as the agent's --max-retries (2 by "
        "default) does; 0: every chunk as first drawn",
    )
    parser.add_argument(
        "--retry-hold",
        type=float,
        default=0.0,
        help="with --retries: the share of its hold a chunk drawn again keeps once a drawing "
        "of it failed a facet the hold holds (place, time of day, weather); 0, as the "
        "embedded generator does (none: drawn free of the take's memory); 1: the same hold",
    )
    parser.add_argument(
        "--from-frames",
        action="store_true",
        help="continue from the plate's frames encoded again, not its latents",
    )
    args = parser.parse_args()
    if args.scenes < 1 or args.skip < 0 or args.chunks < 2 or args.seconds <= 0:
        parser.error(
            "needs at least one scene, no negative --skip, two chunks and a positive chunk length"
        )
    if args.threads < 1 or args.workers < 1:
        parser.error(f"--threads {args.threads} --workers {args.workers}: expected 1 or more")
    if not 0 <= args.retries < RETRY_SEED_STEP:
        parser.error(f"--retries {args.retries}: expected 0 to {RETRY_SEED_STEP - 1}")
    shares = (("--hold", args.hold), ("--still-hold", args.still_hold))
    for name, share in (*shares, ("--retry-hold", args.retry_hold)):
        if not 0 <= share <= 1:
            parser.error(f"{name} {share}: expected a share from 0 to 1")
    contexts = tuple(name.strip() for name in args.contexts.split(","))
    unknown = [name for name in contexts if name not in CONTEXTS]
    if unknown or "last frame" not in contexts:
        parser.error(
            f"--contexts {args.contexts!r}: expected some of {', '.join(CONTEXTS)}, "
            "last frame among them (the others are measured against it)"
        )
    torch.set_num_threads(args.threads)
    models = Models.load(args.video_model)
    model, fps, size = models.sampler.model, models.fps, models.size
    drawn_at = drawing_size(args.drawn_at, parser)
    if drawn_at[0] * size[1] != drawn_at[1] * size[0]:
        parser.error(
            f"--drawn-at {args.drawn_at!r}: expected the plate's shape, {size[0]}:{size[1]}"
        )

    print(
        f"{args.scenes} held-out scenes, {args.chunks} x {args.seconds:g} s at {fps:g} fps "
        f"({size[0]}x{size[1]} plate; world and entities drawn at {drawn_at[0]}x{drawn_at[1]}), "
        f"{args.steps} steps, {args.threads} thread(s) in each of {args.workers} worker(s), "
        f"{cpu_description()}; {args.video_model.name} (trained on {model.config.context} "
        f"context), held context's hold {args.hold:g} coarsely, {args.still_hold:g} in every "
        "detail where the camera stands still; the opening "
        + ("drawn free" if args.unheld_opening else "held so too where the camera stands still")
        + "; continuing from the plate's "
        + ("frames encoded again" if args.from_frames else "latents")
        + (
            f"; each chunk checked as the agent checks a take and made again up to "
            f"{args.retries} time(s)"
            + (
                f", {args.retry_hold:g} of its hold kept after failing place, light or weather"
                if args.retry_hold != 1
                else ""
            )
            if args.retries
            else "; every chunk as first drawn"
        )
    )
    rng = np.random.default_rng(2026)
    held_out = held_out_triples()
    rows: dict[str, list[list[tuple[float, ...]]]] = {
        name: [] for name in ("synthworld", "still plate", *contexts)
    }
    seconds_taken = {name: 0.0 for name in contexts}
    plate_drifts: dict[str, list[list[float]]] = {name: [] for name in contexts}
    join_steps: dict[str, list[float]] = {name: [] for name in contexts}
    made_per_chunk: dict[str, list[tuple[int, bool]]] = {
        name: [] for name in ("opening", *contexts)
    }
    for _ in range(args.skip):  # drawn, so the scenes after are the same as in a longer run
        sample_scene(rng, held_out, split="heldout")
    jobs = [
        (args, contexts, drawn_at, index, sample_scene(rng, held_out, split="heldout"))
        for index in range(args.skip, args.skip + args.scenes)
    ]
    # Each worker loads the models itself and draws whole scenes with --threads.
    spawned = multiprocessing.get_context("spawn")
    workers = (
        ProcessPoolExecutor(
            args.workers,
            mp_context=spawned,
            initializer=_worker_begins,
            initargs=(args.video_model, args.threads),
        )
        if args.workers > 1
        else contextlib.nullcontext()
    )
    with workers as pool:
        taken = (
            pool.map(_take_scene_in_worker, jobs)
            if pool
            else (take_scene(models, *job) for job in jobs)
        )
        for scene in taken:  # in the scenes' order, each as it is done
            print("\n".join(scene.lines), flush=True)
            for name, measured in scene.rows.items():
                rows[name].append(measured)
            for name, made in scene.made.items():
                made_per_chunk[name] += made
            for name in contexts:
                seconds_taken[name] += scene.seconds[name]
                plate_drifts[name].append(scene.plate_drifts[name])
                join_steps[name].append(scene.join_steps[name])

    print(
        "\nper chunk, mean over scenes: consistency with the world's own render / adherence "
        "to the scene / drift from the first chunk"
    )
    names = ("synthworld", "still plate", *contexts)
    print(f"{'chunk ends':>10} " + " ".join(f"{name:>22}" for name in names))
    for k in range(args.chunks):
        cells = []
        for name in names:
            values = np.asarray([scene[k][:3] for scene in rows[name]]).mean(0)
            cells.append(f"{values[0]:6.2f} {values[1]:6.2f} {values[2]:8.3f}")
        print(f"{(k + 1) * args.seconds:9.0f}s " + " ".join(f"{c:>22}" for c in cells))
    # Consistency has the first chunk's misreadings in every chunk (the cast read unlike
    # the render's, mostly); kept leaves them out and asks whether the take keeps the rest.
    print(
        "consistency kept: of the facets a take's first chunk read as the world's render, the "
        "share still so read (mean over scenes; at the last chunk / lowest over the chunks):"
    )
    for name in names:
        shares = [
            float(np.nanmean([scene[k][3] for scene in rows[name]])) for k in range(args.chunks)
        ]
        print(f"  {name:<12} {shares[-1]:.2f} / {min(shares):.2f}")
    if args.retries:
        print(
            "drawn per chunk kept, as the agent checks and makes again (mean / share of the "
            "chunks made again / share kept still failing):"
        )
        for name, made in made_per_chunk.items():
            drawn = np.asarray([count for count, _ in made])
            failing = np.mean([not passed for _, passed in made])
            print(f"  {name:<12} {drawn.mean():.2f} / {np.mean(drawn > 1):.2f} / {failing:.2f}")
    print("\ndrift per minute (median over scenes of each take's least-squares slope):")
    slopes = {
        name: statistics.median(slope([c[2] for c in scene], args.seconds) for scene in rows[name])
        for name in names
    }
    for name in names:
        ratio = slopes[name] / slopes["last frame"] if slopes["last frame"] > 0 else float("nan")
        spent = (
            f", {seconds_taken[name] / args.scenes:.0f} s a take" if name in seconds_taken else ""
        )
        print(f"  {name:<12} {slopes[name]:.4f}  ({ratio:.2f} x last frame{spent})")
    # The median of a few scenes rests on the middle two, often scenes that hardly drift in
    # any context; the mean weighs the scenes by how much they drift.
    print(
        "the plates alone, before the entities are drawn (each scene's slope / median / "
        "mean, each x last frame's):"
    )
    own = {name: [slope(scene, args.seconds) for scene in plate_drifts[name]] for name in contexts}
    for name in contexts:
        per_scene = " ".join(f"{value:.4f}" for value in own[name])
        cells = []
        for middle in (statistics.median, statistics.mean):
            value, base = middle(own[name]), middle(own["last frame"])
            cells.append(f"{value:.4f} ({value / base if base > 0 else float('nan'):.2f} x)")
        print(f"  {name:<12} {per_scene} / {cells[0]} / {cells[1]}")
    print(
        "  against last frame: the ratio of medians (its 95% interval, the scenes resampled), "
        "the geometric mean of the scenes' ratios, the scenes that drift at most half as fast:"
    )
    for name in (name for name in contexts if name != "last frame"):
        print(f"  {name:<12} {against(own[name], own['last frame'])}")
    print(
        "the joins: the plate's step across a join over its median step between frames "
        "(1: a join like any other frame; each scene / median):"
    )
    for name in contexts:
        per_scene = " ".join(f"{value:.2f}" for value in join_steps[name])
        print(f"  {name:<12} {per_scene} / {statistics.median(join_steps[name]):.2f}")


if __name__ == "__main__":
    main()
