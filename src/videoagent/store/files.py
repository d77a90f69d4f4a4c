"""Atomic file writes: write beside the target, fsync, then rename over it.

A reader never sees a half-written file, and a crash leaves the old version intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

# The process's umask, read once at import (reading it means setting it): files we write
# get the permissions any other new file would, not mkstemp's owner-only 0600.
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: Any) -> None:
    atomic_write_text(path, json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def partial_path(path: Path) -> Path:
    """Where to write a file that is renamed to `path` once complete (e.g. by ffmpeg)."""
    path = Path(path)
    return path.with_name(f".{path.stem}.part{path.suffix}")


_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, remembered while its size and mtime stay the same."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def json_sha256(value: Any) -> str:
    """Hex SHA-256 of a JSON value in canonical form (sorted keys, no spaces)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_sealed_json(path: Path, value: dict) -> None:
    """Write `value` atomically with a checksum of its content, so edits made outside
    videoagent are noticed when it is read back."""
    body = {k: v for k, v in value.items() if k != "checksum"}
    atomic_write_json(path, {**body, "checksum": json_sha256(body)})


def read_sealed_json(path: Path) -> dict:
    """Read a file written by `write_sealed_json`; DamagedProject when missing or altered."""
    from videoagent.errors import DamagedProject

    path = Path(path)
    try:
        value = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise DamagedProject(f"{path} is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedProject(f"{path} cannot be read: {exc}") from exc
    if not isinstance(value, dict) or "checksum" not in value:
        raise DamagedProject(f"{path} has no checksum; it was not written by videoagent")
    body = {k: v for k, v in value.items() if k != "checksum"}
    if json_sha256(body) != value["checksum"]:
        raise DamagedProject(f"{path} was changed outside videoagent (its checksum does not match)")
    return body
