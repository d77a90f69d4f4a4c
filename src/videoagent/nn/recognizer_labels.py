"""What each synthworld frame truly shows, as recognizer targets, from the dataset's ground truth.

An entity counts as in the frame when enough of it is inside (a dog with one paw in view is
not "a dog in the picture") and it is big enough to see at all at 112x64.
"""

from __future__ import annotations

import numpy as np

from videoagent.nn.recognizer import HEADS
from videoagent.synthworld import vocabulary as vocab

MIN_VISIBLE = 0.4
MIN_AREA = 16  # pixels


def seen(entity: dict, scale: float = 1.0) -> bool:
    """Whether the recognizer is taught `entity` is in the picture; `scale`: how much
    smaller the frame its box was measured in is at the recognizer's size."""
    x0, y0, x1, y1 = entity["box"]
    area = (x1 - x0) * (y1 - y0) * scale * scale
    return entity.get("visible", 0.0) >= MIN_VISIBLE and area >= MIN_AREA


def shown_action(entity: dict) -> str | None:
    """The action the recognizer is taught `entity` shows (a thing standing shows none)."""
    if entity["kind"] in vocab.LEARNT_CREATURES or entity.get("action", "stand") != "stand":
        return entity.get("action", "stand")
    return None


def frame_labels(row: dict) -> dict[str, np.ndarray]:
    """Targets for every frame of one clip: several-at-once heads as 0/1 [T, classes],
    pick-one heads as class indices [T]."""
    frames = len(row["truth"])
    labels: dict[str, np.ndarray] = {}
    for name, (classes, several) in HEADS.items():
        if several:
            labels[name] = np.zeros((frames, len(classes)), dtype=np.float32)
        else:
            labels[name] = np.full(frames, classes.index(row["scene"][name]), dtype=np.int64)
    for t, truth in enumerate(row["truth"]):
        for entity in truth["entities"]:
            if not seen(entity) or entity["kind"] not in vocab.LEARNT_KINDS:
                continue
            labels["kinds"][t, vocab.LEARNT_KINDS.index(entity["kind"])] = 1
            action = shown_action(entity)
            if action is not None:
                labels["actions"][t, HEADS["actions"][0].index(action)] = 1
    return labels


def split_labels(rows: list[dict]) -> dict[str, np.ndarray]:
    """Targets for a whole split, clip-major: [clips, T, ...]."""
    per_clip = [frame_labels(row) for row in rows]
    return {name: np.stack([labels[name] for labels in per_clip]) for name in HEADS}
