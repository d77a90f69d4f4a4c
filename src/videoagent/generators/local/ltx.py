"""LTX-Video through diffusers: text-to-video (`LTXPipeline`), image-to-video
(`LTXImageToVideoPipeline`) and extension (`LTXConditionPipeline`, conditioned on the last
9 frames of the clip at frame 0: it makes them again, then what follows); 24 fps, 8k+1
frames, sizes in multiples of 32. Decoded at timestep 0.05, as its model card advises for
0.9.1 and later."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.local.diffusers_video import DiffusersGenerator


class LtxGenerator(DiffusersGenerator):
    name = "ltx"
    pipelines = {
        "text-to-video": "LTXPipeline",
        "image-to-video": "LTXImageToVideoPipeline",
        "extend": "LTXConditionPipeline",
    }
    native_fps = 24.0
    frame_step = 8
    size_multiple = 32
    default_steps = 40
    guidance = 3.0
    context_frames = 9  # 8k+1: one latent frame and a whole step of eight

    def call_options(self, pipe, request: GenerationRequest, frames: int) -> dict:
        return {"frame_rate": int(self.native_fps), "decode_timestep": 0.05}

    def extend_options(self, context: list) -> dict:
        from diffusers.pipelines.ltx.pipeline_ltx_condition import LTXVideoCondition

        return {"conditions": [LTXVideoCondition(video=context, frame_index=0)]}
