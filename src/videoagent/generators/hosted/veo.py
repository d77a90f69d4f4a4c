"""Google Veo through the Gemini API: POST /v1beta/models/{model}:predictLongRunning starts
a long-running operation; GET /v1beta/{operation} until `done`; the video URI is fetched
with the key. First frame (`image`), up to 3 reference images (`referenceImages`, asset
type). Lengths 4, 6 or 8 s. Cancel: POST /v1beta/{operation}:cancel."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote

# What the veo dialect leaves out of the prompt, said the way Veo's guide asks: as things,
# not as "no …" (a negative prompt names what to avoid).
NEGATIVE = "on-screen text, subtitles, watermark, logos, distorted anatomy, flicker"


def inline_image(path: str) -> dict:
    kind = mimetypes.guess_type(path)[0] or "image/png"
    return {
        "bytesBase64Encoded": base64.b64encode(Path(path).read_bytes()).decode(),
        "mimeType": kind,
    }


class VeoGenerator(HostedGenerator):
    name = "veo"

    def auth_headers(self) -> dict[str, str]:
        return {"x-goog-api-key": self.api_key}

    def start(self, request: GenerationRequest, seconds: float) -> str:
        instance: dict = {"prompt": request.prompt}
        if request.mode == "image-to-video":
            instance["image"] = inline_image(request.references[0])
        elif request.mode == "reference-to-video":
            instance["referenceImages"] = [
                {"image": inline_image(path), "referenceType": "asset"}
                for path in request.references
            ]
        parameters = {
            "aspectRatio": "9:16" if request.height > request.width else "16:9",
            "resolution": "1080p" if min(request.width, request.height) > 720 else "720p",
            "durationSeconds": int(seconds),
            "seed": request.seed,
            "negativePrompt": NEGATIVE,
        }
        body = {"instances": [instance], "parameters": parameters}
        return self.http.call("POST", f"/v1beta/models/{self.model}:predictLongRunning", body)[
            "name"
        ]

    def status(self, job_id: str) -> Remote:
        data = self.http.call("GET", f"/v1beta/{job_id}")
        if not data.get("done"):
            return Remote("running")
        if "error" in data:
            return Remote("failed", error=data["error"].get("message", "operation failed"))
        response = data.get("response", {}).get("generateVideoResponse", {})
        samples = response.get("generatedSamples") or []
        if not samples:
            filtered = response.get("raiMediaFilteredReasons") or ["no video in the response"]
            return Remote("failed", error="; ".join(filtered))
        return Remote("succeeded", video_url=samples[0]["video"]["uri"])

    def stop_remote(self, job_id: str) -> bool:
        self.http.call("POST", f"/v1beta/{job_id}:cancel", {}, cancellable=False)
        return True
