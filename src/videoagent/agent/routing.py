"""Routing: which generator makes each shot.

The project's pool is the backend the user pinned (`--backend`), or the ones they named
(`--backends a,b`), or else every backend they configured (an API key, a model path); with
none configured, the best offline one. Each shot then goes to the cheapest backend in the
pool that can do what it needs (its mode, length, size, frame rate and reference images),
the better one winning a tie. A shot with reference images goes where references are taken
if the pool has such a backend; else it is made from text, and the route says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from videoagent.errors import NotConfigured, UsageError
from videoagent.generators import registry
from videoagent.generators.catalog import Capabilities, capabilities, catalog


@dataclass(frozen=True)
class Route:
    """Where one shot goes, with the mode it is made in and why."""

    backend: str
    mode: str
    price: float
    why: str


def _known(name: str) -> str:
    if name not in registry.known():
        raise UsageError(
            f"unknown backend {name!r}; available: {', '.join(sorted(registry.known()))}"
        )
    return name


def project_pool(
    pinned: str | None,
    named: list[str] | None = None,
    *,
    width: int,
    height: int,
    fps: float,
) -> list[str]:
    """The backends this project may use, checked before any file is written."""
    if pinned:
        pool = [_known(pinned)]
    elif named:
        pool = [_known(name) for name in dict.fromkeys(named)]
    else:
        entries = catalog()
        pool = [
            n
            for n in registry.known()
            if n in entries and entries[n].setup and entries[n].configured
        ] or [registry.best_available()]
    for name in pool:
        missing = capabilities(name).missing_setup()
        if missing:
            raise NotConfigured(f"backend {name!r} is not configured: {missing}")
        registry.generator_class(name)  # MissingDependency names the extra to install
        caps = capabilities(name)
        reason = (
            caps.refuses(
                mode="text-to-video",
                seconds=caps.min_seconds,
                width=width,
                height=height,
                fps=fps,
            )
            if "text-to-video" in caps.modes
            else None
        )
        if reason:
            raise UsageError(f"backend {name!r} cannot make these shots: {reason}")
    return pool


def longest_shot(pool: list[str]) -> float:
    """The longest shot the pool allows: one every backend in it makes in one job, with a
    second spare for the transition handles a take carries."""
    return min(capabilities(n).max_seconds - 1.0 for n in pool)


def route_shot(
    pool: list[str],
    *,
    shot_id: str,
    seconds: float,
    width: int,
    height: int,
    fps: float,
    references: int = 0,
    continues: bool = False,
    after: str | None = None,
) -> Route:
    """The cheapest backend in the pool able to make this shot (`continues`: by extending
    the take before it, made by backend `after`, where the pool has a backend that can)."""
    wanted = ["reference-to-video", "text-to-video"] if references else ["text-to-video"]
    if continues:
        wanted = ["extend", "text-to-video"]
    reasons: list[str] = []
    for mode in wanted:
        able: list[Capabilities] = []
        for name in pool:
            caps = capabilities(name)
            reason = caps.refuses(mode=mode, seconds=seconds, width=width, height=height, fps=fps)
            if not reason and mode == "extend" and caps.extends_own_takes and name != after:
                reason = f"{name} extends only takes it made, and {after} makes the one before"
            if reason:
                reasons.append(reason)
            else:
                able.append(caps)
        if able:
            best = min(able, key=lambda c: (c.price(seconds), -c.quality_rank, c.name))
            why = (
                f"cheapest of {len(able)} able to make {seconds:.2f} s {mode}"
                if len(able) > 1
                else f"the only one able to make {seconds:.2f} s {mode}"
            )
            if references and mode == "text-to-video":
                why += "; no backend in the pool takes reference images, so from text"
            if continues and mode == "text-to-video":
                why += "; no backend in the pool extends a take, so made fresh (a cut)"
            return Route(best.name, mode, best.price(seconds), why)
    raise UsageError(
        f"no backend in the pool ({', '.join(pool)}) can make {shot_id} "
        f"({seconds:.2f} s): {'; '.join(dict.fromkeys(reasons))}"
    )
