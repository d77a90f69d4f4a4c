"""Replicate predictions: POST /v1/models/{owner}/{name}/predictions with `input`, then
GET /v1/predictions/{id} until `succeeded`; `output` is the video URL (or a list of them).
Outputs are deleted after an hour, hence the immediate download. The default model
(Wan 2.2 text-to-video) makes 5 s clips from a prompt and seed.
Cancel: POST /v1/predictions/{id}/cancel."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, nearest

ASPECTS = ["16:9", "9:16"]
STATES = {
    "starting": "queued",
    "processing": "running",
    "succeeded": "succeeded",
    "failed": "failed",
    "canceled": "cancelled",
}


class ReplicateGenerator(HostedGenerator):
    name = "replicate"

    def start(self, request: GenerationRequest, seconds: float) -> str:
        body = {
            "input": {
                "prompt": request.prompt,
                "seed": request.seed,
                "aspect_ratio": nearest(ASPECTS, request.width, request.height),
            }
        }
        return self.http.call("POST", f"/v1/models/{self.model}/predictions", body)["id"]

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", f"/v1/predictions/{job_id}")
        state = STATES.get(data.get("status", ""), "running")
        output = data.get("output")
        if isinstance(output, list):
            output = output[0] if output else None
        return Remote(state, video_url=output, error=data.get("error"))  # type: ignore[arg-type]

    def stop_remote(self, job_id: str) -> bool:
        self.http.call("POST", f"/v1/predictions/{job_id}/cancel", {}, cancellable=False)
        return True
