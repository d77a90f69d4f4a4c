"""A frame's layout as pictures the video model reads: where each kind of thing is.

The layout is the boxes of a frame's entities (staged from a parsed prompt, or a training
clip's stored ground truth), painted at pixel resolution into one channel per kind (1 inside
the box), plus the facing of creatures (+1 right, -1 left) and the colour named for each
entity.
Boxes say where and how big, never what shape: the model still draws the dog. Where boxes
overlap, the nearer entity's facing and colour win, as in the picture.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from videoagent.synthworld.render import DEPTH
from videoagent.synthworld.staging import Stage
from videoagent.synthworld.vocabulary import COLOURS, LEARNT_KINDS

FACING = len(LEARNT_KINDS)
COLOUR = FACING + 1
CHANNELS = COLOUR + 3


def rasterise(entities: Iterable[dict], size: tuple[int, int]) -> np.ndarray:
    """float32 [CHANNELS, height, width] from entity dicts with kind, colour, box, facing,
    visible (as ground truth stores them). Unknown kinds and unseen entities are left out."""
    width, height = size
    layout = np.zeros((CHANNELS, height, width), dtype=np.float32)
    shown = [e for e in entities if e["kind"] in LEARNT_KINDS and e["visible"] > 0]
    for entity in sorted(shown, key=lambda e: DEPTH[e["kind"]]):
        x0, y0, x1, y1 = (int(v) for v in entity["box"])
        if x1 <= x0 or y1 <= y0:
            continue
        area = (slice(max(y0, 0), min(y1, height)), slice(max(x0, 0), min(x1, width)))
        layout[(LEARNT_KINDS.index(entity["kind"]), *area)] = 1.0
        layout[(FACING, *area)] = entity["facing"]
        colour = np.asarray(COLOURS.get(entity["colour"], (128, 128, 128)), np.float32)
        layout[(slice(COLOUR, COLOUR + 3), *area)] = (colour / 127.5 - 1)[:, None, None]
    return layout


def clip_layout(truth: Iterable[dict], size: tuple[int, int]) -> np.ndarray:
    """float32 [frames, CHANNELS, height, width] from a clip's per-frame truth dicts."""
    return np.stack([rasterise(frame["entities"], size) for frame in truth])


def staged(stage: Stage) -> np.ndarray:
    """The layout of every frame of a staged shot (no pixels painted):
    float32 [frames, CHANNELS, height, width]."""
    return clip_layout((truth.to_dict() for truth in stage.all_truth()), stage.size)
