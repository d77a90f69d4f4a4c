"""What a media file really holds, read with PyAV (the imageio-ffmpeg build has no ffprobe)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from videoagent.errors import UsageError


@dataclass(frozen=True)
class MediaInfo:
    """Stream facts of a video file."""

    path: str
    width: int
    height: int
    fps: Fraction
    frames: int
    video_codec: str
    pixel_format: str
    video_duration: float
    audio_codec: str | None
    audio_duration: float | None
    container_duration: float

    @property
    def duration(self) -> float:
        return self.video_duration


def probe(path: Path | str, *, count_frames: bool = False) -> MediaInfo:
    """Probe `path`; `count_frames` decodes nothing but walks packets for an exact count."""
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, FileNotFoundError) as exc:
        raise UsageError(f"cannot read media file {str(path)!r}: {exc}") from exc
    with container:
        if not container.streams.video:
            raise UsageError(f"media file {str(path)!r} has no video stream")
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        fps = Fraction(video.average_rate or video.guessed_rate or 0)
        frames = video.frames
        if count_frames or not frames:
            frames = sum(1 for packet in container.demux(video) if packet.size)
        video_duration = (
            float(video.duration * video.time_base) if video.duration else float(frames / fps)
        )
        audio_duration = (
            float(audio.duration * audio.time_base)
            if audio is not None and audio.duration
            else None
        )
        container_duration = (container.duration or 0) / av.time_base
        return MediaInfo(
            path=str(path),
            width=video.codec_context.width,
            height=video.codec_context.height,
            fps=fps,
            frames=frames,
            video_codec=video.codec_context.name,
            pixel_format=video.codec_context.pix_fmt or "",
            video_duration=video_duration,
            audio_codec=audio.codec_context.name if audio is not None else None,
            audio_duration=audio_duration,
            container_duration=container_duration,
        )
