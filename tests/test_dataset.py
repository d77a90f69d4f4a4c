"""The synthworld training dataset: shapes, captions that read back, held-out combinations."""

from __future__ import annotations

import numpy as np
import pytest

from videoagent.errors import UsageError
from videoagent.synthworld.dataset import DatasetConfig, SynthworldDataset, build
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.sampler import held_out_triples, sample_scene
from videoagent.synthworld.spec import SceneSpec

TINY = DatasetConfig(train=8, heldout=4, frames=4, shard_size=3)


def _triple(scene: SceneSpec) -> tuple[str, str, str]:
    return scene.drawable[0].kind, scene.place, scene.time_of_day


def test_tiny_dataset_is_complete_and_reads_back(tmp_path):
    card = build(tmp_path / "ds", TINY, log=lambda _: None)
    train = SynthworldDataset(tmp_path / "ds", "train")
    held = SynthworldDataset(tmp_path / "ds", "heldout")
    assert (len(train), len(held)) == (8, 4)
    assert card["splits"]["train"]["shards"] == 3  # 3 + 3 + 2 clips
    frames, text, row = train[7]
    assert frames.shape == (4, 64, 112, 3) and frames.dtype == np.uint8
    assert frames.std() > 10  # a picture, not a blank
    assert parse(text).spec == SceneSpec.from_dict(row["scene"])
    assert len(row["truth"]) == 4 and row["truth"][0]["entities"]
    assert "Held out" in (tmp_path / "ds" / "card.md").read_text()
    assert not list(tmp_path.glob(".*part"))


def test_clips_of_longer_scenes_are_windows_of_them(tmp_path):
    """With scene_seconds, a clip is its frames of a scene that runs longer (as a shot of a
    few seconds does), drawn as that scene draws them; the scenes are the same ones."""
    from dataclasses import replace

    from videoagent.synthworld.render import Renderer

    build(tmp_path / "whole", TINY, log=lambda _: None)
    build(tmp_path / "windows", replace(TINY, scene_seconds=3.0), log=lambda _: None)
    whole, windows = SynthworldDataset(tmp_path / "whole"), SynthworldDataset(tmp_path / "windows")
    assert [r["scene"] for r in whole.rows] == [r["scene"] for r in windows.rows]
    assert all(r["window"] == {"start": 0, "scene_frames": 4} for r in whole.rows)
    spans = [r["window"] for r in windows.rows]
    assert all(4 <= w["scene_frames"] <= 24 and w["start"] + 4 <= w["scene_frames"] for w in spans)
    assert any(w["start"] > 0 for w in spans)
    frames, _, row = windows[next(i for i, w in enumerate(spans) if w["start"] > 0)]
    scene = Renderer(SceneSpec.from_dict(row["scene"]), size=(112, 64), fps=8.0,
                     frames=row["window"]["scene_frames"], seed=row["seed"])  # fmt: skip
    start = row["window"]["start"]
    assert all(np.array_equal(frames[i], scene.frame(start + i)[0]) for i in range(4))
    assert [t["frame"] for t in row["truth"]] == [0, 1, 2, 3]
    with pytest.raises(UsageError, match="shorter than clips"):
        build(tmp_path / "x", replace(TINY, scene_seconds=0.25), log=lambda _: None)


def test_frames_drawn_larger_are_scaled_down_as_the_judge_scales_a_clip(tmp_path):
    """A shot is made at 224x128 or more and read at 112x64: drawn twice as large, a clip's
    frames are the judge's own scaling of them, and the boxes are measured at their size."""
    from dataclasses import replace

    pytest.importorskip("torch")  # the judge's scaling lives beside the recognizer
    from videoagent.nn.judge import fit_size
    from videoagent.synthworld.render import Renderer

    build(tmp_path / "native", TINY, log=lambda _: None)
    build(tmp_path / "larger", replace(TINY, drawn_larger=2), log=lambda _: None)
    native, larger = SynthworldDataset(tmp_path / "native"), SynthworldDataset(tmp_path / "larger")
    frames, _, row = larger[2]
    assert frames.shape == (4, 64, 112, 3)
    drawn = Renderer(SceneSpec.from_dict(row["scene"]), size=(224, 128), fps=8.0, frames=4,
                     seed=row["seed"])  # fmt: skip
    assert np.array_equal(frames, fit_size(np.stack([f for f, _ in drawn])))
    assert not np.array_equal(frames, native[2][0])  # not what drawing at 112x64 gives
    for here, there in zip(row["truth"], native.rows[2]["truth"], strict=True):
        for a, b in zip(here["entities"], there["entities"], strict=True):
            assert max(abs(p - q) for p, q in zip(a["box"], b["box"], strict=True)) <= 2


def test_same_seed_same_dataset(tmp_path):
    build(tmp_path / "a", TINY, log=lambda _: None)
    build(tmp_path / "b", TINY, log=lambda _: None)
    for name in ("train.jsonl", "heldout.jsonl"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
    a, b = SynthworldDataset(tmp_path / "a"), SynthworldDataset(tmp_path / "b")
    assert np.array_equal(a[5][0], b[5][0])


def test_held_out_combinations_are_never_trained_on_but_their_words_are():
    held = held_out_triples(0)
    assert ("cat", "beach", "night") in held
    rng = np.random.default_rng(3)
    train = [sample_scene(rng, held) for _ in range(400)]
    assert not {_triple(s) for s in train} & held
    words = {w for s in train for w in _triple(s)}
    assert {w for t in held for w in t} <= words
    tests = [sample_scene(rng, held, split="heldout") for _ in range(40)]
    assert all(_triple(s) in held for s in tests)


def test_a_ball_in_training_is_not_always_chased():
    """A recognizer taught only chases would read any ball as a chase and any ball as
    rolling: training also shows balls lying by a creature doing something else, and balls
    rolling on their own."""
    rng = np.random.default_rng(5)
    scenes = [sample_scene(rng, held_out_triples(0)) for _ in range(600)]
    with_a_ball = [s for s in scenes if any(e.kind == "ball" for e in s.entities)]
    first_actions = {s.entities[0].action for s in with_a_ball}
    assert {"chase", "roll"} < first_actions and len(first_actions - {"chase", "roll"}) >= 4
    lying = [s for s in with_a_ball if s.entities[0].action not in ("chase", "roll")]
    assert all(e.action == "stand" for s in lying for e in s.entities if e.kind == "ball")


def test_bad_dataset_settings_are_refused(tmp_path):
    with pytest.raises(UsageError, match="at least 64 px"):
        build(tmp_path / "x", DatasetConfig(width=48, height=32), log=lambda _: None)
    (tmp_path / "taken").mkdir()
    with pytest.raises(UsageError, match="exists"):
        build(tmp_path / "taken", TINY, log=lambda _: None)
    with pytest.raises(UsageError, match="not a built synthworld dataset"):
        SynthworldDataset(tmp_path / "taken")


def test_plates_are_the_same_clips_with_no_entity_drawn(tmp_path):
    """A plate is its scene's place, light, weather and camera with nothing drawn in it and
    nothing in its truth (so its layout is empty), what the `embedded` generator asks its
    video model for; the other clips and the scenes are as they were."""
    from dataclasses import replace

    from videoagent.synthworld.render import Renderer

    build(tmp_path / "full", TINY, log=lambda _: None)
    build(tmp_path / "half", replace(TINY, plates=0.5), log=lambda _: None)
    full, half = SynthworldDataset(tmp_path / "full"), SynthworldDataset(tmp_path / "half")
    assert [r["scene"] for r in full.rows] == [r["scene"] for r in half.rows]
    assert not any(r["plate"] for r in full.rows)
    plates = [i for i, r in enumerate(half.rows) if r["plate"]]
    assert 0 < len(plates) < len(half.rows)
    for i in range(len(half.rows)):
        frames, _, row = half[i]
        if i not in plates:
            assert np.array_equal(frames, full[i][0]) and row["truth"] == full.rows[i]["truth"]
            continue
        assert all(not truth["entities"] for truth in row["truth"])
        assert full.rows[i]["truth"][0]["entities"]  # the full clip shows its entities
        bare = Renderer(SceneSpec.from_dict(row["scene"]), size=(112, 64), fps=8.0, frames=4,
                        seed=row["seed"], entities=False)  # fmt: skip
        assert np.array_equal(frames, np.stack([frame for frame, _ in bare]))
        assert not np.array_equal(frames, full[i][0])
    with pytest.raises(UsageError, match="--plates"):
        build(tmp_path / "x", replace(TINY, plates=1.5), log=lambda _: None)
