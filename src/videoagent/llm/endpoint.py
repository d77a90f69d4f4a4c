"""Which client an LLM address names: an OpenAI-compatible endpoint (http, https), a
model file run in this process (gguf:PATH, the `local-llm` extra) or the model that ships in
packages (local, the `packaged-llm` extra: see packaged_model.py); checked before a run writes
anything."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from videoagent.errors import UsageError

if TYPE_CHECKING:
    from videoagent.llm.client import ChatClient


def check_llm_url(url: str) -> None:
    """UsageError (MissingDependency for `local` without its extra), before anything is
    written, for an LLM address that cannot work."""
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
            "gguf:PATH for a model file, or local for the packaged model"
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
