"""A model file (GGUF) run in this process by llama.cpp through `xllamacpp` (the `local-llm`
extra), behind the same client as any endpoint: `--llm gguf:/path/to/model.gguf`.

The server is loaded once per model file and kept. On small machines llama.cpp's busy
polling starves its own threads (measured here: 90 tokens/s fell to under 2), so polling is
off; reasoning and tool-call parsing are off too, since they re-read the growing answer.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from videoagent.errors import MissingDependency, UsageError
from videoagent.llm.client import ChatClient, LLMRefused, LLMUnavailable

try:
    import xllamacpp
except ImportError as exc:
    raise MissingDependency(f"running a GGUF model file ({exc.name})", "local-llm") from exc

_SERVERS: dict[str, object] = {}
_LOCK = threading.Lock()


def _server(path: str, context: int):
    with _LOCK:
        if path not in _SERVERS:
            params = xllamacpp.CommonParams()
            params.model.path = path
            params.n_ctx = context
            threads = max(1, min(os.cpu_count() or 1, 8))
            params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
            params.cpuparams.poll = params.cpuparams_batch.poll = 0
            params.verbosity = -1  # llama.cpp's progress lines are not ours to print
            _SERVERS[path] = xllamacpp.Server(params)
        return _SERVERS[path]


class LocalGGUFClient(ChatClient):
    """Chat with the GGUF model at `path`, in-process; JSON schemas become grammars."""

    def __init__(
        self, path: str, *, context: int = 4096, max_tokens: int = 1500, name: str = ""
    ) -> None:
        if not Path(path).is_file():
            raise UsageError(f"--llm gguf:{path}: no such model file")
        super().__init__(name or f"gguf:{path}", model=Path(path).name, retries=0)
        self.path = str(Path(path).resolve())
        self.context = context
        self.max_tokens = max_tokens

    def _complete(self, body: dict) -> str:
        request = {
            **{k: v for k, v in body.items() if k != "model"},
            "max_tokens": self.max_tokens,
            "reasoning_format": "none",
            "parse_tool_calls": False,
        }
        try:
            answer = _server(self.path, self.context).handle_chat_completions(request)
        except ValueError as exc:  # llama.cpp's refusal of an option, like an HTTP 400
            raise LLMRefused(f"{self.url} refused the request: {exc}") from exc
        except RuntimeError as exc:
            raise LLMUnavailable(f"{self.url} failed: {exc}") from exc
        if "error" in answer:
            raise LLMRefused(f"{self.url} refused the request: {answer['error']}")
        self._answer_usage = answer.get("usage") or {}
        try:
            return answer["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError) as exc:
            raise LLMUnavailable(f"{self.url} sent no message content") from exc
