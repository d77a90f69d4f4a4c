"""The `embedded` generator: our own text-to-video model, shipped inside the package.

The prompt is parsed into a synthworld scene and rewritten as the dense caption the model
was trained on (so "a pup" and "a puppy" read alike). The model makes 112x64 frames at
8 fps, one after another; they are resampled to the asked frame rate (each output frame a
blend of the two model frames around its moment) and scaled to the asked size. Image-to-
video takes its first frame from the first reference; extend continues the last frames of
the first reference when that is a clip.
A model trained with layouts is also told where the scene's entities are in each frame, as
synthworld would stage them for that seed (boxes, facing, colour); the shipped weights
predate layouts and draw without.

It cannot draw anything finer than its 112x64 frames hold: small creatures are blobs of the
right colour and shape, and it knows only the synthworld vocabulary.
"""

from __future__ import annotations

import collections
import math
import time
from pathlib import Path

import numpy as np
from PIL import Image

from videoagent.errors import GenerationError, MissingDependency
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.media.fit import fit_picture
from videoagent.media.frames import iter_frames
from videoagent.media.writer import Mp4Writer
from videoagent.store.files import file_sha256
from videoagent.synthworld import caption, parse

WEIGHTS = Path(__file__).resolve().parent.parent / "nn" / "weights"
VIDEO_MODEL = WEIGHTS / "video_model.pt"
AUTOENCODER = WEIGHTS / "frame_autoencoder.pt"
DEFAULT_STEPS = 4


def resample(frames: np.ndarray, native_fps: float, fps: float, count: int) -> np.ndarray:
    """`count` frames at `fps` from frames made at `native_fps`, blending neighbours."""
    moments = np.arange(count) * native_fps / fps
    before = np.clip(np.floor(moments).astype(int), 0, len(frames) - 1)
    after = np.clip(before + 1, 0, len(frames) - 1)
    weight = (moments - np.floor(moments))[:, None, None, None]
    blended = frames[before] * (1 - weight) + frames[after] * weight
    return blended.round().astype(np.uint8)


def _start_frames(request: GenerationRequest, size: tuple[int, int]) -> np.ndarray | None:
    """The frames a take continues from: a picture (image-to-video) or a clip's end (extend)."""
    if request.mode not in ("image-to-video", "extend") or not request.references:
        return None
    source = Path(request.references[0])
    if source.suffix.lower() in (".mp4", ".mov", ".mkv", ".webm"):
        pictures = list(collections.deque(iter_frames(source), maxlen=4))
    else:
        pictures = [np.asarray(Image.open(source).convert("RGB"))]
    return np.stack([fit_picture(p, *size) for p in pictures])


class EmbeddedGenerator(Generator):
    """Our diffusion transformer behind the Generator interface."""

    name = "embedded"

    def __init__(self, steps: int = DEFAULT_STEPS) -> None:
        super().__init__()
        try:
            from videoagent.nn import checkpoint
            from videoagent.nn.video_sampling import ClipSampler
        except ImportError as exc:
            raise MissingDependency("backend 'embedded' (torch)", "embedded") from exc
        if not VIDEO_MODEL.exists():
            raise MissingDependency(f"backend 'embedded' (weights {VIDEO_MODEL.name})", "embedded")
        model, self.facts = checkpoint.load(VIDEO_MODEL)
        autoencoder = None
        if model.config.frame_codec == "autoencoder":  # a pixel model needs no decoder
            if not AUTOENCODER.exists():
                raise MissingDependency(
                    f"backend 'embedded' (weights {AUTOENCODER.name})", "embedded"
                )
            autoencoder, _ = checkpoint.load(AUTOENCODER)
        self.sampler = ClipSampler(model, autoencoder)
        self.steps = steps
        self.native_fps = model.config.fps
        factor = self.sampler.autoencoder.config.factor
        self.native_size = (model.config.latent_width * factor, model.config.latent_height * factor)
        # Other weights or another step count give other pixels for the same request.
        self.version = f"{file_sha256(VIDEO_MODEL)[:12]}-{steps}steps"

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        from videoagent.nn.video_sampling import Sampling

        parsed = parse(request.prompt)
        text = caption(parsed.spec)
        native_frames = math.floor(request.seconds * self.native_fps) + 2
        began = time.perf_counter()
        try:
            start = _start_frames(request, self.native_size)
            layout = self._layout(parsed.spec, native_frames, request.seed, start)
            sampling = Sampling(steps=self.steps, seed=request.seed)
            made = self.sampler.clip(text, native_frames, sampling, start=start, layout=layout)
        except (OSError, ValueError) as exc:
            raise GenerationError(f"embedded could not generate {request.label}: {exc}") from exc
        compute = time.perf_counter() - began
        frames = resample(made, self.native_fps, float(request.rate.fps), request.frames)
        with Mp4Writer(
            output, size=(request.width, request.height), rate=request.rate, frames=request.frames
        ) as writer:
            for frame in frames:
                writer.write(fit_picture(frame, request.width, request.height))
        report = {
            "understood": parsed.spec.to_dict(),
            "caption": text,
            "placeholders": parsed.placeholders,
            "unsupported_words": parsed.unsupported_words,
            "notes": parsed.notes,
            "steps": self.steps,
            "layout": "staged from the scene" if layout is not None else "none (the model's own)",
            "native": {"size": list(self.native_size), "fps": self.native_fps},
            "compute_seconds": round(compute, 2),
        }
        return Job(
            self.name,
            request,
            status="succeeded",
            output=Path(output),
            report=report,
            cost=self.capabilities.price(request.seconds),
        )

    def _layout(self, spec, frames: int, seed: int, start: np.ndarray | None) -> np.ndarray | None:
        """Where synthworld would stage the scene's entities, frame by frame, for a model
        trained with layouts. A given picture or clip already places them, so image-to-video
        and extend go without."""
        if start is not None or not self.sampler.model.config.layout_channels:
            return None
        from videoagent.nn import scene_layout

        return scene_layout.staged(spec, self.native_size, self.native_fps, frames, seed)
