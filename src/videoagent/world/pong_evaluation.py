"""Measuring the Pong world model against the emulator: what its frames show over a horizon,
and what a player scores in it against what the same player scores on the console.

The truth is the console's RAM (`Pong.state`); the model's frames are read with
`readers.read_pong`, which agrees with RAM to half a pixel on the emulator's own frames.
Points are read from frames too (`PointCounter`), in the model and on the console alike, so
both scores are counted the same way; on the console they are checked against its reward.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from videoagent.nn.world_model import WorldModel
from videoagent.world.atari import SIZE, Pong
from videoagent.world.dataset import evaluation_seed
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.imagination import imagination_for
from videoagent.world.policies import PongView, policies_for
from videoagent.world.readers import PongReading, read_pong

PADDLE_TOLERANCE = 1.5  # frame pixels (a paddle moves up to 9 a step)
BALL_TOLERANCE = 2.0  # frame pixels (the ball moves 1.6 to 3 a step)


def compare_pong(env: Pong, frame: np.ndarray) -> dict[str, float]:
    """Whether a frame shows the console's state: each paddle within `PADDLE_TOLERANCE`
    (counted only while wholly in the field), the ball in play or not as it is and, when
    it is, within `BALL_TOLERANCE`."""
    state, reading = env.state(), read_pong(frame)
    figures: dict[str, float] = {}
    for side in ("player", "computer"):
        seen = getattr(reading, side)
        if 4 < state[side] < SIZE - 4:
            figures[side] = float(seen is not None and abs(seen - state[side]) <= PADDLE_TOLERANCE)
    ball = state["ball"]
    if ball is None or reading.ball is None:
        figures["ball"] = float(ball is None and reading.ball is None)
    else:
        figures["ball"] = float(math.dist(ball, reading.ball) <= BALL_TOLERANCE)
    return figures


class PointCounter:
    """Points read from successive frames: the ball leaves play past the computer's paddle
    (the left edge: the player's point) or past the player's (the right edge: the
    computer's) and stays out for `GONE` frames. A ball hidden for a frame as it bounces
    off the top or bottom wall (the walls are cropped away) is no point."""

    GONE = 3
    EDGE = 6.0  # frame pixels from the side where a ball that vanishes has passed a paddle

    def __init__(self) -> None:
        self.last_ball: tuple[float, float] | None = None
        self.missing = 0
        self.player = self.computer = 0

    def see(self, reading: PongReading) -> int:
        """+1 when this frame settles a point for the player, -1 for the computer, else 0."""
        if reading.ball is not None:
            self.last_ball, self.missing = reading.ball, 0
            return 0
        self.missing += 1
        if self.missing != self.GONE or self.last_ball is None:
            return 0
        column = self.last_ball[1]
        scored = 1 if column < self.EDGE else -1 if column > SIZE - self.EDGE else 0
        self.player += scored > 0
        self.computer += scored < 0
        return scored


def pong_scores(
    model: WorldModel | None,
    episodes: int,
    length: int,
    dreaming: Dreaming = DEFAULT_DREAMING,
    seed: int = 0,
) -> dict[str, float]:
    """Mean points (player's minus computer's) of each fixed Pong policy over `length`
    frames, on the console (model None) or in the world model from the same first frames.
    The policies see only frames (`PongView`), read the same way in both."""
    scores = {}
    for name, make in policies_for("atari:pong").items():
        envs = [Pong(max_steps=length) for _ in range(episodes)]
        frames = np.stack([env.reset(evaluation_seed(seed, k)) for k, env in enumerate(envs)])
        policies = [make() for _ in range(episodes)]
        rngs = [np.random.default_rng([seed, k]) for k in range(episodes)]
        counters = [PointCounter() for _ in range(episodes)]
        imagination = None
        if model is not None:
            imagination = imagination_for(model, replace(dreaming, seed=seed))
            imagination.start(frames[:, None])
        for _ in range(length):
            readings = [read_pong(frame) for frame in frames]
            actions = [
                policy(PongView(reading), rng)
                for policy, reading, rng in zip(policies, readings, rngs, strict=True)
            ]
            if imagination is None:
                frames = np.stack([env.step(a).frame for env, a in zip(envs, actions, strict=True)])
            else:
                frames = imagination.step(np.stack([envs[0].action_vector(a) for a in actions]))
            for counter, frame in zip(counters, frames, strict=True):
                counter.see(read_pong(frame))
        scores[name] = float(np.mean([c.player - c.computer for c in counters]))
    return scores
