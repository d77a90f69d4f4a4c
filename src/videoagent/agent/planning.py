"""The planning steps (bible, storyboard, prompt rewriting), shared by `make` and `plan`."""

from __future__ import annotations

from videoagent.generators.catalog import Capabilities
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
    backend: str,
    dialect: str,
    llm_url: str | None = None,
    llm_model: str | None = None,
) -> tuple[Storyboard, list[str]]:
    """A validated storyboard from the LLM when one is configured, else the offline planner;
    with the warnings of any fallback."""
    if llm_url:
        from videoagent.plan.llm_planner import plan_with_llm

        board, warnings = plan_with_llm(
            request, brief, bible, backend=backend, dialect=dialect, url=llm_url, model=llm_model
        )
    else:
        board, warnings = plan_offline(request, brief, bible, backend=backend, dialect=dialect), []
    board.validate(bible)
    return board, warnings


def write_prompts(
    storyboard: Storyboard, caps: Capabilities, *, style: str, bible: Bible | None = None
) -> None:
    """Rewrite every generated shot that has no prompt yet into the backend's dialect, in
    place, with the bible's description of each cast member."""
    for shot in storyboard.shots:
        if shot.kind == "generated" and not shot.prompt:
            shot.prompt = prompt_for(shot, caps, style=style, bible=bible)


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
