"""Train the video model: text-to-image first, then next-frame video, as a shortcut model.

    videoagent train video-model --data data/synthworld-v1 \
        --autoencoder src/videoagent/nn/weights/frame_autoencoder.pt --out runs/video_model.pt

Every training frame is encoded once by the (frozen) frame autoencoder and cached beside the
run. Each step draws frames of random clips with their captions:
- phase 1 (`--image-steps`): no context: the model learns to draw a caption's picture;
- phase 2 (`--video-steps`): next-frame prediction from the previous frame (full
  detail) and up to three older ones (pooled), all noised by a random σ so the model learns
  to repair small errors instead of copying them; half the examples stay text-to-image
  (`--image-share`): a clip's first frame sets everything after it, and next-frame
  prediction, mostly copying, is learnt far sooner.
Each frame comes with its layout (`nn/scene_layout.py`: the ground-truth boxes of every kind
of thing, their facing and colour), so the model learns to draw what the caption names
where the layout puts it; `LAYOUT_DROP` of the examples go without, so it can still draw from
the caption alone.
Where the ground truth puts a creature or thing, the loss counts `ENTITY_WEIGHT` times more:
entities cover a few latent cells of a frame whose background is easy, and are what the
model learns last. `--init` continues from saved weights (same data and autoencoder).
A tenth of the captions are dropped (empty) so the model also learns the unconditional
velocity, which classifier-free guidance needs. A quarter of each batch trains the
shortcut objective: one step of size 2d must match two steps of size d (targets from the
model itself, without gradient), so sampling works in 1 to 128 steps. The saved weights
are an exponential moving average of the trained ones.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from videoagent.errors import UsageError
from videoagent.nn import checkpoint, scene_layout
from videoagent.nn.autoencoder_metrics import to_tensor
from videoagent.nn.compute import in_training_precision
from videoagent.nn.patch_codec import PatchCodec, PatchCodecConfig
from videoagent.nn.schedule import warmup_cosine
from videoagent.nn.shortcut import shortcut_examples
from videoagent.nn.tokenizer import Tokenizer, build_vocabulary
from videoagent.nn.training_config import TrainingConfig
from videoagent.nn.training_run import (
    Progress,
    apply_gradients,
    parameter_count,
    update_average,
)
from videoagent.nn.video_model import Caption, VideoModel, VideoModelConfig, remaining
from videoagent.nn.video_sampling import CONTEXTS, older_indices
from videoagent.options import setting
from videoagent.store.files import file_sha256
from videoagent.synthworld.dataset import SynthworldDataset

SHORTCUT_SHARE = 0.25
CAPTION_DROP = 0.1
IMAGE_SHARE_IN_VIDEO = 0.5
ENTITY_WEIGHT = 4.0
# Of a channel's spread: how far a later build of the data may move its latents (half the
# clips drawn as plates move one by 0.055); another autoencoder's are a spread or more away.
LATENT_DRIFT = 0.1
# Of the data's words, the share the saved vocabulary may lack for its weights to go on training.
NEW_WORDS_SHARE = 0.05
MAX_CONTEXT_NOISE = 0.5
LAYOUT_DROP = 0.15
EMA_DECAY = 0.998


@torch.no_grad()
def encode_split(autoencoder: torch.nn.Module, dataset: SynthworldDataset) -> np.ndarray:
    """Latents of every frame: float16 [clips, T, C, h, w]."""
    frames = dataset.all_frames()
    flat = frames.reshape(-1, *frames.shape[2:])
    latents = [autoencoder.encode(to_tensor(flat[i : i + 512])) for i in range(0, len(flat), 512)]
    stacked = torch.cat(latents).half().numpy()
    return stacked.reshape(*frames.shape[:2], *stacked.shape[1:])


def cached_latents(
    autoencoder_path: Path | None, dataset: SynthworldDataset, cache: Path, patch: int = 8
) -> np.ndarray:
    """Every frame of `dataset` encoded by the autoencoder at `autoencoder_path`, or cut into
    pixel patches when that is None; cached under `cache`."""
    if autoencoder_path is None:
        codec_name, load = f"patches{patch}", lambda: PatchCodec(PatchCodecConfig(patch))
    else:
        codec_name = file_sha256(autoencoder_path)[:12]
        load = lambda: checkpoint.load(autoencoder_path)[0]  # noqa: E731
    path = cache / f"{dataset.card['name']}-{dataset.split}-{codec_name}.npy"
    if not path.exists():
        autoencoder = load()
        cache.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part.npy")
        np.save(part, encode_split(autoencoder, dataset))
        part.replace(path)
    return np.load(path)


def entity_cells(dataset: SynthworldDataset, grid: tuple[int, int]) -> np.ndarray:
    """Where each frame shows an entity, at latent resolution: bool [clips, T, h, w], from the
    ground-truth boxes (pixels, [x0, y0, x1, y1])."""
    config = dataset.card["config"]
    rows, columns = grid
    cell_height, cell_width = config["height"] / rows, config["width"] / columns
    cells = np.zeros((len(dataset), config["frames"], rows, columns), dtype=bool)
    for clip, row in enumerate(dataset.rows):
        for truth in row["truth"]:
            for entity in truth["entities"]:
                if entity["visible"] <= 0:
                    continue
                x0, y0, x1, y1 = entity["box"]
                top, bottom = int(y0 // cell_height), int(np.ceil(y1 / cell_height))
                left, right = int(x0 // cell_width), int(np.ceil(x1 / cell_width))
                cells[clip, truth["frame"], max(top, 0) : bottom, max(left, 0) : right] = True
    return cells


class Batches:
    """Random training examples: target latents with their context, caption ids, the
    target's layout and where it shows entities."""

    def __init__(
        self,
        latents: np.ndarray,
        cells: np.ndarray,
        ids: torch.Tensor,
        config: VideoModelConfig,
        seed: int,
        truth: list[list[dict]],
        size: tuple[int, int],
    ):
        self.latents = torch.from_numpy(latents.astype(np.float32))
        self.cells = torch.from_numpy(cells)
        self.ids, self.config = ids, config
        self.truth, self.size = truth, size
        self.rng = np.random.default_rng(seed)

    def draw(self, size: int, image_share: float) -> dict:
        clips, frames = len(self.latents), self.latents.shape[1]
        clip = self.rng.integers(clips, size=size)
        image = self.rng.random(size) < image_share
        frame = np.where(
            image, self.rng.integers(frames, size=size), self.rng.integers(1, frames, size=size)
        )
        target = self.latents[clip, frame]
        recent = self.latents[clip, np.maximum(frame - 1, 0)]
        older_index = np.array(
            [
                [-1 if i is None else i for i in older_indices(f, self.config, self.config.context)]
                for f in frame
            ]
        )
        older_present = torch.from_numpy((older_index >= 0) & ~image[:, None])
        older = self.latents[clip[:, None], np.maximum(older_index, 0)]
        ids = self.ids[clip].clone()
        ids[torch.from_numpy(self.rng.random(size) < CAPTION_DROP)] = 0
        layout = np.stack(
            [
                scene_layout.rasterise(self.truth[c][f]["entities"], self.size)
                for c, f in zip(clip, frame, strict=True)
            ]
        )
        return {
            "layout": torch.from_numpy(layout),
            "layout_present": torch.from_numpy(self.rng.random(size) >= LAYOUT_DROP),
            "target": target,
            "entities": self.cells[clip, frame],
            "recent": recent,
            "recent_present": torch.from_numpy(~image),
            "older": older,
            "older_present": older_present,
            "ids": ids,
        }


def _subset(caption: Caption, rows: torch.Tensor) -> Caption:
    return Caption(caption.tokens[rows], caption.padding[rows], caption.pooled[rows])


def training_loss(model: VideoModel, batch: dict, generator: torch.Generator) -> torch.Tensor:
    """Flow matching on most of the batch, shortcut self-consistency on the rest."""
    data = model.normalise(batch["target"])
    size = len(data)
    noise = torch.randn(data.shape, generator=generator)
    sigma = torch.rand(size, generator=generator) * MAX_CONTEXT_NOISE
    present = batch["recent_present"]
    sigma = sigma * present
    shape = (-1, 1, 1, 1)
    recent = model.normalise(batch["recent"])
    recent = recent + sigma.view(shape) * torch.randn(recent.shape, generator=generator)
    older = model.normalise(batch["older"].flatten(0, 1)).view(batch["older"].shape)
    older = older + sigma.view(-1, 1, 1, 1, 1) * torch.randn(older.shape, generator=generator)
    caption = model.encode_caption(batch["ids"])

    context = {
        "recent": recent,
        "recent_present": present,
        "older": older,
        "older_present": batch["older_present"],
        "context_noise": sigma,
        "layout": batch["layout"],
        "layout_present": batch["layout_present"],
    }

    def velocity(rows, noisy, time_, level):
        part = {key: value[rows] for key, value in context.items()}
        return model(noisy, time_, level, _subset(caption, rows), **part)

    noisy, time_, level, target = shortcut_examples(
        data, noise, velocity, generator, SHORTCUT_SHARE
    )
    predicted = model(noisy, time_, level, caption, **context)
    weight = 1 + ENTITY_WEIGHT * batch["entities"].float()[:, None]
    error = predicted.float() - target
    if model.config.prediction == "clean":
        # Measured on the clean frame, not on the velocity (which divides by 1 - t and would
        # weigh nearly clean inputs far above the noise a one-step sample starts from).
        error = error * remaining(time_).view(-1, 1, 1, 1)
    error = error**2 * weight
    return error.sum() / (weight.sum() * data.shape[1])


def _continued(init: Path, config: VideoModelConfig) -> tuple[VideoModel, dict]:
    """Saved weights to go on training, when they were made for this data, with how they
    were made. Weights saved without local mixing or layouts gain them, starting at zero.
    A later build of the data may use a few words the saved vocabulary lacks (synthworld
    learnt to say them since): the model keeps its vocabulary and reads them as unknown, as
    it reads them when it generates."""
    earlier, facts = checkpoint.load(init)
    unknown = sorted(set(config.vocabulary) - set(earlier.config.vocabulary))
    few = len(unknown) <= len(config.vocabulary) * NEW_WORDS_SHARE
    if not few or not _alike_latents(earlier.config, config):
        raise UsageError(f"--init {str(init)!r} was trained on other data or another autoencoder")
    grown = replace(
        earlier.config,
        local_mixing=config.local_mixing,
        layout_channels=config.layout_channels,
        layout_factor=config.layout_factor,
        context=config.context,
    )
    model = VideoModel(grown)
    missing, unexpected = model.load_state_dict(earlier.state_dict(), strict=False)
    new = (".local.", "layout_in.")
    if unexpected or any(not any(part in name for part in new) for name in missing):
        raise UsageError(f"--init {str(init)!r} does not fit this model: {missing + unexpected}")
    lineage = {"path": str(init), "sha256": file_sha256(init), **facts.get("training", {})}
    if unknown:
        lineage["words_read_as_unknown"] = unknown
    return model.train(), lineage


def _alike_latents(earlier: VideoModelConfig, now: VideoModelConfig) -> bool:
    """Whether the data's latents are distributed as those the saved model was trained on:
    a later build of the same dataset, whose renders moved a little, may go on (with the
    saved model's normalisation); other data or another autoencoder may not."""
    if len(earlier.latent_mean) != len(now.latent_mean):
        return False
    mean_a, mean_b = np.array(earlier.latent_mean), np.array(now.latent_mean)
    std_a, std_b = np.array(earlier.latent_std), np.array(now.latent_std)
    return bool(
        np.all(np.abs(mean_a - mean_b) <= LATENT_DRIFT * std_a)
        and np.all(np.abs(std_b / std_a - 1) <= LATENT_DRIFT)
    )


def _warm_started(model: VideoModel, source: Path) -> dict:
    """Copy every weight of the video model at `source` whose name and shape fit `model`
    (text encoder, blocks, embeddings), for a model that reads frames another way."""
    earlier, facts = checkpoint.load(source)
    if earlier.config.vocabulary != model.config.vocabulary:
        raise UsageError(f"--warm-start {str(source)!r} was trained on other captions")
    own = model.state_dict()
    fitting = {
        name: value
        for name, value in earlier.state_dict().items()
        if name in own and own[name].shape == value.shape
    }
    model.load_state_dict(fitting, strict=False)
    return {
        "path": str(source),
        "sha256": file_sha256(source),
        "copied": len(fitting),
        "of": len(own),
        **facts.get("training", {}),
    }


@dataclass(frozen=True, kw_only=True)
class VideoModelTraining(TrainingConfig):
    data: Path = setting("a built synthworld dataset")
    autoencoder: Path | None = setting(
        "the frame autoencoder whose latents the model draws; without: pixel patches", None
    )
    image_steps: int = setting("steps of text-to-image first", 900, minimum=0)
    video_steps: int = setting("steps of next-frame video after them", 3100, minimum=0)
    batch: int = setting("examples per step", 32, minimum=1)
    lr: float = setting("peak learning rate", 1e-3, minimum=0)
    width: int = setting("channels of the transformer", 128, minimum=32)
    depth: int = setting("transformer blocks", 6, minimum=1)
    image_share: float = setting(
        "share of first frames (text-to-image) in video steps", IMAGE_SHARE_IN_VIDEO
    )
    init: Path | None = setting("continue from these weights", None)
    warm_start: Path | None = setting("copy the fitting weights of another video model", None)
    prediction: str = setting("what the model predicts", "velocity", choices=("velocity", "clean"))
    context: str = setting(
        "which earlier frames the older slots hold: the ones just before, or the whole clip "
        "packed (the one before the last, one a second before it, the first)",
        "recent",
        choices=CONTEXTS,
    )
    cache: Path = setting("where encoded latents are kept between runs", Path("runs/latents"))
    save_every: int = setting("steps between checkpoints", 250, minimum=1)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.image_steps + self.video_steps < 1:
            raise UsageError("--image-steps and --video-steps together must be at least 1")


def train(config: VideoModelTraining, log=print) -> dict:
    _, generator = config.begin()
    train_set = SynthworldDataset(config.data, "train")
    latents = cached_latents(config.autoencoder, train_set, config.cache)
    factor = train_set.card["config"]["height"] // latents.shape[3]
    channels = latents.shape[2]
    flat = latents.astype(np.float32).transpose(2, 0, 1, 3, 4).reshape(channels, -1)
    captions = [row["caption"] for row in train_set.rows]
    model_config = VideoModelConfig(
        vocabulary=build_vocabulary(captions),
        latent_channels=channels,
        latent_height=latents.shape[3],
        latent_width=latents.shape[4],
        latent_mean=tuple(round(float(v), 5) for v in flat.mean(1)),
        latent_std=tuple(round(float(v), 5) for v in flat.std(1)),
        width=config.width,
        depth=config.depth,
        heads=config.width // 32,
        local_mixing=True,
        layout_channels=scene_layout.CHANNELS,
        layout_factor=factor,
        frame_codec="autoencoder" if config.autoencoder else "patches",
        patch=factor,
        prediction=config.prediction,
        fps=train_set.card["config"]["fps"],
        context=config.context,
    )
    model, lineage = VideoModel(model_config), {}
    if config.init is not None:
        model, continued_from = _continued(config.init, model_config)
        model_config, lineage = model.config, {"continued_from": continued_from}
    elif config.warm_start is not None:
        lineage = {"warm_start": _warm_started(model, config.warm_start)}
    tokenizer = Tokenizer(model_config.vocabulary, model_config.text_length)
    cells = entity_cells(train_set, (model_config.latent_height, model_config.latent_width))
    frame_size = (train_set.card["config"]["width"], train_set.card["config"]["height"])
    truth = [row["truth"] for row in train_set.rows]
    batches = Batches(
        latents,
        cells,
        tokenizer(captions),
        model_config,
        config.seed,
        truth,
        frame_size,
    )
    average = copy.deepcopy(model).requires_grad_(False)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    steps = config.image_steps + config.video_steps
    schedule = warmup_cosine(optimiser, steps, warmup=min(200, steps // 10), floor=0.1)
    facts = {
        "parameters": parameter_count(model),
        "autoencoder": (
            {"path": str(config.autoencoder), "sha256": file_sha256(config.autoencoder)}
            if config.autoencoder
            else {"codec": f"patches of {factor}x{factor} pixels"}
        ),
        "training": config.recorded()
        | {
            "entity_weight": ENTITY_WEIGHT,
            "layout_drop": LAYOUT_DROP,
            "data": train_set.description(),
        }
        | lineage,
    }
    progress = Progress(steps, config.out, "video_model", facts, config.save_every, log)
    model.train()
    for step in range(steps):
        share = 1.0 if step < config.image_steps else config.image_share
        with in_training_precision():
            loss = training_loss(model, batches.draw(config.batch, share), generator)
        apply_gradients(loss, model, optimiser, schedule)
        update_average(average, model, step, EMA_DECAY)
        progress.after(step, loss, average)
    log(json.dumps(facts, indent=2))
    return facts
