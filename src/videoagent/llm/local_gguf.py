"""A model file (GGUF) run in this process by llama.cpp through `xllamacpp` (the `local-llm`
extra), behind the same client as any endpoint: `--llm gguf:/path/to/model.gguf`.

The server is loaded once per model file and kept, and with it the prompt's cache: a call
whose prompt begins as the last one did (the same system prompt and schema) reads only the
rest. On small machines llama.cpp's busy polling starves its own threads (measured here: 90
tokens/s fell to under 2), so polling is off; reasoning and tool-call parsing are off too,
since they re-read the growing answer. When someone listens (`progress`), the answer is
streamed and they are told how far it has got, about once a second.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from videoagent.errors import MissingDependency, UsageError
from videoagent.llm.client import ChatClient, LLMRefused, LLMUnavailable

try:
    import xllamacpp
except ImportError as exc:
    raise MissingDependency(f"running a GGUF model file ({exc.name})", "local-llm") from exc

_SERVERS: dict[str, object] = {}
_LOCK = threading.Lock()
PROGRESS_EVERY = 1.0  # seconds between progress calls while an answer is written


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
        server = _server(self.path, self.context)
        try:
            if self.progress is None:
                answer = server.handle_chat_completions(request)
            else:
                answer = self._streamed(server, request, self.progress)
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

    @staticmethod
    def _streamed(server, request: dict, progress) -> dict:
        """The answer to `request`, streamed a piece at a time and put back together as an
        unstreamed answer; `progress(tokens, seconds)` about once a second meanwhile."""
        pieces: list[str] = []
        answer: dict = {"usage": {}}
        began = told = time.perf_counter()

        def heard(chunk: dict) -> bool:
            nonlocal told
            if "error" in chunk or "code" in chunk:  # llama.cpp's error, or the wrapper's
                answer["error"] = chunk.get("error") or chunk.get("message") or chunk
                return True  # stop
            for choice in chunk.get("choices") or []:
                piece = (choice.get("delta") or {}).get("content")
                if piece:
                    pieces.append(piece)  # llama.cpp streams one token a piece
            answer["usage"] = chunk.get("usage") or answer["usage"]
            now = time.perf_counter()
            if now - told >= PROGRESS_EVERY:
                told = now
                progress(len(pieces), now - began)
            return False

        server.handle_chat_completions(
            {**request, "stream": True, "stream_options": {"include_usage": True}}, heard
        )
        if "error" not in answer:
            answer["choices"] = [{"message": {"content": "".join(pieces)}}]
            progress(
                answer["usage"].get("completion_tokens") or len(pieces), time.perf_counter() - began
            )
        return answer
