"""Routing by the catalog and spending within the budget, end to end against two fake
providers (tests/fake_providers.py) whose prices and abilities differ: a cheap one that
makes only 5 or 10 s clips from text, and a dearer one that takes reference images."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from fake_providers import FAKES, KEY
from videoagent import Agent, AgentSettings, Request
from videoagent.agent.routing import route_shot
from videoagent.errors import BudgetReached, UsageError
from videoagent.generators import capabilities, catalog

pytestmark = pytest.mark.slow  # end to end: whole runs routed among fake providers

REQUEST = (
    "an 18 second video of a dog walking in the park, sniffing the grass, "
    "then a cat sleeping on a bench"
)
# The catalog the test routes by: its own prices, so the expected routes are worked out here.
PRICES = {"fal": 0.02, "xai": 0.05}


@pytest.fixture
def providers(tmp_path, monkeypatch):
    overlay = tmp_path / "prices.json"
    entries = {name: {**_entry(name), "price_per_second": p} for name, p in PRICES.items()}
    overlay.write_text(json.dumps({"generators": entries}))
    monkeypatch.setenv("VIDEOAGENT_CATALOG", str(overlay))
    fakes = {name: FAKES[name](tmp_path, price=PRICES[name]) for name in PRICES}
    # Configured as a user would: a key and (here) the provider's address, in the environment.
    for name, fake in fakes.items():
        monkeypatch.setenv(capabilities(name).setup["key_env"], KEY)
        monkeypatch.setenv(capabilities(name).setup["url_env"], fake.url)
    options = {name: {"first_poll": 0.01, "backoff": 0.05} for name in fakes}
    yield fakes, options
    for fake in fakes.values():
        fake.close()


def _entry(name: str) -> dict:
    caps = capabilities(name)
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in caps.__dict__.items()
        if key != "name"
    }


def _cat_reference(tmp_path):
    path = tmp_path / "cat.png"
    Image.new("RGB", (96, 96), (240, 240, 235)).save(path)
    return [f"cat={path}"]


def _agent(options, **settings) -> Agent:
    return Agent(
        AgentSettings(
            backends=list(PRICES), generator_options=options, shared_cache=None, **settings
        )
    )


def test_shots_go_where_the_catalog_says_and_the_estimate_is_what_is_charged(providers, tmp_path):
    fakes, options = providers
    agent = _agent(options)
    result = agent.make(
        Request.build(REQUEST, size="320x180"),
        tmp_path / "film",
        references=_cat_reference(tmp_path),
    )
    shots = {s["id"]: s for s in result.manifest["shots"] if s.get("backend")}
    routed = {sid: s["backend"] for sid, s in shots.items()}
    # The cat has a reference image: only xAI takes references. The others are plain
    # text-to-video, where fal (10 s billed at $0.02) beats xAI (7 s at $0.05).
    board = _storyboard(tmp_path / "film")["shots"]
    cat_shots = [s["id"] for s in board if "cat" in s["cast"]]
    assert cat_shots and all(routed[sid] == "xai" for sid in cat_shots)
    assert {routed[sid] for sid in shots if sid not in cat_shots} == {"fal"}
    xai_body = fakes["xai"].ledger.submissions[0]
    assert len(xai_body["reference_images"]) == 1
    # Estimate, manifest and the providers' own ledgers agree to the cent.
    estimate = result.manifest["cost"]["estimate"]
    charged = sum(fake.ledger.charged for fake in fakes.values())
    assert round(estimate["cost"], 2) == round(charged, 2) > 0
    assert round(result.manifest["cost"]["actual"], 2) == round(charged, 2)
    for name, fake in fakes.items():
        assert round(estimate["by_backend"].get(name, 0), 2) == fake.ledger.charged
    assert result.verified


def test_a_budget_below_the_estimate_stops_before_the_first_charge_past_it(providers, tmp_path):
    fakes, options = providers
    request = Request.build(REQUEST, size="320x180")
    refs = _cat_reference(tmp_path)
    # What the full run costs, from a dry plan of the same request.
    planned = _agent(options)
    with pytest.raises(BudgetReached):
        planned.settings.budget = 0.0
        planned.make(request, tmp_path / "probe", references=refs)
    estimate = next(r for r in _journal(tmp_path / "probe") if r["step"] == "estimate")["data"][
        "cost"
    ]
    assert all(fake.ledger.submissions == [] for fake in fakes.values())  # $0: nothing sent

    budget = round(estimate - 0.05, 2)
    agent = _agent(options, budget=budget, workers=1)
    with pytest.raises(BudgetReached, match="left undone: shot-"):
        agent.make(request, tmp_path / "film", references=refs)
    charged = sum(fake.ledger.charged for fake in fakes.values())
    assert 0 < charged <= budget
    stop = next(r for r in _journal(tmp_path / "film") if r["step"] == "budget")["data"]
    assert stop["spent"] == pytest.approx(charged)
    assert stop["shots_undone"]
    # It stopped only because the next shot did not fit.
    next_price = min(
        capabilities(s["backend"]).price(s["source_frames"] / 24)
        for s in _storyboard(tmp_path / "film")["shots"]
        if s["id"] in stop["shots_undone"]
    )
    assert charged + next_price > budget

    # Raising the budget and resuming makes only what was left: nothing is paid twice.
    more = _agent(options, budget=10.0)
    result = more.resume(tmp_path / "film")
    assert round(sum(fake.ledger.charged for fake in fakes.values()), 2) == round(estimate, 2)
    assert result.verified


def test_a_shot_no_backend_in_the_pool_can_make_is_named():
    with pytest.raises(UsageError, match="shot-04"):
        route_shot(["fal"], shot_id="shot-04", seconds=12.0, width=640, height=360, fps=24)
    route = route_shot(
        ["fal", "xai"], shot_id="shot-01", seconds=2.0, width=640, height=360, fps=24, references=2
    )
    assert route.backend == "xai" and route.mode == "reference-to-video"
    assert set(catalog()) >= {"xai", "veo", "runway", "luma", "fal", "replicate"}


def _journal(folder):
    from videoagent.store.journal import Journal

    journal = Journal(folder / "journal.sqlite")
    try:
        return [record for run in journal.runs() for record in journal.records(run["id"])]
    finally:
        journal.close()


def _storyboard(folder):
    return json.loads((folder / "storyboard.json").read_text())


def test_ctrl_c_cancels_running_jobs_at_the_provider_and_keeps_nothing_half_made(
    providers, tmp_path
):
    import os
    import signal
    import threading
    import time

    fakes, options = providers
    for fake in fakes.values():
        fake.scenario.polls_before_done = 10_000  # the provider never finishes
    agent = _agent(options)
    # Ctrl-C as a terminal sends it: to the process, whichever thread takes it.
    threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
    began = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        agent.make(Request.build(REQUEST, size="320x180"), tmp_path / "film")
    assert time.monotonic() - began < 10  # did not wait for the jobs
    fal = fakes["fal"].ledger
    assert fal.submissions and sorted(fal.cancels) == sorted(fakes["fal"].jobs)
    assert sum(fake.ledger.charged for fake in fakes.values()) == 0
    assert not list((tmp_path / "film" / "shots").glob("*/takes/[0-9]*/clip.mp4"))


def test_a_cancel_request_stops_the_run_as_cancelled_and_cancels_the_provider_jobs(
    providers, tmp_path
):
    import threading

    from videoagent.errors import Cancelled
    from videoagent.store.journal import Journal

    fakes, options = providers
    for fake in fakes.values():
        fake.scenario.polls_before_done = 10_000
    cancel = threading.Event()
    agent = _agent(options, cancel=cancel)  # as the server's cancel button sets it
    threading.Timer(1.0, cancel.set).start()
    with pytest.raises(Cancelled, match="cancelled; finished takes are kept"):
        agent.make(Request.build(REQUEST, size="320x180"), tmp_path / "film")
    fal = fakes["fal"].ledger
    assert fal.submissions and sorted(fal.cancels) == sorted(fakes["fal"].jobs)
    assert sum(fake.ledger.charged for fake in fakes.values()) == 0
    journal = Journal(tmp_path / "film" / "journal.sqlite")
    try:
        assert [run["status"] for run in journal.runs()] == ["interrupted"]
    finally:
        journal.close()


def test_a_backend_that_extends_only_its_own_takes_is_routed_to_extend_only_its_own():
    from videoagent.agent.routing import route_shot

    shape = {"shot_id": "shot-02", "seconds": 6.0, "width": 1280, "height": 720, "fps": 24.0}
    own = route_shot(["veo"], continues=True, after="veo", **shape)
    assert (own.backend, own.mode) == ("veo", "extend")
    other = route_shot(["veo"], continues=True, after="procedural", **shape)
    assert (other.backend, other.mode) == ("veo", "text-to-video")
    assert "made fresh (a cut)" in other.why
