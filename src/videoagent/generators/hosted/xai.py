"""xAI video (Grok Imagine): POST /v1/videos/generations, then GET /v1/videos/{request_id}
until "done". Text-to-video, image-to-video (`image`) and reference-to-video
(`reference_images`, up to 7, named <IMAGE_0>… in the prompt). Whole seconds, 1-15.
The API has no cancel call: a cancelled run stops polling and lets the job finish there."""

from __future__ import annotations

from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, data_uri, nearest

ASPECTS = ["16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16"]
STATES = {
    "pending": "running",
    "queued": "queued",
    "done": "succeeded",
    "failed": "failed",
    "expired": "failed",
}


class XaiGenerator(HostedGenerator):
    name = "xai"

    def start(self, request: GenerationRequest, seconds: float) -> str:
        body: dict = {
            "model": self.model,
            "prompt": request.prompt,
            "duration": int(seconds),
            "aspect_ratio": nearest(ASPECTS, request.width, request.height),
            "resolution": "720p" if min(request.width, request.height) > 480 else "480p",
        }
        images = [{"url": data_uri(path)} for path in request.references]
        if request.mode == "reference-to-video":
            body["reference_images"] = images
            tags = " ".join(f"<IMAGE_{i}>" for i in range(len(images)))
            body["prompt"] = f"{request.prompt} References: {tags}."
        elif request.mode == "image-to-video":
            body["image"] = images[0]
        return self.http.call("POST", "/v1/videos/generations", body)["request_id"]

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", f"/v1/videos/{job_id}")
        state = STATES.get(data.get("status", ""), "running")
        video = data.get("video") or {}
        error = data.get("error")
        if isinstance(error, dict):
            error = error.get("message")
        if data.get("status") == "expired":
            error = "the job expired at xAI before it finished"
        return Remote(state, video_url=video.get("url"), error=error)  # type: ignore[arg-type]
