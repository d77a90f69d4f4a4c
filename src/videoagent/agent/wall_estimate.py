"""How long a run will take, from what this machine measured (`store/measured_times.py`),
and said to be a guess where nothing measured it yet.

Three parts, each from the measurements nearest to this run:
- each new take: the wall seconds per video second of earlier takes of the same backend,
  model version, size and rate, from those nearest in length (a take's fixed costs, such
  as a provider's queue, weigh more in a short one);
- the generate phase: those takes summed, times what earlier runs on the same backends
  with about as many new shots spent on the phase against the sum of their first takes
  (takes made side by side make it less, retries more);
- finishing (sound, render, checks, delivery): the wall seconds per video second of
  earlier runs at the same size, nearest in length.

A take with nothing measured at its backend, model and size is the catalog's compute
figure (or one measured at another size, scaled by the pixels); a run with no earlier run
at its size is a guess for the phase and for finishing. The estimate is "measured" only
when no part of it is a guess.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from videoagent.generators import capabilities
from videoagent.store.measured_times import MeasuredTimes

NEAREST = 5  # measurements an estimate reads, the nearest in length (or in shots)
FINISH_GUESS = 1.0  # wall seconds per video second for sound, render and checks, unmeasured


@dataclass(frozen=True)
class TakeShape:
    """What decides how long a take takes: who makes it, how large, how long."""

    backend: str
    model: str
    width: int
    height: int
    fps: float
    seconds: float


def estimate_wall(
    new: list[TakeShape], video_seconds: float, size: tuple[int, int], times: MeasuredTimes
) -> dict:
    """{"wall_seconds", "basis": "measured" | "guess", "guessed": [what was guessed]}."""
    takes, runs = times.read("take"), times.read("run")
    guessed: list[str] = []
    summed = 0.0
    for shape in new:
        seconds, guess = _take_seconds(shape, takes)
        summed += seconds
        if guess:
            guessed.append(f"{shape.backend} takes at {shape.width}x{shape.height}")
    same_size = [r for r in runs if (r.get("width"), r.get("height")) == tuple(size)]
    generate = summed
    if new:
        factor = _phase_factor(len(new), sorted({shape.backend for shape in new}), runs)
        if factor is None:
            guessed.append("takes side by side")
        else:
            generate = summed * factor
    finishing = _nearest_rate(same_size, "video_seconds", video_seconds, "finish_wall")
    if finishing is None:
        guessed.append(f"finishing at {size[0]}x{size[1]}")
        finishing = FINISH_GUESS
    wall = generate + finishing * video_seconds
    return {
        "wall_seconds": round(wall, 1),
        "basis": "guess" if guessed else "measured",
        "guessed": sorted(set(guessed)),
    }


def said(estimate: dict) -> str:
    """'about 2 min (measured here)' or 'about 8 s (a guess: not measured here yet)'; what
    was guessed is in the estimate's `guessed`."""
    wall = _duration(estimate["wall_seconds"])
    if estimate["basis"] == "measured":
        return f"about {wall} (measured here)"
    return f"about {wall} (a guess: not measured here yet)"


def _take_seconds(shape: TakeShape, takes: list[dict]) -> tuple[float, bool]:
    """Wall seconds of one take of `shape`, and whether that is a guess."""
    mine = [
        t
        for t in takes
        if t.get("backend") == shape.backend
        and t.get("model") == shape.model
        and not t.get("failed")
        and _positive(t.get("video_seconds"))
        and _positive(t.get("wall"), zero=True)
        and _sized(t)
    ]
    exact = [t for t in mine if (t.get("width"), t.get("height"), t.get("fps")) == _size(shape)]
    rate = _nearest_rate(exact, "video_seconds", shape.seconds, "wall")
    if rate is not None:
        return rate * shape.seconds, False
    rate = _nearest_rate(mine, "video_seconds", shape.seconds, "wall")
    if rate is not None:  # measured at another size: scaled by the pixels, still a guess
        pixels = statistics.median(t["width"] * t["height"] for t in mine)
        return rate * shape.seconds * shape.width * shape.height / pixels, True
    return capabilities(shape.backend).compute_seconds_per_second * shape.seconds, True


def _phase_factor(shots: int, backends: list[str], runs: list[dict]) -> float | None:
    """The generate phase's wall seconds against its first takes' sum, in earlier runs
    with about as many new shots, on the same backends where there are such runs (their
    retries differ: a backend whose takes fail more makes more of them); None where no
    earlier run made a take."""
    usable = [
        r for r in runs if (r.get("new_shots") or 0) > 0 and _positive(r.get("first_takes_wall"))
    ]
    alike = [r for r in usable if r.get("backends") == backends]
    usable = alike or usable
    if not usable:
        return None
    usable.sort(key=lambda r: abs(math.log(r["new_shots"] / shots)))
    nearest = usable[:NEAREST]
    return statistics.median(r["generate_wall"] / r["first_takes_wall"] for r in nearest)


def _nearest_rate(lines: list[dict], length: str, wanted: float, wall: str) -> float | None:
    """The median of wall/length over the (up to NEAREST) lines nearest to `wanted` in
    length, or None where none has a length."""
    usable = [line for line in lines if _positive(line.get(length)) and wall in line]
    if not usable:
        return None
    wanted = max(wanted, 1e-3)
    usable.sort(key=lambda line: abs(math.log(line[length] / wanted)))
    return statistics.median(line[wall] / line[length] for line in usable[:NEAREST])


def _positive(value, zero: bool = False) -> bool:
    return isinstance(value, int | float) and (value >= 0 if zero else value > 0)


def _size(shape: TakeShape) -> tuple:
    return (shape.width, shape.height, shape.fps)


def _sized(line: dict) -> bool:
    return _positive(line.get("width")) and _positive(line.get("height"))


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
