"""Google Veo through the Gemini API: POST /v1beta/models/{model}:predictLongRunning starts
a long-running operation; GET /v1beta/{operation} until `done`; the video URI is fetched
with the key. First frame (`image`), up to 3 reference images (`referenceImages`, asset
type). Lengths 4, 6 or 8 s. Cancel: POST /v1beta/{operation}:cancel.

Extension: the same call with the video to extend as `video.uri`. The Gemini API extends
only videos Veo made, named by the URI it gave them (kept two days), at 720p, by 7 s, and
returns the video with its new part: so each take keeps Veo's URI in its report, an
extension names the URI of the take it continues, and the take keeps the last 7 s."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from videoagent.errors import DamagedProject, GenerationError
from videoagent.generators.base import GenerationRequest
from videoagent.generators.hosted.adapter import HostedGenerator, Remote
from videoagent.media.probe import probe
from videoagent.store.files import read_sealed_json
from videoagent.store.takes import TAKE_RECORD

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
        parameters: dict = {
            "aspectRatio": "9:16" if request.height > request.width else "16:9",
            "seed": request.seed,
            "negativePrompt": NEGATIVE,
        }
        if request.mode == "extend":  # 7 s more at 720p, whatever length is asked
            instance["video"] = {"uri": veo_video(Path(request.references[0]))["veo_video"]}
            parameters["resolution"] = "720p"
        else:
            big = min(request.width, request.height) > 720
            parameters["resolution"] = "1080p" if big else "720p"
            parameters["durationSeconds"] = int(seconds)
        if request.mode == "image-to-video":
            instance["image"] = inline_image(request.references[0])
        elif request.mode == "reference-to-video":
            instance["referenceImages"] = [
                {"image": inline_image(path), "referenceType": "asset"}
                for path in request.references
            ]
        body = {"instances": [instance], "parameters": parameters}
        return self.http.call("POST", f"/v1beta/models/{self.model}:predictLongRunning", body)[
            "name"
        ]

    def before_new_part(self, request: GenerationRequest, download: Path) -> float:
        if request.mode != "extend":
            return 0.0
        return max(probe(download).duration - self.capabilities.extension_seconds, 0.0)

    def remembered(self, remote: Remote, download: Path) -> dict:
        return {"veo_video": remote.video_url}

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


def veo_video(clip: Path) -> dict:
    """What Veo said of the video a take's `clip` was cut from (its URI), read from the
    take's record; GenerationError when Veo did not make it."""
    try:
        record = read_sealed_json(clip.parent / TAKE_RECORD)
    except (OSError, ValueError, DamagedProject):
        record = {}
    report = record.get("report") or {}
    if record.get("backend") != "veo" or not report.get("veo_video"):
        made = record.get("backend") or "an unknown backend"
        raise GenerationError(
            f"veo extends only videos it made; {clip.parent.name}/{clip.name} was made by {made}"
        )
    return report
