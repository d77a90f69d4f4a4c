"""Luma Dream Machine: POST /dream-machine/v1/generations, then GET …/generations/{id}
until `completed`; `assets.video` is the video. Lengths "5s" or "9s". Keyframes must be
public URLs, which a local project does not have, so only text-to-video is offered.
Cancel: DELETE …/generations/{id}."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, nearest

ASPECTS = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "9:21"]
STATES = {"queued": "queued", "dreaming": "running", "completed": "succeeded", "failed": "failed"}


class LumaGenerator(HostedGenerator):
    name = "luma"

    def start(self, request: GenerationRequest, seconds: float) -> str:
        body = {
            "prompt": request.prompt,
            "model": self.model,
            "aspect_ratio": nearest(ASPECTS, request.width, request.height),
            "duration": f"{int(seconds)}s",
            "resolution": "720p",
            "loop": False,
        }
        return self.http.call("POST", "/dream-machine/v1/generations", body)["id"]

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", f"/dream-machine/v1/generations/{job_id}")
        state = STATES.get(data.get("state", ""), "running")
        assets = data.get("assets") or {}
        return Remote(state, video_url=assets.get("video"), error=data.get("failure_reason"))  # type: ignore[arg-type]

    def stop_remote(self, job_id: str) -> bool:
        self.http.call("DELETE", f"/dream-machine/v1/generations/{job_id}", cancellable=False)
        return True
