"""The project's edit in the formats other editors open: Final Cut Pro X (`fcpxml`), Final
Cut Pro 7 / Premiere / Resolve XML (`xmeml`), CMX 3600 EDL (`edl`) and OpenTimelineIO
(`otio`), written through OpenTimelineIO's adapter plug-ins (the `editors` extra), with the
media beside the export.

What is exported: the picture track (each take's clip, cut where the video cuts, with its
crossfades where the format and its adapter keep them) and, where the format has audio
tracks, the finished sound (`mix.wav`) under it. A text card or title has no file of its
own, so it becomes the stretch of the finished video that shows it. Overlays and captions
stay in videoagent (burnt into the final video, and in final.srt / final.vtt).

The media are copied into `media/` beside the export and referred to there: by a path
relative to the export (`otio`, `edl`) or by its absolute file URL (the XML formats, whose
readers want URLs). Each export is read back with OpenTimelineIO before it is kept, and
refused if its cuts differ from the project's; what the format could not carry is said.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import opentimelineio as otio

from videoagent.errors import DamagedProject, MissingDependency, UsageError
from videoagent.media.probe import probe
from videoagent.store.files import atomic_write_text

FORMATS = {  # our name → (OTIO adapter, file suffix, media by absolute URL, audio track)
    "otio": ("otio_json", ".otio", False, True),
    "fcpxml": ("fcpx_xml", ".fcpxml", True, True),
    "xmeml": ("fcp_xml", ".xml", True, True),
    "edl": ("cmx_3600", ".edl", False, False),
}
PLUGINS = {
    "fcpx_xml": "otio-fcpx-xml-adapter",
    "fcp_xml": "otio-fcp-adapter",
    "cmx_3600": "otio-cmx3600-adapter",
}


@dataclass
class Exported:
    """What an export wrote and what it could not carry."""

    path: Path
    media: list[Path] = field(default_factory=list)
    cuts: int = 0
    notes: list[str] = field(default_factory=list)


def export_project(project: Path, out: Path, format_name: str) -> Exported:
    """Write `project`'s edit into folder `out` as `format_name` (see FORMATS)."""
    if format_name not in FORMATS:
        raise UsageError(f"unknown export format {format_name!r}; one of {', '.join(FORMATS)}")
    adapter, suffix, absolute, with_audio = FORMATS[format_name]
    _need_adapter(adapter)
    project, out = Path(project).resolve(), Path(out).resolve()
    source = project / "timeline.otio"
    if not source.is_file():
        raise UsageError(f"{str(project)!r} has no timeline.otio: make the video first")
    if out == project or out.is_relative_to(project / "shots"):
        raise UsageError(f"export folder {str(out)!r} must not be the project or its takes")
    try:
        document = otio.adapters.read_from_file(str(source))
    except Exception as exc:  # noqa: BLE001 - OTIO raises many kinds for a bad file
        raise DamagedProject(f"{source} cannot be read as OpenTimelineIO: {exc}") from None
    pictures = [t for t in document.tracks if t.name == "picture"]
    if not pictures:
        raise DamagedProject(f"{source} has no picture track")
    rate = _rate(pictures[0])
    media = out / "media"
    copies: dict[Path, Path] = {}

    def place(path: Path) -> str:
        """The copy of `path` under media/, named for the export's readers."""
        if path not in copies:
            name = _media_name(path, project)
            media.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, media / name)
            copies[path] = media / name
        copy_ = copies[path]
        return copy_.as_uri() if absolute else copy_.relative_to(out).as_posix()

    exported = Exported(out / f"{project.name}{suffix}")
    picture = _picture(pictures[0], project, rate, place, exported.notes)
    tracks = [picture]
    mix = project / "renders" / "mix.wav"
    if not mix.is_file():
        mix = project / "renders" / "mix.unverified.wav"
    if with_audio and mix.is_file():
        tracks.append(_sound(mix, picture.duration(), place))
    elif mix.is_file():
        exported.notes.append(f"{format_name}: one video track only; the sound is media/{mix.name}")
        place(mix)
    timeline = otio.schema.Timeline(name=document.name or project.name, tracks=tracks)
    timeline.global_start_time = otio.opentime.RationalTime(0, rate)
    wanted = cuts_of(timeline)  # before writing: an adapter may change what it is given
    text = otio.adapters.write_to_string(copy.deepcopy(timeline), adapter)
    read = cuts_of(otio.adapters.read_from_string(text, adapter))
    if _clips(wanted) != _clips(read):
        raise UsageError(f"the {format_name} export would move cuts: {wanted} became {read}")
    fades = sum(1 for item in picture if isinstance(item, otio.schema.Transition))
    kept = sum(1 for c in read if c[0] == "crossfade")
    if fades and kept < fades:
        exported.notes.append(
            f"{format_name}: its adapter writes {fades - kept} of {fades} crossfades as cuts"
        )
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(exported.path, text)
    exported.media = sorted(copies.values())
    exported.cuts = len(_clips(wanted))
    return exported


def _clips(points: list[tuple]) -> list[tuple]:
    return [point for point in points if point[0] == "clip"]


def cut_points(path: Path, format_name: str) -> list[tuple]:
    """The cuts of an export, read back with OpenTimelineIO (`_cut_points`): what a round
    trip must keep."""
    adapter = FORMATS[format_name][0]
    return cuts_of(otio.adapters.read_from_file(str(path), adapter))


def cuts_of(timeline: otio.schema.Timeline) -> list[tuple]:
    """The picture's cuts in a form every format's reading gives alike: each clip as
    ("clip", first frame shown, frames shown, its source frame at the first), each
    crossfade as ("crossfade", the frame it is centred on, its length). A cut inside a
    crossfade is taken at the crossfade's middle: OpenTimelineIO reads an EDL's dissolve
    as the outgoing clip ending where it starts, and ours as centred on the cut."""
    track = timeline.video_tracks()[0]
    items = list(track)
    centre: dict[int, tuple[int, int]] = {}  # index of a transition → (its centre, length)
    for index, item in enumerate(items):
        if isinstance(item, otio.schema.Transition):
            before = track.range_of_child(items[index - 1]).end_time_exclusive().value
            fade_in, fade_out = item.in_offset.value, item.out_offset.value
            centre[index] = (round(before + (fade_out - fade_in) / 2), round(fade_in + fade_out))
    points = []
    for index, item in enumerate(items):
        if isinstance(item, otio.schema.Transition):
            points.append(("crossfade", *centre[index]))
        elif isinstance(item, otio.schema.Clip):
            placed = track.range_of_child(item)
            first = placed.start_time.value
            end = placed.end_time_exclusive().value
            if index - 1 in centre:
                first = centre[index - 1][0]
            if index + 1 in centre:
                end = centre[index + 1][0]
            source = item.source_range.start_time.value + first - placed.start_time.value
            points.append(("clip", round(first), round(end - first), round(source)))
    return points


def _picture(track, project: Path, rate: float, place, notes: list[str]) -> otio.schema.Track:
    """The picture track with every clip on a real file: takes as they are, cards as the
    stretch of the finished video that shows them."""
    picture = otio.schema.Track(name="picture", kind=otio.schema.TrackKind.Video)
    final = project / "renders" / "final.mp4"
    if not final.is_file() and (project / "renders" / "final.unverified.mp4").is_file():
        final = project / "renders" / "final.unverified.mp4"
        notes.append("the video failed its checks: cards come from final.unverified.mp4")
    cards = 0
    for item in track:
        if isinstance(item, otio.schema.Transition):
            picture.append(copy.deepcopy(item))
            continue
        if not isinstance(item, otio.schema.Clip):
            picture.append(copy.deepcopy(item))
            continue
        reference = item.media_reference
        clip = otio.schema.Clip(name=item.name, source_range=item.source_range)
        if isinstance(reference, otio.schema.ExternalReference):
            path = _media_path(reference.target_url, project)
            clip.media_reference = _reference(path, rate, place)
        else:
            if not final.is_file():
                raise UsageError(f"{str(project)!r} has no final.mp4 to take its cards from")
            clip.media_reference = _reference(final, rate, place)
            clip.source_range = track.range_of_child(item)
            cards += 1
        picture.append(clip)
    if cards:
        notes.append(f"{cards} card(s) are the stretch of media/{final.name} that shows them")
    return picture


def _sound(mix: Path, length, place) -> otio.schema.Track:
    rate = length.rate
    sound = otio.schema.Track(name="sound", kind=otio.schema.TrackKind.Audio)
    seconds = _seconds_of(mix)
    available = otio.opentime.TimeRange(
        otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(round(seconds * rate), rate)
    )
    reference = otio.schema.ExternalReference(target_url=place(mix), available_range=available)
    span = otio.opentime.TimeRange(otio.opentime.RationalTime(0, rate), length)
    sound.append(otio.schema.Clip(name="mix", media_reference=reference, source_range=span))
    return sound


def _seconds_of(audio: Path) -> float:
    import av

    with av.open(str(audio)) as container:
        stream = container.streams.audio[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return container.duration / av.time_base


def _reference(path: Path, rate: float, place) -> otio.schema.ExternalReference:
    frames = probe(path).frames
    available = otio.opentime.TimeRange(
        otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(frames, rate)
    )
    return otio.schema.ExternalReference(target_url=place(path), available_range=available)


def _media_path(url: str, project: Path) -> Path:
    path = Path(url.removeprefix("file://"))
    path = path if path.is_absolute() else project / path
    if not path.is_file():
        raise DamagedProject(f"timeline.otio names {url!r}, which is not in the project")
    return path


def _media_name(path: Path, project: Path) -> str:
    """shots/shot-03/takes/02/clip.mp4 → shot-03-take-02.mp4; anything else by its name."""
    try:
        parts = path.relative_to(project).parts
    except ValueError:
        return path.name
    if len(parts) == 5 and parts[0] == "shots" and parts[2] == "takes":
        return f"{parts[1]}-take-{parts[3]}{path.suffix}"
    return path.name


def _rate(track) -> float:
    for item in track:
        if isinstance(item, otio.schema.Clip):
            return item.source_range.duration.rate
    raise DamagedProject("timeline.otio's picture track has no clips")


def _need_adapter(adapter: str) -> None:
    names = {a.name for a in otio.plugins.ActiveManifest().adapters}
    if adapter not in names:
        raise MissingDependency(f"the {adapter} adapter ({PLUGINS[adapter]})", "editors")
