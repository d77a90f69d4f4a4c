"""Files made from other files, kept under the hash of everything they were made from, so
that a run whose inputs did not change reuses them (as takes and rendered pieces are).

Each entry is a folder `<kind>/<key>/`, built under a hidden name and renamed into place
when whole: a run killed while making one leaves no entry, only a folder the next run
removes. Each file's SHA-256 is kept beside it: an entry whose files changed since is made
again, never trusted. The newest few entries of a kind are kept (an edit and its undo both
stay cheap); of small, many-per-video kinds (a spoken line, what was heard of it, a look
at a shot) more.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from videoagent.store.files import atomic_write_json, file_sha256

KEPT = {"line": 64, "heard": 64, "look": 256}  # entries kept of a kind; KEPT_OTHERWISE of any other
KEPT_OTHERWISE = 3
SUMS = "sums.json"  # each file's SHA-256, written when the entry is made


class DerivedFiles:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def find(self, kind: str, key: str) -> Path | None:
        """The entry for `key`, when a whole one exists (its use marks it as the newest).
        One whose files are not the bytes that were made (a file deleted, cut short or
        changed by hand) is removed, to be made again."""
        entry = self.root / kind / key[:32]
        if not entry.is_dir():
            return None
        sums = entry / SUMS
        if not sums.exists() or json.loads(sums.read_text("utf-8")) != _sums(entry):
            shutil.rmtree(entry, ignore_errors=True)
            return None
        os.utime(entry)
        return entry

    def newest(self, kind: str) -> Path | None:
        """The entry of `kind` made or found last, when a whole one exists."""
        found = (self.find(kind, entry.name) for entry in _newest_first(self.root / kind))
        return next((entry for entry in found if entry is not None), None)

    def make(self, kind: str, key: str, build: Callable[[Path], None]) -> Path:
        """The entry for `key`, made by `build(folder)` when there is none yet."""
        found = self.find(kind, key)
        if found is not None:
            return found
        home = self.root / kind
        home.mkdir(parents=True, exist_ok=True)
        for leftover in home.glob(".part-*"):  # from a run killed while building
            shutil.rmtree(leftover, ignore_errors=True)
        scratch = Path(tempfile.mkdtemp(prefix=".part-", dir=home))
        try:
            build(scratch)
            atomic_write_json(scratch / SUMS, _sums(scratch))
            entry = home / key[:32]
            os.replace(scratch, entry)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        self._prune(home)
        return entry

    def _prune(self, home: Path) -> None:
        for stale in _newest_first(home)[KEPT.get(home.name, KEPT_OTHERWISE) :]:
            shutil.rmtree(stale, ignore_errors=True)


def _newest_first(home: Path) -> list[Path]:
    """The whole entries under `home`, the one used last first."""
    if not home.is_dir():
        return []
    entries = [p for p in home.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(entries, key=lambda p: p.stat().st_mtime, reverse=True)


def _sums(entry: Path) -> dict[str, str]:
    """The SHA-256 of each file an entry holds (but the sums themselves)."""
    return {
        path.name: file_sha256(path)
        for path in sorted(entry.iterdir())
        if path.is_file() and path.name != SUMS
    }
