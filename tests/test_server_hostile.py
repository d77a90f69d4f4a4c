"""The server against a hostile client: bodies that hide their size, foreign Host names,
odd tokens, links planted in a project, values that are not numbers or not text, damaged
project files, and hostile text shown by the page in a real browser. Every refusal is a 4xx
with a reason (never a 500), and nothing is left behind. Bad values in bodies are the
bad-input corpus's (tests/test_bad_inputs.py)."""

from __future__ import annotations

import base64
import http.client
import json
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, playwright_api

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from browser_support import serve_in_thread, stop_serving  # noqa: E402
from videoagent.errors import UsageError  # noqa: E402
from videoagent.server import api  # noqa: E402
from videoagent.server.guard import CONTENT_SECURITY_POLICY  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: a real server against a hostile client and browser

HOSTILE = "<img src=x onerror=\"window.pwned=1;document.title='PWNED'\">"
SMALL = {"size": "160x90", "backend": "fake"}
FAST = {"shared_cache": None, "backend": "procedural"}  # when a request names no backend


def call(base: str, method: str, path: str, body=None, *, headers=None, raw: bytes | None = None):
    """(status, decoded JSON or text, headers) from one request on a fresh connection."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    sent = {"Content-Type": "application/json", **(headers or {})}
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    try:
        return response.status, json.loads(text), response.headers
    except ValueError:
        return response.status, text, response.headers


def wait_done(base: str, project: str) -> dict:
    import time

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        detail = call(base, "GET", f"/api/projects/{project}")[1]
        if detail["state"] not in ("queued", "running"):
            return detail
        time.sleep(0.2)
    raise AssertionError(f"{project} did not finish")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One loopback server without a token, with one finished project to damage."""
    root = tmp_path_factory.mktemp("hostile") / "root"
    app = api.create_app(root, workers=2, settings=FAST)
    instance, thread, base = serve_in_thread(app)
    status, created, _ = call(
        base, "POST", "/api/projects", {"request": "a 4 second video of a dog", **SMALL}
    )
    assert status == 202
    assert wait_done(base, created["project"])["state"] == "done"
    yield base, root, created["project"]
    stop_serving(instance, thread)


def leftovers(root: Path) -> dict:
    return {
        name: sorted(p.name for p in (root / name).iterdir())
        for name in ("projects", "jobs", "uploads")
    }


def test_a_chunked_body_without_length_is_cut_off_at_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "MAX_BODY", 1 << 20)
    app = api.create_app(tmp_path / "root", settings=FAST)
    instance, thread, base = serve_in_thread(app)
    try:
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)

        def chunks():
            yield b'{"request": "'
            for _ in range(8):  # 8 MiB, with no Content-Length to say so
                yield b"a" * (1 << 20)
            yield b'"}'

        try:
            connection.request(
                "POST",
                "/api/projects",
                body=chunks(),
                headers={"Content-Type": "application/json"},
                encode_chunked=True,
            )
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may stop reading before the client stops sending
        response = connection.getresponse()
        assert response.status == 413
        assert "too large" in json.loads(response.read())["detail"]
        connection.close()
        assert leftovers(tmp_path / "root") == {"projects": [], "jobs": [], "uploads": []}
    finally:
        stop_serving(instance, thread)


def test_a_foreign_host_name_is_refused_without_a_token(served):
    base, _, _ = served
    status, answer, _ = call(base, "GET", "/api/projects", headers={"Host": "evil.example"})
    assert status == 400 and "evil.example" in answer["detail"]
    status, answer, _ = call(base, "GET", "/", headers={"Host": "evil.example:8700"})
    assert status == 400
    for name in ("localhost:8700", "127.0.0.1", "[::1]:8700"):
        assert call(base, "GET", "/api/projects", headers={"Host": name})[0] == 200, name


def test_a_change_asked_from_another_sites_page_is_refused(served):
    base, root, _ = served
    body = {"request": "a dog walks", "duration": 2}
    for origin in ("http://evil.example", "null", "http://127.0.0.1:1"):
        status, answer, _ = call(base, "POST", "/api/projects", body, headers={"Origin": origin})
        assert status == 403 and "another site" in answer["detail"], origin
    assert call(base, "GET", "/api/projects", headers={"Origin": "http://evil.example"})[0] == 200
    # The page's own calls name this server: they pass (and here meet the body's check).
    wrong = {**body, "duration": -1}
    status, answer, _ = call(base, "POST", "/api/projects", wrong, headers={"Origin": base})
    assert status == 422, answer


def test_tokens_odd_or_weak_are_refused_cleanly(tmp_path):
    for weak in (" ", "   \t ", "short", "has a space in it", "tøken-with-non-ascii"):
        with pytest.raises(UsageError, match="--token"):
            api.create_app(tmp_path / "weak", token=weak)
    done = subprocess.run(
        [sys.executable, "-m", "videoagent", "serve", "--root", str(tmp_path / "cli"),
         "--host", "0.0.0.0", "--port", "1", "--token", " "],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "--token" in done.stderr and "Traceback" not in done.stderr
    token = "correct-horse-battery"
    app = api.create_app(tmp_path / "root", token=token, settings=FAST)
    instance, thread, base = serve_in_thread(app)
    try:
        for query in ("?token=%C3%A9", "?token=%FF%FE", "?token=", f"?token={token}x"):
            status, answer, _ = call(base, "GET", "/api/projects" + query)
            assert status == 401 and answer["detail"] == "a token is required", query
        status, _, _ = call(
            base, "GET", "/api/projects", headers={"Authorization": "Bearer \u00e9\u00e9"}
        )
        assert status == 401
        assert call(base, "GET", f"/api/projects?token={token}")[0] == 200
        # With a token, any Host may ask (the token is the guard), e.g. behind a proxy.
        headers = {"Authorization": f"Bearer {token}", "Host": "videos.example"}
        assert call(base, "GET", "/api/projects", headers=headers)[0] == 200
    finally:
        stop_serving(instance, thread)


def test_links_planted_in_a_project_are_never_followed(served, tmp_path):
    base, root, project = served
    folder = root / "projects" / project
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web\n")
    subtitles = folder / "renders" / "final.srt"
    kept = subtitles.read_bytes()
    subtitles.unlink()
    subtitles.symlink_to(secret)
    keyframes = sorted((folder / "shots").glob("*/keyframe.png"))
    keyframes[0].unlink()
    keyframes[0].symlink_to(secret)
    linked_project = root / "projects" / "abcdefabcdef"
    linked_project.symlink_to(folder)
    try:
        status, answer, _ = call(base, "GET", f"/api/projects/{project}/files/final.srt")
        assert status == 404 and "not for the web" not in str(answer)
        shot = keyframes[0].parent.name
        assert call(base, "GET", f"/api/projects/{project}/keyframes/{shot}.png")[0] == 404
        detail = call(base, "GET", f"/api/projects/{project}")[1]
        assert "final.srt" not in detail["files"] and "final.mp4" in detail["files"]
        assert call(base, "GET", "/api/projects/abcdefabcdef/files/final.mp4")[0] == 404
    finally:
        linked_project.unlink()
        subtitles.unlink()
        subtitles.write_bytes(kept)


def test_damaged_project_files_are_409_with_what_is_wrong(served):
    base, root, project = served
    folder = root / "projects" / project
    storyboard = folder / "storyboard.json"
    manifest = folder / "renders" / "manifest.json"
    kept = storyboard.read_bytes(), manifest.read_bytes()
    try:
        storyboard.write_text(storyboard.read_text().replace('"beat": "', '"beat": "edited '))
        status, answer, _ = call(base, "GET", f"/api/projects/{project}")
        assert status == 409 and "storyboard.json" in answer["detail"]
        assert str(root) not in answer["detail"]  # server paths stay private
        storyboard.write_bytes(kept[0])
        manifest.write_text("{ not json")
        status, answer, _ = call(base, "GET", f"/api/projects/{project}")
        assert status == 409 and "manifest.json" in answer["detail"]
        manifest.write_text('{"shots": 7}')
        assert call(base, "GET", f"/api/projects/{project}")[0] == 409
    finally:
        storyboard.write_bytes(kept[0])
        manifest.write_bytes(kept[1])
    assert call(base, "GET", f"/api/projects/{project}")[0] == 200


def test_an_event_stream_waiting_in_the_queue_sends_heartbeats(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "HEARTBEAT_SECONDS", 0.5)
    monkeypatch.setenv("VIDEOAGENT_FAKE_FAULTS", "shot-01:slow")
    app = api.create_app(tmp_path / "root", workers=1, settings=FAST)
    instance, thread, base = serve_in_thread(app)
    try:
        body = {"request": "a 4 second video of a dog", **SMALL}
        first = call(base, "POST", "/api/projects", body)[1]["project"]
        second = call(base, "POST", "/api/projects", {**body, "seed": 2})[1]["project"]
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", f"/api/projects/{second}/events")
        response = connection.getresponse()
        assert response.status == 200
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        line = response.readline()
        assert line.startswith(b":"), line  # a comment, before any step: the job still waits
        connection.close()
        assert call(base, "GET", f"/api/projects/{second}")[1]["state"] == "queued"
        wait_done(base, first)
    finally:
        stop_serving(instance, thread)


def test_hostile_text_reaches_the_page_as_text_and_runs_nothing(served, tmp_path):
    playwright = playwright_api()
    base, _, _ = served
    status, answer, headers = call(base, "GET", "/")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert csp == CONTENT_SECURITY_POLICY and "<script>" not in answer
    picture = tmp_path / "dog.png"
    from PIL import Image

    Image.new("RGB", (32, 32), (120, 80, 40)).save(picture)
    image = base64.b64encode(picture.read_bytes()).decode()
    request = f"a 4 second video of a dog {HOSTILE} walking"
    status, created, _ = call(
        base,
        "POST",
        "/api/projects",
        {
            "request": request,
            **SMALL,
            "references": [{"data": image, "name": f"dog{HOSTILE}.png"}],
        },
    )
    assert status == 202, created
    project = created["project"]
    assert wait_done(base, project)["state"] == "done"
    assert call(base, "POST", f"/api/projects/{project}/edits", {"text": f"make it {HOSTILE}"})[0]
    wait_done(base, project)
    status, _, _ = call(
        base, "POST", f"/api/projects/{project}/shots/1/regenerate", {"prompt": f"a dog {HOSTILE}"}
    )
    assert status == 202
    detail = wait_done(base, project)
    assert detail["state"] == "done"
    assert any(HOSTILE in shot["prompt"] for shot in detail["shots"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text))
        page.goto(base + "/")
        page.get_by_text(request[:30], exact=False).first.click()
        page.wait_for_selector("#status[data-state='done']", timeout=60_000)
        page.wait_for_selector(".shot textarea", timeout=30_000)
        page.wait_for_selector("#steps li:nth-child(10)", state="attached")
        # An inline script the page itself would run is refused by the CSP as well.
        page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.inline = 1'; document.body.append(s); }"""
        )
        page.wait_for_timeout(500)
        assert page.evaluate("window.pwned") is None
        assert page.evaluate("window.inline") is None
        assert page.title() == "videoagent"
        assert page.locator("img[src='x']").count() == 0
        shown = page.inner_text("body")
        assert HOSTILE in shown  # in the status line and the history, as written
        prompts = page.locator(".shot textarea").evaluate_all("els => els.map(e => e.value)")
        assert any(HOSTILE in prompt for prompt in prompts)
        steps = page.locator("#steps li").all_text_contents()
        assert any("<img" in step for step in steps), steps[-5:]
        page.screenshot(path=str(ARTIFACTS / "server-hostile-text.png"), full_page=True)
        browser.close()
    assert any("Content Security Policy" in e for e in errors), errors
