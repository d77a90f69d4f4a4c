"""Atari Pong through the Arcade Learning Environment: a world nobody here wrote.

`ale-py` (the `atari` extra) ships the emulator and the ROMs, so nothing is downloaded. The
console runs four frames per action (the usual frame skip); its last frame is cropped to
the playing field (no score, no walls) and brought down to 64x64 sharply: each frame pixel,
which covers 2.5x2.5 screen pixels, takes the colour of the most telling thing in it (the
ball if any of it is there, else a paddle covering at least `PADDLE_SHARE` of it, else the
background). The field holds only those four colours, so every frame does too: a world
model may take a pixel's colour as a token, and the 2x4 px ball is never lost (sampling
drops it; a box average, the first models' frames, left a faint blob of 1.3 pixels that
a model smeared within a few frames).

The truth the world model is measured against comes from the console's RAM, not from the
picture: where the player's paddle (green, right), the computer's paddle (orange, left) and
the ball are, and the score. `CALIBRATION` maps those RAM bytes to the 64x64 frame; a test
holds the reader of real frames to them.

Actions: 0 stay, 1 up, 2 down (the console's NOOP, RIGHT and LEFT: Pong's paddle knob).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from videoagent.errors import MissingDependency
from videoagent.world.environment import Step, key_index

ACTIONS = ("stay", "up", "down")
FRAME_SKIP = 4
MAX_STEPS = 2000
SERVE_WAIT = 15  # actions from a new game (or a point) to the ball's serve
START_SPREAD = 15  # idle actions after the first serve, chosen by the seed
SIZE = 64
FIELD_ROWS = (34, 194)  # the playing field of the 210x160 screen, between the walls
SCALE = (FIELD_ROWS[1] - FIELD_ROWS[0]) / SIZE  # 2.5 screen pixels to one frame pixel

BACKGROUND = (144, 72, 17)
PLAYER = (92, 186, 92)
COMPUTER = (213, 130, 74)
BALL = (236, 236, 236)


@dataclass(frozen=True)
class RamByte:
    """Where a position lives in RAM: the object's centre on the 210x160 screen is the
    byte's value plus `offset`."""

    address: int
    offset: float


# Fitted on 2,500 frames of random play (the centre of each object's pixels on the screen
# against its byte); the reader of frames then agrees with them to 0.5 frame pixels.
CALIBRATION = {
    "player_y": RamByte(51, -5.0),
    "computer_y": RamByte(50, -7.0),
    "ball_x": RamByte(49, -48.0),
    "ball_y": RamByte(54, -12.0),
}
BALL_SIZE = (4, 2)  # screen rows, columns
PADDLE_SHARE = 0.3
PLAYER_X, COMPUTER_X = 141.5, 17.5  # screen columns of the paddles' centres (fixed)
SCORE = {"computer": 13, "player": 14}


COLOURS = np.array([BACKGROUND, PLAYER, COMPUTER, BALL], dtype=np.uint8)


def _shares(mask: np.ndarray) -> np.ndarray:
    """How much of each 64x64 frame pixel (2.5x2.5 screen pixels) a 160x160 mask covers,
    0..1: the mask in half pixels, summed 5x5. (As a product of matrices, BLAS's threads
    spun against a busy core: 90 ms a frame instead of well under one.)"""
    halves = mask.repeat(2, axis=0).repeat(2, axis=1)
    return halves.reshape(SIZE, 5, SIZE, 5).sum(axis=(1, 3), dtype=np.int32) / 25


def to_frame(screen: np.ndarray) -> np.ndarray:
    """The 210x160 RGB screen → the 64x64 frame of the playing field, in its four colours
    (see the module docstring)."""
    field = screen[FIELD_ROWS[0] : FIELD_ROWS[1]]
    player, computer, ball = (_shares((field == colour).all(-1)) for colour in COLOURS[1:])
    kind = np.zeros((SIZE, SIZE), dtype=np.uint8)
    kind[player >= PADDLE_SHARE] = 1
    kind[computer >= PADDLE_SHARE] = 2
    kind[ball > 0] = 3  # any of the ball
    return COLOURS[kind]


def screen_to_frame(row: float, column: float) -> tuple[float, float]:
    """A screen pixel centre → the same point in frame pixels (centres at .5)."""
    return (row - FIELD_ROWS[0]) / SCALE, column / SCALE


class Pong:
    """Atari Pong (see the module docstring); the same seed gives the same episode."""

    name = "atari:pong"
    frame_shape = (SIZE, SIZE, 3)
    action_features = len(ACTIONS)

    def __init__(self, max_steps: int = MAX_STEPS) -> None:
        try:
            from ale_py import ALEInterface, LoggerMode, roms
        except ImportError as exc:
            raise MissingDependency("the Atari worlds (ale-py)", "atari") from exc
        ALEInterface.setLoggerMode(LoggerMode.Error)
        self.max_steps = max_steps
        self.ale = ALEInterface()
        self.ale.setInt("frame_skip", 1)
        self.ale.setInt("random_seed", 0)
        self.ale.setFloat("repeat_action_probability", 0.0)
        self.ale.loadROM(roms.get_rom_path("pong"))
        minimal = self.ale.getMinimalActionSet()  # NOOP, FIRE, RIGHT, LEFT, …
        self.console_actions = (minimal[0], minimal[2], minimal[3])
        self.steps, self.status = 0, "playing"

    def reset(self, seed: int) -> np.ndarray:
        """A new game, begun once the first ball is served and `seed` has chosen how many
        more idle steps pass (up to `START_SPREAD`), so episodes start from different moments
        of a rally. Before the serve the screen shows no ball, and when it comes depends on
        a count the frames do not show."""
        self.ale.reset_game()
        self.steps, self.status = 0, "playing"
        for _ in range(SERVE_WAIT):
            self._idle()
        for _ in range(int(np.random.default_rng(seed).integers(0, START_SPREAD))):
            self._idle()
        return self.render()

    def _idle(self) -> None:
        for _ in range(FRAME_SKIP):
            self.ale.act(self.console_actions[0])

    def step(self, action: Any) -> Step:
        move = self.console_actions[key_index(action, ACTIONS, "Pong")]
        if self.status != "playing":
            return Step(self.render(), 0.0, True, {"status": self.status})
        reward = sum(self.ale.act(move) for _ in range(FRAME_SKIP))
        self.steps += 1
        if self.ale.game_over():
            self.status = "over"
        elif self.steps >= self.max_steps:
            self.status = "timeout"
        return Step(self.render(), float(reward), self.status != "playing", {"status": self.status})

    def render(self) -> np.ndarray:
        return to_frame(self.ale.getScreenRGB())

    def state(self) -> dict[str, Any]:
        """Positions in frame pixels, read from RAM: paddles' centres (row), the ball's
        centre (row, column) or None while it is out of play, and the score."""
        ram = self.ale.getRAM()

        def at(name: str) -> float:
            byte = CALIBRATION[name]
            return float(ram[byte.address]) + byte.offset

        player, _ = screen_to_frame(at("player_y"), PLAYER_X)
        computer, _ = screen_to_frame(at("computer_y"), COMPUTER_X)
        ball_y, ball_x = at("ball_y"), at("ball_x")
        ball = screen_to_frame(ball_y, ball_x)
        # in the frame while any of it is inside the field (the frame shows any of it)
        half_height, half_width = BALL_SIZE[0] / 2, BALL_SIZE[1] / 2
        inside = (
            FIELD_ROWS[0] < ball_y + half_height < FIELD_ROWS[1] + BALL_SIZE[0]
            and 0 < ball_x + half_width < SIZE * SCALE + BALL_SIZE[1]
        )
        in_play = ram[CALIBRATION["ball_y"].address] != 0 and inside
        return {
            "player": player,
            "computer": computer,
            "ball": list(ball) if in_play else None,
            "score": {side: int(ram[address]) for side, address in SCORE.items()},
            "steps": self.steps,
            "status": self.status,
        }

    @property
    def player(self) -> float:
        """The player's paddle row (what a policy sees; see `policies.PongView`)."""
        return self.state()["player"]

    @property
    def ball(self) -> list[float] | None:
        return self.state()["ball"]

    @contextlib.contextmanager
    def trial(self) -> Iterator[Pong]:
        """Steps taken inside are undone after: the console's state is saved and put back
        (an emulator cannot be copied the way our simulators are)."""
        saved, steps, status = self.ale.cloneState(), self.steps, self.status
        try:
            yield self
        finally:
            self.ale.restoreState(saved)
            self.steps, self.status = steps, status

    def peek(self, action: Any) -> np.ndarray:
        """The frame `action` would lead to, leaving the game where it is (the dataset's
        branches)."""
        with self.trial():
            return self.step(action).frame

    def action_vector(self, action: Any) -> np.ndarray:
        vector = np.zeros(len(ACTIONS), dtype=np.float32)
        vector[key_index(action, ACTIONS, "Pong")] = 1
        return vector

    def follow(self, action: Any) -> None:
        """A knob carries no pointer: nothing to follow (see `Environment.follow`)."""
