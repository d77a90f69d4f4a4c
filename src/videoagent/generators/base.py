"""The Generator seam: job-shaped (submit → poll → result) because hosted providers are.

A local backend finishes inside `submit`; a hosted one returns a running job and implements
`poll`, `cancel` and `attach`. Either way the agent calls `generate`, which waits with backoff
and, when the run is stopped (`stop` set, or Ctrl-C), cancels the job at the provider.

Paid jobs are written to a ledger (`JobEntry`) as they go: before the request is sent, as
soon as the provider names the job, and when it ends. A take whose entry already names a job
is re-attached to it instead of being sent again; a submission that got no answer is "in
doubt" (JobInDoubt) and is never simply sent again.
"""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from videoagent.errors import (
    Cancelled,
    GenerationError,
    JobInDoubt,
    ProviderRefused,
    ProviderSilent,
)
from videoagent.generators.catalog import Capabilities, capabilities
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate

Mode = Literal["text-to-video", "image-to-video", "reference-to-video", "extend", "edit"]
Status = Literal["queued", "running", "succeeded", "failed", "cancelled"]


@dataclass(frozen=True)
class GenerationRequest:
    """Everything that decides a take's pixels (and a label for logs, never sent as prompt)."""

    prompt: str
    frames: int
    rate: FrameRate
    width: int
    height: int
    seed: int = 0
    mode: Mode = "text-to-video"
    references: tuple[str, ...] = ()
    label: str = ""
    # The checks the shot's takes before this one failed that the backend mends itself
    # when asked (`Capabilities.mends`): our model draws a take again free of its memory
    # where its place, light or weather failed. Part of a take's key when given.
    mend: tuple[str, ...] = ()
    # Frames where the timeline cuts the take (its span's ends), written as keyframes so a
    # render copies the span instead of encoding it. No pixel changes: not part of a key.
    cuts: tuple[int, ...] = ()

    @property
    def seconds(self) -> float:
        return float(self.rate.seconds(self.frames))

    def writer(self, output: Path) -> Mp4Writer:
        """The writer of the take this asks for: its size, rate, length and cut points."""
        size = (self.width, self.height)
        return Mp4Writer(output, size=size, rate=self.rate, frames=self.frames, cuts=self.cuts)


@dataclass
class Job:
    """One generation: its state, its output file once done, and the backend's own report."""

    backend: str
    request: GenerationRequest
    status: Status = "queued"
    output: Path | None = None  # set when the file is complete
    target: Path | None = None  # where it will be written
    error: str | None = None
    report: dict = field(default_factory=dict)
    cost: float = 0.0
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


class JobEntry(Protocol):
    """A paid take's line in the project's ledger (see videoagent.store.ledger)."""

    provider_job: str | None  # set when a job of ours already exists at the provider

    def write(self, state: str, **fields) -> None:
        """Record the job's new state: sending, submitted, not sent, in doubt, succeeded,
        failed, cancelled or abandoned; with provider_job, charged, delivered or error."""


class Generator(ABC):
    """A video backend. Implement `submit`; hosted backends also implement `poll`."""

    name: str = ""
    # Part of every take's cache key: bump it when the same request would give other pixels.
    version: str = "1"
    # Seconds before the first poll, and the most between two (waits grow 1.6x).
    first_poll: float = 0.5
    max_poll: float = 10.0

    @classmethod
    def key_version(cls, **options) -> str:
        """`version`, and whatever else of this generator decides its pixels with these
        constructor `options` (weights, steps): part of every take's key, found without
        loading a model."""
        return cls.version

    def __init__(self) -> None:
        self.capabilities: Capabilities = capabilities(self.name)
        # Set to stop every job of this generator (the agent sets it on Ctrl-C).
        self.stop = threading.Event()

    @abstractmethod
    def submit(self, request: GenerationRequest, output: Path) -> Job:
        """Start generating `request` into the mp4 file `output` and return its job.

        Local backends render before returning (status "succeeded" or "failed"). The output
        file must appear only when complete. Raise GenerationError for a failure the agent
        may retry.
        """

    def finished(self, request: GenerationRequest, output: Path, report: dict) -> Job:
        """The succeeded job of a local backend that wrote `output`, at the catalog's price."""
        cost = self.capabilities.price(request.seconds)
        return Job(self.name, request, "succeeded", output=Path(output), report=report, cost=cost)

    def poll(self, job: Job) -> Job:
        """Refresh a running job. Local backends are done at submit."""
        return job

    def cancel(self, job: Job) -> None:
        """Ask the backend to stop `job` (best effort). Local backends finish at submit."""
        job.status = "cancelled"

    def attach(self, provider_job: str, request: GenerationRequest, output: Path) -> Job:
        """The running job `provider_job` (sent earlier for `request`), to poll again instead
        of sending the request twice. Only backends with remote jobs can."""
        raise GenerationError(f"{self.name} has no remote jobs to attach to ({provider_job})")

    def generate(
        self,
        request: GenerationRequest,
        output: Path,
        *,
        timeout: float = 1800,
        entry: JobEntry | None = None,
    ) -> Job:
        """Submit (or re-attach to `entry`'s job) and wait for the result; a stopped run
        cancels the job at the backend. JobInDoubt when a submission got no answer, or when
        contact with a running job was lost for the whole `timeout`."""
        if entry is not None and entry.provider_job:
            job = self.attach(entry.provider_job, request, output)
        else:
            job = self._submit(request, output, entry)
        delay, waited, silent = self.first_poll, 0.0, None
        try:
            while job.status in ("queued", "running"):
                if waited > timeout:
                    if silent is not None:  # the job may still run: resume re-attaches
                        raise JobInDoubt(
                            f"{self.name} job {job.report.get('provider_job', job.id)}: no "
                            f"answer for {timeout:.0f} s ({silent}); `videoagent resume` asks "
                            "again"
                        )
                    self.cancel(job)
                    if entry is not None:
                        stopped = job.report.get("cancelled_at_provider")
                        entry.write("cancelled" if stopped else "abandoned", error="timed out")
                    raise GenerationError(
                        f"{self.name} job {job.id} took more than {timeout:.0f} s; cancelled"
                    )
                if self.stop.wait(delay):
                    raise Cancelled(f"{self.name} job {job.id} cancelled")
                waited += delay
                delay = min(delay * 1.6, self.max_poll)
                try:
                    job = self.poll(job)
                    silent = None
                except ProviderSilent as exc:  # a read with no answer: the job goes on
                    silent = str(exc)
        except (Cancelled, KeyboardInterrupt):
            if job.status in ("queued", "running"):
                self.cancel(job)
                if entry is not None:
                    stopped = job.report.get("cancelled_at_provider")
                    entry.write("cancelled" if stopped else "abandoned", error="run stopped")
            raise
        except GenerationError as exc:
            if entry is not None:
                self._settle(entry, job, request, error=str(exc))
            raise
        if entry is not None:
            self._settle(entry, job, request)
        if job.status == "failed":
            raise GenerationError(f"{self.name} failed on {request.label}: {job.error}")
        return job

    def _submit(self, request: GenerationRequest, output: Path, entry: JobEntry | None) -> Job:
        """Send the request, with its ledger line written first and the job's id after."""
        if entry is None:
            try:
                return self.submit(request, output)
            except ProviderSilent as exc:
                raise JobInDoubt(self._doubt(exc)) from None
        entry.write("sending")
        try:
            job = self.submit(request, output)
        except ProviderSilent as exc:
            entry.write("in doubt", error=str(exc))
            raise JobInDoubt(self._doubt(exc)) from None
        except (GenerationError, ProviderRefused) as exc:  # answered no: nothing was made
            entry.write("not sent", error=str(exc))
            raise
        entry.write(
            "submitted" if job.status in ("queued", "running") else job.status,
            provider_job=job.report.get("provider_job") or job.id,
        )
        return job

    def _doubt(self, exc: Exception) -> str:
        return (
            f"{exc}; the provider may have made the job, so it is not sent again "
            "(nothing is paid twice)"
        )

    def _settle(
        self, entry: JobEntry, job: Job, request: GenerationRequest, *, error: str | None = None
    ) -> None:
        """The ledger's last word on a job: charged when the provider finished it, whether
        or not its file reached us."""
        finished = job.report.get("provider_state") == "succeeded" or job.status == "succeeded"
        if finished:
            charged = job.cost or self.capabilities.price(request.seconds)
            entry.write("succeeded", charged=charged, delivered=job.output is not None, error=error)
        elif job.status in ("failed", "cancelled"):
            entry.write(job.status, error=error or job.error)
        elif error is not None:
            entry.write("failed", error=error)
