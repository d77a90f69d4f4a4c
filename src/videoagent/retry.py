"""One retry policy for every call to another service (hosted video providers, LLM endpoints).

- 429 is retried on any call, after its Retry-After (seconds or an HTTP date): the server says
  it did not take the request, so sending it again cannot pay twice.
- No answer (a timeout, a reset connection), a 5xx, or a 200 whose body cannot be read is
  retried only when repeating the call cannot pay twice: a read, or a call its caller marks
  repeatable (an LLM chat). A submission that got no answer is not sent again: the provider
  may have taken it and be charging.
- Anything else is the answer. Waits double from `backoff` and never pass `max_wait`.
- Error text that quotes a request (some servers echo the key that was refused) is passed
  through `redact` before anyone sees it.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass

RETRY_STATUSES = frozenset({500, 502, 503, 504})
NO_ANSWER = None  # the status of a call that got no (readable) answer


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); `default` when it
    is missing or unreadable."""
    if not value:
        return default
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return default
    if when is None:
        return default
    return max(when.timestamp() - time.time(), 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how patiently a call is tried again."""

    retries: int = 4
    backoff: float = 1.0  # the first wait without Retry-After; doubles each time
    max_wait: float = 60.0

    def wait_before_retry(
        self,
        attempt: int,
        status: int | None,
        *,
        repeatable: bool,
        retry_after_header: str | None = None,
    ) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when `status` (None: no
        readable answer) is final for this call."""
        if attempt >= self.retries:
            return None
        backoff = min(self.backoff * 2**attempt, self.max_wait)
        if status == 429:
            return min(retry_after(retry_after_header, backoff), self.max_wait)
        if repeatable and (status is NO_ANSWER or status in RETRY_STATUSES):
            return backoff
        return None


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret (and every word of 8+ characters in it, e.g. the key after
    'Bearer ') replaced by '[redacted]'."""
    words = {w for secret in secrets for w in [secret, *secret.split()] if len(w) >= 8}
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "[redacted]")
    return text
