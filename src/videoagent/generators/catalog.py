"""Capabilities and prices of every generator, read from data (catalog.json), not code."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from videoagent.errors import UsageError


@dataclass(frozen=True)
class Capabilities:
    """What a generator can do and what it costs; routing, estimates and docs read this."""

    name: str
    description: str
    modes: tuple[str, ...]
    max_references: int
    min_seconds: float
    max_seconds: float
    max_width: int
    max_height: int
    fps: tuple[float, float]
    audio: bool
    dialect: str
    max_prompt_chars: int
    price_per_second: float
    compute_seconds_per_second: float
    quality_rank: int
    default_candidate: bool
    cannot: tuple[str, ...] = field(default_factory=tuple)

    def refuses(
        self, *, mode: str, seconds: float, width: int, height: int, fps: float
    ) -> str | None:
        """Why this generator cannot take a request, or None when it can."""
        if mode not in self.modes:
            return f"{self.name} has no {mode} mode"
        if not self.min_seconds <= seconds <= self.max_seconds:
            return (
                f"{self.name} makes clips of {self.min_seconds}-{self.max_seconds} s, "
                f"not {seconds:.2f} s"
            )
        if width > self.max_width or height > self.max_height:
            return f"{self.name} makes at most {self.max_width}x{self.max_height}"
        if not self.fps[0] <= fps <= self.fps[1]:
            return f"{self.name} makes {self.fps[0]}-{self.fps[1]} fps, not {fps}"
        return None

    def price(self, seconds: float) -> float:
        return round(self.price_per_second * seconds, 4)


def _from_json(name: str, data: dict) -> Capabilities:
    return Capabilities(
        name=name,
        **{
            **data,
            "modes": tuple(data["modes"]),
            "fps": tuple(data["fps"]),
            "cannot": tuple(data.get("cannot", ())),
        },
    )


@lru_cache(maxsize=1)
def catalog() -> dict[str, Capabilities]:
    """The built-in catalog, by generator name."""
    text = resources.files("videoagent.generators").joinpath("catalog.json").read_text("utf-8")
    data = json.loads(text)
    return {name: _from_json(name, entry) for name, entry in data["generators"].items()}


def capabilities(name: str) -> Capabilities:
    try:
        return catalog()[name]
    except KeyError:
        raise UsageError(
            f"no catalog entry for generator {name!r}; known: {', '.join(sorted(catalog()))}"
        ) from None
