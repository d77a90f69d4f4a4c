"""Conforming a clip made elsewhere to the project's shape: exactly `frames` frames at
`rate`, `width`x`height` (centre-cropped, never stretched or letterboxed).

Hosted models deliver their own sizes, frame rates and whole-second lengths; the timeline
needs every take in one shape so shots join by stream copy and checks compare like with
like. Frames are picked by time (the source frame showing at each output instant), so a
24 fps source conformed to 30 fps neither speeds up nor slows down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from videoagent.errors import GenerationError
from videoagent.media.fit import fit_picture
from videoagent.media.writer import Mp4Writer
from videoagent.timeline.time import FrameRate


@dataclass(frozen=True)
class Conformed:
    """What conforming did: the source's shape, and frames held at the end for lack of any."""

    source_size: tuple[int, int]
    source_fps: float
    source_frames: int
    held_frames: int

    def to_dict(self) -> dict:
        return {
            "source_size": list(self.source_size),
            "source_fps": round(self.source_fps, 3),
            "source_frames": self.source_frames,
            "held_frames": self.held_frames,
        }


def conform(
    source: Path,
    output: Path,
    *,
    width: int,
    height: int,
    rate: FrameRate,
    frames: int,
    cuts: tuple[int, ...] = (),
    skip: float = 0.0,
) -> Conformed:
    """Write `source` to `output` in the asked shape, with keyframes at `cuts` (see
    Mp4Writer), from `skip` seconds into it; the output appears only when whole. Decodes
    as it writes, holding one source frame at a time."""
    try:
        return _conform(av.open(str(source)), output, (width, height), rate, frames, cuts, skip)
    except av.error.FFmpegError as exc:
        raise GenerationError(f"the delivered file is not a readable video: {exc}") from None


def _conform(container, output: Path, shape, rate: FrameRate, frames: int, cuts, skip: float):
    width, height = shape
    with container:
        if not container.streams.video:
            raise GenerationError("the delivered file has no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        source_fps = float(stream.average_rate or 0) or float(rate.fps)
        decoded = _timed_frames(container.decode(stream), stream.time_base)
        current = next(decoded, None)
        if current is None:
            raise GenerationError("the delivered video has no frames")
        upcoming = next(decoded, None)
        count, first_time = 2 if upcoming else 1, current[0] + skip
        size = current[1].width, current[1].height
        step, held = float(1 / rate.fps), 0
        with Mp4Writer(output, size=shape, rate=rate, frames=frames, cuts=cuts) as writer:
            for index in range(frames):
                instant = first_time + index * step + 1e-6
                while upcoming is not None and upcoming[0] <= instant:
                    current, upcoming = upcoming, next(decoded, None)
                    count += upcoming is not None
                # Past the source's last frame: the take is short, and the report says so.
                held += upcoming is None and instant >= current[0] + 1 / source_fps
                writer.write(_picture(current[1], width, height))
        count += sum(1 for _ in decoded)
    return Conformed(size, source_fps, count, held)


def _timed_frames(frames, time_base):
    """(seconds, frame) for each decoded frame; pixels are converted only when written."""
    for index, frame in enumerate(frames):
        when = float(frame.pts * time_base) if frame.pts is not None else float(index)
        yield when, frame


def _picture(frame, width: int, height: int):
    """The frame as RGB pixels of the asked size: scaled while converting when the shape
    already matches (area averaging in FFmpeg's scaler; conforming 720p to 640x360 went
    from 0.27 to 0.09 s per second of video), else centre-cropped to the shape first."""
    if abs(frame.width * height - frame.height * width) <= max(width, height):
        return frame.to_ndarray(format="rgb24", width=width, height=height, interpolation="AREA")
    return fit_picture(frame.to_ndarray(format="rgb24"), width, height)
