"""A take whose subject the judge cannot make out is retried with the camera closer (and one
that cuts off what was asked for, wider: test_asks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from videoagent import Agent, AgentSettings, Request
from videoagent.agent import shooting
from videoagent.evaluate.check import Check
from videoagent.plan.reframe import closer, wider
from videoagent.plan.storyboard import Shot


def test_closer_and_wider_move_one_size_at_a_time_and_no_further():
    shot = Shot(
        "shot-01",
        0,
        "generated",
        "walk",
        "A dog walks.",
        24,
        prompt="old",
        scene={"shot_size": "wide", "entities": []},
    )
    sizes = []
    while (shot := closer(shot)) is not None:
        sizes.append((shot.shot_size, shot.scene["shot_size"], shot.prompt))
    assert sizes == [("medium", "medium", ""), ("close-up", "close-up", "")]
    card = Shot("shot-02", 1, "card", "title", "", 24)
    assert closer(card) is None
    shot = Shot("shot-01", 0, "generated", "sit", "", 24, scene={"shot_size": "close-up"})
    sizes = []
    while (shot := wider(shot)) is not None:
        sizes.append((shot.shot_size, shot.scene["shot_size"]))
    assert sizes == [("medium", "medium"), ("wide", "wide")]
    assert wider(card) is None


@pytest.fixture
def dog_unseen_until_close(monkeypatch):
    """The judge sees the dog only in close-ups (ours sees dogs in close-ups far more often
    than in wide shots). The tests using it keep no shared cache, so these made-up verdicts
    never reach another test's takes."""
    real = shooting.take_checks

    def judged(job, scene):
        seen = scene.shot_size == "close-up"
        return real(job, scene) + [Check("recognises dog", seen, f"close-up: {seen}")]

    monkeypatch.setattr(shooting, "take_checks", judged)


def test_an_unrecognised_dog_is_shot_again_closer_until_it_is_seen(
    tmp_path: Path, dog_unseen_until_close
):
    records = []
    settings = AgentSettings(backend="procedural", max_retries=2, shared_cache=None)
    request = Request.build("a wide shot of a dog walking in the park", duration=2, size="160x90")
    result = Agent(settings, listener=records.append).make(request, tmp_path / "f")
    takes = result.manifest["shots"][0]["takes"]
    assert [t["accepted"] for t in takes] == [False, False, True]
    assert len({t["seed"] for t in takes}) == 3
    prompts = [t["prompt"] for t in takes]
    assert prompts[0].startswith("Wide") and len(set(prompts)) == 3
    revisions = [r for r in records if r.step == "revise" and r.status == "warning"]
    assert [r.data["shot_size"] for r in revisions[:2]] == ["medium", "close-up"]
    assert "framed closer (close-up)" in revisions[1].message
    # The storyboard keeps the planned framing: only the takes moved closer.
    assert result.manifest["shots"][0]["prompt"] == prompts[0]


def test_a_failure_the_camera_cannot_fix_keeps_the_framing(tmp_path: Path, monkeypatch):
    settings = AgentSettings(backend="procedural", max_retries=1, shared_cache=None)
    real = shooting.take_checks
    monkeypatch.setattr(
        shooting, "take_checks", lambda job, scene: real(job, scene) + [Check("place", False, "")]
    )
    request = Request.build("a wide shot of a dog walking in the park", duration=2, size="160x90")
    takes = Agent(settings).make(request, tmp_path / "f").manifest["shots"][0]["takes"]
    assert len({t["prompt"] for t in takes}) == 1 and len(takes) == 2


@pytest.fixture
def ball_unseen(monkeypatch):
    """The judge never makes out the ball (as ours misses one a few pixels wide)."""
    real = shooting.take_checks
    monkeypatch.setattr(
        shooting,
        "take_checks",
        lambda job, scene: real(job, scene) + [Check("recognises ball", False, "under 25%")],
    )


def _takes(text: str, tmp_path: Path) -> list[dict]:
    settings = AgentSettings(backend="procedural", max_retries=1, shared_cache=None)
    request = Request.build(text, duration=2, size="160x90")
    return Agent(settings).make(request, tmp_path / "f").manifest["shots"][0]["takes"]


def test_an_unrecognised_prop_is_shot_closer_where_the_cast_stays_in_the_picture(
    tmp_path: Path, ball_unseen
):
    """The ball runs just ahead of the dog that chases it: a medium shot keeps both, and
    draws the ball larger."""
    takes = _takes("a wide tracking shot of a dog chasing a ball in the park", tmp_path)
    assert [t["prompt"].split(",")[0] for t in takes] == ["Wide shot", "Medium shot"]


def test_an_unrecognised_prop_keeps_the_framing_that_a_closer_one_would_cut_off(
    tmp_path: Path, ball_unseen
):
    """Closer framing follows the subject: a close-up of the first of two chasing dogs
    would lose the second, so the ball is retried with a new seed at the same size."""
    takes = _takes("a medium tracking shot of two dogs chasing a ball in the park", tmp_path)
    assert len(takes) == 2 and not any(t["accepted"] for t in takes)
    assert len({t["prompt"] for t in takes}) == 1 and takes[0]["prompt"].startswith("Medium")


def test_a_staged_thing_the_frame_cuts_off_is_shot_again_wider(tmp_path: Path):
    """A close-up of a dog by a house shows none of the house (its truth check fails): the
    next take is framed one size wider, and shows it."""
    records = []
    settings = AgentSettings(backend="procedural", max_retries=1, shared_cache=None)
    request = Request.build("a golden dog sitting by a house", duration=2, size="160x90")
    result = Agent(settings, listener=records.append).make(request, tmp_path / "f")
    takes = result.manifest["shots"][0]["takes"]
    assert takes[0]["prompt"].startswith("Close-up") and not takes[0]["accepted"]
    assert "shows yellow house" in {c["name"] for c in takes[0]["checks"] if not c["passed"]}
    assert takes[1]["prompt"].startswith("Medium") and takes[1]["accepted"]
    assert any("framed wider (medium)" in r.message for r in records if r.step == "revise")


def test_a_still_run_the_truth_asked_for_is_no_failure(tmp_path: Path):
    """A fixed camera on a sitting cat holds still for seconds at a time: with ground truth
    saying so, the long still run is said as a warning; in a shot that asks for movement
    it stays an error (and without truth it always does: test_cli's frozen fake takes)."""
    from fractions import Fraction

    from videoagent.evaluate.checks import take_checks
    from videoagent.generators import registry
    from videoagent.generators.base import GenerationRequest
    from videoagent.synthworld.prompt_parser import parse
    from videoagent.timeline.time import FrameRate

    prompt = "Wide shot, static camera. A park, night, clear. An orange cat sits still."
    request = GenerationRequest(prompt, 120, FrameRate(Fraction(24)), 192, 108, seed=12)
    job = registry.create("procedural").generate(request, tmp_path / "cat.mp4")
    scene = parse(prompt).spec
    frozen = next(c for c in take_checks(job, scene) if c.name == "frozen frames")
    assert (
        frozen.value > 24 and frozen.severity == "warning" and "asks for stillness" in frozen.detail
    )
    moving = parse(prompt.replace("sits still", "walks along")).spec
    assert (
        next(c for c in take_checks(job, moving) if c.name == "frozen frames").severity == "error"
    )


def test_one_holding_a_cup_still_is_still_by_design():
    """A person drinking holds the cup and stands still: the take failed "frozen frames"."""
    from videoagent.evaluate.checks import still_by_design
    from videoagent.synthworld.prompt_parser import parse

    holding = parse("Medium shot, static camera. A park. A blue person holds a white cup.").spec
    assert [e.action for e in holding.entities] == ["hold", "stand"]
    assert still_by_design(holding)
