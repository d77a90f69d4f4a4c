"""The loop that closes on the asks (issue 28): an ask the takes do not show sends the shots
that stage it back to be made again.

Once every shot has a take, the request's asks (`plan/asks.py`) are looked for in the takes
the timeline would use (`evaluate/asks_shown.py`). An entity or an action that is not shown
(a second dog half out of the picture the whole shot, a chase that never comes into view)
has each generated shot that stages it made again with its next seed, while that shot has
retries left (`--max-retries`, shared with the take checks) and the budget pays; for an
entity each retry frames the shot one size wider while it can (a close-up cuts off the tree
it stages). A new take is used when it passes its checks and the video then shows more of
the asks. Nothing is stored as a decision: a resumed or edited project runs the same loop
over the same cached takes and comes to the same choice for free.

The scene's place, time and weather are the plan's, which a new seed cannot change: the
plan is given them before anything is made (`plan/asks_in_plan.py`). Shots that carry on
one another (one continuous take) are not made again alone. The loop's takes are made here,
by the run's own shooter, also when a Ray cluster made the first ones. Whatever is still
missing is said by verify.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.agent.assemble import build_timeline
from videoagent.agent.shooting import Shooter, Take
from videoagent.agent.steps import Emit
from videoagent.errors import BudgetReached
from videoagent.evaluate.asks_shown import AskState, asks_line, asks_shown
from videoagent.plan.asks import Ask
from videoagent.plan.asks_in_plan import MOST_OF_A_KIND, staged_count
from videoagent.plan.storyboard import Shot, Storyboard

RETAKEN = ("entity", "action")  # what another take of the same scene can show


@dataclass
class AsksLoop:
    """What the loop did: the asks' states before it, each take it asked for, its time."""

    before: list[dict] = field(default_factory=list)
    retaken: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"before": self.before, "retaken": self.retaken, "seconds": round(self.seconds, 2)}


def close_on_asks(
    asks: list[Ask],
    board: Storyboard,
    shooter: Shooter,
    takes: dict[str, list[Take]],
    chosen: dict[str, Take],
    refs: dict[str, list[Path]],
    emit: Emit,
    wider: Callable[[Shot], Shot | None] = lambda shot: None,
) -> AsksLoop:
    """Make shots again until the asks they stage are shown or their retries are spent;
    `takes` gains every new take and `chosen` the ones used instead. `wider`: the shot
    framed one size wider with its prompt written again, or None."""
    began = time.perf_counter()
    states = _states(asks, board, chosen)
    loop = AsksLoop(before=[s.to_dict() for s in states])
    tried: set[tuple[str, str]] = set()  # (shot, ask) pairs whose retries are spent
    framing: dict[str, Shot] = {}  # each shot as the loop last made it
    while True:
        missing = [s.ask for s in states if s.state == "not shown" and s.ask.kind in RETAKEN]
        pending = [
            (ask, shot)
            for ask in missing
            for shot in _concerned(board, ask)
            if (shot.id, ask.said()) not in tried
        ]
        if not pending:
            break
        ask, shot = pending[0]
        if len(takes[shot.id]) > shooter.max_retries:
            tried.add((shot.id, ask.said()))
            continue
        framed = framing.get(shot.id) or _as_taken(shot, chosen[shot.id], wider)
        if ask.kind == "entity":  # what a tighter frame cut off, a wider one may hold
            framed = wider(framed) or framed
        framing[shot.id] = framed
        seed = shot.seed + len(takes[shot.id])
        how = f", framed {framed.shot_size}" if framed.shot_size != shot.shot_size else ""
        emit(
            "revise",
            "progress",
            f"not shown: {ask.said()}; {shot.id} made again (seed {seed}{how})",
            shot=shot.id,
            ask=ask.said(),
        )
        try:
            take = shooter.another_take(framed, shot.source_frames, refs[shot.id], takes[shot.id])
        except BudgetReached as exc:
            emit("revise", "warning", f"the asks' loop stopped at the budget: {exc}")
            break
        takes[shot.id].append(take)
        shown = sum(s.state == "shown" for s in states)
        trial = dict(chosen, **{shot.id: take}) if take.accepted else chosen
        after = _states(asks, board, trial)
        used = take.accepted and sum(s.state == "shown" for s in after) > shown
        loop.retaken.append(
            {"shot": shot.id, "take": take.number, "ask": ask.said(),
             "shot_size": framed.shot_size, "used": used}
        )  # fmt: skip
        if used:
            chosen[shot.id], states = take, after
            emit("revise", "done", f"{shot.id} take {take.number} shows {ask.said()}", shot=shot.id)
    loop.seconds = time.perf_counter() - began
    if loop.retaken:
        emit(
            "revise",
            "done",
            f"asks before the loop: {asks_line(loop.before)}; after: "
            f"{asks_line([s.to_dict() for s in states])}",
        )
    return loop


def _as_taken(shot: Shot, take: Take, wider: Callable[[Shot], Shot | None]) -> Shot:
    """`shot` framed as its chosen take was (the take checks' retries may have framed it
    wider already)."""
    framed: Shot | None = shot
    while framed is not None and framed.prompt != take.prompt:
        framed = wider(framed)
    return framed or shot


def _states(asks: list[Ask], board: Storyboard, chosen: dict[str, Take]) -> list[AskState]:
    usable = {sid: t.path for sid, t in chosen.items() if t.path is not None}
    return asks_shown(asks, build_timeline(board, usable))


def _concerned(board: Storyboard, ask: Ask) -> list:
    """The generated shots whose scene stages the ask (as many as asked for, where some
    shot stages that many), that no other shot carries on and that carry on none."""
    order = board.shots
    carried = {order[i - 1].id for i in range(1, len(order)) if order[i].continues}
    shots = [
        s
        for s in order
        if s.kind == "generated" and s.scene_spec is not None
        and not s.continues and s.id not in carried
    ]  # fmt: skip
    if ask.kind == "action":
        return [s for s in shots if _acts(s.scene_spec, ask)]
    staged = {s.id: staged_count(s.scene_spec.entities, ask) for s in shots}
    wanted = min(ask.count or 1, MOST_OF_A_KIND)
    enough = [s for s in shots if staged[s.id] >= wanted]
    return enough or [s for s in shots if staged[s.id]]


def _acts(scene, ask: Ask) -> bool:
    entities = scene.entities
    return any(
        e.kind == ask.of
        and e.action == ask.what
        and (ask.to is None or (e.target is not None and entities[e.target].kind == ask.to))
        for e in entities
    )
