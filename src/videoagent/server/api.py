"""The HTTP API and the web app, served by one process (`videoagent serve`).

Projects are made by the job runner's worker pool; their step records come from their own
journals as server-sent events, so a client that reconnects with Last-Event-ID misses and
repeats nothing. Bodies are validated (unknown fields, wrong types, bad values: 422 with the
reason; strict types, so "2" is not a number), uploads are checked images stored under names
the server chooses, project ids are the server's own, files are served only from inside their
project (never through a link), and a damaged project file is a 409 with its reason. What
reaches the app at all (body size, Host, token, security headers) is `guard.Guard`'s call.
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

from videoagent.agent.history import records_after
from videoagent.agent.planning import draft_bible
from videoagent.agent.routing import project_pool
from videoagent.audio.voice import VOICES, check_voice, installed_voices
from videoagent.errors import DamagedProject, MissingDependency, UsageError
from videoagent.plan.brief import make_brief
from videoagent.plan.platform_profiles import PROFILES
from videoagent.plan.references import (
    MAX_BYTES,
    MAX_REFERENCES,
    check_named_entities,
    check_references,
)
from videoagent.plan.request import MAX_SEED, Request
from videoagent.server.backend_choices import backend_choices
from videoagent.server.guard import Guard, check_token
from videoagent.server.jobs import JobRunner, build_request
from videoagent.server.stills import newest_take, still_png
from videoagent.store.files import read_sealed_json
from videoagent.timeline.caption_style import caption_style
from videoagent.timeline.time import FrameRate

try:
    import fastapi
    from fastapi import responses
    from pydantic import BaseModel, ConfigDict, Field, field_validator
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
    # The last render when it failed verification (the verified files above stay).
    "final.unverified.mp4": "renders/final.unverified.mp4",
    "manifest.unverified.json": "renders/manifest.unverified.json",
    "timeline.otio": "timeline.otio",
    # The free animatic made before paying (make --preview), while the estimate waits.
    "preview.mp4": "preview/renders/final.mp4",
    # A platform's upload file and cover (make --profile).
    **{f"{name}.mp4": f"renders/{name}.mp4" for name in PROFILES},
    "cover.jpg": "renders/cover.jpg",
}
STATIC = Path(__file__).parent / "static"
ASSETS = {"app.js": "text/javascript", "app.css": "text/css"}
POSTER_AT = 1 / 3  # of the way into the video: past any opening card
HEARTBEAT_SECONDS = 10.0  # an SSE comment this often keeps clients with read timeouts on


class Strict(BaseModel):
    """A request body: unknown fields, coerced types, NaN/infinity and text that cannot be
    written as UTF-8 (lone surrogates) are all refused with 422."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    @field_validator("*")
    @classmethod
    def _writable_text(cls, value):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("text must be valid Unicode (no lone surrogates)") from None
        return value


class Upload(Strict):
    data: str = Field(description="the image, base64-encoded (PNG, JPEG or WebP, ≤ 20 MB)")
    name: str = Field("", max_length=100, description="the file's name, for matching only")
    entity: str = Field("", max_length=40, pattern=r"^[a-z-]*$")


class NewProject(Strict):
    request: str = Field(min_length=1, max_length=2000)
    # None: the kind of video the request names ("a short film about …"), else create
    mode: Literal["create", "short-film", "ugc-product", "brand"] | None = None
    duration: float | None = Field(None, gt=0, le=600)
    aspect: Literal["16:9", "9:16", "1:1", "4:5"] | None = None  # None: as the request asks
    size: str | None = Field(None, pattern=r"^\d{2,4}x\d{2,4}$")
    seed: int = Field(0, ge=0, le=MAX_SEED)
    backend: str | None = None
    budget: float | None = Field(None, ge=0)
    approve: bool = False
    preview: bool = False  # the whole video on the procedural world first; then the estimate
    profile: Literal[tuple(PROFILES)] | None = None  # a platform, as `make --profile`
    voice: Literal[tuple(VOICES)] | None = None  # as `make --voice` (installed: /api/voices)
    caption_style: str | None = Field(None, max_length=200)  # as `make --caption-style`
    references: list[Upload] = Field(default_factory=list, max_length=MAX_REFERENCES)


class Regenerate(Strict):
    prompt: str | None = Field(None, min_length=1, max_length=2000)


class Edit(Strict):
    text: str = Field(min_length=1, max_length=2000)


class Approval(Strict):
    yes: bool


def _store_uploads(uploads: list[Upload], folder: Path, request: Request) -> list[str]:
    """Each upload decoded, checked (an entity it names must be in the request's plan) and
    written as ref-NN.<ext> under `folder`; the specs the agent takes ("entity=path").
    Nothing the client named reaches the file system."""
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
        checked = check_references(specs)
        if any(reference.entity for reference in checked):  # else nothing to match
            check_named_entities(checked, draft_bible(make_brief(request)))
    except UsageError as exc:
        raise fastapi.HTTPException(422, str(exc)) from None
    return specs


def _reasons(errors: list[dict]) -> str:
    """Pydantic's validation errors as one line: 'duration: Input should be ...; …'."""
    parts = []
    for error in errors[:5]:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _inside(folder: Path, relative: str) -> Path | None:
    """`folder/relative` when it is a regular file reached without following a link out of
    `folder`; None otherwise (a link planted in a project never serves another file)."""
    path = folder / relative
    try:
        if path.is_symlink() or not path.is_file():
            return None
        if not path.resolve().is_relative_to(folder.resolve()):
            return None
    except OSError:
        return None
    return path


def _read_project_json(folder: Path, relative: str, *, sealed: bool = True) -> dict:
    """A project's JSON file (checked against its checksum when `sealed`), or a 409 naming
    what is wrong with it, by its place in the project (server paths stay private)."""
    path = folder / relative
    try:
        if sealed:
            value = read_sealed_json(path)
        else:
            value = json.loads(path.read_text("utf-8"))
    except UsageError as exc:
        reason = str(exc).replace(str(path), relative)
        raise fastapi.HTTPException(409, f"the project is damaged: {reason}") from None
    except (OSError, ValueError) as exc:
        raise fastapi.HTTPException(
            409, f"the project is damaged: {relative} cannot be read ({type(exc).__name__})"
        ) from None
    if not isinstance(value, dict):
        raise fastapi.HTTPException(409, f"the project is damaged: {relative} is not an object")
    return value


def private(text: str, folder: Path) -> str:
    """`text` without the server's own folders: a client hears of "the project"."""
    for path in {str(folder.resolve()), str(folder)}:
        text = text.replace(path, "the project")
    return text


def _run_line(job, folder: Path) -> dict:
    """What the page lists of a job: its kind, state and times, estimate against actual."""
    line = vars(job) | {"error": private(job.error, folder) if job.error else None}
    line.pop("args", None)  # upload paths and settings: the server's business
    return line


def _shot_cards(folder: Path, board: dict, manifest: dict) -> list[dict]:
    """What the page shows of each planned shot: its plan, its kept take's checks and cost."""
    made = {s["id"]: s for s in manifest.get("shots", [])}
    rate = FrameRate.of(board["fps"])
    cards = []
    for number, shot in enumerate(board["shots"], start=1):
        record = made.get(shot["id"], {})
        chosen = [t for t in record.get("takes", []) if t.get("accepted")]
        cards.append(
            {
                "number": number,
                "id": shot["id"],
                "kind": shot["kind"],
                "beat": shot["beat"],
                "prompt": shot["prompt"],
                "backend": shot.get("backend", ""),
                "seconds": round(float(rate.seconds(shot["frames"])), 2),
                "cost": record.get("cost", 0.0),
                "checks": chosen[-1]["checks"] if chosen else [],
                "keyframe": _inside(folder, f"shots/{shot['id']}/keyframe.png") is not None,
            }
        )
    return cards


def create_app(root: Path, *, workers: int = 2, token: str | None = None, settings=None):
    """The app over projects in `root`; with `token`, every call must present it."""
    check_token(token)
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
        # The interactive docs load their script from a CDN, which the page's CSP (and an
        # offline machine) refuses; the API is described at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.runner = runner
    app.add_middleware(Guard, max_body=MAX_BODY, token=token)

    @app.exception_handler(fastapi.exceptions.RequestValidationError)
    async def refused(request: fastapi.Request, exc) -> responses.JSONResponse:
        # The reasons only: the values are not echoed (NaN or a lone surrogate cannot even
        # be written back as JSON, and an echo is a way to reflect text at a client).
        return responses.JSONResponse({"detail": _reasons(exc.errors())}, status_code=422)

    def project_folder(project_id: str) -> Path:
        folder = runner.projects / project_id
        if folder.is_symlink():
            raise fastapi.HTTPException(404, f"no project {project_id}")
        if not folder.is_dir() and not runner.jobs_of(project_id):
            raise fastapi.HTTPException(404, f"no project {project_id}")
        return folder

    def start(project_id: str, kind: str, args: dict) -> dict:
        if runner.busy(project_id):
            raise fastapi.HTTPException(409, "the project has a job running; wait or cancel it")
        try:
            runner.precheck(project_id, kind, args)
        except DamagedProject as exc:
            reason = str(exc).replace(str(runner.projects / project_id), "the project")
            raise fastapi.HTTPException(409, reason) from None
        except UsageError as exc:
            raise fastapi.HTTPException(422, str(exc)) from None
        job = runner.submit(project_id, kind, args)
        return {"project": project_id, "job": job.id, "state": job.state}

    @app.get("/", response_class=responses.HTMLResponse, include_in_schema=False)
    def page() -> str:
        return (STATIC / "index.html").read_text("utf-8")

    @app.get("/{name}", include_in_schema=False)
    def asset(name: str):
        if name not in ASSETS:
            raise fastapi.HTTPException(404, f"no page {name!r}")
        return responses.FileResponse(STATIC / name, media_type=ASSETS[name])

    @app.post("/api/projects", status_code=202)
    def new_project(body: NewProject) -> dict:
        """Plan, generate and deliver a video; follow it at /api/projects/{id}/events."""
        try:
            request = build_request(body.model_dump())  # checked now: the job builds it again
            check_voice(body.voice)
            if body.caption_style is not None:
                caption_style(body.caption_style)
            if body.backend is not None:  # known, installed, configured, able to make it
                fps = float(request.rate.fps)
                project_pool(body.backend, width=request.width, height=request.height, fps=fps)
        except (UsageError, MissingDependency) as exc:
            raise fastapi.HTTPException(422, str(exc)) from None
        project_id = secrets.token_hex(6)
        args = body.model_dump(exclude={"references"})
        uploads = runner.uploads / project_id
        try:
            args["references"] = _store_uploads(body.references, uploads, request)
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
            except (UsageError, KeyError, TypeError):
                request = "(damaged project file)"
        elif jobs:
            request = jobs[0].args.get("request", "")
        last = jobs[-1] if jobs else None
        return {
            "id": project_id,
            "request": request,
            "state": last.state if last else "idle",
            "error": private(last.error, folder) if last and last.error else None,
            "estimate": last.estimate if last else None,
            "video": _inside(folder, FILES["final.mp4"]) is not None,
        }

    @app.get("/api/projects/{project_id}")
    def project(project_id: str = fastapi.Path(pattern=PROJECT_ID)) -> dict:
        folder = project_folder(project_id)
        detail = summary(project_id)
        detail["jobs"] = [_run_line(job, folder) for job in runner.jobs_of(project_id)]
        shots = []
        if (folder / "storyboard.json").exists():
            manifest = {}
            # The last render's manifest: an unverified one exists only until a render passes.
            for name in ("manifest.unverified.json", "manifest.json"):
                if (folder / FILES[name]).exists():
                    manifest = _read_project_json(folder, FILES[name], sealed=False)
                    break
            board = _read_project_json(folder, "storyboard.json")
            try:
                shots = _shot_cards(folder, board, manifest)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise fastapi.HTTPException(
                    409, f"the project is damaged: storyboard or manifest lacks {exc}"
                ) from None
            detail["verified"] = manifest.get("video", {}).get("verified")
            detail["asks"] = manifest.get("asks", [])  # what was asked, and whether shown
        detail["shots"] = shots
        detail["files"] = [name for name, path in FILES.items() if _inside(folder, path)]
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
        resume_from = request.headers.get("last-event-id", "").strip() or str(after)
        if not resume_from.isdigit():
            raise fastapi.HTTPException(422, f"Last-Event-ID {resume_from[:40]!r} is not a number")
        last = int(resume_from)

        async def stream():
            nonlocal last
            was_idle = False
            quiet_since = asyncio.get_running_loop().time()
            while not await request.is_disconnected():
                records = await asyncio.to_thread(records_after, folder, last)
                now = asyncio.get_running_loop().time()
                for record in records:
                    last = record["id"]
                    quiet_since = now
                    record["message"] = private(record.get("message", ""), folder)
                    yield f"id: {last}\nevent: step\ndata: {json.dumps(record)}\n\n"
                idle = not records and not runner.busy(project_id)
                if idle and not was_idle:
                    quiet_since = now
                    state = summary(project_id)["state"]
                    yield f"event: idle\ndata: {json.dumps({'state': state})}\n\n"
                elif now - quiet_since >= HEARTBEAT_SECONDS:
                    quiet_since = now
                    yield ": still here\n\n"  # a comment: clients ignore it, sockets stay open
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
        path = _inside(folder, FILES[name]) if name in FILES else None
        if path is None:
            raise fastapi.HTTPException(404, f"no file {name[:80]!r} in this project")
        return responses.FileResponse(path, filename=name)

    @app.get("/api/voices")
    def voices() -> list[str]:
        """The narration voices installed here, by name (the best one speaks by default)."""
        return installed_voices()

    @app.get("/api/backends")
    def backends() -> list[dict]:
        """The backends this server can make takes with, and the one it uses by default."""
        return backend_choices(runner.default_backend())

    @app.get("/api/projects/{project_id}/shots/{shot_id}/preview.png")
    def preview(project_id: str = fastapi.Path(pattern=PROJECT_ID), shot_id: str = ""):
        """A frame of the shot's newest take, as soon as one is made (before any keyframe)."""
        folder = project_folder(project_id)
        clip = newest_take(folder / "shots" / shot_id / "takes") if SHOT_ID.match(shot_id) else None
        still = (
            still_png(clip)
            if clip is not None and _inside(folder, str(clip.relative_to(folder)))
            else None
        )
        if still is None:
            raise fastapi.HTTPException(404, f"no take of {shot_id[:80]!r} yet")
        return responses.Response(still, media_type="image/png")

    @app.get("/api/projects/{project_id}/poster.png")
    def poster(project_id: str = fastapi.Path(pattern=PROJECT_ID)):
        """The player's poster: the middle of the first generated shot (its keyframe: never
        a card, never inside a crossfade), else a frame a third of the way into the video."""
        folder = project_folder(project_id)
        if (folder / "storyboard.json").exists():
            board = _read_project_json(folder, "storyboard.json")
            for shot in board.get("shots", []):
                keyframe = _inside(folder, f"shots/{shot.get('id')}/keyframe.png")
                if shot.get("kind") == "generated" and keyframe is not None:
                    return responses.FileResponse(keyframe, media_type="image/png")
        for name in ("final.mp4", "final.unverified.mp4", "preview.mp4"):
            video = _inside(folder, FILES[name])
            still = still_png(video, POSTER_AT) if video is not None else None
            if still is not None:
                return responses.Response(still, media_type="image/png")
        raise fastapi.HTTPException(404, "no video yet")

    @app.get("/api/projects/{project_id}/keyframes/{shot_id}.png")
    def keyframe(project_id: str = fastapi.Path(pattern=PROJECT_ID), shot_id: str = ""):
        folder = project_folder(project_id)
        path = _inside(folder, f"shots/{shot_id}/keyframe.png") if SHOT_ID.match(shot_id) else None
        if path is None:
            raise fastapi.HTTPException(404, f"no keyframe for {shot_id[:80]!r}")
        return responses.FileResponse(path)

    return app
