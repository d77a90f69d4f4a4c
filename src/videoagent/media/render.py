"""Render a Timeline to an mp4 (H.264 + AAC), piece by piece.

The timeline is cut into pieces (`pieces.py`). A piece that is one whole, compatible take
is stream-copied; any other piece is encoded once by an ffmpeg filter graph that holds only
numbers we computed, never user text or paths. Pieces are named by the hash of their
description, so a re-render after an edit reuses every unchanged piece as it is. The
pieces are then joined by stream copy and the sound is laid under the whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import av

from videoagent.errors import ToolError, UsageError
from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.join import join
from videoagent.media.keyframes import copy_frames, copyable
from videoagent.media.pieces import Keyframes, Piece, Source, describe, split
from videoagent.media.probe import MediaInfo, probe
from videoagent.media.sound_file import encode_sound, is_encoded
from videoagent.media.text_images import card_image, overlay_image
from videoagent.media.writer import AUDIO_CODEC_ARGS, VIDEO_CODEC_ARGS, silent_audio_input
from videoagent.store.files import atomic_write_json, file_sha256, json_sha256, partial_path
from videoagent.timeline.model import CardClip, Timeline, VideoClip

XFADE = {"crossfade": "fade", "fade_black": "fadeblack"}
# Bump when the filter graphs change, so pieces cached by an older version are not reused.
RENDER_VERSION = 3


@dataclass
class RenderReport:
    """How each piece was made: copied from its take, reused from an earlier render, encoded."""

    pieces: list[dict] = field(default_factory=list)

    def count(self, how: str) -> int:
        return sum(1 for p in self.pieces if p["how"] == how)

    @property
    def method(self) -> str:
        """ "copy" when nothing had to be encoded in this render, else "encode"."""
        return "encode" if self.count("encoded") else "copy"

    def summary(self) -> str:
        return (
            f"{len(self.pieces)} pieces: {self.count('copied')} copied from takes, "
            f"{self.count('reused')} reused unchanged, {self.count('encoded')} encoded"
        )


def _copyable(timeline: Timeline) -> dict[str, tuple[Keyframes, bytes]]:
    """The keyframes and codec parameters of each take that can be copied into this render
    as it is (the timeline's size and rate, H.264 in yuv420p)."""
    found = {}
    size = (timeline.width, timeline.height)
    for clip in timeline.clips:
        if isinstance(clip, VideoClip) and clip.source not in found:
            found[clip.source] = copyable(Path(clip.source), size, timeline.rate.fps)
    return {source: facts for source, facts in found.items() if facts is not None}


def crop_box(
    clip: VideoClip, source: tuple[int, int], size: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """The part (x, y, w, h) of a source of another shape that a `fit="crop"` clip shows:
    the largest box of the timeline's shape, centred on `focus`. None: shown whole."""
    (src_w, src_h), (width, height) = source, size
    if clip.fit != "crop" or src_w * height == src_h * width:
        return None
    if src_w * height > src_h * width:  # source wider: crop the sides
        crop_w, crop_h = src_h * width // height, src_h
        x = min(max(round(src_w * clip.focus - crop_w / 2), 0), src_w - crop_w)
        return x, 0, crop_w, crop_h
    crop_w, crop_h = src_w, src_w * height // width
    y = min(max(round(src_h * clip.focus - crop_h / 2), 0), src_h - crop_h)
    return 0, y, crop_w, crop_h


def _framing(clip: VideoClip, info: MediaInfo, width: int, height: int) -> str:
    """Filters that bring a source to the timeline's size: letterbox, or crop around focus."""
    box = crop_box(clip, (info.width, info.height), (width, height))
    if box is not None:
        x, y, crop_w, crop_h = box
        return f"crop={crop_w}:{crop_h}:{x}:{y},scale={width}:{height},setsar=1"
    return (
        f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1"
    )


def _source_chain(
    source: Source, label: str, number: int, timeline: Timeline, work: Path, inputs: list[str]
) -> str:
    fps = str(timeline.rate.fps)
    width, height = timeline.width, timeline.height
    clip = source.clip
    if isinstance(clip, CardClip):
        png = card_image(
            work / f"card{number}.png",
            size=(width, height),
            title=clip.title,
            subtitle=clip.subtitle,
            background=clip.background,
            foreground=clip.foreground,
        )
        inputs += ["-loop", "1", "-framerate", fps, "-i", str(png)]
        return (
            f"[{number}:v]fps={fps},scale={width}:{height},setsar=1,format=yuv420p,"
            f"trim=end_frame={source.frames},setpts=PTS-STARTPTS[{label}]"
        )
    info = probe(clip.source)
    inputs += ["-i", str(clip.source)]
    first = max(source.first, 0)
    last = min(source.first + source.frames, info.frames)
    hold_start, hold_end = first - source.first, source.first + source.frames - last
    chain = [
        f"fps={fps}",
        _framing(clip, info, width, height),
        "format=yuv420p",
        f"trim=start_frame={first}:end_frame={last}",
        "setpts=PTS-STARTPTS",
    ]
    if hold_start or hold_end:
        chain.append(f"tpad=start={hold_start}:stop={hold_end}:start_mode=clone:stop_mode=clone")
    return f"[{number}:v]" + ",".join(chain) + f"[{label}]"


def _encode_piece(piece: Piece, timeline: Timeline, output: Path, work: Path) -> None:
    fps = str(timeline.rate.fps)
    inputs: list[str] = []
    graph = [
        _source_chain(source, f"s{n}", n, timeline, work, inputs)
        for n, source in enumerate(piece.sources)
    ]
    current = "s0"
    if piece.blend:
        seconds = float(timeline.rate.seconds(piece.frames))
        graph.append(
            f"[s0][s1]xfade=transition={XFADE[piece.blend]}:duration={seconds:.6f}:offset=0[b]"
        )
        current = "b"
    for number, overlay in enumerate(piece.overlays):
        png = overlay_image(
            work / f"overlay{number}.png",
            size=(timeline.width, timeline.height),
            text=overlay.text,
            position=overlay.position,
        )
        index = inputs.count("-i")
        inputs += ["-i", str(png)]
        end = overlay.start + overlay.frames - 1
        graph.append(
            f"[{current}][{index}:v]overlay=0:0:"
            f"enable='between(n,{overlay.start},{end})'[o{number}]"
        )
        current = f"o{number}"
    chain = []
    for fade in piece.fades:
        # The fade filter counts from the piece's first frame; a piece that begins partway
        # through a fade is padded in front so the ramp lines up, then the pad is cut off.
        lead = max(fade.into, 0)
        if lead:
            chain.append(f"tpad=start={lead}")
        chain.append(f"fade=t={fade.kind}:s={max(-fade.into, 0)}:n={fade.frames}")
        if lead:
            chain.append(f"trim=start_frame={lead},setpts=PTS-STARTPTS")
    chain.append(f"trim=end_frame={piece.frames},setpts=PTS-STARTPTS,format=yuv420p")
    graph.append(f"[{current}]" + ",".join(chain) + "[vout]")
    script = work / "graph.txt"
    script.write_text(";\n".join(graph), "utf-8")
    run_ffmpeg(
        [
            *inputs,
            "-/filter_complex",
            str(script),
            "-map",
            "[vout]",
            "-an",
            *VIDEO_CODEC_ARGS,
            "-r",
            fps,
            "-frames:v",
            str(piece.frames),
            "-f",
            "mp4",
            str(output),
        ]
    )


def _extradata(path: Path) -> bytes:
    with av.open(str(path)) as container:
        return bytes(container.streams.video[0].codec_context.extradata or b"")


def _sound_track(timeline: Timeline) -> Path | None:
    """The file of the timeline's sound: one cue of the whole video (the mix)."""
    if not timeline.audio:
        return None
    cue = timeline.audio[0]
    if len(timeline.audio) > 1 or cue.start != 0 or cue.frames != timeline.duration:
        raise UsageError(
            "the renderer takes one mixed sound track from frame 0 for the whole video; "
            f"this timeline has {len(timeline.audio)} cue(s), the first at frame {cue.start} "
            f"for {cue.frames} of {timeline.duration} frames"
        )
    return Path(cue.source)


def _encoded_sound(audio: Path | None, seconds: float, work: Path) -> Path:
    """The sound as the video carries it: the agent's mix comes encoded (see sound_file) and
    is copied; any other file is encoded here; without one, `seconds` of silence."""
    if audio is not None and is_encoded(audio):
        return audio
    encoded = work / "sound.m4a"
    if audio is not None:
        return encode_sound(audio, encoded)
    run_ffmpeg([*silent_audio_input(seconds), *AUDIO_CODEC_ARGS, "-f", "mp4", str(encoded)])
    return encoded


def render(
    timeline: Timeline,
    output: Path,
    *,
    pieces_dir: Path | None = None,
) -> RenderReport:
    """Render `timeline` to `output` atomically. Pieces are kept in `pieces_dir` (when
    given; it holds this timeline's pieces only) and reused by later renders. The sound
    track is the timeline's one audio cue (the mix, from frame 0, as long as the video);
    without one the track is silent."""
    audio = _sound_track(timeline)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    report = RenderReport()
    with tempfile.TemporaryDirectory(prefix="videoagent-render-") as tmp:
        work = Path(tmp)
        store = Path(pieces_dir) if pieces_dir else work / "pieces"
        store.mkdir(parents=True, exist_ok=True)
        digests = {
            clip.source: file_sha256(Path(clip.source))
            for clip in timeline.clips
            if isinstance(clip, VideoClip)
        }
        plan = []
        sources = _copyable(timeline)
        keyframes = {source: facts[0] for source, facts in sources.items()}
        for piece in split(timeline, keyframes):
            key = json_sha256(
                {
                    "version": RENDER_VERSION,
                    "size": [timeline.width, timeline.height],
                    "fps": str(timeline.rate.fps),
                    "piece": describe(piece, source_digests=digests),
                }
            )
            plan.append((piece, store / f"{key[:32]}.mp4"))

        # Pieces are a cache: one whose bytes no longer match what was written is made again.
        index_path = store / "index.json"
        index = json.loads(index_path.read_text("utf-8")) if index_path.exists() else {}

        def make(item: tuple[Piece, Path], *, force_encode: bool = False) -> str:
            piece, path = item
            if not force_encode and path.exists() and index.get(path.name) == file_sha256(path):
                return "reused"
            part = partial_path(path)
            source = piece.sources[0]
            if piece.copy and not force_encode:
                copy_frames(Path(source.clip.source), source.first, piece.frames, part)
                how = "copied"
            else:
                scratch = Path(tempfile.mkdtemp(dir=work))
                _encode_piece(piece, timeline, part, scratch)
                how = "encoded"
            os.replace(part, path)
            return how

        # Identical pieces (the same frames twice) are made once.
        unique = list({path: (piece, path) for piece, path in plan}.values())
        with ThreadPoolExecutor(max_workers=2) as pool:
            made = dict(zip([p for _, p in unique], pool.map(make, unique), strict=True))
        hows = []
        for _, path in plan:
            hows.append(made.pop(path, "reused"))

        # Stream copy needs one set of codec parameters for the whole file; a copied take
        # that was encoded differently is encoded again instead.
        def extradata(item: tuple[Piece, Path], how: str) -> bytes:
            source = item[0].sources[0].clip
            if how == "copied":  # as its take's, without opening the copy
                return sources[source.source][1]
            return _extradata(item[1])

        reference = next(
            (
                _extradata(path)
                for (_, path), how in zip(plan, hows, strict=True)
                if how == "encoded"
            ),
            extradata(plan[0], hows[0]),
        )
        for i, (item, how) in enumerate(zip(plan, hows, strict=True)):
            if extradata(item, how) != reference:
                if how == "encoded":
                    raise ToolError(["ffmpeg"], 1, f"piece {item[1].name} has other codec settings")
                hows[i] = make(item, force_encode=True)
        index = {path.name: file_sha256(path) for _, path in plan}
        atomic_write_json(index_path, index)
        for stale in store.glob("*.mp4"):  # pieces of earlier edits no render uses now
            if stale.name not in index:
                stale.unlink()
        for (piece, path), how in zip(plan, hows, strict=True):
            report.pieces.append(
                {
                    "start": piece.start,
                    "frames": piece.frames,
                    "shots": piece.shot_ids,
                    "kind": "blend" if piece.blend else "span",
                    "how": how,
                    "file": path.name,
                }
            )
        seconds = float(timeline.rate.seconds(timeline.duration))
        sound = _encoded_sound(audio, seconds, work)
        join([(path, piece.frames) for piece, path in plan], sound, timeline.rate.fps, output)
    return report
