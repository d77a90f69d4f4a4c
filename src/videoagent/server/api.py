"""The HTTP API and the web app, served by one process (`videoagent serve`).

Projects are made by the job runner's worker pool; their step records come from their own
journals as server-sent events, so a client that reconnects with Last-Event-ID misses and
repeats nothing. Bodies are validated (unknown fields, wrong types, bad values: 422 with the
reason), uploads are checked images stored under names the server chooses, project ids are
the server's own, and with a token set every call must carry it.
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations at runtime.

import asyncio
import base64
import binascii
import contextlib
import json
import re
import secrets
import shutil
from pathlib import Path
from typing import Literal

from videoagent.errors import MissingDependency, UsageError
from videoagent.generators import registry
from videoagent.plan.references import MAX_BYTES, MAX_REFERENCES, check_references
from videoagent.server.jobs import JobRunner, build_request
from videoagent.store.files import read_sealed_json
from videoagent.store.journal import Journal
from videoagent.timeline.time import FrameRate

try:
    import fastapi
    from fastapi import responses
    from pydantic import BaseModel, ConfigDict, Field
except ImportError as exc:
    raise MissingDependency("the HTTP server (FastAPI, uvicorn)", "serve") from exc

PROJECT_ID = r"^[0-9a-f]{12}$"
SHOT_ID = re.compile(r"^shot-\d{2,4}$")
MAX_BODY = (MAX_BYTES * 4 // 3 + 1024) * MAX_REFERENCES + 65536  # base64 grows by 4/3
FILES = {  # what a client may download, and where it is in the project
    "final.mp4": "renders/final.mp4",
    "final.srt": "renders/final.srt",
    "final.vtt": "renders/final.vtt",
    "mix.wav": "renders/mix.wav",
    "manifest.json": "renders/manifest.json",
    "contact_sheet.png": "renders/contact_sheet.png",
    "timeline.otio": "timeline.otio",
}
STATIC = Path(__file__).parent / "static"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Upload(Strict):
    data: str = Field(description="the image, base64-encoded (PNG, JPEG or WebP, ≤ 20 MB)")
    name: str = Field("", max_length=100, description="the file's name, for matching only")
    entity: str = Field("", max_length=40, pattern=r"^[a-z-]*$")


class NewProject(Strict):
    request: str = Field(min_length=1, max_length=2000)
    mode: Literal["create", "short-film", "ugc-product", "brand"] = "create"
    duration: float | None = Field(None, gt=0, le=600)
    aspect: Literal["16:9", "9:16", "1:1", "4:5"] = "16:9"
    size: str | None = Field(None, pattern=r"^\d{2,4}x\d{2,4}$")
    seed: int = Field(0, ge=0, le=2**31)
    backend: str | None = None
    budget: float | None = Field(None, ge=0)
    approve: bool = False
    references: list[Upload] = Field(default_factory=list, max_length=MAX_REFERENCES)


class Regenerate(Strict):
    prompt: str | None = Field(None, min_length=1, max_length=2000)


class Edit(Strict):
    text: str = Field(min_length=1, max_length=2000)


class Approval(Strict):
    yes: bool


def _store_uploads(uploads: list[Upload], folder: Path) -> list[str]:
    """Each upload decoded, checked and written as ref-NN.<ext> under `folder`; the specs
    the agent takes ("entity=path"). Nothing the client named reaches the file system."""
    specs = []
    folder.mkdir(parents=True, exist_ok=True)
    for number, upload in enumerate(uploads, start=1):
        if any(mark in upload.name for mark in ("/", "\\", "..", "\x00")):
            raise fastapi.HTTPException(422, f"reference name {upload.name!r} looks like a path")
        try:
            data = base64.b64decode(upload.data, validate=True)
        except (binascii.Error, ValueError):
            raise fastapi.HTTPException(422, f"reference {number} is not base64") from None
        if len(data) > MAX_BYTES:
            raise fastapi.HTTPException(413, f"reference {number} is over {MAX_BYTES >> 20} MB")
        # The file name carries the words that match an entity ("dog.png" → the dog).
        words = "-".join(re.findall(r"[a-z]+", Path(upload.name).stem.lower()))[:40]
        path = folder / f"ref-{number:02}{'-' + words if words else ''}.img"
        path.write_bytes(data)
        specs.append(f"{upload.entity}={path}" if upload.entity else str(path))
    try:
        check_references(specs)
    except UsageError as exc:
        raise fastapi.HTTPException(422, str(exc)) from None
    return specs


def _journal_records(folder: Path, after: int) -> list[dict]:
    path = folder / "journal.sqlite"
    if not path.exists():
        return []
    journal = Journal(path)
    try:
        return journal.records_after(after)
    finally:
        journal.close()


def create_app(root: Path, *, workers: int = 2, token: str | None = None, settings=None):
    """The app over projects in `root`; with `token`, every call must present it."""
    runner = JobRunner(root, workers=workers, settings=settings)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        runner.recover()  # jobs a killed server left unfinished
        yield
        runner.shutdown()

    app = fastapi.FastAPI(
        title="videoagent",
        summary="One sentence in, a planned, generated, checked and edited video out.",
        version="1",
        lifespan=lifespan,
    )
    app.state.runner = runner

    @app.middleware("http")
    async def guard(request: fastapi.Request, call_next):
        size = int(request.headers.get("content-length") or 0)
        if size > MAX_BODY:
            return responses.JSONResponse({"detail": "request body too large"}, status_code=413)
        if token is not None and request.url.path.startswith("/api/"):
            given = request.headers.get("authorization", "").removeprefix("Bearer ")
            given = given or request.query_params.get("token", "")
            if not secrets.compare_digest(given, token):
                return responses.JSONResponse({"detail": "a token is required"}, status_code=401)
        return await call_next(request)

    def project_folder(project_id: str) -> Path:
        folder = runner.projects / project_id
        if not folder.is_dir() and not runner.jobs_of(project_id):
            raise fastapi.HTTPException(404, f"no project {project_id}")
        return folder

    def start(project_id: str, kind: str, args: dict) -> dict:
        if runner.busy(project_id):
            raise fastapi.HTTPException(409, "the project has a job running; wait or cancel it")
        job = runner.submit(project_id, kind, args)
        return {"project": project_id, "job": job.id, "state": job.state}

    @app.get("/", response_class=responses.HTMLResponse, include_in_schema=False)
    def page() -> str:
        return (STATIC / "index.html").read_text("utf-8")

    @app.post("/api/projects", status_code=202)
    def new_project(body: NewProject) -> dict:
        """Plan, generate and deliver a video; follow it at /api/projects/{id}/events."""
        try:
            build_request(body.model_dump())  # checked now: the job builds it again
            if body.backend is not None:
                registry.generator_class(body.backend)
        except (UsageError, MissingDependency) as exc:
            raise fastapi.HTTPException(422, str(exc)) from None
        project_id = secrets.token_hex(6)
        args = body.model_dump(exclude={"references"})
        uploads = runner.uploads / project_id
        try:
            args["references"] = _store_uploads(body.references, uploads)
        except fastapi.HTTPException:
            shutil.rmtree(uploads, ignore_errors=True)  # a refused request leaves nothing
            raise
        return start(project_id, "make", args)

    @app.get("/api/projects")
    def projects() -> list[dict]:
        listed = runner.project_ids()
        return [summary(pid) for pid in sorted(listed)]

    def summary(project_id: str) -> dict:
        jobs = runner.jobs_of(project_id)
        folder = runner.projects / project_id
        request = ""
        if (folder / "project.json").exists():
            try:
                request = read_sealed_json(folder / "project.json")["request"]["text"]
            except UsageError:
                request = "(damaged project file)"
        elif jobs:
            request = jobs[0].args.get("request", "")
        last = jobs[-1] if jobs else None
        return {
            "id": project_id,
            "request": request,
            "state": last.state if last else "idle",
            "error": last.error if last else None,
            "estimate": last.estimate if last else None,
            "video": (folder / FILES["final.mp4"]).exists(),
        }

    @app.get("/api/projects/{project_id}")
    def project(project_id: str = fastapi.Path(pattern=PROJECT_ID)) -> dict:
        folder = project_folder(project_id)
        detail = summary(project_id)
        detail["jobs"] = [vars(j) for j in runner.jobs_of(project_id)]
        shots = []
        if (folder / "storyboard.json").exists():
            manifest = {}
            if (folder / FILES["manifest.json"]).exists():
                manifest = json.loads((folder / FILES["manifest.json"]).read_text("utf-8"))
            made = {s["id"]: s for s in manifest.get("shots", [])}
            board = read_sealed_json(folder / "storyboard.json")
            for number, shot in enumerate(board["shots"], start=1):
                record = made.get(shot["id"], {})
                chosen = [t for t in record.get("takes", []) if t.get("accepted")]
                shots.append(
                    {
                        "number": number,
                        "id": shot["id"],
                        "kind": shot["kind"],
                        "beat": shot["beat"],
                        "prompt": shot["prompt"],
                        "backend": shot.get("backend", ""),
                        "seconds": round(
                            float(FrameRate.of(board["fps"]).seconds(shot["frames"])), 2
                        ),
                        "cost": record.get("cost", 0.0),
                        "checks": chosen[-1]["checks"] if chosen else [],
                        "keyframe": (folder / "shots" / shot["id"] / "keyframe.png").exists(),
                    }
                )
            detail["verified"] = manifest.get("video", {}).get("verified")
        detail["shots"] = shots
        detail["files"] = [name for name, path in FILES.items() if (folder / path).exists()]
        return detail

    @app.get("/api/projects/{project_id}/events")
    async def events(
        request: fastapi.Request,
        project_id: str = fastapi.Path(pattern=PROJECT_ID),
        after: int = fastapi.Query(0, ge=0),
    ):
        """The project's step records as server-sent events (id = the record's id; send
        Last-Event-ID to resume). `idle` says no job is running and all records were sent."""
        folder = project_folder(project_id)
        last = int(request.headers.get("last-event-id") or after)

        async def stream():
            nonlocal last
            was_idle = False
            while not await request.is_disconnected():
                records = await asyncio.to_thread(_journal_records, folder, last)
                for record in records:
                    last = record["id"]
                    yield f"id: {last}\nevent: step\ndata: {json.dumps(record)}\n\n"
                idle = not records and not runner.busy(project_id)
                if idle and not was_idle:
                    state = summary(project_id)["state"]
                    yield f"event: idle\ndata: {json.dumps({'state': state})}\n\n"
                was_idle = idle
                await asyncio.sleep(0.2)

        return responses.StreamingResponse(stream(), media_type="text/event-stream")

    @app.post("/api/projects/{project_id}/shots/{number}/regenerate", status_code=202)
    def regenerate(
        body: Regenerate,
        project_id: str = fastapi.Path(pattern=PROJECT_ID),
        number: int = fastapi.Path(ge=1, le=999),
    ) -> dict:
        project_folder(project_id)
        return start(project_id, "shot", {"number": number, "prompt": body.prompt})

    @app.post("/api/projects/{project_id}/edits", status_code=202)
    def edit(body: Edit, project_id: str = fastapi.Path(pattern=PROJECT_ID)) -> dict:
        project_folder(project_id)
        return start(project_id, "edit", {"text": body.text})

    @app.post("/api/projects/{project_id}/approve")
    def approve(body: Approval, project_id: str = fastapi.Path(pattern=PROJECT_ID)) -> dict:
        project_folder(project_id)
        if not runner.approve(project_id, body.yes):
            raise fastapi.HTTPException(409, "no estimate is waiting for an answer")
        return {"project": project_id, "approved": body.yes}

    @app.post("/api/projects/{project_id}/cancel")
    def cancel(project_id: str = fastapi.Path(pattern=PROJECT_ID)) -> dict:
        project_folder(project_id)
        if not runner.cancel(project_id):
            raise fastapi.HTTPException(409, "nothing is running")
        return {"project": project_id, "cancelled": True}

    @app.get("/api/projects/{project_id}/files/{name}")
    def download(project_id: str = fastapi.Path(pattern=PROJECT_ID), name: str = ""):
        folder = project_folder(project_id)
        if name not in FILES or not (folder / FILES[name]).exists():
            raise fastapi.HTTPException(404, f"no file {name!r} in this project")
        return responses.FileResponse(folder / FILES[name], filename=name)

    @app.get("/api/projects/{project_id}/keyframes/{shot_id}.png")
    def keyframe(project_id: str = fastapi.Path(pattern=PROJECT_ID), shot_id: str = ""):
        folder = project_folder(project_id)
        path = folder / "shots" / shot_id / "keyframe.png"
        if not SHOT_ID.match(shot_id) or not path.exists():
            raise fastapi.HTTPException(404, f"no keyframe for {shot_id!r}")
        return responses.FileResponse(path)

    return app
