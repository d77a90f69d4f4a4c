"""What a run will spend before it spends it, and the yes it needs: an estimate of the new
takes, and no paid take remade behind the user's back after one was deleted."""

from __future__ import annotations

from videoagent.agent.missing import missing_takes
from videoagent.agent.shooting import extends
from videoagent.agent.wall_estimate import said
from videoagent.errors import Cancelled, UsageError
from videoagent.generators import capabilities
from videoagent.plan.storyboard import Storyboard
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore


def estimate_cost(new: list, generated: list, rate) -> dict:
    """What the `new` shots of `generated` will cost, each at its backend's price for the
    length that backend makes (and bills)."""
    by_backend: dict[str, float] = {}
    cost = seconds = 0.0
    before = {shot.id: generated[i - 1] for i, shot in enumerate(generated) if i > 0}
    for shot in new:
        caps = capabilities(shot.backend)
        length = float(rate.seconds(shot.source_frames))
        price = caps.price(length)
        if shot.id in before and extends(shot, before[shot.id].backend):
            # an extension: where the provider returns (and bills) the clip it extends too
            source = float(rate.seconds(before[shot.id].source_frames))
            price = caps.extension_price(length, source)
        by_backend[shot.backend] = round(by_backend.get(shot.backend, 0.0) + price, 4)
        cost += price
        seconds += length
    return {
        "cost": round(cost, 4),
        "currency": "USD",
        "by_backend": by_backend,
        "shots_to_generate": len(new),
        "shots_cached": len(generated) - len(new),
        "generated_seconds": round(seconds, 3),
    }


def announce_estimate(
    new: list, generated: list, rate, budget: float | None, emit, *, wall: dict
) -> dict:
    """The estimate of the `new` shots, with how long the rest of the run will take (`wall`,
    from `wall_estimate.estimate_wall`), said as a step record (a warning when it passes
    `budget`)."""
    estimate = estimate_cost(new, generated, rate) | wall
    over = budget is not None and estimate["cost"] > budget + 0.005
    emit(
        "estimate",
        "warning" if over else "done",
        f"{len(new)} shots to generate, {estimate['shots_cached']} cached; "
        f"${estimate['cost']:.2f}, {said(wall)}"
        + (
            f"; over the budget of ${budget:.2f}: the run stops before the first charge "
            "that does not fit"
            if over
            else ""
        ),
        **estimate,
    )
    return estimate


def wait_for_approval(estimate: dict, approve, folder: ProjectFolder, emit) -> None:
    """Cancelled, with nothing generated, when `approve` (asked with the estimate; None:
    no question) says no."""
    if approve is None or approve(estimate):
        return
    emit("estimate", "failed", "not approved: nothing generated")
    raise Cancelled(
        f"the estimate (${estimate['cost']:.2f}) was not approved; nothing was generated. "
        f"Go on later with `videoagent resume {folder.root}`"
    )


def refuse_to_pay_for_missing(
    store: TakeStore, board: Storyboard, folder: ProjectFolder, *, settings, emit
) -> None:
    """Takes deleted from the project are reported; those on a paid backend are made
    again only with the user's yes (--approve, or a --budget to spend)."""
    missing = missing_takes(folder, store, {s.id for s in board.shots})
    for take in missing:
        emit(
            "resume",
            "warning",
            f"{take['file']} ({take['shot']}, take {take['take']}) is gone from the project "
            "(deleted outside videoagent)",
            shot=take["shot"],
        )
    paid = [t for t in missing if _paid(t.get("backend"))]
    if paid and settings.approve is None and settings.budget is None:
        message = (
            f"{len(paid)} paid take(s) are gone from the project "
            f"({', '.join(t['file'] for t in paid)}); making them again costs money: run "
            f"`videoagent resume {folder.root} --approve` (or give --budget) to make them"
        )
        emit("estimate", "failed", message)
        raise Cancelled(message)


def _paid(backend: str | None) -> bool:
    """Whether `backend` charges for a take (one this version does not know: assume so)."""
    try:
        return capabilities(backend).price_per_second > 0
    except UsageError:
        return True
