"""Which client an LLM address names: an OpenAI-compatible endpoint (http, https) or a
model file run in this process (gguf:PATH, the `local-llm` extra); checked before a run
writes anything."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from videoagent.errors import UsageError

if TYPE_CHECKING:
    from videoagent.llm.client import ChatClient


def check_llm_url(url: str) -> None:
    """UsageError, before anything is written, for an LLM address that cannot work."""
    if url.startswith("gguf:"):
        if not os.path.isfile(url.removeprefix("gguf:")):
            raise UsageError(f"--llm {url}: no such model file")
    elif not url.startswith(("http://", "https://")):
        raise UsageError(
            f"--llm {url!r}: give an http(s) address of an OpenAI-compatible endpoint, or "
            "gguf:PATH for a model file"
        )


def chat_client(url: str, *, model: str | None = None) -> ChatClient:
    """A client for `url`: an OpenAI-compatible endpoint, or `gguf:PATH` for a model file
    run in this process (the `local-llm` extra)."""
    if url.startswith("gguf:"):
        from videoagent.llm.local_gguf import LocalGGUFClient

        return LocalGGUFClient(url.removeprefix("gguf:"))
    from videoagent.llm.client import ChatClient  # urllib and ssl: only when one is used

    return ChatClient(url, model=model)
