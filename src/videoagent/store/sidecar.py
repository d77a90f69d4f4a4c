"""A JSON file kept beside a clip (`<clip>.<name>.json`), written atomically: how a
generator leaves what it knows about a take (its truth, its staging) for the checks."""

from __future__ import annotations

import json
from pathlib import Path

from videoagent.store.files import atomic_write_json


def sidecar_path(clip: Path, name: str) -> Path:
    return Path(clip).with_suffix(f".{name}.json")


def write_sidecar(clip: Path, name: str, content: dict) -> None:
    atomic_write_json(sidecar_path(clip, name), content)


def read_sidecar(clip: Path, name: str) -> dict | None:
    """The `name` file beside `clip`, or None when there is none."""
    path = sidecar_path(clip, name)
    if not path.exists():
        return None
    return json.loads(path.read_text("utf-8"))
