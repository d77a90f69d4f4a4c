"""Exact-time, immutable description of an edit, and its exporters."""

from videoagent.timeline.model import (
    CUT,
    AudioCue,
    Caption,
    CardClip,
    Clip,
    TextOverlay,
    Timeline,
    Transition,
    VideoClip,
)
from videoagent.timeline.time import FrameRate

__all__ = [
    "CUT",
    "AudioCue",
    "Caption",
    "CardClip",
    "Clip",
    "FrameRate",
    "TextOverlay",
    "Timeline",
    "Transition",
    "VideoClip",
]
