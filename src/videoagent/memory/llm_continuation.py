"""Continuation by a language model: it reads the packed context and proposes what happens
next; our code stages each beat with the bible's cast, exactly as for the offline planner.

The model sees the bounded context (bible, recent shots in full, older ones as lines and
chapters), never the raw history. On any failure the offline beats are used, with a warning.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError
from videoagent.llm.client import ChatClient
from videoagent.llm.prompts import prompt
from videoagent.memory.context import Context


class Beats(BaseModel):
    beats: list[str] = Field(min_length=1, max_length=60)


def _validator(count: int):
    def validate(value: object) -> Beats:
        try:
            beats = Beats.model_validate(value)
        except ValidationError as exc:
            raise PlanError(f"does not match the schema: {exc.errors()[0]['msg']}") from exc
        if len(beats.beats) != count:
            raise PlanError(f"gave {len(beats.beats)} beats; exactly {count} were asked for")
        if any(not 2 <= len(b.strip()) <= 200 for b in beats.beats):
            raise PlanError("every beat must be a phrase of 2 to 200 characters")
        return beats

    return validate


def beats_from_llm(
    context: Context,
    count: int,
    seconds: float,
    *,
    client: ChatClient,
    fallback: list[str],
) -> tuple[list[str], list[str]]:
    """`count` next beats proposed from `context`, and warnings (with `fallback` on failure)."""
    messages = [
        {"role": "system", "content": prompt("continuation")},
        {
            "role": "user",
            "content": f"Project so far: {context.text()}\n"
            f"Add {seconds:g} seconds as exactly {count} beats.",
        },
    ]
    schema = {
        "type": "object",
        "properties": {
            "beats": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": count,
                "maxItems": count,
            }
        },
        "required": ["beats"],
    }
    try:
        proposal = client.chat_json(messages, schema=schema, validate=_validator(count))
    except (PlanError, RunError) as exc:
        return fallback, [f"LLM continuation failed ({exc}); continued offline instead"]
    return [b.strip() for b in proposal.beats], []
