"""Looking at the render: the frame in the middle of each shot, compared with its take
(verify) and shown on the contact sheet and to a planner (the shot's keyframe).

A render is its pieces joined packet for packet; `pieces_carried` checks that it is. So a
frame of the render is the frame at the same place in its piece, and a piece's file is
named by the hash of what made it. What was seen of a frame (its tile, its keyframe, its
difference from the take) is kept under that name, the frame's place in the piece and the
take it is compared with: after an edit only the shots whose pieces changed are looked at
again."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import av
import numpy as np
from PIL import Image

from videoagent.evaluate.check import Check
from videoagent.media.frames import frames_at
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import file_sha256, json_sha256

LOOK_VERSION = 2  # raise when the same frame and take give another look
TILE_WIDTH = 320  # the contact sheet's tiles
MAX_DIFFERENCE = 12.0  # mean difference (of 255) under which a shot shows its take
# Frames are compared COMPARE_WIDTH pixels wide (box-averaged): whether a shot shows its take
# is a question about its picture, not its last pixels. A 160x90 ugc-product render of the
# right take differed from it by 10.6 at full size, and by 11.9-12.0 with the watermark
# (whose pattern follows the project's random id), so the check failed by chance; seen 64
# wide, 11.2 whatever the id. That render is also about 10 levels darker than its take,
# which is not yet explained and keeps it near the limit.
COMPARE_WIDTH = 64


@dataclass(frozen=True)
class Sample:
    """One shot's frame to look at: its index in the render and, for a generated shot, the
    take it shows, the take's frame there and the part of it shown when reframed."""

    frame: int
    take: Path | None = None
    take_frame: int = 0
    box: tuple[int, int, int, int] | None = None
    graded: bool = False  # given a colour grade in the render: compared by its light alone


@dataclass(frozen=True)
class Look:
    tile: Path | None  # TILE_WIDTH wide PNG; None: the render lacks the frame
    keyframe: Path | None  # fitted in the keyframe size, PNG
    difference: float | None  # mean difference from the take; None without one


class _Missing(Exception):
    """A frame the render or the take does not have (never kept as a look)."""


def pieces_carried(video: Path, pieces: list[Path]) -> Check:
    """Whether `video`'s picture is `pieces` in order, packet for packet: then any frame of
    it decodes as the same frame of its piece."""
    final = _packet_digests(video)
    joined = [digest for piece in pieces for digest in _packet_digests(piece)]
    if final == joined:
        detail = f"its {len(pieces)} pieces, packet for packet"
    else:
        pairs = enumerate(zip(final, joined, strict=False))
        where = next((i for i, (a, b) in pairs if a != b), min(len(final), len(joined)))
        detail = f"differs from its pieces from frame {where}"
    return Check(
        "pieces as rendered", final == joined, detail, value=len(final), expected=len(joined)
    )


def look_at(
    samples: list[Sample],
    pieces: list[dict],
    pieces_dir: Path,
    derived: DerivedFiles,
    *,
    keyframe_size: tuple[int, int],
) -> list[Look]:
    """A look at each sample's frame, from the piece that holds it (`pieces`: a render
    report's start, frames and file of each), made once per frame and take (both known by
    their bytes' digests)."""
    looks = []
    for sample in samples:
        piece = next(
            (p for p in pieces if p["start"] <= sample.frame < p["start"] + p["frames"]), None
        )
        if piece is None:
            looks.append(Look(None, None, None))
            continue
        offset, file = sample.frame - piece["start"], pieces_dir / piece["file"]
        take = file_sha256(sample.take) if sample.take is not None else None
        about = [LOOK_VERSION, file_sha256(file), offset, take, sample.take_frame, sample.box]
        about += ["graded"] if sample.graded else []
        key = json_sha256([*about, TILE_WIDTH, list(keyframe_size)])
        try:
            entry = derived.make(
                "look",
                key,
                partial(_look, piece=file, offset=offset, sample=sample, size=keyframe_size),
            )
        except _Missing:
            looks.append(Look(None, None, None))
            continue
        found = json.loads((entry / "look.json").read_text("utf-8"))
        looks.append(Look(entry / "tile.png", entry / "keyframe.png", found["difference"]))
    return looks


def presence(shot_id: str, look: Look) -> Check:
    """Whether a generated shot shows its take where the timeline says."""
    if look.difference is None:
        return Check(f"{shot_id} present", False, "frame missing")
    return Check(
        f"{shot_id} present",
        look.difference < MAX_DIFFERENCE,
        f"mean difference {look.difference:.1f}/255 from its take",
        value=round(look.difference, 2),
        expected=f"< {MAX_DIFFERENCE:g}",
    )


def _look(folder: Path, *, piece: Path, offset: int, sample: Sample, size: tuple[int, int]) -> None:
    """Makes a look's files in `folder`."""
    frame = frames_at(piece, [offset]).get(offset)
    if frame is None:
        raise _Missing
    difference = None
    if sample.take is not None:
        take_frame = frames_at(sample.take, [sample.take_frame]).get(sample.take_frame)
        if take_frame is None:
            raise _Missing
        difference = _difference(frame, take_frame, sample.box, graded=sample.graded)
    picture = Image.fromarray(frame)
    tile_height = round(TILE_WIDTH * frame.shape[0] / frame.shape[1])
    _save_png(picture.resize((TILE_WIDTH, tile_height)), folder / "tile.png")
    keyframe = picture.copy()
    keyframe.thumbnail(size)
    _save_png(keyframe, folder / "keyframe.png")
    (folder / "look.json").write_text(json.dumps({"difference": difference}), "utf-8")


def _difference(
    got: np.ndarray,
    take_frame: np.ndarray,
    box: tuple[int, int, int, int] | None,
    *,
    graded: bool = False,
) -> float:
    """Mean difference of a render's frame from the take's frame it shows, both seen
    COMPARE_WIDTH wide; `graded`: of their light alone, each brought to the take's mean
    and contrast (a grade changes colour, brightness and contrast, not what is where)."""
    if box is not None:  # reframed: compare with the part of the take that is shown
        x, y, w, h = box
        shown = Image.fromarray(take_frame[y : y + h, x : x + w])
        take_frame = np.asarray(shown.resize((got.shape[1], got.shape[0]), Image.BILINEAR))
    elif take_frame.shape != got.shape:  # letterboxed: compare the picture, not the bars
        (height, width), (take_h, take_w) = got.shape[:2], take_frame.shape[:2]
        scale = min(width / take_w, height / take_h)
        fit_w, fit_h = int(take_w * scale), int(take_h * scale)
        left, top = (width - fit_w) // 2, (height - fit_h) // 2
        got = got[top : top + fit_h, left : left + fit_w]
        shown = Image.fromarray(take_frame).resize((fit_w, fit_h), Image.BILINEAR)
        take_frame = np.asarray(shown)
    if graded:
        return float(np.abs(_matched(_grey(got), _grey(take_frame))).mean())
    return float(np.abs(_coarse(got) - _coarse(take_frame)).mean())


def _grey(frame: np.ndarray) -> np.ndarray:
    return _coarse(frame) @ np.array([0.299, 0.587, 0.114], np.float32)


def _matched(got: np.ndarray, take: np.ndarray) -> np.ndarray:
    """How `got` differs from `take` once its brightness and contrast are the take's."""
    spread = got.std()
    scaled = (got - got.mean()) * (take.std() / spread if spread > 0 else 1.0) + take.mean()
    return scaled - take


def _coarse(frame: np.ndarray) -> np.ndarray:
    """The frame box-averaged to COMPARE_WIDTH wide (never enlarged), as floats."""
    height, width = frame.shape[:2]
    if width > COMPARE_WIDTH:
        size = (COMPARE_WIDTH, max(1, round(height * COMPARE_WIDTH / width)))
        frame = np.asarray(Image.fromarray(frame).resize(size, Image.BOX))
    return frame.astype(np.float32)


def _packet_digests(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [hashlib.sha1(bytes(p)).digest() for p in container.demux(stream) if p.size]


def _save_png(picture: Image.Image, path: Path) -> None:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
