"""Whether the finished video shows each ask (`plan/asks.py`), from the best evidence a shot
has, and never "shown" without it.

- A take with ground truth (synthworld's, beside procedural takes): its frames say which
  entities are in the picture, of what kind and colour, doing what, and its scene the place,
  the time and the weather. Only the frames the timeline uses count, and an entity counts
  where at least half of it is in the picture.
- A take of our own model that kept its staging (`store/staged_file.py`: the entity model was
  told to draw each entity there) and that our recognizer reads: an entity or action counts
  where the staging has it (as many at once, at least half in the picture) and the
  recognizer sees that kind or action in the frames used where the staging has it big
  enough to read (`evaluate/staged_shares.py`); one never staged that big is "unchecked".
  The place, the time and the weather are what the recognizer reads them as. Count and
  colour come from the staging alone: the recognizer reads neither.
- The timeline itself: text on cards, overlays and burned captions; the video's length.
- Anything else (a provider's take, ours without its staging or without the recognizer)
  leaves the ask "unchecked".

A thing named that the world has no drawing for is "could not show" where a take drew a
stand-in for it, and "not shown" where none did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from videoagent.evaluate.take_reading import Reading, read_take
from videoagent.plan.asks import Ask
from videoagent.store.staged_file import read_staged
from videoagent.store.truth_file import read_truth
from videoagent.timeline.model import CardClip, Timeline, VideoClip

SEEN = 0.5  # of an entity in the picture for it to count as shown
DOING = 6  # frames an action is seen for (a quarter second at 24 fps)

STATES = ("shown", "not shown", "could not show", "unchecked")


@dataclass(frozen=True)
class AskState:
    ask: Ask
    state: str  # one of STATES
    evidence: str  # where it was seen, or why not

    def to_dict(self) -> dict:
        return {**self.ask.to_dict(), "said": self.ask.said(), "state": self.state,
                "evidence": self.evidence}  # fmt: skip


@dataclass(frozen=True)
class _Used:
    """The truth of one clip of the timeline, cut to the frames the timeline shows; for a
    staged take, the staging and what the recognizer reads in those frames."""

    shot: str
    spec: dict
    frames: list[dict]
    reading: Reading | None = None


def asks_shown(asks: list[Ask], timeline: Timeline, root: Path | None = None) -> list[AskState]:
    """Each ask's state in the video `timeline` makes (its clips' truth files beside them;
    relative sources under `root`)."""
    used, untold = [], []
    for clip in timeline.clips:
        if not isinstance(clip, VideoClip):
            continue
        source = Path(clip.source)
        path = source if source.is_absolute() or root is None else root / source
        name = clip.shot_id or source.name
        span = slice(clip.source_in, clip.source_in + clip.frames)
        truth = read_truth(path)
        if truth is not None:
            used.append(_Used(name, truth["spec"], truth["frames"][span]))
            continue
        staged = read_staged(path)
        reading = read_take(path, span) if staged is not None else None
        if reading is None:
            untold.append(name)
            continue
        used.append(_Used(name, staged["spec"], staged["frames"][span], reading))
    return [_state(ask, used, untold, timeline) for ask in asks]


def _state(ask: Ask, used: list[_Used], untold: list[str], timeline: Timeline) -> AskState:
    if ask.kind == "text":
        return _text(ask, timeline)
    if ask.kind == "length":
        seconds = float(timeline.rate.seconds(timeline.duration))
        asked = float(ask.what.removesuffix(" s"))
        close = abs(seconds - asked) <= float(timeline.rate.seconds(1))
        return AskState(ask, "shown" if close else "not shown", f"the video lasts {seconds:g} s")
    found = _found(ask, used)
    if found is not None:
        return found
    unreadable = _unreadable(ask, used)
    if unreadable:
        return AskState(
            ask,
            "unchecked",
            f"staged in {', '.join(unreadable)}, never big enough for the recognizer to read",
        )
    if untold:
        return AskState(ask, "unchecked", f"no truth to read in {', '.join(untold)}")
    return AskState(ask, "not shown", _missing(ask, used))


def _found(ask: Ask, used: list[_Used]) -> AskState | None:
    """The ask's state where some take's truth shows it (or draws a stand-in), else None."""
    for take in used:
        if ask.kind in ("place", "time", "weather"):
            key = {"place": "place", "time": "time_of_day", "weather": "weather"}[ask.kind]
            if _setting(take, key) == ask.what:
                how = "is set" if take.reading is None else "looks set"
                return AskState(ask, "shown", f"{take.shot} {how} {ask.said()}")
        elif ask.kind in ("entity", "action") and _has(take, ask):
            if take.reading is None or _read(take.reading, ask):
                return AskState(ask, "shown", f"{take.shot}{_has(take, ask)}{_by(take)}")
        elif ask.kind == "named":
            stand_ins = [e for e in take.spec.get("entities", []) if e.get("label") == ask.what]
            if stand_ins:
                return AskState(
                    ask, "could not show", f"{take.shot} draws a stand-in: no drawing for it"
                )
    return None


def _unreadable(ask: Ask, used: list[_Used]) -> list[str]:
    """The staged takes that have the ask (as many at once as asked) where the recognizer
    could not read it: never staged big enough in the picture."""
    return [
        take.shot
        for take in used
        if ask.kind in ("entity", "action")
        and take.reading is not None
        and _has(take, ask)
        and _read(take.reading, ask) is None
    ]


def _has(take: _Used, ask: Ask) -> str:
    """How the take's truth or staging has an entity or action ask (" shows 2 at once",
    ", 40 frames"), or "" where it does not have it (too few at once, too briefly)."""
    if ask.kind == "entity":
        most = max((_how_many(frame, ask) for frame in take.frames), default=0)
        return f" shows {most} at once" if most >= (ask.count or 1) else ""
    frames = sum(any(_doing(e, ask) for e in _seen(f, None)) for f in take.frames)
    aimed = ask.to is None or _aimed(take.spec, ask)
    return f", {frames} frames" if frames >= DOING and aimed else ""


def _read(reading: Reading, ask: Ask) -> bool | None:
    """Whether the recognizer sees the entity or action (None: never staged readably)."""
    return reading.sees(ask.what) if ask.kind == "entity" else reading.sees_doing(ask.what)


def _by(take: _Used) -> str:
    return "" if take.reading is None else " as staged, and the recognizer sees it"


def _seen(frame: dict, ask: Ask | None) -> list[dict]:
    """The entities at least half in the picture (of the ask's kind and colour, if given)."""
    return [
        e
        for e in frame["entities"]
        if e.get("visible", 0) >= SEEN
        and (ask is None or e["kind"] == ask.what)
        and (ask is None or ask.colour is None or e.get("colour") == ask.colour)
    ]


def _how_many(frame: dict, ask: Ask) -> int:
    """How many of the ask's kind are in the picture (a bunch of balloons is three)."""
    return sum(e.get("many", 1) for e in _seen(frame, ask))


def _doing(entity: dict, ask: Ask) -> bool:
    return entity["kind"] == ask.of and entity.get("action") == ask.what


def _aimed(spec: dict, ask: Ask) -> bool:
    """Whether the scene has an entity of kind `of` doing the action to one of kind `to`."""
    entities = spec.get("entities", [])
    return any(
        e["kind"] == ask.of
        and e.get("action") == ask.what
        and e.get("target") is not None
        and entities[e["target"]]["kind"] == ask.to
        for e in entities
    )


def _missing(ask: Ask, used: list[_Used]) -> str:
    if ask.kind == "entity":
        most = max((_how_many(f, ask) for take in used for f in take.frames), default=0)
        unseen = [t.shot for t in used if t.reading is not None and not t.reading.sees(ask.what)]
        if most >= (ask.count or 1) and unseen:
            return f"staged, but the recognizer does not see it in {', '.join(unseen)}"
        return f"at most {most} seen at once"
    if ask.kind in ("place", "time", "weather"):
        key = {"place": "place", "time": "time_of_day", "weather": "weather"}[ask.kind]
        seen = sorted(set(filter(None, (_setting(take, key) for take in used))))
        return f"the shots show {', '.join(seen) or 'none'}"
    if ask.kind == "action":
        unseen = [
            f"{t.shot} ({t.reading.actions[ask.what]:.0%} of its frames)"
            for t in used
            if t.reading is not None and t.reading.sees_doing(ask.what) is False
        ]
        if unseen:
            return f"staged, but the recognizer reads it only in {', '.join(unseen)}"
    return "no shot shows it"


def _setting(take: _Used, key: str) -> str | None:
    """The take's place, time of day or weather: its truth's, or as the recognizer reads it."""
    return take.spec.get(key) if take.reading is None else take.reading.setting[key]


def _text(ask: Ask, timeline: Timeline) -> AskState:
    wanted = ask.what.casefold()
    for clip in timeline.clips:
        if isinstance(clip, CardClip) and wanted in f"{clip.title} {clip.subtitle}".casefold():
            return AskState(ask, "shown", f"on the card {clip.title!r}")
    for overlay in timeline.overlays:
        if wanted in overlay.text.casefold():
            return AskState(ask, "shown", f"on screen from frame {overlay.start}")
    return AskState(ask, "not shown", "no card, text or caption holds it")


def no_longer_shown(before: list[dict], now: list[dict]) -> list[str]:
    """The asks (in words) shown in the video `before` and not in the one `now` (an edit
    that removed the only shot showing one)."""
    was = {b["said"] for b in before if b.get("state") == "shown"}
    return [n["said"] for n in now if n["state"] != "shown" and n["said"] in was]


def asks_line(states: list[dict]) -> str:
    """ "5 of 6 asks shown; not shown: two brown dogs" from the states as the manifest keeps
    them (`AskState.to_dict`); "" when there are none."""
    if not states:
        return ""
    shown = sum(s["state"] == "shown" for s in states)
    parts = [f"{shown} of {len(states)} asks shown"]
    for state in ("not shown", "could not show", "unchecked"):
        named = [s["said"] for s in states if s["state"] == state]
        if named:
            parts.append(f"{state}: {', '.join(named)}")
    return "; ".join(parts)
