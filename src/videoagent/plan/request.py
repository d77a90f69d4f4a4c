"""The user's request and its settings, validated before anything is made."""

from __future__ import annotations

import re
from dataclasses import dataclass

from videoagent.errors import UsageError
from videoagent.timeline.time import FrameRate

MODES = ("create", "short-film", "ugc-product", "brand")
ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1), "4:5": (4, 5)}
PIXEL_BUDGET = 640 * 360
DEFAULT_SECONDS = 30.0
MAX_SECONDS = 600.0
MAX_SEED = 2**31 - 1  # providers take a 32-bit signed seed
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")
_TEENS += ("seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _number_words() -> dict[str, float]:
    """Numbers as words, one to ninety-nine ("twenty-five" and "twenty five"), and "a"."""
    words: dict[str, float] = {"a": 1, "an": 1, "half": 0.5}
    words |= {word: n for n, word in enumerate(_UNITS + _TEENS, start=1)}
    for n, tens in enumerate(_TENS, start=2):
        words[tens] = 10 * n
        for unit, word in enumerate(_UNITS, start=1):
            words[f"{tens}-{word}"] = words[f"{tens} {word}"] = 10 * n + unit
    return words


NUMBER_WORDS = _number_words()
# A minus sign is read ("a -5 second video" is refused, not made 5 s long); a hyphen
# after a word or number is not one ("a 2-3 second video"). "Half a minute" is 30 s,
# "one and a half minutes" and "a minute and a half" 90 s. Only digits may run into their
# unit ("36s"): "as" is no "a s", nor "am" "a m".
DURATION_PATTERN = re.compile(
    r"(?<![\w.])(?:(?P<half_a>half)\s+an?\s+|(?P<n>-?\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?P<and_a_half>\s+and\s+a\s+half)?(?:(?<=\d)[\s-]*|[\s-]+))"
    + r"(?P<unit>seconds?|secs?|s|minutes?|mins?|m)\b(?P<unit_and_a_half>\s+and\s+a\s+half)?"
    + r"(?:[\s-]*long)?",
    re.IGNORECASE,
)


# What a request calls the video it asks for ("a 20 second clip", "a vertical ad").
_VIDEO_WORDS = r"(?:video|clip|film|movie|ad|advert|commercial|reel|short|story|animation)s?"
# What follows a duration that is the video's own ("… video", "… long clip").
_OF_THE_VIDEO = re.compile(
    rf"\s*(?:(?:short|long|vertical|square)\s+)?{_VIDEO_WORDS}\b", re.IGNORECASE
)


def readable_text(text: str, what: str) -> str:
    """`text` unchanged, or UsageError when it cannot be written as UTF-8: bytes that were
    not UTF-8 on the command line arrive as lone surrogates, and no file or provider can
    take them."""
    for index, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            byte = f"byte 0x{ord(char) - 0xDC00:02x}" if ord(char) >= 0xDC80 else "a lone surrogate"
            raise UsageError(f"{what} is not UTF-8 text: {byte} at character {index + 1}")
    return text


def duration_in_text(text: str) -> tuple[float, str] | None:
    """The duration written in `text` ("36 second", "1.5-minute", "a minute") and the
    matched phrase: the first that says how long the video is ("a 20 second video"), else
    the first ("a dog waits 5 minutes for its owner, a 20 second video" is 20 s)."""
    found = []
    for match in DURATION_PATTERN.finditer(text):
        raw, unit = (match["n"] or "").lower(), match["unit"].lower()
        if unit == "m" and not raw[-1:].isdigit():  # "a m…", "half a m…" are no durations
            continue
        if match["half_a"]:
            value = 0.5
        else:
            value = float(raw) if raw[-1].isdigit() else float(NUMBER_WORDS[" ".join(raw.split())])
            value += 0.5 if match["and_a_half"] or match["unit_and_a_half"] else 0
        seconds = value * 60 if unit.startswith("m") else value
        if _OF_THE_VIDEO.match(text, match.end()):
            return seconds, match.group(0)
        found.append((seconds, match.group(0)))
    return found[0] if found else None


# The shape a request asks for in words: "9:16", "a vertical video", "in square format",
# "for TikTok". A shape word only next to a word for the video ("a dog in the town square"
# asks no square).
SHAPE_WORDS = {
    "vertical": "9:16",
    "portrait": "9:16",
    "square": "1:1",
    "landscape": "16:9",
    "horizontal": "16:9",
    "widescreen": "16:9",
}
_SHAPE_PATTERN = re.compile(
    r"(?<![\w:])(?P<ratio>16:9|9:16|1:1|4:5)(?![\w:])"
    rf"|\b(?P<word>{'|'.join(SHAPE_WORDS)})(?:\s+\w+)?\s+(?:{_VIDEO_WORDS}|formats?)\b"
    rf"|\b(?:in|as)\s+(?P<as_word>{'|'.join(SHAPE_WORDS)})(?:\s+(?:mode|orientation))?"
    r"(?=\s*(?:[,.;!?]|$))"
    r"|\bfor\s+(?P<vertical_app>tiktok|(?:instagram\s+)?reels|(?:youtube\s+)?shorts|stories)\b",
    re.IGNORECASE,
)


def aspect_in_text(text: str) -> str | None:
    """The frame shape `text` asks for in words ("a vertical video": 9:16), or None."""
    found = _SHAPE_PATTERN.search(text)
    if found is None:
        return None
    if found["ratio"]:
        return found["ratio"]
    if found["vertical_app"]:
        return "9:16"
    return SHAPE_WORDS[(found["word"] or found["as_word"]).lower()]


# The kind of video a request names at its start, as the mode that shapes it (plan/modes.py):
# "a short film about …", "a brand video for Barkery", "an ad for …", "a UGC video of …"
# (not "a dog watching a short film").
_OPENING = r"^\W*(?:[\w'-]+\W+){0,6}?"
_TELLS = r"\s*(?::|\b(?:about|of|for|where|in which|showing|starring|with)\b)"
_MODE_WORDS = (
    ("short-film", re.compile(rf"{_OPENING}short\s+film{_TELLS}", re.IGNORECASE)),
    ("ugc-product", re.compile(rf"{_OPENING}ugc\b", re.IGNORECASE)),
    (
        "brand",
        re.compile(
            rf"{_OPENING}(?:brand\s+(?:video|film|clip|story)|ad|advert|advertisement|"
            rf"commercial){_TELLS}",
            re.IGNORECASE,
        ),
    ),
)


def mode_in_text(text: str) -> str | None:
    """The mode `text` names the video by, or None."""
    return next((mode for mode, words in _MODE_WORDS if words.match(text)), None)


def frame_size(aspect: str, size: str | None) -> tuple[int, int]:
    """Pixel size from --size WxH, else the aspect at the default pixel budget (even numbers)."""
    if size:
        match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", size.strip().lower())
        if not match:
            raise UsageError(f"--size must look like 640x360, got {size!r}")
        width, height = int(match[1]), int(match[2])
        if width % 2 or height % 2 or not (16 <= width <= 3840 and 16 <= height <= 3840):
            raise UsageError(f"--size needs even sides between 16 and 3840, got {size!r}")
        return width, height
    if aspect not in ASPECTS:
        raise UsageError(f"unknown aspect {aspect!r}; use one of {', '.join(ASPECTS)}")
    w, h = ASPECTS[aspect]
    scale = (PIXEL_BUDGET / (w * h)) ** 0.5
    return int(round(w * scale / 2)) * 2, int(round(h * scale / 2)) * 2


@dataclass(frozen=True)
class Request:
    """One make request, fully resolved: text, mode, exact length, frame size and rate."""

    text: str
    mode: str
    seconds: float
    aspect: str
    width: int
    height: int
    rate: FrameRate
    seed: int
    duration_source: str  # "--duration", "request text" or "default"

    @property
    def frames(self) -> int:
        return self.rate.frames(self.seconds)

    @classmethod
    def build(
        cls,
        text: str,
        *,
        mode: str | None = None,
        duration: float | None = None,
        aspect: str | None = None,
        size: str | None = None,
        fps: float | str = 24,
        seed: int = 0,
        profile: str | None = None,
    ) -> Request:
        """Validate every setting; raise UsageError naming the bad value. A platform
        `profile` (plan/platform_profiles.py) sets the shape, size and rate; with no
        `aspect` the shape is the one the request asks for in words, else 16:9; with no
        `mode`, the one it names ("a short film about …"), else create."""
        if profile is not None:
            from videoagent.plan.platform_profiles import platform_profile

            platform = platform_profile(profile)
            if size is not None:
                raise UsageError(
                    f"--profile {profile} sets the size ({platform.size}); drop --size"
                )
            aspect, size, fps = platform.aspect, platform.size, platform.fps
        text = " ".join(readable_text(text or "", "the request").split())
        if not text:
            raise UsageError("the request is empty: describe the video you want")
        aspect = aspect or aspect_in_text(text) or "16:9"
        mode = mode or mode_in_text(text) or "create"
        if mode not in MODES:
            raise UsageError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        if aspect not in ASPECTS:
            raise UsageError(f"unknown aspect {aspect!r}; use one of {', '.join(ASPECTS)}")
        source = "--duration"
        if duration is None:
            found = duration_in_text(text)
            duration, source = (found[0], "request text") if found else (DEFAULT_SECONDS, "default")
        if not 0 < duration <= MAX_SECONDS:
            raise UsageError(
                f"duration must be more than 0 and at most {MAX_SECONDS:.0f} "
                f"seconds, got {duration:g}"
            )
        if not 0 <= seed <= MAX_SEED:
            raise UsageError(f"--seed must be from 0 to {MAX_SEED}, got {seed}")
        rate = FrameRate.of(fps)
        if rate.frames(duration) < 1:
            raise UsageError(f"duration {duration:g} s is shorter than one frame at {rate} fps")
        width, height = frame_size(aspect, size)
        return cls(text, mode, float(duration), aspect, width, height, rate, int(seed), source)
