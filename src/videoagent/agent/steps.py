"""Step records: what the agent did, as it did it. They are the log, the journal rows and the
progress stream at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

STEPS = (
    "resume",  # what an interrupted run left behind, thrown away
    "edit",  # each edit operation, with its route (a tool or generation)
    "brief",
    "bible",
    "storyboard",
    "route",  # which backend makes each shot, and why
    "rewrite",
    "estimate",
    "generate",
    "evaluate",
    "revise",
    "retrieve",  # a cast member's description and references fetched for a shot
    "budget",  # the run stopped before a charge that would pass --budget
    "assemble",
    "sound",  # narration, subtitles from the voice, music, the mix (and what was skipped)
    "render",
    "verify",
    "deliver",
)
Status = Literal["started", "progress", "done", "warning", "failed"]


@dataclass(frozen=True)
class StepRecord:
    """One event of one step; `data` carries the step's figures (for the UI and journal)."""

    step: str
    status: Status
    message: str
    data: dict = field(default_factory=dict)
    at: float = field(default_factory=time.time)


Listener = Callable[[StepRecord], None]
