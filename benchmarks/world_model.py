"""How good our world models are, measured against their simulators.

For each environment whose weights are given it prints, with the anchors beside them:
- latency per generated frame on one CPU thread, p50 and p95, at 1/2/4 steps (a token world
  model makes a frame in one call: no sampling steps; it is timed in fp32 and with its
  convolutions in int8);
- fidelity over a horizon: what the model's frames show after 1, 10, 30, 100 and 1000
  frames of play fed the true actions, read from those frames and compared with the true
  state (GridDodge: agent cell, hazard cells; MiniDesk: cursor error, button, windows).
  GridDodge twice: from a full set of hazards, where the simulator draws no more random
  numbers and a model can be exactly right, and with spawns, beside what a model perfect
  but for chance scores there (the simulator itself with other draws);
- action following: the share of actions whose effect the model draws right;
- GridDodge endings: from held-out moments where some key ends the episode, how often the
  model draws the win, the death (agent and hazard meeting, or trading cells) and, for the
  keys that end nothing, the agent still playing (`world/ending_fidelity.py`);
- GridDodge: success over the same episodes for random keys, the planner imagining in the
  true simulator, and the same planner imagining in the world model, with Wilson 95%
  intervals and the ratio model / simulator;
- MiniDesk (`--parts first-wrong`, not measured by default): where each dream first shows a
  window wrong within 100 frames, by what the desk was doing, and how often one step made from
  the simulator's frames shows one wrong, windows apart or over one another
  (`world/desk_failures.py`);
- Spearman rank correlation of five fixed policies' mean returns, played in the world model
  and in the simulator (MiniDesk's return: windows open after 60 frames);
- Atari Pong: the same latency and horizon tables (paddles and ball against the console's
  RAM), and each fixed player's points over 1,000 frames on the console and in the model,
  with DIAMOND's published Pong score beside them.

Give an environment's option twice to set an old model beside a new one: every table is
printed for each, at the same sampling steps. `--int8` measures the other figures with token
world models' convolutions in int8, as `videoagent world play` runs them.

    python benchmarks/world_model.py --griddodge runs/world_griddodge.pt \
        --minidesk runs/world_minidesk.pt --pong runs/world_atari_pong.pt
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from videoagent.nn import checkpoint
from videoagent.nn.token_world_model import TokenWorldModel
from videoagent.world import evaluation, pong_evaluation
from videoagent.world.desk_failures import first_desk_failures, one_step_errors, tally
from videoagent.world.dreaming import Dreaming
from videoagent.world.ending_fidelity import DRAWN, ending_fidelity
from videoagent.world.planner import PlannerConfig

HORIZONS = (1, 10, 30, 100, 1000)
ANCHORS = {
    "latency": "anchors: competitive game ~3 ms/frame, 30 fps = 33 ms, conversation ~200 ms; "
    "GameNGen ~50 ms (TPU, 4 steps), Oasis ~50 ms (H100), NeuralOS ~550 ms (H100)",
    "planner": "anchor: PlaNet's learned latent model reached ~0.93 of CEM on the true "
    "simulator (target here >= 0.95)",
    "pong": "anchor: DIAMOND's agent, trained in its world model, scores 20.4 in a game to 21 "
    "on the console (Atari 100k, mean of 5 seeds); random keys -20.7. Ours are fixed "
    "players, not a trained agent: the question is whether the model scores them as the "
    "console does",
}
PONG_FRAMES = 1000
FIRST_WRONG_HORIZON = 100  # frames a MiniDesk dream is followed to its first wrong window


def latency(model, threads: int) -> None:
    torch.set_num_threads(1)
    print(f"latency per frame, 1 thread ({ANCHORS['latency']})")
    ways = [Dreaming(steps=steps) for steps in ((1, 2, 4) if _sampled(model) else (1,))]
    if not _sampled(model):
        ways.append(Dreaming(int8=True))
    for dreaming in ways:
        seconds = evaluation.frame_latency(model, dreaming)
        p50, p95 = np.percentile(seconds, [50, 95]) * 1000
        print(
            f"  {_made_in(model, dreaming)}: p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  "
            f"({1000 / p50:5.0f} fps)"
        )
    torch.set_num_threads(threads)


def _sampled(model) -> bool:
    """Whether the model draws a frame in sampling steps (the diffusion world model)."""
    return not isinstance(model, TokenWorldModel)


def _made_in(model, dreaming: Dreaming) -> str:
    if _sampled(model):
        return f"{dreaming.steps} step(s)"
    return "one call, convolutions in int8" if dreaming.int8 else "one call"


def fidelity(model, trajectories: int, dreaming: Dreaming) -> None:
    if model.config.environment != "griddodge":
        _fidelity_table(model, trajectories, dreaming, "")
        return
    _fidelity_table(
        model,
        trajectories,
        dreaming,
        "GridDodge from a full set of hazards: no random spawns, the "
        "future fixed by the first frame and the keys",
        determined=True,
    )
    _fidelity_table(
        model, trajectories, dreaming, "GridDodge with random spawns (the simulator's own draws)"
    )
    began = time.perf_counter()
    ceiling = evaluation.other_draws_fidelity("griddodge", HORIZONS, trajectories)
    print(
        "  a perfect model but for chance (the simulator with other draws), agent right: "
        + "  ".join(f"t={t} {ceiling.figures[t]['agent']:.0%}" for t in HORIZONS)
        + f"  ({time.perf_counter() - began:.0f} s)"
    )


def _fidelity_table(model, trajectories: int, dreaming: Dreaming, setting: str, **options) -> None:
    began = time.perf_counter()
    figures = evaluation.horizon_fidelity(model, HORIZONS, trajectories, dreaming, **options)
    print(
        f"fidelity over the horizon ({trajectories} trajectories on held-out seeds, "
        f"{_made_in(model, dreaming)}, true actions){'; ' + setting if setting else ''}; "
        "in brackets the same reading of the simulator's own frames"
    )

    def shown(key: str, value: float) -> str:
        return f"{value:.2f}" if key == "cursor_px" else f"{value:.0%}"

    for t in HORIZONS:
        row, real = figures.figures.get(t, {}), figures.real.get(t, {})
        cells = "  ".join(
            f"{key} {shown(key, value)} ({shown(key, real[key])})" for key, value in row.items()
        )
        print(f"  t={t:5d}  measured {figures.measured.get(t, 0):3d}  {cells}")
    print(f"  ({time.perf_counter() - began:.0f} s)")


def first_wrong(model, trajectories: int, dreaming: Dreaming) -> None:
    began = time.perf_counter()
    failures = first_desk_failures(model, trajectories, FIRST_WRONG_HORIZON, dreaming)
    counted = "  ".join(f"{kind} {count}" for kind, count in tally(failures).items())
    drags = [failure.move for failure in failures if failure.kind == "drag"]
    print(
        f"first wrong window within {FIRST_WRONG_HORIZON} frames ({_made_in(model, dreaming)}): "
        f"{len(failures)} of {trajectories} runs: {counted}"
    )
    if drags:
        print(f"  pointer's move at a drag's first wrong frame: median {np.median(drags):.0f} px")
    if isinstance(model, TokenWorldModel):
        errors = one_step_errors(model, trajectories, FIRST_WRONG_HORIZON, dreaming)
        each = "  ".join(
            f"{situation} {wrong} of {steps} ({wrong / max(steps, 1):.2%})"
            for situation, (wrong, steps) in errors.items()
        )
        print(f"  one step from the simulator's frames, windows wrong: {each}")
    print(f"  ({time.perf_counter() - began:.0f} s)")


def planning(model, episodes: int, dreaming: Dreaming, config: PlannerConfig) -> None:
    print(
        f"GridDodge success over {episodes} episodes, planner {config.candidates} candidates x "
        f"{config.horizon} steps ({ANCHORS['planner']})"
    )
    results = {}
    for chooser in ("random", "simulator", "model"):
        began = time.perf_counter()
        outcome = evaluation.play_griddodge(
            chooser, episodes, model=model, planner=config, dreaming=dreaming
        )
        low, high = outcome.interval()
        results[chooser] = outcome
        print(
            f"  {chooser:<10} {outcome.rate:6.1%}  [{low:.1%}, {high:.1%}]  "
            f"{outcome.seconds_per_decision * 1000:7.1f} ms a decision  "
            f"({time.perf_counter() - began:.0f} s)"
        )
    ratio = results["model"].rate / max(results["simulator"].rate, 1e-9)
    print(f"  world model / simulator: {ratio:.2f}")


def endings(model, cases: int, dreaming: Dreaming) -> None:
    began = time.perf_counter()
    tally = ending_fidelity(model, cases, dreaming)
    print("GridDodge episode ends drawn, teacher-forced, from held-out moments where a key ends it")
    for kind, (right, tried) in tally.items():
        low, high = evaluation.Outcome(right, max(tried, 1), 0.0).interval()
        print(f"  {kind:<9} drawn {DRAWN[kind]:<7} {right:3d}/{tried:<3d} [{low:.0%}, {high:.0%}]")
    print(f"  ({time.perf_counter() - began:.0f} s)")


def pong_scores(model, episodes: int, dreaming: Dreaming) -> None:
    began = time.perf_counter()
    real = pong_evaluation.pong_scores(None, episodes, PONG_FRAMES)
    dreamt = pong_evaluation.pong_scores(model, episodes, PONG_FRAMES, dreaming)
    print(
        f"Pong points over {PONG_FRAMES} frames (player's minus computer's, read from frames; "
        f"{episodes} games each): console vs world model ({ANCHORS['pong']})"
    )
    for name in real:
        print(f"  {name:<16} {real[name]:+6.2f}  {dreamt[name]:+6.2f}")
    rho = evaluation.rank_correlation(list(real.values()), list(dreamt.values()))
    print(f"  Spearman rank correlation: {rho:.2f}  ({time.perf_counter() - began:.0f} s)")


def ranking(model, episodes: int, dreaming: Dreaming) -> None:
    environment = model.config.environment
    real = evaluation.policy_returns(environment, None, episodes)
    dreamt = evaluation.policy_returns(environment, model, episodes, dreaming)
    what = "goal +1, hazard -1" if environment == "griddodge" else "windows open at frame 60"
    print(f"policy returns ({what}; {episodes} episodes each): simulator vs world model")
    for name in real:
        print(f"  {name:<16} {real[name]:+.2f}  {dreamt[name]:+.2f}")
    rho = evaluation.rank_correlation(list(real.values()), list(dreamt.values()))
    print(f"  Spearman rank correlation: {rho:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("griddodge", "minidesk", "pong"):
        parser.add_argument(f"--{name}", type=Path, action="append", default=[])
    parser.add_argument("--steps", type=int, default=1, help="sampling steps for the figures")
    parser.add_argument(
        "--int8",
        action="store_true",
        help="figures from token world models with their convolutions in int8 (latency: both)",
    )
    parser.add_argument("--trajectories", type=int, default=200)
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--samples", type=int, default=500, help="action-following samples")
    parser.add_argument("--cases", type=int, default=100, help="GridDodge endings of each kind")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--parts",
        default="latency,fidelity,following,endings,planner,ranking",
        help="which figures to measure, comma-separated",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    dreaming = Dreaming(steps=args.steps, int8=args.int8)
    torch.set_num_threads(args.threads)
    config = PlannerConfig()
    models = [("griddodge", p) for p in args.griddodge] + [("minidesk", p) for p in args.minidesk]
    for name, path in models + [("atari:pong", p) for p in args.pong]:
        model, facts = checkpoint.load(path)
        print(f"== {name}: {path} ({facts.get('parameters', 0):,} parameters)")
        if "latency" in parts:
            latency(model, args.threads)
        if "fidelity" in parts:
            fidelity(model, args.trajectories, dreaming)
        if "following" in parts:
            following = evaluation.action_following(model, args.samples, dreaming)
            print(f"action following ({args.samples} actions): {following:.1%}")
        if "first-wrong" in parts and name == "minidesk":
            first_wrong(model, args.trajectories, dreaming)
        if "endings" in parts and name == "griddodge":
            endings(model, args.cases, dreaming)
        if "planner" in parts and name == "griddodge":
            planning(model, args.episodes, dreaming, config)
        if "ranking" in parts and name == "atari:pong":
            pong_scores(model, max(args.episodes // 10, 2), dreaming)
        elif "ranking" in parts:
            ranking(model, args.episodes // 2, dreaming)
        print()


if __name__ == "__main__":
    main()
