"""A versioned synthworld dataset: clips, their dense captions and exact ground truth.

    data/synthworld-v1/
      card.json, card.md        config, counts, vocabulary coverage, caption examples,
                                the held-out combinations, build time
      train-00000.npz …         frames, uint8 [clips, frames, height, width, 3]
      train.jsonl               one row per clip: id, shard, caption, scene, per-frame truth
      heldout-00000.npz, heldout.jsonl

Built in a hidden folder and renamed when complete. The same command with the same seed
gives the same dataset:

    videoagent dataset synthworld --out data/synthworld-v1 --train 2000 --heldout 200
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from videoagent.errors import UsageError
from videoagent.options import check_settings, setting
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.sampler import held_out_triples, sample_scene
from videoagent.synthworld.spec import SceneSpec

VERSION = 1
SPLITS = ("train", "heldout")


@dataclass(frozen=True)
class DatasetConfig:
    """What a dataset is made of; stored in its card."""

    train: int = setting("clips in the training split", 2000)
    heldout: int = setting("clips in the held-out split (combinations training never saw)", 200)
    width: int = setting("frame width in pixels (a multiple of 8)", 112)
    height: int = setting("frame height in pixels (a multiple of 8)", 64)
    fps: float = setting("frames per second", 8.0)
    frames: int = setting("frames per clip", 24)
    scene_seconds: float = setting(
        "longest a scene runs: each clip is a window at a random point of a scene between the "
        "clip's own length and this (0: each clip is a whole scene)",
        0.0,
        minimum=0,
    )
    drawn_larger: int = setting(
        "draw each frame this many times larger and scale it down as the judge scales a clip "
        "(a shot is made larger than the recognizer reads it)",
        1,
        minimum=1,
    )
    plates: float = setting(
        "share of the clips drawn as plates: the place, light, weather and camera with no "
        "entity in them (their truth lists none), as the `embedded` generator's video model "
        "draws under the entity layer",
        0.0,
        minimum=0,
    )
    seed: int = setting("seed of every scene and render (the same seed, the same data)", 0)
    shard_size: int = setting("clips per shard file", 256, minimum=1)

    def __post_init__(self) -> None:
        check_settings(self)

    def check(self) -> None:
        if self.train < 1 or self.heldout < 1:
            raise UsageError(
                f"a dataset needs clips in both splits, got {self.train}/{self.heldout}"
            )
        if min(self.width, self.height) < 64 or self.width % 8 or self.height % 8:
            raise UsageError(
                f"frames must be at least 64 px on the short side and multiples of 8, "
                f"got {self.width}x{self.height}"
            )
        if self.plates > 1:
            raise UsageError(f"--plates is a share of the clips, from 0 to 1, got {self.plates}")
        if self.frames < 1 or self.fps <= 0:
            raise UsageError(f"clips need frames and a frame rate, got {self.frames} @ {self.fps}")
        if self.scene_seconds and self.scene_seconds * self.fps < self.frames:
            raise UsageError(
                f"scenes of {self.scene_seconds:g} s are shorter than clips of {self.frames} "
                f"frames at {self.fps:g} fps"
            )


def _clip(
    scene: SceneSpec,
    config: DatasetConfig,
    seed: int,
    window: tuple[int, int],
    plate: bool = False,
) -> tuple[np.ndarray, list[dict]]:
    """The clip's frames and their truth (numbered from the clip's first frame): `window`
    is where in the scene it starts, and how many frames the scene runs; a `plate` has no
    entity drawn and none in its truth."""
    start, total = window
    larger = config.drawn_larger
    size = (config.width * larger, config.height * larger)
    renderer = Renderer(
        scene, size=size, fps=config.fps, frames=total, seed=seed, entities=not plate
    )
    frames, truths = [], []
    for number in range(config.frames):
        frame, truth = renderer.frame(start + number)
        if larger > 1:  # bilinear, as the judge scales a clip to its size (`nn/judge.fit_size`)
            picture = Image.fromarray(frame)
            frame = np.asarray(picture.resize((config.width, config.height), Image.BILINEAR))
        frames.append(frame)
        truth = truth.to_dict() | {"frame": number}
        if plate:
            truth["entities"] = []
        for entity in truth["entities"]:
            entity["box"] = [round(v / larger) for v in entity["box"]]
        truths.append(truth)
    return np.stack(frames), truths


def _window(rng: np.random.Generator, config: DatasetConfig) -> tuple[int, int]:
    """Where a clip starts in its scene, and how many frames the scene runs. A 6-frame
    scene at 8 fps runs its whole choreography in 0.75 s; a shot of a few seconds is staged
    over its whole length, and its frames look like the middle of a slower one."""
    if not config.scene_seconds:
        return 0, config.frames
    seconds = rng.uniform(config.frames / config.fps, config.scene_seconds)
    total = max(config.frames, round(seconds * config.fps))
    return int(rng.integers(total - config.frames + 1)), total


def _coverage(scenes: list[SceneSpec]) -> dict[str, dict[str, int]]:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for scene in scenes:
        counts["place"][scene.place] += 1
        counts["time_of_day"][scene.time_of_day] += 1
        counts["weather"][scene.weather] += 1
        counts["camera"][scene.camera] += 1
        counts["shot_size"][scene.shot_size] += 1
        for entity in scene.drawable:
            counts["kind"][entity.kind] += 1
            counts["action"][entity.action] += 1
            counts["colour"][entity.colour] += 1
    return {name: dict(sorted(counter.items())) for name, counter in counts.items()}


def build(out: Path, config: DatasetConfig, *, log=print) -> dict:
    """Render the dataset into `out` (which must not exist); returns its card."""
    config.check()
    out = Path(out)
    if out.exists():
        raise UsageError(f"dataset folder {str(out)!r} exists; choose a new --out")
    part = out.with_name(f".{out.name}.part")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    began = time.perf_counter()
    held_out = held_out_triples(config.seed)
    card: dict = {
        "name": out.name,
        "version": VERSION,
        "config": asdict(config),
        "held_out_combinations": [list(t) for t in sorted(held_out)],
        "splits": {},
        "caption_examples": {},
    }
    for offset, split in enumerate(SPLITS):
        rng = np.random.default_rng([config.seed, offset])
        windows = np.random.default_rng([config.seed, offset, 1])  # the scenes stay the same
        plates = np.random.default_rng([config.seed, offset, 2])
        count = getattr(config, split)
        scenes, rows, shard, shard_number = [], [], [], 0
        bytes_written = 0
        with open(part / f"{split}.jsonl", "w", encoding="utf-8") as index:
            for number in range(count):
                scene = sample_scene(rng, held_out, split=split)
                seed = int(rng.integers(2**31))
                window = _window(windows, config)
                plate = bool(plates.random() < config.plates)
                frames, truths = _clip(scene, config, seed, window, plate)
                text = caption(scene)
                row = {
                    "id": f"{split}-{number:06d}",
                    "shard": shard_number,
                    "index": len(shard),
                    "caption": text,
                    "seed": seed,
                    "window": {"start": window[0], "scene_frames": window[1]},
                    "plate": plate,
                    "scene": scene.to_dict(),
                    "truth": truths,
                }
                index.write(json.dumps(row, separators=(",", ":")) + "\n")
                scenes.append(scene)
                shard.append(frames)
                if len(rows) < 5:
                    rows.append(text)
                if len(shard) == config.shard_size or number == count - 1:
                    path = part / f"{split}-{shard_number:05d}.npz"
                    np.savez_compressed(path, frames=np.stack(shard))
                    bytes_written += path.stat().st_size
                    shard, shard_number = [], shard_number + 1
                    log(f"{split}: {number + 1}/{count} clips")
        card["splits"][split] = {
            "clips": count,
            "shards": shard_number,
            "frames": count * config.frames,
            "bytes": bytes_written,
            "coverage": _coverage(scenes),
        }
        card["caption_examples"][split] = rows
    card["build_seconds"] = round(time.perf_counter() - began, 1)
    (part / "card.json").write_text(json.dumps(card, indent=2) + "\n", "utf-8")
    (part / "card.md").write_text(card_markdown(card), "utf-8")
    os.replace(part, out)
    return card


def card_markdown(card: dict) -> str:
    """The dataset card for people."""
    config = card["config"]
    lines = [
        f"# {card['name']} (synthworld dataset v{card['version']})",
        "",
        f"{config['width']}x{config['height']} px, {config['frames']} frames at "
        f"{config['fps']:g} fps per clip, seed {config['seed']}, built in "
        f"{card['build_seconds']} s.",
        "",
        "| split | clips | frames | bytes on disk |",
        "|---|---|---|---|",
    ]
    for split, info in card["splits"].items():
        lines.append(f"| {split} | {info['clips']} | {info['frames']} | {info['bytes']:,} |")
    lines += [
        "",
        "Held out (subject, place, time of day) — never in training, each word is:",
        "",
        *(f"- {' · '.join(t)}" for t in card["held_out_combinations"]),
        "",
        "## Vocabulary coverage (training split)",
        "",
    ]
    for name, counts in card["splits"]["train"]["coverage"].items():
        lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines += ["", "## Caption examples", ""]
    for split, examples in card["caption_examples"].items():
        lines += [f"{split}:", "", *(f"> {e}" for e in examples[:3]), ""]
    return "\n".join(lines)


def read_card(root: Path, split: str, kind: str) -> dict:
    """The card of the dataset built at `root`, after checking `split` is one it has;
    UsageError naming the folder or the split otherwise."""
    if split not in SPLITS:
        raise UsageError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    if not (root / "card.json").exists():
        raise UsageError(f"{str(root)!r} is not a built {kind} dataset (no card.json)")
    return json.loads((root / "card.json").read_text("utf-8"))


class SynthworldDataset:
    """Read one split of a built dataset: `dataset[i]` → (frames, caption, row)."""

    def __init__(self, root: Path, split: str = "train") -> None:
        self.root, self.split = Path(root), split
        self.card = read_card(self.root, split, "synthworld")
        with open(self.root / f"{split}.jsonl", encoding="utf-8") as index:
            self.rows = [json.loads(line) for line in index]
        self._shards: dict[int, np.ndarray] = {}

    @classmethod
    def splits(cls, root: Path) -> tuple[SynthworldDataset, SynthworldDataset]:
        """The training and the held-out split of the dataset at `root`."""
        return cls(root, "train"), cls(root, "heldout")

    def __len__(self) -> int:
        return len(self.rows)

    def description(self) -> str:
        """What a model trained on this split records as its data."""
        return f"{self.card['name']} v{self.card['version']} ({len(self)} clips)"

    def frames(self, shard: int) -> np.ndarray:
        if shard not in self._shards:
            with np.load(self.root / f"{self.split}-{shard:05d}.npz") as data:
                self._shards[shard] = data["frames"]
        return self._shards[shard]

    def all_frames(self) -> np.ndarray:
        """Every clip of the split in memory, in row order: uint8 [clips, T, H, W, 3]."""
        return np.stack([self[i][0] for i in range(len(self))])

    def __getitem__(self, i: int) -> tuple[np.ndarray, str, dict]:
        row = self.rows[i]
        return self.frames(row["shard"])[row["index"]], row["caption"], row
