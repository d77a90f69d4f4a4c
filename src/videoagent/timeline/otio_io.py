"""OpenTimelineIO export and import, so any OTIO-aware editor can open our edit.

Picture clips become OTIO clips with external references; text cards become clips with a
`TextCard` generator reference; overlays and captions live on their own tracks as generator
clips separated by gaps. Everything OTIO has no word for is kept in `metadata["videoagent"]`,
so reading the file back gives the same `Timeline`.
"""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio

from videoagent.errors import UsageError
from videoagent.timeline.model import (
    SCHEMA_VERSION,
    Caption,
    CardClip,
    Clip,
    TextOverlay,
    Timeline,
    Transition,
    VideoClip,
)
from videoagent.timeline.time import FrameRate

_KEY = "videoagent"
_OTIO_TRANSITION = {
    "crossfade": otio.schema.TransitionTypes.SMPTE_Dissolve,
    "fade_black": "FadeThroughBlack",
}


def to_otio(timeline: Timeline) -> otio.schema.Timeline:
    """Build an OTIO timeline from ours."""
    rate = float(timeline.rate)

    def span(start: int, frames: int) -> otio.opentime.TimeRange:
        return otio.opentime.TimeRange(
            otio.opentime.RationalTime(start, rate), otio.opentime.RationalTime(frames, rate)
        )

    result = otio.schema.Timeline(name=timeline.name)
    result.metadata[_KEY] = {
        "schema_version": SCHEMA_VERSION,
        "fps": str(timeline.rate.fps),
        "width": timeline.width,
        "height": timeline.height,
        "fade_in": timeline.fade_in,
        "fade_out": timeline.fade_out,
        "extra": dict(timeline.metadata),
    }
    picture = otio.schema.Track(name="picture", kind=otio.schema.TrackKind.Video)
    for index, clip in enumerate(timeline.clips):
        if index > 0:
            transition = timeline.transitions[index - 1]
            if transition.kind != "cut":
                picture.append(
                    otio.schema.Transition(
                        name=transition.kind,
                        transition_type=_OTIO_TRANSITION[transition.kind],
                        in_offset=otio.opentime.RationalTime(transition.tail, rate),
                        out_offset=otio.opentime.RationalTime(transition.head, rate),
                        metadata={_KEY: {"kind": transition.kind, "frames": transition.frames}},
                    )
                )
        picture.append(_clip_to_otio(clip, span))
    result.tracks.append(picture)
    result.tracks.append(
        _cue_track("overlays", timeline.overlays, span, lambda o: {"position": o.position})
    )
    result.tracks.append(_cue_track("captions", timeline.captions, span, lambda c: {}))
    return result


def _clip_to_otio(clip: Clip, span) -> otio.schema.Clip:
    if isinstance(clip, VideoClip):
        reference = otio.schema.ExternalReference(target_url=clip.source)
        meta = {
            "type": "video",
            "shot_id": clip.shot_id,
            "name": clip.name,
            "fit": clip.fit,
            "focus": clip.focus,
        }
        source_range = span(clip.source_in, clip.frames)
    else:
        reference = otio.schema.GeneratorReference(
            generator_kind="TextCard",
            parameters={
                "title": clip.title,
                "subtitle": clip.subtitle,
                "background": clip.background,
                "foreground": clip.foreground,
            },
        )
        meta = {"type": "card", "shot_id": clip.shot_id, "name": clip.name}
        source_range = span(0, clip.frames)
    return otio.schema.Clip(
        name=clip.name or (clip.shot_id or ""),
        media_reference=reference,
        source_range=source_range,
        metadata={_KEY: meta},
    )


def _cue_track(name, cues, span, extra) -> otio.schema.Track:
    track = otio.schema.Track(name=name, kind=otio.schema.TrackKind.Video)
    cursor = 0
    for cue in sorted(cues, key=lambda c: c.start):
        if cue.start > cursor:
            track.append(otio.schema.Gap(source_range=span(0, cue.start - cursor)))
        elif cue.start < cursor:  # overlapping cues go to the metadata list only
            continue
        track.append(
            otio.schema.Clip(
                name=cue.text[:40],
                media_reference=otio.schema.GeneratorReference(
                    generator_kind="Text", parameters={"text": cue.text, **extra(cue)}
                ),
                source_range=span(0, cue.frames),
            )
        )
        cursor = cue.start + cue.frames
    track.metadata[_KEY] = {
        "cues": [{"text": c.text, "start": c.start, "frames": c.frames, **extra(c)} for c in cues]
    }
    return track


def from_otio(document: otio.schema.Timeline) -> Timeline:
    """Rebuild our timeline from an OTIO timeline written by `to_otio`."""
    meta = document.metadata.get(_KEY)
    if not meta:
        raise UsageError(f"OTIO timeline {document.name!r} was not written by videoagent")
    rate = FrameRate.of(meta["fps"])
    tracks = {track.name: track for track in document.tracks}
    clips: list[Clip] = []
    transitions: list[Transition] = []
    pending = Transition()
    for item in tracks["picture"]:
        if isinstance(item, otio.schema.Transition):
            info = item.metadata[_KEY]
            pending = Transition(kind=info["kind"], frames=int(info["frames"]))
            continue
        info = item.metadata[_KEY]
        frames = round(item.source_range.duration.value)
        if clips:
            transitions.append(pending)
        pending = Transition()
        reference = item.media_reference
        if info["type"] == "video":
            clips.append(
                VideoClip(
                    source=reference.target_url,
                    frames=frames,
                    source_in=round(item.source_range.start_time.value),
                    name=info.get("name", item.name),
                    shot_id=info.get("shot_id"),
                    fit=info.get("fit", "pad"),
                    focus=float(info.get("focus", 0.5)),
                )
            )
        else:
            params = reference.parameters
            clips.append(
                CardClip(
                    title=params["title"],
                    subtitle=params["subtitle"],
                    background=params["background"],
                    foreground=params["foreground"],
                    frames=frames,
                    name=info.get("name", item.name),
                    shot_id=info.get("shot_id"),
                )
            )
    overlays = tuple(
        TextOverlay(text=c["text"], start=c["start"], frames=c["frames"], position=c["position"])
        for c in tracks["overlays"].metadata[_KEY]["cues"]
    )
    captions = tuple(
        Caption(text=c["text"], start=c["start"], frames=c["frames"])
        for c in tracks["captions"].metadata[_KEY]["cues"]
    )
    return Timeline(
        rate=rate,
        width=int(meta["width"]),
        height=int(meta["height"]),
        clips=tuple(clips),
        transitions=tuple(transitions),
        overlays=overlays,
        captions=captions,
        fade_in=int(meta["fade_in"]),
        fade_out=int(meta["fade_out"]),
        name=document.name,
        metadata=dict(meta.get("extra", {})),
    )


def write_otio(timeline: Timeline, path: Path) -> None:
    """Write `timeline` as an .otio file, atomically."""
    from videoagent.store.files import atomic_write_text

    atomic_write_text(path, otio.adapters.write_to_string(to_otio(timeline), "otio_json"))


def read_otio(path: Path) -> Timeline:
    return from_otio(otio.adapters.read_from_file(str(path)))
