"""Subtitle files (SRT, WebVTT) from a timeline's captions."""

from __future__ import annotations

from videoagent.timeline.model import Timeline
from videoagent.timeline.time import timecode


def to_srt(timeline: Timeline) -> str:
    """Numbered SRT cues, in time order."""
    blocks = []
    for number, cue in enumerate(sorted(timeline.captions, key=lambda c: c.start), start=1):
        start = timecode(timeline.rate.seconds(cue.start))
        end = timecode(timeline.rate.seconds(cue.start + cue.frames))
        blocks.append(f"{number}\n{start} --> {end}\n{cue.text}\n")
    return "\n".join(blocks)


def to_webvtt(timeline: Timeline) -> str:
    lines = ["WEBVTT", ""]
    for cue in sorted(timeline.captions, key=lambda c: c.start):
        start = timecode(timeline.rate.seconds(cue.start), separator=".")
        end = timecode(timeline.rate.seconds(cue.start + cue.frames), separator=".")
        lines += [f"{start} --> {end}", cue.text, ""]
    return "\n".join(lines)
