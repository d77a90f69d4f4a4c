"""One client for any OpenAI-compatible chat endpoint (hosted, vLLM, Ollama, llama.cpp).

Asks for JSON under a schema where the server supports it, and steps down when a server
refuses that (HTTP 400/422): to JSON mode, then to the schema written into the prompt;
the client remembers the step for later calls. Whatever comes back is parsed, repaired
(code fences, prose around the object) and validated; on a validation error the error is
sent back and the model tries again. Rate limits, server errors and unreadable answers are
retried by the same policy as the video providers' (`videoagent.retry`).
Images (for a vision model) go as data: URIs in the message's content parts.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from PIL import Image

from videoagent.errors import PlanError, RunError
from videoagent.retry import NO_ANSWER, RetryPolicy, redact

T = TypeVar("T")


class LLMUnavailable(RunError):
    """The endpoint could not be reached or answered with an HTTP error."""


class LLMRefused(LLMUnavailable):
    """The endpoint refused the request itself (HTTP 400/422), e.g. an unsupported option."""


# How a server is asked for JSON, best first.
STRUCTURED = ("json_schema", "json_object", "prompt")


def image_part(picture: np.ndarray | Image.Image, *, longest: int = 512) -> dict:
    """A picture as a chat content part (JPEG data: URI), at most `longest` px a side."""
    image = picture if isinstance(picture, Image.Image) else Image.fromarray(picture)
    image = image.convert("RGB")
    image.thumbnail((longest, longest))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    data = base64.b64encode(buffer.getvalue()).decode()
    return {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{data}"}}


def user_message(text: str, images: list = ()) -> dict:
    """A user turn with text and, for a vision model, pictures."""
    if not images:
        return {"role": "user", "content": text}
    return {
        "role": "user",
        "content": [{"type": "text", "text": text}] + [image_part(picture) for picture in images],
    }


def extract_json(text: str) -> object:
    """The JSON value in `text`, tolerating code fences and prose around one object."""
    cleaned = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        return json.loads(cleaned)
    except json.JSONDecodeError:
        start, end = cleaned.find("{"), cleaned.rfind("}")
        if start == -1 or end <= start:
            raise
        return json.loads(cleaned[start : end + 1])


@dataclass
class Usage:
    """What a client's answers took: how many, the tokens written, the seconds waited."""

    answers: int = 0
    tokens: int = 0
    seconds: float = 0.0
    prompt_tokens: int = 0  # read by the model, where the server says
    cached_tokens: int = 0  # of those, taken from its cache of an earlier prompt's start

    def summary(self) -> str:
        speed = (
            f", {self.tokens / self.seconds:.1f} tokens/s" if self.tokens and self.seconds else ""
        )
        cached = (
            f"; {self.cached_tokens} of {self.prompt_tokens} prompt tokens from the cache"
            if self.prompt_tokens
            else ""
        )
        return (
            f"{self.answers} answer(s), {self.tokens} tokens in {self.seconds:.1f} s{speed}"
            + cached
        )

    def count(self, usage: dict, seconds: float) -> None:
        """One answer, with the server's `usage` of it (OpenAI's fields)."""
        self.answers += 1
        self.tokens += int(usage.get("completion_tokens") or 0)
        self.seconds += seconds
        self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        details = usage.get("prompt_tokens_details") or {}
        self.cached_tokens += int(details.get("cached_tokens") or 0)


class ChatClient:
    """Chat completions against `url` (the base, e.g. http://localhost:8080/v1)."""

    def __init__(
        self,
        url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout: float = 120,
        retries: int = 2,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model or os.environ.get("VIDEOAGENT_LLM_MODEL", "default")
        self.api_key = api_key or os.environ.get("VIDEOAGENT_LLM_KEY")
        self.timeout = timeout
        self.retries = retries
        self.structured = STRUCTURED[0]  # steps down when the server refuses it
        self.usage = Usage()
        self._answer_usage: dict = {}  # the server's `usage` of the last answer
        # Told (tokens written so far, seconds) while an answer is being written, by a
        # client that can see it happen (a model in this process); None: nobody listens.
        self.progress: Callable[[int, float], None] | None = None

    def chat(
        self, messages: list[dict], *, schema: dict | None = None, temperature: float = 0.2
    ) -> str:
        """The model's answer to `messages`; with `schema`, asked for JSON under it."""
        while True:
            body: dict = {"model": self.model, "messages": messages, "temperature": temperature}
            if schema is not None:
                body |= self._structured(messages, schema)
            began = time.perf_counter()
            try:
                answer = self._complete(body)
            except LLMRefused:
                place = STRUCTURED.index(self.structured)
                if schema is None or place == len(STRUCTURED) - 1:
                    raise
                self.structured = STRUCTURED[place + 1]
                continue
            self.usage.count(self._answer_usage, time.perf_counter() - began)
            return answer

    def _structured(self, messages: list[dict], schema: dict) -> dict:
        """The request fields that ask for JSON the way this server takes it."""
        if self.structured == "json_schema":
            return {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "answer", "schema": schema},
                }
            }
        hint = {
            "role": "system",
            "content": "Answer with one JSON object that matches this JSON Schema, and "
            f"nothing else: {json.dumps(schema)}",
        }
        extra: dict = {"messages": [*messages, hint]}
        if self.structured == "json_object":
            extra["response_format"] = {"type": "json_object"}
        return extra

    def _complete(self, body: dict) -> str:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        data = json.dumps(body).encode()
        # A chat can be asked again without harm (no job is left behind), so every
        # failure without an answer is repeatable; the policy is the providers' one.
        policy = RetryPolicy(retries=self.retries, max_wait=30.0)
        attempt = 0
        while True:
            request = urllib.request.Request(
                f"{self.url}/chat/completions", data=data, headers=headers
            )
            status, wait_header = NO_ANSWER, None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
                try:
                    payload = json.loads(raw)
                    break
                except (ValueError, UnicodeDecodeError):
                    failure = f"LLM endpoint {self.url} sent something that is not JSON"
            except urllib.error.HTTPError as exc:
                if exc.code in (400, 422):
                    raise LLMRefused(
                        f"LLM endpoint {self.url} refused the request (HTTP {exc.code})"
                    ) from exc
                status, wait_header = exc.code, exc.headers.get("Retry-After")
                failure = f"LLM endpoint {self.url} answered HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                failure = f"LLM endpoint {self.url} unreachable: {exc}"
            wait = policy.wait_before_retry(
                attempt, status, repeatable=True, retry_after_header=wait_header
            )
            if wait is None:
                raise LLMUnavailable(redact(failure, [self.api_key or ""]))
            time.sleep(wait)
            attempt += 1
        self._answer_usage = payload.get("usage") or {} if isinstance(payload, dict) else {}
        try:
            return payload["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError) as exc:
            raise LLMUnavailable(f"LLM endpoint {self.url} sent no message content") from exc

    def chat_json(
        self,
        messages: list[dict],
        *,
        schema: dict,
        validate: Callable[[object], T],
        attempts: int = 2,
        temperature: float = 0.2,
    ) -> T:
        """Ask, parse, validate; on failure show the model its error and ask again, up to
        `attempts` answers in all (two by default: a small model that fails twice rarely
        mends the third time, and each answer costs it seconds)."""
        history = list(messages)
        last_error = ""
        for _ in range(attempts):
            answer = self.chat(history, schema=schema, temperature=temperature)
            try:
                return validate(extract_json(answer))
            except (ValueError, PlanError) as exc:  # JSONDecodeError and pydantic errors too
                last_error = str(exc).splitlines()[0][:300]
                history = history + [  # a new list: a request already sent keeps its own
                    {"role": "assistant", "content": answer},
                    {
                        "role": "user",
                        "content": f"That answer was invalid: {last_error}. "
                        "Reply with the corrected JSON object only.",
                    },
                ]
        raise PlanError(f"the LLM gave no valid answer in {attempts} tries: {last_error}")
