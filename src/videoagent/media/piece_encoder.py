"""Encoding the pieces a render cannot copy, several in one FFmpeg process: one filter
graph with a chain per piece and an output file per piece. The graph holds only numbers we
computed and paths of our own, never user text or paths (texts and cards come in as images,
styled captions as an ASS script in a folder of ours: `ass_captions.py`). A take whose
keyframes are known is opened at the keyframe before the frames a piece needs, so it is
decoded from there, not from its start. When the render is marked, each piece's last step
adds the invisible watermark (`watermark.py`) to its frames."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from videoagent.media.ass_captions import caption_font, graph_safe_folder, write_script
from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.grades import grade_filter
from videoagent.media.pieces import Keyframes, Piece, Source
from videoagent.media.probe import MediaInfo, probe
from videoagent.media.text_images import card_image, overlay_image
from videoagent.media.watermark import (
    Payload,
    marking_filter,
    pattern_input,
    write_pattern_frame,
)
from videoagent.media.writer import VIDEO_CODEC_ARGS
from videoagent.store.files import file_sha256
from videoagent.timeline.caption_style import caption_style
from videoagent.timeline.model import CardClip, Timeline, VideoClip

XFADE = {"crossfade": "fade", "fade_black": "fadeblack"}
# Each piece in a run holds its decoders and an x264 encoder: a 600 s video's pieces in one
# run took 1.9 GB; 8 a run 385 MB, 4 a run 208 MB, at the same CPU (6.8 s).
PIECES_PER_RUN = 4


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


class _Graph:
    """The inputs and filter chains of one FFmpeg run, built piece by piece."""

    def __init__(
        self,
        timeline: Timeline,
        work: Path,
        keyframes: Mapping[str, Keyframes],
        mark: Path | None = None,
    ):
        self.timeline, self.work, self.keyframes, self.mark = timeline, work, keyframes, mark
        self.inputs: list[str] = []
        self.chains: list[str] = []
        self.outputs: list[str] = []
        self.captions: Path | None = None  # the folder of ASS scripts and the font, once made

    def _caption_folder(self, fonts: set[Path]) -> Path:
        """Our folder for ASS scripts, its fonts/ holding each of `fonts` (linked, or
        copied where links are not allowed)."""
        if self.captions is None:
            self.captions = graph_safe_folder()
            (self.captions / "fonts").mkdir()
        for font in fonts:
            kept = self.captions / "fonts" / f"{file_sha256(font)[:16]}{font.suffix.lower()}"
            if kept.exists():
                continue
            try:
                os.symlink(font, kept)
            except OSError:
                shutil.copyfile(font, kept)
        return self.captions

    def close(self) -> None:
        if self.captions is not None:
            shutil.rmtree(self.captions, ignore_errors=True)

    def _input(self, *args: str) -> int:
        """Add an input (its options, then its file); returns its index."""
        index = self.inputs.count("-i")
        self.inputs += list(args)
        return index

    def _source(self, source: Source, label: str) -> None:
        timeline = self.timeline
        fps = str(timeline.rate.fps)
        width, height = timeline.width, timeline.height
        clip = source.clip
        if isinstance(clip, CardClip):
            png = card_image(
                self.work / f"card{len(self.chains)}.png",
                size=(width, height),
                title=clip.title,
                subtitle=clip.subtitle,
                background=clip.background,
                foreground=clip.foreground,
            )
            number = self._input("-loop", "1", "-framerate", fps, "-i", str(png))
            self.chains.append(
                f"[{number}:v]fps={fps},scale={width}:{height},setsar=1,format=yuv420p,"
                f"trim=end_frame={source.frames},setpts=PTS-STARTPTS[{label}]"
            )
            return
        info = probe(clip.source)
        first = max(source.first, 0)
        last = min(source.first + source.frames, info.frames)
        hold_start, hold_end = first - source.first, source.first + source.frames - last
        # Opened at the keyframe before `first` (half a frame past it, so the seek cannot
        # fall on the one before), decoding starts there: frames count from it.
        known = self.keyframes.get(clip.source)
        opened = max((k for k in known.at if k <= first), default=0) if known else 0
        seek = ["-noaccurate_seek", "-ss", f"{(opened + 0.5) / float(info.fps):.6f}"]
        number = self._input(*(seek if opened else []), "-i", str(clip.source))
        chain = [
            "setpts=PTS-STARTPTS",
            f"fps={fps}",
            _framing(clip, info, width, height),
            *([grade_filter(clip.grade)] if clip.grade else []),
            "format=yuv420p",
            f"trim=start_frame={first - opened}:end_frame={last - opened}",
            "setpts=PTS-STARTPTS",
        ]
        if hold_start or hold_end:
            chain.append(
                f"tpad=start={hold_start}:stop={hold_end}:start_mode=clone:stop_mode=clone"
            )
        self.chains.append(f"[{number}:v]" + ",".join(chain) + f"[{label}]")

    def add(self, piece: Piece, output: Path) -> None:
        """The chain that makes `piece`, and its output file."""
        timeline, n = self.timeline, len(self.outputs)
        for k, source in enumerate(piece.sources):
            self._source(source, f"p{n}s{k}")
        current = f"p{n}s0"
        if piece.blend:
            seconds = float(timeline.rate.seconds(piece.frames))
            self.chains.append(
                f"[p{n}s0][p{n}s1]xfade=transition={XFADE[piece.blend]}:"
                f"duration={seconds:.6f}:offset=0[p{n}b]"
            )
            current = f"p{n}b"
        fonts = {o.style: caption_font(caption_style(o.style)) for o in piece.overlays if o.style}
        styled = [o for o in piece.overlays if o.style and fonts[o.style] is not None]
        for k, overlay in enumerate(o for o in piece.overlays if o not in styled):
            png = overlay_image(
                self.work / f"overlay{n}-{k}.png",
                size=(timeline.width, timeline.height),
                text=overlay.text,
                position=overlay.position,
            )
            index = self._input("-i", str(png))
            end = overlay.start + overlay.frames - 1
            self.chains.append(
                f"[{current}][{index}:v]overlay=0:0:"
                f"enable='between(n,{overlay.start},{end})'[p{n}o{k}]"
            )
            current = f"p{n}o{k}"
        if styled:
            folder = self._caption_folder({fonts[o.style] for o in styled})
            script = folder / f"captions{n}.ass"
            size, fps = (timeline.width, timeline.height), timeline.rate.fps
            write_script(styled, script, width=size[0], height=size[1], fps=fps)
            self.chains.append(f"[{current}]ass=filename={script}:fontsdir={folder}/fonts[p{n}c]")
            current = f"p{n}c"
        chain = []
        for fade in piece.fades:
            # The fade filter counts from the piece's first frame; a piece that begins
            # partway through a fade is padded in front so the ramp lines up, then the pad
            # is cut off.
            lead = max(fade.into, 0)
            if lead:
                chain.append(f"tpad=start={lead}")
            chain.append(f"fade=t={fade.kind}:s={max(-fade.into, 0)}:n={fade.frames}")
            if lead:
                chain.append(f"trim=start_frame={lead},setpts=PTS-STARTPTS")
        chain.append(f"trim=end_frame={piece.frames},setpts=PTS-STARTPTS,format=yuv420p")
        fps = str(timeline.rate.fps)
        if self.mark is None:
            self.chains.append(f"[{current}]" + ",".join(chain) + f"[p{n}]")
        else:
            self.chains.append(f"[{current}]" + ",".join(chain) + f"[p{n}u]")
            index = self._input(*pattern_input(self.mark, timeline.width, timeline.height, fps))
            self.chains.append(marking_filter(f"p{n}u", f"{index}:v", piece.frames, f"p{n}"))
        self.outputs += ["-map", f"[p{n}]", "-an", *VIDEO_CODEC_ARGS, "-r", fps]
        self.outputs += ["-frames:v", str(piece.frames), "-f", "mp4", str(output)]


def encode_pieces(
    pieces: list[tuple[Piece, Path]],
    timeline: Timeline,
    work: Path,
    keyframes: Mapping[str, Keyframes],
    mark: Payload | None = None,
) -> None:
    """Encode each (piece, output file), PIECES_PER_RUN in one FFmpeg run; `keyframes` of
    the takes that have them known let each be opened near the frames it gives; `mark`,
    when given, is watermarked into every frame."""
    pattern = None
    if mark is not None and pieces:
        pattern = write_pattern_frame(mark, timeline.width, timeline.height, work / "mark.yuv")
    for first in range(0, len(pieces), PIECES_PER_RUN):
        graph = _Graph(timeline, work, keyframes, pattern)
        try:
            for piece, output in pieces[first : first + PIECES_PER_RUN]:
                graph.add(piece, output)
            script = work / f"graph{first}.txt"
            script.write_text(";\n".join(graph.chains), "utf-8")
            run_ffmpeg([*graph.inputs, "-/filter_complex", str(script), *graph.outputs])
        finally:
            graph.close()
