"""Exact time: a frame rate as a fraction, durations and positions as whole frames.

Float seconds drift at cuts; frames at a rational rate do not. Seconds only appear at the
edges (user input, subtitle files), converted here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from videoagent.errors import UsageError


@dataclass(frozen=True)
class FrameRate:
    """Frames per second as an exact fraction (24, 25, 30000/1001 …)."""

    fps: Fraction

    @classmethod
    def of(cls, value: float | int | str | Fraction) -> FrameRate:
        """Parse 24, 29.97, "30000/1001" or a Fraction; 29.97-style floats snap to NTSC rates."""
        if isinstance(value, FrameRate):
            return value
        try:
            fps = Fraction(value).limit_denominator(1001)
            for ntsc in (Fraction(24000, 1001), Fraction(30000, 1001), Fraction(60000, 1001)):
                if abs(fps - ntsc) < Fraction(1, 200):
                    fps = ntsc
        except (ValueError, ZeroDivisionError) as exc:
            raise UsageError(f"fps must be a positive number, got {value!r}") from exc
        if fps <= 0 or fps > 240:
            raise UsageError(f"fps must be between 0 and 240, got {value!r}")
        return cls(fps)

    def frames(self, seconds: float | Fraction) -> int:
        """The whole number of frames nearest to `seconds`."""
        return round(Fraction(seconds) * self.fps)

    def seconds(self, frames: int) -> Fraction:
        """Exact start time of frame number `frames`."""
        return Fraction(frames) / self.fps

    def __float__(self) -> float:
        return float(self.fps)

    def __str__(self) -> str:
        return str(self.fps.numerator) if self.fps.denominator == 1 else f"{self.fps}"


def timecode(seconds: Fraction | float, *, separator: str = ",") -> str:
    """HH:MM:SS,mmm as SRT writes it (use separator="." for WebVTT)."""
    total_ms = round(Fraction(seconds) * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{ms:03d}"
