"""The journal: every step record of every run, persisted as it happens (SQLite).

A run is one command on the project (make, resume, shot, edit). A run that has no end
was interrupted; `resume` picks up from what the files say was finished.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from videoagent.errors import DamagedProject, RunError

# How long opening waits out another connection that holds the file: the agent creating
# the journal while the page reads it, or both turning it to write-ahead mode at once.
BUSY_PATIENCE_S = 30.0


def open_database(path: Path, *tables: str) -> sqlite3.Connection:
    """The project's journal database (write-ahead log, autocommit) with `tables` created
    if missing; DamagedProject when the file is not a database, RunError when another
    connection keeps it locked for BUSY_PATIENCE_S."""
    deadline = time.monotonic() + BUSY_PATIENCE_S
    pause = 0.005
    while True:
        try:
            return _connect(path, tables)
        except sqlite3.OperationalError as exc:
            # Two connections that both want the file exclusively (turning it to WAL,
            # creating tables) make SQLite fail one at once rather than wait: a deadlock
            # it refuses, not damage. The one that failed let go, so trying again works.
            if not _busy(exc):
                raise DamagedProject(f"journal {path} cannot be read: {exc}") from exc
            if time.monotonic() > deadline:
                raise RunError(
                    f"journal {path} stayed locked by another connection for "
                    f"{BUSY_PATIENCE_S:.0f} s"
                ) from exc
            time.sleep(pause)
            pause = min(2 * pause, 0.25)
        except sqlite3.DatabaseError as exc:
            raise DamagedProject(f"journal {path} cannot be read: {exc}") from exc


def _connect(path: Path, tables: tuple[str, ...]) -> sqlite3.Connection:
    database = sqlite3.connect(
        str(path), timeout=BUSY_PATIENCE_S, check_same_thread=False, isolation_level=None
    )
    try:
        # Both steps change the file only the first time: asking first keeps the usual
        # open (a reader polling the journal) from needing any lock at all.
        if database.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            database.execute("PRAGMA journal_mode=WAL")
        have = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
        for table in tables:
            if table.split()[0] not in have:
                database.execute(f"CREATE TABLE IF NOT EXISTS {table}")
    except BaseException:
        database.close()
        raise
    return database


def _busy(exc: sqlite3.OperationalError) -> bool:
    primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # extended codes carry it low
    return primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class ProjectDatabase:
    """A view of the project's SQLite file that owns `tables`; one writer at a time."""

    tables: tuple[str, ...] = ()

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = open_database(path, *self.tables)


class Journal(ProjectDatabase):
    """Append-only log of one project's runs and their steps."""

    tables = (
        "runs (id INTEGER PRIMARY KEY, command TEXT, detail TEXT, started REAL, ended REAL, "
        "status TEXT)",
        "steps (id INTEGER PRIMARY KEY, run INTEGER, at REAL, step TEXT, status TEXT, "
        "message TEXT, data TEXT)",
        # One row per change (edit, new shot) whose records were committed: the project's
        # files hold it, or hold it once the staged copy is rolled forward.
        "changes (run INTEGER PRIMARY KEY, at REAL)",
    )

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.run: int | None = None

    def begin(self, command: str, detail: str) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO runs (command, detail, started, status) VALUES (?, ?, ?, 'running')",
                (command, detail, time.time()),
            )
            self.run = int(cursor.lastrowid)
        return self.run

    def end(self, status: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE runs SET ended = ?, status = ? WHERE id = ?",
                (time.time(), status, self.run),
            )

    def append(self, *, at: float, step: str, status: str, message: str, data: dict) -> None:
        with self._lock:
            self._insert(at=at, step=step, status=status, message=message, data=data)

    def _insert(self, *, at: float, step: str, status: str, message: str, data: dict) -> None:
        self._db.execute(
            "INSERT INTO steps (run, at, step, status, message, data) VALUES (?, ?, ?, ?, ?, ?)",
            (self.run, at, step, status, message, json.dumps(data, default=str)),
        )

    def commit(self, records: list[dict]) -> None:
        """A change's step records and the mark that it was applied, in one transaction: a
        crash leaves all of them or none."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for record in records:
                    self._insert(**record)
                self._db.execute(
                    "INSERT OR REPLACE INTO changes (run, at) VALUES (?, ?)",
                    (self.run, time.time()),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def applied(self, run: int) -> bool:
        """Whether run `run` committed its change."""
        with self._lock:
            row = self._db.execute("SELECT 1 FROM changes WHERE run = ?", (run,)).fetchone()
        return row is not None

    def mark(self, run: int, status: str) -> None:
        """Set an earlier run's status (an interrupted edit found not applied)."""
        with self._lock:
            self._db.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run))

    def runs(self) -> list[dict]:
        """Every run, oldest first; an interrupted one has status "running" and no end."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, command, detail, started, ended, status FROM runs ORDER BY id"
            ).fetchall()
        keys = ("id", "command", "detail", "started", "ended", "status")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def records_after(self, after: int, limit: int = 500) -> list[dict]:
        """Step records with an id above `after`, oldest first (a stream resumes from here)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, run, at, step, status, message, data FROM steps WHERE id > ? "
                "ORDER BY id LIMIT ?",
                (after, limit),
            ).fetchall()
        return [self._record(r) for r in rows]

    def records(self, run: int | None = None) -> list[dict]:
        """Step records, oldest first; of one run when `run` is given."""
        query = "SELECT id, run, at, step, status, message, data FROM steps"
        args: tuple = ()
        if run is not None:
            query, args = query + " WHERE run = ?", (run,)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY id", args).fetchall()
        return [self._record(r) for r in rows]

    @staticmethod
    def _record(row: tuple) -> dict:
        keys = ("id", "run", "at", "step", "status", "message")
        return {**dict(zip(keys, row[:6], strict=True)), "data": json.loads(row[6])}

    def close(self) -> None:
        with self._lock:
            self._db.close()
