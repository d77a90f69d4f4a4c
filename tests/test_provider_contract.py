"""The contract every hosted provider adapter keeps, run against a local fake server of that
provider's wire format (tests/fake_providers.py): submit, poll through the states, download
at once and conform to the asked shape, pay what the catalog says, and behave well when the
service does not (429 with Retry-After, 5xx, slow answers, failed jobs, expired links, a bad
key, a cancelled run). No test touches the network."""

from __future__ import annotations

import threading
import time

import pytest

from fake_providers import FAKES, KEY, Scenario
from videoagent.errors import (
    Cancelled,
    GenerationError,
    JobInDoubt,
    NotConfigured,
    ProviderRefused,
)
from videoagent.generators import GenerationRequest, capabilities, create
from videoagent.media.probe import probe
from videoagent.timeline.time import FrameRate

PROVIDERS = sorted(FAKES)
CANCELLABLE = [p for p in PROVIDERS if p != "xai"]  # xAI's API has no cancel call


@pytest.fixture
def served(tmp_path):
    """served(provider, scenario, **options) → (fake server, adapter speaking to it)."""
    servers = []

    def start(provider: str, scenario: Scenario | None = None, **options):
        price = capabilities(provider).price_per_second
        fake = FAKES[provider](tmp_path, price=price, scenario=scenario)
        servers.append(fake)
        options = {
            "api_key": KEY,
            "base_url": fake.url,
            "first_poll": 0.01,
            "backoff": 0.05,
            **options,
        }
        return fake, create(provider, **options)

    yield start
    for fake in servers:
        fake.close()


def ask(seconds: float = 2.5, *, mode="text-to-video", references=(), fps=24) -> GenerationRequest:
    rate = FrameRate.of(fps)
    return GenerationRequest(
        prompt="Wide shot, a brown dog walks through a park at noon.",
        frames=rate.frames(seconds),
        rate=rate,
        width=320,
        height=180,
        seed=7,
        mode=mode,
        references=tuple(str(r) for r in references),
        label="shot-01 seed 7",
    )


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_clip_comes_back_in_the_asked_shape_and_costs_what_the_catalog_says(
    served, tmp_path, provider
):
    fake, adapter = served(provider)
    request = ask(2.5, fps=30)
    job = adapter.generate(request, tmp_path / "clip.mp4")
    info = probe(job.output, count_frames=True)
    assert (info.frames, info.width, info.height) == (75, 320, 180)
    assert job.status == "succeeded"
    caps = capabilities(provider)
    assert job.report["billed_seconds"] == caps.billed_seconds(2.5)
    assert job.cost == caps.price(2.5) == fake.ledger.charged
    assert len(fake.ledger.submissions) == 1
    assert fake.ledger.leaked_credentials == []
    # Delivered 24 fps and longer than asked: conformed by time, nothing held.
    assert job.report["delivered"]["source_fps"] == pytest.approx(24, abs=0.1)
    assert job.report["delivered"]["held_frames"] == 0
    assert not list(tmp_path.glob(".*"))  # no part files left behind


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_failed_job_is_a_generation_error_with_the_providers_words_and_costs_nothing(
    served, tmp_path, provider
):
    fake, adapter = served(provider, Scenario(fail="prompt rejected by moderation"))
    with pytest.raises(GenerationError, match="moderation"):
        adapter.generate(ask(), tmp_path / "clip.mp4")
    assert fake.ledger.charged == 0
    assert not (tmp_path / "clip.mp4").exists()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_429_on_submission_waits_for_retry_after_and_submits_once(served, tmp_path, provider):
    fake, adapter = served(provider, Scenario(submit_429=1))
    job = adapter.generate(ask(), tmp_path / "clip.mp4")
    assert job.status == "succeeded"
    assert fake.ledger.refused == 1 and len(fake.ledger.submissions) == 1
    assert fake.ledger.waits[0] >= 0.95  # Retry-After: 1
    assert job.report["rate_limited"] == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_rate_limits_server_errors_and_slow_answers_while_polling_are_ridden_out(
    served, tmp_path, provider
):
    scenario = Scenario(status_429=1, status_500=1, hang_status=1, hang_seconds=0.6)
    fake, adapter = served(provider, scenario, timeout=0.3)
    job = adapter.generate(ask(), tmp_path / "clip.mp4")
    assert job.status == "succeeded"
    assert len(fake.ledger.submissions) == 1
    assert fake.ledger.charged == capabilities(provider).price(2.5)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_submission_without_answer_is_not_sent_twice(served, tmp_path, provider):
    fake, adapter = served(provider, Scenario(hang_submit=True, hang_seconds=0.8), timeout=0.3)
    with pytest.raises(JobInDoubt, match="not sent again"):
        adapter.generate(ask(), tmp_path / "clip.mp4")
    time.sleep(0.6)  # let the slow submission finish at the server
    assert len(fake.ledger.submissions) == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_expired_result_link_is_fetched_again_from_a_fresh_status(served, tmp_path, provider):
    fake, adapter = served(provider, Scenario(expired_links=1))
    job = adapter.generate(ask(), tmp_path / "clip.mp4")
    assert probe(job.output, count_frames=True).frames == 60


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_link_that_stays_expired_fails_the_take_and_leaves_no_file(served, tmp_path, provider):
    fake, adapter = served(provider, Scenario(expired_links=5))
    with pytest.raises(GenerationError, match="expired"):
        adapter.generate(ask(), tmp_path / "clip.mp4")
    assert not list(tmp_path.iterdir()) or not (tmp_path / "clip.mp4").exists()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_refused_key_stops_the_run(served, tmp_path, provider):
    fake, adapter = served(provider, api_key="wrong-key-4567")
    with pytest.raises(ProviderRefused, match="HTTP 401") as refused:
        adapter.generate(ask(), tmp_path / "clip.mp4")
    assert fake.ledger.submissions == []
    # The provider quoted the key back; the error shown to the user does not.
    assert "wrong-key-4567" not in str(refused.value) and "[redacted]" in str(refused.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_missing_key_names_the_variable_to_set(monkeypatch, provider):
    key_env = capabilities(provider).setup["key_env"]
    monkeypatch.delenv(key_env, raising=False)
    with pytest.raises(NotConfigured, match=key_env):
        create(provider)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_cancelled_run_cancels_the_job_at_the_provider(served, tmp_path, provider):
    fake, adapter = served(provider, Scenario(polls_before_done=1000))
    threading.Timer(0.3, adapter.stop.set).start()
    with pytest.raises(Cancelled):
        adapter.generate(ask(), tmp_path / "clip.mp4")
    assert fake.ledger.charged == 0
    expected = fake.ledger.submissions and provider in CANCELLABLE
    assert fake.ledger.cancels == ([next(iter(fake.jobs))] if expected else [])


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_shot_longer_than_the_provider_makes_is_refused_before_anything_is_sent(
    served, tmp_path, provider
):
    fake, adapter = served(provider)
    longest = capabilities(provider).max_seconds
    with pytest.raises(GenerationError, match="at most"):
        adapter.generate(ask(longest + 1), tmp_path / "clip.mp4")
    assert fake.ledger.submissions == []


@pytest.mark.parametrize("provider", ["xai", "veo"])
def test_reference_images_travel_in_the_providers_own_fields(served, tmp_path, provider):
    from PIL import Image

    refs = []
    for index, colour in enumerate([(200, 40, 40), (40, 200, 40)]):
        path = tmp_path / f"ref-{index:02}.png"
        Image.new("RGB", (64, 64), colour).save(path)
        refs.append(path)
    fake, adapter = served(provider)
    adapter.generate(ask(mode="reference-to-video", references=refs), tmp_path / "clip.mp4")
    body = fake.ledger.submissions[0]
    sent = (
        body["reference_images"] if provider == "xai" else body["instances"][0]["referenceImages"]
    )
    assert len(sent) == 2
    if provider == "xai":
        assert "<IMAGE_0>" in body["prompt"] and "<IMAGE_1>" in body["prompt"]


def test_another_provider_model_or_local_model_is_another_take(monkeypatch):
    from videoagent.agent.generator_pool import GeneratorPool
    from videoagent.generators.catalog import capabilities

    monkeypatch.delenv(capabilities("xai").setup["model_env"], raising=False)
    default = GeneratorPool({}).version("xai")
    assert GeneratorPool({"xai": {"model": "another-video-model"}}).version("xai") != default
    monkeypatch.setenv(capabilities("xai").setup["model_env"], "another-video-model")
    assert GeneratorPool({}).version("xai") != default
    ltx = GeneratorPool({"ltx": {"model": "/models/ltx", "steps": 8}})
    assert ltx.version("ltx") != GeneratorPool({"ltx": {"model": "/models/ltx"}}).version("ltx")


def test_an_extension_reaches_xai_and_the_take_keeps_only_the_new_part(served, tmp_path):
    """xAI returns the clip it extends followed by the new seconds, and bills the whole:
    the take starts on the first new frame, and its price counts the clip too."""
    from fake_providers import provider_video

    fake, adapter = served("xai")
    clip = tmp_path / "before.mp4"
    clip.write_bytes(provider_video(3.0, tmp_path))  # a 3 s take of a moving bar
    request = ask(4.0, mode="extend", references=[clip])
    job = adapter.generate(request, tmp_path / "more.mp4")
    (sent,) = fake.ledger.submissions
    assert sent["duration"] == 4 and sent["video"]["url"].startswith("data:video/mp4;base64,")
    info = probe(job.output, count_frames=True)
    assert (info.frames, info.width, info.height) == (96, 320, 180)
    # The provider's video is 7 s, its bar at x = 5·frame; the take begins on frame 72.
    import numpy as np

    from videoagent.media.frames import iter_frames

    first = next(iter(iter_frames(job.output)))
    bar = np.flatnonzero((first[90, :, 0] > 180) & (first[90, :, 2] < 100))
    assert abs(int(bar.min()) - (72 * 5) % 320) <= 2
    caps = capabilities("xai")
    assert job.cost == caps.extension_price(4.0, 3.0) == round(7 * caps.price_per_second, 4)
    assert job.cost == fake.ledger.charged


def test_an_extension_reaches_veo_by_the_uri_of_its_own_video(served, tmp_path):
    """Veo extends only videos it made, named by the URI it gave them, by 7 s, and returns
    the video with its new part: the take keeps the new part and costs the 7 s."""
    import numpy as np

    from videoagent.media.frames import iter_frames
    from videoagent.store.files import write_sealed_json

    fake, adapter = served("veo")
    first = tmp_path / "takes" / "01" / "clip.mp4"
    first.parent.mkdir(parents=True)
    made = adapter.generate(ask(4.0), first)
    assert made.report["veo_video"].startswith(f"{fake.url}/files/")
    write_sealed_json(first.parent / "take.json", {"backend": "veo", "report": made.report})
    job = adapter.generate(ask(5.0, mode="extend", references=[first]), tmp_path / "more.mp4")
    sent = fake.ledger.submissions[-1]
    assert sent["instances"][0]["video"] == {"uri": made.report["veo_video"]}
    assert sent["parameters"]["resolution"] == "720p"
    info = probe(job.output, count_frames=True)
    assert (info.frames, info.width, info.height) == (120, 320, 180)
    # Veo's video is 4 + 7 s, its bar at x = 5·frame; the take begins on frame 96.
    start = next(iter(iter_frames(job.output)))
    bar = np.flatnonzero((start[90, :, 0] > 180) & (start[90, :, 2] < 100))
    assert abs(int(bar.min()) - (96 * 5) % 320) <= 2
    caps = capabilities("veo")
    assert job.cost == caps.extension_price(5.0, 4.0) == round(7 * caps.price_per_second, 4)
    assert made.cost + job.cost == fake.ledger.charged
    # a take Veo did not make is refused before anything is sent
    other = tmp_path / "takes" / "02" / "clip.mp4"
    other.parent.mkdir()
    other.write_bytes(first.read_bytes())
    write_sealed_json(other.parent / "take.json", {"backend": "procedural", "report": {}})
    sent_before = len(fake.ledger.submissions)
    with pytest.raises(GenerationError, match="veo extends only videos it made.*procedural"):
        adapter.generate(ask(5.0, mode="extend", references=[other]), tmp_path / "x.mp4")
    assert len(fake.ledger.submissions) == sent_before


def test_an_extension_outside_xais_lengths_is_refused_before_anything_is_sent(served, tmp_path):
    from fake_providers import provider_video

    fake, adapter = served("xai")
    short = tmp_path / "short.mp4"
    short.write_bytes(provider_video(1.0, tmp_path))
    with pytest.raises(GenerationError, match="extends clips of 2-15 s; short.mp4 lasts 1.00 s"):
        adapter.generate(ask(4.0, mode="extend", references=[short]), tmp_path / "a.mp4")
    long_enough = tmp_path / "clip.mp4"
    long_enough.write_bytes(provider_video(3.0, tmp_path))
    with pytest.raises(GenerationError, match="extends a take by 2-10 s, not 12.00 s"):
        adapter.generate(ask(12.0, mode="extend", references=[long_enough]), tmp_path / "b.mp4")
    assert fake.ledger.submissions == []
