"""Captions drawn with libass: a piece's caption overlays as an ASS script, one event each,
in their style (`timeline/caption_style.py`), the word being spoken in its own colour.

The script is written where the FFmpeg filter graph may name it: a folder of our own whose
path holds only letters, digits and `_./-` (the graph is parsed by FFmpeg, so no path a user
chose, nor any text, ever enters it). The user's text goes into the script with ASS's own
syntax taken out of it: braces are escaped and a backslash can no longer start `\\N`.
"""

from __future__ import annotations

import re
import tempfile
from fractions import Fraction
from pathlib import Path

from PIL import ImageFont

from videoagent.media.fonts import font_file
from videoagent.store.files import atomic_write_text
from videoagent.timeline.caption_style import CaptionStyle, caption_style
from videoagent.timeline.model import TextOverlay

GRAPH_SAFE = re.compile(r"[A-Za-z0-9_./-]+")
NO_BREAK = "\u200b"  # zero-width space: after a backslash, keeps it from starting \N, \h
# Title-safe margins (a share of the frame): the tenth every broadcast keeps; a portrait
# frame's bottom and top are covered by the phone apps' own buttons and captions.
SIDE_MARGIN = 0.1
MARGINS = {"landscape": (0.1, 0.1), "portrait": (0.14, 0.24)}  # top, bottom
ALIGNMENT = {"bottom": 2, "middle": 5, "top": 8}  # ASS's numeric-keypad places


def graph_safe_folder() -> Path:
    """A new folder of our own that an FFmpeg filter graph can name without escaping."""
    for parent in (tempfile.gettempdir(), "/tmp"):
        if GRAPH_SAFE.fullmatch(parent):
            return Path(tempfile.mkdtemp(prefix="videoagent_captions_", dir=parent))
    raise RuntimeError("no temporary folder whose path an FFmpeg filter graph can hold")


def caption_font(style: CaptionStyle | None = None) -> Path | None:
    """The font file a style's captions are drawn in (its own, else the text font); None
    when only Pillow's own font is found (captions are then drawn as plain overlays)."""
    return Path(style.font) if style is not None and style.font else font_file()


def family(font: Path) -> str:
    """The family name libass is asked for to draw in `font`."""
    return ImageFont.truetype(str(font), 12).getname()[0]


def write_script(
    overlays: list[TextOverlay], path: Path, *, width: int, height: int, fps: Fraction
) -> None:
    """The ASS script of `overlays` (frames relative to the piece that shows them), each
    style in its font (the fonts folder handed to libass must hold them)."""
    styles = {spec: caption_style(spec) for spec in dict.fromkeys(o.style for o in overlays)}
    names = {spec: f"caption{k}" for k, spec in enumerate(styles)}
    lines = [
        "[Script Info]",
        "ScriptType: v4.00+",
        f"PlayResX: {width}",
        f"PlayResY: {height}",
        "WrapStyle: 0",
        "ScaledBorderAndShadow: yes",
        "YCbCr Matrix: None",
        "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
        "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
        "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
    ]
    lines += [
        _style_line(names[spec], style, width, height, family(caption_font(style)))
        for spec, style in styles.items()
    ]
    lines += [
        "",
        "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]
    for overlay in sorted(overlays, key=lambda o: o.start):
        # From half a frame before its first frame to half a frame before the frame after
        # its last: ASS times are centiseconds, and a boundary between two frames' times
        # keeps each frame on its side of it.
        start = _time(Fraction(max(2 * overlay.start - 1, 0), 2) / fps)
        end = _time(Fraction(2 * (overlay.start + overlay.frames) - 1, 2) / fps)
        text = _marked(overlay.text, overlay.spoken, styles[overlay.style])
        lines.append(f"Dialogue: 0,{start},{end},{names[overlay.style]},,0,0,0,,{text}")
    atomic_write_text(path, "\n".join(lines) + "\n")


def _style_line(name: str, style: CaptionStyle, width: int, height: int, font: str) -> str:
    size = max(round(style.size * min(width, height)), 8)
    top, bottom = MARGINS["portrait" if height > width else "landscape"]
    margin_v = round((top if style.position == "top" else bottom) * height)
    if style.box:  # an opaque box around the text: the outline colour, the outline its pad
        border, outline, edge = 3, max(size // 4, 2), (0x60, (0, 0, 0))
    elif style.outline is not None:
        border, outline, edge = 1, max(round(size / 12), 1), (0, style.outline)
    else:
        border, outline, edge = 1, 0, (0, (0, 0, 0))
    fields = [
        name,
        font,
        size,
        _colour(0, style.colour),
        _colour(0, style.colour),
        _colour(*edge),
        _colour(0x80, (0, 0, 0)),
        -1 if style.bold else 0,
        0,
        0,
        0,
        100,
        100,
        0,
        0,
        border,
        outline,
        0,
        ALIGNMENT[style.position],
        round(SIDE_MARGIN * width),
        round(SIDE_MARGIN * width),
        margin_v,
        1,
    ]
    return "Style: " + ",".join(str(f) for f in fields)


def _marked(text: str, spoken: int, style: CaptionStyle) -> str:
    """The text for the script, word `spoken` (counted among its words) in the highlight."""
    words = text.split()
    escaped = [_escaped(word) for word in words]
    if style.highlight is not None and 0 <= spoken < len(words):
        escaped[spoken] = (
            f"{{\\c{_colour(0, style.highlight)}}}{escaped[spoken]}"
            f"{{\\c{_colour(0, style.colour)}}}"
        )
    return " ".join(escaped)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\" + NO_BREAK).replace("{", "\\{").replace("}", "\\}")


def _colour(alpha: int, rgb: tuple[int, int, int]) -> str:
    """ASS's colour: &H, then alpha (0 opaque), blue, green, red."""
    red, green, blue = rgb
    return f"&H{alpha:02X}{blue:02X}{green:02X}{red:02X}"


def _time(seconds: Fraction) -> str:
    centiseconds = round(seconds * 100)
    hours, rest = divmod(centiseconds, 360_000)
    minutes, rest = divmod(rest, 6000)
    return f"{hours}:{minutes:02d}:{rest // 100:02d}.{rest % 100:02d}"
