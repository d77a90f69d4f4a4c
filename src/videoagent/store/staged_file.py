"""What a model's take was told to draw where (`<clip>.staged.json`): the scene and, for
every frame of the clip, each staged entity's box, how much of it is in the picture and what
it is doing. Written by the `embedded` generator when its entity model draws the entities
over the video model's plate; read by the asks' evidence (`evaluate/asks_shown.py`), which
holds it against what our recognizer sees, since a staging is an intention, not a truth.
"""

from __future__ import annotations

from pathlib import Path

from videoagent.store.sidecar import read_sidecar, write_sidecar


def write_staged(clip: Path, staged: dict) -> None:
    write_sidecar(clip, "staged", staged)


def read_staged(clip: Path) -> dict | None:
    """The staging beside `clip`, or None when its backend wrote none."""
    return read_sidecar(clip, "staged")
