"""The environments by name."""

from __future__ import annotations

from videoagent.errors import UsageError
from videoagent.world.atari import Pong
from videoagent.world.environment import Environment
from videoagent.world.griddodge import GridDodge
from videoagent.world.minidesk import MiniDesk

ENVIRONMENTS: dict[str, type] = {"griddodge": GridDodge, "minidesk": MiniDesk, "atari:pong": Pong}


def make_environment(name: str, **options) -> Environment:
    """A new environment by name; options such as `max_steps` go to its constructor."""
    if name not in ENVIRONMENTS:
        raise UsageError(f"unknown environment {name!r}; choose from {sorted(ENVIRONMENTS)}")
    return ENVIRONMENTS[name](**options)
