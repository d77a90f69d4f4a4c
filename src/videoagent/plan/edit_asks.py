"""What an edit asks the video to show, added to the request's asks (`plan/asks.py`).

An edit is the user asking again: "add a scene where a cat sits on the beach" asks for a
cat, sitting, at the beach; "put SALE on screen" for the text; "make shot 2 at night" for
the night; "make this one minute" for that length instead of the one asked before. They are
kept with the request's, checked in the video the same way and shown by the same lines.
"""

from __future__ import annotations

import re

from videoagent.plan.asks import Ask, asks_in
from videoagent.plan.edit_request import (
    AddCard,
    AddScene,
    AddText,
    AddToShot,
    Operation,
    Recolour,
    Reenact,
    ReplaceShot,
    Restage,
    RestageAll,
    SetLength,
)
from videoagent.timeline.time import FrameRate

SETTING_ASKS = {"place": "place", "time_of_day": "time", "weather": "weather"}
ANY = "*"  # a dropped ask of any value of its kind


def edit_asks(operation: Operation, rate: FrameRate) -> list[Ask]:
    """The asks `operation` makes (none for a cut, a move, a trim or a reframe)."""
    if isinstance(operation, AddText):
        return [Ask("text", operation.text)]
    if isinstance(operation, AddCard):
        return [Ask("text", t) for t in (operation.title, operation.subtitle) if t]
    if isinstance(operation, AddScene | ReplaceShot):
        return asks_in(operation.description, length=False)
    if isinstance(operation, AddToShot):
        return [a for a in asks_in(operation.what, length=False) if a.kind == "entity"]
    if isinstance(operation, Restage | RestageAll):
        return [Ask(SETTING_ASKS[field], value) for field, value in operation.setting]
    if isinstance(operation, SetLength):
        return [Ask("length", f"{float(rate.seconds(operation.frames)):g} s")]
    if isinstance(operation, Recolour):
        return [Ask("entity", _kind_of(operation.who), count=1, colour=operation.colour)]
    if isinstance(operation, Reenact):
        return [Ask("action", operation.action, of=_kind_of(operation.ident))]
    return []


def edit_drops(operation: Operation) -> list[Ask]:
    """What the request asked that `operation` takes back: the brown dog made black is no
    brown dog to look for (matched whatever its count)."""
    if isinstance(operation, Recolour):
        return [Ask("entity", _kind_of(operation.who), colour=operation.was)]
    if isinstance(operation, RestageAll):  # "all at night": no sunset left to look for
        return [Ask(SETTING_ASKS[field], ANY) for field, _ in operation.setting]
    return []


def _kind_of(ident: str) -> str:
    """The kind a cast member's id names: "person" of "person", "companion-person" and
    "person-2"."""
    kind = ident.removeprefix("companion-").removeprefix("supporting-")
    return re.sub(r"-\d+$", "", kind).replace("-", " ")


def with_edit_asks(
    asks: list[dict], added: list[Ask], dropped: list[Ask] = ()
) -> tuple[list[dict], list[Ask]]:
    """The project's asks (as kept) with `added` joined, a new length replacing the old
    one and `dropped` taken out; and those that were new."""
    gone = {(a.kind, a.what, a.colour) for a in dropped}
    every = {a.kind for a in dropped if a.what == ANY}
    kept = [
        Ask(**a)
        for a in asks
        if (a["kind"], a["what"], a.get("colour")) not in gone and a["kind"] not in every
    ]
    new = [a for a in dict.fromkeys(added) if a not in kept]
    if any(a.kind == "length" for a in new):
        kept = [a for a in kept if a.kind != "length"]
    return [a.to_dict() for a in kept + new], new
