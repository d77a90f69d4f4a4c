"""Files made from other files, kept under the hash of everything they were made from, so
that a run whose inputs did not change reuses them (as takes and rendered pieces are).

Each entry is a folder `<kind>/<key>/`, built under a hidden name and renamed into place
when whole: a run killed while making one leaves no entry, only a folder the next run
removes. The newest few entries of a kind are kept (an edit and its undo both stay cheap);
of small, many-per-video kinds (a spoken line, what was heard of it) more.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

KEPT = {"line": 64, "heard": 64}  # entries kept of a kind; KEPT_OTHERWISE of any other
KEPT_OTHERWISE = 3


class DerivedFiles:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def find(self, kind: str, key: str) -> Path | None:
        """The entry for `key`, when a whole one exists (its use marks it as the newest)."""
        entry = self.root / kind / key[:32]
        if not entry.is_dir():
            return None
        os.utime(entry)
        return entry

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
            entry = home / key[:32]
            os.replace(scratch, entry)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        self._prune(home)
        return entry

    def _prune(self, home: Path) -> None:
        entries = sorted(
            (p for p in home.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in entries[KEPT.get(home.name, KEPT_OTHERWISE) :]:
            shutil.rmtree(stale, ignore_errors=True)
