"""Step records: what the agent did, as it did it. They are the log, the journal rows and the
progress stream at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args

Step = Literal[
    "resume",  # what an interrupted run left behind, thrown away
    "edit",  # each edit operation, with its route (a tool or generation)
    "brief",
    "bible",
    "storyboard",
    "route",  # which backend makes each shot, and why
    "rewrite",
    "preview",  # the animatic made on the procedural world before paying (agent/preview.py)
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
]
STEPS: tuple[Step, ...] = get_args(Step)  # a closed set: an emit of another name is a type error
Status = Literal["started", "progress", "done", "warning", "failed"]


@dataclass(frozen=True)
class Progress:
    """How far a step that counts its parts has got (generate: shots finished, of all)."""

    done: int
    total: int


@dataclass(frozen=True)
class StepRecord:
    """One event of one step; `data` carries the step's figures (for the UI and journal)."""

    step: Step
    status: Status
    message: str
    data: dict = field(default_factory=dict)
    at: float = field(default_factory=time.time)

    @property
    def progress(self) -> Progress | None:
        """The step's count of parts, when it gives one (`counted` wrote it)."""
        if "total" not in self.data:
            return None
        return Progress(int(self.data.get("done", 0)), int(self.data["total"]))


def counted(done: int, total: int) -> dict:
    """The figures of a step record that counts parts, as `StepRecord.progress` reads them."""
    return {"done": done, "total": total}


class Emit(Protocol):
    """Says one step record: what every stage is given to report through."""

    def __call__(self, step: Step, status: Status, message: str, **data: object) -> None: ...


def model_writing(emit: Emit, step: Step) -> Callable[[int, float], None]:
    """A language model's progress while it writes an answer, said as `step` progress
    records carrying `llm` (tokens written, seconds)."""

    def told(tokens: int, seconds: float) -> None:
        speed = f" ({tokens / seconds:.1f} tokens/s)" if seconds > 0 else ""
        emit(
            step,
            "progress",
            f"the model has written {tokens} tokens in {seconds:.0f} s{speed}",
            llm={"tokens": tokens, "seconds": round(seconds, 2)},
        )

    return told


Listener = Callable[[StepRecord], None]
