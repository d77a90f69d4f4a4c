"""The recognizer as a judge of clips: what a clip shows, and whether that is what was asked.

A clip is read frame by frame at the recognizer's own size. A kind of thing counts as shown
when the recognizer sees it in at least a quarter of the frames (a dog that walks out of
shot halfway still counts); place, time of day and weather are the classes most probable on
average over the clip.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from videoagent.media.fit import fit_picture
from videoagent.nn.autoencoder_metrics import to_tensor
from videoagent.nn.recognizer import HEADS, Recognizer, paired, probabilities
from videoagent.synthworld.spec import SceneSpec

SIZE = (112, 64)  # the recognizer's training frames
SEEN_SHARE = 0.25
FACETS = ("entities", "place", "lighting")


@dataclass
class ClipReading:
    seen: dict[str, float]  # kind → share of frames where it was recognised
    actions: dict[str, float]
    place: str
    time_of_day: str
    weather: str
    features: np.ndarray  # [T, F] per frame
    # Per frame, what was recognised: [T, kinds] and [T, actions], in HEADS' order.
    kinds_in_frames: np.ndarray | None = None
    actions_in_frames: np.ndarray | None = None
    # Actions are judged from this frame on: the ones before it have no frame the motion gap
    # earlier (they are read with the first frame, or with themselves: a step looks like a stop).
    motion_from: int = 0


def fit_size(frames: np.ndarray) -> np.ndarray:
    """Frames [T, H, W, 3] at the recognizer's size (centre-cropped to its aspect first)."""
    return np.stack([fit_picture(f, *SIZE, Image.Resampling.BILINEAR) for f in frames])


def motion_gap(recognizer: Recognizer, fps: float | None) -> int:
    """How many frames back, at `fps`, the second frame a motion recognizer reads is (0 for
    one that reads single frames)."""
    seconds = recognizer.config.motion_seconds
    if not seconds:
        return 0
    if not fps:
        raise ValueError("a recognizer that reads motion needs the clip's frame rate")
    return max(1, round(seconds * fps))


def motion_reach(recognizer: Recognizer, fps: float | None) -> int:
    """How many frames back, at `fps`, the earliest frame a recognizer reads is."""
    return motion_gap(recognizer, fps) * recognizer.config.earlier_frames


@torch.no_grad()
def read_clip(recognizer: Recognizer, frames: np.ndarray, fps: float | None = None) -> ClipReading:
    """What the recognizer sees in a clip (uint8 [T, H, W, 3], any size, `fps` frames a
    second: needed by a recognizer that reads motion)."""
    pictures = to_tensor(fit_size(frames))
    gap = motion_gap(recognizer, fps)
    if gap:
        pictures = paired(pictures, gap, recognizer.config.earlier_frames)
    reach = motion_reach(recognizer, fps)
    motion_from = reach if len(pictures) > reach else 0
    features, chances = [], {name: [] for name in HEADS}
    for start in range(0, len(pictures), 128):
        feature = recognizer.features(pictures[start : start + 128])
        features.append(feature)
        heads = probabilities({n: h(feature) for n, h in recognizer.heads.items()})
        for name in HEADS:
            chances[name].append(heads[name])
    merged = {name: torch.cat(values).numpy() for name, values in chances.items()}

    def shares(name: str, start: int = 0) -> dict[str, float]:
        share = (merged[name][start:] >= 0.5).mean(0)
        return dict(zip(HEADS[name][0], share.tolist(), strict=True))

    def most_likely(name: str) -> str:
        return HEADS[name][0][int(merged[name].mean(0).argmax())]

    return ClipReading(
        seen=shares("kinds"),
        actions=shares("actions", motion_from),
        place=most_likely("place"),
        time_of_day=most_likely("time_of_day"),
        weather=most_likely("weather"),
        features=torch.cat(features).numpy(),
        kinds_in_frames=merged["kinds"] >= 0.5,
        actions_in_frames=merged["actions"] >= 0.5,
        motion_from=motion_from,
    )


def recognizer_scale(width: int, height: int) -> float:
    """How much smaller a frame of `width` x `height` is at the recognizer's size (it is
    centre-cropped to the recognizer's shape, then scaled to it)."""
    return max(SIZE[0] / width, SIZE[1] / height)


def agreement(reading: ClipReading, scene: SceneSpec) -> dict[str, bool]:
    """Per facet, does the clip show what the scene asks for? Entities: every kind named is
    seen; lighting: the time of day."""
    kinds = {entity.kind for entity in scene.drawable}
    return {
        "entities": all(reading.seen[kind] >= SEEN_SHARE for kind in kinds),
        "place": reading.place == scene.place,
        "lighting": reading.time_of_day == scene.time_of_day,
    }
