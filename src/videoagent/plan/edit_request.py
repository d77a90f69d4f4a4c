"""Edit requests in plain words, understood as typed operations on a project.

Each operation is either a deterministic tool (text overlay, trim, remove, reorder, card,
reframe) or needs generation (new shots, a replaced shot); `agent/edits.py` carries them out.
What is not understood, or cannot be done to this project, is refused with a clear reason
before anything changes: the agent does not guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from videoagent.errors import UnclearRequest, UsageError
from videoagent.plan.beats import lead_of, singular, third_person
from videoagent.plan.brief import make_brief
from videoagent.plan.request import (
    ASPECTS,
    MAX_SECONDS,
    SHAPE_WORDS,
    Request,
    aspect_in_text,
    duration_in_text,
)
from videoagent.plan.setting_words import setting_of
from videoagent.plan.storyboard import Storyboard
from videoagent.plan.visual_style import GRADED, asked_look
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse

CAN_DO = (
    "put TEXT on screen at 0:05 for 2 seconds · make this one minute · make it 9:16 · "
    "remove shot 2 · swap shots 4 and 5 · move shot 3 to 1 · trim shot 2 to 3 seconds · "
    "add an end card: TEXT · add a title card: TEXT · add a scene where … · "
    "replace shot 3 with … · make shot 2 at night (a time of day, weather or place) · "
    "make it black and white (film noir, sepia, vintage; back in colour) · make the dog black · "
    "add a cat to shot 2 · make it anime (a look, for the shots a model makes) · "
    "make it all at night · remove the music (ambience, sound effects, narration; or add) · "
    "cut the last 5 seconds · make the dog sit in shot 2"
)


@dataclass(frozen=True)
class AddText:
    text: str
    start: int
    frames: int
    position: str


@dataclass(frozen=True)
class SetLength:
    frames: int
    from_end: bool = False  # "cut the last 5 seconds": taken off the end, not from every shot


@dataclass(frozen=True)
class Reframe:
    aspect: str


@dataclass(frozen=True)
class RemoveShot:
    number: int


@dataclass(frozen=True)
class MoveShot:
    number: int
    to: int


@dataclass(frozen=True)
class SwapShots:
    first: int
    second: int


@dataclass(frozen=True)
class TrimShot:
    number: int
    frames: int


@dataclass(frozen=True)
class AddCard:
    where: str  # "title" or "end"
    title: str
    subtitle: str


@dataclass(frozen=True)
class AddScene:
    description: str
    first: bool = False  # at the start of what was filmed, else after it


# Where an added scene goes, said after it ("… at the end of the video"): not what it shows.
_SCENE_PLACE = re.compile(
    r",?\s+(?:at|to)\s+the\s+(?:very\s+)?(start|beginning|end)"
    r"(?:\s+of\s+(?:the|my|this)\s+(?:video|film|clip|story))?$"
)


@dataclass(frozen=True)
class ReplaceShot:
    number: int
    description: str


@dataclass(frozen=True)
class Reenact:
    """One of the cast doing something else in one shot ("make the horse gallop in shot 3"):
    the shot as it was, that one doing `action`."""

    number: int
    ident: str  # the cast member's id in the bible
    who: str  # as the edit says it: "the horse"
    action: str
    verb: str  # as said: "gallop"


@dataclass(frozen=True)
class AddToShot:
    """Something more in one shot ("add a dog to shot 2"): the shot as it was, with it."""

    number: int
    what: str


@dataclass(frozen=True)
class Regrade:
    """Every generated shot in a colour grade (media/grades.py); "" in its own colours."""

    grade: str


@dataclass(frozen=True)
class Recolour:
    """One of the cast in another colour in every shot it is in ("make the girl wear red",
    "make the dog black"): those shots are made again."""

    who: str  # its bible id
    said: str  # as the edit names it: "the girl"
    colour: str
    was: str  # its colour before


@dataclass(frozen=True)
class Restyle:
    """Every shot a model makes from prose in another look ("make it anime"): those shots
    are made again; synthworld draws its own look and keeps it."""

    look: str  # in dense words: "anime, cel shading, clean line art, vivid colour"


@dataclass(frozen=True)
class Restage:
    """The same shot in another setting: its time of day, weather or place."""

    number: int
    setting: tuple[tuple[str, str], ...]  # (scene field, value), e.g. (("time_of_day", "night"),)


@dataclass(frozen=True)
class RestageAll:
    """Every generated shot in another setting ("make it all at night")."""

    setting: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SetSound:
    """A layer of the sound on or off ("remove the music"): the sound is mixed again."""

    layer: str  # a project choice: music, ambience, effects or narrate
    on: bool


Operation = (
    AddText
    | SetLength
    | Reframe
    | RemoveShot
    | MoveShot
    | SwapShots
    | TrimShot
    | AddCard
    | AddScene
    | Reenact
    | ReplaceShot
    | Restage
    | Regrade
    | Recolour
    | AddToShot
    | Restyle
    | RestageAll
    | SetSound
)

# "make it black and white", "give it a vintage look", "back in colour".
_GRADE_WORDS = "|".join(
    sorted((*GRADED, "colour", "color", "full colour", "full color"), key=len, reverse=True)
)
_REGRADE = re.compile(
    rf"(?:(?:make|turn|change|put)\s+(?:it|this|the video)\s+(?:back\s+)?(?:into|to|in)?\s*"
    rf"(?:look\s+)?(?:an?\s+)?|(?:give|add)\s+(?:it|this|the video)\s+an?\s+)"
    rf"(?P<look>{_GRADE_WORDS})(?:\s+(?:look|grade|filter|again))?"
)
# "make the girl wear red", "turn the dog black", "dress the man in green", "change the car
# to blue", "paint the house yellow".
_RECOLOUR = re.compile(
    r"(?:make|turn|change|paint|colou?r|dress)\s+"
    r"(?P<who>(?:the|her|his|its|their|my|our|your)\s+[a-z' ]+?)\s+"
    r"(?:(?:wear|wearing|in|into|to|dressed in|all in)\s+)?"
    rf"(?P<colour>{'|'.join(sorted(vocab.COLOURS, key=len, reverse=True))})"
    r"(?:\s+(?:clothes|outfit|shirt|coat|dress|jacket|fur|feathers|paint|instead))?"
)
# What one of the cast wears or has on, coloured as they are ("make the girl's shirt red").
_WORN = set(
    "shirt t-shirt top dress skirt jacket coat sweater jumper hoodie outfit clothes hat cap "
    "scarf fur feathers collar".split()
)
# An edit of the whole video's look opens so: "make it …", "turn the video into …".
_OF_THE_VIDEO = (
    r"(?:make|turn|change|render|redo|restyle)\s+(?:it|this|the (?:whole )?video|everything)\b"
)
_TIME = r"(?:\d+:)?\d+(?::\d+)?(?:\.\d+)?\s*(?:s|sec|secs|seconds?)?"
# A layer of the sound as people call it, and the project choice that turns it on or off.
_SOUND_LAYERS = {
    "background music": "music",
    "music": "music",
    "soundtrack": "music",
    "ambient sound": "ambience",
    "ambient sounds": "ambience",
    "ambience": "ambience",
    "background noise": "ambience",
    "background sound": "ambience",
    "sound effects": "effects",
    "effects": "effects",
    "sfx": "effects",
    "narration": "narrate",
    "narrator": "narrate",
    "voiceover": "narrate",
    "voice-over": "narrate",
    "voice over": "narrate",
}
_LAYER = "|".join(sorted(_SOUND_LAYERS, key=len, reverse=True))
_SOUND = re.compile(
    rf"(?:(?P<off>remove|drop|delete|mute|lose|kill|cut|turn off|switch off|take out|take away|"
    rf"get rid of|no|without)"
    rf"\s+(?:the\s+|all\s+(?:the\s+)?)?(?P<gone>{_LAYER})(?:\s+off)?|"
    rf"(?P<on>add|put back|bring back|turn on|switch on|restore|add back)\s+"
    rf"(?:the\s+|some\s+|a\s+)?(?P<back>{_LAYER})(?:\s+back|\s+on)?)"
)
# The whole video in another setting: "make it all at night", "make everything rainy".
_ALL = re.compile(
    r"(?:make|set|put|change|turn)\s+(?:it\s+all|everything|all(?:\s+of)?\s+(?:it|the\s+shots)|"
    r"every\s+shot|the\s+whole\s+(?:video|thing))\s+(?:happen\s+|take\s+place\s+|be\s+)?(?P<where>.+)"
)
_NUMBER = r"(?:shot\s*)?#?(\d+)"
# "make the horse gallop in shot 3", "have the dog sit in shot 2" (a shot by its place or
# what it shows is written by its number first).
_REENACT = re.compile(
    r"(?:make|have|let|get)\s+(?P<who>(?:the|her|his|their|my|its)\s+[a-z' ]+?)\s+"
    r"(?:to\s+)?(?P<verb>[a-z]+)\s+(?:in|during)\s+(?:shot\s*)?#?(?P<n>\d+)"
)


def seconds_of(text: str) -> float:
    """'0:05' → 5, '1:02.5' → 62.5, '7s' / '7 seconds' → 7."""
    text = re.sub(r"\s*(?:s|sec|secs|seconds?)$", "", text.strip())
    parts = [float(p) for p in text.split(":")]
    value = 0.0
    for part in parts:
        value = value * 60 + part
    return value


def _numbered(clause: str, board: Storyboard) -> str:
    """`clause` with a shot named by its place written by its number: "the last shot" is the
    last one filmed (not an end card), "the second scene" shot 2."""

    def number(match: re.Match) -> str:
        said = match[1]
        filmed = [i + 1 for i, s in enumerate(board.shots) if s.kind == "generated"] or [1]
        if said in ("last", "final", "closing"):
            return f"shot {filmed[-1]}"
        if said in ("first", "opening"):
            return f"shot {filmed[0]}"
        return f"shot {_ORDINALS[said]}"

    placed = re.sub(
        rf"\bthe\s+({'|'.join([*_ORDINALS, 'last', 'final', 'closing', 'first', 'opening'])})"
        r"\s+(?:shot|scene|clip)\b",
        number,
        clause,
    )
    return _by_what_it_shows(placed, board)


# "the cafe scene", "the shot at the beach", "the scene with the bench": a shot by what it shows.
_DESCRIBED_SHOT = re.compile(
    r"\bthe\s+(?:(?P<before>[a-z]+(?:\s+[a-z]+)?)\s+(?:shot|scene|clip)|"
    r"(?:shot|scene|clip)\s+(?:at|in|on|with|of)\s+(?:the\s+|a\s+)?(?P<after>[a-z]+))\b"
)


def _by_what_it_shows(clause: str, board: Storyboard, *, strict: bool = False) -> str:
    """`clause` with a shot named by what it shows written by its number, where the words
    fit one; `strict`: UsageError where they fit several or none, naming the shots (asked
    only of a clause read no other way: 'put "the best scene" on screen at 0:05' is text)."""

    def number(match: re.Match) -> str:
        said = match["before"] or match["after"]
        words = [w for w in said.split() if w not in ("this", "that", "one")]
        if not words or said.split()[0] in _ORDINALS or words[-1] in ("other", "next"):
            return match[0]
        filmed = [(i + 1, shot) for i, shot in enumerate(board.shots) if shot.kind == "generated"]
        told = [n for n, shot in filmed if all(_names(shot.beat, w) for w in words)]
        # Where the beat says it ("the cafe scene" of "they get ice cream at a cafe"), not
        # where the story only stays (the bench by the café after it).
        fits = told or [n for n, shot in filmed if all(_shows(shot, w) for w in words)]
        if len(fits) > 1 and strict:
            listed = ", ".join(str(n) for n in fits)
            raise UsageError(f"{match[0]!r} could be shots {listed}: say which by its number")
        if not fits and words[-1] not in _NOT_SHOWN and strict:
            listed = "; ".join(f"{n}: {shot.beat}" for n, shot in filmed)
            raise UsageError(f"no shot shows {said!r}; the shots are {listed}")
        return f"shot {fits[0]}" if len(fits) == 1 else match[0]

    return _DESCRIBED_SHOT.sub(number, clause)


# Words before "shot" or "scene" that name no content ("the whole scene", "the same shot").
_NOT_SHOWN = {"whole", "same", "entire", "new", "final", "next", "other", "previous", "each"}


def _shows(shot, word: str) -> bool:
    """Whether `shot`'s beat, caption or place names `word`."""
    place = (shot.scene or {}).get("place", "")
    return _names(f"{shot.beat} {shot.caption} {place}", word) or (
        vocab.PLACE_SYNONYMS.get(word) == place
    )


def _names(text: str, word: str) -> bool:
    """Whether `text` has `word` (or its singular; "café" is "cafe")."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    said = re.findall(r"[a-z]+", plain)
    return word in said or word.rstrip("s") in said


_ORDINALS = {
    w: n + 2
    for n, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth".split())
}
DEFAULT_STEP_SECONDS = 2.0  # "make shot 2 longer": by how much, where no amount is said


def _shot(number: str, board: Storyboard) -> int:
    value = int(number)
    if not 1 <= value <= len(board.shots):
        raise UsageError(f"shot {value} does not exist; the video has shots 1-{len(board.shots)}")
    return value


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "\"'“‘" and text[-1] in "\"'”’":
        return text[1:-1].strip()
    return text


def parse_clause(clause: str, board: Storyboard, request: Request) -> Operation:
    """One edit in words → one operation checked against this project."""
    rate = board.rate
    total = board.target_frames
    lowered = _numbered(clause.lower().strip().rstrip(".!"), board)
    # Text on screen.
    match = re.fullmatch(
        rf"(?:put|show|add|display|write|overlay)\s+(?:the\s+)?(?:text\s+|words?\s+|caption\s+)?"
        rf"(?P<text>.+?)\s+(?:on(?:\s+the)?\s+screen\s+|on\s+top\s+)?"
        rf"(?:(?P<pos>at the top|at the bottom|in the (?:middle|centre|center))\s+)?"
        rf"(?:at|from)\s+(?P<at>{_TIME})(?:\s+(?:for\s+(?P<for>{_TIME})|(?:to|until)\s+(?P<to>{_TIME})))?",
        clause.strip().rstrip(".!"),
        re.IGNORECASE,
    )
    if match:
        text = _unquote(match["text"])
        start = rate.frames(seconds_of(match["at"]))
        if match["to"]:
            frames = rate.frames(seconds_of(match["to"])) - start
        else:
            frames = rate.frames(seconds_of(match["for"] or "2"))
        pos = (match["pos"] or "bottom").lower()
        position = "top" if "top" in pos else "bottom" if "bottom" in pos else "center"
        if not text:
            raise UsageError(f"no text to put on screen in {clause!r}")
        if frames < 1:
            raise UsageError(f"the text in {clause!r} would be on screen for no time")
        if start + frames > total:
            raise UsageError(
                f"{text!r} from {float(rate.seconds(start)):g} s for "
                f"{float(rate.seconds(frames)):g} s runs past the end of the "
                f"{float(rate.seconds(total)):g} s video"
            )
        return AddText(text, start, frames, position)
    # Shape, by its numbers or in words ("vertical", "square", "ready for tiktok").
    match = re.fullmatch(
        r"(?:make|change|turn|reframe)\s+(?:it|this|the video)\s+(?:into\s+|to\s+)?(?:an?\s+)?"
        rf"(\d+:\d+|{'|'.join(SHAPE_WORDS)})(?:\s+.*)?",
        lowered,
    )
    aspect = SHAPE_WORDS.get(match[1], match[1]) if match else None
    of_it = re.match(r"(?:make|change|turn|reframe)\s+(?:it|this|the video)\b", lowered)
    if aspect is None and of_it and duration_in_text(lowered) is None:
        aspect = aspect_in_text(lowered)  # "make it ready for instagram reels"
    if aspect:
        if aspect not in ASPECTS:
            raise UsageError(f"unknown aspect {aspect!r}; use one of {', '.join(ASPECTS)}")
        if aspect == request.aspect:
            raise UsageError(f"the video is already {aspect}")
        return Reframe(aspect)
    # A colour grade.
    match = _REGRADE.fullmatch(lowered)
    if match:
        grade = GRADED.get(match["look"], "")
        if grade == board.grade:
            raise UsageError(
                f"the video is already {grade}" if grade else "the video is already in colour"
            )
        return Regrade(grade)
    # Another look, for the shots a model makes from prose.
    look = asked_look(lowered) if re.match(_OF_THE_VIDEO, lowered) else ""
    if look:
        if all(s.dialect == "synthworld" for s in board.shots if s.kind == "generated"):
            raise UsageError(
                f"every shot is drawn by synthworld, which has its own look: {look!r} needs a "
                "backend that reads prompts (see `videoagent backends`); a grade it can take "
                "(black and white, sepia, vintage, film noir)"
            )
        return Restyle(look)
    # One of the cast doing something else in one shot.
    match = _REENACT.fullmatch(lowered)
    if match and _acted(match["verb"]):
        return _reenact(match, board, request)
    # One of the cast in another colour.
    match = _RECOLOUR.fullmatch(lowered)
    if match:
        return _recolour(match["who"], match["colour"], board, request)
    # Length of one shot, told apart from what it was: "make the last shot longer".
    match = re.fullmatch(
        r"(?:make\s+(?:shot\s*)?#?(?P<a>\d+)\s+(?P<way>longer|shorter)|"
        r"(?P<verb>lengthen|extend|shorten)\s+(?:shot\s*)?#?(?P<b>\d+))"
        rf"(?:\s+by\s+(?P<by>{_TIME}))?",
        lowered,
    )
    if match:
        number = _shot(match["a"] or match["b"], board)
        longer = (match["way"] or match["verb"]) in ("longer", "lengthen", "extend")
        step = rate.frames(seconds_of(match["by"]) if match["by"] else DEFAULT_STEP_SECONDS)
        frames = board.shots[number - 1].frames + (step if longer else -step)
        if frames < 1:
            raise UsageError(
                f"shot {number} is {board.shots[number - 1].frames} frames: too "
                f"short to take {step} off"
            )
        return TrimShot(number, frames)
    # Length of one shot.
    match = re.fullmatch(
        rf"(?:trim|cut|make|shorten|lengthen)\s+{_NUMBER}\s+(?:to\s+)?(?P<t>{_TIME})(?:\s+long)?",
        lowered,
    )
    if match:
        number = _shot(match[1], board)
        frames = rate.frames(seconds_of(match["t"]))
        if frames < 1:
            raise UsageError(f"shot {number} cannot be {match['t']} long")
        return TrimShot(number, frames)
    # A layer of the sound on or off.
    match = _SOUND.fullmatch(lowered)
    if match:
        said = match["gone"] or match["back"]
        return SetSound(_SOUND_LAYERS[said], on=match["on"] is not None)
    # Some seconds off the end.
    match = re.fullmatch(
        rf"(?:cut|trim|remove|drop)\s+(?:off\s+)?the\s+last\s+(?P<t>{_TIME}|second)", lowered
    )
    if match:  # "the last second" is one
        frames = total - rate.frames(seconds_of("1" if match["t"] == "second" else match["t"]))
        if frames < 1:
            raise UsageError(
                f"the video is {float(rate.seconds(total)):g} s long: "
                f"{match['t']} off leaves nothing"
            )
        return SetLength(frames, from_end=True)
    # Every shot in another setting.
    match = _ALL.fullmatch(lowered)
    if match and not aspect_in_text(lowered) and not duration_in_text(lowered):
        return RestageAll(tuple(setting_of(match["where"]).items()))
    # Length of the video.
    found = duration_in_text(lowered)
    asks_length = re.search(r"\b(longer|shorter|long|length|extend|shorten|lengthen)\b", lowered)
    if re.match(
        r"(?:make|cut|trim|extend|shorten|lengthen)\s+(?:it|this|the video)\b", lowered
    ) and (found or asks_length):
        if found is None:
            raise UsageError(f"how long should it be? say e.g. 'make it 45 seconds' ({clause!r})")
        seconds, phrase = found
        if re.search(
            rf"{re.escape(phrase)}\s+(longer|more)|longer by|by\s+{re.escape(phrase)}\s*longer",
            lowered,
        ):
            seconds = float(rate.seconds(total)) + seconds
        elif re.search(rf"{re.escape(phrase)}\s+shorter|shorter by", lowered):
            seconds = float(rate.seconds(total)) - seconds
        if not 0 < seconds <= MAX_SECONDS:
            raise UsageError(
                f"a video of {seconds:g} s is not possible (1 frame to {MAX_SECONDS:g} s)"
            )
        frames = rate.frames(seconds)
        if frames == total:
            raise UsageError(f"the video is already {seconds:g} s long")
        return SetLength(frames)
    match = re.fullmatch(rf"(?:remove|delete|drop|cut)\s+{_NUMBER}", lowered)
    if match:
        number = _shot(match[1], board)
        if len(board.shots) == 1:
            raise UsageError("the video has only one shot; removing it would leave nothing")
        return RemoveShot(number)
    match = re.fullmatch(rf"swap\s+(?:shots?\s+)?#?(\d+)\s+(?:and|with)\s+{_NUMBER}", lowered)
    if match:
        first, second = _shot(match[1], board), _shot(match[2], board)
        if first == second:
            raise UsageError(f"swapping shot {first} with itself changes nothing")
        return SwapShots(first, second)
    match = re.fullmatch(
        rf"(?:move|put)\s+{_NUMBER}\s+(?:to\s+|at\s+)?(?:the\s+)?"
        r"(?:(start|beginning|front|first|end|back|last)|(?:position\s+)?(\d+))",
        lowered,
    )
    if match:
        number = _shot(match[1], board)
        # The start and the end of what was filmed: a title card stays first, an end card last.
        filmed = [i + 1 for i, s in enumerate(board.shots) if s.kind == "generated"] or [1]
        ends = (filmed[0], filmed[-1]) if board.shots[number - 1].kind == "generated" else None
        ends = ends or (1, len(board.shots))
        to = (
            ends[0]
            if match[2] in ("start", "beginning", "front", "first")
            else ends[1]
            if match[2]
            else _shot(match[3], board)
        )
        if to == number:
            raise UsageError(f"shot {number} is already at position {to}")
        return MoveShot(number, to)
    match = re.fullmatch(
        r"add\s+(?:an?\s+)?(end|closing|title|opening)\s+card(?:\s+(?:that\s+)?(?:says|saying|reading))?\s*[:,-]?\s*(.*)",
        clause.strip().rstrip("."),
        re.IGNORECASE,
    ) or re.fullmatch(  # "put the title 'Sunday walk' at the start", "add a title: Rex"
        r"(?:add|put)\s+(?:an?\s+|the\s+)?(title)\s*(?:that\s+says\s+|saying\s+|[:,-]\s*)?"
        r"(.+?)(?:\s+(?:at|to)\s+the\s+(?:start|beginning))?",
        clause.strip().rstrip("."),
        re.IGNORECASE,
    )
    if match:
        where = "end" if match[1].lower() in ("end", "closing") else "title"
        title, _, subtitle = _unquote(match[2]).partition(" | ")
        if not title:
            raise UsageError(
                f"what should the {where} card say? e.g. 'add an end card: See you soon'"
            )
        return AddCard(where, title.strip(), subtitle.strip())
    match = re.fullmatch(
        r"(?:add|put)\s+(?P<what>(?:a|an|the|another|two|three|four|some)\s+.+?)\s+"
        r"(?:to|into|in)\s+shot\s*#?(?P<n>\d+)",
        lowered,
    )
    weather = re.fullmatch(
        r"(?:add|put)\s+(?:some\s+|a\s+|the\s+)?(?P<what>rain|snow|storm|sunset|night)\s+"
        r"(?:to|into|in)\s+shot\s*#?(?P<n>\d+)",
        lowered,
    )
    if weather:  # "add some rain to the last shot": that shot, in the rain
        number = _shot(weather["n"], board)
        if board.shots[number - 1].kind != "generated":
            raise UsageError(f"shot {number} is a text card: it has no setting to change")
        return Restage(number, tuple(setting_of(weather["what"]).items()))
    if match:  # "add a dog to the second shot": that shot again, the dog in it
        number = _shot(match["n"], board)
        if board.shots[number - 1].kind != "generated":
            raise UsageError(f"shot {number} is a text card: nothing can be added to its picture")
        if not parse(match["what"]).spec.entities:
            raise UsageError(f"{match['what']!r} names nothing synthworld or a model could add")
        return AddToShot(number, match["what"])
    match = re.fullmatch(
        r"add\s+(?:a|another|one more)\s+(?:scene|shot)\s+(?:where|of|with|in which)\s+(.+)",
        lowered,
    )
    if match:
        described = match[1].strip()
        placed = _SCENE_PLACE.search(described)
        if placed:
            described = described[: placed.start()].strip()
        return AddScene(described, first=bool(placed) and placed[1] != "end")
    match = re.fullmatch(
        rf"(?:replace|redo|change)\s+{_NUMBER}\s+(?:with|to|so that|so)\s+(.+)", lowered
    )
    if match:
        number = _shot(match[1], board)
        if board.shots[number - 1].kind != "generated":
            raise UsageError(
                f"shot {number} is a text card; change its text with 'add an end card: …'"
            )
        return ReplaceShot(number, match[2].strip())
    match = re.fullmatch(r"make\s+shot\s*#?(\d+)\s+(.+)", lowered)
    if match:
        number = _shot(match[1], board)
        if board.shots[number - 1].kind != "generated":
            raise UsageError(f"shot {number} is a text card: it has no setting to change")
        return Restage(number, tuple(setting_of(match[2]).items()))
    _by_what_it_shows(lowered, board, strict=True)  # a shot named that none or several show
    raise UnclearRequest(f"could not understand the edit {clause!r}; I can do: {CAN_DO}")


def _acted(verb: str) -> str | None:
    """The action a verb of an edit says ("gallop": run, "relax": sit), if any."""
    said = vocab.ACTION_SYNONYMS.get(verb) or vocab.ACTION_SYNONYMS.get(third_person(verb))
    if said is None and verb in ("wave", "waves"):
        said = "wave"
    if said is None and verb in vocab.STILL_WORDS:
        said = "sit"
    if said is None and verb in vocab.STANDING_WORDS:
        said = "stand"
    return said


def _reenact(match: re.Match, board: Storyboard, request: Request) -> Reenact:
    """`match` of `_REENACT` as an operation, checked: the shot films its cast member, who
    can do that alone (a chase or a meeting needs a new scene); UsageError saying why not."""
    number, verb, who = _shot(match["n"], board), match["verb"], match["who"]
    shot = board.shots[number - 1]
    if shot.kind != "generated":
        raise UsageError(f"shot {number} is a text card: no one in it can {verb}")
    ident, kind, _ = _cast_member(who, board, request, f"to {verb}")
    if ident not in shot.cast:
        where = [str(i + 1) for i, s in enumerate(board.shots) if ident in s.cast]
        raise UsageError(f"{who} is not in shot {number}; it is in shots {', '.join(where)}")
    action = _acted(verb)
    if action == "sit" and kind not in vocab.ACTIONS["sit"]:
        action = "stand"  # keeping still, as a horse sleeps: on its feet
    if action in ("meet", "hug", "chase", "give", "hold", "ride", "cycle"):
        raise UsageError(
            f"to {verb} needs someone or something to {verb}: say it as a new idea for the "
            f"shot, e.g. 'replace shot {number} with {who} {third_person(verb)} …'"
        )
    if kind not in vocab.ACTIONS[action]:
        raise UsageError(f"a {kind} cannot {verb} in synthworld")
    entities = (shot.scene or {}).get("entities", [])
    at = shot.cast.index(ident)
    if at < len(entities) and entities[at]["action"] == action:
        raise UsageError(f"{who} already {third_person(verb)} in shot {number}")
    return Reenact(number, ident, who, action, verb)


def _recolour(who: str, colour: str, board: Storyboard, request: Request) -> Recolour:
    """The cast member `who` names ("the girl", "the grey dog", "her friend") in `colour`;
    UsageError naming it where no one, or more than one, is."""
    ident, _, was = _cast_member(who, board, request, "to colour", colour=colour)
    if was == colour:
        raise UsageError(f"{who} is already {colour}")
    return Recolour(ident, who, colour, was)


def _cast_member(
    who: str, board: Storyboard, request: Request, doing: str, *, colour: str = ""
) -> tuple[str, str, str]:
    """(bible id, kind, colour) of the one cast member `who` names; UsageError naming who
    could be meant where no one, or more than one, is (`doing`: what for, "to colour")."""
    words = [w for w in who.split()[1:] if w not in _WORN]  # past "the"; "the girl's shirt"
    if not words:
        raise UsageError(f"whose {who.split()[-1]}? say e.g. 'make the girl's shirt red'")
    named_colour = next((w for w in words if w in vocab.COLOURS), None)
    noun = words[-1].removesuffix("'s")
    kind = vocab.KIND_SYNONYMS.get(noun, noun)
    cast = _cast_seen(board)
    if noun in ("friend", "buddy", "pal"):
        found = [(i, k, c) for i, k, c in cast if "companion" in i or i.endswith("-2")]
    else:
        found = [(i, k, c) for i, k, c in cast if k == kind and named_colour in (None, c)]
    brief = make_brief(request)
    lead = brief.subject_kind
    if len(found) > 1 and lead in [i for i, _, _ in found] and noun in request.text.lower():
        # "the girl" of "a girl buys a coffee" is the lead; "the boy" of "a mom and her
        # little boy" is not: the one the request names after her
        said = lead_of(brief.subject).lower().split()
        is_lead = bool(said) and singular(said[-1]) == singular(noun)
        found = [f for f in found if (f[0] == lead) == is_lead]
    if not found:
        seen = ", ".join(f"the {c} {k}" for _, k, c in cast) or "no one"
        raise UsageError(f"no one in the video is {who!r} {doing}; it has {seen}")
    if len(found) > 1:
        seen = " or ".join(f"'the {c} {k}'" for _, k, c in found)
        _, kind, was = next((f for f in found if f[2] != colour), found[0])
        example = f"make the {was} {kind} {colour}" if colour else f"the {was} {kind}"
        raise UsageError(f"{who!r} could be {seen}: say which, e.g. '{example}'")
    return found[0]


def _cast_seen(board: Storyboard) -> list[tuple[str, str, str]]:
    """(bible id, kind, colour) of each cast member the generated shots stage, in order."""
    seen: dict[str, tuple[str, str, str]] = {}
    for shot in board.shots:
        entities = (shot.scene or {}).get("entities", []) if shot.kind == "generated" else []
        for ident, entity in zip(shot.cast, entities, strict=False):
            if entity["kind"] != "placeholder":
                seen.setdefault(ident, (ident, entity["kind"], entity["colour"]))
    return list(seen.values())


def parse_edit(text: str, board: Storyboard, request: Request) -> list[Operation]:
    """The operations an edit request asks for, checked against this project; several may
    be joined with ';' or ', then'."""
    clauses = [c for c in re.split(r";|,?\s+then\s+", text or "") if c.strip()]
    if not clauses:
        raise UsageError("the edit request is empty")
    return [parse_clause(clause, board, request) for clause in clauses]
