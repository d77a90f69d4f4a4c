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

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path

from videoagent.agent.adopt import changed_outside
from videoagent.agent.asks_loop import close_on_asks
from videoagent.agent.assemble import cut_points, size_new_takes
from videoagent.agent.change import apply as apply_change
from videoagent.agent.change import recover as recover_change
from videoagent.agent.change import stage
from videoagent.agent.edits import (
    apply_edit,
    replace_shot_content,
    shot_to_regenerate,
    write_missing_prompts,
)
from videoagent.agent.estimate import (
    announce_estimate,
    refuse_to_pay_for_missing,
    wait_for_approval,
)
from videoagent.agent.finishing import Finishing, finish
from videoagent.agent.missing import lost_history
from videoagent.agent.planning import (
    draft_bible,
    plan_project,
    references_of_shots,
)
from videoagent.agent.platform_delivery import deliver_for_platform
from videoagent.agent.preview import BACKEND as PREVIEW_BACKEND
from videoagent.agent.preview import preview_settings, preview_state
from videoagent.agent.provider_slots import PROCESS_SLOTS
from videoagent.agent.routing import project_pool
from videoagent.agent.run_timing import record_times, take_shape
from videoagent.agent.settings import KEPT_CHOICES, AgentSettings, Result
from videoagent.agent.shoot_all import choose_takes, shoot_all, unmade
from videoagent.agent.shooter_recipe import ShooterRecipe
from videoagent.agent.shot_executor import LocalExecutor
from videoagent.agent.state import ProjectState
from videoagent.agent.steps import Listener, Status, Step, StepRecord, model_writing
from videoagent.agent.wall_estimate import estimate_wall
from videoagent.audio.audio_file import read_audio
from videoagent.audio.voice import check_voice
from videoagent.errors import (
    Cancelled,
    UnclearRequest,
    UsageError,
)
from videoagent.failpoints import reached
from videoagent.llm.endpoint import chat_client, check_llm_url
from videoagent.memory.context import tokens_of_text
from videoagent.plan.asks import Ask
from videoagent.plan.brief import make_brief
from videoagent.plan.edit_asks import edit_asks, edit_drops, with_edit_asks
from videoagent.plan.edit_request import parse_edit
from videoagent.plan.platform_profiles import platform_profile
from videoagent.plan.references import (
    check_named_entities,
    check_references,
    store_references,
)
from videoagent.plan.request import Request, readable_text
from videoagent.plan.storyboard import Storyboard
from videoagent.store.files import atomic_write_bytes
from videoagent.store.journal import Journal
from videoagent.store.ledger import Ledger
from videoagent.store.measured_times import MeasuredTimes
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore

# The user's own sound files a project can be made with, and the option that names each.
USER_SOUNDS = {"music_file": "--music-file", "voiceover_file": "--voiceover"}


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
        self._doing: tuple[str, str] = ("make", "")  # the run's command and its words
        self._journal: Journal | None = None
        self._held: list[StepRecord] | None = None  # a change's records, until it commits
        self._recovered: list[str] = []  # what opening the project finished or undid

    def _emit(self, step: Step, status: Status, message: str, **data: object) -> None:
        record = StepRecord(step, status, message, data)
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
        for url in (self.settings.llm_url, self.settings.edit_reader, self.settings.judge_url):
            if url:
                check_llm_url(url)
        checked = check_references(list(references))
        if any(reference.entity for reference in checked):  # else nothing to match
            check_named_entities(checked, draft_bible(make_brief(request)))
        check_voice(self.settings.voice)
        for name, option in USER_SOUNDS.items():
            if getattr(self.settings, name):  # refused before anything is made
                read_audio(Path(getattr(self.settings, name)), option)
        folder = ProjectFolder.create(out)
        folder.lock()
        try:
            # project.json first: from here on, an interrupted run can be resumed.
            stored = store_references(checked, folder.refs)
            chosen = {name: getattr(self.settings, name) for name in KEPT_CHOICES}
            for name in USER_SOUNDS:  # copies kept with the project: later runs use them
                if getattr(self.settings, name):
                    chosen[name] = keep_sound(Path(getattr(self.settings, name)), folder.root)
            state = ProjectState(folder, request, pool[0], stored, pool=pool, choices=chosen)
            state.save()
            with self._run(folder, "make", request.text):
                self._plan(state)
                if self.settings.preview:
                    self._preview(state)
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
        settings = self.settings
        # The planning model (if any) plans what edits add; the edit reader only reads.
        llm = (settings.llm_url, settings.llm_model) if settings.llm_url else None
        reader = llm or ((settings.edit_reader, None) if settings.edit_reader else None)
        with self._opened(out) as (folder, state):
            self._planned(state)
            read_by, context_tokens = "our phrasings", 0
            try:
                operations = parse_edit(text, state.storyboard, state.request)  # may refuse
            except UnclearRequest:
                if reader is None:
                    raise
                from videoagent.plan.llm_edit import parse_edit_with_llm
                from videoagent.plan.llm_edit import summary as edit_context

                client = chat_client(reader[0], model=reader[1])
                client.progress = model_writing(self._emit, "edit")
                operations = parse_edit_with_llm(
                    text, state.storyboard, state.request, client=client
                )
                where = reader[0]
                read_by = "the packaged model" if where == "local" else f"the LLM at {where}"
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
                    length_before = state.storyboard.target_frames
                    for operation in operations:
                        route, message, data = apply_edit(
                            operation, state, emit=self._emit, store=store, llm=llm
                        )
                        self._emit("edit", "done", f"{message} [{route}]", route=route, **data)
                    rate = state.storyboard.rate
                    asked = [a for o in operations for a in edit_asks(o, rate)]
                    length = state.storyboard.target_frames
                    if length != length_before and any(a["kind"] == "length" for a in state.asks):
                        # a shot removed, lengthened or added: the length asked is this one now
                        asked.append(Ask("length", f"{float(rate.seconds(length)):g} s"))
                    dropped = [a for o in operations for a in edit_drops(o)]
                    state.asks, new = with_edit_asks(state.asks, asked, dropped)
                    if new:  # looked for in the video like the request's own
                        said = ", ".join(a.said() for a in new)
                        self._emit("edit", "progress", f"asks added: {said}")
                    state.storyboard.validate(state.bible)
                    state.sync_settings()
                    # "remove the music": the project's choices, as an edit changed them
                    kept = {k: v for k, v in state.choices.items() if k in KEPT_CHOICES}
                    self.settings = replace(self.settings, **kept)
                return self._produce(state)

    # Sessions ----------------------------------------------------------------------------

    @contextmanager
    def _opened(self, out: Path) -> Iterator[tuple[ProjectFolder, ProjectState]]:
        """An existing project, locked, read back and checked (files and take hashes)
        before anything is written."""
        folder = ProjectFolder.open(out)
        folder.lock()
        given = self.settings
        try:
            self._recovered = recover_change(folder)  # said in the run's journal
            state = ProjectState.load(folder)
            kept = {k: v for k, v in state.choices.items() if k in KEPT_CHOICES}
            self.settings = replace(given, **kept)  # as the project was made
            lost = lost_history(folder, planned=state.storyboard is not None)
            self._recovered += [lost] if lost else []
            TakeStore(folder.root, None)  # verifies every finished take's files
            self._adopt_outside_edits(folder, state)
            yield folder, state
        finally:
            self.settings = given
            folder.unlock()

    def _adopt_outside_edits(self, folder: ProjectFolder, state: ProjectState) -> None:
        """What another tool changed in timeline.otio's picture track becomes the plan, as a
        change of its own (journalled, committed); a change against the rules is refused
        before anything is written."""
        if state.storyboard is None or not folder.timeline_otio.exists():
            return
        board, notes, captions_edited = changed_outside(folder.timeline_otio, state)
        if not notes and not captions_edited:
            return
        with self._run(folder, "timeline", "timeline.otio edited outside videoagent"):
            if captions_edited:
                self._emit(
                    "edit",
                    "warning",
                    "the caption track of timeline.otio was changed outside videoagent: not "
                    "adopted (captions are made from the shots at every render)",
                )
            if notes:
                with self._change(state):
                    state.storyboard = board
                    write_missing_prompts(state)  # a shot whose journey the edit changed
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
        self._doing = (command, detail)
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
        except (KeyboardInterrupt, Cancelled):
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
            if not isinstance(exc, KeyboardInterrupt | Cancelled):
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
        plan_project(state, self.settings, self._emit)
        self._timed("planning", clock)

    def _preview(self, state: ProjectState) -> None:
        """The animatic, made before anything is paid for (its records are heard here as
        progress, its result said as one step)."""
        self._emit("preview", "started", f"the whole video on {PREVIEW_BACKEND} first, free")

        def heard(record: StepRecord) -> None:
            for listener in self._listeners:
                listener(replace(record, status="progress", message=f"preview: {record.message}"))

        began = time.perf_counter()
        preview = preview_state(state)
        result = Agent(preview_settings(self.settings), listener=heard).resume(preview.folder.root)
        seconds = time.perf_counter() - began
        self._emit(
            "preview",
            "done" if result.verified else "warning",
            f"{result.video} ({state.request.seconds:g} s, $0, made in {seconds:.0f} s): "
            "the same cuts as the video to be made",
            video=str(result.video),
            seconds=round(seconds, 1),
        )

    # Production --------------------------------------------------------------------------

    def _produce(self, state: ProjectState) -> Result:
        """Make every missing take, then assemble, render, verify and deliver."""
        started = clock = time.perf_counter()
        settings, request, folder = self.settings, state.request, state.folder
        board = self._planned(state)
        store = self._store(folder)
        executor = settings.executor or LocalExecutor()
        executor.check_folder(folder.root)
        budget = executor.budget(settings.budget)
        generated = [s for s in board.shots if s.kind == "generated"]
        size_new_takes(board, request.width, request.height, backend=state.backend)
        recipe = self._recipe(state)  # after: it reads the cuts
        shooter = recipe.shooter(
            emit=self._emit,
            budget=budget,
            ledger=self._ledger,
            slots=PROCESS_SLOTS,
            store=store,
            node="local",
        )
        refs = references_of_shots(state, self._emit)
        state.save()
        # 6. Estimate what this run will spend: only takes not found in a cache cost, each
        # at its backend's price for the length that backend makes (and bills); and how
        # long the rest of it takes, from what this machine measured.
        new = unmade(shooter, generated, refs)
        times = MeasuredTimes(settings.shared_cache)
        shapes = {shot.id: take_shape(shot, request, shooter) for shot in generated}
        video_seconds = float(request.rate.seconds(board.target_frames))
        size = (request.width, request.height)
        wall = estimate_wall([shapes[shot.id] for shot in new], video_seconds, size, times)
        estimate = announce_estimate(
            new, generated, request.rate, settings.budget, self._emit, wall=wall
        )
        refuse_to_pay_for_missing(store, board, folder, settings=settings, emit=self._emit)
        if new:
            wait_for_approval(estimate, settings.approve, folder, self._emit)
        clock = self._timed("planning", clock)
        # 7-9. Generate every shot in parallel; evaluate each take; revise failures.
        takes = shoot_all(
            shooter,
            recipe,
            generated,
            refs,
            executor=executor,
            workers=settings.workers,
            cancel=settings.cancel,
            emit=self._emit,
        )
        generating = clock
        clock = self._timed("generate phase", clock)
        chosen = choose_takes(takes, self._emit)
        loop = None
        if settings.retake_for_asks and state.asks:
            asks = [Ask(**a) for a in state.asks]
            loop = close_on_asks(
                asks, board, shooter, takes, chosen, refs, self._emit, wider=recipe.wider
            )
        # 10-13. Assemble, sound, render, verify, deliver.
        finishing = clock
        result = finish(
            Finishing(settings, self._emit, self._timed, self.timings, self._ledger, self._doing),
            state,
            takes=takes,
            chosen=chosen,
            estimate={**estimate, "budget": budget.summary()},
            started=started,
            clock=clock,
            asks_loop=loop,
        )
        record_times(
            times,
            shapes,
            takes,
            new=[shot.id for shot in new],
            generate_wall=finishing - generating,
            finish_wall=time.perf_counter() - finishing,
            video_seconds=video_seconds,
            size=size,
        )
        if settings.profile and result.verified:
            self._deliver_for_platform(result, board, platform_profile(settings.profile))
        return result

    def _deliver_for_platform(self, result: Result, board: Storyboard, profile) -> None:
        """The platform's upload file and cover beside the verified video, said and kept
        in the manifest."""
        figures = deliver_for_platform(result.folder, profile, _cover_frame(board))
        result.manifest["platform"] = figures
        width, height = figures["size"]
        self._emit(
            "deliver",
            "done",
            f"{profile.name}: {figures['file']} {width}x{height} at {figures['fps']:g} fps, "
            f"video {figures['video_kbps'] / 1000:.1f} Mbit/s (at most "
            f"{profile.video_kbps / 1000:g}), {figures['lufs']:.1f} LUFS; {figures['cover']}",
            platform=figures,
        )

    def _recipe(self, state: ProjectState) -> ShooterRecipe:
        """What makes, checks and revises this run's takes (7-9), wherever they are made."""
        request, settings = state.request, self.settings
        return ShooterRecipe(
            project=state.folder.root,
            shared_cache=settings.shared_cache,
            generator_options=settings.generator_options,
            rate=request.rate,
            width=request.width,
            height=request.height,
            max_retries=settings.max_retries,
            cuts=cut_points(state.storyboard),
            style=state.brief.style if state.brief else "",
            bible=state.bible,
            judge_url=settings.judge_url,
            judge_model=settings.judge_model,
            resubmit_in_doubt=settings.resubmit_in_doubt,
        )


def _cover_frame(board: Storyboard) -> int:
    """The middle of the first generated shot, in the video's frames: never a card."""
    start = 0
    for shot in board.shots:
        if shot.kind == "generated":
            return start + shot.frames // 2
        start += shot.frames
    return board.target_frames // 3


def keep_sound(given: Path, project: Path) -> str:
    """Copy a user's sound file (music, voiceover) into the project's sound/ folder; its
    path there."""
    kept = project / "sound" / given.name
    kept.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(kept, given.read_bytes())
    return kept.relative_to(project).as_posix()
