"""Split a one-sentence request into its subject and its beats (what happens, in order)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from videoagent.plan.request import DURATION_PATTERN
from videoagent.synthworld import vocabulary as vocab

_PREAMBLE = re.compile(
    r"^\s*(?:please\s+)?(?:make|create|generate|produce|give me|i want|show me)?\s*"
    r"(?:an?\s+|the\s+)?(?:(?:short|quick|little|fun|cinematic|brand|product|ugc)\s+)*"
    r"(?:video|film|clip|movie|ad|advert|commercial|story|animation|reel)?\s*"
    r"(?:of|about|showing|where|in which|with|for)?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,\s*(?:and\s+)?(?:then\s+)?|;\s*|\s+and then\s+|\s+then\s+|"
    r"\s+after that\s+|\s+finally\s+)",
    re.IGNORECASE,
)
_IRREGULAR = {
    "going": "goes",
    "having": "has",
    "doing": "does",
    "being": "is",
    "lying": "lies",
    "dying": "dies",
}
_E_STEMS = (
    "mak",
    "tak",
    "hav",
    "giv",
    "danc",
    "wav",
    "chas",
    "com",
    "rid",
    "driv",
    "smil",
    "shar",
    "serv",
    "explor",
    "bak",
    "pos",
    "sav",
    "los",
    "mov",
    "arriv",
    "leav",
    "prepar",
    "us",
    "rac",
    "slid",
    "hid",
    "writ",
    "bounc",
    "liv",
)


@dataclass(frozen=True)
class Beats:
    """The subject phrase ("a dog") and the beats ("going on a walk", …)."""

    subject: str
    beats: tuple[str, ...]


def present_tense(gerund: str) -> str:
    """'sniffing' → 'sniffs', 'getting' → 'gets', 'chasing' → 'chases'."""
    word = gerund.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.endswith("ing") or len(word) < 5:
        return word
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        stem = stem[:-1]
    elif stem in _E_STEMS:
        stem += "e"
    if stem.endswith(("s", "sh", "ch", "x", "o")):
        return stem + "es"
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return stem[:-1] + "ies"
    return stem + "s"


def _subject_of(text: str) -> tuple[str, str]:
    """Split off the leading noun phrase that names a creature: ('a dog', 'going on …')."""
    words = text.split()
    kinds = {**{k: k for k in vocab.CREATURES}, **vocab.KIND_SYNONYMS}
    for i, word in enumerate(words[:6]):
        if kinds.get(word.lower().strip(",.")) in vocab.CREATURES:
            return " ".join(words[: i + 1]).strip(","), " ".join(words[i + 1 :])
    return "", text


def split_beats(text: str) -> Beats:
    """Subject and beats of a request; the duration phrase and preamble are dropped."""
    text = DURATION_PATTERN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = _PREAMBLE.sub("", text, count=1) if _PREAMBLE.match(text) else text
    subject, rest = _subject_of(text)
    rest = re.sub(r"^(?:is\s+|are\s+|who\s+|that\s+)", "", rest.strip(), flags=re.IGNORECASE)
    parts = [p.strip(" .") for p in _SPLIT.split(rest) if p and p.strip(" .")]
    if len(parts) == 1 and " and " in parts[0] and len(parts[0].split()) > 6:
        parts = [p.strip() for p in parts[0].split(" and ")]
    return Beats(subject=subject, beats=tuple(parts) or (text,))


def beat_sentence(subject: str, beat: str, *, first: bool) -> str:
    """A caption line: 'The dog goes on a walk.' (subject re-introduced only the first time)."""
    words = beat.split()
    if words and words[0].lower().endswith("ing"):
        words[0] = present_tense(words[0])
    if subject:
        noun = subject.split()[-1]
        who = subject if first else f"the {noun}"
        sentence = f"{who} {' '.join(words)}"
    else:
        sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:] + "."
