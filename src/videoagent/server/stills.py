"""Still pictures the page shows before a video has keyframes: a shot's newest take as it
arrives, and the player's poster. Each is one frame decoded on request (seeking, not
decoding the whole clip) and kept while its file stays the same."""

from __future__ import annotations

import io
import json
import threading
from collections import OrderedDict
from pathlib import Path

import av
from PIL import Image

from videoagent.errors import UsageError
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe

KEPT = 64  # stills remembered (a page polls them while a run goes on)
WIDTH = 320  # pixels across: a thumbnail, not the frame

_cache: OrderedDict[tuple, bytes] = OrderedDict()
_lock = threading.Lock()


def still_png(video: Path, where: float = 0.5) -> bytes | None:
    """The frame `where` of the way into `video` as a PNG at most `WIDTH` across, or None
    where the file cannot be read (a take still being written, a damaged one)."""
    try:
        stat = video.stat()
    except OSError:
        return None
    key = (str(video), stat.st_mtime_ns, stat.st_size, where)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        frames = probe(video).frames
        index = min(max(0, int(frames * where)), max(0, frames - 1))
        frame = frames_at(video, [index]).get(index)
    except (UsageError, OSError, ValueError, av.error.FFmpegError):
        return None
    if frame is None:
        return None
    image = Image.fromarray(frame)
    if image.width > WIDTH:
        image = image.resize((WIDTH, max(1, round(image.height * WIDTH / image.width))))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    with _lock:
        _cache[key] = buffer.getvalue()
        while len(_cache) > KEPT:
            _cache.popitem(last=False)
    return buffer.getvalue()


def newest_take(takes: Path) -> Path | None:
    """The clip of the newest finished take in a shot's takes folder (`NN/take.json`
    names it), or None before one is finished."""
    try:
        folders = sorted(
            (f for f in takes.iterdir() if f.name.isdigit() and f.is_dir()),
            key=lambda f: int(f.name),
            reverse=True,
        )
    except OSError:
        return None
    for folder in folders:
        try:
            name = json.loads((folder / "take.json").read_text("utf-8")).get("file")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(name, str) and "/" not in name and name:
            return folder / name
    return None
