"""Text drawn by Pillow into images: title cards and transparent overlays.

User text never enters an ffmpeg filter string: it is drawn here and passed as a file, so no
text can inject filter or shell syntax.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from videoagent.media.fonts import text_font
from videoagent.store.files import atomic_write_bytes


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return text_font(size)


def _wrapped(text: str, width_px: int, size: int) -> str:
    chars = max(int(width_px / (size * 0.55)), 8)
    return "\n".join(textwrap.wrap(text, chars)[:4])


def _save_png(image: Image.Image, path: Path) -> Path:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    atomic_write_bytes(path, buffer.getvalue())
    return path


def card_image(
    path: Path,
    *,
    size: tuple[int, int],
    title: str,
    subtitle: str = "",
    background: str = "#111318",
    foreground: str = "#f5f2ea",
) -> Path:
    """A full-frame title card."""
    width, height = size
    image = Image.new("RGB", size, ImageColor.getrgb(background))
    draw = ImageDraw.Draw(image)
    title_size = max(min(width, height) // 9, 12)
    fg = ImageColor.getrgb(foreground)
    draw.multiline_text(
        (width / 2, height * (0.45 if subtitle else 0.5)),
        _wrapped(title, int(width * 0.85), title_size),
        fill=fg,
        font=_font(title_size),
        anchor="mm",
        align="center",
        spacing=6,
    )
    if subtitle:
        sub_size = max(title_size // 2, 10)
        draw.multiline_text(
            (width / 2, height * 0.66),
            _wrapped(subtitle, int(width * 0.85), sub_size),
            fill=tuple(int(c * 0.8) for c in fg),
            font=_font(sub_size),
            anchor="mm",
            align="center",
        )
    return _save_png(image, path)


def overlay_image(
    path: Path, *, size: tuple[int, int], text: str, position: str = "bottom"
) -> Path:
    """A transparent full-frame image with `text` on a dark band, inside the safe area."""
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    font_size = max(min(width, height) // (18 if position == "caption" else 14), 10)
    body = _wrapped(text, int(width * 0.8), font_size)
    # Burned subtitles sit in the title-safe area: lower third on landscape and square
    # frames, higher on portrait ones, whose bottom the phone apps cover with their own UI.
    caption_at = 0.72 if height > width else 0.86
    y = {"top": 0.12, "center": 0.5, "bottom": 0.85, "caption": caption_at}[position] * height
    box = draw.multiline_textbbox(
        (width / 2, y), body, font=_font(font_size), anchor="mm", align="center"
    )
    pad = font_size // 2
    draw.rectangle((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad), fill=(0, 0, 0, 150))
    draw.multiline_text(
        (width / 2, y),
        body,
        fill=(255, 255, 255, 255),
        font=_font(font_size),
        anchor="mm",
        align="center",
    )
    return _save_png(image, path)
