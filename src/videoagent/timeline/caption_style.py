"""How burned-in captions look: a named style, optionally changed a setting at a time.

A style is written as its name, or its name and settings: `highlight`, or
`highlight:colour=white,highlight=#00e0ff,size=1.2,position=top`. The settings:

- `colour`: the text's colour; `highlight`: the colour of the word being spoken (`none`: no
  word is marked); `outline`: the outline's colour (`none`: no outline); colours by name or
  as #rrggbb;
- `size`: a factor on the style's text size (0.5 to 3), which is a share of the frame's
  shorter side, so a style reads alike at every size and shape;
- `box`: `yes` draws the text on a dark band (as television subtitles), `no` on the picture;
- `font`: a TrueType or OpenType file to draw in (default: the font the rest of the text is
  drawn in, `media/fonts.py`); the project keeps its path, so it must stay there;
- `position`: `bottom`, `middle` or `top`, inside the title-safe area of the frame's shape
  (on a portrait frame, a bottom caption sits above the part the phone apps cover).

The text is drawn with libass (`media/ass_captions.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PIL import ImageColor, ImageFont

from videoagent.errors import UsageError

POSITIONS = ("bottom", "middle", "top")
SIZE_RANGE = (0.5, 3.0)


@dataclass(frozen=True)
class CaptionStyle:
    name: str
    colour: tuple[int, int, int] = (255, 255, 255)
    highlight: tuple[int, int, int] | None = None  # the spoken word's colour
    outline: tuple[int, int, int] | None = (0, 0, 0)
    size: float = 1 / 18  # text height, a share of the frame's shorter side
    bold: bool = False
    box: bool = False
    position: str = "bottom"
    font: str = ""  # a font file; "": the text font (media/fonts.py)

    @property
    def marks_words(self) -> bool:
        """Whether the word being spoken is drawn apart from the rest."""
        return self.highlight is not None


STYLES = {
    # Television subtitles: white on a dark band, as captions were drawn before styles.
    "boxed": CaptionStyle("boxed", box=True, outline=None),
    # White with a black outline, straight on the picture.
    "outline": CaptionStyle("outline", bold=True, size=1 / 15),
    # Large and bold, the word being spoken in yellow: the short-video look.
    "highlight": CaptionStyle("highlight", bold=True, size=1 / 12, highlight=(255, 212, 0)),
}
DEFAULT_STYLE = "boxed"


def caption_style(spec: str) -> CaptionStyle:
    """The style `spec` names (see the module's text); a bad one is refused by name."""
    name, _, settings = spec.strip().partition(":")
    if name not in STYLES:
        raise UsageError(f"caption style {name!r} is not one of {', '.join(STYLES)}")
    style = STYLES[name]
    for setting in (s.strip() for s in settings.split(",") if s.strip()):
        key, equals, value = (part.strip() for part in setting.partition("="))
        if not equals:
            raise UsageError(f"caption style setting {setting!r} is not KEY=VALUE")
        style = _with(style, key, value)
    return style


def _with(style: CaptionStyle, key: str, value: str) -> CaptionStyle:
    if key in ("colour", "color"):
        return replace(style, colour=_colour(value, key))
    if key in ("highlight", "outline"):
        return replace(style, **{key: None if value == "none" else _colour(value, key)})
    if key == "size":
        try:
            factor = float(value)
        except ValueError:
            factor = float("nan")
        if not SIZE_RANGE[0] <= factor <= SIZE_RANGE[1]:
            raise UsageError(
                f"caption size {value!r} is not a factor from {SIZE_RANGE[0]} to {SIZE_RANGE[1]}"
            )
        return replace(style, size=style.size * factor)
    if key == "box":
        if value not in ("yes", "no"):
            raise UsageError(f"caption box {value!r} is not yes or no")
        return replace(style, box=value == "yes")
    if key == "font":
        try:
            ImageFont.truetype(value, 12)
        except (OSError, ValueError):
            raise UsageError(f"caption font {value!r} is not a font file we can read") from None
        return replace(style, font=str(Path(value).resolve()))
    if key == "position":
        if value not in POSITIONS:
            raise UsageError(f"caption position {value!r} is not one of {', '.join(POSITIONS)}")
        return replace(style, position=value)
    raise UsageError(
        f"caption style setting {key!r} is not one of colour, highlight, outline, size, box, "
        "position, font"
    )


def _colour(value: str, key: str) -> tuple[int, int, int]:
    try:
        return ImageColor.getrgb(value)[:3]
    except ValueError:
        raise UsageError(f"caption {key} {value!r} is not a colour name or #rrggbb") from None
