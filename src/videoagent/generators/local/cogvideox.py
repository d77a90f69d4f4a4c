"""CogVideoX through diffusers: text-to-video (`CogVideoXPipeline`); 8 fps, 8k+1 frames,
sizes in multiples of 16, with the dynamic guidance its authors recommend. Its
image-to-video is another checkpoint (the transformer takes the image latents too), so it
would be a backend of its own; not wired yet."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.local.diffusers_video import DiffusersGenerator


class CogVideoXGenerator(DiffusersGenerator):
    name = "cogvideox"
    pipelines = {"text-to-video": "CogVideoXPipeline"}
    native_fps = 8.0
    frame_step = 8
    size_multiple = 16
    default_steps = 50
    guidance = 6.0

    def call_options(self, pipe, request: GenerationRequest, frames: int) -> dict:
        # The transformer is built for one caption length; the prompt is padded to it.
        length = pipe.transformer.config.max_text_seq_length
        return {"use_dynamic_cfg": True, "max_sequence_length": length}
