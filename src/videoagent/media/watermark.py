"""The invisible mark every delivered frame carries: 32 bits spread over the whole picture.

The mark is keyed spread spectrum. Each payload bit owns one of 32 orthogonal codes of 256
chips (rows of a Hadamard matrix, scrambled by the key); the bits' codes, signed by the
bits, sum to a 16x16 grid of chips that is tiled over the picture, two tiles to the frame's
height, and smoothed (raised cosine) into a pattern of blobs a sixteenth of a tile wide.
The pattern is the same in every frame, so a reader sums it up over time while moving
content averages out. It is added to the luma only, and more where the picture is busy
(where the eye does not see it, and where content would drown a weak one) than where it
is flat: STRENGTH RMS at full, FLOOR/255 of that on flat parts (1.1 levels), the share
between following the picture's local gradient (Sobel, smoothed). All of it is done by
FFmpeg filters inside the render's own graph: no frame passes through Python.

Why this shape: the tile is a fraction of the height, so scaling the video or cropping its
sides (a 9:16 reframe of a 16:9 video) leaves the tile the same fraction of the height
and only shifts it, which the reader finds; blobs of a 32nd of the height are coarse
enough for H.264 at CRF 30 and for a 50% scale to keep. A +-10% brightness change scales or
offsets the picture, which the reader's local normalisation takes out.

What it cannot do: the key is public (this is open source), so anyone can read the mark,
and anyone who knows the scheme can remove or forge it; it is an honest label, not a lock.
It does not survive rotation, mirroring, or padding that changes the picture's height.

The payload: 8 bits of tag (`TAG`: "videoagent, AI-generated", and the scheme's version),
16 bits naming the project (the start of the SHA-256 of its id) and a CRC-8 of both, so a
reader can say whether it read them right. The codes come from
SHA-256 of the key, never from a random generator whose stream could change between
numpy versions: a video marked today must read the same in ten years.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from videoagent.store.files import atomic_write_bytes

KEY = b"videoagent-watermark-1"
PAYLOAD_BITS = 32
TAG = 0xA5  # the first 8 bits: this scheme, version 1, made by an AI video tool
TAG_BITS = 8
PROJECT_BITS = 16
CHECK_BITS = 8
CHIPS = 16  # a tile is CHIPS x CHIPS chips
TILES_PER_HEIGHT = 2
# The pattern's RMS, in luma levels, where the picture is busiest; FLOOR/255 of it where
# the picture is flat; GAIN: how fast the share rises with the smoothed Sobel gradient.
# Chosen on synthworld, embedded and noise-like diffusers takes: a median 41.2 dB PSNR of the
# marked against the unmarked encode, VMAF 85 (docs/provenance.md).
STRENGTH = 4.0
FLOOR = 70
GAIN = 4
SCHEME = f"videoagent-ss1/{PAYLOAD_BITS}b/{CHIPS}c/{TILES_PER_HEIGHT}t/{STRENGTH}/{FLOOR}/{GAIN}"


def crc8(value: int, bits: int) -> int:
    """CRC-8 (polynomial 0x07) of the `bits`-bit number `value`, most significant first."""
    crc = 0
    for i in range(bits - 1, -1, -1):
        top = ((crc >> 7) & 1) ^ ((value >> i) & 1)
        crc = ((crc << 1) & 0xFF) ^ (0x07 if top else 0)
    return crc


@dataclass(frozen=True)
class Payload:
    """What a mark says: the tag, 16 bits that name the project it was made in, and a
    checksum of both that tells a payload read right from one with a misread bit."""

    project: int  # 0 .. 2**PROJECT_BITS - 1
    tag: int = TAG
    checksum_ok: bool = True  # as read: whether the checksum matched

    @classmethod
    def for_project(cls, project_id: str) -> Payload:
        digest = hashlib.sha256(project_id.encode("utf-8")).digest()
        return cls(int.from_bytes(digest[:2], "big"))

    @property
    def bits(self) -> np.ndarray:
        """The 32 bits (tag, project, checksum; most significant first) as 0/1."""
        word = (self.tag << PROJECT_BITS) | self.project
        word = (word << CHECK_BITS) | crc8(word, TAG_BITS + PROJECT_BITS)
        return np.array([(word >> (PAYLOAD_BITS - 1 - i)) & 1 for i in range(PAYLOAD_BITS)])

    @classmethod
    def from_bits(cls, bits: np.ndarray) -> Payload:
        word = 0
        for bit in bits:
            word = (word << 1) | int(bit)
        checksum, word = word & 0xFF, word >> CHECK_BITS
        ok = crc8(word, TAG_BITS + PROJECT_BITS) == checksum
        return cls(word & ((1 << PROJECT_BITS) - 1), word >> PROJECT_BITS, ok)

    @property
    def hex(self) -> str:
        return f"{self.project:04x}"

    def same_as(self, other: Payload) -> bool:
        return (self.tag, self.project) == (other.tag, other.project)

    def to_dict(self) -> dict:
        return {"scheme": SCHEME, "tag": f"{self.tag:02x}", "project": self.hex}


def _hash_bits(label: bytes, count: int) -> np.ndarray:
    """`count` key-derived bits, from SHA-256 in counter mode."""
    stream = b"".join(
        hashlib.sha256(KEY + label + i.to_bytes(4, "big")).digest() for i in range(-(-count // 256))
    )
    return np.unpackbits(np.frombuffer(stream, dtype=np.uint8))[:count]


@cache
def codes() -> np.ndarray:
    """The 32 codes (PAYLOAD_BITS x CHIPS*CHIPS, entries +-1), orthogonal to each other and
    to a flat picture: Hadamard rows other than the first, chosen and scrambled by the key."""
    n = CHIPS * CHIPS
    hadamard = np.ones((1, 1), dtype=np.int8)
    while hadamard.shape[0] < n:
        hadamard = np.block([[hadamard, hadamard], [hadamard, -hadamard]])
    ranks = [hashlib.sha256(KEY + b"row" + i.to_bytes(4, "big")).digest() for i in range(1, n)]
    rows = 1 + np.argsort(ranks, kind="stable")[:PAYLOAD_BITS]
    scramble = 2 * _hash_bits(b"scramble", n).astype(np.int8) - 1
    return (hadamard[rows] * scramble).astype(np.float32)


def chip_field(chips: np.ndarray, width: int, height: int, tile: float) -> np.ndarray:
    """The smooth picture (height x width) of a CHIPS x CHIPS grid tiled every `tile` pixels
    from the top left: each chip a raised-cosine blob, neighbours blended."""
    chip = tile / CHIPS

    def axis(size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        at = (np.arange(size) + 0.5) / chip - 0.5
        low = np.floor(at).astype(int)
        weight = 0.5 - 0.5 * np.cos(np.pi * (at - low))
        return low % CHIPS, (low + 1) % CHIPS, weight.astype(np.float32)

    y0, y1, wy = axis(height)
    x0, x1, wx = axis(width)
    top = chips[np.ix_(y0, x0)] * (1 - wx) + chips[np.ix_(y0, x1)] * wx
    bottom = chips[np.ix_(y1, x0)] * (1 - wx) + chips[np.ix_(y1, x1)] * wx
    return top * (1 - wy)[:, None] + bottom * wy[:, None]


def pattern(payload: Payload, width: int, height: int) -> np.ndarray:
    """The luma offsets (height x width, float32, RMS STRENGTH) that carry `payload`, at
    full strength (the mask of `marking_filter` takes them down where the picture is flat)."""
    signs = 2 * payload.bits.astype(np.float32) - 1
    chips = (signs @ codes()).reshape(CHIPS, CHIPS)
    field = chip_field(chips, width, height, height / TILES_PER_HEIGHT)
    return (field * (STRENGTH / float(field.std()))).astype(np.float32)


def write_pattern_frame(payload: Payload, width: int, height: int, path: Path) -> Path:
    """One raw yuv420p frame that FFmpeg's blend filter (grain merge: A + B - 128) adds to
    every frame: luma 128 + the pattern, chroma 128 (unchanged)."""
    if width % 2 or height % 2:
        raise ValueError(f"a yuv420p frame needs an even size, got {width}x{height}")
    luma = np.clip(np.rint(128 + pattern(payload, width, height)), 0, 255).astype(np.uint8)
    chroma = np.full(width * height // 2, 128, dtype=np.uint8)
    atomic_write_bytes(Path(path), luma.tobytes() + chroma.tobytes())
    return Path(path)


def pattern_input(path: Path, width: int, height: int, fps: str) -> list[str]:
    """FFmpeg input options that play the pattern frame at `fps` for ever."""
    return [
        "-stream_loop",
        "-1",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "yuv420p",
        "-video_size",
        f"{width}x{height}",
        "-framerate",
        fps,
        "-i",
        str(path),
    ]


def marking_filter(picture: str, pattern_stream: str, frames: int, output: str) -> str:
    """Filter-graph chains that add the pattern (input `pattern_stream`) to the yuv420p
    frames of `picture`, `frames` of them, into `output`: the fully marked picture is
    merged with the plain one through a mask of how busy each part of the picture is."""
    o = output
    return (
        f"[{pattern_stream}]trim=end_frame={frames},setpts=PTS-STARTPTS[{o}w];"
        f"[{picture}]split=3[{o}a][{o}b][{o}c];"
        f"[{o}b][{o}w]blend=all_mode=grainmerge:shortest=1[{o}s];"
        f"[{o}c]sobel=planes=1,gblur=sigma=4:planes=1,"
        f"lutyuv=y=clip({FLOOR}+val*{GAIN}\\,0\\,255)[{o}m];"
        f"[{o}a][{o}s][{o}m]maskedmerge=planes=1,format=yuv420p[{o}]"
    )
