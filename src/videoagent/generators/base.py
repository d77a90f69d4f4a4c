"""The Generator seam: job-shaped (submit → poll → result) because hosted providers are.

A local backend finishes inside `submit`; a hosted one returns a running job and implements
`poll` and `cancel`. Either way the agent calls `generate`, which waits with backoff and,
when the run is stopped (`stop` set, or Ctrl-C), cancels the job at the provider.
"""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from videoagent.errors import Cancelled, GenerationError
from videoagent.generators.catalog import Capabilities, capabilities
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

    @property
    def seconds(self) -> float:
        return float(self.rate.seconds(self.frames))


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


class Generator(ABC):
    """A video backend. Implement `submit`; hosted backends also implement `poll`."""

    name: str = ""
    # Part of every take's cache key: bump it when the same request would give other pixels.
    version: str = "1"
    # Seconds before the first poll, and the most between two (waits grow 1.6x).
    first_poll: float = 0.5
    max_poll: float = 10.0

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

    def poll(self, job: Job) -> Job:
        """Refresh a running job. Local backends are done at submit."""
        return job

    def cancel(self, job: Job) -> None:
        """Ask the backend to stop `job` (best effort). Local backends finish at submit."""
        job.status = "cancelled"

    def generate(self, request: GenerationRequest, output: Path, *, timeout: float = 1800) -> Job:
        """Submit and wait for the result; a stopped run cancels the job at the backend."""
        job = self.submit(request, output)
        delay, waited = self.first_poll, 0.0
        try:
            while job.status in ("queued", "running"):
                if waited > timeout:
                    self.cancel(job)
                    raise GenerationError(
                        f"{self.name} job {job.id} took more than {timeout:.0f} s; cancelled"
                    )
                if self.stop.wait(delay):
                    raise Cancelled(f"{self.name} job {job.id} cancelled")
                waited += delay
                delay = min(delay * 1.6, self.max_poll)
                job = self.poll(job)
        except (Cancelled, KeyboardInterrupt):
            if job.status in ("queued", "running"):
                self.cancel(job)
            raise
        if job.status == "failed":
            raise GenerationError(f"{self.name} failed on {request.label}: {job.error}")
        return job
