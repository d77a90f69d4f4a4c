"""The prompts we send to language models, kept as files (llm/prompts/*.md) so they are
read, reviewed and changed as text; `$name` placeholders are filled in when they are used.
Worked examples for a prompt (llm/prompts/NAME_examples.json) are data beside it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from string import Template


@cache
def _text(name: str) -> str:
    folder = resources.files("videoagent.llm").joinpath("prompts")
    return folder.joinpath(f"{name}.md").read_text("utf-8").strip()


def prompt(name: str, **values: object) -> str:
    """The prompt `name` with its placeholders filled; KeyError names a missing one."""
    return Template(_text(name)).substitute({k: str(v) for k, v in values.items()})


@cache
def examples(name: str) -> dict:
    """The worked examples of the prompt `name`."""
    folder = resources.files("videoagent.llm").joinpath("prompts")
    return json.loads(folder.joinpath(f"{name}_examples.json").read_text("utf-8"))
