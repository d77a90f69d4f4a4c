"""MiniDesk: a tiny desktop driven by a mouse — the idea behind simulated operating systems.

A 64x64 screen with two icons. Pressing the button on an icon starts opening its window: the
icon is highlighted for `OPEN_DELAY` frames, then the window appears. A window is dragged by
its title bar while the button is held, comes to the front when pressed, and closes from the
red box at the right of its title bar. The cursor is drawn hollow when the button is up and
filled when it is down, so one frame shows everything the next one depends on.

An action is (dx, dy, button): a mouse move in pixels (each clamped to ±MAX_MOVE) and
whether the button is held. The model reads it with where the move puts the pointer (as a
desktop hands its programs the pointer's position, not only its motion): the pointer is the
mouse's own state, known from the moves alone, so play can follow it without the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from videoagent.errors import UsageError
from videoagent.world.environment import Step

SIZE = 64
MAX_MOVE = 6
OPEN_DELAY = 3
MAX_STEPS = 200
TITLE = 4
WINDOW_SIZE = (30, 20)  # width, height
CURSOR = 5

DESKTOP = (38, 104, 118)
BODY = (214, 216, 222)
CLOSE = (220, 50, 50)
CURSOR_EDGE = (10, 10, 10)
CURSOR_FILL = (255, 255, 255)
CURSOR_PRESSED = (255, 230, 0)
HIGHLIGHT = (255, 255, 255)


@dataclass
class Window:
    name: str
    icon: tuple[int, int]  # x, y of the 8x8 icon
    home: tuple[int, int]  # where the window opens (x, y of its top-left)
    colour: tuple[int, int, int]
    x: int = 0
    y: int = 0
    open: bool = False
    opening: int = 0  # frames left until it appears (0: not opening)


def desktop_windows() -> list[Window]:
    """The desktop's windows, all closed, with their icons and where they open."""
    return [
        Window("files", (3, 6), (18, 8), (60, 110, 230)),
        Window("notes", (3, 24), (26, 30), (240, 150, 40)),
    ]


class MiniDesk:
    """The MiniDesk simulator (see the module docstring)."""

    name = "minidesk"
    frame_shape = (SIZE, SIZE, 3)
    action_features = 2 * (2 * MAX_MOVE + 1) + 1 + 2

    def __init__(self, max_steps: int = MAX_STEPS) -> None:
        self.max_steps = max_steps
        self.windows = desktop_windows()
        self.order: list[str] = []  # open windows, back to front
        self.cursor = [SIZE // 2, SIZE // 2]
        self.button = False
        self.dragging: str | None = None
        self.steps = 0

    def reset(self, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        self.windows, self.order, self.dragging, self.button, self.steps = (
            desktop_windows(),
            [],
            None,
            False,
            0,
        )
        self.cursor = [int(v) for v in rng.integers(8, SIZE - 8, size=2)]
        for window in self.windows:  # some episodes start with windows already open
            if rng.random() < 0.3:
                window.open = True
                window.x = window.home[0] + int(rng.integers(-8, 9))
                window.y = window.home[1] + int(rng.integers(-6, 7))
                self._clamp(window)
                self.order.append(window.name)
        return self.render()

    def step(self, action: Any) -> Step:
        dx, dy, button = _parse(action)
        self.steps += 1
        pressed = button and not self.button
        released = self.button and not button
        self.button = button
        old = list(self.cursor)
        self.cursor = list(moved(old, dx, dy))
        for window in self.windows:  # windows whose delay has run out appear
            if window.opening:
                window.opening -= 1
                if window.opening == 0:
                    window.open, (window.x, window.y) = True, window.home
                    self.order.append(window.name)
        if released:
            self.dragging = None
        if self.dragging:
            window = self.window(self.dragging)
            window.x += self.cursor[0] - old[0]
            window.y += self.cursor[1] - old[1]
            self._clamp(window)
        if pressed:
            self._press(self.cursor)
        done = self.steps >= self.max_steps
        return Step(self.render(), 0.0, done, {})

    def state(self) -> dict[str, Any]:
        return {
            "cursor": list(self.cursor),
            "button": self.button,
            "dragging": self.dragging,
            "order": list(self.order),
            "windows": {
                w.name: {"open": w.open, "opening": w.opening, "x": w.x, "y": w.y}
                for w in self.windows
            },
            "steps": self.steps,
        }

    def follow(self, action: Any) -> None:
        """Move only the pointer, as the mouse does, and leave the desk as it is: for callers
        that never step this simulator (play, dreaming) yet must tell the model where the
        pointer is."""
        dx, dy, _ = _parse(action)
        self.cursor = list(moved(self.cursor, dx, dy))

    def action_vector(self, action: Any, pointer: tuple[int, int] | None = None) -> np.ndarray:
        """dx and dy one-hot (13 places each), the button, then where the pointer lands, x
        and y over the screen size (the model draws it as a map, `WorldModelConfig.pointer`).
        `pointer` is where it is before the move; by default this desk's cursor.

        Given only the move (as dx/6, or even one-hot) the model never learnt where the
        cursor lands and drew none at all: the average of where it might be."""
        dx, dy, button = _parse(action)
        x, y = moved(self.cursor if pointer is None else pointer, dx, dy)
        vector = np.zeros(self.action_features, dtype=np.float32)
        places = 2 * MAX_MOVE + 1
        vector[dx + MAX_MOVE] = 1
        vector[places + dy + MAX_MOVE] = 1
        vector[2 * places] = float(button)
        vector[-2:] = x / SIZE, y / SIZE
        return vector

    # -- what a press does -----------------------------------------------------------------

    def _press(self, at: list[int]) -> None:
        """The button went down with the cursor at `at`."""
        x, y = at
        for name in reversed(self.order):  # the front window takes the press
            window = self.window(name)
            width, height = WINDOW_SIZE
            if not (window.x <= x < window.x + width and window.y <= y < window.y + height):
                continue
            self.order.remove(name)
            if y < window.y + TITLE and x >= window.x + width - TITLE:
                window.open = False
            else:
                self.order.append(name)
                if y < window.y + TITLE:
                    self.dragging = name
            return
        for window in self.windows:
            left, top = window.icon
            on_icon = left <= x < left + 8 and top <= y < top + 8
            if on_icon and not window.open and not window.opening:
                window.opening = OPEN_DELAY

    def window(self, name: str) -> Window:
        return next(w for w in self.windows if w.name == name)

    def _clamp(self, window: Window) -> None:
        """Keep at least the title bar's grip on screen."""
        width, _ = WINDOW_SIZE
        window.x = int(np.clip(window.x, -width + 8, SIZE - 8))
        window.y = int(np.clip(window.y, 0, SIZE - TITLE))

    # -- drawing ---------------------------------------------------------------------------

    def render(self) -> np.ndarray:
        frame = np.empty((SIZE, SIZE, 3), dtype=np.uint8)
        frame[:] = DESKTOP
        for window in self.windows:
            left, top = window.icon
            if window.opening:
                frame[top - 1 : top + 9, max(left - 1, 0) : left + 9] = HIGHLIGHT
            frame[top : top + 8, left : left + 8] = window.colour
            frame[top + 2 : top + 6, left + 2 : left + 6] = BODY
        for name in self.order:
            window = self.window(name)
            width, height = WINDOW_SIZE
            _fill(frame, window.x, window.y, width, height, BODY)
            _fill(frame, window.x, window.y, width, TITLE, window.colour)
            _fill(frame, window.x + width - TITLE, window.y, TITLE, TITLE, CLOSE)
        x, y = self.cursor
        _fill(frame, x - 2, y - 2, CURSOR, CURSOR, CURSOR_EDGE)
        inside = CURSOR_PRESSED if self.button else CURSOR_FILL
        _fill(frame, x - 1, y - 1, CURSOR - 2, CURSOR - 2, inside)
        if not self.button:
            frame[y, x] = CURSOR_EDGE
        return frame


def _fill(frame: np.ndarray, x: int, y: int, width: int, height: int, colour) -> None:
    """A rectangle, clipped to the screen."""
    top, bottom = max(y, 0), min(y + height, SIZE)
    left, right = max(x, 0), min(x + width, SIZE)
    if top < bottom and left < right:
        frame[top:bottom, left:right] = colour


def moved(pointer, dx: int, dy: int) -> tuple[int, int]:
    """Where a move puts the pointer: it stops at the screen's edge."""
    return int(np.clip(pointer[0] + dx, 0, SIZE - 1)), int(np.clip(pointer[1] + dy, 0, SIZE - 1))


def _parse(action: Any) -> tuple[int, int, bool]:
    try:
        dx, dy, button = action
        dx, dy = int(round(float(dx))), int(round(float(dy)))
    except (TypeError, ValueError):
        raise UsageError(f"MiniDesk action must be (dx, dy, button), got {action!r}") from None
    return (
        int(np.clip(dx, -MAX_MOVE, MAX_MOVE)),
        int(np.clip(dy, -MAX_MOVE, MAX_MOVE)),
        bool(button),
    )
