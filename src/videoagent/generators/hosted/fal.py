"""fal queue: POST https://queue.fal.run/{model} answers with the request's status, response
and cancel URLs; GET the status URL until COMPLETED, then GET the response URL for
`video.url`. Auth "Key …". The default model (Kling 2.1 standard through fal) takes
"5" or "10" seconds and a first frame as `image_url`. Cancel: PUT the cancel URL."""

from __future__ import annotations

from videoagent.errors import GenerationError
from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, data_uri, nearest

ASPECTS = ["16:9", "9:16", "1:1"]


class FalGenerator(HostedGenerator):
    name = "fal"

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._urls: dict[str, dict[str, str]] = {}

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Key {self.api_key}"}

    def start(self, request: GenerationRequest, seconds: float) -> str:
        body: dict = {
            "prompt": request.prompt,
            "duration": str(int(seconds)),
            "aspect_ratio": nearest(ASPECTS, request.width, request.height),
            "seed": request.seed,
        }
        if request.mode == "image-to-video":
            body["image_url"] = data_uri(request.references[0])
        data = self.http.call("POST", f"/{self.model}", body)
        self._urls[data["request_id"]] = {
            key: data[key] for key in ("status_url", "response_url", "cancel_url")
        }
        return data["request_id"]

    def _request_url(self, job_id: str, kind: str) -> str:
        known = self._urls.get(job_id)
        if known:
            return known[kind]
        suffix = {"status_url": "/status", "response_url": "", "cancel_url": "/cancel"}[kind]
        return f"/{self.model}/requests/{job_id}{suffix}"

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", self._request_url(job_id, "status_url"))
        state = data.get("status")
        if state == "IN_QUEUE":
            return Remote("queued")
        if state != "COMPLETED":
            return Remote("running")
        if data.get("error"):
            return Remote("failed", error=str(data["error"]))
        try:
            result = self.http.call("GET", self._request_url(job_id, "response_url"))
        except GenerationError as exc:  # fal answers a failed request's result with a 4xx
            return Remote("failed", error=str(exc))
        video = result.get("video") or {}
        return Remote("succeeded", video_url=video.get("url"))

    def stop_remote(self, job_id: str) -> bool:
        self.http.call("PUT", self._request_url(job_id, "cancel_url"), {}, cancellable=False)
        return True
