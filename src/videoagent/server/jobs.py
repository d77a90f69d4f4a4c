"""Jobs of the HTTP server: each a run of the agent on one project (make, resume, shot,
edit), in a worker pool that does not care whether any client is still listening.

Every job is written to `root/jobs/<id>.json` before it is queued and again as it changes,
so a server killed mid-job finds it on restart and resumes the project from its journal
(finished takes are reused, never made again). A project's events are its journal's step
records; the job file holds only what the journal cannot: queue state, errors, approval.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from videoagent.agent.agent import Agent
from videoagent.agent.edits import shot_to_regenerate
from videoagent.agent.settings import AgentSettings
from videoagent.agent.state import ProjectState
from videoagent.errors import Cancelled, VideoAgentError
from videoagent.plan.edit_request import parse_edit
from videoagent.plan.request import Request
from videoagent.store.files import atomic_write_json
from videoagent.store.project import ProjectFolder

ACTIVE = ("queued", "running", "awaiting approval")


def build_request(args: dict) -> Request:
    """The agent's request from a make job's arguments (UsageError names a bad value)."""
    return Request.build(
        args["request"],
        mode=args.get("mode"),
        duration=args.get("duration"),
        aspect=args.get("aspect"),
        size=args.get("size"),
        seed=args.get("seed", 0),
        profile=args.get("profile"),
    )


@dataclass
class JobRecord:
    """What the server remembers of a job (the project's own files hold the rest)."""

    id: str
    project: str
    kind: str  # make, resume, shot, edit
    args: dict
    # queued, running, awaiting approval; done, failed, cancelled, interrupted (by a restart)
    state: str = "queued"
    error: str | None = None
    estimate: dict | None = None  # what the run announced before generating
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    cost: float | None = None  # what the run spent, once it is done


class JobRunner:
    """Runs jobs on `workers` threads; projects live in `root/projects/<id>`."""

    def __init__(self, root: Path, *, workers: int = 2, settings: dict | None = None) -> None:
        self.root = Path(root)
        self.projects = self.root / "projects"
        self.jobs_dir = self.root / "jobs"
        self.uploads = self.root / "uploads"
        for folder in (self.projects, self.jobs_dir, self.uploads):
            folder.mkdir(parents=True, exist_ok=True)
        self._settings = settings or {}
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers))
        self._lock = threading.Lock()
        self._jobs: dict[str, JobRecord] = {}
        self._cancel: dict[str, threading.Event] = {}
        self._approval: dict[str, tuple[threading.Event, list[bool]]] = {}

    # Records -----------------------------------------------------------------------------

    def _save(self, job: JobRecord) -> None:
        atomic_write_json(self.jobs_dir / f"{job.id}.json", asdict(job))

    def _update(self, job: JobRecord, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            self._save(job)

    def jobs_of(self, project: str) -> list[JobRecord]:
        with self._lock:
            return sorted(
                (j for j in self._jobs.values() if j.project == project), key=lambda j: j.created
            )

    def project_ids(self) -> set[str]:
        """Every project the server knows: with jobs, or with a folder."""
        with self._lock:
            known = {j.project for j in self._jobs.values()}
        return known | {p.name for p in self.projects.iterdir() if p.is_dir()}

    def default_backend(self) -> str | None:
        """The backend a job uses when none is chosen (None: the agent routes each shot)."""
        return self._settings.get("backend")

    def busy(self, project: str) -> bool:
        return any(j.state in ACTIVE for j in self.jobs_of(project))

    # Submitting --------------------------------------------------------------------------

    def precheck(self, project: str, kind: str, args: dict) -> None:
        """UsageError now for a change the agent would refuse once it ran (a shot that does
        not exist, an edit it cannot read), so the client hears it in the answer."""
        if kind not in ("shot", "edit"):
            return
        state = ProjectState.load(ProjectFolder.open(self.projects / project))
        if state.storyboard is None:
            return  # never fully planned: the job plans it first
        if kind == "shot":
            shot_to_regenerate(state.storyboard, args["number"], args.get("prompt"))
        elif not (self._settings.get("llm_url") or self._settings.get("edit_reader")):
            # else a model reads what ours cannot
            parse_edit(args["text"], state.storyboard, state.request)

    def submit(self, project: str, kind: str, args: dict) -> JobRecord:
        job = JobRecord(uuid.uuid4().hex[:12], project, kind, args)
        with self._lock:
            self._jobs[job.id] = job
            self._cancel[job.id] = threading.Event()
            self._save(job)
        self._pool.submit(self._run, job)
        return job

    def recover(self) -> list[JobRecord]:
        """Jobs a killed server left unfinished: each project is resumed from its journal
        (or made again if it never got as far as its project file)."""
        resumed = []
        for path in sorted(self.jobs_dir.glob("*.json")):
            job = JobRecord(**json.loads(path.read_text("utf-8")))
            with self._lock:
                self._jobs[job.id] = job
            if job.state not in ACTIVE:
                continue
            folder = self.projects / job.project
            self._update(job, state="interrupted", error="the server stopped; taken up again")
            if job.kind == "make" and not (folder / "project.json").exists():
                # Stopped before the project file: the folder holds nothing finished.
                shutil.rmtree(folder, ignore_errors=True)
                resumed.append(self.submit(job.project, "make", job.args))
            else:
                resumed.append(self.submit(job.project, "resume", job.args))
        return resumed

    # Controlling -------------------------------------------------------------------------

    def cancel(self, project: str) -> bool:
        """Stop the project's running or queued jobs; False when there were none."""
        stopped = False
        for job in self.jobs_of(project):
            if job.state in ACTIVE:
                self._cancel[job.id].set()
                waiting = self._approval.get(job.id)
                if waiting:
                    waiting[1].append(False)
                    waiting[0].set()
                stopped = True
        return stopped

    def approve(self, project: str, yes: bool) -> bool:
        """Answer the estimate a job of `project` waits on; False when none waits."""
        for job in self.jobs_of(project):
            waiting = self._approval.get(job.id)
            if job.state == "awaiting approval" and waiting:
                waiting[1].append(yes)
                waiting[0].set()
                return True
        return False

    def shutdown(self) -> None:
        for event in self._cancel.values():
            event.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # Running -----------------------------------------------------------------------------

    def _wait_for_approval(self, job: JobRecord, estimate: dict) -> bool:
        answered, answer = threading.Event(), []
        self._approval[job.id] = (answered, answer)
        self._update(job, state="awaiting approval", estimate=estimate)
        answered.wait()
        self._approval.pop(job.id, None)
        self._update(job, state="running")
        return bool(answer and answer[0])

    def _run(self, job: JobRecord) -> None:
        if self._cancel[job.id].is_set():
            self._update(job, state="cancelled", finished=time.time())
            return
        self._update(job, state="running", started=time.time())
        args = job.args
        settings = AgentSettings(
            **self._settings,
            budget=args.get("budget"),
            cancel=self._cancel[job.id],
            approve=(lambda estimate: self._wait_for_approval(job, estimate))
            if args.get("approve") or args.get("preview")
            else None,
            preview=bool(args.get("preview")) and job.kind == "make",
        )
        if job.kind == "make":  # choices the project keeps for its later runs
            settings.profile = args.get("profile")
            settings.voice = args.get("voice")
            settings.caption_style = args.get("caption_style")
        if args.get("backend"):
            settings.backend = args["backend"]
        agent = Agent(settings, listener=lambda record: self._heard(job, record))
        folder = self.projects / job.project
        try:
            if job.kind == "make":
                result = agent.make(
                    build_request(args), folder, references=args.get("references", [])
                )
            elif job.kind == "resume":
                result = agent.resume(folder)
            elif job.kind == "shot":
                result = agent.regenerate(folder, args["number"], prompt=args.get("prompt"))
            else:
                result = agent.edit(folder, args["text"])
        except VideoAgentError as exc:  # Cancelled: the agent's answer to a cancel
            stopped = self._cancel[job.id].is_set() or isinstance(exc, Cancelled)
            state = "cancelled" if stopped else "failed"
            self._update(job, state=state, error=str(exc), finished=time.time())
        except Exception as exc:  # a bug: keep the server up, say what happened
            self._update(job, state="failed", error=f"{type(exc).__name__}: {exc}")
        else:
            spent = result.manifest.get("cost", {}).get("actual")
            self._update(job, state="done", finished=time.time(), cost=spent)

    def _heard(self, job: JobRecord, record) -> None:
        """Keep the run's estimate (asked for approval or not) beside the job."""
        if record.step == "estimate" and "wall_seconds" in record.data:
            self._update(job, estimate=dict(record.data))
