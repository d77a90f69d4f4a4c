"""Step 7-9 across shots: every shot's takes made in parallel by the run's executor, each
evaluated and revised by a Shooter; what stops a shot (the budget, a job in doubt) is
gathered for the run. A shot that extends the take before it (plan/continuity.py) starts
when that shot's take is kept, and is handed it."""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path

from videoagent.agent.shooter_recipe import ShooterRecipe
from videoagent.agent.shooting import Shooter, Take, extends
from videoagent.agent.shot_executor import ShotExecutor, ShotRun
from videoagent.agent.steps import Emit, counted
from videoagent.errors import BudgetReached, Cancelled, JobInDoubt, RunError
from videoagent.evaluate.check import failed
from videoagent.generators import capabilities


def shoot_all(
    shooter: Shooter,
    recipe: ShooterRecipe,
    shots: list,
    refs: dict[str, list[Path]],
    *,
    executor: ShotExecutor,
    workers: int,
    cancel: threading.Event | None,
    emit: Emit,
) -> dict[str, list[Take]]:
    """The takes of every shot, made by `executor` (locally, `workers` shots at a time),
    oldest first, by shot id.
    A budget reached or a job in doubt stops the shot it hit, the others go on; then the
    run stops with what was left undone. Ctrl-C (or `cancel`, then Cancelled) cancels the
    provider jobs still running before it returns."""
    total = len(shots)
    backends = ", ".join(sorted({s.backend for s in shots}))
    where = "" if executor.name == "local" else f" ({executor.name})"
    emit("generate", "started", f"{total} shots on {backends}{where}", **counted(0, total))
    takes: dict[str, list[Take]] = {}
    undone: list[str] = []
    doubts: dict[str, str] = {}
    done = 0
    run = ShotRun(shooter, recipe, shots, workers, emit)
    followers = _followers(shots, emit)
    waiting = {follower.id for follower in followers.values()}
    with executor.runner(run) as runner:
        futures = {
            runner.submit(shot, shot.source_frames, refs[shot.id]): shot
            for shot in shots
            if shot.id not in waiting
        }
        pending = set(futures)
        try:
            while pending:
                # Short waits, not one long one: a Ctrl-C delivered to another thread,
                # or a cancel from the server, is seen here within half a second.
                if cancel is not None and cancel.is_set():
                    raise Cancelled(
                        "the run was cancelled; finished takes are kept (resume makes the rest)"
                    )
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                runner.pump()
                for future in finished:
                    shot = futures[future]
                    try:
                        takes[shot.id] = future.result()
                    except BudgetReached:
                        undone += [s.id for s in _chain_after(shot, followers)]
                        continue
                    except JobInDoubt as exc:  # the other shots go on; this one waits
                        doubts[shot.id] = str(exc)
                        emit("generate", "failed", str(exc), shot=shot.id)
                        continue
                    done += 1
                    emit(
                        "generate",
                        "progress",
                        f"{shot.id} finished",
                        shot=shot.id,
                        **counted(done, total),
                    )
                    follower = followers.get(shot.id)
                    if follower is None:
                        continue
                    kept = kept_take(takes[shot.id])
                    if kept is None:  # choose_takes says why this shot has none
                        for after in _chain_after(shot, followers)[1:]:
                            takes[after.id] = []
                        continue
                    started = runner.submit(follower, follower.source_frames, [kept.path])
                    futures[started] = follower
                    pending.add(started)
        except (KeyboardInterrupt, Cancelled):
            # Before the runner waits for its workers: their jobs are cancelled at the
            # providers and the shots not started yet never start.
            runner.stop()
            raise
    if undone:
        budget = shooter.budget
        left = [s.id for s in shots if s.id in undone]
        message = (
            f"stopped at the budget: {budget.closed_by}. Spent ${budget.spent:.2f}; "
            f"left undone: {', '.join(left)} (finished takes are kept: raise --budget and "
            "run `videoagent resume` to make the rest)"
        )
        emit("budget", "failed", message, **budget.summary(), shots_undone=left)
        raise BudgetReached(message)
    if doubts:
        raise JobInDoubt(
            f"{len(doubts)} shot(s) wait on provider jobs in doubt: "
            + "; ".join(doubts.values())
            + ". Check the provider's dashboard, then `videoagent resume "
            f"{shooter.store.root} --resubmit-in-doubt` sends them again"
        )
    generated = sum(t.origin == "generated" for ts in takes.values() for t in ts)
    emit(
        "generate",
        "done",
        f"{generated} takes generated, "
        f"{sum(len(t) for t in takes.values()) - generated} reused, for {total} shots",
    )
    return {s.id: takes.get(s.id, []) for s in shots}


def unmade(shooter: Shooter, shots: list, refs: dict[str, list[Path]]) -> list:
    """The shots whose first take no cache holds: what this run pays for at least. A shot
    that extends the take before it counts as made only where that take is this project's,
    accepted, and its own take made from it is cached."""
    new, kept_clips = [], {}
    for before, shot in zip([None, *shots], shots, strict=False):
        if extends(shot, before.backend if before is not None else None):
            extended = kept_clips.get(before.id) if before is not None else None
            given = [extended] if extended is not None else []
            made = bool(given) and shooter.cached(shot, shot.source_frames, given)
        else:
            given = refs[shot.id]
            made = shooter.cached(shot, shot.source_frames, given)
        if not made:
            new.append(shot)
            continue
        clip = shooter.kept_clip(shot, shot.source_frames, given)
        if clip is not None:
            kept_clips[shot.id] = clip
    return new


def _followers(shots: list, emit: Emit) -> dict[str, object]:
    """Shot id → the shot that extends its take (the next one, when it continues it and
    its backend can extend); a shot that continues where its backend cannot extend is
    made fresh, and said so."""
    followers = {}
    for before, shot in zip(shots, shots[1:], strict=False):
        if extends(shot, before.backend):
            followers[before.id] = shot
        elif shot.continues:
            emit(
                "generate",
                "warning",
                f"{shot.id} continues {before.id}, but {shot.backend} cannot extend "
                + (
                    f"a take {before.backend} made"
                    if "extend" in capabilities(shot.backend).modes
                    else "a take"
                )
                + ": made fresh, so the video cuts there",
                shot=shot.id,
            )
    return followers


def _chain_after(shot, followers: dict) -> list:
    """`shot` and every shot that extends it in turn."""
    chain = [shot]
    while chain[-1].id in followers:
        chain.append(followers[chain[-1].id])
    return chain


def kept_take(shot_takes: list[Take]) -> Take | None:
    """The take a shot keeps: its last accepted one, else the usable one that fails the
    fewest checks (one missing only a ball beats one that also shows the wrong weather),
    the later of equals: a retry may be framed to mend the one before. But not one whose
    backend was asked to mend a check it still fails: the mend did not mend it, and what
    it gave up for it (ours, the take's memory) is lost for nothing, so an equal take not
    so asked wins."""
    accepted = [t for t in shot_takes if t.accepted]
    if accepted:
        return accepted[-1]
    usable = [t for t in shot_takes if t.path is not None]
    return min(
        reversed(usable),
        key=lambda t: miss_rank({c.name for c in failed(t.checks)}, t.mend),
        default=None,
    )


def miss_rank(failing: set[str], mend) -> tuple[int, bool]:
    """How far a take that fails the checks `failing` (by name) is from passing: how many
    it fails, then whether it was asked to `mend` one of them in vain."""
    return len(failing), bool(failing & set(mend))


def choose_takes(takes: dict[str, list[Take]], emit: Emit) -> dict[str, Take]:
    """Each shot's take to use: its last accepted one, else (said as a warning) its nearest
    miss (`kept_take`). RunError when a shot has no usable take at all."""
    chosen: dict[str, Take] = {}
    for sid, shot_takes in takes.items():
        kept = kept_take(shot_takes)
        if kept is None:
            emit("revise", "failed", f"{sid}: no usable take after retries")
            raise RunError(f"shot {sid} failed on every attempt; see the journal")
        if not kept.accepted:
            # Still failing after every retry: keep the nearest miss, and say so.
            emit("revise", "warning", f"{sid}: kept a take that still fails checks")
        chosen[sid] = kept
    return chosen
