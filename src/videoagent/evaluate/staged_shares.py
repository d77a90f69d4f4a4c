"""What the recognizer sees of a take our own model staged, counted only over the frames where
the staging shows each thing big enough to read.

The recognizer was taught that an entity is in the picture only where at least 40% of it is
in frame and it covers 16 px at 112x64 (`nn/recognizer_labels.py`). Asked over every frame,
it would be blamed for a ball that is in the picture for a quarter of the shot, or for a
thing staged too small to read; a take rejected for that is made again closer, and may lose
the second dog it did show. So each kind, and each action, is judged over the frames where
the staging has one readable; one the staging never shows readably cannot be judged from
the picture at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from videoagent.nn.judge import ClipReading, recognizer_scale
from videoagent.nn.recognizer import HEADS
from videoagent.nn.recognizer_labels import seen, shown_action


@dataclass(frozen=True)
class StagedShares:
    """Per kind and per action: the share of the frames the staging shows one readably in
    which the recognizer recognises it. Kinds and actions never staged readably are absent."""

    kinds: dict[str, float]
    actions: dict[str, float]


def staged_shares(
    reading: ClipReading, staged: list[dict], width: int, height: int
) -> StagedShares:
    """`reading` of a clip whose frames `staged` (the staging's, one per frame read) say
    where each entity was drawn, in boxes measured in a frame of `width` x `height`.
    Actions count from the reading's `motion_from` frame on."""
    if reading.kinds_in_frames is None or reading.actions_in_frames is None:
        raise ValueError("the reading has no per-frame recognition to count")
    if len(staged) != len(reading.kinds_in_frames):
        raise ValueError(f"{len(staged)} staged frames for {len(reading.kinds_in_frames)} read")
    scale = recognizer_scale(width, height)
    kinds = {name: np.zeros(len(staged), dtype=bool) for name in HEADS["kinds"][0]}
    actions = {name: np.zeros(len(staged), dtype=bool) for name in HEADS["actions"][0]}
    for index, frame in enumerate(staged):
        for entity in frame["entities"]:
            if entity["kind"] not in kinds or not seen(entity, scale):
                continue  # a stand-in for a named thing is no kind the recognizer knows
            kinds[entity["kind"]][index] = True
            action = shown_action(entity)
            if action in actions and index >= reading.motion_from:
                actions[action][index] = True
    return StagedShares(
        kinds=_shares(kinds, reading.kinds_in_frames, HEADS["kinds"][0]),
        actions=_shares(actions, reading.actions_in_frames, HEADS["actions"][0]),
    )


def _shares(staged: dict[str, np.ndarray], recognised: np.ndarray, names) -> dict[str, float]:
    return {
        name: float(recognised[staged[name], column].mean())
        for column, name in enumerate(names)
        if staged[name].any()
    }
