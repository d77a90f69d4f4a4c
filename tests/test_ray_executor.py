"""Batches on a Ray cluster of several nodes on this machine (loopback only), some
advertising a GPU: shots placed by what their backend needs, a hosted provider's limit held
across the cluster, and a node lost mid-batch without a take lost or a job sent twice."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

# Ray's nodes otherwise advertise this machine's non-loopback address, which the sandbox
# refuses; read when ray is first imported, and inherited by the nodes started here.
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
ray = pytest.importorskip("ray")

from fake_providers import KEY, FakeXai, Scenario  # noqa: E402
from videoagent.agent.batch import read_batch, run_batch  # noqa: E402
from videoagent.agent.ray_executor import SLOTS_ACTOR, RayExecutor  # noqa: E402
from videoagent.agent.settings import AgentSettings  # noqa: E402
from videoagent.generators import capabilities  # noqa: E402

pytestmark = pytest.mark.slow  # a cluster is started, videos are made
LOOPBACK = "127.0.0.1"
HOSTED_LIMIT = 2


def _catalog(folder: Path) -> Path:
    """The built-in catalog with `fake` needing a GPU and xai running 2 jobs at a time,
    hosted shots placed only where a node offers the `hosted` resource."""
    from importlib import resources

    text = resources.files("videoagent.generators").joinpath("catalog.json").read_text()
    entries = json.loads(text)["generators"]
    entries["fake"]["resources"] = {"CPU": 0.5, "GPU": 1}
    entries["xai"] |= {"concurrency": HOSTED_LIMIT, "resources": {"CPU": 0.25, "hosted": 1}}
    path = folder / "catalog.json"
    path.write_text(json.dumps({"generators": {k: entries[k] for k in ("fake", "xai")}}))
    return path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from ray.cluster_utils import Cluster

    catalog = _catalog(tmp_path_factory.mktemp("catalog"))
    before = os.environ.get("VIDEOAGENT_CATALOG")
    os.environ["VIDEOAGENT_CATALOG"] = str(catalog)  # the nodes started here inherit it
    head = {"num_cpus": 0, "node_ip_address": LOOPBACK, "include_dashboard": False}
    made = Cluster(initialize_head=True, head_node_args=head)
    made.add_node(num_cpus=2, node_ip_address=LOOPBACK)
    gpu = made.add_node(num_cpus=1, num_gpus=1, node_ip_address=LOOPBACK)
    hosted = made.add_node(num_cpus=1, resources={"hosted": 4}, node_ip_address=LOOPBACK)
    made.executor = RayExecutor(made.address)
    made.gpu_node, made.hosted_node = gpu.node_id, hosted
    yield made
    ray.shutdown()
    made.shutdown()
    if before is None:
        os.environ.pop("VIDEOAGENT_CATALOG", None)
    else:
        os.environ["VIDEOAGENT_CATALOG"] = before


def _rows(folder: Path, rows: list[dict]) -> Path:
    path = folder / "rows.jsonl"
    common = {"duration": 2, "size": "192x108", "music": False, "ambience": False}
    path.write_text("".join(json.dumps({**common, **row}) + "\n" for row in rows))
    return path


def _takes(report) -> list[dict]:
    every = []
    for row in report.rows:
        manifest = json.loads(Path(row.folder, "renders/manifest.json").read_text())
        every += [take for shot in manifest["shots"] for take in shot["takes"]]
    return every


def _machine_dies(cluster, node) -> None:
    """Every process of `node` killed at once, as when its machine stops: the workers with
    the raylet (left to notice it gone, a worker would go on with its take for a while)."""
    import psutil

    raylet = node.all_processes["raylet"][0].process.pid
    for child in psutil.Process(raylet).children(recursive=True):
        child.kill()
    cluster.remove_node(node, allow_graceful=False)


def _takes_made_on(out: Path, node: str) -> list[Path]:
    """The take records in the batch folder `out` that say node `node` made them."""
    return [
        path
        for path in out.glob("*/shots/*/takes/*/take.json")
        if json.loads(path.read_text()).get("node") == node
    ]


def _hosted(tmp_path: Path, scenario: Scenario, monkeypatch):
    """A fake xAI and the options that reach it (its key set here, where routing looks)."""
    monkeypatch.setenv(capabilities("xai").setup["key_env"], KEY)
    fake = FakeXai(tmp_path, price=capabilities("xai").price_per_second, scenario=scenario)
    options = {"xai": {"api_key": KEY, "base_url": fake.url, "first_poll": 0.05, "backoff": 0.05}}
    return fake, options


def test_a_batch_on_the_cluster_puts_gpu_shots_only_on_gpu_nodes(cluster, tmp_path):
    rows = [
        {"request": "a dog walking, then a dog sitting", "seed": i}
        | {"backend": "fake" if i % 2 else "procedural"}
        for i in range(6)
    ]
    file = _rows(tmp_path, rows)
    read, bad = read_batch(file)
    base = AgentSettings(shared_cache=None, executor=cluster.executor)
    report = run_batch(read, bad, tmp_path / "out", base, file=str(file), parallel=3)

    assert report.counts() == {"done": 6, "failed": 0, "bad": 0}
    alive = {node["NodeID"] for node in ray.nodes() if node["Alive"]}
    takes = _takes(report)
    assert len(takes) == 12
    for take in takes:
        assert take["node"] in alive
        if take["backend"] == "fake":
            assert take["node"] == cluster.gpu_node
    again = run_batch(read, bad, tmp_path / "out", base, file=str(file), parallel=3)
    assert {row.how for row in again.rows} == {"kept"}


def test_a_hosted_provider_never_runs_more_jobs_than_its_limit(cluster, tmp_path, monkeypatch):
    scenario = Scenario(polls_before_done=3, held_until_in_flight=HOSTED_LIMIT)
    fake, options = _hosted(tmp_path, scenario, monkeypatch)
    try:
        rows = [{"request": "a dog walking, then a dog sitting", "seed": i} for i in range(4)]
        file = _rows(tmp_path, [row | {"backend": "xai"} for row in rows])
        read, bad = read_batch(file)
        base = AgentSettings(
            shared_cache=None, executor=cluster.executor, generator_options=options
        )
        report = run_batch(read, bad, tmp_path / "out", base, file=str(file), parallel=4)
    finally:
        fake.close()
    assert report.counts()["done"] == 4, [row.error for row in report.rows]
    assert len(fake.ledger.submissions) == 8  # one job a shot
    # Eight shots could run at once; the provider saw two at a time, and did see two (each
    # job held until two were, so that a slow machine cannot make them one after another).
    assert fake.ledger.peak_in_flight == HOSTED_LIMIT
    slots = ray.get_actor(SLOTS_ACTOR, namespace="videoagent")
    assert ray.get(slots.peaks.remote())["xai"] == HOSTED_LIMIT


def test_a_node_lost_mid_batch_loses_no_finished_take_and_sends_no_job_twice(
    cluster, tmp_path, monkeypatch
):
    fake, options = _hosted(tmp_path, Scenario(polls_before_done=6), monkeypatch)
    rows = [{"request": "a dog walking, then a dog sitting", "seed": 10 + i} for i in range(4)]
    file = _rows(tmp_path, [row | {"backend": "xai"} for row in rows])
    read, bad = read_batch(file)
    base = AgentSettings(shared_cache=None, executor=cluster.executor, generator_options=options)
    outcome: dict = {}
    batch = threading.Thread(
        target=lambda: outcome.update(
            report=run_batch(read, bad, tmp_path / "out", base, file=str(file), parallel=4)
        )
    )
    batch.start()
    try:
        lost = cluster.hosted_node
        deadline = time.monotonic() + 120
        while not _takes_made_on(tmp_path / "out", lost.node_id):
            assert time.monotonic() < deadline, "no take was finished before the node was lost"
            time.sleep(0.02)
        _machine_dies(cluster, lost)
        cluster.hosted_node = cluster.add_node(
            num_cpus=1, resources={"hosted": 4}, node_ip_address=LOOPBACK
        )
        batch.join(timeout=180)
    finally:
        fake.close()
    assert not batch.is_alive()
    report = outcome["report"]
    takes = _takes(report)
    # Every shot's one take was sent once: the retries re-attached to the jobs in flight.
    keys = [take["key"] for take in takes]
    assert len(fake.ledger.submissions) == len(set(keys)) == len(keys) == 8
    assert report.counts()["done"] == 4
    made_on = {take["node"] for take in takes}
    assert lost.node_id in made_on  # takes finished there before it died are kept
    assert cluster.hosted_node.node_id in made_on  # the rest were made again elsewhere


def test_the_server_puts_its_jobs_shots_on_the_cluster(cluster, tmp_path):
    pytest.importorskip("fastapi")
    from browser_support import serve_in_thread, stop_serving
    from videoagent.server.api import create_app

    settings = {"shared_cache": None, "backend": "procedural", "executor": cluster.executor}
    app = create_app(tmp_path / "root", workers=1, settings=settings)
    instance, thread, base = serve_in_thread(app)
    try:
        body = {"request": "a dog walking, then a dog sitting", "duration": 2, "size": "96x54"}
        made = _call(base, "POST", "/api/projects", body)
        deadline = time.monotonic() + 120
        while (detail := _call(base, "GET", f"/api/projects/{made['project']}"))["state"] in (
            "queued",
            "running",
        ):
            assert time.monotonic() < deadline, detail
            time.sleep(0.2)
    finally:
        stop_serving(instance, thread)
    assert detail["state"] == "done" and detail["verified"]
    manifest = json.loads(
        (tmp_path / "root/projects" / made["project"] / "renders/manifest.json").read_text()
    )
    alive = {node["NodeID"] for node in ray.nodes() if node["Alive"]}
    nodes = {take["node"] for shot in manifest["shots"] for take in shot["takes"]}
    assert nodes and nodes <= alive


def _call(base: str, method: str, path: str, body: dict | None = None) -> dict:
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_a_folder_some_machine_cannot_use_is_refused_naming_the_machines(cluster, tmp_path):
    from videoagent.errors import UsageError

    with pytest.raises(UsageError, match=r"not usable on every machine.*127\.0\.0\.1 \(no such"):
        cluster.executor.check_folder(tmp_path / "not-shared")
    cluster.executor.check_folder(tmp_path)  # every node here sees the same disk


def test_a_budget_on_the_cluster_stops_before_the_first_job_past_it(cluster, tmp_path, monkeypatch):
    fake, options = _hosted(tmp_path, Scenario(), monkeypatch)
    try:
        row = {"request": "a dog walking, then a dog sitting", "backend": "xai", "budget": 0.01}
        file = _rows(tmp_path, [row])
        read, bad = read_batch(file)
        base = AgentSettings(
            shared_cache=None, executor=cluster.executor, generator_options=options
        )
        report = run_batch(read, bad, tmp_path / "out", base, file=str(file))
    finally:
        fake.close()
    (outcome,) = report.rows
    assert outcome.state == "failed" and "stopped at the budget" in outcome.error
    assert fake.ledger.submissions == [] and fake.ledger.charged == 0
