"""What the browser tests share: Debian's chromium driven by Playwright (never a downloaded
browser), where screenshots go, and a free loopback port for a server under test."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(os.environ.get("VIDEOAGENT_TEST_ARTIFACTS", "test-artifacts"))


def playwright_api():
    """Playwright's sync API, or a skip (a failure in CI) when chromium is missing."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed")
    return playwright


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def serve_in_thread(app, *, timeout: float = 30):
    """`app` served by uvicorn on a free loopback port in a thread, once it is listening:
    (server, thread, base URL). Stop with `stop_serving`."""
    import threading
    import time

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def stop_serving(server, thread, *, timeout: float = 30) -> None:
    server.should_exit = True
    thread.join(timeout=timeout)
