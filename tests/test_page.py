"""The web page as a person uses it, in Chromium at a desktop and a phone size: each shot's
progress as the run goes, Regenerate held back while a run is busy, the player's poster,
the runs with their estimates, and a reload that comes back to the same project.

The fake backend holds shot 2's take until the test lets it go, so the page is seen in the
middle of a run, not guessed at with timings."""

from __future__ import annotations

import json
import threading
import urllib.request

import pytest

from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    playwright_api,
    serve_in_thread,
    stop_serving,
)

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

pytestmark = pytest.mark.slow  # a real server and a real browser

REQUEST = "a dog walking, then a dog sitting, then a dog running"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
WAIT = 120_000  # ms: a loaded CI machine is slow, never this slow


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_page_shows_each_shot_as_it_is_made_and_comes_back_after_a_reload(tmp_path, size):
    from videoagent.server.api import create_app

    playwright = playwright_api()
    release = threading.Event()
    fake = {"faults": {"shot-02": ["held"]}, "release": release}
    settings = {"shared_cache": None, "backend": "fake", "generator_options": {"fake": fake}}
    instance, thread, base = serve_in_thread(create_app(tmp_path / "root", settings=settings))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=SIZES[size])
            page.goto(base + "/")
            assert page.locator("#backend option").first.inner_text() == "fake (default)"
            assert "procedural · free" in page.locator("#backend").inner_text()
            page.fill("#request", REQUEST)
            page.fill("#duration", "6")
            page.click("#make")
            # Mid-run: shot 1 made and shown, shot 2 still generating, nothing regenerable.
            page.wait_for_selector(
                '.shot[data-id="shot-02"][data-state="generating"]', timeout=WAIT
            )
            page.wait_for_selector(
                '.shot[data-id="shot-01"][data-state="passed"] img:not([hidden])', timeout=WAIT
            )
            assert page.locator("#status").get_attribute("data-state") == "running"
            buttons = page.locator(".shot button.regenerate")
            assert buttons.count() == 3
            assert all(buttons.nth(i).is_disabled() for i in range(3))
            assert (
                "take 1 generating" in page.locator('.shot[data-id="shot-02"] .state').inner_text()
            )
            assert _loaded(page, '.shot[data-id="shot-01"] img')
            page.screenshot(path=str(ARTIFACTS / f"page-running-{size}.png"), full_page=True)
            release.set()
            page.wait_for_selector("#status[data-state='done']", timeout=WAIT)
            page.wait_for_selector(".shot button.regenerate:not([disabled])", timeout=WAIT)
            page.wait_for_selector("#player:not([hidden])", timeout=WAIT)
            poster = page.locator("#player").get_attribute("poster")
            assert "/poster.png" in poster
            with urllib.request.urlopen(base + poster, timeout=30) as answer:
                assert answer.headers["Content-Type"] == "image/png"
                assert answer.read()[:8] == b"\x89PNG\r\n\x1a\n"
            # the run's estimate beside what it spent and took: the fake charges what it said
            run, state, estimate, actual = (
                page.locator("#runs tbody tr").first.inner_text().split("\t")
            )
            assert run.startswith("make") and state == "done"
            assert estimate.split(" · ")[0] == actual.split(" · ")[0] == "$0.35"
            assert "about" in estimate and actual.endswith(" s")
            project = page.url.split("project=")[1][:12]
            # A reload (or the link sent to someone) opens the same project.
            page.reload()
            page.wait_for_selector("#status[data-state='done']", timeout=WAIT)
            assert f"project={project}" in page.url
            assert page.locator("#status").inner_text().startswith(REQUEST)
            assert page.input_value("#request") == REQUEST
            page.wait_for_selector('.shot[data-id="shot-03"] img:not([hidden])', timeout=WAIT)
            # Another project on a backend chosen on the page, with word-by-word captions,
            # while an answer about the first is still on its way: it arrives late and is
            # not shown over the second.
            page.evaluate(
                """(id) => {
                  const fetchNow = window.fetch;
                  const late = (url, options) => new Promise((wait) => setTimeout(wait, 3000))
                    .then(() => fetchNow(url, options));
                  window.fetch = (url, options) => String(url).endsWith(`/api/projects/${id}`)
                    ? late(url, options) : fetchNow(url, options);
                  refresh();
                }""",
                project,
            )
            second_request = "a dog walking in the park, then a dog sitting"
            page.select_option("#backend", "procedural")
            page.select_option("#captions", "highlight")
            page.fill("#request", second_request)
            page.click("#make")
            page.wait_for_selector(f"#status:not(:text('{REQUEST}'))", timeout=WAIT)
            page.wait_for_selector("#status[data-state='done']", timeout=WAIT)
            assert page.locator("#status").inner_text().startswith(second_request)
            assert "procedural" in page.locator('.shot[data-id="shot-01"]').inner_text()
            # what the request asked, looked for in the video: the truth shows the dog
            page.wait_for_selector('#asks li[data-state="shown"]', timeout=WAIT)
            assert "a dog: shown" in page.locator("#asks").inner_text()
            assert f"project={project}" not in page.url
            second = page.url.split("project=")[1][:12]
            kept = json.loads((tmp_path / "root/projects" / second / "project.json").read_text())
            assert kept["choices"]["caption_style"] == "highlight"
            page.wait_for_selector("#player:not([hidden])", timeout=WAIT)
            page.screenshot(path=str(ARTIFACTS / f"page-{size}.png"), full_page=True)
            browser.close()
    finally:
        release.set()
        stop_serving(instance, thread)


def _loaded(page, selector: str) -> bool:
    """Whether the image at `selector` has loaded a picture (not a broken image)."""
    image = page.locator(selector)
    image.wait_for(timeout=WAIT)
    for _ in range(100):
        if image.evaluate("img => img.complete && img.naturalWidth > 0"):
            return True
        page.wait_for_timeout(100)
    return False


def test_a_declined_estimate_opens_the_steps_to_say_why(tmp_path):
    from videoagent.server.api import create_app

    playwright = playwright_api()
    settings = {"shared_cache": None, "backend": "fake"}
    instance, thread, base = serve_in_thread(create_app(tmp_path / "root", settings=settings))
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=SIZES["desktop"])
            page.goto(base + "/")
            assert page.locator("#log").get_attribute("open") is None  # folded away
            page.fill("#request", "a dog walking")
            page.fill("#duration", "2")
            page.check("#ask")
            page.click("#make")
            page.wait_for_selector("#decline:not([hidden])", timeout=WAIT)
            assert "$0.10" in page.locator("#estimate").inner_text()
            page.click("#decline")
            page.wait_for_selector("#log[open]", timeout=WAIT)
            assert "not approved" in page.locator("#steps li.failed").last.inner_text()
            browser.close()
    finally:
        stop_serving(instance, thread)
