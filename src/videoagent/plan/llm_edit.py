"""Edit requests in free words, read by a language model when our phrasings do not match.

The model does not act: it restates the request in the phrasings `edit_request.py` knows
("remove shot 2", "put SALE on screen at 0:05 for 2 seconds", …), and each restatement must
pass the same deterministic parser and checks. A parse error is shown to the model once
more; a model that finds the request unclear says why, and that reason is the answer.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError, UnclearRequest, UsageError
from videoagent.llm.client import ChatClient
from videoagent.llm.prompts import examples, prompt
from videoagent.plan.edit_request import CAN_DO, Operation, parse_clause
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse


class Edit(BaseModel):
    edit: str = Field(min_length=2, max_length=300)  # in one of the editor's phrasings
    asked_by: str = Field(min_length=1, max_length=300)  # the user's words it carries out


class Restated(BaseModel):
    edits: list[Edit] = Field(default_factory=list, max_length=10)
    unclear: str | None = None


def _validator(text: str, board: Storyboard, request: Request):
    """Each restated edit must quote the words of the request it carries out, and no two the
    same words: a small model otherwise adds edits nobody asked for (asked to put the café
    at night, it also made the video 9:16)."""
    said = _plain(text)

    def validate(value: object) -> tuple[list[Operation], str | None]:
        try:
            restated = Restated.model_validate(value)
        except ValidationError as exc:
            raise PlanError(f"does not match the schema: {exc.errors()[0]['msg']}") from exc
        if not restated.edits:
            return [], restated.unclear or "the request asks for nothing the editor can do"
        operations, quoted = [], []
        for item in restated.edits:
            words = _plain(item.asked_by)
            if not words or f" {words} " not in f" {said} ":
                raise PlanError(
                    f"{item.asked_by!r} is not in the request: for each edit, copy the words "
                    "of the request it carries out"
                )
            if words in quoted:
                raise PlanError(
                    f"two edits carry out the same words {item.asked_by!r}: give only the "
                    "edit those words ask for"
                )
            quoted.append(words)
            try:
                operation = parse_clause(item.edit, board, request)
            except UsageError as exc:
                raise PlanError(f"{item.edit!r} cannot be done: {exc}") from exc
            _check_showable(operation, item.edit, said)
            operations.append(operation)
        return operations, None

    return validate


# What a new shot's words may name, told to a model that named something else.
SHOWABLE = (
    f"places {', '.join(vocab.PLACES)}; times {', '.join(vocab.TIMES)}; weather "
    f"{', '.join(vocab.WEATHERS)}; creatures and things {', '.join(vocab.KINDS)}"
)


def _check_showable(operation: Operation, edit: str, said: str) -> None:
    """A new shot's words must be ones the picture can show, unless the user asked for
    them: the model put the café "in the dark", which would be drawn as a placeholder
    labelled "dark" at the usual morning, where "at night" was there to use."""
    description = getattr(operation, "description", None)
    if not description:
        return
    unshown = [w for w in parse(description).placeholders if f" {_plain(w)} " not in f" {said} "]
    if unshown:
        raise PlanError(
            f"{edit!r}: the editor cannot show {', '.join(repr(w) for w in unshown)}; say it "
            f"with what it shows: {SHOWABLE}"
        )


def _plain(text: str) -> str:
    """`text` as lower-case words and numbers, one space apart (quotes compared so)."""
    return " ".join(re.findall(r"[a-z0-9:']+", text.lower().replace("’", "'")))


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


def _worked_examples(shown: dict) -> list[dict]:
    """Earlier turns that show the model the answers wanted (a 1.5B model otherwise
    restates most requests as the first phrasing it was shown). Their video is said once,
    in the system prompt: every token here is read before a process's first answer (the
    whole prompt, 576 tokens, took 14 s on 2 cores; later calls find it in the model's
    cache)."""
    turns = []
    for turn in shown["turns"]:
        answer = {"edits": turn["edits"], "unclear": turn["unclear"]}
        turns.append({"role": "user", "content": f"Request: {turn['request']}"})
        turns.append({"role": "assistant", "content": json.dumps(answer)})
    return turns


def parse_edit_with_llm(
    text: str,
    board: Storyboard,
    request: Request,
    *,
    client: ChatClient,
) -> list[Operation]:
    """The operations the model restates `text` as; UnclearRequest with its reason, or
    with the reason it failed."""
    shown = examples("edit")
    messages = [
        {
            "role": "system",
            "content": prompt("edit", can_do=CAN_DO) + f"\nThe examples' video: {shown['video']}",
        },
        *_worked_examples(shown),
        {"role": "user", "content": f"{summary(board, request)}\nRequest: {text}"},
    ]
    schema = {
        "type": "object",
        "properties": {
            "edits": {
                "type": "array",
                "maxItems": 10,
                "items": {
                    "type": "object",
                    "properties": {"edit": {"type": "string"}, "asked_by": {"type": "string"}},
                    "required": ["edit", "asked_by"],
                },
            },
            "unclear": {"type": ["string", "null"]},
        },
        "required": ["edits", "unclear"],
    }
    try:
        operations, unclear = client.chat_json(
            messages,
            schema=schema,
            validate=_validator(text, board, request),
            temperature=0.0,  # the same request read the same way every time
        )
    except (PlanError, RunError) as exc:
        raise UnclearRequest(f"could not understand the edit {text!r} (LLM: {exc})") from exc
    if unclear:
        raise UnclearRequest(f"the edit {text!r} is unclear: {unclear}")
    return operations
