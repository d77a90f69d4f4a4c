"""The planning steps (bible, storyboard, routing and prompt rewriting), shared by `make`,
`plan` and the edits that add shots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from videoagent.agent.assemble import source_span
from videoagent.agent.routing import Route, longest_shot, route_shot
from videoagent.agent.steps import Emit, model_writing
from videoagent.audio.user_voiceover import heard_sentences
from videoagent.generators.catalog import Capabilities, capabilities
from videoagent.llm.endpoint import chat_client
from videoagent.memory.context import pack_context
from videoagent.memory.retrieval import shot_references
from videoagent.plan.asks import Ask, read_asks
from videoagent.plan.asks_in_plan import cover_counts, cover_text
from videoagent.plan.bible import Bible
from videoagent.plan.brief import Brief, make_brief
from videoagent.plan.narration import narrates
from videoagent.plan.offline_planner import plan_offline
from videoagent.plan.place_names import name_places
from videoagent.plan.references import apply_references
from videoagent.plan.reframe import closer, wider
from videoagent.plan.request import Request
from videoagent.plan.rewrite import rewrite
from videoagent.plan.staging import stage
from videoagent.plan.storyboard import Shot, Storyboard
from videoagent.plan.time_passing import pass_time
from videoagent.plan.visual_style import DEFAULT_LOOK, asked_grade
from videoagent.plan.voice_cuts import cuts_on_breaks, sentence_breaks
from videoagent.store.derived import DerivedFiles


def draft_bible(brief: Brief) -> Bible:
    """The cast and props that staging every beat brings in."""
    bible = Bible()
    for beat in brief.beats:
        stage(beat, brief, bible)
    return bible


def draft_storyboard(
    request: Request,
    brief: Brief,
    bible: Bible,
    *,
    pool: list[str],
    llm_url: str | None = None,
    llm_model: str | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> tuple[Storyboard, list[str]]:
    """A validated storyboard from the LLM when one is configured, else the offline planner;
    with the warnings of any fallback and the plan's own. Shots are kept short enough for
    every backend in the pool (a second spare for transition handles). `progress` hears the
    model write."""
    longest = longest_shot(pool)
    if llm_url:
        from videoagent.plan.llm_planner import plan_with_llm

        client = chat_client(llm_url, model=llm_model)
        client.progress = progress
        board, warnings = plan_with_llm(
            request, brief, bible, client=client, max_shot_seconds=longest
        )
    else:
        board = plan_offline(request, brief, bible, max_shot_seconds=longest)
        warnings = []
    board.validate(bible)
    name_places(board)
    pass_time(board)
    board.grade = asked_grade(request.text)
    # The plan's own (what synthworld cannot draw) are said too, each once.
    return board, list(dict.fromkeys(warnings + board.warnings))


def write_prompts(
    storyboard: Storyboard,
    pool: list[str],
    *,
    style: str,
    bible: Bible | None = None,
    references: Callable[[int], int] = lambda index: 0,
) -> list[tuple[Shot, Route]]:
    """Route every generated shot that has no prompt yet (`references(index)`: how many
    reference images it has) and rewrite it into its backend's dialect, in place, with the
    bible's description of each cast member. Returns the routes taken."""
    routed = []
    rate = storyboard.rate
    for index, shot in enumerate(storyboard.shots):
        if shot.kind != "generated" or shot.prompt:
            continue
        frames = shot.source_frames or source_span(storyboard, index)[1]
        route = route_shot(
            pool,
            shot_id=shot.id,
            seconds=float(rate.seconds(frames)),
            width=storyboard.width,
            height=storyboard.height,
            fps=float(rate.fps),
            references=references(index),
            continues=shot.continues,
            after=storyboard.shots[index - 1].backend if index else None,
        )
        caps = capabilities(route.backend)
        shot.backend, shot.dialect = route.backend, caps.dialect
        shot.prompt = prompt_for(shot, caps, style=style, bible=bible)
        routed.append((shot, route))
    return routed


def prompt_for(shot: Shot, caps: Capabilities, *, style: str, bible: Bible | None) -> str:
    """`shot`'s dense prompt in the backend's dialect, naming each cast member as the bible
    describes them."""
    cast = [bible.entities[c] for c in shot.cast if bible and c in bible.entities]
    called = {e.id: f"the {e.called}" for e in cast if e.called}
    return rewrite(
        shot,
        caps.dialect,
        style=style,
        limit=caps.max_prompt_chars,
        cast=[e.description for e in cast if e.role != "unsupported"],
        names=[called.get(c, "") for c in shot.cast],  # in the scene's order
    )


def framed_closer(
    shot: Shot, caps: Capabilities, *, style: str, bible: Bible | None
) -> Shot | None:
    """`shot` framed one size closer with its prompt written again; None when it is as close
    as it goes or the backend's dialect cannot say so (its prompt would not change)."""
    return _prompted(shot, closer(shot), caps, style=style, bible=bible)


def framed_wider(shot: Shot, caps: Capabilities, *, style: str, bible: Bible | None) -> Shot | None:
    """`shot` framed one size wider with its prompt written again; None when it is as wide
    as it goes or the backend's dialect cannot say so."""
    return _prompted(shot, wider(shot), caps, style=style, bible=bible)


def _prompted(
    shot: Shot, framed: Shot | None, caps: Capabilities, *, style: str, bible: Bible | None
) -> Shot | None:
    if framed is None:
        return None
    framed.prompt = prompt_for(framed, caps, style=style, bible=bible)
    return framed if framed.prompt != shot.prompt else None


def reference_counter(state, board: Storyboard) -> Callable[[int], int]:
    """How many reference images shot `index` of `board` has, for routing (a shot with
    references goes where they are taken)."""

    def count(index: int) -> int:
        paths, _ = shot_references(board, state.bible, index, state.folder.refs, state.references)
        return len(paths)

    return count


def preview_plan(
    request: Request, pool: list[str], *, llm_url: str | None = None, llm_model: str | None = None
) -> tuple[Storyboard, list[str]]:
    """What `make` would plan for `request` on `pool` (steps 1-4, without a project folder
    or reference images): the storyboard with its routed prompts, and the warnings. The
    plan is held against the request's asks as `make` holds it (the second dog of "two
    dogs" is in the preview too)."""
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, warnings = draft_storyboard(
        request, brief, bible, pool=pool, llm_url=llm_url, llm_model=llm_model
    )
    asks = read_asks(request)
    cover_counts(board, bible, asks, framing=brief.framing)
    cover_text(board, asks)
    write_prompts(board, pool, style=brief.style, bible=bible)
    return board, unread(asks) + warnings + look_unseen(board, brief)


def look_unseen(board: Storyboard, brief: Brief) -> list[str]:
    """What to say where a look was asked ("anime") and synthworld draws some shots: it
    draws its own look, whatever is asked, and the render grades in what it can ("black
    and white": `Storyboard.grade`)."""
    drawn_here = sorted({s.backend for s in board.shots if s.dialect == "synthworld"})
    if brief.style == DEFAULT_LOOK or not drawn_here:
        return []
    graded = f", graded {board.grade} in the render" if board.grade else ""
    return [
        f"the look asked ({brief.style}) is told to the models that read prose; "
        f"{' and '.join(drawn_here)} {'draws' if len(drawn_here) == 1 else 'draw'} "
        f"synthworld's own look{graded}"
    ]


def unread(asks: list[Ask]) -> list[str]:
    """What to say when the request's reading found nothing to ask (a request in another
    language, say): said, so that nothing made up stands in for it unremarked."""
    if asks:
        return []
    return [
        "the request names nothing synthworld's English vocabulary knows: none of it can be "
        "checked in the video, and the offline planner can stage only what it assumed"
    ]


def references_of_shots(state, emit: Emit) -> dict[str, list]:
    """The reference images each generated shot is made with (the user's, and frames of
    earlier shots retrieved for its cast), by shot id; what was retrieved is said."""
    board, refs = state.storyboard, {}
    for index, shot in enumerate(board.shots):
        if shot.kind == "generated":
            refs[shot.id], notes = shot_references(
                board, state.bible, index, state.folder.refs, state.references
            )
            for note in notes:
                emit("retrieve", "done", note, shot=shot.id)
    return refs


def plan_project(state, settings, emit: Emit) -> None:
    """Steps 1-5 for `state`: brief, bible (with the references), storyboard, route and
    rewrite each shot, narration; the plan is saved, and said as step records."""
    request, folder = state.request, state.folder
    # 1. Brief: understand the request, fill what is missing.
    brief = state.brief = make_brief(request)
    asks = read_asks(request)
    state.asks = [ask.to_dict() for ask in asks]
    emit(
        "brief",
        "done",
        f"{len(brief.beats)} beats; assumed: {', '.join(brief.assumed) or 'nothing'}; "
        f"asks: {'; '.join(ask.said() for ask in asks) or 'nothing to check'}",
        brief=brief.to_dict(),
        asks=state.asks,
    )
    for warning in unread(asks):
        emit("brief", "warning", warning)
    # 2. Bible: the cast and props every shot must keep consistent, with references.
    bible = state.bible = draft_bible(brief)
    for note in apply_references(state.references, bible, folder.refs):
        emit("bible", "progress", note)
    emit(
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
        llm_url=settings.llm_url,
        llm_model=settings.llm_model,
        progress=model_writing(emit, "storyboard"),
    )
    for warning in warnings:
        emit("storyboard", "warning", warning)
    if settings.cover_asks:
        covered = cover_counts(board, bible, asks, framing=brief.framing)
        for added in covered + cover_text(board, asks):
            emit("storyboard", "progress", added)
    if state.choices.get("voiceover_file"):
        _cut_on_the_voice(board, folder.root / state.choices["voiceover_file"], folder, emit)
    emit(
        "storyboard",
        "done",
        f"{len(board.shots)} shots, {board.target_frames} frames ({request.seconds:g} s); "
        f"planning context {context.size} tokens"
        + (f"; planned by {board.planner}" if board.planner.startswith("llm") else ""),
        shots=[
            {"id": s.id, "beat": s.beat, "frames": s.frames, "kind": s.kind} for s in board.shots
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
    if settings.llm_url and narrates(request.mode, settings.narrate):
        from videoagent.plan.llm_narration import write_narration_with_llm

        client = chat_client(settings.llm_url, model=settings.llm_model)
        client.progress = model_writing(emit, "storyboard")
        for warning in write_narration_with_llm(board, mode=request.mode, client=client):
            emit("storyboard", "warning", warning)
    state.storyboard = board
    state.save()
    _emit_routes(routes, state.pool, emit)
    for warning in look_unseen(board, brief):
        emit("rewrite", "warning", warning)
    emit(
        "rewrite",
        "done",
        ", ".join(sorted({f"{s.dialect} dialect for {s.backend}" for s, _ in routes})),
        prompts={s.id: s.prompt for s in board.shots if s.prompt},
    )


def _cut_on_the_voice(board: Storyboard, recording: Path, folder, emit: Emit) -> None:
    """The plan's cuts moved into the pauses between the voiceover's sentences."""
    heard = heard_sentences(recording, DerivedFiles(folder.derived))
    if heard is None:
        emit("storyboard", "warning", "cuts kept as planned: no recogniser to hear the voiceover")
        return
    moved = cuts_on_breaks(board, sentence_breaks(heard))
    said = ", ".join(f"{m['from']:.2f} s to {m['to']:.2f} s" for m in moved)
    emit(
        "storyboard",
        "progress",
        f"{len(moved)} of {len(board.shots) - 1} cuts moved to the voiceover's pauses"
        + (f": {said}" if said else ""),
        cuts_moved=moved,
    )


def _emit_routes(routes: list, pool: list[str], emit: Emit) -> None:
    if not routes:
        return
    counts: dict[str, int] = {}
    for _, route in routes:
        counts[route.backend] = counts.get(route.backend, 0) + 1
    emit(
        "route",
        "done",
        ", ".join(f"{n} shot(s) on {name}" for name, n in counts.items())
        + f" (pool: {', '.join(pool)})",
        routes={
            shot.id: {"backend": r.backend, "mode": r.mode, "price": r.price, "why": r.why}
            for shot, r in routes
        },
    )
