"""`make --preview`: the whole video first on the procedural world, free, and the paid
backend only after the estimate is approved, every shot made once, with the preview's cuts
to the frame."""

from __future__ import annotations

from dataclasses import replace

import opentimelineio as otio
import pytest

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.errors import Cancelled
from videoagent.media.probe import probe

pytestmark = pytest.mark.slow  # two videos made, one on a (fake) paid provider

DOG = "a dog going on a walk, sniffing around, getting a pup cup, meeting a friend"


def _cuts(project) -> list[tuple[int, int]]:
    """Where each clip of the picture track sits (first frame, frames)."""
    document = otio.adapters.read_from_file(str(project / "timeline.otio"))
    picture = [t for t in document.tracks if t.name == "picture"][0]
    placed = [picture.range_of_child(c) for c in picture if isinstance(c, otio.schema.Clip)]
    return [(r.start_time.value, r.duration.value) for r in placed]


def test_a_preview_costs_nothing_and_the_paid_video_keeps_its_cuts(tmp_path, monkeypatch):
    from fake_providers import KEY, FakeXai
    from videoagent.generators import capabilities

    caps = capabilities("xai")
    monkeypatch.setenv(caps.setup["key_env"], KEY)
    fake = FakeXai(tmp_path, price=caps.price_per_second)
    asked: list[dict] = []

    def approve(estimate: dict) -> bool:
        # the preview is made by now, and nothing was sent to the provider
        asked.append({**estimate, "sent before": len(fake.ledger.submissions)})
        return True

    try:
        options = {"xai": {"api_key": KEY, "base_url": fake.url, "first_poll": 0.01}}
        settings = replace(
            QUIET, backend="xai", generator_options=options, approve=approve, preview=True
        )
        request = Request.build(DOG, duration=12, size="320x180")
        records = []
        result = Agent(settings, listener=records.append).make(request, tmp_path / "film")
    finally:
        fake.close()
    preview = tmp_path / "film" / "preview"
    said = [r for r in records if r.step == "preview" and r.status == "done"]
    assert said and "$0" in said[0].message
    assert probe(preview / "renders" / "final.mp4").width == 160  # half the size
    manifest = result.manifest
    generated = [s for s in manifest["shots"] if s.get("takes")]
    assert asked[0]["sent before"] == 0 and asked[0]["cost"] > 0
    # every shot once, charged as estimated
    assert len(fake.ledger.submissions) == len(generated)
    assert manifest["cost"]["actual"] == pytest.approx(asked[0]["cost"])
    assert _cuts(tmp_path / "film") == _cuts(preview)
    final, rough = (probe(p / "renders" / "final.mp4") for p in (tmp_path / "film", preview))
    assert final.frames == rough.frames == 12 * 24


def test_a_preview_declined_leaves_it_and_generates_nothing(tmp_path):
    settings = replace(QUIET, backend="fake", approve=lambda estimate: False, preview=True)
    request = Request.build("a dog walking, then a dog sitting", duration=4, size="192x108")
    with pytest.raises(Cancelled, match="not approved"):
        Agent(settings).make(request, tmp_path / "film")
    assert (tmp_path / "film" / "preview" / "renders" / "final.mp4").is_file()
    assert not list((tmp_path / "film" / "shots").glob("*/takes/*/clip.mp4"))
