"""The look a request asks for: "an anime video", "in black and white", "in the style of a
nature documentary".

It becomes the brief's style, which ends every prompt written for a model that reads prose,
in the dense words such models were trained on; a request that asks none gets DEFAULT_LOOK.
Synthworld (procedural, embedded) draws its own look whatever is asked, and the run says so;
a look that is a colour grade (GRADED: black and white, sepia…) the render gives every
generated shot, whoever drew it.
"""

from __future__ import annotations

import re

from videoagent.synthworld.articles import a_or_an

# The look asked of a model that reads prose where the request asks none.
DEFAULT_LOOK = "natural colour, soft film grain"

# Each look a request may name, and how it is said to a video model.
LOOKS = {
    "anime": "anime, cel shading, clean line art, vivid colour",
    "cartoon": "2D cartoon animation, bold outlines, flat colour",
    "animated": "animated, clean shapes, soft shading",
    "3d animated": "3D animated feature, soft global illumination, expressive characters",
    "3d animation": "3D animated feature, soft global illumination, expressive characters",
    "claymation": "claymation stop-motion, handmade clay figures, tactile texture",
    "stop-motion": "stop-motion animation, handmade models, tactile texture",
    "stop motion": "stop-motion animation, handmade models, tactile texture",
    "watercolour": "watercolour painting, soft washes, paper texture",
    "watercolor": "watercolour painting, soft washes, paper texture",
    "oil painting": "oil painting, visible brush strokes, rich colour",
    "sketch": "hand-drawn pencil sketch, loose lines",
    "hand-drawn": "hand-drawn animation, loose ink lines",
    "comic book": "comic book, ink outlines, halftone shading",
    "comic": "comic book, ink outlines, halftone shading",
    "pixel art": "pixel art, crisp pixels, limited palette",
    "low-poly": "low-poly 3D, flat-shaded facets",
    "storybook": "bright flat storybook animation, clean shapes",
    "cinematic": "cinematic, shallow depth of field, rich contrast",
    "photorealistic": "photorealistic, natural light, fine detail",
    "photoreal": "photorealistic, natural light, fine detail",
    "hyperrealistic": "photorealistic, natural light, fine detail",
    "realistic": "photorealistic, natural light, fine detail",
    "documentary": "documentary footage, handheld camera, natural light",
    "black and white": "black and white, rich greys, film grain",
    "black-and-white": "black and white, rich greys, film grain",
    "monochrome": "black and white, rich greys, film grain",
    "film noir": "film noir, black and white, hard shadows, low-key light",
    "noir": "film noir, black and white, hard shadows, low-key light",
    "vintage": "vintage film, faded colour, heavy grain",
    "retro": "vintage film, faded colour, heavy grain",
    "super 8": "Super 8 home movie, faded colour, heavy grain",
    "sepia": "sepia-toned, warm brown monochrome, film grain",
    "vhs": "VHS home video, scan lines, colour bleed",
    "cyberpunk": "cyberpunk, neon light, rain-slick reflections",
    "minimalist": "minimalist, clean composition, muted palette",
    "dreamy": "dreamy, soft focus, pastel light",
    "pov": "first-person point of view, seen through the subject's own eyes, handheld",
}
# Looks the render can grade every generated shot into: the name of the grade
# (media/grades.py) of each.
GRADED = {
    **dict.fromkeys(("black and white", "black-and-white", "monochrome"), "black and white"),
    **dict.fromkeys(("film noir", "noir"), "film noir"),
    "sepia": "sepia",
    **dict.fromkeys(("vintage", "retro", "super 8"), "vintage"),
}
# Looks that are also plain adjectives ("a black and white cat", "a vintage car", "a
# documentary about bees" is a look too, but "a realistic plan" is not): read as a look only
# said of the video ("a black and white film"), in ("in black and white") or as a style.
_SAID_OF_A_THING = {
    "animated",
    "sketch",
    "hand-drawn",
    "comic",
    "comic book",
    "realistic",
    "black and white",
    "black-and-white",
    "monochrome",
    "vintage",
    "retro",
    "minimalist",
    "dreamy",
}
_VIDEO = (
    r"(?:videos?|clips?|films?|movies?|shorts?|animations?|footage|shots?|reels?|ads?"
    r"|commercials?|trailers?|cartoons?|documentar(?:y|ies)|style|look|aesthetic)"
)
_NAMES = "|".join(re.escape(name) for name in sorted(LOOKS, key=len, reverse=True))
# "in the style of Studio Ghibli", "in a Wes Anderson style", "Ghibli-style": said as written.
_STYLE_OF = re.compile(
    r",?\s*\b(?:in|with)\s+the\s+(?:style|look)\s+of\s+(?P<of>[^,.;:!?]+?)(?=\s*(?:[,.;:!?]|$))"
    r"|,?\s*\bin\s+(?:an?\s+)?(?P<named>[\w' -]+?)[\s-]style\b"
    r"|\b(?P<hyphened>\w+)-style\b",
    re.IGNORECASE,
)
# A request that opens with a point of view ("POV: you are a cat exploring the house"): seen
# through the eyes of whom it is about, who "you are" says.
_POINT_OF_VIEW = re.compile(
    r"^\s*(?:pov|point[- ]of[- ]view)\s*[:\-\u2013\u2014]\s*"
    r"(?:you(?:'re|\s+are)\s+(?=(?:an?|the)\s))?",
    re.IGNORECASE,
)
# A look by name: "anime", "in black and white", "shot as a cartoon", "a claymation short".
_NAMED_LOOK = re.compile(
    r",?(?<![\w-])(?:\s*(?P<lead>in|(?:(?:shot|drawn|made|filmed|animated|done)\s+)?as\s+an?)\s+)?"
    rf"(?P<look>{_NAMES})(?P<after>[\s-]+{_VIDEO}\b)?(?![\w-])",
    re.IGNORECASE,
)


def asked_look(text: str) -> str:
    """How the look `text` asks for is said to a video model ("anime, cel shading, …"), or
    "" where it asks none. Several looks are joined in the order asked."""
    return "; ".join(dict.fromkeys(said for _, _, said in _looks(text)))


def asked_grade(text: str) -> str:
    """The colour grade of the first look `text` asks for that has one ("black and white"),
    else ""."""
    return next((GRADED[name] for _, name, _ in _looks(text) if name in GRADED), "")


def without_looks(text: str) -> str:
    """`text` less what says how the video looks ("in the style of …", "in black and
    white", "Ghibli-style", the "anime" of "an anime video of"): what happens in it."""
    for match, _, _ in reversed(_looks(text)):
        before, after = text[: match.start()], text[match.end() :]
        kept = match.groupdict().get("after") or ""
        if not kept and _TELLS.match(after):  # "a documentary about bees": a video about bees
            kept = " video"
        rest = f"{kept.lstrip(' -')}{after}" if kept else after.lstrip()
        space = " " if rest[:1].isalnum() and before.strip() else ""
        text = _article_fixed(before.rstrip() + space, rest)
    return text.strip()


# What follows a word for the video itself: "a documentary about bees", "a cartoon of a dog".
_TELLS = re.compile(r"\s+(?:of|about|on|showing|where|in which)\b", re.IGNORECASE)


def _looks(text: str) -> list[tuple[re.Match, str, str]]:
    """Each phrase of `text` that names a look, with the look's name ("" for one said as
    written: "Studio Ghibli") and how it is said, in order."""
    pov = _POINT_OF_VIEW.match(text)
    found = [(pov, "pov", LOOKS["pov"])] if pov else []
    for match in _STYLE_OF.finditer(text):
        words = (match["of"] or match["named"] or match["hyphened"]).strip()
        name = words.lower() if words.lower() in LOOKS else ""
        found.append((match, name, LOOKS.get(name) or words))
    taken = [m.span() for m, _, _ in found]
    for match in _NAMED_LOOK.finditer(text):
        inside = any(start <= match.start() < end for start, end in taken)
        name = match["look"].lower()
        if inside or (name in _SAID_OF_A_THING and not (match["lead"] or match["after"])):
            continue
        found.append((match, name, LOOKS[name]))
    return sorted(found, key=lambda item: item[0].start())


def _article_fixed(before: str, after: str) -> str:
    """`before` + `after`, an "a" or "an" that ends `before` made to fit what now follows
    it ("an anime-style cat" is "a cat")."""
    article = re.search(r"\b(an?)\s*$", before, re.IGNORECASE)
    rest = after.lstrip()
    if article is None or not rest:
        return before + after
    fitting = a_or_an(rest)
    fitting = fitting.capitalize() if article[1][0].isupper() else fitting
    return f"{before[: article.start()]}{fitting} {rest}"
