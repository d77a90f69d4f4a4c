"""The files a platform takes (`make --profile`): beside the verified video, an upload file
held to the profile's video bitrate (x264's VBV: that maximum rate and a half-second
buffer, so any stretch of the file holds at most the rate times its length plus half a
second's worth: a second at most 1.5 times the rate, a minute 1.01 times), its sound
encoded from the master at the profile's audio bitrate (the master already at the
profile's loudness), and a cover image; what they measure is added to the manifest.

The upload file is a new encoding of the video: the Content Credentials signed into
final.mp4 are not carried over (the invisible watermark is, in the pixels).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from videoagent.audio.loudness import measure
from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.media.writer import VIDEO_CODEC_ARGS
from videoagent.plan.platform_profiles import PlatformProfile
from videoagent.store.files import atomic_write_bytes, atomic_write_json, partial_path

COVER_QUALITY = 90  # JPEG
BUFFER_SECONDS = 0.5  # x264's VBV buffer, in seconds at the profile's rate


def deliver_for_platform(folder: Path, profile: PlatformProfile, cover_frame: int) -> dict:
    """Write renders/<profile>.mp4 and renders/cover.jpg (frame `cover_frame` of the video)
    for the verified video in `folder` and say what they measure (also kept in its
    manifest)."""
    renders = folder / "renders"
    upload = renders / f"{profile.name}.mp4"
    writing = partial_path(upload)
    kbps = profile.video_kbps
    run_ffmpeg(
        [
            "-i", str(renders / "final.mp4"),
            "-i", str(renders / "mix.wav"),
            "-map", "0:v:0", "-map", "1:a:0",
            *VIDEO_CODEC_ARGS,
            "-maxrate", f"{kbps}k", "-bufsize", f"{kbps * BUFFER_SECONDS:g}k",
            "-c:a", "aac", "-b:a", f"{profile.audio_kbps}k", "-ar", "48000", "-ac", "2",
            "-shortest", "-movflags", "+faststart",
            str(writing),
        ]
    )  # fmt: skip
    writing.replace(upload)
    cover = renders / "cover.jpg"
    _write_cover(renders / "final.mp4", cover, cover_frame)
    info, loudness = probe(upload), measure(upload)
    figures = {
        "profile": profile.name,
        "file": upload.name,
        "cover": cover.name,
        "size": [info.width, info.height],
        "fps": float(info.fps),
        "video_kbps_allowed": kbps,
        "video_kbps": round(video_kbps(upload)[0]),
        "video_kbps_peak_second": round(video_kbps(upload)[1]),
        "audio_kbps": profile.audio_kbps,
        "lufs": loudness.integrated,
        "true_peak": loudness.true_peak,
        "lufs_target": profile.lufs,
    }
    manifest_path = renders / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    atomic_write_json(manifest_path, {**manifest, "platform": figures})
    return figures


def video_kbps(path: Path) -> tuple[float, float]:
    """The video bitrate of `path` in kbit/s, over the whole file and in its fullest second
    (from packet sizes)."""
    import av

    per_second: dict[int, int] = {}
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for packet in container.demux(stream):
            if packet.size and packet.pts is not None:
                second = int(packet.pts * stream.time_base)
                per_second[second] = per_second.get(second, 0) + packet.size
        seconds = float(stream.duration * stream.time_base) if stream.duration else 0.0
    total = sum(per_second.values()) * 8 / 1000
    return total / max(seconds, 1e-3), max(per_second.values(), default=0) * 8 / 1000


def _write_cover(video: Path, cover: Path, middle: int) -> None:
    """Frame `middle` of `video` (the middle of its first generated shot) at its full size."""
    frames = probe(video).frames
    index = min(max(0, middle), frames - 1)
    image = Image.fromarray(frames_at(video, [index])[index])
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=COVER_QUALITY)
    atomic_write_bytes(cover, buffer.getvalue())
