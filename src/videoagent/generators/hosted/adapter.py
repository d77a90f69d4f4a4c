"""What every hosted provider adapter shares: configuration from the environment, the
submit → poll → download → conform cycle, cost, and cancellation.

A provider module says only how its API is spoken: `start` (send the job, return the
provider's id), `status` (read the job back as a Remote), `stop` (cancel, where the API can).
Everything else is here, so all adapters behave alike and pass one contract test suite.
"""

from __future__ import annotations

import base64
import mimetypes
import os
from abc import abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from videoagent.errors import GenerationError, NotConfigured
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.generators.catalog import capabilities
from videoagent.generators.hosted.http import ProviderHTTP, ResultExpired
from videoagent.media.conform import conform
from videoagent.media.probe import probe
from videoagent.retry import RetryPolicy

RemoteState = Literal["queued", "running", "succeeded", "failed", "cancelled"]


@dataclass(frozen=True)
class Remote:
    """A provider's job as its status call describes it."""

    state: RemoteState
    video_url: str | None = None
    error: str | None = None
    progress: float | None = None


def data_uri(path: str | Path) -> str:
    """A local file (an image, a clip) as a data: URI (providers that take a URL accept these)."""
    kind = mimetypes.guess_type(str(path))[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def nearest(options: list[str], width: int, height: int) -> str:
    """The "W:H" option whose shape is closest to width x height."""

    def ratio(option: str) -> float:
        w, h = (float(x) for x in option.split(":"))
        return w / h

    return min(options, key=lambda option: abs(ratio(option) - width / height))


class HostedGenerator(Generator):
    """A video API reached over HTTP. Configure with the environment variables the catalog
    entry names (`setup`): the key, and optionally another base URL or model."""

    # Polls of a hosted job: providers take tens of seconds, so wait more between asks.
    first_poll = 2.0
    max_poll = 15.0

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        model: str | None = None,
        first_poll: float | None = None,
        timeout: float = 30.0,
        backoff: float = 1.0,
    ) -> None:
        super().__init__()
        setup = self.capabilities.setup
        key_env = setup.get("key_env", "")
        self.api_key = api_key or os.environ.get(key_env, "")
        if not self.api_key:
            raise NotConfigured(f"backend {self.name!r} needs an API key: export {key_env}=...")
        self.base_url = base_url or os.environ.get(setup.get("url_env", ""), "") or setup["url"]
        self.model = self._model(model)
        if first_poll is not None:
            self.first_poll = self.max_poll = first_poll
        self.http = ProviderHTTP(
            self.name,
            self.base_url,
            self.auth_headers(),
            timeout=timeout,
            policy=RetryPolicy(backoff=backoff),
            cancel=self.stop,
        )

    @classmethod
    def _model(cls, model: str | None) -> str:
        """The provider's model: the one given, else its environment variable's, else ours."""
        setup = capabilities(cls.name).setup
        return model or os.environ.get(setup.get("model_env", ""), "") or setup["model"]

    @classmethod
    def key_version(cls, model: str | None = None, **_) -> str:
        """Another model of the provider draws other pixels for the same request."""
        return f"{cls.version}-{cls._model(model)}"

    # What each provider module says -------------------------------------------------------

    def auth_headers(self) -> dict[str, str]:
        """The headers that carry the key (sent only to the provider's own host); most
        providers take it as a bearer token."""
        return {"Authorization": f"Bearer {self.api_key}"}

    @abstractmethod
    def start(self, request: GenerationRequest, seconds: float) -> str:
        """Send the job for a clip of `seconds` (a length the provider makes); its id."""

    @abstractmethod
    def status(self, job_id: str) -> Remote:
        """The job as the provider sees it now."""

    def stop_remote(self, job_id: str) -> bool:
        """Cancel at the provider; False where its API has no cancel."""
        return False

    # The cycle, the same for all ----------------------------------------------------------

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        reason = self.capabilities.refuses(
            mode=request.mode,
            seconds=request.seconds,
            width=request.width,
            height=request.height,
            fps=float(request.rate.fps),
        )
        if reason:
            raise GenerationError(reason)
        if request.mode in ("image-to-video", "reference-to-video") and not request.references:
            raise GenerationError(f"{self.name}: {request.mode} needs an image")
        if len(request.references) > self.capabilities.max_references:
            raise GenerationError(
                f"{self.name} takes at most {self.capabilities.max_references} reference images"
            )
        if len(request.prompt) > self.capabilities.max_prompt_chars:
            raise GenerationError(
                f"{self.name} takes prompts of at most {self.capabilities.max_prompt_chars} "
                f"characters, got {len(request.prompt)}"
            )
        seconds = self.capabilities.billed_seconds(request.seconds)
        limits = self.http.rate_limited
        return self._running(request, output, self.start(request, seconds), rate_limited=limits)

    def attach(self, provider_job: str, request: GenerationRequest, output: Path) -> Job:
        job = self._running(request, output, provider_job, rate_limited=self.http.rate_limited)
        job.report["attached"] = True  # sent by an earlier run; polled again, not sent twice
        return job

    def _running(
        self, request: GenerationRequest, output: Path, provider_job: str, *, rate_limited: int
    ) -> Job:
        return Job(
            self.name,
            request,
            status="running",
            target=Path(output),
            report={
                "provider_job": provider_job,
                "model": self.model,
                "billed_seconds": self._billed(request),
                "rate_limited": rate_limited,  # made this job's own count at delivery
            },
        )

    def poll(self, job: Job) -> Job:
        remote = self.status(job.report["provider_job"])
        job.report["provider_state"] = remote.state
        if remote.progress is not None:
            job.report["progress"] = remote.progress
        if remote.state in ("queued", "running"):
            job.status = remote.state
        elif remote.state == "succeeded":
            self._deliver(job, remote)
        else:
            job.status = "failed"
            job.error = remote.error or f"the provider reports the job {remote.state}"
        return job

    def cancel(self, job: Job) -> None:
        job_id = job.report.get("provider_job")
        if job_id is None:
            return
        try:
            job.report["cancelled_at_provider"] = self.stop_remote(job_id)
        except GenerationError as exc:  # best effort: the run is stopping anyway
            job.report["cancel_error"] = str(exc)
        job.status = "cancelled"

    def _deliver(self, job: Job, remote: Remote) -> None:
        """Download at once (result links expire), once more with a fresh link if the first
        has already expired, then conform to the asked shape."""
        output = job.target
        assert output is not None
        download = output.with_name(".download.mp4")
        try:
            try:
                self.http.download(self._video_link(remote), download)
            except ResultExpired:
                self.http.download(
                    self._video_link(self.status(job.report["provider_job"])), download
                )
            request = job.request
            conformed = conform(
                download,
                output,
                width=request.width,
                height=request.height,
                rate=request.rate,
                frames=request.frames,
                cuts=request.cuts,
                skip=self.before_new_part(request, download),
            )
            job.report.update(self.remembered(remote, download))
        finally:
            download.unlink(missing_ok=True)
        job.report["delivered"] = conformed.to_dict()
        job.report["rate_limited"] = self.http.rate_limited - job.report["rate_limited"]
        job.output = output
        job.status = "succeeded"
        job.cost = round(self.capabilities.price_per_second * job.report["billed_seconds"], 4)

    def _billed(self, request: GenerationRequest) -> float:
        """The seconds a job is billed for: the length the provider makes, and the clip an
        extension returns with it where the provider does (generators/catalog.py)."""
        caps = self.capabilities
        made = caps.billed_seconds(request.seconds)
        if request.mode == "extend":
            made = caps.extension_seconds or made
        return made + self._returned_source(request)

    def before_new_part(self, request: GenerationRequest, download: Path) -> float:
        """Seconds at the start of the delivered video that are not the take asked for: the
        clip an extension returns with its new part."""
        return self._returned_source(request)

    def remembered(self, remote: Remote, download: Path) -> dict:
        """Facts of the delivered job kept in the take's report (what a later extension of
        it needs from this provider); none by default."""
        return {}

    def _returned_source(self, request: GenerationRequest) -> float:
        """Seconds at the start of a delivered extension that are the clip it extends (a
        provider that returns the two as one video), which the take leaves out."""
        if request.mode != "extend" or not self.capabilities.extend_returns_source:
            return 0.0
        return probe(request.references[0]).duration

    def _video_link(self, remote: Remote) -> str:
        if remote.state != "succeeded" or not remote.video_url:
            raise GenerationError(f"{self.name} reports success but gives no video link")
        return remote.video_url
