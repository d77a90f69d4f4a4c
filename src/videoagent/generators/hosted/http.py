"""HTTP for hosted providers: JSON calls with the provider's credentials, patient with rate
limits and flaky servers, careful never to submit a paid job twice, and downloads that land
whole or not at all.

Rules (the same for every provider):
- 429 is retried on any call after its Retry-After (seconds or an HTTP date): the server
  says it did not take the request, so sending it again cannot pay twice.
- A timeout, a dropped connection or a 5xx is retried only on reads (GET). A submission
  that got no answer is not sent again: the provider may have taken it and be charging.
- 401/402/403 stop the run (ProviderRefused): no retry fixes a key or an empty account.
- Any other 4xx is a GenerationError with the provider's own message.
- Credentials go only to the provider's own host, never to a result URL elsewhere.
"""

from __future__ import annotations

import email.utils
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.errors import Cancelled, GenerationError, ProviderRefused
from videoagent.store.files import partial_path

MAX_DOWNLOAD_BYTES = 2 * 1024**3
RETRY_STATUSES = {500, 502, 503, 504}


class ResultExpired(GenerationError):
    """The result URL no longer serves the video (providers' links expire)."""


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(when.timestamp() - time.time(), 0.0)


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
    retries: int = 4
    backoff: float = 1.0  # first wait before a retry without Retry-After; doubles each time
    max_wait: float = 60.0
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

    def wait(self, seconds: float) -> None:
        """Sleep, unless the run is cancelled first."""
        if self.cancel.wait(min(seconds, self.max_wait)):
            raise Cancelled(f"{self.provider}: cancelled")

    def call(
        self, method: str, path_or_url: str, body: dict | None = None, *, cancellable: bool = True
    ) -> dict:
        """One JSON call; the rules of the module docstring decide retries and errors.
        A call that is itself the cancelling (`cancellable=False`) goes out on a stopped run."""
        url = self.url(path_or_url)
        reading = method == "GET"
        headers = {"Accept": "application/json", "User-Agent": "videoagent"}
        if self._own_host(url):
            headers |= self.headers
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        delay = self.backoff
        for attempt in range(self.retries + 1):
            if cancellable and self.cancel.is_set():
                raise Cancelled(f"{self.provider}: cancelled")
            last = attempt == self.retries
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
                    return json.loads(raw) if raw.strip() else {}
            except urllib.error.HTTPError as exc:
                status, raw = exc.code, exc.read()
                if status == 429 and not last and cancellable:
                    self.rate_limited += 1
                    self.wait(retry_after(exc.headers.get("Retry-After"), delay))
                elif status in RETRY_STATUSES and reading and not last and cancellable:
                    self.wait(delay)
                elif status in (401, 402, 403):
                    raise ProviderRefused(
                        f"{self.provider} refused the request (HTTP {status}: "
                        f"{provider_message(raw)}); check its API key and account"
                    ) from None
                else:
                    raise GenerationError(
                        f"{self.provider} answered HTTP {status} to {method} "
                        f"{urllib.parse.urlsplit(url).path}: {provider_message(raw)}"
                    ) from None
            except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
                refused = isinstance(getattr(exc, "reason", None), ConnectionRefusedError)
                if (reading or refused) and not last and cancellable:
                    self.wait(delay)
                elif reading or refused:
                    raise GenerationError(f"{self.provider} unreachable at {url}: {exc}") from None
                else:
                    raise GenerationError(
                        f"{self.provider} gave no answer to the submission within "
                        f"{self.timeout:g} s; not sent again, so nothing is paid twice"
                    ) from None
            except json.JSONDecodeError:
                raise GenerationError(f"{self.provider} answered with something not JSON") from None
            delay = min(delay * 2, self.max_wait)
        raise AssertionError("not reached: the last attempt returns or raises")

    def download(self, url: str, destination: Path) -> Path:
        """Fetch a result into `destination`, whole or not at all (a hidden part file is
        renamed when complete). An expired link raises ResultExpired."""
        headers = {"User-Agent": "videoagent"}
        if self._own_host(url):
            headers |= self.headers
        part = partial_path(destination)
        delay = self.backoff
        for attempt in range(self.retries + 1):
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
                if exc.code not in RETRY_STATUSES | {429} or attempt == self.retries:
                    raise GenerationError(
                        f"{self.provider} result download failed: HTTP {exc.code}"
                    ) from None
                self.wait(retry_after(exc.headers.get("Retry-After"), delay))
            except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
                if attempt == self.retries:
                    raise GenerationError(
                        f"{self.provider} result download failed: {exc}"
                    ) from None
                self.wait(delay)
            finally:
                part.unlink(missing_ok=True)
            delay = min(delay * 2, self.max_wait)
        raise AssertionError("not reached: the last attempt returns or raises")
