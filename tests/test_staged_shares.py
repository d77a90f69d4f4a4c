"""What the recognizer sees of a staged take is judged only where the staging shows each thing
big enough to read; a thing never that big cannot be judged, and the asks say so."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")  # the `embedded` extra; scripts/test.sh installs it

import numpy as np  # noqa: E402

from videoagent.evaluate.asks_shown import _state, _Used  # noqa: E402
from videoagent.evaluate.check import failed  # noqa: E402
from videoagent.evaluate.recognized import recognized_checks  # noqa: E402
from videoagent.evaluate.staged_shares import staged_shares  # noqa: E402
from videoagent.evaluate.take_reading import Reading  # noqa: E402
from videoagent.media.writer import Mp4Writer  # noqa: E402
from videoagent.nn.judge import ClipReading  # noqa: E402
from videoagent.nn.recognizer import HEADS  # noqa: E402
from videoagent.plan.asks import Ask  # noqa: E402
from videoagent.store.staged_file import write_staged  # noqa: E402
from videoagent.synthworld.spec import EntitySpec, SceneSpec  # noqa: E402
from videoagent.timeline.time import FrameRate  # noqa: E402

KINDS, ACTIONS = HEADS["kinds"][0], HEADS["actions"][0]


def _entity(kind: str, box: list[int], action: str = "stand", visible: float = 1.0) -> dict:
    return {"kind": kind, "box": box, "visible": visible, "action": action}


def _reading(kinds: dict[str, list[bool]], actions: dict[str, list[bool]], frames: int):
    """A reading whose recognizer saw `kinds` and `actions` in the frames marked True."""
    in_frames = np.zeros((frames, len(KINDS)), dtype=bool)
    for kind, marks in kinds.items():
        in_frames[:, KINDS.index(kind)] = marks
    doing = np.zeros((frames, len(ACTIONS)), dtype=bool)
    for action, marks in actions.items():
        doing[:, ACTIONS.index(action)] = marks
    return ClipReading({}, {}, "beach", "night", "snow", np.zeros((frames, 4)), in_frames, doing)


def test_each_kind_is_judged_over_the_frames_staged_big_enough_to_read():
    dog = [0, 0, 28, 16]  # 14x8 px at the recognizer's 112x64: readable
    ball = [50, 50, 54, 54]  # 2x2 px there: never readable
    staged = [
        {"entities": [_entity("dog", dog, "walk"), _entity("ball", ball)]},
        {"entities": [_entity("dog", dog, "walk"), _entity("ball", ball)]},
        {"entities": [_entity("dog", dog, "walk", visible=0.1), _entity("ball", ball)]},
        {"entities": [_entity("ball", ball)]},
    ]
    reading = _reading({"dog": [True, False, True, True]}, {"walk": [True, True, False, False]}, 4)
    shares = staged_shares(reading, staged, 224, 128)
    # The dog is readable in the first two frames only (then 10% in the picture, then gone);
    # what the recognizer says of the other frames does not count.
    assert shares.kinds == {"dog": 0.5}
    assert shares.actions == {"walk": 1.0}
    # At 112x64 the same boxes are twice as large: the ball becomes readable.
    assert staged_shares(reading, staged, 112, 64).kinds["ball"] == 0.0
    # A first frame read with no frame the motion gap before it is no evidence of a stop.
    reading = _reading({"dog": [True] * 4}, {"walk": [False, True, False, False]}, 4)
    assert staged_shares(reading, staged, 224, 128).actions == {"walk": 0.5}
    reading.motion_from = 1
    assert staged_shares(reading, staged, 224, 128).actions == {"walk": 1.0}
    with pytest.raises(ValueError, match="3 staged frames for 4 read"):
        staged_shares(reading, staged[:3], 224, 128)


def test_an_ask_staged_too_small_to_read_is_unchecked_never_shown_or_not_shown():
    frames = [{"entities": [{"kind": "ball", "visible": 1.0, "colour": "red"}]}] * 8
    spec = {"entities": [{"kind": "ball", "colour": "red", "action": "stand"}]}
    ask = Ask(kind="entity", what="ball", colour="red")
    unreadable = Reading(seen={}, actions={}, setting={}, least=0.25)
    state = _state(ask, [_Used("shot-01", spec, frames, unreadable)], [], None)
    assert state.state == "unchecked"
    assert state.evidence == "staged in shot-01, never big enough for the recognizer to read"
    readable = Reading(seen={"ball": 0.1}, actions={}, setting={}, least=0.25)
    state = _state(ask, [_Used("shot-01", spec, frames, readable)], [], None)
    assert state.state == "not shown"
    seen = Reading(seen={"ball": 0.9}, actions={}, setting={}, least=0.25)
    assert _state(ask, [_Used("shot-01", spec, frames, seen)], [], None).state == "shown"


def test_an_action_staged_but_not_read_says_how_little_the_recognizer_read_it():
    dog = {"kind": "dog", "visible": 1.0, "action": "walk"}
    frames = [{"entities": [dog]}] * 8
    spec = {"entities": [{"kind": "dog", "action": "walk"}]}
    ask = Ask(kind="action", what="walk", of="dog")
    walking = Reading(seen={"dog": 1.0}, actions={"walk": 0.1}, setting={}, least=0.25)
    state = _state(ask, [_Used("shot-01", spec, frames, walking)], [], None)
    assert state.state == "not shown"
    assert (
        state.evidence == "staged, but the recognizer reads it only in shot-01 (10% of its frames)"
    )


def test_a_take_that_stages_its_subject_too_small_to_read_fails_and_a_small_prop_only_warns(
    tmp_path,
):
    clip = tmp_path / "clip.mp4"
    with Mp4Writer(clip, size=(224, 128), rate=FrameRate.of(24), frames=8) as writer:
        for _ in range(8):
            writer.write(np.full((128, 224, 3), 90, np.uint8))
    tiny = [100, 60, 104, 64]  # staged at 224x128: 2x2 px at the recognizer's size
    entities = [_entity("cat", tiny, "chase"), _entity("ball", tiny)]
    write_staged(clip, {"spec": {}, "size": [224, 128], "frames": [{"entities": entities}] * 8})
    scene = SceneSpec(
        "park", "noon", "clear", "static", "wide",
        (EntitySpec("cat", "orange", "chase", 1), EntitySpec("ball", "red", "stand")),
    )  # fmt: skip
    checks = {c.name: c for c in recognized_checks(clip, scene)}
    # The subject fails (a retry frames it closer); the ball is reported, not retried for.
    failing = {c.name for c in failed(checks.values())}
    assert "recognises cat" in failing and "recognises ball" not in failing  # grey: no park
    assert checks["recognises cat"].detail == (
        "cat never staged big enough to read (under 16 px at 112x64)"
    )
    assert checks["recognises ball"].severity == "warning" and not checks["recognises ball"].passed
