"""The Generator seam: job-shaped (submit → poll → result) because hosted providers are.

A local backend finishes inside `submit`; a hosted one returns a running job and implements
`poll`. Either way the agent calls `generate`, which waits with backoff.
"""

from __future__ import annotations

import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from videoagent.errors import GenerationError
from videoagent.generators.catalog import Capabilities, capabilities
from videoagent.timeline.time import FrameRate

Mode = Literal["text-to-video", "image-to-video", "reference-to-video", "extend", "edit"]
Status = Literal["queued", "running", "succeeded", "failed"]


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
    output: Path | None = None
    error: str | None = None
    report: dict = field(default_factory=dict)
    cost: float = 0.0
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


class Generator(ABC):
    """A video backend. Implement `submit`; hosted backends also implement `poll`."""

    name: str = ""
    # Part of every take's cache key: bump it when the same request would give other pixels.
    version: str = "1"

    def __init__(self) -> None:
        self.capabilities: Capabilities = capabilities(self.name)

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

    def generate(self, request: GenerationRequest, output: Path, *, timeout: float = 1800) -> Job:
        """Submit and wait for the result."""
        job = self.submit(request, output)
        delay, waited = 0.5, 0.0
        while job.status in ("queued", "running"):
            if waited > timeout:
                raise GenerationError(f"{self.name} job {job.id} took more than {timeout:.0f} s")
            time.sleep(delay)
            waited += delay
            delay = min(delay * 1.6, 10.0)
            job = self.poll(job)
        if job.status == "failed":
            raise GenerationError(f"{self.name} failed on {request.label}: {job.error}")
        return job
