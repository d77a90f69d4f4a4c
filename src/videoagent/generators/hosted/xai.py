"""xAI video (Grok Imagine): POST /v1/videos/generations, then GET /v1/videos/{request_id}
until "done". Text-to-video, image-to-video (`image`) and reference-to-video
(`reference_images`, up to 7, named <IMAGE_0>… in the prompt). Whole seconds, 1-15.
Extension: POST /v1/videos/extensions with the clip (2-15 s, as a data URI) and the seconds
to add (2-10); the video it returns is the clip followed by the new part, whose new part the
delivery keeps. The API has no cancel call: a cancelled run stops polling and lets the job
finish there."""

from __future__ import annotations

from pathlib import Path

from videoagent.errors import GenerationError
from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote, data_uri, nearest
from videoagent.media.probe import probe

ASPECTS = ["16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16"]
SOURCE_SECONDS = (2.0, 15.0)  # the clips it extends
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
        if request.mode == "extend":
            return self._extend(request, seconds)
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

    def _extend(self, request: GenerationRequest, seconds: float) -> str:
        source = request.references[0]
        length = probe(source).duration
        if not SOURCE_SECONDS[0] <= length <= SOURCE_SECONDS[1]:
            raise GenerationError(
                f"xai extends clips of {SOURCE_SECONDS[0]:g}-{SOURCE_SECONDS[1]:g} s; "
                f"{Path(source).name} lasts {length:.2f} s"
            )
        body = {
            "model": self.model,
            "prompt": request.prompt,
            "duration": int(seconds),
            "video": {"url": data_uri(source)},
        }
        return self.http.call("POST", "/v1/videos/extensions", body)["request_id"]

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
