"""Shots as tasks on a Ray cluster (the `ray` extra): `--executor ray`.

The agent's own stages (planning, sound, render, verify) stay in this process, the
driver; each shot is a Ray task, placed by what its backend needs (the catalog's
`resources`: a GPU for local diffusion models, a CPU for procedural and embedded, a quarter
of one for a hosted API), and retried by Ray when its machine dies. What runs share lives
in two actors: one per driver, on the driver's machine, keeps each run's budget, each
project's ledger of provider jobs (beside its SQLite file) and the step records the shots
send back; one for the whole cluster counts each hosted provider's jobs in flight. (An
actor is a process of its own: made once, not once a run, they cost a batch nothing.)

A retried shot finds what was done before it died: its finished takes by their keys in the
project folder, its provider jobs in the ledger (re-attached, never sent twice; one sent
without an answer is in doubt and waits for the user). The project folder must be a path
every machine of the cluster reads and writes (a shared filesystem); `check_folder` says
which machines cannot, before anything is made."""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

from videoagent.agent.budget import Budget
from videoagent.agent.provider_slots import limit_of
from videoagent.agent.shooting import Take
from videoagent.agent.shot_executor import ShotRun
from videoagent.agent.steps import Emit
from videoagent.errors import MissingDependency, UsageError
from videoagent.generators import capabilities
from videoagent.plan.storyboard import Shot
from videoagent.store.ledger import Ledger

NAMESPACE = "videoagent"
SLOTS_ACTOR = "provider-slots"
LEASE_SECONDS = 30.0  # a slot not renewed this long was held by a worker that died
SLOT_POLL_SECONDS = 0.25
TASK_RETRIES = 3  # a shot whose machine died is started again this often


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise MissingDependency("the Ray executor (ray)", "ray") from exc
    return ray


class RayExecutor:
    """Shots as tasks on the Ray cluster at `address` ("auto": the one this machine belongs
    to; HOST:PORT; None: a cluster of this machine alone, started here)."""

    name = "ray"

    def __init__(self, address: str | None = "auto") -> None:
        ray = _ray()
        if not ray.is_initialized():
            try:
                ray.init(
                    address=address,
                    namespace=NAMESPACE,
                    log_to_driver=False,
                    include_dashboard=False if address is None else None,
                    configure_logging=False,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise UsageError(f"cannot reach the Ray cluster at {address!r}: {exc}") from None
        self.ray = ray
        self._shoot = ray.remote(_shoot_remotely)
        self._checked: set[Path] = set()
        self.slots = _SlotsKeeper.options(
            name=SLOTS_ACTOR, namespace=NAMESPACE, get_if_exists=True, **self._here()
        ).remote()
        self.keeper = _DriverKeeper.options(**self._here()).remote()

    def _here(self) -> dict:
        """Actor options that keep an actor on this machine: what runs share must not die
        with a worker's machine."""
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        node = self.ray.get_runtime_context().get_node_id()
        return {
            "num_cpus": 0,
            "scheduling_strategy": NodeAffinitySchedulingStrategy(node, soft=False),
        }

    def budget(self, cap: float | None) -> Budget:
        run = uuid.uuid4().hex
        self.ray.get(self.keeper.open_budget.remote(run, cap))
        return RemoteBudget(self.keeper, run)

    @contextlib.contextmanager
    def runner(self, run: ShotRun) -> Iterator[_RayRunner]:
        shooter, recipe = run.shooter, run.recipe
        budget = shooter.budget
        if not isinstance(budget, RemoteBudget):
            budget = self.budget(budget.cap)
        ledger = None
        if shooter.ledger is not None:  # kept beside the project's SQLite file
            ledger = RemoteLedger(self.keeper, str(recipe.project / "journal.sqlite"))
        runner = _RayRunner(self, recipe, budget, ledger, run.emit)
        try:
            yield runner
        finally:
            runner.pump()
            self.ray.get(self.keeper.close_run.remote(budget.run, ledger and ledger.path))

    def check_folder(self, folder: Path) -> None:
        folder = Path(folder).resolve()
        if folder in self._checked:
            return
        ray = self.ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        look = ray.remote(_can_use)
        nodes = [n for n in ray.nodes() if n.get("Alive")]
        answers = [
            look.options(
                num_cpus=0,
                scheduling_strategy=NodeAffinitySchedulingStrategy(n["NodeID"], soft=False),
            ).remote(str(folder))
            for n in nodes
        ]
        blind = [
            f"{n.get('NodeManagerAddress', '?')} ({why})"
            for n, why in zip(nodes, ray.get(answers), strict=True)
            if why
        ]
        if blind:
            raise UsageError(
                f"project folder {str(folder)!r} is not usable on every machine of the Ray "
                f"cluster: {'; '.join(blind)}. Put projects on a filesystem every machine "
                "mounts at the same path"
            )
        self._checked.add(folder)


class _RayRunner:
    def __init__(self, executor: RayExecutor, recipe, budget, ledger, emit: Emit):
        self.executor, self.recipe, self.emit = executor, recipe, emit
        self.budget, self.ledger = budget, ledger
        self.refs: list = []

    def submit(self, shot: Shot, frames: int, refs: list[Path]) -> Future[list[Take]]:
        wants = dict(capabilities(shot.backend).resources)
        options = {
            "num_cpus": wants.pop("CPU", 1),
            "num_gpus": wants.pop("GPU", 0),
            "resources": wants,
            "max_retries": TASK_RETRIES,
        }
        ref = self.executor._shoot.options(**options).remote(
            self.recipe, shot, frames, refs, self.budget, self.ledger, self.executor.slots
        )
        self.refs.append(ref)
        return ref.future()

    def pump(self) -> None:
        """The step records the shots sent since the last pump, passed on in order."""
        keeper = self.executor.keeper
        for step, status, message, data in self.executor.ray.get(
            keeper.drain.remote(self.budget.run)
        ):
            self.emit(step, status, message, **data)

    def stop(self) -> None:
        for ref in self.refs:
            with contextlib.suppress(Exception):
                self.executor.ray.cancel(ref)


# What runs in a worker --------------------------------------------------------------------


def _shoot_remotely(recipe, shot, frames, refs, budget, ledger, slots) -> list[Take]:
    import ray

    def emit(step, status, message, **data) -> None:
        # Waited for: a record still on its way when the shot ends would miss the last pump.
        ray.get(budget.keeper.tell.remote(budget.run, (step, status, message, data)))

    node = ray.get_runtime_context().get_node_id()
    # In the journal: a shot started twice had its first machine die under it.
    emit("generate", "progress", f"{shot.id} started on node {node[:12]}", shot=shot.id, node=node)
    shooter = recipe.shooter(
        emit=emit, budget=budget, ledger=ledger, slots=RemoteSlots(slots), node=node
    )
    return shooter.shoot(shot, frames, refs)


def _can_use(folder: str) -> str:
    """Why this machine cannot read and write `folder` ("" when it can)."""
    if not os.path.isdir(folder):
        return "no such folder here"
    probe = Path(folder) / f".node-check-{uuid.uuid4().hex}"
    try:
        probe.write_text("ok", "utf-8")
        probe.unlink()
    except OSError as exc:
        return f"cannot write: {exc.strerror}"
    return ""


# Stand-ins for the run's own objects, reached through actors --------------------------------


class RemoteBudget:
    """A run's budget, kept by the driver's keeper: every shot reserves from one purse."""

    def __init__(self, keeper, run: str) -> None:
        self.keeper, self.run = keeper, run

    def _call(self, name: str, *args):
        return _ray().get(getattr(self.keeper, name).remote(self.run, *args))

    def reserve(self, price: float, what: str) -> None:
        self._call("reserve", price, what)

    def settle(self, reserved: float, charged: float) -> None:
        self._call("settle", reserved, charged)

    def summary(self) -> dict:
        return self._call("summary")

    @property
    def cap(self) -> float | None:
        return self.summary()["cap"]

    @property
    def spent(self) -> float:
        return self.summary()["spent"]

    @property
    def closed_by(self) -> str | None:
        return self.summary()["stopped"]


class RemoteLedger:
    """A project's ledger of provider jobs, written by the driver's keeper on the driver's
    machine (SQLite's write-ahead log is not for files shared between machines)."""

    def __init__(self, keeper, path: str) -> None:
        self.keeper, self.path = keeper, path

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        keeper, path = self.keeper, self.path
        return lambda *args, **kwargs: _ray().get(keeper.ledger.remote(path, name, *args, **kwargs))


class RemoteSlots:
    """A hosted provider's slots, counted by the cluster's one slots actor. A slot is a
    lease renewed while its job runs, so a worker that dies holding one frees it."""

    def __init__(self, actor) -> None:
        self.actor = actor

    @contextlib.contextmanager
    def hold(self, backend: str) -> Iterator[None]:
        limit = limit_of(backend)
        if not limit:
            yield
            return
        ray, holder = _ray(), uuid.uuid4().hex
        node = ray.get_runtime_context().get_node_id()
        while not ray.get(self.actor.acquire.remote(backend, holder, limit, node)):
            time.sleep(SLOT_POLL_SECONDS)
        done = threading.Event()

        def renew() -> None:
            while not done.wait(LEASE_SECONDS / 3):
                self.actor.renew.remote(holder)

        renewing = threading.Thread(target=renew, daemon=True)
        renewing.start()
        try:
            yield
        finally:
            done.set()
            ray.get(self.actor.release.remote(holder))


def _actor(cls):
    """`cls` as a Ray actor class, made when first asked for (ray is imported only then)."""
    made: dict = {}

    class Lazy:
        @staticmethod
        def options(**options):
            if "actor" not in made:
                made["actor"] = _ray().remote(cls)
            return made["actor"].options(**options)

    return Lazy


@_actor
class _DriverKeeper:
    """What the runs of one driver share with their shots: each run's budget and the step
    records its shots sent, each project's ledger. One process for all of them."""

    LEDGER_CALLS = frozenset({"latest", "lines", "open_line", "update", "costs"})

    def __init__(self) -> None:
        self.budgets: dict[str, Budget] = {}
        self.told: dict[str, list[tuple]] = {}
        self.ledgers: dict[str, Ledger] = {}

    def open_budget(self, run: str, cap: float | None) -> None:
        self.budgets[run] = Budget(cap)
        self.told[run] = []

    def reserve(self, run: str, price: float, what: str) -> None:
        self.budgets[run].reserve(price, what)

    def settle(self, run: str, reserved: float, charged: float) -> None:
        self.budgets[run].settle(reserved, charged)

    def summary(self, run: str) -> dict:
        return self.budgets[run].summary()

    def tell(self, run: str, record: tuple) -> None:
        self.told.setdefault(run, []).append(record)

    def drain(self, run: str) -> list[tuple]:
        records, self.told[run] = self.told.get(run, []), []
        return records

    def ledger(self, path: str, name: str, *args, **kwargs):
        if name not in self.LEDGER_CALLS:
            raise AttributeError(f"the ledger has no call {name!r}")
        if path not in self.ledgers:
            self.ledgers[path] = Ledger(Path(path))
        return getattr(self.ledgers[path], name)(*args, **kwargs)

    def close_run(self, run: str, ledger: str | None) -> None:
        """The run's shots are done: its records and its project's ledger are let go (its
        budget stays, to be summed up; a few numbers a run)."""
        self.told.pop(run, None)
        if ledger is not None and ledger in self.ledgers:
            self.ledgers.pop(ledger).close()


@_actor
class _SlotsKeeper:
    """Each hosted provider's slots, for every driver of the cluster. A holder renews its
    lease while its job runs; a lease not renewed for LEASE_SECONDS, or held on a machine
    the cluster has lost, is free again."""

    def __init__(self) -> None:
        self.held: dict[str, tuple[str, float, str]] = {}  # holder: (backend, renewed, node)
        self.peak: dict[str, int] = {}

    def acquire(self, backend: str, holder: str, limit: int, node: str) -> bool:
        if self._count(backend) >= limit:
            self._forget_the_dead()
            if self._count(backend) >= limit:
                return False
        self.held[holder] = (backend, time.monotonic(), node)
        self.peak[backend] = max(self.peak.get(backend, 0), self._count(backend))
        return True

    def renew(self, holder: str) -> None:
        if holder in self.held:
            backend, _, node = self.held[holder]
            self.held[holder] = (backend, time.monotonic(), node)

    def release(self, holder: str) -> None:
        self.held.pop(holder, None)

    def peaks(self) -> dict[str, int]:
        return dict(self.peak)

    def _count(self, backend: str) -> int:
        return sum(b == backend for b, _, _ in self.held.values())

    def _forget_the_dead(self) -> None:
        now = time.monotonic()
        alive = {n["NodeID"] for n in _ray().nodes() if n.get("Alive")}
        self.held = {
            holder: (backend, at, node)
            for holder, (backend, at, node) in self.held.items()
            if now - at < LEASE_SECONDS and node in alive
        }
