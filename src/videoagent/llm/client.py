"""One client for any OpenAI-compatible chat endpoint (hosted, vLLM, Ollama, llama.cpp).

Asks for JSON under a schema where the server supports it; whatever comes back is parsed,
repaired (code fences, prose around the object) and validated; on a validation error the
error is sent back and the model tries again.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TypeVar

from videoagent.errors import PlanError, RunError

T = TypeVar("T")


class LLMUnavailable(RunError):
    """The endpoint could not be reached or answered with an HTTP error."""


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


class ChatClient:
    """Chat completions against `url` (the base, e.g. http://localhost:8080/v1)."""

    def __init__(
        self,
        url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout: float = 120,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model or os.environ.get("VIDEOAGENT_LLM_MODEL", "default")
        self.api_key = api_key or os.environ.get("VIDEOAGENT_LLM_KEY")
        self.timeout = timeout

    def chat(
        self, messages: list[dict], *, schema: dict | None = None, temperature: float = 0.2
    ) -> str:
        body: dict = {"model": self.model, "messages": messages, "temperature": temperature}
        if schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema},
            }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            f"{self.url}/chat/completions", data=json.dumps(body).encode(), headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise LLMUnavailable(f"LLM endpoint {self.url} answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise LLMUnavailable(f"LLM endpoint {self.url} unreachable: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise LLMUnavailable(
                f"LLM endpoint {self.url} sent something that is not JSON"
            ) from exc
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
        attempts: int = 3,
    ) -> T:
        """Ask, parse, validate; on failure show the model its error and ask again."""
        history = list(messages)
        last_error = ""
        for _ in range(attempts):
            answer = self.chat(history, schema=schema)
            try:
                return validate(extract_json(answer))
            except (ValueError, PlanError) as exc:  # JSONDecodeError and pydantic errors too
                last_error = str(exc).splitlines()[0][:300]
                history += [
                    {"role": "assistant", "content": answer},
                    {
                        "role": "user",
                        "content": f"That answer was invalid: {last_error}. "
                        "Reply with the corrected JSON object only.",
                    },
                ]
        raise PlanError(f"the LLM gave no valid answer in {attempts} tries: {last_error}")
