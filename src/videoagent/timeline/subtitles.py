"""Subtitle files (SRT, WebVTT): from a timeline's captions (frame-timed), or from cues timed
to the voice in seconds (millisecond precision)."""

from __future__ import annotations

from dataclasses import dataclass

from videoagent.timeline.model import TextOverlay, Timeline
from videoagent.timeline.time import timecode


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str


def caption_cues(timeline: Timeline) -> list[Cue]:
    """The timeline's captions as cues."""
    rate = timeline.rate
    return [
        Cue(float(rate.seconds(c.start)), float(rate.seconds(c.start + c.frames)), c.text)
        for c in timeline.captions
    ]


def srt(cues: list[Cue]) -> str:
    """Numbered SRT cues, in time order."""
    blocks = []
    for number, cue in enumerate(sorted(cues, key=lambda c: c.start), start=1):
        blocks.append(f"{number}\n{timecode(cue.start)} --> {timecode(cue.end)}\n{cue.text}\n")
    return "\n".join(blocks)


def webvtt(cues: list[Cue]) -> str:
    lines = ["WEBVTT", ""]
    for cue in sorted(cues, key=lambda c: c.start):
        start, end = timecode(cue.start, separator="."), timecode(cue.end, separator=".")
        lines += [f"{start} --> {end}", cue.text, ""]
    return "\n".join(lines)


def to_srt(timeline: Timeline) -> str:
    return srt(caption_cues(timeline))


def to_webvtt(timeline: Timeline) -> str:
    return webvtt(caption_cues(timeline))


def burn_in(timeline: Timeline, cues: list[Cue]) -> Timeline:
    """`timeline` with each cue drawn over the picture in the subtitle safe area, on the
    frames it covers (a cue ends where the next begins: never two at once)."""
    rate, ordered = timeline.rate, sorted(cues, key=lambda c: c.start)
    for i, cue in enumerate(ordered):
        start = max(rate.frames(cue.start), 0)
        end = min(rate.frames(cue.end), timeline.duration)
        if i + 1 < len(ordered):
            end = min(end, rate.frames(ordered[i + 1].start))
        if end > start:
            timeline = timeline.with_overlay(TextOverlay(cue.text, start, end - start, "caption"))
    return timeline
