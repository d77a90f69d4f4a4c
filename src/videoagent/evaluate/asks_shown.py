"""Whether the finished video shows each ask (`plan/asks.py`), from the best evidence a shot
has, and never "shown" without it.

- A take with ground truth (synthworld's, beside procedural takes): its frames say which
  entities are in the picture, of what kind and colour, doing what, and its scene the place,
  the time and the weather. Only the frames the timeline uses count, and an entity counts
  where at least half of it is in the picture.
- The timeline itself: text on cards, overlays and burned captions; the video's length.
- Anything else (a take without truth: a model's, a provider's) leaves the ask "unchecked".

A thing named that the world has no drawing for is "could not show" where a take drew a
stand-in for it, and "not shown" where none did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from videoagent.plan.asks import Ask
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
    """The truth of one clip of the timeline, cut to the frames the timeline shows."""

    shot: str
    spec: dict
    frames: list[dict]


def asks_shown(asks: list[Ask], timeline: Timeline, root: Path | None = None) -> list[AskState]:
    """Each ask's state in the video `timeline` makes (its clips' truth files beside them;
    relative sources under `root`)."""
    used, untold = [], []
    for clip in timeline.clips:
        if not isinstance(clip, VideoClip):
            continue
        source = Path(clip.source)
        truth = read_truth(source if source.is_absolute() or root is None else root / source)
        if truth is None:
            untold.append(clip.shot_id or source.name)
            continue
        shown = truth["frames"][clip.source_in : clip.source_in + clip.frames]
        used.append(_Used(clip.shot_id or source.name, truth["spec"], shown))
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
    if untold:
        return AskState(ask, "unchecked", f"no truth to read in {', '.join(untold)}")
    return AskState(ask, "not shown", _missing(ask, used))


def _found(ask: Ask, used: list[_Used]) -> AskState | None:
    """The ask's state where some take's truth shows it (or draws a stand-in), else None."""
    for take in used:
        if ask.kind in ("place", "time", "weather"):
            key = {"place": "place", "time": "time_of_day", "weather": "weather"}[ask.kind]
            if take.spec.get(key) == ask.what:
                return AskState(ask, "shown", f"{take.shot} is set {ask.said()}")
        elif ask.kind == "entity":
            most = max((len(_seen(frame, ask)) for frame in take.frames), default=0)
            if most >= (ask.count or 1):
                return AskState(ask, "shown", f"{take.shot} shows {most} at once")
        elif ask.kind == "action":
            frames = sum(any(_doing(e, ask) for e in _seen(f, None)) for f in take.frames)
            aimed = ask.to is None or _aimed(take.spec, ask)
            if frames >= DOING and aimed:
                return AskState(ask, "shown", f"{take.shot}, {frames} frames")
        elif ask.kind == "named":
            stand_ins = [e for e in take.spec.get("entities", []) if e.get("label") == ask.what]
            if stand_ins:
                return AskState(
                    ask, "could not show", f"{take.shot} draws a stand-in: no drawing for it"
                )
    return None


def _seen(frame: dict, ask: Ask | None) -> list[dict]:
    """The entities at least half in the picture (of the ask's kind and colour, if given)."""
    return [
        e
        for e in frame["entities"]
        if e.get("visible", 0) >= SEEN
        and (ask is None or e["kind"] == ask.what)
        and (ask is None or ask.colour is None or e.get("colour") == ask.colour)
    ]


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
        most = max((len(_seen(f, ask)) for take in used for f in take.frames), default=0)
        return f"at most {most} seen at once"
    if ask.kind in ("place", "time", "weather"):
        key = {"place": "place", "time": "time_of_day", "weather": "weather"}[ask.kind]
        seen = sorted({take.spec.get(key) for take in used if take.spec.get(key)})
        return f"the shots show {', '.join(seen) or 'none'}"
    return "no shot shows it"


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
