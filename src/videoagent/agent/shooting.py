"""Shooting one shot: generate → evaluate → revise, through the take store.

Before anything is generated the take's content key is looked up, first among the
project's own takes, then in the shared cache; only a miss reaches the backend. A cached
take that failed its checks counts as an attempt, exactly as it did when it was made.

A miss on a hosted backend then reads the project's ledger of provider jobs: a job already
sent for this take is re-attached (polled again), never sent twice; one whose submission
got no answer is "in doubt" and stops the shot (JobInDoubt) until the user says to send it
again (`resubmit_in_doubt`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.agent.budget import Budget
from videoagent.agent.generator_pool import GeneratorPool
from videoagent.agent.provider_slots import PROCESS_SLOTS, ProviderSlots
from videoagent.agent.steps import Emit
from videoagent.errors import DamagedProject, GenerationError, JobInDoubt, RecoverableError
from videoagent.evaluate.check import Check, failed
from videoagent.evaluate.checks import VERSION as CHECKS_VERSION
from videoagent.evaluate.checks import staged_out_of_view, take_checks
from videoagent.evaluate.readable_cast import closer_keeps_the_cast
from videoagent.evaluate.recognized import prop_unrecognised, subject_unrecognised
from videoagent.failpoints import reached
from videoagent.generators import GenerationRequest, capabilities
from videoagent.generators.base import Job
from videoagent.media.probe import probe
from videoagent.plan.storyboard import Shot
from videoagent.store.files import file_sha256, read_sealed_json
from videoagent.store.ledger import Ledger, LedgerEntry
from videoagent.store.takes import TAKE_RECORD, StoredTake, TakeStore, take_key
from videoagent.timeline.time import FrameRate

CLIP = "clip.mp4"


@dataclass
class Take:
    """One attempt at one shot: its file, how it was asked for, how it fared, where from."""

    shot_id: str
    number: int
    seed: int
    prompt: str
    backend: str
    path: Path | None
    checks: list[Check] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    cost_estimate: float = 0.0
    cost: float = 0.0
    seconds: float = 0.0
    error: str | None = None
    origin: str = "generated"  # or "project cache", "shared cache"
    key: str = ""
    references: list[str] = field(default_factory=list)
    node: str = ""  # the machine that made it (the executor's name for it)
    mode: str = "text-to-video"  # "extend": it carries on the previous shot's take
    # The checks the takes before failed that the backend was asked to mend in this one.
    mend: list[str] = field(default_factory=list)
    checks_version: int | None = None  # of the checks that judged it (evaluate/checks.py)

    @property
    def accepted(self) -> bool:
        return self.error is None and not failed(self.checks)

    def record(self) -> dict:
        return {
            "shot": self.shot_id,
            "take": self.number,
            "seed": self.seed,
            "backend": self.backend,
            "prompt": self.prompt,
            "references": self.references,
            "file": self.path.name if self.path else None,
            "accepted": self.accepted,
            "error": self.error,
            "checks": [c.to_dict() for c in self.checks],
            "cost_estimate": self.cost_estimate,
            "cost": self.cost,
            "seconds": round(self.seconds, 3),
            "report": self.report,
            "origin": self.origin,
            "key": self.key,
            "node": self.node,
            "mode": self.mode,
            "mend": self.mend,
            "checks_version": self.checks_version,
        }

    @classmethod
    def from_stored(cls, stored: StoredTake, origin: str) -> Take:
        r = stored.record
        return cls(
            shot_id=r["shot"],
            number=r["take"],
            seed=r["seed"],
            prompt=r["prompt"],
            backend=r["backend"],
            path=stored.clip,
            checks=[Check(**c) for c in r.get("checks", [])],
            report=r.get("report", {}),
            cost_estimate=r.get("cost_estimate", 0.0),
            cost=0.0,  # already paid for: reusing it costs nothing
            seconds=0.0,
            error=r.get("error"),
            origin=origin,
            key=r.get("key", ""),
            references=r.get("references", []),
            node=r.get("node", ""),
            mode=r.get("mode", "reference-to-video" if r.get("references") else "text-to-video"),
            mend=r.get("mend", []),
            checks_version=r.get("checks_version"),
        )


def take_price(backend: str, request: GenerationRequest) -> float:
    """What `request` costs on `backend` (USD): an extension as long as the provider makes
    one, and where it returns the clip it extends with the new part, counted whole."""
    caps = capabilities(backend)
    if request.mode == "extend":
        source = probe(request.references[0]).duration if caps.extend_returns_source else 0.0
        return caps.extension_price(request.seconds, source)
    return caps.price(request.seconds)


def to_mend(takes: list[Take], backend: str) -> tuple[str, ...]:
    """The checks any of a shot's `takes` failed that `backend` mends itself when asked in
    the next one (`Capabilities.mends`), by name: once a take has failed one, the next are
    all asked to mend it (ours let go of the memory that may have failed it)."""
    mends = set(capabilities(backend).mends)
    return tuple(sorted({c.name for take in takes for c in failed(take.checks)} & mends))


def extends(shot: Shot, before: str | None) -> bool:
    """Whether `shot`'s takes are made by extending the take before it, made by backend
    `before`: it continues that take and its backend can extend it (Veo only its own);
    else it is made fresh."""
    caps = capabilities(shot.backend)
    if not shot.continues or "extend" not in caps.modes:
        return False
    return not caps.extends_own_takes or before == shot.backend


def made_by(clip: Path) -> str | None:
    """The backend that made the take whose clip is `clip` (its record beside it)."""
    try:
        return read_sealed_json(Path(clip).parent / TAKE_RECORD).get("backend")
    except (OSError, ValueError, DamagedProject):
        return None


class Shooter:
    """Makes accepted takes for shots, each with the generator its route chose, reusing
    every take it can and paying only what the budget allows."""

    def __init__(
        self,
        generator_for: GeneratorPool,
        store: TakeStore,
        *,
        rate: FrameRate,
        width: int,
        height: int,
        max_retries: int,
        emit: Emit,
        budget: Budget | None = None,
        reframe: Callable[[Shot], Shot | None] | None = None,
        widen: Callable[[Shot], Shot | None] | None = None,
        judge: Callable[[Path, Shot], Check] | None = None,
        ledger: Ledger | None = None,
        resubmit_in_doubt: bool = False,
        cuts: dict[str, tuple[int, ...]] | None = None,  # keyframes each take gets, by shot
        slots: ProviderSlots = PROCESS_SLOTS,
        node: str = "",
    ) -> None:
        # Generators are made when first needed: shots found in a cache need none (nor
        # their API keys).
        self.generator_for = generator_for
        self.store = store
        self.rate, self.width, self.height = rate, width, height
        self.max_retries = max_retries
        self._emit = emit
        self.budget = budget or Budget(None)
        # The shot framed closer, prompt written, or None: the retry for an unseen subject.
        self._reframe = reframe or (lambda shot: None)
        # The shot framed wider, prompt written, or None: the retry for a staged thing the
        # frame cut off.
        self._widen = widen or (lambda shot: None)
        # A vision model's verdict on a take that passed the cheap checks (when configured).
        self.judge = judge
        self.ledger = ledger
        self.resubmit_in_doubt = resubmit_in_doubt
        self.cuts = cuts or {}
        self.slots = slots  # a hosted provider's jobs in flight, counted across runs
        self.node = node

    def _request(
        self, shot: Shot, frames: int, seed: int, refs: list[Path], mend: tuple[str, ...] = ()
    ) -> GenerationRequest:
        caps = capabilities(shot.backend)
        usable = refs[: caps.max_references] if "reference-to-video" in caps.modes else []
        mode = "reference-to-video" if usable else "text-to-video"
        if extends(shot, made_by(refs[0]) if refs else None):
            if not refs:
                raise GenerationError(f"{shot.id} extends the take before it, but none was given")
            usable, mode = refs[:1], "extend"
        width, height = shot.source_size or (self.width, self.height)
        return GenerationRequest(
            prompt=shot.prompt,
            frames=frames,
            rate=self.rate,
            width=width,
            height=height,
            seed=seed,
            mode=mode,
            references=tuple(str(r) for r in usable),
            label=f"{shot.id} seed {seed}",
            mend=mend,
            cuts=self.cuts.get(shot.id, ()),
        )

    def _key(self, backend: str, request: GenerationRequest) -> str:
        asked = {
            "prompt": request.prompt,
            "frames": request.frames,
            "fps": str(request.rate.fps),
            "width": request.width,
            "height": request.height,
            "seed": request.seed,
            "mode": request.mode,
        }
        if request.mend:  # only then: the keys of takes asked to mend nothing stay as they were
            asked["mend"] = list(request.mend)
        return take_key(
            backend=backend,
            model=self.generator_for.version(backend),
            request=asked,
            reference_digests=[file_sha256(Path(r)) for r in request.references],
        )

    def cached(self, shot: Shot, frames: int, refs: list[Path]) -> bool:
        """Whether the shot's first take is already made (here or in the shared cache)."""
        key = self._key(shot.backend, self._request(shot, frames, shot.seed, refs))
        return self.store.find(key) is not None or self.store.in_shared(key)

    def kept_clip(self, shot: Shot, frames: int, refs: list[Path]) -> Path | None:
        """The clip of the shot's first take when this project holds it and it was
        accepted (the take a shot that extends this one would be handed), else None."""
        request = self._request(shot, frames, shot.seed, refs)
        stored = self.store.find(self._key(shot.backend, request))
        return stored.clip if stored is not None and stored.record.get("accepted") else None

    def shoot(self, shot: Shot, frames: int, refs: list[Path]) -> list[Take]:
        """Takes of `shot` until one is accepted or the retries are spent, oldest first.
        `refs`: the shot's reference images, or, for a shot that `extends`, the take it
        carries on."""
        takes: list[Take] = []
        attempts = self.max_retries + 1
        framed = shot  # moves closer (subject unrecognised) or wider (a staged thing cut off)
        mend: tuple[str, ...] = ()  # what the backend is asked to mend itself
        for attempt in range(attempts):
            request = self._request(framed, frames, shot.seed + attempt, refs, mend)
            take = self._reuse(framed, request) or self._generate(framed, request)
            takes.append(take)
            if take.accepted:
                break
            problems = take.error or "; ".join(f"{c.name}: {c.detail}" for c in failed(take.checks))
            if attempt + 1 < attempts:
                unseen = subject_unrecognised(take.checks, framed.scene_spec)
                nearer = self._reframe(framed) if unseen else None
                if nearer is None and prop_unrecognised(take.checks, framed.scene_spec):
                    nearer = self._closer_keeping_the_cast(framed, frames, request.seed + 1)
                wider = None
                if nearer is None and staged_out_of_view(take.checks):
                    wider = self._widen(framed)
                framed = nearer or wider or framed
                mend = to_mend(takes, shot.backend)
                self._emit(
                    "revise",
                    "warning",
                    f"{shot.id} take {take.number} rejected ({problems}); "
                    f"trying again with seed {request.seed + 1}"
                    + (f", framed closer ({nearer.shot_size})" if nearer else "")
                    + (f", framed wider ({wider.shot_size})" if wider else "")
                    + (f", {shot.backend} asked to mend its {', '.join(mend)}" if mend else ""),
                    shot=shot.id,
                    take=take.number,
                    shot_size=framed.shot_size,
                )
            else:
                self._emit(
                    "revise",
                    "failed",
                    f"{shot.id} still fails after {attempts} attempts: {problems}",
                    shot=shot.id,
                )
        return takes

    def _closer_keeping_the_cast(self, shot: Shot, frames: int, seed: int) -> Shot | None:
        """`shot` framed closer, for a prop too small to make out, where the staging says the
        closer framing still shows the rest of the cast; else None."""
        nearer = self._reframe(shot)
        if nearer is None or shot.scene_spec is None or nearer.scene_spec is None:
            return None
        seconds = frames / float(self.rate.fps)
        if closer_keeps_the_cast(shot.scene_spec, nearer.scene_spec, seconds, seed):
            return nearer
        return None

    def another_take(self, shot: Shot, frames: int, refs: list[Path], made: list[Take]) -> Take:
        """One more take of `shot` after the takes `made` (the next seed), reused where it was
        made before; the caller keeps to the retries (`max_retries`). BudgetReached when
        the budget cannot pay for it."""
        mend = to_mend(made, shot.backend)
        request = self._request(shot, frames, shot.seed + len(made), refs, mend)
        return self._reuse(shot, request) or self._generate(shot, request)

    def _reuse(self, shot: Shot, request: GenerationRequest) -> Take | None:
        key = self._key(shot.backend, request)
        stored, origin = self.store.find(key), "project cache"
        if stored is None:
            base = self._record_base(shot, request, key)
            stored, origin = self.store.from_shared(key, shot.id, base), "shared cache"
        if stored is None:
            return None
        take = Take.from_stored(stored, origin)
        verdict = "accepted" if take.accepted else "rejected when made"
        if take.error is None and take.path and take.checks_version != CHECKS_VERSION:
            take = self._checked_again(shot, request, take, stored)
            verdict = "checked again: " + ("accepted" if take.accepted else "rejected")
        self._emit(
            "evaluate",
            "done" if take.accepted else "warning",
            f"{shot.id} take {take.number}: reused from the {origin} ({verdict})",
            shot=shot.id,
            take=take.number,
            origin=origin,
            key=key,
        )
        return take

    def _checked_again(
        self, shot: Shot, request: GenerationRequest, take: Take, stored: StoredTake
    ) -> Take:
        """`take`, judged under checks of another version, checked by today's (a language
        model's verdict, if any, is kept: it would cost again), its record amended."""
        job = Job(shot.backend, request, "succeeded", output=take.path, report=take.report)
        judged = [c for c in take.checks if c.name == "judge"]
        take.checks = [*take_checks(job, shot.scene_spec), *judged]
        take.checks_version = CHECKS_VERSION
        verdict = {
            "checks": [c.to_dict() for c in take.checks],
            "accepted": take.accepted,
            "checks_version": CHECKS_VERSION,
        }
        self.store.amend(stored, **verdict)
        self.store.amend_shared(take.key, **verdict)  # checked once, not at every reuse
        return take

    def _record_base(self, shot: Shot, request: GenerationRequest, key: str) -> dict:
        return {
            "shot": shot.id,
            "seed": request.seed,
            "backend": shot.backend,
            "prompt": request.prompt,
            "references": list(request.references),
            "mode": request.mode,
            "mend": list(request.mend),
            "cost_estimate": take_price(shot.backend, request),
            "cost": 0.0,
            "key": key,
            "accepted": True,
            "error": None,
            "checks": [],
            "report": {},
            "seconds": 0.0,
        }

    def _ledger_entry(self, shot: Shot, request: GenerationRequest, key: str, price: float):
        """The take's line in the ledger of provider jobs (hosted backends only): re-attached
        to a job already sent, or JobInDoubt when an earlier submission got no answer."""
        if self.ledger is None or capabilities(shot.backend).kind != "hosted":
            return None
        entry = LedgerEntry.for_take(
            self.ledger, key=key, shot=shot.id, backend=shot.backend, seed=request.seed, price=price
        )
        line = self.ledger.latest(key)
        doubtful = line is not None and line.state in ("sending", "in doubt")
        if entry.provider_job is None and doubtful:
            if not self.resubmit_in_doubt:
                raise JobInDoubt(
                    f"{shot.id} (seed {request.seed}) on {shot.backend}: an earlier submission "
                    f"got no answer ({line.error or 'the run stopped while sending'}), so the "
                    "provider may have made it; not sent again"
                )
            self._emit(
                "generate",
                "warning",
                f"{shot.id}: sending again a submission that was in doubt, as asked",
                shot=shot.id,
            )
        if entry.provider_job is not None:
            self._emit(
                "generate",
                "done",
                f"{shot.id}: re-attached to {shot.backend} job {entry.provider_job} (sent "
                "before; not sent again)",
                shot=shot.id,
                provider_job=entry.provider_job,
            )
        return entry

    def _generate(self, shot: Shot, request: GenerationRequest) -> Take:
        price = take_price(shot.backend, request)
        key = self._key(shot.backend, request)
        entry = self._ledger_entry(shot, request, key, price)
        generator = self.generator_for(shot.backend)
        # Reserved before anything is sent: BudgetReached stops this shot here.
        self.budget.reserve(price, f"{shot.id} (seed {request.seed}) on {shot.backend}")
        number, staging = self.store.begin(shot.id)
        take = Take(
            shot.id,
            number,
            request.seed,
            request.prompt,
            shot.backend,
            None,
            cost_estimate=price,
            key=key,
            references=list(request.references),
            node=self.node,
            mode=request.mode,
            mend=list(request.mend),
        )
        began = time.perf_counter()
        try:
            with self.slots.hold(shot.backend):
                # Said as it starts (a progress record, not a console line): the page shows
                # the shot as generating.
                self._emit(
                    "generate",
                    "progress",
                    f"{shot.id} take {number}: generating on {shot.backend}",
                    shot=shot.id,
                    take=number,
                )
                job = generator.generate(request, staging / CLIP, entry=entry)
        except RecoverableError as exc:
            # Providers do not charge a failed job, but one that finished and whose file
            # never reached us is charged: the ledger says which.
            line = self.ledger.latest(key) if entry is not None and self.ledger else None
            self.budget.settle(price, line.charged if line is not None else 0.0)
            take.error = str(exc)
            take.seconds = time.perf_counter() - began
            self._emit("evaluate", "warning", f"{shot.id} take {number}: {exc}", shot=shot.id)
            self.store.commit(staging, take.record())
            return take
        except BaseException:
            self.budget.settle(price, 0.0)
            raise
        reached("take:delivered")  # the job paid and its file here, not yet a take
        self.budget.settle(price, job.cost)
        take.report, take.cost = job.report, job.cost
        take.path = job.output
        take.checks = take_checks(job, shot.scene_spec)
        take.checks_version = CHECKS_VERSION
        if self.judge is not None and not failed(take.checks):
            take.checks.append(self.judge(job.output, shot))
        take.seconds = time.perf_counter() - began
        stored = self.store.commit(staging, take.record())
        take.path = stored.clip
        # Rejected takes are shared too: another project then skips them, as this one did.
        self.store.publish(stored)
        bad = failed(take.checks)
        # What the backend could not draw passes no check and fails none: said beside them.
        unshown = sorted(
            {*job.report.get("placeholders", []), *job.report.get("unsupported_words", [])}
        )
        self._emit(
            "evaluate",
            "done" if not bad else "warning",
            f"{shot.id} take {number}: "
            + ("all checks passed" if not bad else ", ".join(c.name for c in bad) + " failed")
            + (f"; not drawn: {', '.join(unshown)}" if unshown else ""),
            shot=shot.id,
            take=number,
            origin="generated",
            checks=[c.to_dict() for c in take.checks],
        )
        return take
