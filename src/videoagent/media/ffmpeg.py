"""The one place an external program runs: argument lists only, never a shell string."""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache

from videoagent.errors import MissingDependency, ToolError


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """$VIDEOAGENT_FFMPEG, else the imageio-ffmpeg static build, else ffmpeg on PATH."""
    override = os.environ.get("VIDEOAGENT_FFMPEG")
    if override:
        return override
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if found:
            return found
    raise MissingDependency("rendering video (ffmpeg)", "core")


def ffmpeg_command(args: list[str]) -> list[str]:
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]


def run(
    command: list[str], *, timeout: float = 600, stdin: bytes | memoryview | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `command` (a list) to the end and return it, with its stdout and stderr (bytes);
    ToolError, with what it said, when it fails, runs past `timeout` or is not found."""
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ToolError(command, -1, f"timed out after {timeout:.0f} s") from exc
    except FileNotFoundError as exc:
        raise ToolError(command, -1, f"program not found: {command[0]}") from exc
    if done.returncode != 0:
        raise ToolError(command, done.returncode, done.stderr.decode("utf-8", "replace"))
    return done


def run_ffmpeg(args: list[str], *, timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    return run(ffmpeg_command(args), timeout=timeout)
