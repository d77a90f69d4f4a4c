"""What an "it" (or "them") something is done to stands for: the thing named last before it.

"A girl buys a coffee, then she drinks it": the coffee is in the second shot too; "a boy
finds a red ball, then kicks it": the red ball. An "it" that does something ("it runs") or
is the weather ("it starts to rain") is no thing done to, and stays as written. In a story
about a creature, a "she" or "he" who does something is the person named before ("a dog
waits for its owner, then jumps with joy when she arrives": the owner is there).
"""

from __future__ import annotations

import re

from videoagent.plan.beats import opens_with_another
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse

# After these, "it" opens a clause of its own ("and it runs"): it does, not is done to.
_CLAUSE_WORDS = {"and", "then", "but", "when", "as", "while", "so", "because", "until", "if"}
_IT = re.compile(r"\b(?:it|them)\b(?!'s)", re.IGNORECASE)  # "drinks it", "tries them on"
_SHE = re.compile(r"\b(?:she|he)\b", re.IGNORECASE)  # "when she arrives"


def with_referents(beat: str, before: list[str], lead_kind: str | None) -> str:
    """`beat` with each "it" something is done to written as what it stands for ("drinks
    the cup"), found in `beat` before it, else in the beats `before` it (nearest
    first); the lead is never it. Unchanged where nothing was named."""
    out, last = [], 0
    for match in _IT.finditer(beat):
        preceding = beat[: match.start()].split()
        if not preceding or preceding[-1].lower().strip(",") in _CLAUSE_WORDS:
            continue
        if preceding[-1].endswith((",", ";")):
            continue
        thing = _last_thing(" ".join(preceding), lead_kind, doer=True)
        for earlier in reversed(before):
            thing = thing or _last_thing(earlier, lead_kind)
        if thing:
            out += [beat[last : match.start()], thing]
            last = match.end()
    return _people(("".join(out) + beat[last:]), before, lead_kind)


def _people(beat: str, before: list[str], lead_kind: str | None) -> str:
    """`beat` with a "she" or "he" who does something written as the person named last
    before, where the lead is no person (a person's "she" is most often the lead)."""
    if lead_kind in (None, "person"):
        return beat
    # Named, though perhaps not drawn there ("waits for its owner": she is not there yet).
    words = re.findall(r"[a-z]+", " ".join(before).lower())
    if not any(vocab.KIND_SYNONYMS.get(word, word) == "person" for word in words):
        return beat
    return _SHE.sub("the person", beat)


def _last_thing(text: str, lead_kind: str | None, *, doer: bool = False) -> str:
    """ "the ball" of the last thing `text` names other than the lead, and other than who
    does it where `text` opens an unfinished clause with them (`doer`: "a woman picks" is
    not picking herself up); "" if none."""
    named = list(parse(text).spec.entities)
    if doer and opens_with_another("", text):
        named = named[1:]
    named = [e for e in named if e.kind != lead_kind]
    if not named:
        return ""
    thing = named[-1]
    return f"the {thing.label if thing.kind == 'placeholder' else thing.kind}"
