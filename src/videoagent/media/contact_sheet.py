"""A storyboard contact sheet: one tile per shot, numbered, with its beat."""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw

from videoagent.media.fonts import text_font
from videoagent.store.files import atomic_write_bytes

BACKGROUND = (24, 24, 28)
MISSING = (70, 70, 76)  # the tile of a frame the video lacks


def contact_sheet(tiles: list[tuple[Path | None, str]], output: Path, *, columns: int = 3) -> Path:
    """`tiles` lists (tile image, label) pairs, one per shot, the images all of one size
    (None: the frame is missing, shown as a grey tile); writes a PNG grid to `output`."""
    opened = [Image.open(path).convert("RGB") if path else None for path, _ in tiles]
    size = next((tile.size for tile in opened if tile is not None), (320, 180))
    tile_width, tile_height = size
    label_height = 44
    columns = max(min(columns, len(tiles)), 1)
    rows = math.ceil(len(tiles) / columns)
    pad = 10
    sheet = Image.new(
        "RGB",
        (columns * (tile_width + pad) + pad, rows * (tile_height + label_height + pad) + pad),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = text_font(14)
    for number, (tile, (_, label)) in enumerate(zip(opened, tiles, strict=True)):
        x = pad + (number % columns) * (tile_width + pad)
        y = pad + (number // columns) * (tile_height + label_height + pad)
        sheet.paste(tile if tile is not None else Image.new("RGB", size, MISSING), (x, y))
        text = "\n".join(textwrap.wrap(f"{number + 1} · {label}", 40)[:2])
        draw.multiline_text((x + 2, y + tile_height + 4), text, fill=(235, 235, 235), font=font)
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    atomic_write_bytes(output, buffer.getvalue())
    return output
