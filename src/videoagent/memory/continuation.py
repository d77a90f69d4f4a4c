"""Continuation: new shots for a project that grows ("make this one minute", "add a scene
where …"), planned from the packed context, never from the whole history.

The context gives the bible (the same cast, looks and references), the setting of the
most recent shot (so the story goes on where it was), and the recent beats (so the new
shots do not repeat them). Without a stated beat, the protagonist carries on with what it
can still do; the brief records that as an assumption.
"""

from __future__ import annotations

import math
from dataclasses import replace

from videoagent.memory.context import Context
from videoagent.plan.beats import beat_sentence
from videoagent.plan.bible import Bible
from videoagent.plan.brief import Brief
from videoagent.plan.offline_planner import MAX_SHOT_SECONDS, generated_shot
from videoagent.plan.staging import left_out_notes, stage
from videoagent.plan.storyboard import Shot, allocate
from videoagent.synthworld import vocabulary as vocab

# What a protagonist can go on doing, in the order a story would use them.
CARRY_ON = (
    ("walk", "walking on"),
    ("sniff", "sniffing the grass"),
    ("run", "running around"),
    ("meet", "playing with a friend"),
    ("jump", "jumping for joy"),
    ("wag", "wagging happily"),
    ("sit", "sitting down to rest"),
)
SHOT_SECONDS = 6.0


def continuation_count(seconds: float) -> int:
    """How many shots `seconds` more of video are planned as."""
    return max(1, math.ceil(seconds / SHOT_SECONDS))


def continuation_beats(context: Context, brief: Brief, count: int) -> list[str]:
    """`count` beats that carry the story on, avoiding the beats seen most recently."""
    kind = brief.subject_kind
    possible = [beat for action, beat in CARRY_ON if kind is None or kind in vocab.ACTIONS[action]]
    recent = {shot["beat"] for shot in context.recent}
    fresh = [b for b in possible if b not in recent] or possible
    return [fresh[i % len(fresh)] for i in range(count)]


def plan_continuation(
    context: Context,
    brief: Brief,
    bible: Bible,
    *,
    frames: int,
    fps: float,
    beats: list[str] | None = None,
    max_shot_seconds: float = MAX_SHOT_SECONDS,
) -> tuple[list[Shot], list[str]]:
    """Generated shots (no ids yet) that fill exactly `frames` frames, none longer than
    `max_shot_seconds`; and what to say of their beats' words synthworld cannot draw."""
    seconds = frames / fps
    if beats is None:
        beats = continuation_beats(context, brief, continuation_count(seconds))
    pieces = max(1, math.ceil(seconds / len(beats) / min(max_shot_seconds, MAX_SHOT_SECONDS)))
    beats = [b for b in beats for _ in range(pieces)]
    if len(beats) > frames:
        beats = beats[:frames]
    setting = context.last_setting
    here = replace(
        brief,
        place=setting.get("place") or brief.place,
        time_of_day=setting.get("time_of_day") or brief.time_of_day,
        weather=setting.get("weather") or brief.weather,
    )
    shots = []
    left_out: dict[str, list[str]] = {}
    for beat in beats:
        staged = stage(beat, here, bible)
        if staged.left_out:
            left_out[beat] = staged.left_out
        sentence = beat_sentence(brief.subject, beat, first=False)
        shots.append(generated_shot(beat, sentence, staged.scene, staged.cast, staged.left_out))
    for shot, length in zip(shots, allocate(frames, [1.0] * len(shots)), strict=True):
        shot.frames = length
    return shots, left_out_notes(left_out)
