"""One continuous take: the plan marks shots that carry on the one before, and the agent makes
each of their takes by extending the take before it (issue 26)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from videoagent.agent.agent import Agent
from videoagent.agent.planning import draft_bible
from videoagent.agent.settings import AgentSettings
from videoagent.errors import PlanError
from videoagent.media.frames import iter_frames
from videoagent.media.probe import probe
from videoagent.plan.bible import Bible
from videoagent.plan.brief import make_brief
from videoagent.plan.continuity import asks_one_take
from videoagent.plan.offline_planner import plan_offline
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Storyboard
from videoagent.timeline.otio_io import read_otio

ONE_TAKE = "one continuous 60 second shot of a dog walking through the park to a café"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (ONE_TAKE, True),
        ("a dog chasing a ball in one take", True),
        ("a 20 second video of a cat with no cuts", True),
        ("a single unbroken shot of a bird flying over the beach", True),
        ("a dog going on a walk, sniffing around, getting a pup cup", False),
        ("a dog takes one look at the cat", False),
        ("a person cuts a cake in the kitchen", False),
    ],
)
def test_a_request_for_one_take_is_recognised(text, asked):
    assert asks_one_take(text) is asked


def _board(text: str, **settings) -> tuple[Storyboard, Bible]:
    request = Request.build(text, **settings)
    brief = make_brief(request)
    bible = draft_bible(brief)
    return plan_offline(request, brief, bible), bible


def test_a_one_take_request_is_planned_as_shots_that_carry_on_with_no_cut():
    request = Request.build(ONE_TAKE)
    brief = make_brief(request)
    assert brief.one_take and brief.subject == "a dog"
    board = plan_offline(request, brief, draft_bible(brief))
    shots = board.shots
    assert len(shots) == 6 and all(s.kind == "generated" for s in shots)  # no cards
    assert sum(s.frames for s in shots) == request.frames
    assert all(s.frames <= request.rate.frames(10) for s in shots)
    assert [s.continues for s in shots] == [False] + [True] * 5
    assert {s.transition_in for s in shots} == {"cut"}
    assert len({(s.shot_size, s.camera) for s in shots}) == 1  # one framing throughout
    assert len({(s.scene["shot_size"], s.scene["camera"]) for s in shots}) == 1
    again = Storyboard.from_dict(board.to_dict())
    assert [s.continues for s in again.shots] == [s.continues for s in shots]


def test_an_ordinary_request_has_no_continuing_shot():
    board, _ = _board("a dog walking, then a dog sitting", duration=8)
    assert not any(s.continues for s in board.shots)


def test_a_shot_continues_only_a_generated_shot_it_is_cut_to():
    board, bible = _board("a dog walking, then a dog sitting", duration=8, mode="brand")
    board.validate(bible)
    first_generated = next(i for i, s in enumerate(board.shots) if s.kind == "generated")
    board.shots[first_generated].continues = True  # the shot before it is the title card
    with pytest.raises(PlanError, match="only generated shots carry on a take"):
        board.validate(bible)
    board.shots[first_generated].continues = False
    board.shots[0].continues = True
    with pytest.raises(PlanError, match="it is the first shot"):
        board.validate(bible)


def _one_take_run(tmp_path: Path, backend: str, **options):
    settings = AgentSettings(
        backend=backend, music=False, ambience=False, shared_cache=None, **options
    )
    records = []
    request = Request.build("a dog walking in the park in one take", duration=21, size="192x108")
    result = Agent(settings, listener=records.append).make(request, tmp_path / "film")
    return result, records


def test_each_continuing_take_extends_the_take_kept_before_it(tmp_path: Path):
    """Fake backend (it extends from a clip's last frame); shot 2's first take is black, so
    shot 3 must carry on from shot 2's second take, the one kept."""
    options = {"generator_options": {"fake": {"faults": {"shot-02": ["black"]}}}}
    result, _ = _one_take_run(tmp_path, "fake", **options)
    assert result.verified
    shots = result.manifest["shots"]
    assert [s["continues"] is not None for s in shots] == [False, True, True]
    for before, shot in zip(shots, shots[1:], strict=False):
        kept = next(t for t in before["takes"] if t["take"] == before["chosen_take"])
        for take in shot["takes"]:
            assert take["mode"] == "extend"
            assert Path(take["references"][0]) == result.folder / kept["file"]
        assert shot["continues"]["shot"] == before["id"]
        assert shot["continues"]["made_as"] == "extension of its take"
    assert len(shots[1]["takes"]) == 2 and shots[2]["takes"][0]["seed"] == shots[2]["seed"]
    timeline = read_otio(result.folder / "timeline.otio")
    assert all(t.frames == 0 for t in timeline.transitions)
    assert probe(result.video, count_frames=True).frames == 21 * 24


def test_the_fake_backend_carries_on_from_the_clip_it_extends(tmp_path: Path):
    from videoagent.generators.base import GenerationRequest
    from videoagent.generators.fake import FakeGenerator
    from videoagent.media.writer import Mp4Writer
    from videoagent.timeline.time import FrameRate

    rate = FrameRate.of(24)
    clip = tmp_path / "red.mp4"
    with Mp4Writer(clip, size=(96, 64), rate=rate, frames=3) as writer:
        for _ in range(3):
            writer.write(np.full((64, 96, 3), (200, 30, 30), np.uint8))
    request = GenerationRequest(
        "a dog", 4, rate, 96, 64, mode="extend", references=(str(clip),), label="shot-02"
    )
    made = FakeGenerator({}).generate(request, tmp_path / "more.mp4").output
    opening = next(iter(iter_frames(made))).astype(int)
    red = (np.abs(opening - (200, 30, 30)) < 24).all(-1)
    assert red.mean() > 0.8  # all but the moving bar is the clip's last picture


def test_procedural_carries_its_world_on_across_the_join(tmp_path: Path):
    """Each procedural take of a one-take chain starts where the take before it left the
    subject, the camera and the scenery: in ground truth the subject's box goes on from
    where it was, not from where a fresh shot would stage it."""
    from videoagent.store.truth_file import read_truth

    result, _ = _one_take_run(tmp_path, "procedural")
    assert result.verified and not result.kept_failing
    shots = result.manifest["shots"]
    for before, shot in zip(shots, shots[1:], strict=False):
        assert shot["continues"]["made_as"] == "extension of its take"
        kept = next(t for t in shot["takes"] if t["take"] == shot["chosen_take"])
        previous = next(t for t in before["takes"] if t["take"] == before["chosen_take"])
        end = read_truth(result.folder / previous["file"])["frames"][-1]["entities"][0]["box"]
        start = read_truth(result.folder / kept["file"])["frames"][0]["entities"][0]["box"]
        assert max(abs(a - b) for a, b in zip(end, start, strict=True)) <= 2  # pixels


def test_a_backend_that_cannot_extend_makes_the_shot_fresh_and_says_so(tmp_path, monkeypatch):
    import json

    from videoagent.generators.catalog import catalog

    entry = json.loads((Path(catalog.__code__.co_filename).parent / "catalog.json").read_text())
    procedural = entry["generators"]["procedural"]
    procedural["modes"] = ["text-to-video"]  # as if it could not extend
    override = tmp_path / "catalog.json"
    override.write_text(json.dumps({"generators": {"procedural": procedural}}))
    monkeypatch.setenv("VIDEOAGENT_CATALOG", str(override))
    result, records = _one_take_run(tmp_path, "procedural")
    assert result.verified
    continuing = [s for s in result.manifest["shots"] if s["continues"]]
    assert len(continuing) == 2
    assert {s["continues"]["made_as"] for s in continuing} == {"fresh take (a cut)"}
    assert all(t["mode"] == "text-to-video" for s in continuing for t in s["takes"])
    said = [r.message for r in records if r.status == "warning" and "cannot extend" in r.message]
    assert len(said) == 2 and "the video cuts there" in said[0]


def test_removing_a_shot_of_a_take_remakes_the_one_that_carried_it_on(tmp_path: Path):
    """Shot 3 carried on shot 2's take; with shot 2 removed it carries on shot 1's, so its
    take is made again from shot 1's end (and shot 1's take is kept)."""
    result, _ = _one_take_run(tmp_path, "fake")
    before = {s["id"]: s for s in result.manifest["shots"]}
    records = []
    settings = AgentSettings(backend="fake", music=False, ambience=False, shared_cache=None)
    edited = Agent(settings, listener=records.append).edit(result.folder, "remove shot 2")
    shots = {s["id"]: s for s in edited.manifest["shots"]}
    assert list(shots) == ["shot-01", "shot-03"]
    assert shots["shot-01"]["takes"][-1]["key"] == before["shot-01"]["takes"][-1]["key"]
    remade = shots["shot-03"]["takes"][-1]
    assert remade["key"] != before["shot-03"]["takes"][-1]["key"]
    assert Path(remade["references"][0]) == edited.folder / shots["shot-01"]["takes"][-1]["file"]
    assert shots["shot-03"]["continues"]["shot"] == "shot-01"
    assert any("shot-03 now carries on shot-01" in r.message for r in records)


def test_procedural_extends_only_its_own_takes(tmp_path: Path):
    from videoagent.errors import GenerationError
    from videoagent.generators.base import GenerationRequest
    from videoagent.generators.fake import FakeGenerator
    from videoagent.generators.procedural import ProceduralGenerator
    from videoagent.timeline.time import FrameRate

    rate = FrameRate.of(24)
    other = GenerationRequest("a dog", 12, rate, 96, 64, label="shot-01")
    made = FakeGenerator({}).generate(other, tmp_path / "fake.mp4").output
    more = GenerationRequest(
        "A brown dog walks along.", 12, rate, 96, 64, mode="extend", references=(str(made),)
    )
    with pytest.raises(GenerationError, match="extends only its own takes.*fake.mp4"):
        ProceduralGenerator().submit(more, tmp_path / "more.mp4")


def _one_take_on(provider: str, seconds: float, tmp_path, monkeypatch):
    """A one-take request made on a (fake) hosted provider: its result and the fake's ledger."""
    from fake_providers import FAKES, KEY
    from videoagent.generators import capabilities

    caps = capabilities(provider)
    monkeypatch.setenv(caps.setup["key_env"], KEY)
    fake = FAKES[provider](tmp_path, price=caps.price_per_second)
    try:
        options = {provider: {"api_key": KEY, "base_url": fake.url, "first_poll": 0.01}}
        settings = AgentSettings(
            backend=provider,
            music=False,
            ambience=False,
            shared_cache=None,
            generator_options=options,
            budget=5.0,
        )
        request = Request.build("a dog walking in the park in one take", duration=seconds)
        result = Agent(settings).make(request, tmp_path / "film")
    finally:
        fake.close()
    return result, fake.ledger


def test_a_one_take_on_xai_is_made_of_paid_extensions_counted_whole(tmp_path, monkeypatch):
    """On a (fake) xAI, each continuing shot is sent to its extension endpoint with the
    take before it; the estimate and the budget count each extension as the whole video
    xAI returns (that take and the new seconds), and the fake's charges match."""
    from videoagent.generators import capabilities

    result, ledger = _one_take_on("xai", 15, tmp_path, monkeypatch)
    shots = result.manifest["shots"]
    assert [s["continues"] and s["continues"]["made_as"] for s in shots] == [
        None,
        "extension of its take",
    ]
    first, second = ledger.submissions
    assert "video" not in first and second["duration"] == 8  # 7.5 s, billed as 8
    assert second["video"]["url"].startswith("data:video/mp4;base64,")
    # 8 s for the first take (7.5 s asked); its extension returns that 7.5 s take and 8 s
    # more: 23.5 s in all, estimated before anything was sent and charged as estimated
    whole = round(23.5 * capabilities("xai").price_per_second, 4)
    charged = round(sum(amount for _, amount in ledger.charges), 4)
    assert result.manifest["cost"]["estimate"]["cost"] == whole == charged


def test_a_one_take_on_veo_extends_its_own_video_by_its_uri(tmp_path, monkeypatch):
    """On a (fake) Veo, the continuing shot names the URI Veo gave the take before it; the
    extension is made and billed as 7 s, estimated before anything was sent."""
    from videoagent.generators import capabilities

    result, ledger = _one_take_on("veo", 12, tmp_path, monkeypatch)
    shots = result.manifest["shots"]
    assert [s["continues"] and s["continues"]["made_as"] for s in shots] == [
        None,
        "extension of its take",
    ]
    first, second = ledger.submissions
    assert "video" not in first["instances"][0]
    made = shots[0]["takes"][-1]["report"]["veo_video"]
    assert second["instances"][0]["video"] == {"uri": made}
    # 6 s for the first take, 7 s for its extension (of which the shot keeps 6)
    whole = round(13 * capabilities("veo").price_per_second, 4)
    charged = round(sum(amount for _, amount in ledger.charges), 4)
    assert result.manifest["cost"]["estimate"]["cost"] == whole == charged
