"""The final file: the rendered pieces' video one after another and the encoded sound, copied
packet for packet into one mp4 in this process (PyAV), its index at the front for playback
while downloading. Nothing is decoded or encoded here: every piece was written with the same
codec settings, and the sound was encoded once (see sound_file)."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av

from videoagent.store.files import partial_path


def _packets(
    path: Path, kind: str, offset: Fraction, base: Fraction | None = None
) -> Iterator[tuple[float, object]]:
    """(decode time in seconds, packet) for each packet of `path`'s first `kind` stream,
    `offset` seconds later, its times counted in `base` (default: the stream's own)."""
    with av.open(str(path)) as container:
        stream = getattr(container.streams, kind)[0]
        own = stream.time_base
        base = base or own
        shift = round(offset / base)
        for packet in container.demux(stream):
            if not packet.size:
                continue
            dts = packet.dts if packet.dts is not None else packet.pts
            if packet.pts is None:  # shown when decoded
                packet.pts = dts
            if own != base:
                packet.pts, dts = (round(t * own / base) for t in (packet.pts, dts))
                packet.time_base = base
            packet.pts += shift
            packet.dts = dts + shift
            yield packet.dts * float(base), packet


def _video(
    pieces: list[tuple[Path, int]], rate: Fraction, base: Fraction
) -> Iterator[tuple[float, object]]:
    """The pieces' packets one after another, their times counted in `base`."""
    start = 0
    for path, frames in pieces:
        yield from _packets(path, "video", Fraction(start) / rate, base)
        start += frames


def join(pieces: list[tuple[Path, int]], sound: Path, rate: Fraction, output: Path) -> None:
    """`pieces` ((file, frame count), in order) and `sound` into `output`, atomically."""
    part = partial_path(output)
    try:
        _write(pieces, sound, rate, part)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, output)


def _write(pieces: list[tuple[Path, int]], sound: Path, rate: Fraction, part: Path) -> None:
    with (
        av.open(str(pieces[0][0])) as first,
        av.open(str(sound)) as audio,
        av.open(str(part), "w", format="mp4", options={"movflags": "+faststart"}) as out,
    ):
        streams = {
            "video": out.add_stream_from_template(first.streams.video[0]),
            "audio": out.add_stream_from_template(audio.streams.audio[0]),
        }
        last: dict[str, int] = {}  # the decode time of each stream's last packet
        merged = heapq.merge(
            ((t, "video", p) for t, p in _video(pieces, rate, first.streams.video[0].time_base)),
            ((t, "audio", p) for t, p in _packets(sound, "audio", Fraction(0))),
            key=lambda item: (item[0], item[1]),
        )
        for _, kind, packet in merged:
            # Pieces encoded apart may start one B-frame delay apart: keep decode times
            # rising, as a concat demuxer would.
            if kind in last and packet.dts <= last[kind]:
                packet.dts = last[kind] + 1
                packet.pts = max(packet.pts, packet.dts)
            last[kind] = packet.dts
            packet.stream = streams[kind]
            out.mux(packet)
