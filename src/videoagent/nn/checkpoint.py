"""Checkpoints that carry their own config: weights (half precision) + architecture + metrics.

A checkpoint names its architecture; `load` rebuilds it from the stored config alone, so a
shipped weight file is all the package needs (no network, no separate config file).
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import asdict
from pathlib import Path

import torch
from torch import nn

from videoagent.errors import UsageError
from videoagent.nn.autoencoder import FrameAutoencoder, FrameAutoencoderConfig
from videoagent.nn.entity_model import EntityModel, EntityModelConfig
from videoagent.nn.plate_upsampler import PlateUpsampler, PlateUpsamplerConfig
from videoagent.nn.recognizer import Recognizer, RecognizerConfig
from videoagent.nn.temporal_autoencoder import TemporalAutoencoder, TemporalAutoencoderConfig
from videoagent.nn.token_world_model import TokenWorldModel, TokenWorldModelConfig
from videoagent.nn.video_model import VideoModel, VideoModelConfig
from videoagent.nn.world_model import WorldModel, WorldModelConfig
from videoagent.store.files import atomic_write_bytes

ARCHITECTURES: dict[str, tuple[type[nn.Module], type]] = {
    "frame_autoencoder": (FrameAutoencoder, FrameAutoencoderConfig),
    "entity_model": (EntityModel, EntityModelConfig),
    "plate_upsampler": (PlateUpsampler, PlateUpsamplerConfig),
    "temporal_autoencoder": (TemporalAutoencoder, TemporalAutoencoderConfig),
    "recognizer": (Recognizer, RecognizerConfig),
    "video_model": (VideoModel, VideoModelConfig),
    "world_model": (WorldModel, WorldModelConfig),
    "token_world_model": (TokenWorldModel, TokenWorldModelConfig),
}


def save(path: Path, architecture: str, model: nn.Module, **extra) -> None:
    """Write `model` with its config and `extra` facts (metrics, data, training time)."""
    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    extra = json.loads(json.dumps(extra, default=float))  # plain types: loadable weights-only
    buffer = io.BytesIO()
    torch.save(
        {"architecture": architecture, "config": asdict(model.config), "state": state, **extra},
        buffer,
    )
    atomic_write_bytes(Path(path), buffer.getvalue())


def load(path: Path) -> tuple[nn.Module, dict]:
    """The model stored at `path`, in eval mode and float32, and everything saved with it."""
    try:
        stored = torch.load(Path(path), map_location="cpu", weights_only=True)
    except (OSError, RuntimeError, EOFError, ValueError, pickle.UnpicklingError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot read checkpoint {str(path)!r}: {reason}") from exc
    if stored.get("architecture") not in ARCHITECTURES:
        raise UsageError(
            f"checkpoint {str(path)!r} has unknown architecture {stored.get('architecture')!r}"
        )
    model_class, config_class = ARCHITECTURES[stored["architecture"]]
    config = config_class(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in stored["config"].items()}
    )
    model = model_class(config)
    model.load_state_dict(
        {k: v.float() if v.is_floating_point() else v for k, v in stored["state"].items()}
    )
    return model.eval(), stored
