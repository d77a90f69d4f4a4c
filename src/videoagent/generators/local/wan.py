"""Wan 2.x text-to-video through diffusers (`WanPipeline`): 16 fps, 4k+1 frames, sizes in
multiples of 16. Image-to-video and VACE (references, editing) are not wired yet."""

from __future__ import annotations

from videoagent.generators.local.diffusers_video import DiffusersGenerator


class WanGenerator(DiffusersGenerator):
    name = "wan"
    pipelines = {"text-to-video": "WanPipeline"}
    native_fps = 16.0
    frame_step = 4
    size_multiple = 16
    default_steps = 30
    guidance = 5.0
