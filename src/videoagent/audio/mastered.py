"""The mix mastered a block at a time: a gain, the limiter, then 16-bit samples in a
WAV file, in blocks of BLOCK samples. Each block is keyed by the mix's key of what it hears
(itself and LEAD samples either side: the limiter's look-ahead and release settle well within
that) and the levels, so that after an edit only the blocks whose sound changed are mixed and
mastered again; the others are copied from the last mix, byte for byte."""

from __future__ import annotations

import hashlib
import json
import wave
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.limiter import limited
from videoagent.audio.mix import Mix
from videoagent.store.files import partial_path

BLOCK = 240 * 1024  # 5.12 s: whole AAC frames, so the encoded blocks meet on frame bounds
LEAD = RATE // 2  # samples of the mix either side of a block that the limiter hears with it
MASTER_VERSION = 2  # raise when the same mix and levels master to other samples


@dataclass(frozen=True)
class Levels:
    gain_db: float  # before the limiter: what brings the mix to the target loudness
    ceiling_db: float  # the limiter's ceiling (sample peak at four times the rate)

    def to_dict(self) -> dict:
        return asdict(self)


def block_spans(total: int) -> list[tuple[int, int]]:
    """(first sample, end) of each block of a track of `total` samples."""
    return [(start, min(start + BLOCK, total)) for start in range(0, total, BLOCK)] or [(0, 0)]


def master_block(mix: Mix, start: int, end: int, levels: Levels) -> np.ndarray:
    """Samples `start`..`end` of `mix` mastered at `levels`, as 16-bit integers [n, 2]."""
    lo, hi = max(start - LEAD, 0), min(end + LEAD, len(mix))
    sound = limited(
        mix.window(lo, hi), gain_db=levels.gain_db, ceiling=10 ** (levels.ceiling_db / 20)
    )
    sound = sound[start - lo : end - lo]
    return (np.clip(sound, -1.0, 1.0) * 32767).astype("<i2")


def block_key(mix: Mix, start: int, end: int, levels: Levels) -> str:
    """What decides a mastered block: the mix it hears (told by the mix's own key, so that
    no sample need be made to know it) and the levels."""
    about = [MASTER_VERSION, start, end, len(mix), levels.to_dict()]
    about.append(mix.key(max(start - LEAD, 0), min(end + LEAD, len(mix))))
    return hashlib.sha256(json.dumps(about, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Earlier:
    """A mastered mix made before, with the key of each of its blocks."""

    wav: Path
    keys: list[str]


def write_mastered(
    mix: Mix, levels: Levels, into: Path, earlier: Earlier | None = None
) -> tuple[list[str], int]:
    """`mix` mastered at `levels` into the 16-bit WAV `into`,
    atomically, block by block; a block whose key the `earlier` mix has is copied from it.
    The keys of the blocks, and how many were mastered (not copied)."""
    keys, made = [], 0
    part = partial_path(Path(into))
    with wave.open(str(part), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        for start, end in block_spans(len(mix)):
            key = block_key(mix, start, end, levels)
            keys.append(key)
            copied = _copied(earlier, key, start, end)
            if copied is None:
                copied = master_block(mix, start, end, levels).tobytes()
                made += 1
            out.writeframes(copied)
    part.replace(into)
    return keys, made


def _copied(earlier: Earlier | None, key: str, start: int, end: int) -> bytes | None:
    """The block's bytes from the earlier mix, when it has a block of that key (the key
    holds the block's place, so it stands at the same samples there)."""
    if earlier is None or key not in earlier.keys:
        return None
    try:
        with wave.open(str(earlier.wav), "rb") as before:
            if before.getnframes() < end:
                return None
            before.setpos(start)
            data = before.readframes(end - start)
    except (OSError, EOFError, wave.Error):
        return None
    return data if len(data) == (end - start) * 4 else None
