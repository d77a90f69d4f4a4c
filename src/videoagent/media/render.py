"""Render a Timeline to an mp4 (H.264 + AAC).

When the edit is only cuts of whole, identically encoded clips, the clips are joined by
stream copy (no re-encode). Otherwise one ffmpeg filter graph trims, crossfades, lays text
over and fades; the graph holds only numbers we computed, never user text or paths.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.probe import probe
from videoagent.media.text_images import card_image, overlay_image
from videoagent.media.writer import AUDIO_CODEC_ARGS, VIDEO_CODEC_ARGS, silent_audio_input
from videoagent.store.files import partial_path
from videoagent.timeline.model import CardClip, Timeline, VideoClip

XFADE = {"crossfade": "fade", "fade_black": "fadeblack"}


def can_stream_copy(timeline: Timeline) -> bool:
    """True when every clip is a whole, compatible file joined by plain cuts."""
    if timeline.overlays or timeline.fade_in or timeline.fade_out or not timeline.clips:
        return False
    if any(t.kind != "cut" for t in timeline.transitions):
        return False
    signature = None
    for clip in timeline.clips:
        if not isinstance(clip, VideoClip) or clip.source_in != 0:
            return False
        info = probe(clip.source)
        if info.frames != clip.frames or info.audio_codec != "aac":
            return False
        this = (info.width, info.height, info.fps, info.video_codec, info.pixel_format)
        if this != (timeline.width, timeline.height, timeline.rate.fps, "h264", "yuv420p"):
            return False
        if signature not in (None, this):
            return False
        signature = this
    return True


def _concat_copy(timeline: Timeline, output: Path, work: Path) -> None:
    listing = work / "concat.txt"
    lines = []
    for clip in timeline.clips:
        escaped = str(Path(clip.source).resolve()).replace("'", "'\\''")
        lines.append(f"file '{escaped}'")
    listing.write_text("\n".join(lines) + "\n", "utf-8")
    run_ffmpeg(
        [
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(output),
        ]
    )


def _filter_render(timeline: Timeline, output: Path, work: Path) -> None:
    fps = str(timeline.rate.fps)
    width, height = timeline.width, timeline.height
    inputs: list[str] = []
    graph: list[str] = []
    normalise = (
        f"fps={fps},scale={width}:{height}:force_original_aspect_ratio=decrease,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p"
    )
    # 1. One input per clip, trimmed to its span plus the handles its transitions borrow.
    lengths = []
    for index, clip in enumerate(timeline.clips):
        before, after = timeline.handles(index)
        span = before + clip.frames + after
        if isinstance(clip, VideoClip):
            inputs += ["-i", str(clip.source)]
            start = clip.source_in - before
            graph.append(
                f"[{index}:v]{normalise},trim=start_frame={start}:"
                f"end_frame={start + span},setpts=PTS-STARTPTS[c{index}]"
            )
        else:
            assert isinstance(clip, CardClip)
            png = card_image(
                work / f"card{index}.png",
                size=(width, height),
                title=clip.title,
                subtitle=clip.subtitle,
                background=clip.background,
                foreground=clip.foreground,
            )
            inputs += ["-loop", "1", "-framerate", fps, "-i", str(png)]
            graph.append(
                f"[{index}:v]{normalise},trim=end_frame={span},setpts=PTS-STARTPTS[c{index}]"
            )
        lengths.append(span)
    # 2. Join: concat for cuts, xfade for transitions (offset = frames already laid down).
    current, laid = "c0", lengths[0]
    for index, transition in enumerate(timeline.transitions, start=1):
        joined = f"j{index}"
        if transition.kind == "cut":
            graph.append(f"[{current}][c{index}]concat=n=2:v=1:a=0[{joined}]")
            laid += lengths[index]
        else:
            offset = float(timeline.rate.seconds(laid - transition.frames))
            seconds = float(timeline.rate.seconds(transition.frames))
            graph.append(
                f"[{current}][c{index}]xfade=transition={XFADE[transition.kind]}:"
                f"duration={seconds:.6f}:offset={offset:.6f}[{joined}]"
            )
            laid += lengths[index] - transition.frames
        current = joined
    # 3. Text overlays, each a transparent picture shown between two frame numbers.
    base = len(timeline.clips)
    for number, overlay in enumerate(timeline.overlays):
        png = overlay_image(
            work / f"overlay{number}.png",
            size=(width, height),
            text=overlay.text,
            position=overlay.position,
        )
        inputs += ["-i", str(png)]
        end = overlay.start + overlay.frames - 1
        graph.append(
            f"[{current}][{base + number}:v]overlay=0:0:"
            f"enable='between(n,{overlay.start},{end})'[o{number}]"
        )
        current = f"o{number}"
    # 4. Fades, then cut to the exact length.
    total = timeline.duration
    tail = f"[{current}]"
    chain = []
    if timeline.fade_in:
        chain.append(f"fade=t=in:s=0:n={timeline.fade_in}")
    if timeline.fade_out:
        chain.append(f"fade=t=out:s={total - timeline.fade_out}:n={timeline.fade_out}")
    chain.append(f"trim=end_frame={total},setpts=PTS-STARTPTS,format=yuv420p")
    graph.append(tail + ",".join(chain) + "[vout]")
    audio_index = base + len(timeline.overlays)
    inputs += silent_audio_input(float(timeline.rate.seconds(total)))
    script = work / "graph.txt"
    script.write_text(";\n".join(graph), "utf-8")
    run_ffmpeg(
        [
            *inputs,
            "-/filter_complex",
            str(script),
            "-map",
            "[vout]",
            "-map",
            f"{audio_index}:a",
            *VIDEO_CODEC_ARGS,
            *AUDIO_CODEC_ARGS,
            "-r",
            fps,
            "-frames:v",
            str(total),
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(output),
        ]
    )


def render(timeline: Timeline, output: Path) -> str:
    """Render `timeline` to `output` atomically; returns the method used ("copy"/"encode")."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    part = partial_path(output)
    with tempfile.TemporaryDirectory(prefix="videoagent-render-") as tmp:
        if can_stream_copy(timeline):
            _concat_copy(timeline, part, Path(tmp))
            method = "copy"
        else:
            _filter_render(timeline, part, Path(tmp))
            method = "encode"
    os.replace(part, output)
    return method
