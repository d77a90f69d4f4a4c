"""Where shots are made: the seam between the agent's own stages, which run in this process,
and the making of takes, which may run anywhere.

An executor gives a run its budget (what every shot reserves from, wherever it runs) and a
runner for its shots: `submit` starts one shot's takes and gives a Future of them, `pump`
passes on the step records the shots wrote elsewhere, `stop` cancels what is in flight.
`LocalExecutor` (the default) makes shots on threads of this process; `RayExecutor`
(agent/ray_executor.py, the `ray` extra) makes them as tasks on a Ray cluster."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from videoagent.agent.budget import Budget
from videoagent.agent.shooter_recipe import ShooterRecipe
from videoagent.agent.shooting import Shooter, Take
from videoagent.agent.steps import Emit
from videoagent.generators import capabilities
from videoagent.plan.storyboard import Shot


@dataclass(frozen=True)
class ShotRun:
    """One run's shots as an executor is given them: `shooter` is this process's, `recipe`
    makes the same one elsewhere; `workers` shots at a time where that is the executor's to
    say; `emit` hears what the shots report."""

    shooter: Shooter
    recipe: ShooterRecipe
    shots: list[Shot]
    workers: int
    emit: Emit


class ShotRunner(Protocol):
    def submit(self, shot: Shot, frames: int, refs: list[Path]) -> Future[list[Take]]:
        """Start making `shot`'s takes."""
        ...

    def pump(self) -> None:
        """Pass on the step records the shots wrote in other processes."""
        ...

    def stop(self) -> None:
        """Cancel the shots in flight and those not started."""
        ...


class ShotExecutor(Protocol):
    name: str

    def budget(self, cap: float | None) -> Budget:
        """The budget of one run (USD; None: no limit)."""
        ...

    def runner(self, run: ShotRun) -> contextlib.AbstractContextManager[ShotRunner]:
        """A runner for one run's shots."""
        ...

    def check_folder(self, folder: Path) -> None:
        """UsageError when a machine that may make shots cannot use `folder`."""
        ...


class LocalExecutor:
    """Shots on threads of this process, `workers` at a time."""

    name = "local"

    def budget(self, cap: float | None) -> Budget:
        return Budget(cap)

    @contextlib.contextmanager
    def runner(self, run: ShotRun) -> Iterator[ShotRunner]:
        threads: contextlib.AbstractContextManager = contextlib.nullcontext()
        if any(capabilities(s.backend).kind == "local" for s in run.shots):
            from videoagent.nn.compute import threads_for_models

            # Models on this machine: several shots at once take a thread each, not a
            # fight for cores; one alone takes the cores nobody else is using.
            threads = threads_for_models(min(run.workers, len(run.shots)))
        with threads, ThreadPoolExecutor(max_workers=max(1, run.workers)) as pool:
            yield _ThreadRunner(pool, run.shooter)

    def check_folder(self, folder: Path) -> None:
        return None  # this process made it


class _ThreadRunner:
    def __init__(self, pool: ThreadPoolExecutor, shooter: Shooter) -> None:
        self.pool, self.shooter = pool, shooter

    def submit(self, shot: Shot, frames: int, refs: list[Path]) -> Future[list[Take]]:
        return self.pool.submit(self.shooter.shoot, shot, frames, refs)

    def pump(self) -> None:
        return None

    def stop(self) -> None:
        self.shooter.generator_for.stop_all()
        self.pool.shutdown(wait=False, cancel_futures=True)
