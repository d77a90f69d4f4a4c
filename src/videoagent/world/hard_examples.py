"""Examples drawn by how badly the model last did on them: the hard share of a batch.

A world model that is right about 99% of steps still fails a long dream, on the rare steps
it gets wrong: MiniDesk's token model after 18,000 steps lost a window first at the first
step of a drag (moving it a pixel or five short), on a press on a window's body (moving the
window as if its title bar was held) or on a click on the icon of a window already open
(opening a second one). Drawn uniformly, such steps are a few examples in a batch. So each
playable target row of the dataset carries the loss the model last had on it, measured for
every row before training and again whenever a batch holds it, and a share of each batch is
drawn in proportion to it (prioritised replay). A floor keeps every measured row drawable.
Measuring every row first costs as much as thousands of training steps (MiniDesk: 192,000
rows at about 12 ms each on one thread), so a random sample is measured first and every
row a batch holds is measured as it is trained on: the rows to draw from grow as it goes.
"""

from __future__ import annotations

import numpy as np

LOSS_FLOOR = 1e-3  # the least a row's measured loss counts for, so that none is never drawn


class HardExamples:
    """The playable target rows of a dataset and the loss the model last had on each (none
    until measured: a row never measured is drawn only uniformly, by the rest of a batch)."""

    def __init__(self, rows: np.ndarray, seed: int) -> None:
        if not len(rows):
            raise ValueError("no rows to draw hard examples from")
        self.rows = np.sort(np.asarray(rows))
        self.losses = np.full(len(self.rows), np.nan)
        self.rng = np.random.default_rng([seed, 2])

    @property
    def count(self) -> int:
        """Rows measured so far."""
        return int(np.count_nonzero(~np.isnan(self.losses)))

    def draw(self, count: int) -> np.ndarray:
        """`count` measured rows, each drawn with a chance in proportion to its last loss."""
        weights = np.nan_to_num(self.losses, nan=0.0)
        total = weights.sum()
        if total <= 0:
            raise ValueError("no row has been measured yet")
        return self.rows[self.rng.choice(len(self.rows), size=count, p=weights / total)]

    def measured(self, rows: np.ndarray, losses: np.ndarray) -> None:
        """The model's losses on these rows now; rows this list does not hold are ignored
        (-1: a branch's frame or an episode's first)."""
        rows = np.asarray(rows)
        place = np.searchsorted(self.rows, rows).clip(max=len(self.rows) - 1)
        known = self.rows[place] == rows
        self.losses[place[known]] = np.maximum(np.asarray(losses)[known], LOSS_FLOOR)

    def hardest_share(self, share: float) -> float:
        """The part of the measured loss its hardest `share` of measured rows hold."""
        ranked = np.sort(self.losses[~np.isnan(self.losses)])[::-1]
        return float(ranked[: max(1, int(len(ranked) * share))].sum() / ranked.sum())
