"""The typed edit list: the single description of a video that rendering, export and UI read.

Every position and length is in frames of the timeline's rate. Values are frozen; edits
return new values (`with_*`), so a timeline can be cached, diffed and undone for free.

Clips play one after another on the main track. A `Transition` between clip i and i+1 is
centred on the cut: it borrows `frames // 2` frames of handle from the end of clip i and
`frames - frames // 2` from before the start of clip i+1, so transitions never change the
timeline's length, and a clip's `frames` is always its time on screen between cuts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from videoagent.errors import UsageError
from videoagent.timeline.time import FrameRate

SCHEMA_VERSION = 1

TransitionKind = Literal["cut", "crossfade", "fade_black"]
Position = Literal["top", "center", "bottom", "caption"]  # caption: subtitle safe area
POSITIONS: tuple[Position, ...] = get_args(Position)


@dataclass(frozen=True)
class VideoClip:
    """A span of a media file: `frames` frames starting at `source_in` of `source`.

    A source of another shape is letterboxed (`fit="pad"`) or cropped to fill the frame
    (`fit="crop"`), keeping `focus` (0..1 along the cropped axis) in the middle.
    """

    source: str
    frames: int
    source_in: int = 0
    name: str = ""
    shot_id: str | None = None
    fit: Literal["pad", "crop"] = "pad"
    focus: float = 0.5
    grade: str = ""  # a colour grade the render gives its frames (media/grades.py)


@dataclass(frozen=True)
class CardClip:
    """A deterministic text card (title, tagline): drawn by the editor, never generated."""

    title: str
    frames: int
    subtitle: str = ""
    background: str = "#111318"
    foreground: str = "#f5f2ea"
    name: str = ""
    shot_id: str | None = None


Clip = VideoClip | CardClip


@dataclass(frozen=True)
class Transition:
    """How clip i hands over to clip i+1."""

    kind: TransitionKind = "cut"
    frames: int = 0

    @property
    def head(self) -> int:
        """Frames borrowed from after the outgoing clip's cut point."""
        return 0 if self.kind == "cut" else self.frames // 2

    @property
    def tail(self) -> int:
        """Frames borrowed from before the incoming clip's cut point."""
        return 0 if self.kind == "cut" else self.frames - self.frames // 2


CUT = Transition()


@dataclass(frozen=True)
class TextOverlay:
    """Text burned over the picture from frame `start` for `frames` frames; `shot_id`: the
    shot it belongs to and moves with (None: it stays on the video's clock). A caption may
    have a `style` (`timeline/caption_style.py`; drawn with libass) and mark word `spoken`
    of its text as the one being said (-1: none)."""

    text: str
    start: int
    frames: int
    position: Position = "bottom"
    shot_id: str | None = None
    style: str = ""
    spoken: int = -1


@dataclass(frozen=True)
class Caption:
    """A subtitle cue (exported as SRT/WebVTT; never burned in unless asked)."""

    text: str
    start: int
    frames: int


@dataclass(frozen=True)
class AudioCue:
    """A sound file placed at frame `start`."""

    source: str
    start: int
    frames: int
    gain_db: float = 0.0


@dataclass(frozen=True)
class Timeline:
    """A whole edit: picture track, transitions, overlays, captions and audio."""

    rate: FrameRate
    width: int
    height: int
    clips: tuple[Clip, ...] = ()
    transitions: tuple[Transition, ...] = ()
    overlays: tuple[TextOverlay, ...] = ()
    captions: tuple[Caption, ...] = ()
    audio: tuple[AudioCue, ...] = ()
    fade_in: int = 0
    fade_out: int = 0
    name: str = "videoagent"
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if len(self.transitions) != max(len(self.clips) - 1, 0):
            raise UsageError(
                f"a timeline with {len(self.clips)} clips needs {max(len(self.clips) - 1, 0)} "
                f"transitions, got {len(self.transitions)}"
            )
        for clip in self.clips:
            if clip.frames <= 0:
                raise UsageError(f"clip {clip.name or clip.shot_id!r} has {clip.frames} frames")
        for i, transition in enumerate(self.transitions):
            shortest = min(self.clips[i].frames, self.clips[i + 1].frames)
            if transition.frames > shortest:
                raise UsageError(
                    f"transition {i} lasts {transition.frames} frames, longer than the "
                    f"{shortest}-frame clip beside it"
                )
        for i, clip in enumerate(self.clips):
            before, after = self.handles(i)
            if 0 < i < len(self.clips) - 1 and before + after > clip.frames:
                raise UsageError(
                    f"the transitions on both sides of clip {clip.name or clip.shot_id!r} "
                    f"overlap: it has {clip.frames} frames, they need {before + after}"
                )
        for overlay in self.overlays:
            if overlay.start < 0 or overlay.start + overlay.frames > self.duration:
                raise UsageError(
                    f"overlay {overlay.text!r} at frames {overlay.start}..."
                    f"{overlay.start + overlay.frames} falls outside the "
                    f"{self.duration}-frame video"
                )

    @property
    def duration(self) -> int:
        """Length in frames."""
        return sum(clip.frames for clip in self.clips)

    def clip_start(self, index: int) -> int:
        """Frame at which clip `index` is cut in."""
        return sum(clip.frames for clip in self.clips[:index])

    def handles(self, index: int) -> tuple[int, int]:
        """Extra source frames clip `index` needs before its in point and after its out point."""
        before = self.transitions[index - 1].tail if index > 0 else 0
        after = self.transitions[index].head if index < len(self.transitions) else 0
        return before, after

    def with_clip(self, clip: Clip, transition: Transition = CUT) -> Timeline:
        """A copy with `clip` appended after `transition`."""
        transitions = self.transitions + ((transition,) if self.clips else ())
        return replace(self, clips=self.clips + (clip,), transitions=transitions)

    def with_overlay(self, overlay: TextOverlay) -> Timeline:
        return replace(self, overlays=self.overlays + (overlay,))

    def with_caption(self, caption: Caption) -> Timeline:
        return replace(self, captions=self.captions + (caption,))

    def with_audio(self, cue: AudioCue) -> Timeline:
        return replace(self, audio=self.audio + (cue,))

    def with_fades(self, *, fade_in: int = 0, fade_out: int = 0) -> Timeline:
        return replace(self, fade_in=fade_in, fade_out=fade_out)
