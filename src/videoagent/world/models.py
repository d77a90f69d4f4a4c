"""The shipped world models, one per environment, loaded from the package (no network)."""

from __future__ import annotations

from pathlib import Path

from videoagent.errors import MissingDependency, UsageError
from videoagent.world.registry import ENVIRONMENTS

WEIGHTS = Path(__file__).resolve().parent.parent / "nn" / "weights"


def weights_path(environment: str) -> Path:
    if environment not in ENVIRONMENTS:
        raise UsageError(f"unknown environment {environment!r}; choose from {sorted(ENVIRONMENTS)}")
    return WEIGHTS / f"world_{environment.replace(':', '_')}.pt"


def load_world_model(environment: str, path: Path | None = None):
    """The world model of `environment`: the shipped weights, or those at `path`."""
    try:
        from videoagent.nn import checkpoint
    except ImportError as exc:
        raise MissingDependency("the world models (PyTorch)", "embedded") from exc
    if path is None and not weights_path(environment).exists():
        raise UsageError(
            f"no world model of {environment!r} ships in this installation; train one with "
            f"`videoagent train world-model` and pass --weights"
        )
    path = Path(path) if path else weights_path(environment)
    if not path.exists():
        raise UsageError(f"no world model weights at {str(path)!r}")
    model, facts = checkpoint.load(path)
    if getattr(model.config, "environment", None) != environment:
        raise UsageError(f"{str(path)!r} is not a world model of {environment!r}")
    return model, facts
