"""The journal: every step record persisted as it happens (SQLite, one row per record)."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path


class Journal:
    """Append-only step log of one project."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS steps (id INTEGER PRIMARY KEY, at REAL, step TEXT, "
            "status TEXT, message TEXT, data TEXT)"
        )

    def append(self, *, at: float, step: str, status: str, message: str, data: dict) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO steps (at, step, status, message, data) VALUES (?, ?, ?, ?, ?)",
                (at, step, status, message, json.dumps(data, default=str)),
            )

    def records(self) -> list[dict]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, at, step, status, message, data FROM steps ORDER BY id"
            ).fetchall()
        return [
            {
                "id": r[0],
                "at": r[1],
                "step": r[2],
                "status": r[3],
                "message": r[4],
                "data": json.loads(r[5]),
            }
            for r in rows
        ]

    def close(self) -> None:
        with self._lock:
            self._db.close()
