"""HTTP for hosted providers: JSON calls with the provider's credentials, patient with rate
limits and flaky servers, careful never to submit a paid job twice, and downloads that land
whole or not at all.

Retries follow `videoagent.retry` (the same policy as the LLM client). On top of it:
- A submission (POST) that got no readable answer raises ProviderSilent: the provider may
  have made the job, so it is not sent again here; the caller's ledger decides.
- 401/402/403 stop the run (ProviderRefused): no retry fixes a key or an empty account.
- Any other 4xx is a GenerationError with the provider's own message.
- Credentials go only to the provider's own host, never to a result URL elsewhere, and are
  cut out of any error text (some providers echo the key they refused).
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.errors import Cancelled, GenerationError, ProviderRefused, ProviderSilent
from videoagent.retry import NO_ANSWER, RETRY_STATUSES, RetryPolicy, redact
from videoagent.store.files import partial_path

MAX_DOWNLOAD_BYTES = 2 * 1024**3


class ResultExpired(GenerationError):
    """The result URL no longer serves the video (providers' links expire)."""


def provider_message(body: bytes) -> str:
    """The error text a provider put in its JSON body (each words it differently)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return body[:200].decode("utf-8", "replace").strip()
    for key in ("error", "detail", "message", "failure", "failure_reason"):
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, dict):
            value = value.get("message") or json.dumps(value)
        if isinstance(value, list):
            value = "; ".join(str(v.get("msg", v) if isinstance(v, dict) else v) for v in value)
        if value:
            return str(value)[:300]
    return json.dumps(data)[:300]


@dataclass
class ProviderHTTP:
    """JSON over HTTP to one provider at `base_url`, with `headers` (credentials) sent only
    there. `cancel` stops every wait at once."""

    provider: str
    base_url: str
    headers: dict[str, str]
    timeout: float = 30.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    cancel: threading.Event = field(default_factory=threading.Event)
    # What the provider said about its limits, for the job's report.
    rate_limited: int = 0

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return self.base_url.rstrip("/") + "/" + path_or_url.lstrip("/")

    def _own_host(self, url: str) -> bool:
        mine, theirs = urllib.parse.urlsplit(self.base_url), urllib.parse.urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)

    def _redact(self, text: str) -> str:
        return redact(text, list(self.headers.values()))

    def wait(self, seconds: float) -> None:
        """Sleep, unless the run is cancelled first."""
        if self.cancel.wait(min(seconds, self.policy.max_wait)):
            raise Cancelled(f"{self.provider}: cancelled")

    def call(
        self, method: str, path_or_url: str, body: dict | None = None, *, cancellable: bool = True
    ) -> dict:
        """One JSON call; the rules of the module docstring decide retries and errors.
        A call that is itself the cancelling (`cancellable=False`) goes out on a stopped run
        and is tried once."""
        url = self.url(path_or_url)
        reading = method == "GET"
        where = f"{method} {urllib.parse.urlsplit(url).path}"
        headers = {"Accept": "application/json", "User-Agent": "videoagent"}
        if self._own_host(url):
            headers |= self.headers
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            if cancellable and self.cancel.is_set():
                raise Cancelled(f"{self.provider}: cancelled")
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            status, wait_header, refused = NO_ANSWER, None, False
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
                try:
                    return json.loads(raw) if raw.strip() else {}
                except (ValueError, UnicodeDecodeError):
                    failure = f"{self.provider} answered {where} with something not JSON"
            except urllib.error.HTTPError as exc:
                status, raw = exc.code, exc.read()
                wait_header = exc.headers.get("Retry-After")
                message = self._redact(provider_message(raw))
                if status in (401, 402, 403):
                    raise ProviderRefused(
                        f"{self.provider} refused the request (HTTP {status}: {message}); "
                        "check its API key and account"
                    ) from None
                failure = f"{self.provider} answered HTTP {status} to {where}: {message}"
            except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
                # Nothing listening means nothing was taken: safe to send again, even a POST.
                refused = isinstance(getattr(exc, "reason", exc), ConnectionRefusedError)
                failure = f"{self.provider} gave no answer to {where}: {exc}"
            wait = (
                self.policy.wait_before_retry(
                    attempt, status, repeatable=reading or refused, retry_after_header=wait_header
                )
                if cancellable
                else None
            )
            if wait is None:
                silent = status is NO_ANSWER or status in RETRY_STATUSES
                if silent and (reading or not refused):
                    raise ProviderSilent(self._redact(failure))
                raise GenerationError(self._redact(failure))
            if status == 429:
                self.rate_limited += 1
            self.wait(wait)
            attempt += 1

    def download(self, url: str, destination: Path) -> Path:
        """Fetch a result into `destination`, whole or not at all (a hidden part file is
        renamed when complete). An expired link raises ResultExpired."""
        headers = {"User-Agent": "videoagent"}
        if self._own_host(url):
            headers |= self.headers
        part = partial_path(destination)
        for attempt in range(self.policy.retries + 1):
            request = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    size = 0
                    with open(part, "wb") as out:
                        while chunk := response.read(1 << 20):
                            size += len(chunk)
                            if size > MAX_DOWNLOAD_BYTES:
                                raise GenerationError(
                                    f"{self.provider} result is larger than "
                                    f"{MAX_DOWNLOAD_BYTES >> 30} GiB; not kept"
                                )
                            out.write(chunk)
                os.replace(part, destination)
                return destination
            except urllib.error.HTTPError as exc:
                if exc.code in (401, 403, 404, 410):
                    raise ResultExpired(
                        f"{self.provider} result link answered HTTP {exc.code} (expired?)"
                    ) from None
                wait = self.policy.wait_before_retry(
                    attempt,
                    exc.code,
                    repeatable=True,
                    retry_after_header=exc.headers.get("Retry-After"),
                )
                if wait is None:
                    raise GenerationError(
                        f"{self.provider} result download failed: HTTP {exc.code}"
                    ) from None
                self.wait(wait)
            except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
                wait = self.policy.wait_before_retry(attempt, NO_ANSWER, repeatable=True)
                if wait is None:
                    raise GenerationError(
                        f"{self.provider} result download failed: {exc}"
                    ) from None
                self.wait(wait)
            finally:
                part.unlink(missing_ok=True)
        raise AssertionError("not reached: the last attempt returns or raises")
