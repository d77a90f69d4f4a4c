"""Routing: which generator renders the shots (pinned by the user, or the best available)."""

from __future__ import annotations

from videoagent.errors import UsageError
from videoagent.generators import registry
from videoagent.generators.catalog import capabilities


def choose_backend(
    pinned: str | None, *, seconds: float, width: int, height: int, fps: float
) -> str:
    """The backend for this video; a pinned one that cannot do the job is a usage error."""
    if pinned is not None and pinned not in registry.known():
        raise UsageError(
            f"unknown backend {pinned!r}; available: {', '.join(sorted(registry.known()))}"
        )
    name = pinned or registry.best_available()
    caps = capabilities(name)
    reason = caps.refuses(
        mode="text-to-video", seconds=seconds, width=width, height=height, fps=fps
    )
    if reason:
        raise UsageError(f"backend {name!r} cannot make these shots: {reason}")
    return name
