"""Context packing: a project's history in a bounded planning context.

However long the project grows, a planner sees:
  - the request and the whole bible (always),
  - the most recent shots in full (beat, caption, dense prompt, setting, cast, a keyframe),
  - older shots as one short line each with a small keyframe,
  - everything before that as chapters: one line per run of shots, and the chapters
    themselves merged pairwise once there are too many.
Sizes are counted in tokens: text at 4 characters a token, a keyframe at one token per
16×16 pixels (the usual patch size of vision models).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from videoagent.plan.storyboard import Shot, Storyboard

BUDGET_TOKENS = 4000  # the bound: fewer recent shots are kept in full to stay under it
RECENT_SHOTS = 6
SUMMARISED_SHOTS = 18
CHAPTER_SHOTS = 12
MAX_CHAPTERS = 6
LINE_CHARS = 120
FULL_KEYFRAME = (256, 144)
SMALL_KEYFRAME = (64, 36)


def tokens_of_text(text: str) -> int:
    return (len(text) + 3) // 4


def tokens_of_image(size: tuple[int, int]) -> int:
    return (size[0] // 16) * (size[1] // 16)


def _full(shot: Shot, seconds: float) -> dict:
    scene = shot.scene or {}
    return {
        "id": shot.id,
        "seconds": round(seconds, 2),
        "kind": shot.kind,
        "beat": shot.beat,
        "caption": shot.caption,
        "prompt": shot.prompt,
        "cast": shot.cast,
        "setting": {k: scene.get(k) for k in ("place", "time_of_day", "weather")},
        "framing": [shot.shot_size, shot.camera],
        "keyframe": [f"shots/{shot.id}/keyframe.png", *FULL_KEYFRAME],
    }


def _line(shot: Shot, seconds: float) -> str:
    place = (shot.scene or {}).get("place", "")
    text = f"{shot.id} {seconds:.1f}s {shot.beat}" + (f" ({place})" if place else "")
    return text[:LINE_CHARS]


def _chapter(shots: list[Shot]) -> str:
    beats = list(dict.fromkeys(s.beat for s in shots))
    text = f"{shots[0].id}..{shots[-1].id}: " + "; ".join(beats)
    return text[: LINE_CHARS - 1] + "…" if len(text) > LINE_CHARS else text


@dataclass
class Context:
    """What a planner is given about the project, and how big it is."""

    request: str
    bible: list[dict]
    recent: list[dict] = field(default_factory=list)
    older: list[str] = field(default_factory=list)  # one line per shot
    chapters: list[str] = field(default_factory=list)
    keyframes: list[tuple[str, int, int]] = field(default_factory=list)
    shots_total: int = 0
    naive_size: int = 0

    def text(self) -> str:
        return json.dumps(
            {
                "request": self.request,
                "bible": self.bible,
                "chapters": self.chapters,
                "earlier_shots": self.older,
                "recent_shots": self.recent,
            },
            ensure_ascii=False,
        )

    @property
    def size(self) -> int:
        return tokens_of_text(self.text()) + sum(
            tokens_of_image((w, h)) for _, w, h in self.keyframes
        )

    def summary(self) -> dict:
        return {
            "tokens": self.size,
            "naive_tokens": self.naive_size,
            "shots": self.shots_total,
            "recent_in_full": len(self.recent),
            "summarised": len(self.older),
            "chapters": len(self.chapters),
            "keyframes": len(self.keyframes),
        }

    @property
    def last_setting(self) -> dict:
        return self.recent[-1]["setting"] if self.recent else {}


def pack(
    request: str,
    bible: dict,
    storyboard: Storyboard | None,
    *,
    budget: int = BUDGET_TOKENS,
) -> Context:
    """The bounded context for planning the next part of a project: under `budget` tokens
    whenever the bible alone leaves room for one recent shot."""
    recent = RECENT_SHOTS
    context = _pack(request, bible, storyboard, recent)
    while context.size > budget and recent > 1:
        recent -= 1
        context = _pack(request, bible, storyboard, recent)
    return context


def _pack(request: str, bible: dict, storyboard: Storyboard | None, recent_shots: int) -> Context:
    context = Context(request, bible.get("entities", []))
    if storyboard is None:
        context.naive_size = context.size
        return context
    rate = storyboard.rate
    shots = storyboard.shots
    context.shots_total = len(shots)
    seconds = [float(rate.seconds(s.frames)) for s in shots]
    split_recent = max(len(shots) - recent_shots, 0)
    split_older = max(split_recent - SUMMARISED_SHOTS, 0)
    context.recent = [
        _full(s, t) for s, t in zip(shots[split_recent:], seconds[split_recent:], strict=True)
    ]
    context.older = [
        _line(s, t)
        for s, t in zip(
            shots[split_older:split_recent], seconds[split_older:split_recent], strict=True
        )
    ]
    chapters = [
        shots[i : min(i + CHAPTER_SHOTS, split_older)] for i in range(0, split_older, CHAPTER_SHOTS)
    ]
    while len(chapters) > MAX_CHAPTERS:  # the oldest history is merged, never dropped
        chapters = [sum(chapters[i : i + 2], []) for i in range(0, len(chapters), 2)]
    context.chapters = [_chapter(c) for c in chapters]
    context.keyframes = [(r["keyframe"][0], *FULL_KEYFRAME) for r in context.recent] + [
        (f"shots/{s.id}/keyframe.png", *SMALL_KEYFRAME) for s in shots[split_older:split_recent]
    ]
    naive = Context(
        request,
        context.bible,
        recent=[_full(s, t) for s, t in zip(shots, seconds, strict=True)],
        keyframes=[(f"shots/{s.id}/keyframe.png", *FULL_KEYFRAME) for s in shots],
    )
    context.naive_size = naive.size
    return context


def pack_context(state) -> Context:
    """The context of a project's current state (see `pack`)."""
    bible = state.bible.to_dict() if state.bible else {}
    return pack(state.request.text, bible, state.storyboard)
