"""Cut a Timeline into pieces that render independently and join by stream copy.

A piece is either the plain middle of one clip (a span) or one transition (a blend of the
outgoing clip's last frames with the incoming clip's first). Overlays and fades are split
at piece borders. Where a span's source has keyframes (and can be copied as it is), the
span is cut at them too: the runs from keyframe to keyframe that no text or fade touches
are copied, the rest is encoded. Each piece is described by data alone, so its content
hash names its file: a re-render after an edit makes only the pieces whose description
changed.

    clip A          │ xfade │        clip B        │ cut │ clip C
    [ span A       ][blend ][ span B              ][ span C     ]
                             [enc][ copy   ][enc ]  (keyframes at │ of B's source)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise

from videoagent.timeline.model import CardClip, Clip, TextOverlay, Timeline, VideoClip


@dataclass(frozen=True)
class Source:
    """Frames `first`..`first + frames` of one clip's source (a card: `frames` of it).

    `first` may be negative, or run past the source's end: a transition that needs more
    handle than was generated holds the first or last frame there.
    """

    clip: Clip
    first: int
    frames: int


@dataclass(frozen=True)
class Fade:
    """A fade of `frames` frames that this piece enters `into` frames after it began
    (negative: it begins `-into` frames into the piece)."""

    kind: str  # "in" or "out"
    frames: int
    into: int


@dataclass(frozen=True)
class Piece:
    """`frames` frames of the timeline from frame `start`."""

    start: int
    frames: int
    sources: tuple[Source, ...]  # one (a span) or two (a blend)
    blend: str = ""  # the transition kind of a blend
    overlays: tuple[TextOverlay, ...] = ()  # frames relative to the piece
    fades: tuple[Fade, ...] = ()
    copy: bool = False  # the source's frames as they are, keyframe to keyframe

    @property
    def shot_ids(self) -> list[str]:
        return [s.clip.shot_id or s.clip.name for s in self.sources]


@dataclass(frozen=True)
class Keyframes:
    """A source that can be copied into the render: its length and its keyframes."""

    frames: int
    at: frozenset[int]


def split(timeline: Timeline, copyable: Mapping[str, Keyframes] | None = None) -> list[Piece]:
    """The pieces of `timeline`, in order, covering every frame exactly once; spans of the
    `copyable` sources cut at their keyframes."""
    pieces: list[Piece] = []
    clips = timeline.clips
    for index, clip in enumerate(clips):
        start = timeline.clip_start(index)
        source_in = clip.source_in if isinstance(clip, VideoClip) else 0
        entered = timeline.transitions[index - 1].head if index > 0 else 0
        leaving = timeline.transitions[index].tail if index < len(clips) - 1 else 0
        span = clip.frames - entered - leaving
        if span > 0:
            pieces.append(Piece(start + entered, span, (Source(clip, source_in + entered, span),)))
        if index < len(clips) - 1 and timeline.transitions[index].kind != "cut":
            transition = timeline.transitions[index]
            following = clips[index + 1]
            following_in = following.source_in if isinstance(following, VideoClip) else 0
            cut = start + clip.frames
            pieces.append(
                Piece(
                    cut - transition.tail,
                    transition.frames,
                    (
                        Source(clip, source_in + clip.frames - transition.tail, transition.frames),
                        Source(following, following_in - transition.tail, transition.frames),
                    ),
                    blend=transition.kind,
                )
            )
    decorated = [_decorate(piece, timeline) for piece in pieces]
    copyable = copyable or {}
    return [
        part
        for piece in decorated
        for part in (
            _at_keyframes(piece, copyable[piece.sources[0].clip.source], timeline)
            if not piece.blend
            and isinstance(piece.sources[0].clip, VideoClip)
            and piece.sources[0].clip.source in copyable
            and not piece.sources[0].clip.grade  # its pixels change: encoded
            else [piece]
        )
    ]


def _at_keyframes(span: Piece, source: Keyframes, timeline: Timeline) -> list[Piece]:
    """`span` cut at its source's keyframes into runs to copy (whole, from keyframe to
    keyframe or the source's end, with no text or fade) and runs to encode, alternating."""
    first, end = span.sources[0].first, span.sources[0].first + span.frames
    if first < 0 or end > source.frames:
        return [span]  # it holds a frame past the take's ends: encoded
    borders = [first, *sorted(k for k in source.at if first < k < end), end]
    runs: list[tuple[int, int, bool]] = []  # (from, to, copy), in source frames
    for a, b in pairwise(borders):
        part = _part(span, a, b, False, timeline)
        whole = a in source.at and (b in source.at or b == source.frames)
        copy = whole and not part.overlays and not part.fades
        if runs and runs[-1][2] == copy:
            runs[-1] = (runs[-1][0], b, copy)
        else:
            runs.append((a, b, copy))
    return [_part(span, a, b, copy, timeline) for a, b, copy in runs]


def _part(span: Piece, a: int, b: int, copy: bool, timeline: Timeline) -> Piece:
    """Source frames a..b of `span`, as a piece of its own."""
    first = span.sources[0].first
    clip = span.sources[0].clip
    piece = Piece(span.start + a - first, b - a, (Source(clip, a, b - a),), copy=copy)
    return _decorate(piece, timeline)


def _decorate(piece: Piece, timeline: Timeline) -> Piece:
    """Give `piece` the parts of the timeline's overlays and fades that fall inside it."""
    end = piece.start + piece.frames
    overlays = []
    for overlay in timeline.overlays:
        first = max(overlay.start, piece.start)
        last = min(overlay.start + overlay.frames, end)
        if first < last:
            overlays.append(
                replace(overlay, start=first - piece.start, frames=last - first, shot_id=None)
            )
    fades = []
    if timeline.fade_in and piece.start < timeline.fade_in:
        fades.append(Fade("in", timeline.fade_in, piece.start))
    fade_out_start = timeline.duration - timeline.fade_out
    if timeline.fade_out and end > fade_out_start:
        fades.append(Fade("out", timeline.fade_out, piece.start - fade_out_start))
    return Piece(
        piece.start,
        piece.frames,
        piece.sources,
        piece.blend,
        tuple(overlays),
        tuple(fades),
        piece.copy,
    )


def describe(piece: Piece, *, source_digests: dict[str, str]) -> dict:
    """Everything that decides a piece's pixels, as plain data (source files by content)."""

    def source(item: Source) -> dict:
        clip = item.clip
        if isinstance(clip, CardClip):
            what = {
                "card": [clip.title, clip.subtitle, clip.background, clip.foreground],
            }
        else:
            what = {"file": source_digests[clip.source], "fit": clip.fit, "focus": clip.focus}
            what |= {"grade": clip.grade} if clip.grade else {}  # as before where ungraded
        return {**what, "first": item.first, "frames": item.frames}

    return {
        "frames": piece.frames,
        "sources": [source(s) for s in piece.sources],
        "blend": piece.blend,
        "overlays": [_overlay_row(o) for o in piece.overlays],
        "fades": [[f.kind, f.frames, f.into] for f in piece.fades],
        "copy": piece.copy,
    }


def _overlay_row(overlay: TextOverlay) -> list:
    """An overlay as plain data (a styled caption's style and spoken word too)."""
    row = [overlay.text, overlay.start, overlay.frames, overlay.position]
    return row + [overlay.style, overlay.spoken] if overlay.style else row
