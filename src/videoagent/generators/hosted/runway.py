"""Runway: POST /v1/text_to_video or /v1/image_to_video (header X-Runway-Version), then
GET /v1/tasks/{id} until SUCCEEDED; `output[0]` is the video. Prompt text up to 1,000
characters; whole seconds 2-10; ratios as "1280:720". Cancel: DELETE /v1/tasks/{id}."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, data_uri, nearest

API_VERSION = "2024-11-06"
RATIOS = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"]
STATES = {
    "PENDING": "queued",
    "THROTTLED": "queued",
    "RUNNING": "running",
    "SUCCEEDED": "succeeded",
    "FAILED": "failed",
    "CANCELLED": "cancelled",
}


class RunwayGenerator(HostedGenerator):
    name = "runway"

    def auth_headers(self) -> dict[str, str]:
        return super().auth_headers() | {"X-Runway-Version": API_VERSION}

    def start(self, request: GenerationRequest, seconds: float) -> str:
        body: dict = {
            "model": self.model,
            "promptText": request.prompt,
            "ratio": nearest(RATIOS, request.width, request.height),
            "duration": int(seconds),
            "seed": request.seed,
        }
        path = "/v1/text_to_video"
        if request.mode == "image-to-video":
            body["promptImage"] = data_uri(request.references[0])
            path = "/v1/image_to_video"
        return self.http.call("POST", path, body)["id"]

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", f"/v1/tasks/{job_id}")
        state = STATES.get(data.get("status", ""), "running")
        output = data.get("output") or []
        return Remote(
            state,  # type: ignore[arg-type]
            video_url=output[0] if output else None,
            error=data.get("failure") or data.get("failureCode"),
            progress=data.get("progress"),
        )

    def stop_remote(self, job_id: str) -> bool:
        self.http.call("DELETE", f"/v1/tasks/{job_id}", cancellable=False)
        return True
