"""The ledger of paid provider jobs: one line per submission, in the project's journal
database, written before the request goes out and again at every change.

    sending ──► submitted ──► succeeded (charged) · failed · cancelled · abandoned
       │
       ├──► not sent   the provider answered no (a 4xx, a refused key): nothing was made
       └──► in doubt   no answer came (or our process died waiting): a job may exist

A take whose latest line is `submitted` (or `succeeded` but not yet delivered) is re-attached
to that job, never sent again; `sending` and `in doubt` wait for the user's word. Every line
is in the manifest's cost, orphans included.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from videoagent.store.journal import ProjectDatabase

# Lines whose job may still run or still be owed to us: no new submission for their take.
OPEN = ("sending", "in doubt", "submitted")
# Lines that may cost money although no take came of them.
MAY_CHARGE = ("sending", "in doubt", "submitted", "abandoned")
COLUMNS = (
    "id",
    "key",
    "shot",
    "backend",
    "seed",
    "state",
    "provider_job",
    "price",
    "charged",
    "delivered",
    "error",
    "created",
    "updated",
)


@dataclass
class LedgerLine:
    """One submission of one take to one provider, as the ledger holds it."""

    id: int
    key: str
    shot: str
    backend: str
    seed: int
    state: str
    provider_job: str | None
    price: float  # what the job costs if the provider makes it
    charged: float  # what the provider charged, as far as we know
    delivered: bool
    error: str | None
    created: float
    updated: float

    @property
    def open(self) -> bool:
        """Whether the job may still run or is still owed to us (undelivered success)."""
        return self.state in OPEN or (self.state == "succeeded" and not self.delivered)

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in COLUMNS}


class Ledger(ProjectDatabase):
    """The provider jobs of one project, in the journal's SQLite file."""

    tables = (
        "provider_jobs (id INTEGER PRIMARY KEY, key TEXT, shot TEXT, backend TEXT, "
        "seed INTEGER, state TEXT, provider_job TEXT, price REAL, charged REAL DEFAULT 0, "
        "delivered INTEGER DEFAULT 0, error TEXT, created REAL, updated REAL)",
    )

    def latest(self, key: str) -> LedgerLine | None:
        """The newest line for the take `key`, if it was ever sent."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {', '.join(COLUMNS)} FROM provider_jobs WHERE key = ? "
                "ORDER BY id DESC LIMIT 1",
                (key,),
            ).fetchone()
        return self._line(row) if row else None

    def lines(self) -> list[LedgerLine]:
        """Every line, oldest first."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(COLUMNS)} FROM provider_jobs ORDER BY id"
            ).fetchall()
        return [self._line(row) for row in rows]

    def open_line(self, *, key: str, shot: str, backend: str, seed: int, price: float) -> int:
        """A new line in state `sending`, written (and on disk) before the request leaves."""
        now = time.time()
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO provider_jobs (key, shot, backend, seed, state, price, created, "
                "updated) VALUES (?, ?, ?, ?, 'sending', ?, ?, ?)",
                (key, shot, backend, seed, price, now, now),
            )
        return int(cursor.lastrowid)

    def update(self, line_id: int, **fields) -> None:
        """Change a line's state, provider job id, charge, delivery or error."""
        allowed = {"state", "provider_job", "charged", "delivered", "error"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"ledger lines have no field {sorted(unknown)}")
        names = [*fields, "updated"]
        values = [*fields.values(), time.time(), line_id]
        with self._lock:
            self._db.execute(
                f"UPDATE provider_jobs SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                values,
            )

    def costs(self) -> dict:
        """What the ledger says was spent: charged (known), at risk (jobs that may be charged
        but gave us nothing yet), and how many lines are in each state."""
        lines = self.lines()
        states: dict[str, int] = {}
        for line in lines:
            states[line.state] = states.get(line.state, 0) + 1
        return {
            "charged": round(sum(line.charged for line in lines), 4),
            "at_risk": round(sum(line.price for line in lines if line.state in MAY_CHARGE), 4),
            "jobs": len(lines),
            "states": states,
        }

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @staticmethod
    def _line(row: tuple) -> LedgerLine:
        values = dict(zip(COLUMNS, row, strict=True))
        values["delivered"] = bool(values["delivered"])
        return LedgerLine(**values)


@dataclass
class LedgerEntry:
    """The ledger's line for one take being made: what `Generator.generate` writes to."""

    ledger: Ledger
    key: str
    shot: str
    backend: str
    seed: int
    price: float
    line_id: int | None = None
    provider_job: str | None = None  # set: a job of ours exists; re-attach, never resend

    @classmethod
    def for_take(
        cls, ledger: Ledger, *, key: str, shot: str, backend: str, seed: int, price: float
    ) -> LedgerEntry:
        """The entry for take `key`: re-attached to its job when it has one that is open or
        that succeeded. Asked for a take of that key, the project has none, so a job that
        succeeded gave a file that never became a take (its run, or its machine, stopped in
        between): it is fetched again, not paid for again."""
        entry = cls(ledger, key, shot, backend, seed, price)
        line = ledger.latest(key)
        if line is not None and (line.open or line.state == "succeeded") and line.provider_job:
            entry.line_id, entry.provider_job = line.id, line.provider_job
        return entry

    def write(self, state: str, **fields) -> None:
        """Record `state` (opening the line at `sending`)."""
        if state == "sending":
            self.line_id = self.ledger.open_line(
                key=self.key, shot=self.shot, backend=self.backend, seed=self.seed, price=self.price
            )
            return
        if self.line_id is None:
            raise ValueError(f"ledger entry for {self.key[:12]} was never opened")
        if fields.get("provider_job"):
            self.provider_job = fields["provider_job"]
        self.ledger.update(self.line_id, state=state, **fields)
