"""The video's sound as a file of its own: encoded once, as the video carries it, so that a
render only copies it in and what was measured on it is what the video plays. The agent's
mix is encoded a block at a time (sound_blocks.py); any other sound file here, whole."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import av

from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.store.files import partial_path

# As the agent's own sound is encoded (sound_blocks.py: constant quality, no noise
# substitution). At 96 kb/s FFmpeg's AAC encoder pushed the true peak of footsteps from -1.8
# to -0.6 dBTP; here it keeps it. Its "fast" coder takes half the CPU of the default
# (twoloop), but lifted a narrated mix's true peak from -2.0 to +0.2 dBTP: not used.
SOUND_CODEC_ARGS = ["-c:a", "aac", "-q:a", "1", "-aac_pns", "0", "-ar", "48000", "-ac", "2"]


def encode_sound(mix: Path, output: Path) -> Path:
    """`mix` (any audio FFmpeg reads) as AAC in an mp4 container, written atomically."""
    part = partial_path(output)
    run_ffmpeg(["-i", str(mix), "-map", "0:a:0", *SOUND_CODEC_ARGS, "-f", "mp4", str(part)])
    os.replace(part, output)
    return Path(output)


def is_encoded(path: Path) -> bool:
    """Whether `path`'s first audio stream is already AAC (a render copies it unchanged)."""
    with av.open(str(path)) as container:
        streams = container.streams.audio
        return bool(streams) and streams[0].codec_context.name == "aac"


def sound_digest(path: Path) -> str:
    """SHA-256 of the first audio stream's packets: the same for a file and for a video
    its sound was copied into."""
    digest = hashlib.sha256()
    with av.open(str(path)) as container:
        for packet in container.demux(container.streams.audio[0]):
            if packet.size:
                digest.update(bytes(packet))
    return digest.hexdigest()
