"""The ground truth written beside a synthworld clip (`<clip>.truth.json`): every frame's
entities exactly, their summary, the scene, and the sound events at exact times. Written by
the procedural generator; read by checks, consistency, effects and framing, all through here.
"""

from __future__ import annotations

import json
from pathlib import Path

from videoagent.store.files import atomic_write_json


def truth_path(clip: Path) -> Path:
    return Path(clip).with_suffix(".truth.json")


def write_truth(clip: Path, truth: dict) -> None:
    atomic_write_json(truth_path(clip), truth)


def read_truth(clip: Path) -> dict | None:
    """The ground truth beside `clip`, or None when its backend wrote none."""
    path = truth_path(clip)
    if not path.exists():
        return None
    return json.loads(path.read_text("utf-8"))
