"""The agent: one readable loop from a request to a delivered, verified video, and the same
loop again for every later change to the project.

    make:    brief → bible → storyboard → route, rewrite ─┐
    resume:  (plan again only if it never finished) ─────┤
    shot:    new prompt or seed for one shot ────────────┤
    edit:    edit plan: deterministic tools / new shots ─┤
                                                         ▼
      estimate → generate ⇄ evaluate/revise → assemble → render → verify → deliver

Every step emits StepRecords (journal, progress, UI). Language models only propose;
deterministic code validates, checks and decides retries and success. Takes are found by
content hash before anything is generated, so nothing already made is made twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from videoagent.agent.assemble import build_timeline, source_span
from videoagent.agent.budget import Budget
from videoagent.agent.change import apply as apply_change
from videoagent.agent.change import recover as recover_change
from videoagent.agent.change import stage
from videoagent.agent.delivery import DELIVERED, delivered_name, publish, unverified
from videoagent.agent.edits import apply_edit, replace_shot_content
from videoagent.agent.generator_pool import GeneratorPool
from videoagent.agent.manifest import build_manifest
from videoagent.agent.missing import lost_history, missing_takes
from videoagent.agent.outside_edits import adopt
from videoagent.agent.planning import (
    draft_bible,
    draft_storyboard,
    framed_closer,
    reference_counter,
    write_prompts,
)
from videoagent.agent.routing import project_pool
from videoagent.agent.shooting import Shooter, Take
from videoagent.agent.state import ProjectState
from videoagent.agent.steps import Listener, StepRecord
from videoagent.audio.loudness import measure as measure_loudness
from videoagent.audio.pcm import write_wav
from videoagent.audio.soundtrack import make_soundtrack
from videoagent.errors import (
    BudgetReached,
    Cancelled,
    JobInDoubt,
    PlanError,
    RunError,
    UnclearRequest,
    UsageError,
)
from videoagent.evaluate.check import failed
from videoagent.evaluate.checks import video_checks
from videoagent.evaluate.consistency import consistency
from videoagent.evaluate.llm_judge import LLMJudge
from videoagent.evaluate.sound_checks import PEAK_CEILING, sound_checks, sound_summary
from videoagent.failpoints import reached
from videoagent.generators import capabilities
from videoagent.llm.endpoint import chat_client, check_llm_url
from videoagent.media.contact_sheet import contact_sheet
from videoagent.media.probe import probe
from videoagent.media.render import crop_box, render
from videoagent.memory.context import FULL_KEYFRAME, pack_context, tokens_of_text
from videoagent.memory.retrieval import shot_references
from videoagent.plan.brief import make_brief
from videoagent.plan.edit_request import parse_edit
from videoagent.plan.llm_edit import parse_edit_with_llm
from videoagent.plan.llm_edit import summary as edit_context
from videoagent.plan.narration import narrates
from videoagent.plan.references import (
    apply_references,
    check_named_entities,
    check_references,
    store_references,
)
from videoagent.plan.request import Request, readable_text
from videoagent.plan.storyboard import Storyboard
from videoagent.store.files import atomic_write_json, atomic_write_text
from videoagent.store.journal import Journal
from videoagent.store.ledger import Ledger
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore, default_shared_cache
from videoagent.timeline.otio_io import read_picture, write_otio
from videoagent.timeline.subtitles import burn_in, caption_cues, srt, webvtt


def shot_to_regenerate(board: Storyboard, number: int, prompt: str | None):
    """Shot `number` (from 1) of `board`, or UsageError when it cannot be made again."""
    if not 1 <= number <= len(board.shots):
        raise UsageError(f"shot {number} does not exist; the video has shots 1-{len(board.shots)}")
    shot = board.shots[number - 1]
    if shot.kind != "generated":
        raise UsageError(f"shot {number} is a text card; change it with `videoagent edit`")
    if prompt is not None and not prompt.strip():
        raise UsageError("--prompt is empty")
    return shot


def _paid(backend: str | None) -> bool:
    """Whether `backend` charges for a take (one this version does not know: assume so)."""
    try:
        return capabilities(backend).price_per_second > 0
    except UsageError:
        return True


@dataclass
class Result:
    """What a run delivered."""

    folder: Path
    video: Path
    manifest: dict
    verified: bool


@dataclass
class AgentSettings:
    """How the agent works: backends, retries, parallelism, planner, spending, caches.

    `backend` pins one generator; `backends` names a pool to route each shot among (the
    cheapest able); neither: every configured backend, else the best offline one.
    `approve`, when set, is shown the estimate and must return True before anything is
    generated. `judge_url` names an OpenAI-compatible vision endpoint whose verdict on
    each new take joins its checks. `generator_options` holds constructor options per
    backend name."""

    backend: str | None = None
    backends: list[str] | None = None
    max_retries: int = 2
    workers: int = 2
    llm_url: str | None = None
    llm_model: str | None = None
    judge_url: str | None = None  # a vision model's endpoint: it judges every new take
    judge_model: str | None = None
    budget: float | None = None
    approve: Callable[[dict], bool] | None = None
    narrate: bool | None = None  # None: as the mode wants (ugc-product, brand, short-film)
    music: bool = True
    effects: bool = True
    ambience: bool = True
    burn_captions: bool = False  # draw the voice's subtitles into the picture too
    cancel: threading.Event | None = None  # set from another thread to stop the run
    loudness: float = -16.0  # LUFS, EBU R128 integrated (web)
    generator_options: dict[str, dict] = field(default_factory=dict)
    shared_cache: Path | None = field(default_factory=default_shared_cache)
    # A paid submission that got no answer may have made a job: send it again only when
    # the user says so (`resume --resubmit-in-doubt`).
    resubmit_in_doubt: bool = False


class Agent:
    """Makes projects and carries them on: resume, regenerate a shot, edit."""

    def __init__(
        self, settings: AgentSettings | None = None, *, listener: Listener | None = None
    ) -> None:
        self.settings = settings or AgentSettings()
        if self.settings.max_retries < 0:
            raise UsageError(f"--max-retries must be 0 or more, got {self.settings.max_retries}")
        self._listeners: list[Listener] = [listener] if listener else []
        self.timings: dict[str, float] = {}
        self._ledger: Ledger | None = None
        self._journal: Journal | None = None
        self._held: list[StepRecord] | None = None  # a change's records, until it commits
        self._recovered: list[str] = []  # what opening the project finished or undid

    def _emit(self, step: str, status: str, message: str, **data) -> None:
        record = StepRecord(step, status, message, data)  # type: ignore[arg-type]
        if self._held is not None:
            self._held.append(record)
            return
        if self._journal is not None:
            self._journal.append(**asdict(record))
        for listener in self._listeners:
            listener(record)

    def _timed(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - since
        return now

    # Entry points ------------------------------------------------------------------------

    def make(self, request: Request, out: Path, *, references: list[str] = ()) -> Result:
        """Plan, generate, check, revise, edit and deliver `request` into folder `out`."""
        # Everything the user chose is checked before the first file is written.
        pool = project_pool(
            self.settings.backend,
            self.settings.backends,
            width=request.width,
            height=request.height,
            fps=float(request.rate.fps),
        )
        for url in (self.settings.llm_url, self.settings.judge_url):
            if url:
                check_llm_url(url)
        checked = check_references(list(references))
        check_named_entities(checked, draft_bible(make_brief(request)))
        folder = ProjectFolder.create(out)
        folder.lock()
        try:
            # project.json first: from here on, an interrupted run can be resumed.
            stored = store_references(checked, folder.refs)
            state = ProjectState(folder, request, pool[0], stored, pool=pool)
            state.save()
            with self._run(folder, "make", request.text):
                self._plan(state)
                return self._produce(state)
        finally:
            folder.unlock()

    def resume(self, out: Path) -> Result:
        """Finish an interrupted run: plan if it never finished, then make what is missing."""
        with self._opened(out) as (folder, state):
            with self._run(folder, "resume", ""):
                if state.storyboard is None:
                    self._plan(state)
                return self._produce(state)

    def regenerate(self, out: Path, number: int, *, prompt: str | None = None) -> Result:
        """Make shot `number` (as numbered now, from 1) again: with a new seed, or from a
        new prompt. Every other shot is reused."""
        if prompt is not None:
            readable_text(prompt, "--prompt")
        with self._opened(out) as (folder, state):
            shot = shot_to_regenerate(self._planned(state), number, prompt)
            with self._run(folder, "shot", f"{number} {prompt or '(new seed)'}"):
                with self._change(state):
                    message = replace_shot_content(state, shot, prompt, store=self._store(folder))
                    self._emit("edit", "done", message, shot=shot.id, route="generation")
                return self._produce(state)

    def edit(self, out: Path, text: str) -> Result:
        """Carry out an edit request ("remove shot 2", "make it 9:16", …) on the project."""
        readable_text(text, "the edit request")
        llm = (self.settings.llm_url, self.settings.llm_model) if self.settings.llm_url else None
        with self._opened(out) as (folder, state):
            self._planned(state)
            read_by, context_tokens = "our phrasings", 0
            try:
                operations = parse_edit(text, state.storyboard, state.request)  # may refuse
            except UnclearRequest:
                if llm is None:
                    raise
                operations = parse_edit_with_llm(
                    text, state.storyboard, state.request, url=llm[0], model=llm[1]
                )
                read_by = f"the LLM at {llm[0]}"
                context_tokens = tokens_of_text(edit_context(state.storyboard, state.request))
            with self._run(folder, "edit", text):
                store = self._store(folder)
                reached("edit:begun")
                with self._change(state):
                    self._emit(
                        "edit",
                        "progress",
                        f"read by {read_by} as {len(operations)} edit(s)",
                        operations=[repr(o) for o in operations],
                        context={"tokens": context_tokens},
                    )
                    for operation in operations:
                        route, message, data = apply_edit(
                            operation, state, emit=self._emit, store=store, llm=llm
                        )
                        self._emit("edit", "done", f"{message} [{route}]", route=route, **data)
                    state.storyboard.validate(state.bible)
                    state.sync_settings()
                return self._produce(state)

    # Sessions ----------------------------------------------------------------------------

    @contextmanager
    def _opened(self, out: Path) -> Iterator[tuple[ProjectFolder, ProjectState]]:
        """An existing project, locked, read back and checked (files and take hashes)
        before anything is written."""
        folder = ProjectFolder.open(out)
        folder.lock()
        try:
            self._recovered = recover_change(folder)  # said in the run's journal
            state = ProjectState.load(folder)
            lost = lost_history(folder, planned=state.storyboard is not None)
            self._recovered += [lost] if lost else []
            TakeStore(folder.root, None)  # verifies every finished take's files
            self._adopt_outside_edits(folder, state)
            yield folder, state
        finally:
            folder.unlock()

    def _adopt_outside_edits(self, folder: ProjectFolder, state: ProjectState) -> None:
        """What another tool changed in timeline.otio's picture track becomes the plan, as a
        change of its own (journalled, committed); a change against the rules is refused
        before anything is written."""
        if state.storyboard is None or not folder.timeline_otio.exists():
            return
        picture = read_picture(folder.timeline_otio)
        board, notes = state.storyboard, []
        if picture.edited_outside:
            try:
                board, notes = adopt(picture, state.storyboard)
                board.validate(state.bible)
            except (UsageError, PlanError) as exc:
                raise UsageError(
                    f"{exc} (fix timeline.otio, or delete it to keep the plan as it is)"
                ) from None
        if not notes and not picture.text_edited_outside:
            return
        with self._run(folder, "timeline", "timeline.otio edited outside videoagent"):
            if picture.text_edited_outside:
                self._emit(
                    "edit",
                    "warning",
                    "the text or caption track of timeline.otio was changed outside "
                    "videoagent: not adopted (change text with `videoagent edit`)",
                )
            if notes:
                with self._change(state):
                    state.storyboard = board
                    state.sync_settings()
                    for note in notes:
                        self._emit("edit", "done", f"{note} [timeline.otio]", route="tool: otio")

    @staticmethod
    def _planned(state: ProjectState) -> Storyboard:
        if state.storyboard is None:
            raise UsageError(
                f"project {str(state.folder.root)!r} was never fully planned; run "
                "`videoagent resume` first"
            )
        return state.storyboard

    @contextmanager
    def _run(self, folder: ProjectFolder, command: str, detail: str) -> Iterator[Journal]:
        """One journalled run: every step record is written as it happens."""
        journal = Journal(folder.journal)
        journal.begin(command, detail)
        self.timings = {}  # per run: the manifest reports this run's phases
        self._ledger = Ledger(folder.journal)  # per run: the provider jobs it sends or finds
        self._journal = journal  # every record is written as it is emitted
        status = "failed"
        try:
            for note in self._recovered:
                self._emit("resume", "warning", note)
            self._recovered = []
            removed = folder.discard_unfinished()
            if removed:
                self._emit(
                    "resume",
                    "warning",
                    f"threw away {len(removed)} unfinished file(s) of an interrupted run",
                    removed=removed,
                )
            yield journal
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            journal.end(status)
            self._ledger.close()
            self._journal = None
            journal.close()

    @contextmanager
    def _change(self, state: ProjectState) -> Iterator[None]:
        """The body changes `state` in memory; on leaving it, the change is staged, committed
        with its step records (held until then) and applied (see agent/change.py). A body
        that raises changes nothing: its records are dropped and the failure recorded."""
        held = self._held = []
        try:
            yield
        except BaseException as exc:
            self._held = None
            if not isinstance(exc, KeyboardInterrupt):
                self._emit("edit", "failed", f"not applied: {exc}")
            raise
        self._held = None
        stage(state, self._journal.run)
        self._journal.commit([asdict(record) for record in held])
        apply_change(state)
        for record in held:  # committed: now the listeners hear of it
            for listener in self._listeners:
                listener(record)

    def _store(self, folder: ProjectFolder) -> TakeStore:
        return TakeStore(folder.root, self.settings.shared_cache)

    # Planning ----------------------------------------------------------------------------

    def _plan(self, state: ProjectState) -> None:
        clock = time.perf_counter()
        request, folder = state.request, state.folder
        # 1. Brief: understand the request, fill what is missing.
        brief = state.brief = make_brief(request)
        self._emit(
            "brief",
            "done",
            f"{len(brief.beats)} beats; assumed: {', '.join(brief.assumed) or 'nothing'}",
            brief=brief.to_dict(),
        )
        # 2. Bible: the cast and props every shot must keep consistent, with references.
        bible = state.bible = draft_bible(brief)
        for note in apply_references(state.references, bible, folder.refs):
            self._emit("bible", "progress", note)
        self._emit(
            "bible",
            "done",
            ", ".join(f"{e.id} ({e.colour} {e.kind})" for e in bible.entities.values())
            or "no entities",
            bible=bible.to_dict(),
        )
        # 3. Storyboard: an LLM proposes when configured; the offline planner otherwise.
        context = pack_context(state)
        board, warnings = draft_storyboard(
            request,
            brief,
            bible,
            pool=state.pool,
            llm_url=self.settings.llm_url,
            llm_model=self.settings.llm_model,
        )
        for warning in warnings:
            self._emit("storyboard", "warning", warning)
        self._emit(
            "storyboard",
            "done",
            f"{len(board.shots)} shots, {board.target_frames} frames ({request.seconds:g} s); "
            f"planning context {context.size} tokens",
            shots=[
                {"id": s.id, "beat": s.beat, "frames": s.frames, "kind": s.kind}
                for s in board.shots
            ],
            context=context.summary(),
        )
        # 4. Route each generated shot to a backend; rewrite it into that one's dialect.
        routes = write_prompts(
            board,
            state.pool,
            style=brief.style,
            bible=bible,
            references=reference_counter(state, board),
        )
        # 5. Narration: written by the LLM when one plans and the video speaks.
        if self.settings.llm_url and narrates(request.mode, self.settings.narrate):
            from videoagent.plan.llm_narration import write_narration_with_llm

            for warning in write_narration_with_llm(
                board,
                mode=request.mode,
                url=self.settings.llm_url,
                model=self.settings.llm_model,
            ):
                self._emit("storyboard", "warning", warning)
        state.storyboard = board
        state.save()
        self._emit_routes(routes, state.pool)
        self._emit(
            "rewrite",
            "done",
            ", ".join(sorted({f"{s.dialect} dialect for {s.backend}" for s, _ in routes})),
            prompts={s.id: s.prompt for s in board.shots if s.prompt},
        )
        self._timed("planning", clock)

    def _emit_routes(self, routes: list, pool: list[str]) -> None:
        if not routes:
            return
        counts: dict[str, int] = {}
        for _, route in routes:
            counts[route.backend] = counts.get(route.backend, 0) + 1
        self._emit(
            "route",
            "done",
            ", ".join(f"{n} shot(s) on {name}" for name, n in counts.items())
            + f" (pool: {', '.join(pool)})",
            routes={
                shot.id: {"backend": r.backend, "mode": r.mode, "price": r.price, "why": r.why}
                for shot, r in routes
            },
        )

    # Production --------------------------------------------------------------------------

    def _produce(self, state: ProjectState) -> Result:
        """Make every missing take, then assemble, render, verify and deliver."""
        started = clock = time.perf_counter()
        settings, request, folder = self.settings, state.request, state.folder
        board = self._planned(state)
        store = self._store(folder)
        generators = GeneratorPool(settings.generator_options)
        budget = Budget(settings.budget)
        shooter = Shooter(
            generators,
            store,
            rate=request.rate,
            width=request.width,
            height=request.height,
            max_retries=settings.max_retries,
            emit=self._emit,
            budget=budget,
            reframe=lambda shot: framed_closer(
                shot,
                capabilities(shot.backend),
                style=state.brief.style if state.brief else "",
                bible=state.bible,
            ),
            judge=self._judge(state),
            ledger=self._ledger,
            resubmit_in_doubt=settings.resubmit_in_doubt,
        )
        generated = [s for s in board.shots if s.kind == "generated"]
        for index, shot in enumerate(board.shots):
            if shot.kind == "generated" and not shot.source_frames:
                shot.source_in, shot.source_frames = source_span(board, index)
                shot.source_size = [request.width, request.height]
            shot.backend = shot.backend or state.backend  # projects from before routing
        refs = {}
        for index, shot in enumerate(board.shots):
            if shot.kind == "generated":
                refs[shot.id], notes = shot_references(
                    board, state.bible, index, folder.refs, state.references
                )
                for note in notes:
                    self._emit("retrieve", "done", note, shot=shot.id)
        state.save()
        # 6. Estimate what this run will spend: only takes not found in a cache cost, each
        # at its backend's price for the length that backend makes (and bills).
        new = [s for s in generated if not shooter.cached(s, s.source_frames, refs[s.id])]
        estimate = self._estimate(new, generated, request.rate)
        over = settings.budget is not None and estimate["cost"] > settings.budget + 0.005
        self._emit(
            "estimate",
            "warning" if over else "done",
            f"{len(new)} shots to generate, {estimate['shots_cached']} cached; "
            f"${estimate['cost']:.2f}, about {estimate['compute_seconds']:.0f} s"
            + (
                f"; over the budget of ${settings.budget:.2f}: the run stops before the "
                "first charge that does not fit"
                if over
                else ""
            ),
            **estimate,
        )
        self._refuse_to_pay_for_missing(store, board, folder)
        if new and settings.approve is not None and not settings.approve(estimate):
            self._emit("estimate", "failed", "not approved: nothing generated")
            raise Cancelled(
                f"the estimate (${estimate['cost']:.2f}) was not approved; nothing was "
                f"generated. Go on later with `videoagent resume {folder.root}`"
            )
        clock = self._timed("planning", clock)
        # 7-9. Generate every shot in parallel; evaluate each take; revise failures.
        takes = self._shoot_all(shooter, generated, refs, generators)
        clock = self._timed("generate phase", clock)
        chosen: dict[str, Take] = {}
        for sid, shot_takes in takes.items():
            accepted = [t for t in shot_takes if t.accepted]
            usable = [t for t in shot_takes if t.path is not None]
            if accepted:
                chosen[sid] = accepted[-1]
            elif usable:
                # Still failing after every retry: keep the last usable file, and say so.
                chosen[sid] = usable[-1]
                self._emit("revise", "warning", f"{sid}: kept a take that still fails checks")
            else:
                self._emit("revise", "failed", f"{sid}: no usable take after retries")
                raise RunError(f"shot {sid} failed on every attempt; see the journal")
        # 10. Assemble the typed timeline.
        timeline = build_timeline(board, {sid: t.path for sid, t in chosen.items()})
        write_otio(timeline, folder.timeline_otio, root=folder.root)
        self._emit(
            "assemble",
            "done",
            f"{len(timeline.clips)} clips, "
            f"{len(timeline.overlays)} overlays, {len(timeline.captions)} captions",
        )
        clock = self._timed("bookkeeping", clock)
        # 11. Sound: effects on the picture's events, narration over the shots, subtitles
        # timed to the voice, a music bed ducked under it, mixed to the target loudness;
        # what was skipped is said.
        soundtrack = make_soundtrack(
            timeline,
            board,
            mode=request.mode,
            narrate=narrates(request.mode, settings.narrate),
            takes={sid: t.path for sid, t in chosen.items()},
            music=settings.music,
            effects=settings.effects,
            ambience=settings.ambience,
            seed=request.seed,
            target_lufs=settings.loudness,
        )
        # Every render file is written under its unverified name; step 13 publishes it.
        staged = {name: folder.renders / unverified(name) for name in DELIVERED}
        mixed = write_wav(staged["mix.wav"], soundtrack.samples)
        for part, how in soundtrack.parts.items():
            self._emit(
                "sound",
                "done" if how["made"] else "warning",
                f"{part}: {how.get('by') or 'skipped: ' + how.get('why', '')}",
                part=part,
                **how,
            )
        if settings.burn_captions and soundtrack.cues:
            timeline = burn_in(timeline, soundtrack.cues)
            write_otio(timeline, folder.timeline_otio, root=folder.root)
            self._emit("sound", "done", f"{len(soundtrack.cues)} subtitle cues burned in")
        clock = self._timed("sound", clock)
        # 12. Render piece by piece (unchanged pieces are reused), then verify.
        video = staged["final.mp4"]
        self._emit("render", "started", f"rendering {timeline.duration} frames")
        report = render(timeline, video, pieces_dir=folder.pieces, audio=mixed)
        report = self._keep_peaks_down(timeline, video, folder, soundtrack, report, mixed)
        self._emit("render", "done", report.summary(), pieces=report.pieces)
        reached("render:done")
        clock = self._timed("render", clock)
        samples = []
        for index, shot in enumerate(board.shots):
            clip = timeline.clips[index]
            if shot.kind == "generated":
                middle = shot.frames // 2
                info = probe(clip.source)
                box = crop_box(clip, (info.width, info.height), (request.width, request.height))
                samples.append(
                    (
                        shot.id,
                        timeline.clip_start(index) + middle,
                        chosen[shot.id].path,
                        shot.source_in + middle,
                        box,
                    )
                )
        checks = video_checks(
            video,
            frames=board.target_frames,
            rate=request.rate,
            width=request.width,
            height=request.height,
            shot_samples=samples,
        )
        heard, sound_figures = sound_checks(
            video, soundtrack, target_lufs=settings.loudness, recognizer=soundtrack.recognizer
        )
        checks += heard
        self._emit("verify", "done", sound_summary(sound_figures), sound=sound_figures)
        verified = not failed(checks)
        self._emit(
            "verify",
            "done" if verified else "failed",
            f"{sum(c.passed for c in checks)}/{len(checks)} checks passed",
            checks=[c.to_dict() for c in checks],
        )
        clock = self._timed("verify", clock)
        # 13. Deliver: subtitles, contact sheet, manifest; published only when verified.
        cues = soundtrack.cues or caption_cues(timeline)
        atomic_write_text(staged["final.srt"], srt(cues))
        atomic_write_text(staged["final.vtt"], webvtt(cues))
        contact_sheet(
            video,
            [(timeline.clip_start(i) + s.frames // 2, s.beat) for i, s in enumerate(board.shots)],
            staged["contact_sheet.png"],
            keyframes=[folder.keyframe(s.id) for s in board.shots],
            keyframe_size=FULL_KEYFRAME,
        )
        score = consistency(board, state.bible, {sid: t.path for sid, t in chosen.items()})
        self._emit("verify", "done", score["summary"], consistency=score)
        clock = self._timed("contact sheet", clock)
        self.timings["total"] = self.timings.get("planning", 0.0) + time.perf_counter() - started
        manifest = build_manifest(
            state=state,
            takes=takes,
            chosen=chosen,
            estimate={**estimate, "budget": budget.summary()},
            video_checks=checks,
            verified=verified,
            timings=self.timings,
            render=report,
            consistency=score,
            ledger=self._ledger,
            files={name: f"renders/{delivered_name(name, verified)}" for name in DELIVERED},
            sound={
                "parts": soundtrack.parts,
                "lines": [line.record() for line in soundtrack.lines],
                "subtitles": "voice" if soundtrack.cues else "shot captions",
                "effects": soundtrack.effects,
                "burned_captions": [
                    {"text": o.text, "start": o.start, "frames": o.frames}
                    for o in timeline.overlays
                    if o.position == "caption"
                ],
                **sound_figures,
            },
        )
        atomic_write_json(staged["manifest.json"], manifest)
        if verified:
            publish(folder.renders)
            video = folder.renders / "final.mp4"
        self._timed("bookkeeping", clock)
        last = folder.renders / "final.mp4"
        if verified:
            how = "verified"
        elif last.exists():
            how = f"NOT verified; the last verified video, {last.name}, is kept"
        else:
            how = "NOT verified; there is no verified video yet"
        self._emit(
            "deliver",
            "done" if verified else "warning",
            f"{video} ({how}); takes: {manifest['takes']['generated']} generated, "
            f"{manifest['takes']['reused']} reused",
            video=str(video),
            verified=verified,
            takes=manifest["takes"],
        )
        return Result(folder.root, video, manifest, verified)

    def _refuse_to_pay_for_missing(self, store: TakeStore, board, folder: ProjectFolder) -> None:
        """Takes deleted from the project are reported; those on a paid backend are made
        again only with the user's yes (--approve, or a --budget to spend)."""
        missing = missing_takes(folder, store, {s.id for s in board.shots})
        for take in missing:
            self._emit(
                "resume",
                "warning",
                f"{take['file']} ({take['shot']}, take {take['take']}) is gone from the project "
                "(deleted outside videoagent)",
                shot=take["shot"],
            )
        paid = [t for t in missing if _paid(t.get("backend"))]
        if paid and self.settings.approve is None and self.settings.budget is None:
            message = (
                f"{len(paid)} paid take(s) are gone from the project "
                f"({', '.join(t['file'] for t in paid)}); making them again costs money: run "
                f"`videoagent resume {folder.root} --approve` (or give --budget) to make them"
            )
            self._emit("estimate", "failed", message)
            raise Cancelled(message)

    def _keep_peaks_down(self, timeline, video: Path, folder, soundtrack, report, mix: Path):
        """The encoder can lift a peak over the ceiling the mix kept: measured in the final
        file, the mix is turned down by the excess and a small margin (no more: each dB cut
        is a dB of loudness lost against the target) and the sound muxed again (the
        picture's pieces are reused), at most twice."""
        for _ in range(2):
            peak = measure_loudness(video).true_peak
            if peak <= PEAK_CEILING - 0.2:
                break
            cut = PEAK_CEILING - 0.3 - peak
            soundtrack.samples = soundtrack.samples * np.float32(10 ** (cut / 20))
            mixed = write_wav(mix, soundtrack.samples)
            self._emit(
                "sound", "progress", f"true peak {peak:.1f} dBTP after encoding: {cut:.1f} dB"
            )
            report = render(timeline, video, pieces_dir=folder.pieces, audio=mixed)
        return report

    def _judge(self, state: ProjectState) -> LLMJudge | None:
        if not self.settings.judge_url:
            return None
        entities = state.bible.entities if state.bible else {}
        return LLMJudge(
            chat_client(self.settings.judge_url, model=self.settings.judge_model),
            cast=lambda shot: [entities[c].description for c in shot.cast if c in entities],
        )

    @staticmethod
    def _estimate(new: list, generated: list, rate) -> dict:
        by_backend: dict[str, float] = {}
        cost = compute = seconds = 0.0
        for shot in new:
            caps = capabilities(shot.backend)
            length = float(rate.seconds(shot.source_frames))
            price = caps.price(length)
            by_backend[shot.backend] = round(by_backend.get(shot.backend, 0.0) + price, 4)
            cost += price
            seconds += length
            compute += length * caps.compute_seconds_per_second
        return {
            "cost": round(cost, 4),
            "currency": "USD",
            "by_backend": by_backend,
            "shots_to_generate": len(new),
            "shots_cached": len(generated) - len(new),
            "generated_seconds": round(seconds, 3),
            "compute_seconds": round(compute, 1),
        }

    def _shoot_all(
        self,
        shooter: Shooter,
        shots: list,
        refs: dict[str, list[Path]],
        generators: GeneratorPool,
    ) -> dict[str, list[Take]]:
        total = len(shots)
        backends = ", ".join(sorted({s.backend for s in shots}))
        self._emit("generate", "started", f"{total} shots on {backends}", total=total)
        takes: dict[str, list[Take]] = {}
        undone: list[str] = []
        doubts: dict[str, str] = {}
        done = 0
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            futures = {
                pool.submit(shooter.shoot, shot, shot.source_frames, refs[shot.id]): shot
                for shot in shots
            }
            pending = set(futures)
            try:
                while pending:
                    # Short waits, not one long one: a Ctrl-C delivered to another thread,
                    # or a cancel from the server, is seen here within half a second.
                    if self.settings.cancel is not None and self.settings.cancel.is_set():
                        raise KeyboardInterrupt
                    finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for future in finished:
                        shot = futures[future]
                        try:
                            takes[shot.id] = future.result()
                        except BudgetReached:
                            undone.append(shot.id)
                            continue
                        except JobInDoubt as exc:  # the other shots go on; this one waits
                            doubts[shot.id] = str(exc)
                            self._emit("generate", "failed", str(exc), shot=shot.id)
                            continue
                        done += 1
                        self._emit(
                            "generate", "progress", f"{shot.id} finished", done=done, total=total
                        )
            except KeyboardInterrupt:
                # Before the pool waits for its workers: their jobs are cancelled at the
                # providers and the shots not started yet never start.
                generators.stop_all()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        if undone:
            budget = shooter.budget
            left = [s.id for s in shots if s.id in undone]
            message = (
                f"stopped at the budget: {budget.closed_by}. Spent ${budget.spent:.2f}; "
                f"left undone: {', '.join(left)} (finished takes are kept: raise --budget and "
                "run `videoagent resume` to make the rest)"
            )
            self._emit("budget", "failed", message, **budget.summary(), shots_undone=left)
            raise BudgetReached(message)
        if doubts:
            raise JobInDoubt(
                f"{len(doubts)} shot(s) wait on provider jobs in doubt: "
                + "; ".join(doubts.values())
                + ". Check the provider's dashboard, then `videoagent resume "
                f"{shooter.store.root} --resubmit-in-doubt` sends them again"
            )
        generated = sum(t.origin == "generated" for ts in takes.values() for t in ts)
        self._emit(
            "generate",
            "done",
            f"{generated} takes generated, "
            f"{sum(len(t) for t in takes.values()) - generated} reused, for {total} shots",
        )
        return {s.id: takes[s.id] for s in shots}
