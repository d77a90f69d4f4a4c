"""A loopback HTTP proxy that injects faults between videoagent and a fake provider: the
connection reset before the provider sees a request, or after it acted on it; answers held
back; a 200 whose body is not JSON. Each fault fires on the Nth request of a method, once,
and the proxy counts what it did."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KINDS = ("reset-before", "reset-after", "not-json", "slow")


@dataclass
class Fault:
    """`kind` on the `nth` request (from 1) with `method`; `seconds` for a slow answer."""

    kind: str
    method: str = "POST"
    nth: int = 1
    seconds: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"fault kind {self.kind!r}; use one of {', '.join(KINDS)}")


@dataclass
class ProxyLog:
    seen: dict[str, int] = field(default_factory=dict)  # requests per method
    fired: list[str] = field(default_factory=list)


class FaultProxy:
    """Forwards every request to `upstream` (http://127.0.0.1:PORT), with `faults`."""

    def __init__(self, upstream: str, faults: list[Fault]) -> None:
        self.upstream = upstream.rstrip("/")
        self.faults = list(faults)
        self.log = ProxyLog()
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self) -> None:
                proxy.serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _fault_for(self, method: str) -> Fault | None:
        with self._lock:
            count = self.log.seen[method] = self.log.seen.get(method, 0) + 1
            for fault in self.faults:
                if fault.method == method and fault.nth == count:
                    self.faults.remove(fault)
                    self.log.fired.append(f"{fault.kind} on {method} #{count}")
                    return fault
        return None

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        method = handler.command
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        fault = self._fault_for(method)
        if fault is not None and fault.kind == "reset-before":
            _reset(handler.connection)
            return
        headers = {
            k: v
            for k, v in handler.headers.items()
            if k.lower() not in ("host", "content-length", "connection")
        }
        request = urllib.request.Request(
            self.upstream + handler.path, data=body, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, answer, kind = response.status, response.read(), response.headers
        except urllib.error.HTTPError as exc:
            status, answer, kind = exc.code, exc.read(), exc.headers
        # Links the provider gives to its own API (fal's status_url) lead back through here.
        answer = answer.replace(self.upstream.encode(), self.url.encode())
        if fault is not None and fault.kind == "reset-after":
            _reset(handler.connection)  # the provider acted; its answer never arrives
            return
        if fault is not None and fault.kind == "not-json":
            status, answer = 200, b"<html><body>502 Bad Gateway (cached)</body></html>"
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.seconds)
        try:
            handler.send_response(status)
            for name in ("Retry-After",):
                if kind.get(name):
                    handler.send_header(name, kind[name])
            handler.send_header("Content-Type", kind.get("Content-Type", "application/json"))
            handler.send_header("Content-Length", str(len(answer)))
            handler.end_headers()
            handler.wfile.write(answer)
        except OSError:
            pass  # the client gave up waiting (a slow answer)


def _reset(connection: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a dropped connection looks to the client."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
