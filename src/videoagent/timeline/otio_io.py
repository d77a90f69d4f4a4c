"""OpenTimelineIO export and import, so any OTIO-aware editor can open our edit.

Picture clips become OTIO clips with external references (relative to the project, so a
moved project still points at its takes); text cards become clips with a `TextCard`
generator reference; overlays live on text tracks ("overlays", and "overlays 2", … where
they overlap) and captions on their own track, as generator clips separated by gaps.
Everything OTIO has no word for is kept in `metadata["videoagent"]`, so reading the file
back gives the same `Timeline`.

The file is also the project's edit as a document another tool may change: the metadata
keeps digests of the picture, the overlays and the captions as written, so `read_picture`
can tell a file changed outside videoagent (a clip trimmed, moved or removed, a text moved,
retyped, added or deleted) from one as we left it. Overlays are read from their tracks'
clips, so what another editor did to them is what the file says.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import opentimelineio as otio

from videoagent.errors import UsageError
from videoagent.timeline.caption_style import caption_style
from videoagent.timeline.model import (
    POSITIONS,
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


@dataclass(frozen=True)
class PictureCut:
    """One clip of the picture track as a document: which shot, how long, from where in its
    take, and the transition into it."""

    shot_id: str | None
    kind: str  # "video" or "card"
    frames: int
    source_in: int
    transition: Transition  # into this clip (the first clip's is a cut)


@dataclass(frozen=True)
class Picture:
    """The picture and the text over it in a timeline.otio, and what of them was changed
    outside videoagent."""

    cuts: tuple[PictureCut, ...]
    edited_outside: bool
    overlays: tuple[TextOverlay, ...] = ()
    text_edited_outside: bool = False
    captions_edited_outside: bool = False  # made from the shots each render: only said


def _digest(cuts: list[PictureCut]) -> str:
    rows = [
        [c.shot_id, c.kind, c.frames, c.source_in, c.transition.kind, c.transition.frames]
        for c in cuts
    ]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def _overlay_digest(overlays) -> str:
    rows = [
        [o.text, o.start, o.frames, o.position, o.shot_id]
        + ([o.style, o.spoken] if o.style else [])
        for o in overlays
    ]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def _caption_digest(document: otio.schema.Timeline) -> str:
    """A digest of the caption track as its clips stand."""
    rows = []
    for track in document.tracks:
        if track.name == "captions":
            for item in track:
                reference = getattr(item, "media_reference", None)
                text = getattr(reference, "parameters", {}).get("text", "")
                rows.append([item.schema_name(), item.duration().value, text])
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def picture_of(timeline: Timeline) -> Picture:
    """The picture and text of `timeline` (made here, so not edited outside)."""
    return Picture(tuple(_cuts(timeline)), False, overlays=_in_order(timeline.overlays))


def _in_order(overlays) -> tuple[TextOverlay, ...]:
    return tuple(sorted(overlays, key=lambda o: (o.start, o.frames, o.text)))


def _cuts(timeline: Timeline) -> list[PictureCut]:
    cuts = []
    for index, clip in enumerate(timeline.clips):
        cuts.append(
            PictureCut(
                shot_id=clip.shot_id,
                kind="video" if isinstance(clip, VideoClip) else "card",
                frames=clip.frames,
                source_in=clip.source_in if isinstance(clip, VideoClip) else 0,
                transition=timeline.transitions[index - 1] if index else Transition(),
            )
        )
    return cuts


def to_otio(timeline: Timeline, *, root: Path | None = None) -> otio.schema.Timeline:
    """Build an OTIO timeline from ours; media under `root` is named relative to it."""
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
        "picture_digest": _digest(_cuts(timeline)),
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
        picture.append(_clip_to_otio(clip, span, root))
    result.tracks.append(picture)
    result.tracks.extend(_overlay_tracks(timeline.overlays, span))
    result.tracks.append(_caption_track(timeline.captions, span))
    result.metadata[_KEY]["overlay_digest"] = _overlay_digest(_in_order(timeline.overlays))
    result.metadata[_KEY]["caption_digest"] = _caption_digest(result)
    return result


def _overlay_tracks(overlays, span) -> list[otio.schema.Track]:
    """The overlays on as few text tracks as keep any two on one track from overlapping:
    "overlays", then "overlays 2", …; each clip keeps its position and shot."""
    lanes: list[list[TextOverlay]] = []
    for overlay in _in_order(overlays):
        free = [lane for lane in lanes if lane[-1].start + lane[-1].frames <= overlay.start]
        if free:
            free[0].append(overlay)
        else:
            lanes.append([overlay])
    tracks = []
    for number, lane in enumerate(lanes or [[]], start=1):
        track = otio.schema.Track(
            name="overlays" if number == 1 else f"overlays {number}",
            kind=otio.schema.TrackKind.Video,
        )
        cursor = 0
        for overlay in lane:
            if overlay.start > cursor:
                track.append(otio.schema.Gap(source_range=span(0, overlay.start - cursor)))
            track.append(
                otio.schema.Clip(
                    name=overlay.text[:40],
                    media_reference=otio.schema.GeneratorReference(
                        generator_kind="Text",
                        parameters={"text": overlay.text, "position": overlay.position}
                        | (
                            {"style": overlay.style, "spoken": overlay.spoken}
                            if overlay.style
                            else {}
                        ),
                    ),
                    source_range=span(0, overlay.frames),
                    metadata={_KEY: {"shot_id": overlay.shot_id}},
                )
            )
            cursor = overlay.start + overlay.frames
        tracks.append(track)
    return tracks


def _overlays(document: otio.schema.Timeline, where: str) -> tuple[TextOverlay, ...]:
    """The text over the picture as the file's text tracks hold it, another editor's
    changes included (a text clip it added has no shot: it stays on the video's clock).
    A file from a version that listed overlays in its metadata is read from that list."""
    found = []
    for track in document.tracks:
        if not track.name.startswith("overlays"):
            continue
        listed = track.metadata.get(_KEY, {}).get("cues")
        if listed is not None:
            found += [
                TextOverlay(c["text"], c["start"], c["frames"], c.get("position", "bottom"))
                for c in listed
            ]
            continue
        cursor = 0
        for item in track:
            if isinstance(item, otio.schema.Transition):
                continue
            frames = round(item.duration().value)
            if isinstance(item, otio.schema.Clip):
                parameters = getattr(item.media_reference, "parameters", None)
                if not parameters or "text" not in parameters:
                    raise UsageError(
                        f"{where}: track {track.name!r} holds {item.name!r}, which is not "
                        "text; text tracks hold text clips and gaps only"
                    )
                position = parameters.get("position", "bottom")
                found.append(
                    TextOverlay(
                        str(parameters["text"]),
                        cursor,
                        frames,
                        position if position in POSITIONS else "bottom",
                        item.metadata.get(_KEY, {}).get("shot_id"),
                        *_caption_style(parameters, where, item.name),
                    )
                )
            cursor += frames
    return _in_order(found)


def _caption_style(parameters, where: str, name: str) -> tuple[str, int]:
    """A text clip's caption style and spoken word, checked: another editor may have
    written anything there."""
    style, spoken = parameters.get("style", ""), parameters.get("spoken", -1)
    if not style:
        return "", -1
    try:
        caption_style(str(style))
    except UsageError as exc:
        raise UsageError(f"{where}: text clip {name!r}: {exc}") from None
    if isinstance(spoken, bool) or not isinstance(spoken, int):
        raise UsageError(f"{where}: text clip {name!r} has spoken word {spoken!r}, not a number")
    return str(style), spoken


def _clip_to_otio(clip: Clip, span, root: Path | None) -> otio.schema.Clip:
    if isinstance(clip, VideoClip):
        source = Path(clip.source)
        # Both resolved: a project opened by a relative path (`--out film`) names its takes
        # relative to the working directory, which the file must not keep.
        if root is not None and source.resolve().is_relative_to(Path(root).resolve()):
            source = source.resolve().relative_to(Path(root).resolve())
        reference = otio.schema.ExternalReference(target_url=source.as_posix())
        meta = {
            "type": "video",
            "shot_id": clip.shot_id,
            "name": clip.name,
            "fit": clip.fit,
            "focus": clip.focus,
            **({"grade": clip.grade} if clip.grade else {}),
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


def _caption_track(cues, span) -> otio.schema.Track:
    """Captions on their track; all of them (overlapping ones too) in its metadata."""
    track = otio.schema.Track(name="captions", kind=otio.schema.TrackKind.Video)
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
                    generator_kind="Text", parameters={"text": cue.text}
                ),
                source_range=span(0, cue.frames),
            )
        )
        cursor = cue.start + cue.frames
    track.metadata[_KEY] = {
        "cues": [{"text": c.text, "start": c.start, "frames": c.frames} for c in cues]
    }
    return track


def from_otio(document: otio.schema.Timeline, *, root: Path | None = None) -> Timeline:
    """Rebuild our timeline from an OTIO timeline written by `to_otio`; relative media
    paths are resolved against `root`."""
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
                    source=str(root / reference.target_url)
                    if root is not None and not Path(reference.target_url).is_absolute()
                    else reference.target_url,
                    frames=frames,
                    source_in=round(item.source_range.start_time.value),
                    name=info.get("name", item.name),
                    shot_id=info.get("shot_id"),
                    fit=info.get("fit", "pad"),
                    focus=float(info.get("focus", 0.5)),
                    grade=info.get("grade", ""),
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
    overlays = _overlays(document, document.name)
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


def write_otio(timeline: Timeline, path: Path, *, root: Path | None = None) -> None:
    """Write `timeline` as an .otio file, atomically; media under `root` by relative path."""
    from videoagent.store.files import atomic_write_text

    document = to_otio(timeline, root=root)
    atomic_write_text(path, otio.adapters.write_to_string(document, "otio_json"))


def read_otio(path: Path, *, root: Path | None = None) -> Timeline:
    return from_otio(otio.adapters.read_from_file(str(path)), root=root)


def read_picture(path: Path) -> Picture:
    """The picture track of `path` as cuts, for a project to adopt what another tool changed.
    UsageError when the file cannot be read or is not one videoagent wrote."""
    try:
        document = otio.adapters.read_from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - OTIO raises many kinds for a bad file
        raise UsageError(f"{path} cannot be read as OpenTimelineIO: {exc}") from None
    meta = document.metadata.get(_KEY) if isinstance(document, otio.schema.Timeline) else None
    if not meta:
        raise UsageError(f"{path} was not written by videoagent (no videoagent metadata)")
    tracks = [t for t in document.tracks if t.name == "picture"]
    if len(tracks) != 1:
        raise UsageError(f"{path} has {len(tracks)} tracks named 'picture'; it needs one")
    cuts: list[PictureCut] = []
    pending = Transition()
    for item in tracks[0]:
        if isinstance(item, otio.schema.Transition):
            info = item.metadata.get(_KEY, {})
            kind = info.get("kind", "crossfade")
            frames = round(item.in_offset.value + item.out_offset.value)
            pending = Transition(kind=kind, frames=frames)
            continue
        if not isinstance(item, otio.schema.Clip):
            raise UsageError(f"{path}: the picture track holds a {item.schema_name()}; only clips")
        info = item.metadata.get(_KEY, {})
        cuts.append(
            PictureCut(
                shot_id=info.get("shot_id"),
                kind=info.get("type", "video"),
                frames=round(item.source_range.duration.value),
                source_in=round(item.source_range.start_time.value),
                transition=pending if cuts else Transition(),
            )
        )
        pending = Transition()
    # A file from a version that kept no digests cannot tell: it is taken as written.
    overlays = _overlays(document, str(path))
    picture, text = meta.get("picture_digest"), meta.get("overlay_digest")
    captions = meta.get("caption_digest")
    return Picture(
        tuple(cuts),
        edited_outside=picture is not None and _digest(cuts) != picture,
        overlays=overlays,
        text_edited_outside=text is not None and _overlay_digest(overlays) != text,
        captions_edited_outside=captions is not None and _caption_digest(document) != captions,
    )
