"""What each platform takes: the shape, size and frame rate a video is made at, and what its
upload file is held to (a peak video bitrate, the audio bitrate, the loudness).

The figures follow the platforms' own upload advice as published in 2026 (YouTube's
recommended upload encoding; Shorts, TikTok and Reels as 1080x1920 at 30 fps; Instagram's
feed as 4:5 at 1080x1350), and the loudness that the platforms normalise playback to:
-14 LUFS integrated, true peak at most -1 dBTP, so a louder master is only turned down.
"""

from __future__ import annotations

from dataclasses import dataclass

from videoagent.errors import UsageError


@dataclass(frozen=True)
class PlatformProfile:
    name: str
    aspect: str
    width: int
    height: int
    fps: int
    video_kbps: int  # the upload file's peak video bitrate (x264's VBV maximum)
    audio_kbps: int
    lufs: float = -14.0
    true_peak: float = -1.0

    @property
    def size(self) -> str:
        return f"{self.width}x{self.height}"


PROFILES = {
    profile.name: profile
    for profile in (
        PlatformProfile("youtube", "16:9", 1920, 1080, 30, video_kbps=8000, audio_kbps=384),
        PlatformProfile("shorts", "9:16", 1080, 1920, 30, video_kbps=8000, audio_kbps=256),
        PlatformProfile("tiktok", "9:16", 1080, 1920, 30, video_kbps=6000, audio_kbps=256),
        PlatformProfile("reels", "9:16", 1080, 1920, 30, video_kbps=6000, audio_kbps=256),
        PlatformProfile("instagram-feed", "4:5", 1080, 1350, 30, video_kbps=6000, audio_kbps=256),
    )
}


def platform_profile(name: str) -> PlatformProfile:
    """The profile called `name`; UsageError naming the known ones otherwise."""
    if name not in PROFILES:
        raise UsageError(f"unknown --profile {name!r}; use one of {', '.join(PROFILES)}")
    return PROFILES[name]
