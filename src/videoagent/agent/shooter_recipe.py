"""What a Shooter is made of, as plain data: enough to make the same Shooter in this
process or in another one (a Ray worker on another machine), where the run's budget, its
ledger of provider jobs, its step records and its provider slots are reached through the
executor instead of held."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from videoagent.agent.budget import Budget
from videoagent.agent.generator_pool import GeneratorPool
from videoagent.agent.planning import framed_closer, framed_wider
from videoagent.agent.provider_slots import ProviderSlots
from videoagent.agent.shooting import Shooter
from videoagent.agent.steps import Emit
from videoagent.generators import capabilities
from videoagent.llm.endpoint import chat_client
from videoagent.plan.bible import Bible
from videoagent.plan.storyboard import Shot
from videoagent.store.ledger import Ledger
from videoagent.store.takes import TakeStore
from videoagent.timeline.time import FrameRate


@dataclass(frozen=True)
class ShooterRecipe:
    project: Path
    shared_cache: Path | None
    generator_options: dict[str, dict]
    rate: FrameRate
    width: int
    height: int
    max_retries: int
    cuts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    style: str = ""  # the brief's, for a prompt written again closer
    bible: Bible | None = None
    judge_url: str | None = None
    judge_model: str | None = None
    resubmit_in_doubt: bool = False

    def shooter(
        self,
        *,
        emit: Emit,
        budget: Budget,
        ledger: Ledger | None,
        slots: ProviderSlots,
        generators: GeneratorPool | None = None,
        store: TakeStore | None = None,
        node: str = "",
    ) -> Shooter:
        """The Shooter this recipe describes, reporting through `emit` and paying from
        `budget` (in a worker: the executor's stand-ins for the run's own)."""
        bible, style = self.bible, self.style
        return Shooter(
            generators or GeneratorPool(self.generator_options),
            store or TakeStore(self.project, self.shared_cache),
            rate=self.rate,
            width=self.width,
            height=self.height,
            max_retries=self.max_retries,
            emit=emit,
            budget=budget,
            cuts=self.cuts,
            reframe=lambda shot: framed_closer(
                shot, capabilities(shot.backend), style=style, bible=bible
            ),
            widen=self.wider,
            judge=self._judge(),
            ledger=ledger,
            resubmit_in_doubt=self.resubmit_in_doubt,
            slots=slots,
            node=node,
        )

    def wider(self, shot: Shot) -> Shot | None:
        """`shot` framed one size wider, its prompt written again (the asks' loop)."""
        caps = capabilities(shot.backend)
        return framed_wider(shot, caps, style=self.style, bible=self.bible)

    def _judge(self):
        if not self.judge_url:
            return None
        from videoagent.evaluate.llm_judge import LLMJudge  # pydantic: only with a judge

        entities = self.bible.entities if self.bible else {}
        return LLMJudge(
            chat_client(self.judge_url, model=self.judge_model),
            cast=lambda shot: [entities[c].description for c in shot.cast if c in entities],
        )
