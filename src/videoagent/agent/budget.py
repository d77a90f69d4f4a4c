"""The budget of one run: every paid job reserves its price before it is sent, so the run
stops before the first charge that would take it past the cap, never after.

Shots are made in parallel, so reserving is one locked step; a job that fails is not
charged by providers, and its reservation is released. Once a reservation is refused the
budget is closed: no later, cheaper shot slips in ahead of the one that did not fit, and
the run reports exactly which shots were left undone.
"""

from __future__ import annotations

import threading

from videoagent.errors import BudgetReached

CENT = 0.005  # prices are compared to the cent


class Budget:
    """What a run may spend (`cap`, USD; None: no limit) and what it has spent."""

    def __init__(self, cap: float | None) -> None:
        self.cap = cap
        self.spent = 0.0
        self.reserved = 0.0
        self.closed_by: str | None = None
        self.undone: list[str] = []
        self._lock = threading.Lock()

    def reserve(self, price: float, what: str) -> None:
        """Hold `price` for the job `what` is about to send, or raise BudgetReached."""
        with self._lock:
            over = self.cap is not None and self.spent + self.reserved + price > self.cap + CENT
            if over and self.closed_by is None:
                self.closed_by = (
                    f"{what} would cost ${price:.2f} with ${self.spent + self.reserved:.2f} "
                    f"already spent or committed, past the budget of ${self.cap:.2f}"
                )
            if self.closed_by is not None:
                self.undone.append(what)
                raise BudgetReached(self.closed_by)
            self.reserved += price

    def settle(self, reserved: float, charged: float) -> None:
        """Replace a reservation with what the job was actually charged."""
        with self._lock:
            self.reserved -= reserved
            self.spent += charged

    def summary(self) -> dict:
        return {
            "cap": self.cap,
            "spent": round(self.spent, 4),
            "stopped": self.closed_by,
            "left_undone": list(self.undone),
        }
