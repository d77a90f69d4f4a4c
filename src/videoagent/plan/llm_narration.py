"""Narration written by an LLM: one line per shot, in the mode's voice, each within the
words its shot can hold. Validated like every LLM answer (every shot answered, no line too
long); on failure the shots keep their captions as lines, with a warning."""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError
from videoagent.llm.client import ChatClient
from videoagent.llm.prompts import prompt
from videoagent.plan.narration import most_words
from videoagent.plan.storyboard import Storyboard


class Line(BaseModel):
    shot: str
    line: str = Field(max_length=400)


class Narration(BaseModel):
    lines: list[Line] = Field(max_length=60)


SCHEMA = {
    "type": "object",
    "properties": {
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"shot": {"type": "string"}, "line": {"type": "string"}},
                "required": ["shot", "line"],
            },
        }
    },
    "required": ["lines"],
}


def _validator(limits: dict[str, int]):
    def validate(value: object) -> dict[str, str]:
        try:
            answer = Narration.model_validate(value)
        except ValidationError as exc:
            raise PlanError(f"does not match the schema: {exc.errors()[0]['msg']}") from exc
        lines = {item.shot: item.line.strip() for item in answer.lines}
        missing = [sid for sid in limits if sid not in lines]
        if missing:
            raise PlanError(f"no line for {', '.join(missing)}")
        long = [
            f"{sid} ({len(lines[sid].split())} > {n})"
            for sid, n in limits.items()
            if len(lines[sid].split()) > n
        ]
        if long:
            raise PlanError(f"lines too long for their shots: {', '.join(long)}")
        return {sid: lines[sid] for sid in limits}

    return validate


def write_narration_with_llm(
    board: Storyboard,
    *,
    mode: str,
    client: ChatClient,
) -> list[str]:
    """Fill each shot's `narration` from the LLM behind `client`; the warnings of a fallback."""
    limits = {s.id: most_words(float(board.rate.seconds(s.frames))) for s in board.shots}
    shots = "\n".join(
        f"{s.id}: {s.beat or s.card_title} | caption: {s.caption or s.card_title} | "
        f"at most {limits[s.id]} words"
        for s in board.shots
    )
    messages = [
        {"role": "system", "content": prompt("narration", mode=mode)},
        {"role": "user", "content": f"Request: {board.request}\nShots:\n{shots}"},
    ]
    try:
        lines = client.chat_json(messages, schema=SCHEMA, validate=_validator(limits))
    except (PlanError, RunError) as exc:
        return [f"LLM narration failed ({exc}); the shots' captions are spoken instead"]
    for shot in board.shots:
        shot.narration = lines[shot.id]
    return []
