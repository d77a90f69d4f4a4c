"""The planning steps (bible, storyboard, routing and prompt rewriting), shared by `make`,
`plan` and the edits that add shots."""

from __future__ import annotations

from collections.abc import Callable

from videoagent.agent.assemble import source_span
from videoagent.agent.routing import Route, longest_shot, route_shot
from videoagent.generators.catalog import Capabilities, capabilities
from videoagent.memory.retrieval import shot_references
from videoagent.plan.bible import Bible
from videoagent.plan.brief import Brief
from videoagent.plan.offline_planner import plan_offline
from videoagent.plan.reframe import closer
from videoagent.plan.request import Request
from videoagent.plan.rewrite import rewrite
from videoagent.plan.staging import stage
from videoagent.plan.storyboard import Shot, Storyboard


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
) -> tuple[Storyboard, list[str]]:
    """A validated storyboard from the LLM when one is configured, else the offline planner;
    with the warnings of any fallback. Shots are kept short enough for every backend in the
    pool (a second spare for transition handles)."""
    lead = capabilities(pool[0])
    shape = {"backend": lead.name, "dialect": lead.dialect}
    longest = longest_shot(pool)
    if llm_url:
        from videoagent.plan.llm_planner import plan_with_llm

        board, warnings = plan_with_llm(
            request,
            brief,
            bible,
            **shape,
            url=llm_url,
            model=llm_model,
            max_shot_seconds=longest,
        )
    else:
        board = plan_offline(request, brief, bible, **shape, max_shot_seconds=longest)
        warnings = []
    board.validate(bible)
    return board, warnings


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
    return rewrite(
        shot,
        caps.dialect,
        style=style,
        limit=caps.max_prompt_chars,
        cast=[e.description for e in cast if e.role != "unsupported"],
    )


def framed_closer(
    shot: Shot, caps: Capabilities, *, style: str, bible: Bible | None
) -> Shot | None:
    """`shot` framed one size closer with its prompt written again; None when it is as close
    as it goes or the backend's dialect cannot say so (its prompt would not change)."""
    nearer = closer(shot)
    if nearer is None:
        return None
    nearer.prompt = prompt_for(nearer, caps, style=style, bible=bible)
    return nearer if nearer.prompt != shot.prompt else None


def reference_counter(state, board: Storyboard) -> Callable[[int], int]:
    """How many reference images shot `index` of `board` has, for routing (a shot with
    references goes where they are taken)."""

    def count(index: int) -> int:
        paths, _ = shot_references(board, state.bible, index, state.folder.refs, state.references)
        return len(paths)

    return count
