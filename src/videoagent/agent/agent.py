"""The agent: one readable loop from a request to a delivered, verified video.

    brief → bible → storyboard → rewrite → estimate → generate ⇄ evaluate/revise
          → assemble → render → verify → deliver

Every step emits StepRecords (journal, progress, UI). Language models only propose (the
storyboard); deterministic code validates, checks and decides retries and success.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from videoagent import __version__
from videoagent.agent.assemble import build_timeline, handles
from videoagent.agent.manifest import build_manifest
from videoagent.agent.planning import draft_bible, draft_storyboard, write_prompts
from videoagent.agent.routing import choose_backend
from videoagent.agent.steps import Listener, StepRecord
from videoagent.errors import RecoverableError, RunError, UsageError
from videoagent.evaluate.checks import Check, failed, take_checks, video_checks
from videoagent.generators import GenerationRequest, Generator, capabilities, create
from videoagent.media.contact_sheet import contact_sheet
from videoagent.media.render import render
from videoagent.plan.brief import make_brief
from videoagent.plan.modes import MODES
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Shot, Storyboard
from videoagent.store.files import atomic_write_json, atomic_write_text
from videoagent.store.journal import Journal
from videoagent.store.project import SCHEMA_VERSION, ProjectFolder
from videoagent.timeline.otio_io import write_otio
from videoagent.timeline.subtitles import to_srt


@dataclass
class Take:
    """One attempt at one shot: its file, how it was asked for, and how it fared."""

    shot_id: str
    number: int
    seed: int
    prompt: str
    backend: str
    path: Path | None
    checks: list[Check] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    cost_estimate: float = 0.0
    cost: float = 0.0
    seconds: float = 0.0
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.error is None and not failed(self.checks)


@dataclass
class Result:
    """What a run delivered."""

    folder: Path
    video: Path
    manifest: dict
    verified: bool


@dataclass
class AgentSettings:
    """How the agent works: backend, retries, parallelism, planner."""

    backend: str | None = None
    max_retries: int = 2
    workers: int = 2
    llm_url: str | None = None
    llm_model: str | None = None
    budget: float | None = None
    generator_options: dict = field(default_factory=dict)


class Agent:
    """Runs make requests end to end."""

    def __init__(
        self, settings: AgentSettings | None = None, *, listener: Listener | None = None
    ) -> None:
        self.settings = settings or AgentSettings()
        if self.settings.max_retries < 0:
            raise UsageError(f"--max-retries must be 0 or more, got {self.settings.max_retries}")
        self._listeners: list[Listener] = [listener] if listener else []
        self.timings: dict[str, float] = {}

    def _emit(self, step: str, status: str, message: str, **data) -> None:
        record = StepRecord(step, status, message, data)  # type: ignore[arg-type]
        for listener in self._listeners:
            listener(record)

    def make(self, request: Request, out: Path) -> Result:
        """Plan, generate, check, revise, edit and deliver `request` into folder `out`."""
        started = time.perf_counter()
        # Everything the user chose is checked before the first file is written.
        backend = choose_backend(
            self.settings.backend,
            seconds=min(request.seconds, 10.0),
            width=request.width,
            height=request.height,
            fps=float(request.rate.fps),
        )
        folder = ProjectFolder.create(out)
        journal = Journal(folder.journal)
        self._listeners.append(
            lambda r: journal.append(
                at=r.at, step=r.step, status=r.status, message=r.message, data=r.data
            )
        )
        try:
            return self._run(request, folder, backend, started)
        finally:
            self._listeners.pop()
            journal.close()

    def _timed(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - since
        return now

    def _run(self, request: Request, folder: ProjectFolder, backend: str, started: float) -> Result:
        settings = self.settings
        clock = time.perf_counter()
        atomic_write_json(
            folder.project_json,
            {
                "schema_version": SCHEMA_VERSION,
                "videoagent": __version__,
                "request": request.text,
                "mode": request.mode,
                "seconds": request.seconds,
                "aspect": request.aspect,
                "width": request.width,
                "height": request.height,
                "fps": str(request.rate.fps),
                "seed": request.seed,
            },
        )
        # 1. Brief: understand the request, fill what is missing.
        brief = make_brief(request)
        self._emit(
            "brief",
            "done",
            f"{len(brief.beats)} beats; assumed: {', '.join(brief.assumed) or 'nothing'}",
            brief=brief.to_dict(),
        )
        # 2. Bible: the cast and props every shot must keep consistent.
        caps = capabilities(backend)
        bible = draft_bible(brief)
        atomic_write_json(folder.bible_json, bible.to_dict())
        self._emit(
            "bible",
            "done",
            ", ".join(f"{e.id} ({e.colour} {e.kind})" for e in bible.entities.values())
            or "no entities",
            bible=bible.to_dict(),
        )
        # 3. Storyboard: an LLM proposes when configured; the offline planner otherwise.
        storyboard, warnings = draft_storyboard(
            request,
            brief,
            bible,
            backend=backend,
            dialect=caps.dialect,
            llm_url=self.settings.llm_url,
            llm_model=self.settings.llm_model,
        )
        for warning in warnings:
            self._emit("storyboard", "warning", warning)
        self._emit(
            "storyboard",
            "done",
            f"{len(storyboard.shots)} shots, "
            f"{storyboard.target_frames} frames ({request.seconds:g} s)",
            shots=[
                {"id": s.id, "beat": s.beat, "frames": s.frames, "kind": s.kind}
                for s in storyboard.shots
            ],
        )
        # 4. Rewrite each generated shot into the backend's prompt dialect.
        write_prompts(storyboard, caps, style=brief.style)
        atomic_write_json(folder.storyboard_json, storyboard.to_dict())
        self._emit(
            "rewrite",
            "done",
            f"{caps.dialect} dialect for {backend}",
            prompts={s.id: s.prompt for s in storyboard.shots if s.prompt},
        )
        # 5. Estimate cost and time before spending anything.
        generated = [(i, s) for i, s in enumerate(storyboard.shots) if s.kind == "generated"]
        request_frames = {s.id: s.frames + sum(handles(storyboard, i)) for i, s in generated}
        seconds_total = sum(float(request.rate.seconds(f)) for f in request_frames.values())
        estimate = {
            "cost": round(caps.price(seconds_total), 4),
            "currency": "USD",
            "generated_seconds": round(seconds_total, 3),
            "compute_seconds": round(seconds_total * caps.compute_seconds_per_second, 1),
        }
        if settings.budget is not None and estimate["cost"] > settings.budget:
            raise UsageError(
                f"estimated cost ${estimate['cost']:.2f} exceeds --budget ${settings.budget:.2f}"
            )
        self._emit(
            "estimate",
            "done",
            f"${estimate['cost']:.2f}, about {estimate['compute_seconds']:.0f} s of generation",
            **estimate,
        )
        clock = self._timed("planning", clock)
        # 6-8. Generate every shot in parallel; evaluate each take; revise failures.
        generator = create(backend, **settings.generator_options)
        takes = self._generate_all(
            storyboard, generated, request_frames, generator, folder, request
        )
        clock = self._timed("generate phase", clock)
        chosen = {
            sid: next(t for t in reversed(ts) if t.accepted).path
            for sid, ts in takes.items()
            if any(t.accepted for t in ts)
        }
        missing = [sid for sid in takes if sid not in chosen]
        if missing:
            # Still failing after every retry: keep the last usable file, and say so.
            for sid in missing:
                usable = [t for t in takes[sid] if t.path is not None]
                if not usable:
                    self._emit("revise", "failed", f"{sid}: no usable take after retries")
                    raise RunError(f"shot {sid} failed on every attempt; see the journal")
                chosen[sid] = usable[-1].path
                self._emit("revise", "warning", f"{sid}: kept a take that still fails checks")
        # 9. Assemble the typed timeline.
        mode = MODES[request.mode]
        timeline = build_timeline(
            storyboard, chosen, fade_frames=request.rate.frames(mode.fade_seconds)
        )
        write_otio(timeline, folder.timeline_otio)
        self._emit(
            "assemble",
            "done",
            f"{len(timeline.clips)} clips, "
            f"{len(timeline.overlays)} overlays, {len(timeline.captions)} captions",
        )
        clock = self._timed("bookkeeping", clock)
        # 10. Render, then verify against the plan.
        video = folder.renders / "final.mp4"
        self._emit("render", "started", f"rendering {timeline.duration} frames")
        method = render(timeline, video)
        self._emit(
            "render",
            "done",
            f"rendered by {'stream copy' if method == 'copy' else 'encode'}",
            method=method,
        )
        clock = self._timed("render", clock)
        samples = []
        for index, shot in enumerate(storyboard.shots):
            if shot.kind != "generated":
                continue
            before, _ = handles(storyboard, index)
            middle = shot.frames // 2
            samples.append(
                (shot.id, timeline.clip_start(index) + middle, chosen[shot.id], before + middle)
            )
        checks = video_checks(
            video,
            frames=storyboard.target_frames,
            rate=request.rate,
            width=request.width,
            height=request.height,
            shot_samples=samples,
        )
        verified = not failed(checks)
        self._emit(
            "verify",
            "done" if verified else "failed",
            f"{sum(c.passed for c in checks)}/{len(checks)} checks passed",
            checks=[c.to_dict() for c in checks],
        )
        clock = self._timed("verify", clock)
        # 11. Deliver: subtitles, contact sheet, manifest.
        atomic_write_text(folder.renders / "final.srt", to_srt(timeline))
        contact_sheet(
            video,
            [
                (timeline.clip_start(i) + s.frames // 2, s.beat)
                for i, s in enumerate(storyboard.shots)
            ],
            folder.renders / "contact_sheet.png",
        )
        clock = self._timed("contact sheet", clock)
        self.timings["total"] = time.perf_counter() - started
        manifest = build_manifest(
            request=request,
            brief=brief,
            bible=bible,
            storyboard=storyboard,
            takes=takes,
            chosen=chosen,
            estimate=estimate,
            video_checks=checks,
            verified=verified,
            timings=self.timings,
            folder=folder.root,
            render_method=method,
        )
        atomic_write_json(folder.renders / "manifest.json", manifest)
        self._timed("bookkeeping", clock)
        self._emit(
            "deliver",
            "done" if verified else "warning",
            f"{video} ({'verified' if verified else 'NOT verified'})",
            video=str(video),
        )
        return Result(folder.root, video, manifest, verified)

    def _generate_all(
        self,
        storyboard: Storyboard,
        generated: list[tuple[int, Shot]],
        request_frames: dict[str, int],
        generator: Generator,
        folder: ProjectFolder,
        request: Request,
    ) -> dict[str, list[Take]]:
        total = len(generated)
        self._emit("generate", "started", f"{total} shots on {generator.name}", total=total)
        takes: dict[str, list[Take]] = {shot.id: [] for _, shot in generated}
        done = 0
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            futures = {
                pool.submit(
                    self._shot_until_accepted,
                    shot,
                    request_frames[shot.id],
                    generator,
                    folder,
                    request,
                    takes[shot.id],
                ): shot
                for _, shot in generated
            }
            for future in as_completed(futures):
                future.result()
                done += 1
                self._emit(
                    "generate", "progress", f"{futures[future].id} finished", done=done, total=total
                )
        self._emit(
            "generate", "done", f"{sum(len(t) for t in takes.values())} takes for {total} shots"
        )
        return takes

    def _shot_until_accepted(
        self,
        shot: Shot,
        frames: int,
        generator: Generator,
        folder: ProjectFolder,
        request: Request,
        takes: list[Take],
    ) -> None:
        """Generate → evaluate → revise for one shot, within the retry limit."""
        attempts = self.settings.max_retries + 1
        for number in range(1, attempts + 1):
            seed = request.seed * 1000 + shot.index * 10 + number - 1
            take = self._take(shot, number, seed, frames, generator, folder, request)
            takes.append(take)
            if take.accepted:
                return
            problems = take.error or "; ".join(f"{c.name}: {c.detail}" for c in failed(take.checks))
            if number < attempts:
                self._emit(
                    "revise",
                    "warning",
                    f"{shot.id} take {number} rejected ({problems}); "
                    f"regenerating with seed {seed + 1}",
                    shot=shot.id,
                    take=number,
                )
            else:
                self._emit(
                    "revise",
                    "failed",
                    f"{shot.id} still fails after {number} takes: {problems}",
                    shot=shot.id,
                )

    def _take(
        self,
        shot: Shot,
        number: int,
        seed: int,
        frames: int,
        generator: Generator,
        folder: ProjectFolder,
        request: Request,
    ) -> Take:
        output = folder.take_dir(shot.id, number) / "clip.mp4"
        generation = GenerationRequest(
            prompt=shot.prompt,
            frames=frames,
            rate=request.rate,
            width=request.width,
            height=request.height,
            seed=seed,
            label=f"{shot.id} take {number}",
        )
        caps = generator.capabilities
        take = Take(
            shot.id,
            number,
            seed,
            shot.prompt,
            generator.name,
            None,
            cost_estimate=caps.price(generation.seconds),
        )
        began = time.perf_counter()
        try:
            job = generator.generate(generation, output)
        except RecoverableError as exc:
            take.error = str(exc)
            take.seconds = time.perf_counter() - began
            self._emit("evaluate", "warning", f"{shot.id} take {number}: {exc}", shot=shot.id)
            atomic_write_json(output.with_name("take.json"), _take_record(take))
            return take
        take.path, take.report, take.cost = job.output, job.report, job.cost
        take.checks = take_checks(job, shot.scene_spec)
        take.seconds = time.perf_counter() - began
        bad = failed(take.checks)
        self._emit(
            "evaluate",
            "done" if not bad else "warning",
            f"{shot.id} take {number}: "
            + ("all checks passed" if not bad else ", ".join(c.name for c in bad) + " failed"),
            shot=shot.id,
            take=number,
            checks=[c.to_dict() for c in take.checks],
        )
        atomic_write_json(output.with_name("take.json"), _take_record(take))
        return take


def _take_record(take: Take) -> dict:
    return {
        "shot": take.shot_id,
        "take": take.number,
        "seed": take.seed,
        "backend": take.backend,
        "prompt": take.prompt,
        "file": take.path.name if take.path else None,
        "accepted": take.accepted,
        "error": take.error,
        "checks": [c.to_dict() for c in take.checks],
        "cost_estimate": take.cost_estimate,
        "cost": take.cost,
        "seconds": round(take.seconds, 3),
        "report": take.report,
    }
