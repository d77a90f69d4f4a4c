"""A project's state as the agent works on it: settings, brief, bible and storyboard, read
from and written to the project folder (each file sealed with its checksum)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from videoagent.failpoints import reached
from videoagent.plan.bible import Bible
from videoagent.plan.brief import Brief
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Storyboard
from videoagent.store.files import json_sha256, read_sealed_json, write_sealed_json
from videoagent.store.project import SCHEMA_VERSION, ProjectFolder
from videoagent.timeline.time import FrameRate
from videoagent.version import __version__


def request_to_dict(request: Request) -> dict:
    return {
        "text": request.text,
        "mode": request.mode,
        "seconds": request.seconds,
        "duration_from": request.duration_source,
        "aspect": request.aspect,
        "width": request.width,
        "height": request.height,
        "fps": str(request.rate.fps),
        "seed": request.seed,
    }


def request_from_dict(data: dict) -> Request:
    return Request(
        text=data["text"],
        mode=data["mode"],
        seconds=float(data["seconds"]),
        aspect=data["aspect"],
        width=int(data["width"]),
        height=int(data["height"]),
        rate=FrameRate.of(data["fps"]),
        seed=int(data["seed"]),
        duration_source=data["duration_from"],
    )


@dataclass
class ProjectState:
    """Everything the agent needs to go on with a project. `request` holds the current
    settings (an edit may change length or shape); its text stays the original request."""

    folder: ProjectFolder
    request: Request
    backend: str  # the lead backend: planning writes for it until routing chooses per shot
    references: list[dict]  # {"file": under bible/refs, "entity": id or "", "name": given}
    brief: Brief | None = None
    bible: Bible | None = None
    storyboard: Storyboard | None = None
    pool: list[str] = field(default_factory=list)  # the backends shots are routed among
    # What the user chose at `make` of the sound and the marks (KEPT_CHOICES): every later
    # run of the project keeps them.
    choices: dict = field(default_factory=dict)
    # What the request asks the video to show, read apart from the plan (plan/asks.py).
    asks: list[dict] = field(default_factory=list)
    # Names the project wherever it is moved: the watermark's payload is made from it.
    project_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        self.pool = self.pool or [self.backend]

    def save(self) -> None:
        """Write the plan first and project.json last, so project.json never names a plan
        that is not on disk."""
        for path, document in self.documents().items():
            write_sealed_json(path, document)
            reached(f"state:{path.name}")

    def documents(self) -> dict[Path, dict]:
        """Each state file and its content, in the order they are written."""
        documents = {}
        if self.bible is not None:
            documents[self.folder.bible_json] = self.bible.to_dict()
        if self.storyboard is not None:
            documents[self.folder.storyboard_json] = self.storyboard.to_dict()
        documents[self.folder.project_json] = {
            "schema_version": SCHEMA_VERSION,
            "videoagent": __version__,
            "id": self.project_id,
            "request": request_to_dict(self.request),
            "backend": self.backend,
            "pool": self.pool,
            "references": self.references,
            "brief": self.brief.to_dict() if self.brief else None,
            "planned": self.storyboard is not None,
            "choices": self.choices,
            "asks": self.asks,
        }
        return documents

    @classmethod
    def load(cls, folder: ProjectFolder) -> ProjectState:
        """Read a project back; DamagedProject names any file that is missing or altered."""
        project = read_sealed_json(folder.project_json)
        state = cls(
            folder,
            request_from_dict(project["request"]),
            project["backend"],
            project.get("references", []),
            pool=project.get("pool", []),
            choices=project.get("choices", {}),
            asks=project.get("asks", []),
        )
        # Projects made before ids were given: one from their request, the same every load.
        state.project_id = project.get("id") or json_sha256(project["request"])[:32]
        if project.get("brief"):
            state.brief = Brief(**project["brief"])
        if project.get("planned"):
            state.bible = Bible.from_dict(read_sealed_json(folder.bible_json))
            state.storyboard = Storyboard.from_dict(read_sealed_json(folder.storyboard_json))
            # The storyboard is written before project.json: if a run stopped between the
            # two, the storyboard's length and shape are the newer ones.
            state.sync_settings()
        return state

    def sync_settings(self) -> None:
        """Take length and shape from the storyboard (after an edit changed them)."""
        board = self.storyboard
        self.request = replace(
            self.request,
            seconds=float(board.rate.seconds(board.target_frames)),
            width=board.width,
            height=board.height,
            aspect=board.aspect,
        )
