"""Measuring a world model against its simulator: latency, fidelity over a horizon, action
following, the planner's success, and whether it ranks policies as the real world does.

Every figure about the model is read from frames the model made (with `readers`), compared
with the simulator's exact state; nothing the simulator drew stands in for a model frame
except the first one an episode starts from. Episodes come from held-out seeds (layouts
training never saw). `benchmarks/world_model.py` prints them all.
"""

from __future__ import annotations

import contextlib
import copy
import math
import time
from dataclasses import dataclass, replace

import numpy as np

from videoagent.errors import UsageError
from videoagent.nn.world_model import WorldModel
from videoagent.world.atari import Pong
from videoagent.world.dataset import evaluation_seed
from videoagent.world.dreaming import DEFAULT_DREAMING, Dreaming
from videoagent.world.griddodge import ACTIONS, GridDodge
from videoagent.world.imagination import imagination_for
from videoagent.world.minidesk import MAX_MOVE, MiniDesk
from videoagent.world.planner import ModelFutures, Planner, PlannerConfig, SimulatorFutures
from videoagent.world.policies import (
    DeskUser,
    DeskView,
    GridView,
    Tracker,
    Wanderer,
    policies_for,
)
from videoagent.world.pong_evaluation import compare_pong
from videoagent.world.readers import read_desk, read_grid
from videoagent.world.registry import make_environment


def frame_latency(
    model: WorldModel, dreaming: Dreaming = DEFAULT_DREAMING, frames: int = 200, seed: int = 0
) -> np.ndarray:
    """Seconds per generated frame, one at a time as in play (random actions)."""
    env = make_environment(model.config.environment)
    rng = np.random.default_rng(seed)
    imagination = imagination_for(model, replace(dreaming, seed=seed))
    imagination.start(env.reset(seed)[None])
    times = []
    for _ in range(frames):
        action = _random_action(env, rng)
        vector = env.action_vector(action)
        env.follow(action)
        began = time.perf_counter()
        imagination.step(vector)
        times.append(time.perf_counter() - began)
    return np.array(times[10:])  # the first frames warm caches up


def _random_action(env, rng: np.random.Generator):
    if not isinstance(env, MiniDesk):  # keys: one of the action vector's places
        return int(rng.integers(env.action_features))
    dx, dy = (int(v) for v in rng.integers(-MAX_MOVE, MAX_MOVE + 1, size=2))
    return dx, dy, bool(rng.random() < 0.3)


# Who plays while fidelity is measured: players who live long (GridDodge), use the desk
# (MiniDesk) and keep rallies going (Pong), so that the horizon is full of events.
HORIZON_PLAYERS = {
    "griddodge": Wanderer,
    "minidesk": DeskUser,
    "atari:pong": lambda: Tracker(care=0.7, slip=0.1),
}


@dataclass
class HorizonFigures:
    """Per horizon t: how many trajectories were measured and what was right."""

    measured: dict[int, int]
    figures: dict[int, dict[str, float]]
    real: dict[int, dict[str, float]]  # the same reading of the simulator's own frames


def horizon_fidelity(
    model: WorldModel,
    horizons: tuple[int, ...],
    trajectories: int,
    dreaming: Dreaming = DEFAULT_DREAMING,
    seed: int = 0,
    determined: bool = False,
) -> HorizonFigures:
    """Play `trajectories` episodes in the simulator with a fixed policy and feed the same
    actions to the world model from the same first frame; at each horizon compare what its
    frame shows with the true state. GridDodge: agent cell right, hazard cells (intersection
    over union); trajectories whose agent has died by then are no longer measured. MiniDesk:
    cursor error in pixels, button, each window open/closed right and placed within 2 px.
    Pong: each paddle and the ball where the console's RAM puts them (`compare_pong`);
    games that are over are no longer measured.

    `determined`: GridDodge episodes start with as many hazards as the game allows, so the
    simulator draws no random number again and the future is fixed by the first frame and
    the keys (with spawns, no model can know where the simulator's next hazard appears:
    see `other_draws_fidelity`)."""

    def imagine(envs, first: np.ndarray):
        imagination = imagination_for(model, replace(dreaming, seed=seed))
        imagination.start(first[:, None])
        return imagination

    return _horizon(model.config.environment, imagine, horizons, trajectories, seed, determined)


def other_draws_fidelity(
    environment: str, horizons: tuple[int, ...], trajectories: int, seed: int = 0
) -> HorizonFigures:
    """The same measurement of a model that is perfect but for chance: each episode's own
    simulator, copied after its first frame, with random numbers of its own (GridDodge's
    spawns). It is the most any model can score where the simulator draws them."""
    if environment != "griddodge":
        raise UsageError(f"only GridDodge draws random numbers in play, not {environment!r}")
    return _horizon(environment, _OtherDraws, horizons, trajectories, seed, False)


class _OtherDraws:
    """Copies of simulators that draw their random numbers from other seeds; steps like
    `Imagination` (action vectors in, frames out)."""

    def __init__(self, envs: list, first: np.ndarray) -> None:
        self.twins = [copy.deepcopy(env) for env in envs]
        for k, twin in enumerate(self.twins):
            twin.rng = np.random.default_rng([k, 1])

    def step(self, actions: np.ndarray) -> np.ndarray:
        return np.stack(
            [
                twin.step(int(np.argmax(a))).frame
                for twin, a in zip(self.twins, actions, strict=True)
            ]
        )

    def keep_only(self, rows: np.ndarray) -> None:
        self.twins = [self.twins[k] for k in rows]


def _horizon(name, dreamer, horizons, trajectories, seed, determined) -> HorizonFigures:
    longest = max(horizons)
    envs = [make_environment(name, max_steps=longest) for _ in range(trajectories)]
    policies = [HORIZON_PLAYERS[name]() for _ in envs]
    rngs = [np.random.default_rng([seed, k]) for k in range(trajectories)]
    first = np.stack([env.reset(evaluation_seed(seed, k)) for k, env in enumerate(envs)])
    if determined and name == "griddodge":
        for env in envs:
            env.fill_hazards()
        first = np.stack([env.render() for env in envs])
    dreaming = dreamer(envs, first)
    measured: dict[int, int] = {}
    figures: dict[int, dict[str, list]] = {}
    real: dict[int, dict[str, list]] = {}
    playing = np.arange(trajectories)  # episodes not over, in the dreamer's row order
    for t in range(1, longest + 1):
        actions = []
        for k in playing:
            action = policies[k](envs[k], rngs[k])
            actions.append(envs[k].action_vector(action))
            envs[k].step(action)
        made = dreaming.step(np.stack(actions))
        if name != "minidesk":  # an episode that is over is measured no more, nor dreamt
            going = np.array([envs[k].status not in ("dead", "over") for k in playing])
            if not going.all():
                playing, made = playing[going], made[going]
                if len(playing) == 0:
                    break
                dreaming.keep_only(np.flatnonzero(going))
        if t not in horizons:
            continue
        measured[t] = len(playing)
        figures[t], real[t] = {}, {}
        for k, frame in zip(playing, made, strict=True):
            for key, value in _compare(envs[k], frame).items():
                figures[t].setdefault(key, []).append(value)
            for key, value in _compare(envs[k], envs[k].render()).items():
                real[t].setdefault(key, []).append(value)

    def means(table: dict) -> dict:
        return {t: {key: float(np.mean(v)) for key, v in f.items()} for t, f in table.items()}

    return HorizonFigures(measured, means(figures), means(real))


def _compare(env, frame: np.ndarray) -> dict[str, float]:
    if isinstance(env, Pong):
        return compare_pong(env, frame)
    state = env.state()
    if isinstance(env, GridDodge):
        reading = read_grid(frame)
        truth = {(h[0], h[1]) for h in state["hazards"]} - {tuple(state["agent"])}
        union = reading.hazards | truth
        return {
            "agent": float(reading.agent == tuple(state["agent"])),
            "hazards": len(reading.hazards & truth) / len(union) if union else 1.0,
        }
    reading = read_desk(frame)
    cursor = math.dist(reading.cursor, state["cursor"])
    windows = []
    for name, window in state["windows"].items():
        seen = reading.windows[name]
        if not window["open"]:
            windows.append(seen is None)
        else:
            windows.append(
                seen is not None
                and max(abs(seen[0] - window["x"]), abs(seen[1] - window["y"])) <= 2
            )
    return {
        "cursor_px": cursor,
        "button": float(reading.button == state["button"]),
        "windows": float(np.mean(windows)),
    }


def action_following(
    model: WorldModel, samples: int, dreaming: Dreaming = DEFAULT_DREAMING, seed: int = 0
) -> float:
    """From real moments of play, the share of actions whose effect the model draws right:
    GridDodge: each of the five moves, the agent's new cell; MiniDesk: a random mouse move
    and button, the cursor within 1 px and the button state; Pong: each of the three keys,
    the player's paddle within `PADDLE_TOLERANCE` (while it is wholly in the field)."""
    name = model.config.environment
    env = make_environment(name)
    rng = np.random.default_rng(seed)
    keep = model.config.span
    right: list[float] = []
    episode = 0
    while len(right) < samples:
        history = [env.reset(evaluation_seed(seed, episode))]
        led_here = None  # the action vector that led to the last frame of `history`
        episode += 1
        for _ in range(40):
            if rng.random() < 0.3:
                if not isinstance(env, MiniDesk):
                    options = list(range(env.action_features))
                else:
                    options = [_random_action(env, rng) for _ in range(4)]
                imagination = imagination_for(model, replace(dreaming, seed=len(right)))
                context = np.stack([history[0], *history[1:][-keep:]])
                if getattr(model.config, "memory", False):  # it remembers the whole episode
                    context = np.stack(history)
                imagination.start(context, copies=len(options), previous=led_here)
                made = imagination.step(np.stack([env.action_vector(a) for a in options]))
                for option, frame in zip(options, made, strict=True):
                    with _trial(env) as twin:
                        twin.step(option)
                        followed = _followed(twin, frame)
                        if followed is not None:
                            right.append(followed)
            action = _random_action(env, rng)
            led_here = env.action_vector(action)  # before the step: it reads the pointer
            step = env.step(action)
            history.append(step.frame)
            if step.done:
                break
    return float(np.mean(right[:samples]))


@contextlib.contextmanager
def _trial(env):
    """The environment to try an action in, as it is now: a copy of our simulators, the
    emulator itself with its state put back after."""
    if isinstance(env, Pong):
        with env.trial():
            yield env
    else:
        yield copy.deepcopy(env)


def _followed(twin, frame: np.ndarray) -> float | None:
    """Whether the frame shows the action's effect; None where it cannot be seen (a Pong
    paddle partly out of the field)."""
    state = twin.state()
    if isinstance(twin, Pong):
        return compare_pong(twin, frame).get("player")
    if isinstance(twin, GridDodge):
        return float(read_grid(frame).agent == tuple(state["agent"]))
    reading = read_desk(frame)
    close = max(abs(a - b) for a, b in zip(reading.cursor, state["cursor"], strict=True)) <= 1
    return float(close and reading.button == state["button"])


@dataclass(frozen=True)
class Outcome:
    successes: int
    episodes: int
    seconds_per_decision: float

    @property
    def rate(self) -> float:
        return self.successes / self.episodes

    def interval(self) -> tuple[float, float]:
        """The Wilson 95% interval of the success rate."""
        n, p, z = self.episodes, self.rate, 1.96
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return max(0.0, centre - half), min(1.0, centre + half)


def play_griddodge(
    chooser: str,
    episodes: int,
    *,
    model: WorldModel | None = None,
    planner: PlannerConfig | None = None,
    dreaming: Dreaming = DEFAULT_DREAMING,
    seed: int = 0,
) -> Outcome:
    """Success over `episodes` real GridDodge episodes (the same layouts for every chooser):
    "random" presses random keys; "simulator" and "model" plan with that kind of futures."""
    wins, decisions, thinking = 0, 0, 0.0
    for episode in range(episodes):
        env = GridDodge()
        frame = env.reset(evaluation_seed(seed, episode))
        history, goal = [frame], None
        agent = Planner(planner or PlannerConfig(), seed=episode)
        rng = np.random.default_rng([seed, episode])
        while True:
            began = time.perf_counter()
            if chooser == "random":
                action = int(rng.integers(len(ACTIONS)))
            elif chooser == "simulator":
                action = agent.act(SimulatorFutures(env, episode * 1000 + env.steps), frame, goal)
            elif chooser == "model" and model is not None:
                futures = ModelFutures(model, history, replace(dreaming, seed=decisions))
                action = agent.act(futures, frame, goal)
            else:
                raise ValueError(f"chooser must be random, simulator or model, got {chooser!r}")
            thinking += time.perf_counter() - began
            decisions += 1
            goal = read_grid(frame).goal or goal
            step = env.step(action)
            frame = step.frame
            history.append(frame)
            if step.done:
                wins += env.status == "won"
                break
    return Outcome(wins, episodes, thinking / max(decisions, 1))


DESK_EPISODE = 60  # MiniDesk has no end; its policies are scored after this many frames


def policy_returns(
    environment: str,
    model: WorldModel | None,
    episodes: int,
    dreaming: Dreaming = DEFAULT_DREAMING,
    seed: int = 0,
) -> dict[str, float]:
    """Mean return of each fixed policy of `environment`, played in the simulator (model None)
    or in the world model from the same first frames. The policies see only frames, read the
    same way in both, and the return is read from frames too. GridDodge: +1 goal, -1 hazard,
    0 out of time. MiniDesk: the number of windows open after `DESK_EPISODE` frames."""
    returns = {}
    for name, make in policies_for(environment).items():
        envs = [make_environment(environment) for _ in range(episodes)]
        first = np.stack([env.reset(evaluation_seed(seed, k)) for k, env in enumerate(envs)])
        policies = [make() for _ in range(episodes)]
        rngs = [np.random.default_rng([seed, k]) for k in range(episodes)]
        views: list = [None] * episodes
        frames = first
        outcome = np.zeros(episodes)
        running = np.ones(episodes, dtype=bool)
        imagination = None
        if model is not None:
            imagination = imagination_for(model, replace(dreaming, seed=seed))
            imagination.start(first[:, None])
        length = envs[0].max_steps if environment == "griddodge" else DESK_EPISODE
        for _ in range(length):
            actions = []
            for k in range(episodes):
                if environment == "griddodge":
                    views[k] = GridView.of(read_grid(frames[k]), views[k])
                else:
                    views[k] = DeskView(read_desk(frames[k]))
                idle = 0 if environment == "griddodge" else (0, 0, False)
                actions.append(policies[k](views[k], rngs[k]) if running[k] else idle)
            if imagination is None:
                frames = np.stack([env.step(a).frame for env, a in zip(envs, actions, strict=True)])
            else:
                vectors = np.stack([e.action_vector(a) for e, a in zip(envs, actions, strict=True)])
                for env, action in zip(envs, actions, strict=True):
                    env.follow(action)  # the simulators only keep the pointers here
                frames = imagination.step(vectors)
            if environment != "griddodge":
                continue
            for k in np.flatnonzero(running):
                status = read_grid(frames[k]).status
                if status != "playing":
                    outcome[k], running[k] = (1.0 if status == "won" else -1.0), False
            if not running.any():
                break
        if environment != "griddodge":
            outcome = np.array(
                [sum(p is not None for p in read_desk(f).windows.values()) for f in frames]
            )
        returns[name] = float(outcome.mean())
    return returns


def rank_correlation(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (ties share their mean rank)."""

    def ranks(values: list[float]) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        order = values.argsort()
        ranked = np.empty(len(values))
        ranked[order] = np.arange(len(values))
        for value in np.unique(values):
            tied = values == value
            ranked[tied] = ranked[tied].mean()
        return ranked

    x, y = ranks(a), ranks(b)
    if x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])
