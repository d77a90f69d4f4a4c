"""The default offline backend follows measured figures: embedded only where its takes pass
as often as procedural's and are nearly as sharp (issue 26)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from videoagent.generators import default_rule, registry
from videoagent.media.sharpness import clip_sharpness, laplacian_energy
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate


def _checkerboard(width: int = 128, height: int = 96, square: int = 4) -> np.ndarray:
    rows, columns = np.indices((height, width)) // square
    return np.where(((rows + columns) % 2)[..., None] == 1, 230, 20).astype(np.uint8) * np.ones(
        3, np.uint8
    )


def _softened(frame: np.ndarray, factor: int = 8) -> np.ndarray:
    """The frame drawn small and scaled back up, as a plate is."""
    height, width = frame.shape[:2]
    small = Image.fromarray(frame).resize((width // factor, height // factor), Image.BILINEAR)
    return np.asarray(small.resize((width, height), Image.BILINEAR))


def test_sharpness_scores_crisp_edges_above_a_soft_scaled_plate_and_flat_colour_at_zero():
    crisp = _checkerboard()
    assert laplacian_energy(np.full_like(crisp, 120)) == 0.0
    assert laplacian_energy(crisp) > 5 * laplacian_energy(_softened(crisp))


def test_clip_sharpness_reads_a_real_clip(tmp_path: Path):
    clip = tmp_path / "board.mp4"
    with Mp4Writer(clip, size=(128, 96), rate=FrameRate.of(24), frames=12) as writer:
        for _ in range(12):
            writer.write(_checkerboard())
    assert clip_sharpness(clip) > 0.5 * laplacian_energy(_checkerboard())  # the codec softens


FIGURES = {
    "embedded": {"pass_rate": 0.9, "sharpness": 90.0},
    "procedural": {"pass_rate": 0.9, "sharpness": 100.0},
}


def test_embedded_earns_the_default_only_by_both_figures():
    assert default_rule.earns_default(FIGURES)[0]
    softer = {**FIGURES, "embedded": {"pass_rate": 0.9, "sharpness": 60.0}}
    failing = {**FIGURES, "embedded": {"pass_rate": 0.8, "sharpness": 100.0}}
    assert not default_rule.earns_default(softer)[0]
    assert not default_rule.earns_default(failing)[0]
    assert "60% as sharp" in default_rule.earns_default(softer)[1]


@pytest.fixture
def figures_here(tmp_path: Path, monkeypatch) -> Path:
    """Figures kept in a folder of their own (no weights: their digest is of none)."""
    path = tmp_path / "weights" / "figures.json"
    path.parent.mkdir()
    monkeypatch.setattr(default_rule, "FIGURES", path)
    return path


def test_without_figures_for_the_installed_weights_procedural_is_the_default(figures_here):
    assert default_rule.embedded_is_default() == (
        False,
        "no figures measured for embedded against procedural",
    )
    assert registry.best_available() == "procedural"
    figures_here.write_text(json.dumps({"weights": "other", **FIGURES}))
    assert not default_rule.embedded_is_default()[0]
    figures_here.write_text("{not json")
    assert "cannot be read" in default_rule.embedded_is_default()[1]
    assert registry.best_available() == "procedural"


def test_figures_that_earn_it_make_embedded_the_default_where_it_is_installed(figures_here):
    default_rule.write_figures(FIGURES)
    assert default_rule.embedded_is_default()[0]
    expected = "embedded" if "embedded" in registry.available() else "procedural"
    assert registry.best_available() == expected
