"""Edit requests in free words, read by a language model when our phrasings do not match.

The model does not act: it restates the request in the phrasings `edit_request.py` knows
("remove shot 2", "put SALE on screen at 0:05 for 2 seconds", …), and each restatement must
pass the same deterministic parser and checks. A parse error is shown to the model once
more; a model that finds the request unclear says why, and that reason is the answer.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError, UnclearRequest, UsageError
from videoagent.llm.client import ChatClient
from videoagent.llm.prompts import prompt
from videoagent.plan.edit_request import CAN_DO, Operation, parse_clause
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Storyboard


class Restated(BaseModel):
    edits: list[str] = Field(default_factory=list, max_length=10)
    unclear: str | None = None


def _validator(board: Storyboard, request: Request):
    def validate(value: object) -> tuple[list[Operation], str | None]:
        try:
            restated = Restated.model_validate(value)
        except ValidationError as exc:
            raise PlanError(f"does not match the schema: {exc.errors()[0]['msg']}") from exc
        if not restated.edits:
            return [], restated.unclear or "the request asks for nothing the editor can do"
        operations = []
        for edit in restated.edits:
            try:
                operations.append(parse_clause(edit, board, request))
            except UsageError as exc:
                raise PlanError(f"{edit!r} cannot be done: {exc}") from exc
        return operations, None

    return validate


def summary(board: Storyboard, request: Request) -> str:
    """What the model is told about the video: length, shape and the shots in order."""
    shots = "; ".join(
        f"{i + 1}: {s.beat} ({float(board.rate.seconds(s.frames)):.1f} s, {s.kind})"
        for i, s in enumerate(board.shots)
    )
    return (
        f"The video is {float(board.rate.seconds(board.target_frames)):g} s, "
        f"{request.aspect}, {len(board.shots)} shots: {shots}."
    )


def parse_edit_with_llm(
    text: str,
    board: Storyboard,
    request: Request,
    *,
    client: ChatClient,
) -> list[Operation]:
    """The operations the model restates `text` as; UnclearRequest with its reason, or
    with the reason it failed."""
    messages = [
        {"role": "system", "content": prompt("edit", can_do=CAN_DO)},
        {"role": "user", "content": f"{summary(board, request)}\nRequest: {text}"},
    ]
    schema = {
        "type": "object",
        "properties": {
            "edits": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
            "unclear": {"type": ["string", "null"]},
        },
        "required": ["edits", "unclear"],
    }
    try:
        operations, unclear = client.chat_json(
            messages, schema=schema, validate=_validator(board, request), attempts=2
        )
    except (PlanError, RunError) as exc:
        raise UnclearRequest(f"could not understand the edit {text!r} (LLM: {exc})") from exc
    if unclear:
        raise UnclearRequest(f"the edit {text!r} is unclear: {unclear}")
    return operations
