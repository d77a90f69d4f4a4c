"""Open-weights video models run on this machine through Hugging Face `diffusers` (the
optional `diffusers` extra; a GPU is what makes them practical).

Configuration, from the environment (names in each catalog entry's `setup`):
- the model: a folder saved with `save_pretrained`, or a hub id already in the local
  Hugging Face cache. Nothing is downloaded unless VIDEOAGENT_DIFFUSERS_DOWNLOAD=1.
- VIDEOAGENT_DIFFUSERS_DEVICE: cuda, cpu, … (default: cuda when present, else cpu).
- VIDEOAGENT_DIFFUSERS_OFFLOAD: none, model or sequential (offload to the CPU for GPUs
  with little memory; sequential is the slowest and smallest).
- VIDEOAGENT_DIFFUSERS_STEPS: sampling steps (default: the family's own).

Each family says which pipeline class serves which mode, the frame counts it accepts
(`frame_step`·k + 1), the multiple its sizes must be, and the frame rate it was trained at.
The clip is made at the nearest size and length the model accepts, then conformed to the
asked shape like any provider's.
"""

from __future__ import annotations

import collections
import math
import os
import tempfile
from pathlib import Path

import numpy as np

from videoagent.errors import Cancelled, GenerationError, MissingDependency, NotConfigured
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.generators.catalog import capabilities
from videoagent.media.conform import conform
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate

try:
    import diffusers
    import torch
except ImportError as exc:  # the registry reports the extra to install
    raise MissingDependency(f"local diffusers models ({exc.name})", "diffusers") from exc


class DiffusersGenerator(Generator):
    """A diffusers video pipeline family: subclasses set the class attributes."""

    pipelines: dict[str, str] = {}  # mode → diffusers pipeline class name
    native_fps: float = 16.0
    frame_step: int = 4  # the model makes frame_step·k + 1 frames
    size_multiple: int = 16
    default_steps: int = 30
    guidance: float = 5.0
    negative_prompt: str = "blurry, distorted, low quality, watermark, text"
    # Frames of the clip an extension is conditioned on (its last ones; 0: no extend mode):
    # the model makes them again first, and the take keeps what follows.
    context_frames: int = 0

    @classmethod
    def _model(cls, model: str | None) -> str:
        return model or os.environ.get(capabilities(cls.name).setup["path_env"], "")

    @classmethod
    def _steps(cls, steps: int | None) -> int:
        return steps or int(os.environ.get("VIDEOAGENT_DIFFUSERS_STEPS", 0)) or cls.default_steps

    @classmethod
    def key_version(cls, model: str | None = None, steps: int | None = None, **_) -> str:
        """Another model (folder or hub id) or step count draws other pixels."""
        return f"{cls.version}-{cls._model(model)}-{cls._steps(steps)}steps"

    def __init__(
        self,
        *,
        model: str | None = None,
        steps: int | None = None,
        device: str | None = None,
        offload: str | None = None,
    ) -> None:
        super().__init__()
        self.model, self.steps = self._model(model), self._steps(steps)
        if not self.model:
            raise NotConfigured(
                f"backend {self.name!r} needs a model: export "
                f"{self.capabilities.setup['path_env']}=<folder or hub id>"
            )
        cuda = torch.cuda.is_available()
        self.device = (
            device or os.environ.get("VIDEOAGENT_DIFFUSERS_DEVICE") or ("cuda" if cuda else "cpu")
        )
        self.offload = offload or os.environ.get("VIDEOAGENT_DIFFUSERS_OFFLOAD", "none")
        if self.offload not in ("none", "model", "sequential"):
            raise NotConfigured(
                f"VIDEOAGENT_DIFFUSERS_OFFLOAD must be none, model or sequential, "
                f"got {self.offload!r}"
            )
        self.dtype = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        self._loaded: dict[str, object] = {}

    # Loading -------------------------------------------------------------------------

    def pipeline(self, mode: str):
        """The pipeline for `mode`, loaded once (components shared between modes)."""
        if mode not in self._loaded:
            cls = getattr(diffusers, self.pipelines[mode])
            others = list(self._loaded.values())
            try:
                if others:  # same weights, another task: reuse the loaded modules
                    pipe = cls.from_pipe(others[0])
                else:
                    pipe = cls.from_pretrained(
                        self.model,
                        torch_dtype=self.dtype,
                        local_files_only=os.environ.get("VIDEOAGENT_DIFFUSERS_DOWNLOAD") != "1",
                    )
            except (OSError, ValueError) as exc:
                raise GenerationError(
                    f"{self.name}: could not load {self.model!r} as {cls.__name__}: "
                    f"{str(exc).splitlines()[0]}"
                ) from None
            self._place(pipe)
            pipe.set_progress_bar_config(disable=True)
            self._loaded[mode] = pipe
        return self._loaded[mode]

    def _place(self, pipe) -> None:
        if self.offload == "model":
            pipe.enable_model_cpu_offload(device=self.device)
        elif self.offload == "sequential":
            pipe.enable_sequential_cpu_offload(device=self.device)
        else:
            pipe.to(self.device)
        vae = getattr(pipe, "vae", None)
        if vae is not None and hasattr(vae, "enable_tiling") and self.offload != "none":
            vae.enable_tiling()

    # Shapes --------------------------------------------------------------------------

    def model_frames(self, seconds: float) -> int:
        """The fewest frames (frame_step·k + 1) that cover `seconds` at the native rate."""
        wanted = max(math.ceil(seconds * self.native_fps), 1)
        return self.frame_step * math.ceil((wanted - 1) / self.frame_step) + 1

    def model_size(self, width: int, height: int) -> tuple[int, int]:
        m = self.size_multiple
        return max(m, math.ceil(width / m) * m), max(m, math.ceil(height / m) * m)

    def call_options(self, pipe, request: GenerationRequest, frames: int) -> dict:
        """Family-specific keyword arguments for the pipeline call."""
        return {}

    def extend_options(self, context: list) -> dict:
        """The pipeline's keyword arguments that condition it on `context` (PIL images, the
        clip's last frames at the model's size), for families with an extend mode."""
        raise GenerationError(f"{self.name} has no extend mode")

    # Generating ----------------------------------------------------------------------

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        if request.mode not in self.pipelines:
            raise GenerationError(f"{self.name} has no {request.mode} mode")
        pipe = self.pipeline(request.mode)
        width, height = self.model_size(request.width, request.height)
        context = self._context(request, width, height)
        lead = len(context) / self.native_fps  # seconds the model makes again first
        frames = self.model_frames(request.seconds + lead)
        arguments = {
            "prompt": request.prompt,
            "negative_prompt": self.negative_prompt,
            "num_frames": frames,
            "width": width,
            "height": height,
            "num_inference_steps": self.steps,
            "guidance_scale": self.guidance,
            "generator": torch.Generator("cpu").manual_seed(request.seed),
            "output_type": "np",
            "callback_on_step_end": self._stop_if_asked,
            **self.call_options(pipe, request, frames),
        }
        if request.mode == "image-to-video":
            from PIL import Image

            arguments["image"] = Image.open(request.references[0]).convert("RGB")
        if context:
            arguments |= self.extend_options(context)
        try:
            with torch.inference_mode():
                video = pipe(**arguments).frames[0]
        except torch.cuda.OutOfMemoryError:
            raise GenerationError(
                f"{self.name} ran out of GPU memory at {width}x{height}, {frames} frames; "
                "try VIDEOAGENT_DIFFUSERS_OFFLOAD=model"
            ) from None
        picture = np.clip(np.asarray(video) * 255 + 0.5, 0, 255).astype(np.uint8)
        with tempfile.TemporaryDirectory(dir=Path(output).parent) as work:
            made = Path(work) / "model.mp4"
            rate = FrameRate.of(self.native_fps)
            with Mp4Writer(made, size=(width, height), rate=rate, frames=len(picture)) as out:
                for frame in picture:
                    out.write(frame)
            conformed = conform(
                made,
                Path(output),
                width=request.width,
                height=request.height,
                rate=request.rate,
                frames=request.frames,
                cuts=request.cuts,
                skip=lead,
            )
        report = {
            "model": self.model,
            "pipeline": type(pipe).__name__,
            "steps": self.steps,
            "made": {"frames": frames, "size": [width, height], "fps": self.native_fps},
            "context_frames": len(context),
            "delivered": conformed.to_dict(),
            "device": self.device,
        }
        return self.finished(request, output, report)

    def _context(self, request: GenerationRequest, width: int, height: int) -> list:
        """The last `context_frames` frames of the clip an extension carries on, as PIL
        images of the model's size (none for other modes)."""
        if request.mode != "extend":
            return []
        from PIL import Image

        from videoagent.media.fit import fit_picture
        from videoagent.media.frames import iter_frames

        last = collections.deque(iter_frames(request.references[0]), maxlen=self.context_frames)
        if not last:
            raise GenerationError(f"{self.name}: {request.references[0]} has no frames to extend")
        return [Image.fromarray(fit_picture(frame, width, height)) for frame in last]

    def _stop_if_asked(self, pipe, step: int, timestep, tensors: dict) -> dict:
        if self.stop.is_set():
            raise Cancelled(f"{self.name}: cancelled at step {step}")
        return tensors
