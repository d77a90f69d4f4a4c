"""Reading an environment's state back out of a frame — real or imagined.

These are how we measure the world model (object positions in generated frames against the
simulator's exact state) and how the planner scores imagined futures (reward and
termination read from frames the model made, never from the simulator). They read colours,
since every world is drawn in a small known palette; a generated frame's colours are
soft, so each reader picks the nearest palette entry, the best-matching shape or (Pong,
whose 64x64 pixels blend the console's) each colour's share of a pixel, rather than an
exact value. Their accuracy on real frames is measured by tests and the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from videoagent.world import atari
from videoagent.world import griddodge as gd
from videoagent.world import minidesk as md

# GridDodge cell classes, with the mean colour of a cell of each as the renderer draws it.
CELL_CLASSES = ("floor", "wall", "goal", "agent", "hazard", "won", "dead")


def _hazard_colour() -> np.ndarray:
    edge = gd.CELL  # one row of the cell is the lighter edge
    return (
        np.array(gd.HAZARD) * (gd.CELL**2 - edge) + np.array(gd.HAZARD_EDGE) * edge
    ) / gd.CELL**2


def _dead_colour() -> np.ndarray:
    inner = (gd.CELL - 2) ** 2
    return (np.array(gd.DEAD) * (gd.CELL**2 - inner) + np.array(gd.HAZARD) * inner) / gd.CELL**2


CELL_COLOURS = np.array(
    [gd.FLOOR, gd.WALL, gd.GOAL, gd.AGENT, _hazard_colour(), gd.WON, _dead_colour()],
    dtype=np.float32,
)


@dataclass(frozen=True)
class GridReading:
    """What a GridDodge frame shows."""

    cells: np.ndarray  # int [16, 16] class index per cell
    agent: tuple[int, int] | None
    goal: tuple[int, int] | None
    hazards: frozenset[tuple[int, int]]
    status: str  # "playing", "won" or "dead"
    heading: dict[tuple[int, int], tuple[int, int]]  # hazard cell → (d_row, d_column)

    @property
    def walls(self) -> np.ndarray:
        return self.cells == CELL_CLASSES.index("wall")


def grid_cells(frames: np.ndarray) -> np.ndarray:
    """Cell classes of frames uint8 [..., 64, 64, 3] → int [..., 16, 16]."""
    frames = np.asarray(frames, dtype=np.float32)
    shape = frames.shape[:-3] + (gd.GRID, gd.CELL, gd.GRID, gd.CELL, 3)
    means = frames.reshape(shape).mean(axis=(-4, -2))  # [..., 16, 16, 3]
    distances = ((means[..., None, :] - CELL_COLOURS) ** 2).sum(-1)
    return distances.argmin(-1)


def read_grid(frame: np.ndarray) -> GridReading:
    return reading_from_cells(grid_cells(frame), frame)


def _heading(frame: np.ndarray, cell: tuple[int, int]) -> tuple[int, int]:
    """Where a hazard is going: the side of its cell drawn in the lighter edge colour."""
    top, left = cell[0] * gd.CELL, cell[1] * gd.CELL
    patch = np.asarray(frame[top : top + gd.CELL, left : left + gd.CELL], dtype=np.float32)
    edges = {
        (-1, 0): patch[0],
        (1, 0): patch[-1],
        (0, -1): patch[:, 0],
        (0, 1): patch[:, -1],
    }
    return min(edges, key=lambda side: float(((edges[side] - gd.HAZARD_EDGE) ** 2).sum()))


def reading_from_cells(cells: np.ndarray, frame: np.ndarray) -> GridReading:
    def where(name: str) -> list[tuple[int, int]]:
        return [tuple(int(v) for v in p) for p in np.argwhere(cells == CELL_CLASSES.index(name))]

    won, dead = where("won"), where("dead")
    players = where("agent") + won + dead
    goals = where("goal")
    status = "dead" if dead else "won" if won else "playing"
    return GridReading(
        cells=cells,
        agent=players[0] if len(players) == 1 else None,
        goal=goals[0] if len(goals) == 1 else (won[0] if won else None),
        hazards=frozenset(where("hazard")),
        status=status,
        heading={cell: _heading(frame, cell) for cell in where("hazard")},
    )


@dataclass(frozen=True)
class DeskReading:
    """What a MiniDesk frame shows."""

    cursor: tuple[int, int]
    button: bool
    windows: dict[str, tuple[int, int] | None]  # name → top-left (x, y), None if closed


def _cursor_score(frame: np.ndarray) -> np.ndarray:
    """How much each pixel looks like the cursor's centre: a dark 5x5 ring around a bright
    3x3 (the centre itself is dark or yellow, so it is left out)."""
    brightness = frame.astype(np.float32).mean(-1) / 255
    padded = np.pad(brightness, 2, constant_values=0.5)
    size = md.SIZE
    ring = np.zeros((size, size), dtype=np.float32)
    inner = np.zeros((size, size), dtype=np.float32)
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            shifted = padded[2 + dy : 2 + dy + size, 2 + dx : 2 + dx + size]
            if max(abs(dx), abs(dy)) == 2:
                ring += 1 - shifted
            elif (dx, dy) != (0, 0):
                inner += shifted
    return ring / 16 + inner / 8


def read_desk(frame: np.ndarray) -> DeskReading:
    frame = np.asarray(frame)
    score = _cursor_score(frame)
    y, x = np.unravel_index(int(score.argmax()), score.shape)
    centre = frame[y, x].astype(np.float32)
    button = bool(centre.mean() > 100)  # yellow when held, dark when not
    windows: dict[str, tuple[int, int] | None] = {}
    icons = np.zeros(frame.shape[:2], dtype=bool)
    for window in md.desktop_windows():
        left, top = window.icon
        icons[max(top - 1, 0) : top + 9, max(left - 1, 0) : left + 9] = True
    width, _ = md.WINDOW_SIZE
    for window in md.desktop_windows():
        close = np.abs(frame.astype(np.int32) - window.colour).sum(-1) < 60
        close &= ~icons
        if close.sum() < 12:
            windows[window.name] = None
            continue
        ys, xs = np.nonzero(close)
        top, first, last = int(ys.min()), int(xs.min()), int(xs.max())
        # The title bar runs from x to x + width - TITLE, then the red close box. Either end
        # may be hidden (off screen, or under the other window): trust the close box when
        # it is seen right after the bar, else the bar's left end.
        rows = frame[top : top + md.TITLE, min(last + 1, md.SIZE - 1)].astype(np.int32)
        close_seen = last + 1 < md.SIZE and (np.abs(rows - md.CLOSE).sum(-1) < 60).any()
        from_right = last + 1 + md.TITLE - width
        left = from_right if close_seen or first == 0 else first
        windows[window.name] = (left, top)
    return DeskReading(cursor=(int(x), int(y)), button=button, windows=windows)


@dataclass(frozen=True)
class PongReading:
    """What a Pong frame shows, in frame pixels: each paddle's centre row (None if not
    seen) and the ball's centre (row, column), None if it is not in the frame."""

    player: float | None
    computer: float | None
    ball: tuple[float, float] | None


PONG_COLOURS = np.array([atari.PLAYER, atari.COMPUTER, atari.BALL], dtype=np.float32)
PADDLE_AREA = 2.0  # frame pixels' worth of paddle colour before a paddle counts as seen
PADDLE_HEIGHT = 16 / atari.SCALE  # frame pixels (16 screen rows)
BALL_AREA = 0.4  # the console's ball is 2-6 frame pixels; a model's may be fainter


def pong_coverage(frame: np.ndarray) -> np.ndarray:
    """How much of each pixel is player, computer and ball colour: [3, H, W] in 0..1.
    The console's frames hold the four colours only (a share of 1 or 0), but a model's
    pixel may be a blend (a diffusion model's is): background plus a share of one object's
    colour, and solving for the three shares unmixes it."""
    mixing = (PONG_COLOURS - np.array(atari.BACKGROUND, dtype=np.float32)).T  # [3 rgb, 3]
    offset = np.asarray(frame, dtype=np.float32) - np.array(atari.BACKGROUND, np.float32)
    shares = np.linalg.solve(mixing, offset.reshape(-1, 3).T)  # [3, H*W]
    return np.clip(shares, 0, 1).reshape(3, *frame.shape[:2])


def read_pong(frame: np.ndarray) -> PongReading:
    player, computer, ball = pong_coverage(frame)
    ball = np.where(ball > 0.1, ball, 0)
    rows = np.arange(atari.SIZE, dtype=np.float32) + 0.5

    def paddle(coverage: np.ndarray, screen_column: float) -> float | None:
        _, column = atari.screen_to_frame(0, screen_column)
        columns = slice(max(int(column) - 2, 0), int(column) + 3)
        band = coverage[:, columns].sum(1)
        if band.sum() < PADDLE_AREA:
            return None
        # The ball is drawn over a paddle: where it hides one end, the other end places it.
        seen = np.flatnonzero(band > 0.5)  # none in a faint (blended) paddle
        top, bottom = (int(seen.min()), int(seen.max()) + 1) if len(seen) else (0, atari.SIZE)
        if bottom - top < PADDLE_HEIGHT - 0.5:
            hiding = ball[:, columns].sum(1) > 0
            above, below = hiding[max(top - 2, 0) : top].any(), hiding[bottom : bottom + 2].any()
            if above and not below:
                return bottom - PADDLE_HEIGHT / 2
            if below and not above:
                return top + PADDLE_HEIGHT / 2
        return float((band * rows).sum() / band.sum())

    if ball.sum() < BALL_AREA:
        seen = None
    else:
        columns = rows  # the frame is square
        seen = (
            float((ball.sum(1) * rows).sum() / ball.sum()),
            float((ball.sum(0) * columns).sum() / ball.sum()),
        )
    return PongReading(
        player=paddle(player, atari.PLAYER_X),
        computer=paddle(computer, atari.COMPUTER_X),
        ball=seen,
    )
