"""The font cards, text overlays and contact sheets are drawn in.

Pillow's own font has ASCII letters only: "Café" comes out as "Caf" and a box. So text is
drawn in the first Unicode font found: the one `$VIDEOAGENT_FONT` names, else a common
system font (DejaVu Sans, Liberation Sans, Arial Unicode, Arial). Only where none is found
does Pillow's font draw, and `missing_glyphs` says which letters it cannot show.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PIL import ImageFont

SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",  # Fedora
    "/usr/share/fonts/TTF/DejaVuSans.ttf",  # Arch
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",  # macOS
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
# A code point no font draws: what a font shows for a letter it lacks.
NO_SUCH_LETTER = "\U0010fffd"


@cache
def font_file() -> Path | None:
    """The Unicode font text is drawn in, or None (Pillow's ASCII-only font)."""
    named = os.environ.get("VIDEOAGENT_FONT")
    for candidate in ([named] if named else []) + list(SYSTEM_FONTS):
        path = Path(candidate)
        try:
            ImageFont.truetype(str(path), 12)
        except OSError:
            continue
        return path
    return None


def font_identity() -> str:
    """Which font draws text here (part of the key of anything drawn with it)."""
    path = font_file()
    return path.name if path is not None else "pillow-default"


@cache
def text_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    size = max(size, 8)
    path = font_file()
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size)


def missing_glyphs(text: str) -> list[str]:
    """The letters of `text` the font draws as the box it draws for a letter it lacks."""
    font = text_font(24)

    def drawn(letter: str) -> tuple:
        mask = font.getmask(letter)
        return mask.size, bytes(mask)

    lacking = drawn(NO_SUCH_LETTER)
    return sorted({c for c in text if not c.isspace() and drawn(c) == lacking})
