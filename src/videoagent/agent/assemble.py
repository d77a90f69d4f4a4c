"""Assembly: the storyboard and the chosen takes become a Timeline (the typed edit)."""

from __future__ import annotations

from pathlib import Path

from videoagent.plan.storyboard import Storyboard
from videoagent.timeline import Caption, CardClip, TextOverlay, Timeline, Transition, VideoClip


def handles(storyboard: Storyboard, index: int) -> tuple[int, int]:
    """Extra frames shot `index` must be generated with, before and after, for transitions."""
    shots = storyboard.shots
    before = after = 0
    if index > 0 and shots[index].transition_in != "cut":
        frames = shots[index].transition_frames
        before = frames - frames // 2
    if index + 1 < len(shots) and shots[index + 1].transition_in != "cut":
        after = shots[index + 1].transition_frames // 2
    return before, after


def build_timeline(
    storyboard: Storyboard, takes: dict[str, Path], *, fade_frames: int = 0
) -> Timeline:
    """The edit: one clip per shot (its chosen take, or a card), transitions, text, captions."""
    timeline = Timeline(
        rate=storyboard.rate,
        width=storyboard.width,
        height=storyboard.height,
        name=storyboard.request[:80],
    )
    start = 0
    for index, shot in enumerate(storyboard.shots):
        if shot.kind == "card":
            clip = CardClip(
                title=shot.card_title,
                subtitle=shot.card_subtitle,
                frames=shot.frames,
                name=shot.beat,
                shot_id=shot.id,
            )
        else:
            before, _ = handles(storyboard, index)
            clip = VideoClip(
                source=str(takes[shot.id]),
                frames=shot.frames,
                source_in=before,
                name=shot.beat,
                shot_id=shot.id,
            )
        transition = (
            Transition(shot.transition_in, shot.transition_frames)
            if shot.transition_in != "cut"
            else Transition()
        )
        timeline = timeline.with_clip(clip, transition)
        for text in shot.on_screen_text:
            timeline = timeline.with_overlay(
                TextOverlay(text.text, start + text.start, text.frames, text.position)
            )
        if shot.kind == "generated" and shot.caption:
            timeline = timeline.with_caption(Caption(shot.caption, start, shot.frames))
        start += shot.frames
    return timeline.with_fades(fade_in=fade_frames, fade_out=fade_frames)
