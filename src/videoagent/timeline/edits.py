"""Edits of a timeline as pure functions: each takes a timeline and returns a new one.

Transitions belong to the joins between positions, not to clips: moving a clip keeps the
rhythm of the cut, and a join is shortened where a clip beside it became too short to lend
it handles. The first position is always a cut in. Text of a shot moves with its clip (and
goes with it); other text stays where it was on the video's clock; text past a new end is
shortened or dropped. Clip positions are counted from 0; bad positions and lengths are
refused with a UsageError that names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from videoagent.errors import UsageError
from videoagent.timeline.model import CUT, Clip, TextOverlay, Timeline, Transition, VideoClip

T = TypeVar("T")


def remove(timeline: Timeline, index: int) -> Timeline:
    """Without clip `index`; the join into it goes with it."""
    _check_position(timeline, index)
    if len(timeline.clips) == 1:
        raise UsageError("cannot remove the only clip; a video needs at least one")
    clips = timeline.clips[:index] + timeline.clips[index + 1 :]
    joins = list(_joins(timeline))
    del joins[index]
    return _rejoined(timeline, clips, joins)


def swap(timeline: Timeline, first: int, second: int) -> Timeline:
    """Clips `first` and `second` trade places; the joins stay where they were."""
    _check_position(timeline, first)
    _check_position(timeline, second)
    clips = list(timeline.clips)
    clips[first], clips[second] = clips[second], clips[first]
    return _rejoined(timeline, tuple(clips), _joins(timeline))


def move(timeline: Timeline, index: int, to: int) -> Timeline:
    """Clip `index` taken out and put back at position `to`."""
    _check_position(timeline, index)
    _check_position(timeline, to)
    clips = list(timeline.clips)
    clips.insert(to, clips.pop(index))
    return _rejoined(timeline, tuple(clips), _joins(timeline))


def trim(timeline: Timeline, index: int, frames: int, *, available: int | None = None) -> Timeline:
    """Clip `index` lasting `frames` from the same in point; `available`: how many frames
    its source holds from frame 0, when known (a clip cannot play past its source)."""
    _check_position(timeline, index)
    if frames < 1:
        raise UsageError(f"a clip needs at least 1 frame, got {frames}")
    clip = timeline.clips[index]
    if isinstance(clip, VideoClip) and available is not None:
        if clip.source_in + frames > available:
            raise UsageError(
                f"clip {index + 1} cannot last {frames} frames: its source holds "
                f"{available - clip.source_in} from its in point"
            )
    clips = timeline.clips[:index] + (replace(clip, frames=frames),) + timeline.clips[index + 1 :]
    return _rejoined(timeline, clips, _joins(timeline))


def insert(timeline: Timeline, at: int, clips: Sequence[Clip], join: Transition = CUT) -> Timeline:
    """`clips` put in before position `at` (0 … the number of clips), each entered by
    `join`: new footage arrives as clips naming their shot, whose takes are made later."""
    if not 0 <= at <= len(timeline.clips):
        raise UsageError(
            f"cannot insert at position {at + 1}; the timeline has {len(timeline.clips)} clips"
        )
    joins = list(_joins(timeline))
    for offset in range(len(clips)):
        joins.insert(at + offset, join)
    placed = timeline.clips[:at] + tuple(clips) + timeline.clips[at:]
    return _rejoined(timeline, placed, joins)


def shorten(timeline: Timeline, frames: int, *, shortest: int, from_end: bool = False) -> Timeline:
    """`frames` taken off, spread over the footage in proportion to what each clip has above
    `shortest` frames, so that every shot stays, each shorter (a 30 s video of three shots
    made 20 s long keeps its ending). Only when that is not enough do clips go whole, from
    the last back; the last one left is only trimmed, down to one frame. `from_end`: the
    last `frames` of footage exactly ("cut the last 5 seconds"). Cards stay."""
    clips = list(timeline.clips)
    joins = list(_joins(timeline))
    if frames >= sum(c.frames for c in clips if isinstance(c, VideoClip)):
        raise UsageError("the video cannot be made that short")
    if from_end:
        return _rejoined(timeline, *_off_the_end(clips, joins, frames))
    while True:
        footage = [i for i, c in enumerate(clips) if isinstance(c, VideoClip)]
        if len(footage) == 1:  # the last one left may go down to one frame
            room = {footage[0]: clips[footage[0]].frames - 1}
            break
        room = {i: max(0, clips[i].frames - shortest) for i in footage}
        if frames <= sum(room.values()):
            break
        last = footage[-1]
        if clips[last].frames > frames:  # dropping it would cut too much: under `shortest`
            room = {last: frames}
            break
        frames -= clips[last].frames
        del clips[last], joins[last]
    for index, cut in _shares(frames, room).items():
        clips[index] = replace(clips[index], frames=clips[index].frames - cut)
    return _rejoined(timeline, tuple(clips), joins)


def _off_the_end(clips: list, joins: list, frames: int) -> tuple[tuple, list]:
    """The last `frames` frames of footage taken off: clips within them go whole, the one
    they end in is trimmed."""
    for index in reversed(range(len(clips))):
        if frames == 0:
            break
        clip = clips[index]
        if not isinstance(clip, VideoClip):
            continue
        if clip.frames <= frames:
            frames -= clip.frames
            del clips[index], joins[index]
        else:
            clips[index] = replace(clip, frames=clip.frames - frames)
            frames = 0
    return tuple(clips), joins


def _shares(frames: int, room: dict[int, int]) -> dict[int, int]:
    """`frames` split over the keys of `room` in proportion to each one's room, in whole
    frames that add up exactly (the largest remainders get the frames left over)."""
    total = sum(room.values())
    exact = {key: frames * space / total for key, space in room.items()} if total else {}
    shares = {key: int(value) for key, value in exact.items()}
    left = frames - sum(shares.values())
    for key in sorted(exact, key=lambda k: exact[k] - shares[k], reverse=True)[:left]:
        shares[key] += 1
    return shares


def with_text(timeline: Timeline, overlay: TextOverlay) -> Timeline:
    """`overlay` added on top; refused when it falls outside the video."""
    if overlay.frames < 1 or overlay.start < 0:
        raise UsageError(f"text {overlay.text!r} needs a start ≥ 0 and at least 1 frame")
    return timeline.with_overlay(overlay)


def fitted_text(texts: Sequence[T], duration: int) -> tuple[list[T], list[str]]:
    """`texts` (anything with text, start and frames) cut to a video of `duration` frames,
    and what was shortened or dropped, in words."""
    kept, notes = [], []
    for text in texts:
        end = min(text.start + text.frames, duration)
        if end <= text.start:
            notes.append(f"removed {text.text!r}: the video now ends before it")
            continue
        if end < text.start + text.frames:
            notes.append(f"shortened {text.text!r} to the new end")
        kept.append(replace(text, frames=end - text.start))
    return kept, notes


def _check_position(timeline: Timeline, index: int) -> None:
    if not 0 <= index < len(timeline.clips):
        raise UsageError(f"no clip at position {index + 1}; the timeline has {len(timeline.clips)}")


def _joins(timeline: Timeline) -> tuple[Transition, ...]:
    """The join into each position (the first is a cut)."""
    return (CUT, *timeline.transitions) if timeline.clips else ()


def _rejoined(timeline: Timeline, clips: tuple[Clip, ...], joins) -> Timeline:
    """`clips` with position i entered by `joins[i]` (shortened to fit its neighbours),
    each shot's text moved with its clip, and the text fitted to the new length."""
    transitions = []
    for index in range(1, len(clips)):
        join = joins[index] if index < len(joins) else joins[-1]
        if join.kind != "cut":
            room = min(clips[index].frames, clips[index - 1].frames) // 2
            join = replace(join, frames=min(join.frames, room))
        transitions.append(join)
    shaped = replace(timeline, clips=tuple(clips), transitions=tuple(transitions), overlays=())
    before, after = _shot_starts(timeline), _shot_starts(shaped)
    moved = [
        replace(text, start=text.start + after[text.shot_id] - before[text.shot_id])
        if text.shot_id in before and text.shot_id in after
        else text
        for text in timeline.overlays
        if text.shot_id not in before or text.shot_id in after  # a removed shot's text goes
    ]
    overlays, _ = fitted_text(moved, shaped.duration)
    return replace(shaped, overlays=tuple(overlays))


def _shot_starts(timeline: Timeline) -> dict[str, int]:
    return {
        clip.shot_id: timeline.clip_start(index)
        for index, clip in enumerate(timeline.clips)
        if clip.shot_id
    }
