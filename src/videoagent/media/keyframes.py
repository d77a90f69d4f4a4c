"""Copying frames of a video as they are: where its keyframes are, and the packets from one
keyframe to another written into a file of their own (in this process, with PyAV: no
decoding, no encoding, no FFmpeg process to start).

Frames are counted in display order from the first frame shown. A run that starts on a
keyframe of a closed GOP (what our writer makes: see writer.keyframe_expression) and ends on
the next run's keyframe needs nothing outside it, so the copy decodes to the same pixels."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av

from videoagent.media.pieces import Keyframes
from videoagent.store.files import partial_path


def _frame_numbers(stream) -> tuple[int, Fraction]:
    """(the first frame's pts, the pts step of one frame) of a video stream."""
    step = 1 / (Fraction(stream.average_rate) * stream.time_base)
    return stream.start_time or 0, step


def copyable(path: Path, size: tuple[int, int], rate: Fraction) -> tuple[Keyframes, bytes] | None:
    """The keyframes of `path`'s video and its codec parameters, when its frames can be
    copied into a video of `size` at `rate` (H.264, yuv420p, that size and rate)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        if (
            (context.width, context.height) != size
            or Fraction(stream.average_rate or 0) != rate
            or (context.name, context.pix_fmt) != ("h264", "yuv420p")
        ):
            return None
        return _keyframes(container, stream), bytes(context.extradata or b"")


def _keyframes(container, stream) -> Keyframes:
    """The stream's frame count and the frames that are keyframes (packets only)."""
    origin, step = _frame_numbers(stream)
    count, at = 0, set()
    for packet in container.demux(stream):
        if not packet.size:
            continue
        count += 1
        if packet.is_keyframe and packet.pts is not None:
            at.add(round((packet.pts - origin) / step))
    return Keyframes(count, frozenset(at))


def copy_frames(source: Path, first: int, frames: int, output: Path) -> None:
    """Frames first..first + frames of `source`'s video, copied packet for packet into an
    mp4 at `output` (written atomically) whose first frame is shown at time 0."""
    part = partial_path(output)
    with av.open(str(source)) as container, av.open(str(part), "w", format="mp4") as out:
        stream = container.streams.video[0]
        copied = out.add_stream_from_template(stream)
        origin, step = _frame_numbers(stream)
        shift = origin + round(first * step)
        for packet in container.demux(stream):
            if not packet.size or packet.pts is None:
                continue
            if first <= round((packet.pts - origin) / step) < first + frames:
                packet.pts -= shift
                packet.dts = packet.dts - shift if packet.dts is not None else None
                packet.stream = copied
                out.mux(packet)
    os.replace(part, output)
