"""A storyboard contact sheet: one frame per shot, numbered, with its beat."""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from videoagent.media.frames import frames_at
from videoagent.store.files import atomic_write_bytes


def contact_sheet(
    video: Path,
    shots: list[tuple[int, str]],
    output: Path,
    *,
    columns: int = 3,
    thumb_width: int = 320,
    keyframes: list[Path] | None = None,
    keyframe_size: tuple[int, int] = (256, 144),
    frames: dict | None = None,
) -> Path:
    """`shots` lists (frame index in `video`, label) pairs; writes a PNG grid to `output`,
    and each shot's frame on its own to `keyframes[i]` (fitted in `keyframe_size`) when
    given: the pictures a planner is shown of the project so far. `frames`: those frames of
    `video` (index → RGB), when the caller has read them already."""
    found = frames if frames is not None else frames_at(video, [frame for frame, _ in shots])
    for path, (frame_index, _) in zip(keyframes or [], shots, strict=False):
        keyframe = Image.fromarray(found[frame_index])
        keyframe.thumbnail(keyframe_size)
        buffer = io.BytesIO()
        keyframe.save(buffer, format="PNG")
        atomic_write_bytes(path, buffer.getvalue())
    first = next(iter(found.values()))
    thumb_height = round(thumb_width * first.shape[0] / first.shape[1])
    label_height = 44
    columns = min(columns, len(shots))
    rows = math.ceil(len(shots) / columns)
    pad = 10
    sheet = Image.new(
        "RGB",
        (columns * (thumb_width + pad) + pad, rows * (thumb_height + label_height + pad) + pad),
        (24, 24, 28),
    )
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=14)
    for number, (frame_index, label) in enumerate(shots):
        x = pad + (number % columns) * (thumb_width + pad)
        y = pad + (number // columns) * (thumb_height + label_height + pad)
        thumb = Image.fromarray(found[frame_index]).resize((thumb_width, thumb_height))
        sheet.paste(thumb, (x, y))
        text = "\n".join(textwrap.wrap(f"{number + 1} · {label}", 40)[:2])
        draw.multiline_text((x + 2, y + thumb_height + 4), text, fill=(235, 235, 235), font=font)
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    atomic_write_bytes(output, buffer.getvalue())
    return output
