"""What this machine measured: how long its takes and runs took, kept in the shared cache
so that the next run's estimate comes from this machine and not from a catalog guess.

A line of JSON per measurement, appended with one `write` to a file opened for appending
(whole on a local disk even when two runs append at once); a line cut short by a killed
process, or anything else unreadable, is skipped when read. The file is cut back to its
newest `KEPT` lines, atomically, when it grows past twice that.

Two kinds of line:
- `take`: one generation (backend, model version, size, frames per second, mode, the video
  seconds asked for, the wall seconds it took, whether it failed);
- `run`: one run's generate phase and everything after it (new shots, their takes' wall
  seconds summed, the phase's own wall seconds, the finished video's seconds and size, the
  wall seconds from the end of generating to delivery).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from videoagent.store.files import atomic_write_text

FILE = "measured_times.jsonl"
KEPT = 500


class MeasuredTimes:
    """The measurements kept at `folder` (None: none are kept, every estimate is a guess)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = Path(folder) / FILE if folder is not None else None

    def add(self, kind: str, **fields: object) -> None:
        """Append one measurement; a disk that refuses it costs the estimate, not the run."""
        if self.path is None:
            return
        line = (json.dumps({"kind": kind, **fields}, default=str) + "\n").encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            try:
                os.write(descriptor, line)
            finally:
                os.close(descriptor)
            self._trim()
        except OSError:
            pass

    def read(self, kind: str) -> list[dict]:
        """The kept measurements of `kind`, oldest first."""
        return [line for line in self._lines() if line.get("kind") == kind]

    def _lines(self) -> list[dict]:
        if self.path is None:
            return []
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        lines = []
        for raw in text.splitlines():
            try:
                value = json.loads(raw)
            except ValueError:
                continue
            if isinstance(value, dict):
                lines.append(value)
        return lines

    def _trim(self) -> None:
        raw = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(raw) > 2 * KEPT:
            atomic_write_text(self.path, "\n".join(raw[-KEPT:]) + "\n")
