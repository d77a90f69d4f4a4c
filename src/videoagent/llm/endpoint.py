"""Which client an LLM address names: an OpenAI-compatible endpoint (http, https), a
model file run in this process (gguf:PATH, the `local-llm` extra) or the model that ships in
packages (local, the `packaged-llm` extra: see packaged_model.py); checked before a run writes
anything. `rules` names none: our own planner and phrasings alone.

Given no address, the agent plans by its rules and hands only the edits its phrasings
cannot read to the packaged model, when that is installed: on benchmarks/planner_quality.py
the rules plan as well as the model (the same share of asks met) in 0.02 s against 23 s,
while with the model reading what they cannot, 30 of 34 free-form edits are carried out
against the rules' 16 alone (benchmarks/planner_quality.py's figures are in the README).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from videoagent.errors import UsageError

if TYPE_CHECKING:
    from videoagent.llm.client import ChatClient


RULES = "rules"


def local_model_ready() -> bool:
    """Whether the packaged model can run here: its runtime and its parts (or the assembled
    file) installed."""
    import importlib.util

    from videoagent.llm.packaged_model import installed

    return importlib.util.find_spec("xllamacpp") is not None and installed()


def readers(url: str | None) -> tuple[str | None, str | None]:
    """(the model that plans and reads every edit our phrasings cannot, the model that reads
    only those edits) for `--llm url`: as given; none for `rules`; for no address, the
    packaged model reads the edits when it is installed."""
    if url == RULES:
        return None, None
    if url:
        return url, None
    return None, "local" if local_model_ready() else None


def check_llm_url(url: str) -> None:
    """UsageError (MissingDependency for `local` without its extra), before anything is
    written, for an LLM address that cannot work."""
    if url == RULES:
        return
    if url == "local":
        from videoagent.llm.packaged_model import installed, part_files

        if not installed():
            part_files()  # raises, naming the extra
    elif url.startswith("gguf:"):
        if not os.path.isfile(url.removeprefix("gguf:")):
            raise UsageError(f"--llm {url}: no such model file")
    elif not url.startswith(("http://", "https://")):
        raise UsageError(
            f"--llm {url!r}: give an http(s) address of an OpenAI-compatible endpoint, or "
            "gguf:PATH for a model file, local for the packaged model, or rules for none"
        )


def chat_client(url: str, *, model: str | None = None) -> ChatClient:
    """A client for `url`: an OpenAI-compatible endpoint, or `gguf:PATH` for a model file
    run in this process (the `local-llm` extra), `local` for the packaged model."""
    if url == "local":
        from videoagent.llm.local_gguf import LocalGGUFClient
        from videoagent.llm.packaged_model import local_model

        return LocalGGUFClient(str(local_model()), name="local")
    if url.startswith("gguf:"):
        from videoagent.llm.local_gguf import LocalGGUFClient

        return LocalGGUFClient(url.removeprefix("gguf:"))
    from videoagent.llm.client import ChatClient  # urllib and ssl: only when one is used

    return ChatClient(url, model=model)
