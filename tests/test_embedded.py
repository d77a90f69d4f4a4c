"""The `embedded` generator: our shipped text-to-video model behind the Generator interface,
judged by our shipped recognizer in the agent's evaluate step."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

from PIL import Image  # noqa: E402

from videoagent import Agent, AgentSettings, Request  # noqa: E402
from videoagent.generators import registry  # noqa: E402
from videoagent.generators.base import GenerationRequest  # noqa: E402
from videoagent.generators.embedded import VIDEO_MODEL, plate_path, resample  # noqa: E402
from videoagent.media.frames import iter_frames  # noqa: E402
from videoagent.media.probe import probe  # noqa: E402
from videoagent.timeline.time import FrameRate  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: videos made by the embedded model

needs_weights = pytest.mark.skipif(not VIDEO_MODEL.exists(), reason="no shipped video model")


def test_resample_blends_model_frames_to_the_asked_rate():
    frames = np.stack([np.full((2, 2, 3), v, np.uint8) for v in (0, 90, 180)])
    out = resample(frames, native_fps=8, fps=24, count=7)
    assert [int(f[0, 0, 0]) for f in out] == [0, 30, 60, 90, 120, 150, 180]


@needs_weights
def test_an_extension_steps_into_its_first_frame_as_between_any_two(tmp_path, monkeypatch):
    """An extension begins with the model frame its take had made next, the one the take's
    last output frames blend towards: the step across the join is an ordinary one (a new
    draw of that moment was about three times one, a jump at every join). Read from the
    frames written, before the encoder: each take starts on a keyframe, whose step in the
    mp4 is larger than others wherever it falls, joins or not."""
    written: dict[str, list[np.ndarray]] = {}
    encoding = GenerationRequest.writer

    def keeping(request, output):
        writer = encoding(request, output)
        frames, write = written.setdefault(Path(output).name, []), writer.write
        writer.write = lambda frame: (frames.append(np.array(frame, dtype=int)), write(frame))
        return writer

    monkeypatch.setattr(GenerationRequest, "writer", keeping)
    generator = registry.create("embedded")
    place = "Wide shot, static camera. A park with green grass and a paved path, noon, clear."
    request = GenerationRequest(
        place, frames=48, rate=FrameRate(Fraction(24)), width=160, height=90, seed=2
    )
    take = generator.generate(request, tmp_path / "park.mp4")
    more = replace(request, frames=24, mode="extend", references=(str(take.output),))
    assert generator.generate(more, tmp_path / "more.mp4").report["continued"] == (
        "its plate's latents"
    )
    frames, after = np.stack(written["park.mp4"]), written["more.mp4"][0]
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    assert np.abs(after - frames[-1]).mean() < 1.5 * np.median(steps)


def sideways_shift(before: np.ndarray, after: np.ndarray, most: int = 30) -> int:
    """The horizontal shift (pixels) that best lays `after` over `before`."""
    a, b = (frame.astype(np.float32).mean(-1) for frame in (before, after))
    a, b = a - a.mean(), b - b.mean()

    def mismatch(dx: int) -> float:
        x, y = (a[:, dx:], b[:, : a.shape[1] - dx]) if dx >= 0 else (a[:, :dx], b[:, -dx:])
        return float(np.mean((x - y) ** 2))

    return min(range(-most, most + 1), key=mismatch)


@needs_weights
def test_a_pan_too_slow_for_the_model_is_drawn_as_a_still_plate(tmp_path: Path):
    """The model draws a pan at the pace of its 3 s training clips: a 3 s pan slides the
    street along; a 6 s one is staged at half that pace or less, so its plate stands still
    and the report says why (and that it is held as a still take)."""
    generator = registry.create("embedded")
    pan = "Wide shot, the camera pans slowly across. A street with buildings, noon, clear."
    rate = FrameRate(Fraction(8))
    shifts = {}
    for seconds in (3, 6):
        request = GenerationRequest(pan, 8 * seconds, rate, 128, 72, seed=2)
        job = generator.generate(request, tmp_path / f"pan{seconds}.mp4")
        frames = np.stack(list(iter_frames(job.output)))
        shifts[seconds] = [sideways_shift(frames[i], frames[i + 4]) for i in (0, 8, 16)]
        notes = job.report["plate_camera"]
        assert (notes is None) == (seconds == 3)
        # drawn still, it is held from its first frame as a still camera's take; panning, not
        assert (job.report["held_to_take"] is None) == (seconds == 3)
    assert all(abs(shift) >= 5 for shift in shifts[3])  # about 10 px a half second
    assert all(abs(shift) <= 1 for shift in shifts[6])
    assert notes.startswith("drawn still: the staged pan runs at 0.4")


@needs_weights
def test_an_animal_or_a_ride_the_model_never_learnt_is_reported_not_drawn_wrong(tmp_path: Path):
    """Its layers are sized by the kinds and actions it learnt: a horse is a placeholder
    there (the report says so) and its rider stands, where synthworld draws both."""
    generator = registry.create("embedded")
    prompt = "Wide shot, static camera. A park, noon, clear. A red person rides a brown horse."
    request = GenerationRequest(prompt, 16, FrameRate(Fraction(8)), 128, 72, seed=1)
    job = generator.generate(request, tmp_path / "ride.mp4")
    assert job.report["placeholders"] == ["horse"]
    drawn = [(e["kind"], e["action"]) for e in job.report["understood"]["entities"]]
    assert drawn == [("person", "stand"), ("placeholder", "stand")]
    assert probe(job.output, count_frames=True).frames == 16


@needs_weights
def test_embedded_loads_offline_and_makes_clips_of_the_asked_shape(tmp_path: Path):
    # Its weights load; whether it is the default follows its measured figures
    # (test_default_backend.py).
    assert {"procedural", "embedded"} <= set(registry.available())
    generator = registry.create("embedded")
    request = GenerationRequest(
        "Wide shot, static camera. A park with green grass and a paved path, noon, clear. "
        "A brown dog walks along.",
        frames=36,
        rate=FrameRate(Fraction(24)),
        width=160,
        height=90,
        seed=1,
    )
    job = generator.generate(request, tmp_path / "walk.mp4")
    info = probe(job.output, count_frames=True)
    assert (info.frames, info.width, info.height, info.fps) == (36, 160, 90, 24)
    assert job.report["caption"].startswith("Wide shot") and job.report["steps"] == 4
    assert job.report["layers"] == "plate and entities"
    assert job.report["enlarged_by"] == "plate upsampler"  # its weights ship with the plate's
    # left alone the model lets a place settle into a plainer one: held from the start
    assert job.report["held_to_take"] == (
        "0.3 of the way to its mean from its first frame, in every detail (a still camera)"
    )
    frames = np.stack(list(iter_frames(job.output)))
    assert frames.std() > 10  # a picture, not a flat colour

    first = tmp_path / "first.png"
    Image.fromarray(frames[0]).save(first)
    follow = GenerationRequest(
        request.prompt,
        frames=12,
        rate=request.rate,
        width=160,
        height=90,
        mode="image-to-video",
        references=(str(first),),
    )
    continued = generator.generate(follow, tmp_path / "follow.mp4")
    assert continued.report["layers"] == "video model alone"  # the picture places things
    assert continued.report["enlarged_by"] == "bicubic"  # the upsampler knows plates only
    opening = next(iter_frames(continued.output)).astype(int)
    # Image-to-video starts from the given picture, not from a fresh draw.
    assert np.abs(opening - frames[0].astype(int)).mean() < 25

    # Extending the take goes on from the plate it kept, the model's own latents as made,
    # and draws the dog again over it (from the composite frames the video model alone
    # would smear the dog into the place).
    assert plate_path(job.output).exists()
    more = replace(follow, mode="extend", references=(str(job.output),))
    extended = generator.generate(more, tmp_path / "more.mp4")
    assert (extended.report["layers"], extended.report["continued"]) == (
        "plate and entities",
        "its plate's latents",
    )
    joined = np.abs(next(iter_frames(extended.output)).astype(int) - frames[-1].astype(int))
    assert joined.mean() < 25  # the extension begins where the take ended
    # In the same place, light and weather it is held to the whole take's mean (in every
    # detail: the camera stands still), and keeps the memory of both parts for the next
    # extension (1.5 s and 0.5 s at 8 model fps).
    assert extended.report["held_to_take"] == (
        "0.3 of the way to its mean over 12 frames, in every detail (a still camera)"
    )
    with np.load(plate_path(extended.output)) as kept:
        assert int(kept["memory_frames"]) == 12 + 4
    # Made again because the extension before failed its weather, it is drawn free of the
    # memory (which may be what failed), and still adds to it; a failure the memory does
    # not hold (the dog unseen) leaves the hold as it was.
    mending = generator.generate(replace(more, seed=2, mend=("weather",)), tmp_path / "m.mp4")
    assert mending.report["held_to_take"] is None
    assert mending.report["let_go_of_memory"] == "a take before it failed its weather"
    with np.load(plate_path(mending.output)) as kept:
        assert int(kept["memory_frames"]) == 12 + 4
    unseen = replace(more, seed=3, mend=("recognises dog",))
    held = generator.generate(unseen, tmp_path / "unseen.mp4")
    assert held.report["held_to_take"] == extended.report["held_to_take"]
    assert held.report["let_go_of_memory"] is None
    # Going on to another place, nothing holds it to the park: its memory begins anew.
    elsewhere = replace(more, prompt=request.prompt.replace("noon", "night"))
    moved = generator.generate(elsewhere, tmp_path / "night.mp4")
    assert moved.report["held_to_take"] is None
    with np.load(plate_path(moved.output)) as kept:
        assert int(kept["memory_frames"]) == 4
        older = {name: kept[name] for name in kept.files if name != "latents"}
    # A plate kept before plates kept their latents is continued from its frames.
    np.savez(plate_path(moved.output), **older)
    on = generator.generate(
        replace(elsewhere, references=(str(moved.output),)), tmp_path / "on.mp4"
    )
    assert on.report["continued"] == "its plate"


@needs_weights
def test_an_embedded_journey_arrives_beyond_a_seam_the_camera_brings_in(tmp_path: Path):
    """Extending a tracking take of the park with a shot that arrives at a café: it starts
    as the park's own extension would (the same plate, column for column, where the ground
    is still the park's), the café comes in on the side the camera travels to, and the
    take's memory begins anew at the café."""
    generator = registry.create("embedded")
    walk = (
        "Wide shot, tracking camera following the subject. {place}, noon, clear.{more} "
        "A brown dog walks along."
    )
    park = "A park with green grass and a paved path"
    rate = FrameRate(Fraction(24))
    opening = GenerationRequest(walk.format(place=park, more=""), 24, rate, 160, 90, seed=2)
    taken = generator.generate(opening, tmp_path / "park.mp4").output
    cafe = walk.format(
        place="A cafe terrace in front of a cafe window", more=" Coming from the park."
    )
    arrive = replace(opening, prompt=cafe, frames=72, mode="extend", references=(str(taken),))
    arrived = generator.generate(arrive, tmp_path / "arrive.mp4")
    assert arrived.report["arrives"].startswith("from the park: the cafe drawn on its own")
    stayed = generator.generate(replace(arrive, prompt=opening.prompt), tmp_path / "stay.mp4")
    assert stayed.report["arrives"] is None
    last = [np.stack(list(iter_frames(job.output)))[-1].astype(int) for job in (arrived, stayed)]
    left, right = (
        np.abs(last[0] - last[1])[:, part].mean() for part in (slice(0, 40), slice(-40, None))
    )
    assert left < 3 and right > 4 * left + 10  # the park where it still is, the café beyond
    ended = np.stack(list(iter_frames(taken)))[-1].astype(int)
    began = next(iter_frames(arrived.output)).astype(int)
    assert np.abs(began - ended).mean() < 25  # it begins where the park's take ended
    with np.load(plate_path(arrived.output)) as kept:
        assert str(kept["memory_scene"]) == "cafe, noon, clear"


@needs_weights
def test_judge_reads_an_embedded_take_as_it_reads_synthworlds_own_render(tmp_path: Path):
    from videoagent.evaluate.recognized import recognizer
    from videoagent.nn.judge import SEEN_SHARE, read_clip

    request = GenerationRequest(
        "Medium shot, static camera. A cafe terrace, morning, clear. A golden dog sits, "
        "a person gives a red cup to the dog.",
        frames=24,
        rate=FrameRate(Fraction(8)),
        width=224,
        height=128,
        seed=3,
    )
    readings = {}
    for name in ("embedded", "procedural"):
        job = registry.create(name).generate(request, tmp_path / f"{name}.mp4")
        frames = np.stack(list(iter_frames(job.output)))
        readings[name] = read_clip(recognizer(), frames, float(probe(job.output).fps))
    seen = {
        name: {kind for kind, share in reading.seen.items() if share >= SEEN_SHARE}
        for name, reading in readings.items()
    }
    # With the entity model drawing the cast, the take reads like synthworld's own render
    # on the subject and the place. (The recognizer also sees a cat in the embedded take,
    # which has none, and neither the person nor the cup in either: its known misses.)
    assert "dog" in seen["embedded"] and "dog" in seen["procedural"], seen
    assert readings["embedded"].place == readings["procedural"].place == "cafe"


@needs_weights
def test_agent_makes_a_video_with_embedded_takes_judged_by_the_recognizer(tmp_path: Path):
    request = Request.build(
        "a dog walking in the park, then a dog sitting", duration=4, size="224x128"
    )
    result = Agent(AgentSettings(backend="embedded", max_retries=0)).make(request, tmp_path / "f")
    info = probe(result.video, count_frames=True)
    assert (info.width, info.height) == (224, 128) and abs(info.video_duration - 4) < 0.05
    manifest = json.loads((result.folder / "renders/manifest.json").read_text())
    for shot in manifest["shots"]:
        checks = {c["name"] for c in shot["takes"][0]["checks"]}
        assert {"recognises dog", "place", "time of day", "weather"} <= checks
    # The asks are read from the staging the entity model drew and what the recognizer sees
    # where the staging has it big enough to read (unchecked only where it never is), and a
    # "shown" entity is borne out by both, read again here.
    from videoagent.evaluate.recognized import RECOGNIZER
    from videoagent.evaluate.staged_shares import staged_shares
    from videoagent.nn import checkpoint
    from videoagent.nn.judge import SEEN_SHARE, read_clip
    from videoagent.store.staged_file import read_staged

    asks = {a["said"]: a for a in manifest["asks"]}
    assert {"a dog", "at the park", "the dog walks", "the dog sits"} <= set(asks)
    for ask in asks.values():
        assert ask["state"] in ("shown", "not shown") or "never big enough" in ask["evidence"]
    recognizer, _ = checkpoint.load(RECOGNIZER)
    for shot in manifest["shots"]:
        take = shot["takes"][0]
        staged = read_staged(result.folder / take["file"])
        clip = result.folder / take["file"]
        assert len(staged["frames"]) == probe(clip, count_frames=True).frames
        dogs = max(sum(e["kind"] == "dog" and e["visible"] >= 0.5 for e in f["entities"])
                   for f in staged["frames"])  # fmt: skip
        frames = np.stack(list(iter_frames(clip)))
        reading = read_clip(recognizer, frames, float(probe(clip).fps))
        seen = staged_shares(reading, staged["frames"], *staged["size"]).kinds
        if dogs and seen.get("dog", 0.0) >= SEEN_SHARE:
            assert asks["a dog"]["state"] == "shown"
    if asks["a dog"]["state"] == "shown":
        assert "recognizer" in asks["a dog"]["evidence"]


@pytest.mark.parametrize("place", ["park", "living room"])
def test_a_take_that_looks_snowy_where_clear_was_asked_fails_and_indoors_says_why(place):
    """Outdoors snow falls in the picture; indoors it is only a tint of the light, and the
    check says that is what it read."""
    from videoagent.evaluate.check import failed
    from videoagent.evaluate.recognized import frames_checks
    from videoagent.synthworld.render import Renderer
    from videoagent.synthworld.spec import EntitySpec, SceneSpec

    asked = SceneSpec(
        place=place,
        time_of_day="noon",
        weather="clear",
        camera="static",
        shot_size="medium",
        entities=(EntitySpec("dog", "brown", "sit"),),
    )
    drawn = replace(asked, weather="snow")
    frames = np.stack([f for f, _ in Renderer(drawn, size=(224, 128), fps=8, frames=16, seed=1)])
    checks = frames_checks(frames, 8.0, None, asked)
    weather = next(check for check in checks if check.name == "weather")
    assert weather in failed(checks) and weather.value == "snow"
    assert ("tint of its light" in weather.detail) == (place == "living room")
