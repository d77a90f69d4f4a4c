"""Encode raw frames to an H.264 + AAC mp4 by piping them to ffmpeg.

The file appears under its final name only when complete (written to a hidden part file,
then renamed), so a crash never leaves something that looks finished.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from videoagent.errors import ToolError
from videoagent.media.ffmpeg import ffmpeg_command
from videoagent.store.files import partial_path
from videoagent.timeline.time import FrameRate

# Every clip the project writes uses these, so clips can be joined by stream copy.
VIDEO_CODEC_ARGS = [
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "20",
    "-pix_fmt",
    "yuv420p",
    "-profile:v",
    "high",
]
AUDIO_CODEC_ARGS = ["-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-ac", "2"]


def silent_audio_input(seconds: float) -> list[str]:
    return [
        "-f",
        "lavfi",
        "-t",
        f"{seconds:.6f}",
        "-i",
        "anullsrc=channel_layout=stereo:sample_rate=48000",
    ]


# Keyframes every 2 s, the interval streaming platforms ask for. On procedural takes, x264's
# own choice (one keyframe) made files of 126 kB, keyframes at the two cuts 151 kB, at the
# cuts and every 2 s 190 kB, every 1 s 230 kB (three 7.5 s takes at 640x360).
KEYFRAME_SECONDS = 2


def keyframe_expression(cuts: Sequence[int], rate: FrameRate) -> str:
    """FFmpeg's `-force_key_frames` expression for keyframes at `cuts` (where the timeline
    cuts the clip) and every KEYFRAME_SECONDS from the first of them: a render copies whole
    runs of frames from keyframe to keyframe instead of encoding them, and an edit that
    touches a few frames (a text) re-encodes only the seconds around them."""
    every = max(round(float(rate.fps) * KEYFRAME_SECONDS), 1)
    first = min(cuts, default=0)
    wanted = [f"eq(n,{cut})" for cut in sorted(set(cuts))]
    return "expr:" + "+".join([*wanted, f"eq(mod(n+{every}-{first % every},{every}),0)"])


class Mp4Writer:
    """Context manager: `write(frame)` RGB uint8 frames of one size; closes into an mp4 with
    keyframes at `cuts` and every KEYFRAME_SECONDS from the first (`keyframe_expression`)."""

    def __init__(
        self,
        path: Path,
        *,
        size: tuple[int, int],
        rate: FrameRate,
        frames: int,
        cuts: Sequence[int] = (),
    ) -> None:
        self.path = Path(path)
        self.size = size
        self.rate = rate
        self.expected = frames
        self.cuts = tuple(cuts)
        self.written = 0
        self._part = partial_path(self.path)
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> Mp4Writer:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        width, height = self.size
        seconds = float(self.rate.seconds(self.expected))
        args = [
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-s",
            f"{width}x{height}",
            "-framerate",
            str(self.rate.fps),
            "-i",
            "pipe:0",
            *silent_audio_input(seconds),
            "-map",
            "0:v",
            "-map",
            "1:a",
            # Square pixels, stated as the render's pieces state them: identical stream
            # headers let a whole take be stream-copied into the final video.
            "-vf",
            "setsar=1",
            *VIDEO_CODEC_ARGS,
            # Keyframes where asked and nowhere else (no scene-cut detection): which runs of
            # a take a render can copy is known from its cuts.
            "-force_key_frames",
            keyframe_expression(self.cuts, self.rate),
            "-sc_threshold",
            "0",
            *AUDIO_CODEC_ARGS,
            "-frames:v",
            str(self.expected),
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(self._part),
        ]
        self._command = ffmpeg_command(args)
        self._process = subprocess.Popen(
            self._command, stdin=subprocess.PIPE, stderr=subprocess.PIPE
        )
        return self

    def write(self, frame: np.ndarray) -> None:
        assert self._process is not None and self._process.stdin is not None
        if frame.shape[:2] != (self.size[1], self.size[0]):
            raise ValueError(f"frame of shape {frame.shape} does not match size {self.size}")
        try:
            self._process.stdin.write(np.ascontiguousarray(frame, dtype=np.uint8).tobytes())
        except BrokenPipeError as exc:
            raise ToolError(self._command, -1, self._stderr()) from exc
        self.written += 1

    def _stderr(self) -> str:
        assert self._process is not None and self._process.stderr is not None
        return self._process.stderr.read().decode("utf-8", "replace")

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        if exc_type is not None:
            self._process.kill()
            self._process.wait()
            self._part.unlink(missing_ok=True)
            return
        stderr = self._stderr()
        code = self._process.wait()
        if code != 0:
            self._part.unlink(missing_ok=True)
            raise ToolError(self._command, code, stderr)
        os.replace(self._part, self.path)
