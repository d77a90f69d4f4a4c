"""Subtitle files (SRT, WebVTT): from a timeline's captions (frame-timed), or from cues timed
to the voice in seconds (millisecond precision)."""

from __future__ import annotations

from dataclasses import dataclass

from videoagent.timeline.caption_style import DEFAULT_STYLE, caption_style
from videoagent.timeline.model import TextOverlay, Timeline
from videoagent.timeline.time import timecode


@dataclass(frozen=True)
class CueWord:
    text: str
    start: float  # seconds into the video
    end: float


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str
    words: tuple[CueWord, ...] = ()  # each word of `text` as it is said, where known


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


def burn_in(timeline: Timeline, cues: list[Cue], style: str = DEFAULT_STYLE) -> Timeline:
    """`timeline` with each cue drawn over the picture in `style`, on the frames it covers
    (a cue ends where the next begins: never two at once). Where the style marks the word
    being spoken and the cue's words are timed, a cue is drawn as one overlay per word, from
    the frame its word begins to the frame the next one does."""
    rate, ordered = timeline.rate, sorted(cues, key=lambda c: c.start)
    marks_words = caption_style(style).marks_words
    for i, cue in enumerate(ordered):
        start = max(rate.frames(cue.start), 0)
        end = min(rate.frames(cue.end), timeline.duration)
        if i + 1 < len(ordered):
            end = min(end, rate.frames(ordered[i + 1].start))
        spans = [(start, -1)]
        if marks_words and len(cue.words) == len(cue.text.split()):
            spans += [(rate.frames(w.start), k) for k, w in enumerate(cue.words)]
        for (first, spoken), (after, _) in zip(spans, [*spans[1:], (end, -1)], strict=True):
            first, after = max(first, start), min(after, end)
            if after > first:
                overlay = TextOverlay(
                    cue.text, first, after - first, "caption", None, style, spoken
                )
                timeline = timeline.with_overlay(overlay)
    return timeline
