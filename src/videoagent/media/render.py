"""Render a Timeline to an mp4 (H.264 + AAC), piece by piece.

The timeline is cut into pieces (`pieces.py`): runs of a compatible take from keyframe to
keyframe are copied packet for packet; every other piece is encoded, a few to an FFmpeg
run (`piece_encoder.py`). Pieces are named by the hash of their description, so a
re-render after an edit reuses every unchanged piece as it is. The pieces are then joined
and the sound laid under the whole (`join.py`), both by copying.

A marked render (the default in the agent) adds the invisible watermark to every frame as
it is encoded, so nothing is copied from a take: each piece is encoded once, then reused
by later renders like any other.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import av

from videoagent.errors import ToolError, UsageError
from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.fonts import font_identity
from videoagent.media.join import join
from videoagent.media.keyframes import copy_frames, copyable
from videoagent.media.piece_encoder import encode_pieces
from videoagent.media.pieces import Keyframes, Piece, describe, split
from videoagent.media.sound_file import encode_sound, is_encoded
from videoagent.media.watermark import Payload
from videoagent.media.writer import AUDIO_CODEC_ARGS, silent_audio_input
from videoagent.store.files import atomic_write_json, file_sha256, json_sha256, partial_path
from videoagent.timeline.model import Timeline, VideoClip

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
    mark: Payload | None = None,
) -> RenderReport:
    """Render `timeline` to `output` atomically. Pieces are kept in `pieces_dir` (when
    given; it holds this timeline's pieces only) and reused by later renders. The sound
    track is the timeline's one audio cue (the mix, from frame 0, as long as the video);
    without one the track is silent. `mark`: the watermark's payload, or None for none."""
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
            if mark is not None:  # still cut at keyframes: an edit re-encodes few frames
                piece = replace(piece, copy=False)
            key = json_sha256(
                {
                    "version": RENDER_VERSION,
                    "font": font_identity(),  # cards and text are drawn in it
                    "size": [timeline.width, timeline.height],
                    "fps": str(timeline.rate.fps),
                    "piece": describe(piece, source_digests=digests),
                    "mark": mark.to_dict() if mark is not None else None,
                }
            )
            plan.append((piece, store / f"{key[:32]}.mp4"))

        # Pieces are a cache: one whose bytes no longer match what was written is made again.
        index_path = store / "index.json"
        index = json.loads(index_path.read_text("utf-8")) if index_path.exists() else {}

        def encode(items: list[tuple[Piece, Path]]) -> None:
            parts = [(piece, partial_path(path)) for piece, path in items]
            encode_pieces(parts, timeline, Path(tempfile.mkdtemp(dir=work)), keyframes, mark)
            for (_, part), (_, path) in zip(parts, items, strict=True):
                os.replace(part, path)

        # Identical pieces (the same frames twice) are made once; copies here, in this
        # process; everything to encode in one FFmpeg run.
        made: dict[Path, str] = {}
        unique = list({path: (piece, path) for piece, path in plan}.values())
        for piece, path in unique:
            if path.exists() and index.get(path.name) == file_sha256(path):
                continue
            if piece.copy:
                source = piece.sources[0]
                part = partial_path(path)
                copy_frames(Path(source.clip.source), source.first, piece.frames, part)
                os.replace(part, path)
                made[path] = "copied"
            else:
                made[path] = "encoded"
        encode([(piece, path) for piece, path in unique if made.get(path) == "encoded"])
        hows = [made.pop(path, "reused") for _, path in plan]

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
        unlike = [
            i
            for i, (item, how) in enumerate(zip(plan, hows, strict=True))
            if extradata(item, how) != reference
        ]
        if any(hows[i] == "encoded" for i in unlike):
            raise ToolError(["ffmpeg"], 1, "pieces encoded here have other codec settings")
        encode(list({plan[i][1]: plan[i] for i in unlike}.values()))
        for i in unlike:
            hows[i] = "encoded"
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
