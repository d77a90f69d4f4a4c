"""Fitting a picture to another size: centre-crop to the new aspect, then scale (no bars,
no stretching)."""

from __future__ import annotations

import numpy as np
from PIL import Image


def centre_crop(w: int, h: int, width: int, height: int) -> tuple[int, int, int, int]:
    """The part (x0, y0, crop width, crop height) of a w x h picture that `fit_picture`
    keeps when fitting it to width x height."""
    aspect = width / height
    crop_w, crop_h = min(w, round(h * aspect)), min(h, round(w / aspect))
    return (w - crop_w) // 2, (h - crop_h) // 2, crop_w, crop_h


def fit_picture(
    frame: np.ndarray,
    width: int,
    height: int,
    resample: Image.Resampling = Image.Resampling.BICUBIC,
) -> np.ndarray:
    """`frame` [H, W, 3] as [height, width, 3]."""
    h, w = frame.shape[:2]
    if (w, h) == (width, height):
        return frame
    x0, y0, crop_w, crop_h = centre_crop(w, h, width, height)
    picture = Image.fromarray(frame[y0 : y0 + crop_h, x0 : x0 + crop_w])
    return np.asarray(picture.resize((width, height), resample))
