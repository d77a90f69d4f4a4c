"""Capabilities and prices of every generator, read from data, not code: the built-in
catalog.json, then any files named in $VIDEOAGENT_CATALOG (separated by the path separator),
whose entries replace or add to it (prices change; plug-ins bring their own entries)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

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
    # "animatic" (procedural), "local" (a model on this machine), "hosted" (a paid API),
    # "test". Routing picks among hosted and local models when any is configured.
    kind: str = "local"
    # The lengths a backend makes, when it makes only some (a 4.2 s shot is made, and
    # paid for, as the next one up and cut); empty: any length in [min, max].
    durations: tuple[float, ...] = ()
    # How a user configures it: hosted {"key_env", "url_env", "url", "model_env", "model"};
    # local models {"path_env"}. The *_env values name environment variables.
    setup: dict = field(default_factory=dict)
    # What each take carries to be checked by, besides its stream: "ground truth" (an exact
    # truth file beside the clip, store/truth_file.py), "recognizer" (our recognizer
    # can read its frames: they are drawn in synthworld's look).
    evidence: tuple[str, ...] = ()
    # What one shot holds of a machine while it is made (Ray's resource names: "CPU",
    # "GPU"): where a cluster may place it.
    resources: dict = field(default_factory=lambda: {"CPU": 1})
    # Jobs one key may have running at the provider at once (0: no limit), across every run
    # that shares the key: ours to set (VIDEOAGENT_CATALOG), not a figure the providers print.
    concurrency: int = 0
    # How long an extension may be (s; empty: as long as any take), and whether the
    # provider returns (and bills) the clip it extends together with the new part.
    extend_seconds: tuple[float, ...] = ()
    extend_returns_source: bool = False
    # An extension made (and billed) this long whatever is asked (0: as a take of its
    # length), and whether only takes this backend made itself can be extended (Veo's).
    extension_seconds: float = 0.0
    extends_own_takes: bool = False
    # The failed checks (by name) this backend can mend itself in the next take, when the
    # request names them (`GenerationRequest.mend`); other failures only get another seed.
    mends: tuple[str, ...] = ()

    def refuses(
        self, *, mode: str, seconds: float, width: int, height: int, fps: float
    ) -> str | None:
        """Why this generator cannot take a request, or None when it can."""
        if mode not in self.modes:
            return f"{self.name} has no {mode} mode"
        if mode == "extend" and self.extend_seconds:
            low, high = self.extend_seconds
            if not low <= seconds <= high:
                return f"{self.name} extends a take by {low:g}-{high:g} s, not {seconds:.2f} s"
        if self.durations and seconds > max(self.durations) + 1e-9:
            return f"{self.name} makes clips of at most {max(self.durations):g} s"
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

    def billed_seconds(self, seconds: float) -> float:
        """How long a clip is made (and paid for) to cover `seconds`."""
        if not self.durations:
            return seconds
        fits = [d for d in self.durations if d >= seconds - 1e-9]
        return min(fits) if fits else max(self.durations)

    def price(self, seconds: float) -> float:
        """What covering `seconds` costs, in USD."""
        return round(self.price_per_second * self.billed_seconds(seconds), 4)

    def extension_price(self, seconds: float, source_seconds: float) -> float:
        """What extending a clip of `source_seconds` by `seconds` costs, in USD: where the
        provider returns the clip with the new part, the whole video it returns is counted
        (billed per second of output; the safe side where its price list is silent)."""
        billed = self.extension_seconds or self.billed_seconds(seconds)
        if self.extend_returns_source:
            billed += source_seconds
        return round(self.price_per_second * billed, 4)

    @property
    def configured(self) -> bool:
        """Whether what the backend needs from the user (an API key, a model path) is set."""
        return not self.missing_setup()

    def missing_setup(self) -> str:
        """What the user still has to set, as the line to type ("" when nothing)."""
        for key, value in (("key_env", "<API key>"), ("path_env", "<model folder or hub id>")):
            name = self.setup.get(key)
            if name and not os.environ.get(name):
                return f"export {name}={value}"
        return ""


def _from_json(name: str, data: dict) -> Capabilities:
    return Capabilities(
        name=name,
        **{
            **data,
            "modes": tuple(data["modes"]),
            "fps": tuple(data["fps"]),
            "cannot": tuple(data.get("cannot", ())),
            "durations": tuple(float(d) for d in data.get("durations", ())),
            "evidence": tuple(data.get("evidence", ())),
            "extend_seconds": tuple(float(d) for d in data.get("extend_seconds", ())),
            "mends": tuple(data.get("mends", ())),
        },
    )


def catalog() -> dict[str, Capabilities]:
    """The catalog by generator name: built in, then the files in $VIDEOAGENT_CATALOG."""
    return _catalog(os.environ.get("VIDEOAGENT_CATALOG", ""))


@lru_cache(maxsize=4)
def _catalog(extra: str) -> dict[str, Capabilities]:
    text = resources.files("videoagent.generators").joinpath("catalog.json").read_text("utf-8")
    entries = json.loads(text)["generators"]
    for name in filter(None, extra.split(os.pathsep)):
        try:
            entries |= json.loads(Path(name).read_text("utf-8"))["generators"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"VIDEOAGENT_CATALOG file {name!r} is not a catalog: {exc}") from None
    try:
        return {name: _from_json(name, entry) for name, entry in entries.items()}
    except (TypeError, KeyError) as exc:
        raise UsageError(f"a catalog entry is malformed: {exc}") from None


def capabilities(name: str) -> Capabilities:
    try:
        return catalog()[name]
    except KeyError:
        raise UsageError(
            f"no catalog entry for generator {name!r}; known: {', '.join(sorted(catalog()))}"
        ) from None
