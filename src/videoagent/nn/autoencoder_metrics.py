"""How well an autoencoder keeps the picture, what it compresses, and what it costs per frame.

PSNR over whole frames, and over the boxes of the entities in them (from ground truth): a
dog 10 px tall is a small part of a frame but the part a viewer looks at. PSNR rewards a
soft average, so sharpness inside those boxes is measured too: the edge energy (differences
between neighbouring pixels) of the reconstruction over that of the original.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import torch

from videoagent.nn.temporal_autoencoder import TemporalAutoencoder
from videoagent.synthworld.dataset import SynthworldDataset


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else float(10 * np.log10(255.0**2 / mse))


def edge_energy(picture: np.ndarray) -> float:
    """Sum of absolute differences between neighbouring pixels of uint8 [H, W, 3]."""
    values = picture.astype(np.float64)
    return float(np.abs(np.diff(values, axis=0)).sum() + np.abs(np.diff(values, axis=1)).sum())


def to_tensor(frames: np.ndarray) -> torch.Tensor:
    """uint8 [..., H, W, 3] → float [..., 3, H, W] in 0..1."""
    return torch.from_numpy(frames).movedim(-1, -3).float() / 255


def to_pixels(frames: torch.Tensor) -> np.ndarray:
    return (frames.clamp(0, 1) * 255).round().byte().movedim(-3, -1).numpy()


@torch.no_grad()
def reconstruct(model: torch.nn.Module, clip: np.ndarray) -> np.ndarray:
    """A clip [T, H, W, 3] through the autoencoder and back (T a multiple of 4 for the
    temporal model)."""
    if isinstance(model, TemporalAutoencoder):
        return to_pixels(model(to_tensor(clip)[None])[0][0])
    return to_pixels(model(to_tensor(clip))[0])


def reconstruction_metrics(
    model: torch.nn.Module, dataset: SynthworldDataset, *, clips: int = 100
) -> dict:
    """PSNR (whole frames and entity boxes) over the first `clips` clips of `dataset`, and the
    edge energy inside entity boxes relative to the originals' (1 = as sharp)."""
    whole, boxes = [], []
    edges_back, edges_original = 0.0, 0.0
    for i in range(min(clips, len(dataset))):
        frames, _, row = dataset[i]
        restored = reconstruct(model, frames)
        for original, back, truth in zip(frames, restored, row["truth"], strict=True):
            whole.append(psnr(original, back))
            for entity in truth["entities"]:
                x0, y0, x1, y1 = entity["box"]
                if entity["visible"] > 0.5 and x1 - x0 >= 2 and y1 - y0 >= 2:
                    boxes.append(psnr(original[y0:y1, x0:x1], back[y0:y1, x0:x1]))
                    edges_back += edge_energy(back[y0:y1, x0:x1])
                    edges_original += edge_energy(original[y0:y1, x0:x1])
    return {
        "psnr": round(statistics.mean(whole), 2),
        "entity_psnr": round(statistics.mean(boxes), 2) if boxes else None,
        "entity_edges": round(edges_back / edges_original, 3) if edges_original else None,
        "frames": len(whole),
    }


@torch.no_grad()
def latency_ms(model: torch.nn.Module, size: tuple[int, int], *, repeats: int = 30) -> dict:
    """Median milliseconds to encode and decode one frame on one thread, and the frames a
    streaming decoder must wait for before it can show the first one."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        width, height = size
        temporal = isinstance(model, TemporalAutoencoder)
        group = model.config.frames_per_latent if temporal else 1
        sample = (
            torch.rand(1, group, 3, height, width) if temporal else torch.rand(1, 3, height, width)
        )
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            model.decode(model.encode(sample))
            times.append((time.perf_counter() - began) * 1000 / group)
        latent = model.encode(sample)
    finally:
        torch.set_num_threads(threads)
    return {
        "ms_per_frame": round(statistics.median(times), 2),
        "lag_frames": group - 1,
        "compression": round(3 * width * height * group / latent.numel(), 1),
        "latent_shape": list(latent.shape[1:]),
    }
