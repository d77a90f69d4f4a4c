"""Assembly: the storyboard and the chosen takes become a Timeline (the typed edit)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from videoagent.media.probe import probe
from videoagent.plan.modes import MODES
from videoagent.plan.storyboard import Storyboard
from videoagent.store.truth_file import read_truth
from videoagent.timeline.model import (
    Caption,
    CardClip,
    TextOverlay,
    Timeline,
    Transition,
    VideoClip,
)


def source_span(storyboard: Storyboard, index: int) -> tuple[int, int]:
    """(where the shot starts in its take, how many frames to generate) for a new take: the
    shot and the handles its transitions borrow on either side."""
    before, after = sketch_timeline(storyboard).handles(index)
    return before, before + storyboard.shots[index].frames + after


def cut_points(storyboard: Storyboard) -> dict[str, tuple[int, int]]:
    """Where the render cuts each generated shot's take (in take frames): the ends of the
    span between its transitions' blends. Takes get keyframes there, so a render copies
    the span instead of encoding it."""
    timeline = sketch_timeline(storyboard)
    cuts = {}
    for index, shot in enumerate(storyboard.shots):
        if shot.kind == "generated":
            head = timeline.transitions[index - 1].head if index > 0 else 0
            tail = timeline.transitions[index].tail if index < len(timeline.transitions) else 0
            cuts[shot.id] = (shot.source_in + head, shot.source_in + shot.frames - tail)
    return cuts


def size_new_takes(storyboard: Storyboard, width: int, height: int, *, backend: str) -> None:
    """Give each generated shot without a take yet the span its take is made with (the shot
    and the handles its transitions borrow) and the frame size; a shot from a project that
    predates routing gets the project's backend."""
    for index, shot in enumerate(storyboard.shots):
        if shot.kind == "generated" and not shot.source_frames:
            shot.source_in, shot.source_frames = source_span(storyboard, index)
            shot.source_size = [width, height]
        shot.backend = shot.backend or backend


def subject_focus(take: Path, width: int) -> float:
    """Where the shot's subject is, across the take (0 left … 1 right), from ground truth;
    the middle when the backend gives none."""
    truth = read_truth(take)
    if truth is None:
        return 0.5
    frames = truth["frames"]
    centres = [
        (e["box"][0] + e["box"][2]) / 2 / width
        for f in frames
        for e in f["entities"]
        if e["index"] == 0 and e["visible"] > 0.5
    ]
    return sum(centres) / len(centres) if centres else 0.5


def sketch_timeline(storyboard: Storyboard) -> Timeline:
    """The edit as the plan has it, before any take is chosen: one clip per shot (a card, or
    a span of the shot's take still to be named), transitions, text, captions and the mode's
    fades. Picture edits read and change this shape; `build_timeline` names the takes."""
    rate = storyboard.rate
    timeline = Timeline(
        rate=rate,
        width=storyboard.width,
        height=storyboard.height,
        name=storyboard.request[:80],
    )
    start = 0
    for shot in storyboard.shots:
        if shot.kind == "card":
            clip: CardClip | VideoClip = CardClip(
                title=shot.card_title,
                subtitle=shot.card_subtitle,
                frames=shot.frames,
                name=shot.beat,
                shot_id=shot.id,
            )
        else:
            clip = VideoClip(
                source="",
                frames=shot.frames,
                source_in=shot.source_in,
                name=shot.beat,
                shot_id=shot.id,
                grade=storyboard.grade,  # the look asked, where a grade can give it
            )
        transition = (
            Transition(shot.transition_in, shot.transition_frames)
            if shot.transition_in != "cut"
            else Transition()
        )
        timeline = timeline.with_clip(clip, transition)
        for text in shot.on_screen_text:
            timeline = timeline.with_overlay(
                TextOverlay(text.text, start + text.start, text.frames, text.position, shot.id)
            )
        if shot.kind == "generated" and shot.caption:
            timeline = timeline.with_caption(Caption(shot.caption, start, shot.frames))
        start += shot.frames
    for text in storyboard.overlays:
        timeline = timeline.with_overlay(
            TextOverlay(text.text, text.start, text.frames, text.position)
        )
    fade = rate.frames(MODES[storyboard.mode].fade_seconds)
    return timeline.with_fades(fade_in=fade, fade_out=fade)


def build_timeline(storyboard: Storyboard, takes: dict[str, Path]) -> Timeline:
    """The edit with each generated shot's chosen take in `takes`. A take of another shape
    (after a reframe) is cropped around its subject instead of letterboxed."""
    sketch = sketch_timeline(storyboard)
    clips = tuple(
        _filmed(clip, takes[clip.shot_id], storyboard) if isinstance(clip, VideoClip) else clip
        for clip in sketch.clips
    )
    return replace(sketch, clips=clips)


def _filmed(clip: VideoClip, take: Path, storyboard: Storyboard) -> VideoClip:
    info = probe(take)
    same_shape = info.width * storyboard.height == info.height * storyboard.width
    wider = info.width * storyboard.height > info.height * storyboard.width
    return replace(
        clip,
        source=str(take),
        fit="pad" if same_shape else "crop",
        focus=round(subject_focus(take, info.width), 3) if wider else 0.5,
    )
