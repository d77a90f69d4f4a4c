"""Local fake servers for every hosted video provider, each speaking that provider's
documented wire format (paths, auth headers, bodies, job states, result links), with the
failures real services show: 429 with Retry-After, 5xx, slow answers, failed jobs, expired
result links. A request in the wrong shape gets the 400/422 the real API would give, so an
adapter that drifts from the format fails its contract test.

Each server bills like its provider: a job that succeeds is charged its asked length times
the price; failed and cancelled jobs cost nothing. Result links point at "localhost" while
the API is at "127.0.0.1" (a different origin, as a CDN is), and the server records any
credential that reaches them.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from videoagent.media.probe import probe
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate

KEY = "test-key-0123"
CREDENTIAL_HEADERS = ("authorization", "x-goog-api-key")
_VIDEOS: dict[float, bytes] = {}
_VIDEO_LOCK = threading.Lock()
HELD_AT_MOST = 30.0  # seconds a job waits for others (`Scenario.held_until_in_flight`)


def provider_video(seconds: float, folder: Path) -> bytes:
    """A 320x180, 24 fps mp4 of `seconds` with a moving bar (what a provider delivers)."""
    with _VIDEO_LOCK:
        if seconds not in _VIDEOS:
            import numpy as np

            path = folder / f"provider-{seconds:g}.mp4"
            frames = round(seconds * 24)
            with Mp4Writer(path, size=(320, 180), rate=FrameRate.of(24), frames=frames) as out:
                for index in range(frames):
                    frame = np.full((180, 320, 3), 60, np.uint8)
                    frame[:, (index * 5) % 320 :][:, :16] = (230, 140, 40)
                    out.write(frame)
            _VIDEOS[seconds] = path.read_bytes()
        return _VIDEOS[seconds]


class Reply(Exception):
    """Raised by a route to answer with an HTTP error."""

    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.headers = status, headers or {}


@dataclass
class Scenario:
    """What the fake does this time. Counters are used up as they fire."""

    polls_before_done: int = 2
    fail: str | None = None  # the job fails with this message
    submit_429: int = 0  # submissions answered 429, Retry-After: 1
    status_429: int = 0
    status_500: int = 0
    hang_status: int = 0  # status reads answered after `hang_seconds`
    hang_submit: bool = False
    hang_seconds: float = 1.5
    expired_links: int = 0  # result links that answer 410 Gone
    # a job stays running until this many have been in flight at once (or `HELD_AT_MOST`
    # seconds passed): a limit of concurrency is then seen reached however slow the machine
    held_until_in_flight: int = 0


@dataclass
class FakeJob:
    id: str
    seconds: float  # of the video it delivers
    body: dict
    polls: int = 0
    state: str = "queued"  # queued, running, succeeded, failed, cancelled
    links: int = 0
    billed: float | None = None  # seconds charged, where not the whole video
    made: float = field(default_factory=time.monotonic)


@dataclass
class Ledger:
    """What happened at the provider, for tests to compare with what the adapter says."""

    submissions: list[dict] = field(default_factory=list)  # every POST that made a job
    refused: int = 0  # submissions answered 429
    charges: list[tuple[str, float]] = field(default_factory=list)
    cancels: list[str] = field(default_factory=list)
    leaked_credentials: list[str] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)  # seconds between a 429 and the retry
    peak_in_flight: int = 0  # the most jobs queued or running at once

    @property
    def charged(self) -> float:
        return round(sum(usd for _, usd in self.charges), 2)


class FakeProvider:
    """Base: an HTTP server on 127.0.0.1 with jobs, billing and the scenario's faults."""

    name = ""

    def __init__(self, folder: Path, *, price: float, scenario: Scenario | None = None) -> None:
        self.folder = folder
        self.price = price
        self.scenario = scenario or Scenario()
        self.jobs: dict[str, FakeJob] = {}
        self.ledger = Ledger()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._refused_at: float | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, headers, payload = fake.answer(method, self.path, self.headers, raw)
                body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    kind = "video/mp4" if isinstance(payload, bytes) else "application/json"
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout scenario)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PUT(self) -> None:
                self._serve("PUT")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # Provider-specific, in subclasses --------------------------------------------------

    def authorised(self, headers) -> bool:
        return headers.get("Authorization") == f"Bearer {KEY}"

    def route(self, method: str, path: str, query: dict, body: dict | None):
        raise NotImplementedError

    def link_host(self) -> str:
        return f"http://localhost:{self.port}"

    # Shared machinery ------------------------------------------------------------------

    def answer(self, method: str, raw_path: str, headers, raw: bytes):
        parsed = urllib.parse.urlsplit(raw_path)
        path, query = parsed.path, dict(urllib.parse.parse_qsl(parsed.query))
        try:
            if path.startswith("/files/"):
                return 200, {}, self.serve_file(path, headers)
            if not self.authorised(headers):
                # As some real services do: the refusal quotes the key it was given.
                given = [v for k, v in headers.items() if k.lower() in CREDENTIAL_HEADERS]
                raise Reply(401, f"invalid API key {' '.join(given)!r}")
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                raise Reply(400, "body is not JSON") from None
            return 200, {}, self.route(method, path, query, body)
        except Reply as reply:
            return reply.status, reply.headers, {"error": {"message": str(reply)}}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            return 400, {}, {"error": {"message": f"malformed request: {exc!r}"}}

    def submit(self, seconds: float, body: dict, billed: float | None = None) -> FakeJob:
        """Make a job from a valid submission, or answer with the scenario's fault."""
        scenario = self.scenario
        with self._lock:
            if scenario.submit_429 > 0:
                scenario.submit_429 -= 1
                self.ledger.refused += 1
                self._refused_at = time.monotonic()
                raise Reply(429, "rate limited", {"Retry-After": "1"})
            if self._refused_at is not None:
                self.ledger.waits.append(time.monotonic() - self._refused_at)
                self._refused_at = None
            job = FakeJob(f"job-{next(self._ids)}", seconds, body, billed=billed)
            self.jobs[job.id] = job
            self.ledger.submissions.append(body)
            in_flight = sum(j.state in ("queued", "running") for j in self.jobs.values())
            self.ledger.peak_in_flight = max(self.ledger.peak_in_flight, in_flight)
        if scenario.hang_submit:
            time.sleep(scenario.hang_seconds)
        return job

    def advance(self, job_id: str) -> FakeJob:
        """One status read: faults first, then the job moves on a step."""
        scenario = self.scenario
        with self._lock:
            job = self.jobs.get(job_id)
            if job is None:
                raise Reply(404, f"no job {job_id}")
            if scenario.status_429 > 0:
                scenario.status_429 -= 1
                raise Reply(429, "slow down", {"Retry-After": "1"})
            if scenario.status_500 > 0:
                scenario.status_500 -= 1
                raise Reply(503, "temporarily unavailable")
            hang = scenario.hang_status > 0
            scenario.hang_status -= hang
        if hang:
            time.sleep(scenario.hang_seconds)
        with self._lock:
            if job.state in ("queued", "running"):
                job.polls += 1
                held = (
                    self.ledger.peak_in_flight < scenario.held_until_in_flight
                    and time.monotonic() - job.made < HELD_AT_MOST
                )
                if job.polls > scenario.polls_before_done and not held:
                    if scenario.fail:
                        job.state = "failed"
                    else:
                        job.state = "succeeded"
                        charged = job.seconds if job.billed is None else job.billed
                        self.ledger.charges.append((job.id, round(charged * self.price, 4)))
                elif job.polls > 1:
                    job.state = "running"
        return job

    def link(self, job: FakeJob) -> str:
        """A fresh result link (each status read issues a new one, as signed URLs are)."""
        job.links += 1
        return f"{self.link_host()}/files/{job.id}-{job.links}.mp4"

    def cancel(self, job_id: str) -> None:
        with self._lock:
            job = self.jobs.get(job_id)
            if job is None:
                raise Reply(404, f"no job {job_id}")
            if job.state in ("queued", "running"):
                job.state = "cancelled"
            self.ledger.cancels.append(job_id)

    def serve_file(self, path: str, headers) -> bytes:
        name = path.rsplit("/", 1)[-1].removesuffix(".mp4")
        job_id = name.rsplit("-", 1)[0]
        if headers.get("Authorization") and not self.link_host().startswith(self.url):
            self.ledger.leaked_credentials.append(path)
        with self._lock:
            if self.scenario.expired_links > 0:
                self.scenario.expired_links -= 1
                raise Reply(410, "link expired")
        job = self.jobs.get(job_id)
        if job is None or job.state != "succeeded":
            raise Reply(404, "no such file")
        return provider_video(job.seconds, self.folder)


def need(condition: bool, message: str, status: int = 400) -> None:
    if not condition:
        raise Reply(status, message)


class FakeXai(FakeProvider):
    name = "xai"
    ASPECTS = {"16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16"}

    def route(self, method, path, query, body):
        if method == "POST" and path == "/v1/videos/generations":
            need(isinstance(body, dict), "JSON body required")
            need(isinstance(body.get("model"), str), "model required", 422)
            need(
                isinstance(body.get("prompt"), str) and 0 < len(body["prompt"]) <= 4096,
                "prompt must be 1-4096 characters",
                422,
            )
            duration = body.get("duration")
            need(isinstance(duration, int) and 1 <= duration <= 15, "duration must be 1-15", 422)
            need(body.get("aspect_ratio") in self.ASPECTS, "bad aspect_ratio", 422)
            need(body.get("resolution") in ("480p", "720p"), "bad resolution", 422)
            refs = body.get("reference_images")
            if refs is not None:
                need(isinstance(refs, list) and 1 <= len(refs) <= 7, "1-7 reference_images", 422)
                need(
                    all(str(r.get("url", "")).startswith("data:image/") for r in refs),
                    "reference_images need url",
                    422,
                )
            job = self.submit(duration, body)
            return {"request_id": job.id}
        if method == "POST" and path == "/v1/videos/extensions":
            # The video it returns is the clip followed by `duration` seconds more.
            need(isinstance(body.get("model"), str), "model required", 422)
            need(0 < len(str(body.get("prompt", ""))) <= 4096, "prompt must be 1-4096", 422)
            duration = body.get("duration")
            need(isinstance(duration, int) and 2 <= duration <= 10, "duration must be 2-10", 422)
            url = str((body.get("video") or {}).get("url", ""))
            need(url.startswith("data:video/mp4;base64,"), "video.url must be an mp4", 422)
            source = self.folder / f"source-{len(self.jobs)}.mp4"
            source.write_bytes(base64.b64decode(url.split(",", 1)[1]))
            length = probe(source).duration
            need(2 <= length <= 15, "the video must be 2-15 seconds long", 422)
            job = self.submit(round(length + duration, 3), body)
            return {"request_id": job.id}
        if method == "GET" and path.startswith("/v1/videos/"):
            job = self.advance(path.rsplit("/", 1)[-1])
            if job.state == "succeeded":
                return {
                    "status": "done",
                    "video": {"url": self.link(job), "duration": job.seconds},
                    "model": job.body["model"],
                }
            if job.state == "failed":
                return {"status": "failed", "error": {"message": self.scenario.fail}}
            return {"status": "pending"}
        raise Reply(404, f"no route {method} {path}")


class FakeVeo(FakeProvider):
    name = "veo"

    def authorised(self, headers) -> bool:
        return headers.get("x-goog-api-key") == KEY

    def link_host(self) -> str:
        return self.url  # Veo's files are fetched from the API host, with the key

    def route(self, method, path, query, body):
        if method == "POST" and path.endswith(":predictLongRunning"):
            need(path.startswith("/v1beta/models/"), "unknown model path", 404)
            instances = (body or {}).get("instances")
            need(isinstance(instances, list) and len(instances) == 1, "one instance", 400)
            instance, parameters = instances[0], body.get("parameters", {})
            need(isinstance(instance.get("prompt"), str), "instances[0].prompt required")
            need(parameters.get("aspectRatio") in ("16:9", "9:16"), "aspectRatio 16:9 or 9:16")
            if "video" in instance:
                # An extension: only a video this service made, by its URI, at 720p; the
                # video it returns is that one with 7 s more, the 7 s charged.
                need(parameters.get("resolution") == "720p", "extensions are made at 720p")
                uri = str(instance["video"].get("uri", ""))
                source = self.jobs.get(
                    uri.rsplit("/", 1)[-1].removesuffix(".mp4").rsplit("-", 1)[0]
                )
                need(
                    uri.startswith(f"{self.link_host()}/files/")
                    and source is not None
                    and source.state == "succeeded",
                    "video.uri must name a video Veo generated",
                )
                job = self.submit(round(source.seconds + 7, 3), body, billed=7)
                return {"name": f"models/veo/operations/{job.id}"}
            need(parameters.get("durationSeconds") in (4, 6, 8), "durationSeconds 4, 6 or 8")
            refs = instance.get("referenceImages")
            if refs is not None:
                need(len(refs) <= 3, "at most 3 referenceImages")
                need(
                    all(
                        r["image"].get("bytesBase64Encoded")
                        and r["image"].get("mimeType")
                        and r.get("referenceType") == "asset"
                        for r in refs
                    ),
                    "referenceImages need image bytes, mimeType and referenceType",
                )
            job = self.submit(parameters["durationSeconds"], body)
            return {"name": f"models/veo/operations/{job.id}"}
        if method == "POST" and path.endswith(":cancel"):
            self.cancel(path.removesuffix(":cancel").rsplit("/", 1)[-1])
            return {}
        if method == "GET" and "/operations/" in path:
            job = self.advance(path.rsplit("/", 1)[-1])
            name = path.removeprefix("/v1beta/")
            if job.state == "succeeded":
                return {
                    "name": name,
                    "done": True,
                    "response": {
                        "generateVideoResponse": {
                            "generatedSamples": [{"video": {"uri": self.link(job)}}]
                        }
                    },
                }
            if job.state == "failed":
                return {
                    "name": name,
                    "done": True,
                    "error": {"code": 3, "message": self.scenario.fail},
                }
            return {"name": name, "done": False}
        raise Reply(404, f"no route {method} {path}")


class FakeRunway(FakeProvider):
    name = "runway"
    RATIOS = {"1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"}
    STATES = {
        "queued": "PENDING",
        "running": "RUNNING",
        "succeeded": "SUCCEEDED",
        "failed": "FAILED",
        "cancelled": "CANCELLED",
    }

    def route(self, method, path, query, body):
        if method == "POST" and path in ("/v1/text_to_video", "/v1/image_to_video"):
            need(isinstance(body, dict), "JSON body required")
            need(
                isinstance(body.get("promptText"), str) and len(body["promptText"]) <= 1000,
                "promptText must be at most 1000 characters",
            )
            need(body.get("ratio") in self.RATIOS, "bad ratio")
            need(
                isinstance(body.get("duration"), int) and 2 <= body["duration"] <= 10,
                "duration must be 2-10",
            )
            if path == "/v1/image_to_video":
                need(str(body.get("promptImage", "")).startswith("data:image/"), "promptImage")
            job = self.submit(body["duration"], body)
            return {"id": job.id}
        if method == "GET" and path.startswith("/v1/tasks/"):
            job = self.advance(path.rsplit("/", 1)[-1])
            answer = {"id": job.id, "status": self.STATES[job.state]}
            if job.state == "succeeded":
                answer["output"] = [self.link(job)]
            if job.state == "failed":
                answer["failure"] = self.scenario.fail
            return answer
        if method == "DELETE" and path.startswith("/v1/tasks/"):
            self.cancel(path.rsplit("/", 1)[-1])
            return {}
        raise Reply(404, f"no route {method} {path}")

    def answer(self, method, raw_path, headers, raw):
        if not raw_path.startswith("/files/") and headers.get("X-Runway-Version") != "2024-11-06":
            return 400, {}, {"error": "X-Runway-Version header required"}
        return super().answer(method, raw_path, headers, raw)


class FakeLuma(FakeProvider):
    name = "luma"
    STATES = {
        "queued": "queued",
        "running": "dreaming",
        "succeeded": "completed",
        "failed": "failed",
    }

    def route(self, method, path, query, body):
        base = "/dream-machine/v1/generations"
        if method == "POST" and path == base:
            need(isinstance(body, dict) and isinstance(body.get("prompt"), str), "prompt")
            need(body.get("duration") in ("5s", "9s"), "duration must be 5s or 9s")
            need(isinstance(body.get("aspect_ratio"), str), "aspect_ratio")
            job = self.submit(float(body["duration"][:-1]), body)
            return {"id": job.id, "state": "queued"}
        if path.startswith(base + "/"):
            job_id = path.rsplit("/", 1)[-1]
            if method == "DELETE":
                self.cancel(job_id)
                return {}
            job = self.advance(job_id)
            if job.state == "cancelled":
                raise Reply(404, "generation deleted")
            answer = {"id": job.id, "state": self.STATES[job.state], "assets": None}
            if job.state == "succeeded":
                answer["assets"] = {"video": self.link(job)}
            if job.state == "failed":
                answer["failure_reason"] = self.scenario.fail
            return answer
        raise Reply(404, f"no route {method} {path}")


class FakeFal(FakeProvider):
    name = "fal"

    def authorised(self, headers) -> bool:
        return headers.get("Authorization") == f"Key {KEY}"

    def route(self, method, path, query, body):
        if "/requests/" in path:
            model, _, rest = path.lstrip("/").partition("/requests/")
            job_id, _, action = rest.partition("/")
            if method == "PUT" and action == "cancel":
                self.cancel(job_id)
                return {"status": "CANCELLATION_REQUESTED"}
            if method == "GET" and action == "status":
                job = self.advance(job_id)
                if job.state == "queued":
                    return {"status": "IN_QUEUE", "queue_position": 0}
                if job.state == "running":
                    return {"status": "IN_PROGRESS"}
                return {"status": "COMPLETED"}
            if method == "GET" and action == "":
                job = self.jobs.get(job_id)
                need(job is not None, "no such request", 404)
                if job.state == "failed":
                    raise Reply(422, self.scenario.fail or "failed")
                need(job.state == "succeeded", "request not completed", 400)
                return {
                    "video": {"url": self.link(job), "content_type": "video/mp4"},
                    "seed": job.body.get("seed"),
                }
            raise Reply(404, f"no route {method} {path}")
        if method == "POST":
            need(isinstance(body, dict) and isinstance(body.get("prompt"), str), "prompt", 422)
            need(body.get("duration") in ("5", "10"), "duration must be '5' or '10'", 422)
            job = self.submit(float(body["duration"]), body)
            model = path.lstrip("/")
            base = f"{self.url}/{model}/requests/{job.id}"
            return {
                "request_id": job.id,
                "status_url": f"{base}/status",
                "response_url": base,
                "cancel_url": f"{base}/cancel",
            }
        raise Reply(404, f"no route {method} {path}")


class FakeReplicate(FakeProvider):
    name = "replicate"
    SECONDS = 5.0  # the default model's fixed length
    STATES = {
        "queued": "starting",
        "running": "processing",
        "succeeded": "succeeded",
        "failed": "failed",
        "cancelled": "canceled",
    }

    def route(self, method, path, query, body):
        if method == "POST" and path.startswith("/v1/models/") and path.endswith("/predictions"):
            need(isinstance(body, dict) and isinstance(body.get("input"), dict), "input", 422)
            need(isinstance(body["input"].get("prompt"), str), "input.prompt required", 422)
            job = self.submit(self.SECONDS, body)
            return {
                "id": job.id,
                "status": "starting",
                "urls": {
                    "get": f"{self.url}/v1/predictions/{job.id}",
                    "cancel": f"{self.url}/v1/predictions/{job.id}/cancel",
                },
            }
        if method == "POST" and path.endswith("/cancel"):
            self.cancel(path.split("/")[-2])
            return {}
        if method == "GET" and path.startswith("/v1/predictions/"):
            job = self.advance(path.rsplit("/", 1)[-1])
            answer = {"id": job.id, "status": self.STATES[job.state], "output": None, "error": None}
            if job.state == "succeeded":
                answer["output"] = self.link(job)
            if job.state == "failed":
                answer["error"] = self.scenario.fail
            return answer
        raise Reply(404, f"no route {method} {path}")


FAKES = {f.name: f for f in (FakeXai, FakeVeo, FakeRunway, FakeLuma, FakeFal, FakeReplicate)}
