"""Takes on disk, found again by the content hash of everything that decides their pixels.

A take is generated into a hidden `.NN.part` folder and renamed to `NN` only after its
`take.json` (with the SHA-256 of every file) is written, so a run killed at any moment
leaves either a finished take or a part folder that is thrown away, never something that
looks finished. Takes are also copied to a shared cache (`VIDEOAGENT_CACHE`, else
~/.cache/videoagent) that every project on the machine draws from; copied, never linked,
and checked against its hashes before use (a damaged entry is dropped).
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from videoagent.errors import DamagedProject
from videoagent.store.files import file_sha256, json_sha256, read_sealed_json, write_sealed_json

TAKE_RECORD = "take.json"


def take_key(*, backend: str, model: str, request: dict, reference_digests: list[str]) -> str:
    """The cache key of a take: backend, model version, and every field of the request that
    decides the pixels (prompt, seed, size, rate, frames, mode), references by content."""
    return json_sha256(
        {
            "backend": backend,
            "model": model,
            "request": request,
            "references": reference_digests,
        }
    )


def default_shared_cache() -> Path:
    if os.environ.get("VIDEOAGENT_CACHE"):
        return Path(os.environ["VIDEOAGENT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "videoagent"


@dataclass
class StoredTake:
    """A finished take folder and its record."""

    folder: Path
    record: dict

    @property
    def clip(self) -> Path | None:
        name = self.record.get("file")
        return self.folder / name if name else None


def _verified(folder: Path) -> StoredTake:
    """Read a finished take and check every file against the hashes in its record."""
    record = read_sealed_json(folder / TAKE_RECORD)
    for name, digest in record.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            raise DamagedProject(f"{path} is missing")
        if file_sha256(path) != digest:
            raise DamagedProject(f"{path} was changed outside videoagent (hash mismatch)")
    return StoredTake(folder, record)


def seal_take(folder: Path, record: dict) -> StoredTake:
    """Write the take record, with the hash of each file in `folder`, as the last step."""
    files = {
        p.name: file_sha256(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != TAKE_RECORD and not p.name.startswith(".")
    }
    record = {**record, "files": files}
    write_sealed_json(folder / TAKE_RECORD, record)
    return StoredTake(folder, record)


class TakeStore:
    """The takes of one project, indexed by key, backed by the shared cache."""

    def __init__(self, root: Path, shared: Path | None) -> None:
        self.root = Path(root)
        self.shared = Path(shared) / "takes" if shared else None
        self._lock = threading.Lock()
        self._index: dict[str, StoredTake] = {}
        self._numbers: dict[str, int] = {}
        for record_path in sorted(self.root.glob("shots/*/takes/*/" + TAKE_RECORD)):
            if record_path.parent.name.startswith("."):
                continue  # an unfinished take of an interrupted run
            take = _verified(record_path.parent)
            shot = take.record["shot"]
            self._numbers[shot] = max(self._numbers.get(shot, 0), int(record_path.parent.name))
            if take.record.get("key") and take.clip is not None:
                self._index.setdefault(take.record["key"], take)

    def __len__(self) -> int:
        return len(self._index)

    def find(self, key: str) -> StoredTake | None:
        """A finished take of this project with this key."""
        return self._index.get(key)

    def all_for(self, shot_id: str) -> list[StoredTake]:
        return [t for t in self._index.values() if t.record["shot"] == shot_id]

    def begin(self, shot_id: str) -> tuple[int, Path]:
        """A take number and the hidden folder to generate it in."""
        with self._lock:
            number = self._numbers.get(shot_id, 0) + 1
            self._numbers[shot_id] = number
        staging = self.root / "shots" / shot_id / "takes" / f".{number:02d}.part"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        return number, staging

    def commit(self, staging: Path, record: dict) -> StoredTake:
        """Seal the take and give it its real name; only now is it finished."""
        sealed = seal_take(staging, record)
        final = staging.with_name(staging.name[1:].removesuffix(".part"))
        os.replace(staging, final)
        take = StoredTake(final, sealed.record)
        if record.get("key") and take.clip is not None:
            with self._lock:
                self._index[record["key"]] = take
        return take

    def amend(self, take: StoredTake, **changes) -> StoredTake:
        """`take` with its record changed (its files as they were), sealed again."""
        record = {**take.record, **changes}
        write_sealed_json(take.folder / TAKE_RECORD, record)
        amended = StoredTake(take.folder, record)
        if record.get("key") and amended.clip is not None:
            with self._lock:
                self._index[record["key"]] = amended
        return amended

    # Shared cache ----------------------------------------------------------------------

    def amend_shared(self, key: str, **changes) -> None:
        """The shared cache's record of `key` changed as `amend` changes a project's (its
        files as they were); nothing where there is none, or it cannot be read."""
        if self.shared is None:
            return
        path = self.shared / key[:2] / key / TAKE_RECORD
        try:
            write_sealed_json(path, {**read_sealed_json(path), **changes})
        except (OSError, DamagedProject):
            pass  # a cache is a help, never a failure

    def in_shared(self, key: str) -> bool:
        return self.shared is not None and (self.shared / key[:2] / key / TAKE_RECORD).exists()

    def from_shared(self, key: str, shot_id: str, record: dict) -> StoredTake | None:
        """Copy the shared cache's take with `key` into this project as a new take."""
        if self.shared is None:
            return None
        source = self.shared / key[:2] / key
        if not (source / TAKE_RECORD).exists():
            return None
        try:
            cached = _verified(source)
        except DamagedProject:
            # Damaged (a file changed or missing): dropped, so no project ever trusts it.
            shutil.rmtree(source, ignore_errors=True)
            return None
        number, staging = self.begin(shot_id)
        for name in cached.record["files"]:
            _copy(source / name, staging / name)
        # What the take is and how it fared come from the cache; how it was asked for,
        # from this project.
        outcome = ("file", "checks", "report", "cost", "accepted", "error")
        kept = {k: cached.record[k] for k in outcome if k in cached.record}
        return self.commit(staging, {**record, **kept, "take": number, "origin": "shared cache"})

    def publish(self, take: StoredTake) -> None:
        """Offer a take to every project through the shared cache."""
        if self.shared is None or not take.record.get("key"):
            return
        key = take.record["key"]
        target = self.shared / key[:2] / key
        if (target / TAKE_RECORD).exists():
            return
        staging = target.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            staging.mkdir(parents=True, exist_ok=True)
            for name in take.record["files"]:
                _copy(take.folder / name, staging / name)
            write_sealed_json(staging / TAKE_RECORD, take.record)
            os.replace(staging, target)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # a cache is a help, never a failure


def _copy(source: Path, target: Path) -> None:
    """A file of its own, never a hard link (bytes appended to the cache's copy must not
    reach a project's take). The kernel shares the blocks where the file system can
    (copy_file_range reflinks on btrfs and XFS); elsewhere the bytes are copied."""
    with open(source, "rb") as reader, open(target, "wb") as writer:
        size, copied = os.fstat(reader.fileno()).st_size, 0
        try:
            while copied < size:
                step = os.copy_file_range(reader.fileno(), writer.fileno(), size - copied)
                if step == 0:
                    break
                copied += step
        except OSError:
            copied = -1
    if copied != size:
        shutil.copyfile(source, target)
