"""What the server lets in, and what every answer carries: the outermost ASGI layer.

- A body is counted as it arrives, so a chunked upload without Content-Length cannot get past
  the cap by not declaring its size.
- Without a token the server answers only to loopback Host names: a page on another site that
  rebinds its DNS name to 127.0.0.1 still sends its own Host, and is refused.
- With a token every /api/ call carries it (header, or ?token= for <video> and EventSource,
  which cannot set headers); it is compared as bytes in constant time.
- A call that changes something (POST, PUT, DELETE) and carries an Origin of another site
  is refused: the page's own calls name this server.
- Every answer forbids inline script, framing and sniffing, and sends no Referer (a URL may
  hold the token).
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import parse_qs, urlsplit

from starlette.exceptions import HTTPException

from videoagent.errors import UsageError
from videoagent.loopback import host_name, is_loopback

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
MIN_TOKEN_CHARS = 12
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def check_token(token: str | None) -> None:
    """UsageError unless `token` is None or a usable secret: printable ASCII, no spaces,
    at least MIN_TOKEN_CHARS long."""
    if token is None:
        return
    printable = all(33 <= ord(char) < 127 for char in token)
    if not printable or len(token) < MIN_TOKEN_CHARS:
        raise UsageError(
            f"--token must be {MIN_TOKEN_CHARS} or more printable ASCII characters without "
            f"spaces, got {len(token)} characters"
            + ("" if printable else " including spaces or other characters")
        )


class Guard:
    """ASGI middleware in front of the app: body cap, Host check, token, security headers."""

    def __init__(self, app, *, max_body: int, token: str | None = None) -> None:
        check_token(token)
        self.app = app
        self.max_body = max_body
        self.token = token.encode() if token is not None else None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.lower(): value for name, value in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await self._answer(send, *refusal)
            return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the route's body read: FastAPI answers it as a 413.
                    raise HTTPException(413, "request body too large")
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, counted_receive, send_with_headers)

    def _refusal(self, scope, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        """(status, reason) when the request must not reach the app."""
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit():
            return 400, "Content-Length is not a number"
        if int(declared) > self.max_body:
            return 413, "request body too large"
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if self.token is None and not is_loopback(host):
            return 400, (
                f"Host {host[:80]!r} is not this server: without a token it answers only "
                "127.0.0.1, localhost or [::1]"
            )
        origin = headers.get(b"origin")
        if origin is not None and scope["method"] not in SAFE_METHODS:
            # The page is served from here, so its calls name this server as their origin;
            # a change asked by a page of another site (a forged form, a script) is refused.
            if (
                urlsplit(origin.decode("latin-1")).netloc.lower()
                != headers.get(b"host", b"").decode("latin-1").lower()
            ):
                return 403, "a change asked from another site's page is refused"
        if self.token is not None and scope["path"].startswith("/api/"):
            given = headers.get(b"authorization", b"").removeprefix(b"Bearer ")
            if not given:
                query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
                given = query.get("token", [""])[0].encode("utf-8", "replace")
            if not secrets.compare_digest(given, self.token):
                return 401, "a token is required"
        return None

    @staticmethod
    async def _answer(send, status: int, reason: str) -> None:
        body = json.dumps({"detail": reason}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *SECURITY_HEADERS,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
