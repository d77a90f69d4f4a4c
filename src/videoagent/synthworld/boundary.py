"""Where one place gives way to another along the world's ground: a journey's last leg.

The world of a shot is one strip of ground. A shot that arrives somewhere ("walking
through the park to a café") has two places on it, split at a seam just beyond what its
first frame shows, on the side the camera travels to: the take starts where the shot
before it left off, and the new place comes into the picture as the camera moves on,
with no cut. The seam is soft (a metre of ground where both places blend).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEAM = 1.0  # metres of ground over which one place blends into the next


@dataclass(frozen=True)
class Boundary:
    x: float  # the seam's middle (world metres)
    side: int  # +1: `ahead` lies right of the seam; -1: left of it
    behind: str  # the place the journey comes from
    ahead: str  # the place it arrives at

    def ahead_share(self, x: np.ndarray | float) -> np.ndarray:
        """How much of `ahead` shows at ground x (0 behind the seam, 1 past it)."""
        return np.clip(0.5 + self.side * (np.asarray(x) - self.x) / SEAM, 0.0, 1.0)

    def column_shares(self, view, width: int) -> np.ndarray:
        """How much of `ahead` shows in each of the `width` pixel columns of `view`."""
        columns = view.centre_x + (np.arange(width) + 0.5 - width / 2) * (view.width / width)
        return self.ahead_share(columns).astype(np.float32)

    def blend(self, behind: np.ndarray, ahead: np.ndarray, views: list) -> np.ndarray:
        """Frames [T, H, W, 3] of the two places (each drawn whole, `views` seeing the
        same world) as one: each column `behind` or `ahead` as its ground lies, blended
        across the seam."""
        shares = np.stack([self.column_shares(view, behind.shape[2]) for view in views])
        weight = shares[:, None, :, None]
        mixed = behind + weight * (ahead.astype(np.float32) - behind)
        return np.round(mixed).astype(np.uint8)

    def place_at(self, x: float) -> str:
        return self.ahead if self.side * (x - self.x) > 0 else self.behind


def arrival(first, last, facing: int, behind: str, ahead: str, *, extends: bool) -> Boundary:
    """The seam of a shot arriving at `ahead` from `behind`, whose camera sees `first` at its
    first frame and `last` at its last, its subject `facing` at the start.

    A camera that travels finds the seam just beyond the edge it travels towards, so the
    first frame is all `behind` (an extension starts as its take left off). A camera that
    stays puts the seam in the middle of the picture, the subject walking from one place
    into the other; it cannot in an extension (the first frame would change at the join),
    so there the seam waits beyond the edge the subject faces, and may never be reached."""
    travel = last.centre_x - first.centre_x
    moves = abs(travel) > 0.05 * first.width
    side = int(np.sign(travel)) if moves else (facing or 1)
    if moves or extends:
        edge = first.centre_x + side * first.width / 2
        return Boundary(edge + side * (SEAM / 2 + 0.1), side, behind, ahead)
    return Boundary(first.centre_x, side, behind, ahead)
