"""The ground truth written beside a synthworld clip (`<clip>.truth.json`): every frame's
entities exactly, their summary, the scene, and the sound events at exact times. Written by
the procedural generator; read by checks, consistency, effects and framing, all through here.
"""

from __future__ import annotations

from pathlib import Path

from videoagent.store.sidecar import read_sidecar, sidecar_path, write_sidecar


def truth_path(clip: Path) -> Path:
    return sidecar_path(clip, "truth")


def write_truth(clip: Path, truth: dict) -> None:
    write_sidecar(clip, "truth", truth)


def read_truth(clip: Path) -> dict | None:
    """The ground truth beside `clip`, or None when its backend wrote none."""
    return read_sidecar(clip, "truth")
