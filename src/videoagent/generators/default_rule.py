"""Whether our own model is the default offline backend: only where its measured figures
earn it.

`benchmarks/embedded_quality.py --versus-procedural` makes the same held-out requests with
`embedded` and `procedural` and writes what it measured beside the weights, for the weights
it measured. `embedded` is then the default only when its takes pass their checks at least
as often as procedural's and its pictures are at least `SHARPNESS_SHARE` as sharp (median
Laplacian energy of the kept takes, at the same size). Without figures for the weights
installed, or with figures that fall short, `procedural` is the default and `embedded` is
one flag away (`--backend embedded`).
"""

from __future__ import annotations

import json
from pathlib import Path

from videoagent.store.files import atomic_write_text, file_sha256

WEIGHTS = Path(__file__).resolve().parent.parent / "nn" / "weights"
FIGURES = WEIGHTS / "embedded_versus_procedural.json"
# The weights that draw embedded's pictures, and the recognizer whose checks they pass.
MEASURED_WEIGHTS = (
    "video_model.pt",
    "frame_autoencoder.pt",
    "entity_model.pt",
    "plate_upsampler.pt",
    "recognizer.pt",
)
SHARPNESS_SHARE = 0.8


def weights_digest(folder: Path = WEIGHTS) -> str:
    """One digest of the weights the figures speak for ("none" for a missing file)."""
    return "+".join(
        file_sha256(folder / name)[:12] if (folder / name).exists() else "none"
        for name in MEASURED_WEIGHTS
    )


def earns_default(figures: dict) -> tuple[bool, str]:
    """Whether `figures` (per backend: "pass_rate", "sharpness") make embedded the default,
    and why, in words."""
    ours, theirs = figures["embedded"], figures["procedural"]
    share = ours["sharpness"] / theirs["sharpness"] if theirs["sharpness"] else 0.0
    passes = ours["pass_rate"] >= theirs["pass_rate"]
    sharp = share >= SHARPNESS_SHARE
    said = (
        f"embedded passes {ours['pass_rate']:.0%} of take checks against procedural's "
        f"{theirs['pass_rate']:.0%}, and is {share:.0%} as sharp (needs at least as many "
        f"passes and {SHARPNESS_SHARE:.0%})"
    )
    return passes and sharp, said


def write_figures(figures: dict, path: Path | None = None) -> None:
    """Keep `figures` (with how they were measured) for the weights installed now."""
    path = path or FIGURES
    record = {"weights": weights_digest(path.parent), **figures}
    atomic_write_text(path, json.dumps(record, indent=2) + "\n")


def embedded_is_default(path: Path | None = None) -> tuple[bool, str]:
    """Whether embedded is the default offline backend here, and why."""
    path = path or FIGURES
    try:
        figures = json.loads(path.read_text())
    except FileNotFoundError:
        return False, "no figures measured for embedded against procedural"
    except (OSError, ValueError) as exc:
        return False, f"the figures in {path.name} cannot be read ({exc})"
    if figures.get("weights") != weights_digest(path.parent):
        return False, "the figures were measured for other weights than the ones installed"
    try:
        return earns_default(figures)
    except (KeyError, TypeError, ZeroDivisionError) as exc:
        return False, f"the figures in {path.name} are incomplete ({exc})"
