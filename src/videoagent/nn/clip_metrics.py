"""Figures that compare generated clips with real ones, in the recognizer's feature space.

- Fréchet distance: between Gaussians fitted to the per-frame features of two sets of
  clips (as FID does with Inception features; ours are the recognizer's).
- Temporal consistency: how alike consecutive frames are (cosine of their features) and how
  much the pixels change between them.
- Drift: how far the last second of a clip has moved from its first second (1 - cosine of
  their mean features), for clips that are meant to show the same scene throughout.
"""

from __future__ import annotations

import numpy as np


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Between feature sets [N, F] and [M, F]."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    mean_a, mean_b = a.mean(0), b.mean(0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    # trace(sqrt(A B)) = sum of sqrt eigenvalues of sqrt(A) B sqrt(A), which is symmetric.
    values, vectors = np.linalg.eigh(cov_a)
    root_a = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
    middle = np.linalg.eigvalsh(root_a @ cov_b @ root_a)
    cross = np.sqrt(np.clip(middle, 0, None)).sum()
    return float(((mean_a - mean_b) ** 2).sum() + np.trace(cov_a) + np.trace(cov_b) - 2 * cross)


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1) + 1e-9)


def feature_consistency(features: np.ndarray) -> float:
    """Mean cosine similarity of consecutive frames' features [T, F]."""
    return float(_cosine(features[1:], features[:-1]).mean())


def pixel_change(frames: np.ndarray) -> float:
    """Mean absolute change between consecutive frames, in 0..255 levels."""
    return float(np.abs(np.diff(frames.astype(np.int16), axis=0)).mean())


def drift(features: np.ndarray, fps: float) -> float:
    """1 - cosine between the mean features of the first and the last second."""
    second = max(1, round(fps))
    return float(1 - _cosine(features[:second].mean(0), features[-second:].mean(0)))
