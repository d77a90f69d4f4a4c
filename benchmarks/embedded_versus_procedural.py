"""Our model against the procedural renderer, as a user meets them: the same held-out
requests made by the agent with each backend, at the size a user gets (640x360).

For each backend: the share of takes that pass their checks at the first try (no retries,
so a failure is not hidden by a second seed), the median sharpness of the takes (median
Laplacian energy, `media/sharpness.py`), and seconds of wall time per take. Whether
`embedded` earns the default follows from these figures (`generators/default_rule.py`);
`--write` keeps them beside the weights, which is what makes the rule apply.

    python benchmarks/embedded_quality.py --versus-procedural [--limit N] [--write]
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from machine import cpu_description

from videoagent import Agent, AgentSettings, Request
from videoagent.generators.default_rule import SHARPNESS_SHARE, earns_default, write_figures
from videoagent.media.sharpness import clip_sharpness

# Written for this benchmark, none of them a training caption: each backend's vocabulary
# (creatures, places, times of day, weather), one beat each so that a request is one take.
REQUESTS = [
    "a dog running on the beach at sunset",
    "a cat sitting in the living room at night",
    "a bird flying over the park in the morning",
    "a person walking down a snowy street",
    "a dog walking through the city in the rain",
    "a dog chasing a ball in the park at noon",
    "a person giving a cup to a dog at the cafe",
    "two dogs meeting in the park",
    "a cat exploring a street at sunset",
    "a person sitting on a bench in the park in the morning",
    "a bird standing on the beach in the snow",
    "a brown dog sniffing around the cafe at night",
]
SECONDS = 4.0


def _make(backend: str, text: str, out: Path) -> list[tuple[bool, Path, float]]:
    """(passed at the first try, the take, seconds it took) for each generated shot."""
    settings = AgentSettings(
        backend=backend, music=False, ambience=False, shared_cache=None, max_retries=0
    )
    result = Agent(settings).make(Request.build(text, duration=SECONDS), out)
    takes = []
    for shot in result.manifest["shots"]:
        for take in shot.get("takes", [])[:1]:
            takes.append((take["accepted"], result.folder / take["file"], take["seconds"]))
    return takes


def versus_procedural(limit: int, write: bool) -> None:
    requests = REQUESTS[:limit]
    print(
        f"{len(requests)} held-out requests of {SECONDS:g} s at 640x360, one try a take; "
        f"{cpu_description()}"
    )
    figures: dict = {"requests": len(requests), "seconds_each": SECONDS, "cpu": cpu_description()}
    with tempfile.TemporaryDirectory() as scratch:
        for backend in ("procedural", "embedded"):
            passed, sharpness, seconds = [], [], []
            began = time.perf_counter()
            for index, text in enumerate(requests):
                for ok, clip, took in _make(backend, text, Path(scratch) / backend / str(index)):
                    passed.append(ok)
                    sharpness.append(clip_sharpness(clip))
                    seconds.append(took)
            figures[backend] = {
                "takes": len(passed),
                "pass_rate": sum(passed) / len(passed),
                "sharpness": statistics.median(sharpness),
                "seconds_per_take": statistics.median(seconds),
            }
            row = figures[backend]
            print(
                f"{backend:<11} takes {row['takes']:3d}  passed {row['pass_rate']:6.1%}  "
                f"sharpness {row['sharpness']:8.1f}  {row['seconds_per_take']:6.1f} s a take "
                f"(median; {time.perf_counter() - began:.0f} s in all)"
            )
    default, why = earns_default(figures)
    print(f"embedded {'earns' if default else 'does not earn'} the default: {why}")
    print(f"(rule: passes at least as often as procedural, and {SHARPNESS_SHARE:.0%} as sharp)")
    if write:
        write_figures(figures)
        print("figures kept beside the weights: the default now follows them")
