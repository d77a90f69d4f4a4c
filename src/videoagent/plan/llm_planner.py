"""The LLM planner: a language model proposes the shots; our code checks and stages them.

The model writes beats, captions, lengths and framing, and how the cast looks (kept to the
colours they are drawn in). Deterministic code validates (no shot longer than a backend can
make), stages each beat into a scene with the bible's cast, allocates exact frames (the
lengths are shares of the target, scaled to fit it), and adds the mode's cards. Any failure
falls back to the offline planner, with a warning that says why.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError
from videoagent.llm.client import ChatClient
from videoagent.llm.prompts import prompt
from videoagent.plan.bible import Bible, BibleEntity
from videoagent.plan.brief import Brief
from videoagent.plan.journey import arriving
from videoagent.plan.modes import MODES
from videoagent.plan.offline_planner import (
    finish_storyboard,
    generated_shot,
    plan_offline,
)
from videoagent.plan.request import Request
from videoagent.plan.staging import left_out_notes, stage
from videoagent.plan.story_time import story_time
from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse


class LLMShot(BaseModel):
    beat: str = Field(min_length=2, max_length=200)
    caption: str = Field(min_length=2, max_length=300)
    seconds: float = Field(gt=0, le=600)  # a share of the video: scaled to fit it
    shot_size: str = "medium"
    camera: str = "static"


class LLMCastMember(BaseModel):
    kind: str
    looks: str = Field(min_length=2, max_length=160)  # for the prompts of every shot


class LLMPlan(BaseModel):
    shots: list[LLMShot] = Field(min_length=1, max_length=24)
    cast: list[LLMCastMember] = Field(default_factory=list, max_length=8)


def schema() -> dict:
    return {
        "type": "object",
        "properties": {
            "shots": {
                "type": "array",
                "minItems": 1,
                "maxItems": 24,
                "items": {
                    "type": "object",
                    "properties": {
                        "beat": {"type": "string"},
                        "caption": {"type": "string"},
                        "seconds": {"type": "number"},
                        "shot_size": {"enum": list(vocab.SHOT_SIZES)},
                        "camera": {"enum": list(vocab.CAMERAS)},
                    },
                    "required": ["beat", "caption", "seconds", "shot_size", "camera"],
                },
            },
            "cast": {
                "type": "array",
                "maxItems": 8,
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"enum": list(vocab.CREATURES)},
                        "looks": {"type": "string", "minLength": 12, "maxLength": 120},
                    },
                    "required": ["kind", "looks"],
                },
            },
        },
        "required": ["shots", "cast"],
    }


MIN_SHOT_SECONDS = 1.0


def _validator(target_seconds: float, longest: float, subject: str, unshowable: list[str]):
    """The checks a proposal must pass, each failure said so that the model can mend it.
    `unshowable`: what the request names that the world cannot draw; the shots must keep
    it, so that it is said not shown rather than quietly left out."""

    def validate(value: object) -> LLMPlan:
        try:
            plan = LLMPlan.model_validate(value)
        except ValidationError as exc:
            raise PlanError(
                f"does not match the schema: {exc.errors()[0]['msg']} at "
                f"{'.'.join(map(str, exc.errors()[0]['loc']))}"
            ) from exc
        for number, shot in enumerate(plan.shots, 1):
            for field in ("beat", "caption"):
                if len(_words(getattr(shot, field))) < 2:
                    raise PlanError(
                        f"shot {number}'s {field} {getattr(shot, field)!r} says nothing: "
                        "write what happens, in words"
                    )
        beats = [" ".join(_words(shot.beat)) for shot in plan.shots]
        if len(beats) > 2 and len(set(beats)) == 1:
            raise PlanError("every shot has the same beat: tell the request's events in turn")
        mentioned = {word for shot in plan.shots for word in _words(f"{shot.beat} {shot.caption}")}
        named = _words(subject)[-1:]  # "a brown dog" → "dog"
        undrawn = {word for thing in unshowable for word in _words(thing)}  # said just below
        if named and named[0] not in mentioned and named[0] not in undrawn:
            raise PlanError(f"no shot shows the {named[0]} the request is about")
        left_out = [thing for thing in unshowable if not set(_words(thing)) <= mentioned]
        if left_out:
            raise PlanError(
                f"the request asks for {', '.join(left_out)}: name it in the shots where it is"
            )
        # Lengths are shares: scaled to the target (small models cannot add up reliably).
        scale = target_seconds / sum(shot.seconds for shot in plan.shots)
        too_long = [
            i + 1 for i, shot in enumerate(plan.shots) if shot.seconds * scale > longest + 0.05
        ]
        if too_long:
            raise PlanError(
                f"shot(s) {', '.join(map(str, too_long))} would be longer than {longest:g} s "
                f"of the {target_seconds:g} s; use more shots"
            )
        if min(shot.seconds for shot in plan.shots) * scale < MIN_SHOT_SECONDS:
            raise PlanError(
                f"{len(plan.shots)} shots are too many for {target_seconds:g} s: some would "
                f"last under {MIN_SHOT_SECONDS:g} s"
            )
        return plan

    return validate


def fitting_looks(member: LLMCastMember, entity: BibleEntity) -> bool:
    """Whether a cast member's looks may describe `entity` in every prompt: they say what it
    is, keep the colour it is drawn in (other colours may be its things') and say nothing
    it does (every shot's prompt says that). Looks that do not are left unused and the plan
    kept: the packaged model writes "brown dog, walking on a sidewalk, sniffing around"."""
    words = _words(member.looks)
    names_it = any(vocab.KIND_SYNONYMS.get(w, w) == member.kind for w in words)
    acts = any(w in vocab.ACTION_SYNONYMS for w in words)
    colour_kept = entity.colour not in vocab.COLOURS or entity.colour in words
    return names_it and colour_kept and not acts


def cast_colours(bible: Bible) -> str:
    """The colours the cast is drawn in, for the planner's prompt: "dog: brown; cat: black"."""
    seen = {}
    for entity in bible.entities.values():
        if entity.kind in vocab.CREATURES:
            seen.setdefault(entity.kind, entity.colour)
    return "; ".join(f"{kind}: {colour}" for kind, colour in seen.items()) or "none"


def _words(text: str) -> list[str]:
    """The lower-case words of `text` (runs of letters)."""
    return re.findall(r"[a-z]+", text.lower())


def plan_with_llm(
    request: Request,
    brief: Brief,
    bible: Bible,
    *,
    client: ChatClient,
    max_shot_seconds: float = 120.0,
) -> tuple[Storyboard, list[str]]:
    """A storyboard proposed by the LLM behind `client`, or the offline one with a warning. No
    shot may be longer than `max_shot_seconds` (what the backends can make in one job)."""
    mode = MODES[request.mode]
    story_seconds = request.seconds - mode.title_card - mode.end_card
    messages = [
        {
            "role": "system",
            "content": prompt(
                "planner", longest=f"{max_shot_seconds:g}", colours=cast_colours(bible)
            ),
        },
        {
            "role": "user",
            "content": f"Request: {request.text}\nMode: {request.mode}\n"
            f"Target: {story_seconds:g} seconds in total.",
        },
    ]
    try:
        proposal = client.chat_json(
            messages,
            schema=schema(),
            validate=_validator(
                story_seconds, max_shot_seconds, brief.subject, parse(request.text).placeholders
            ),
        )
    except (PlanError, RunError) as exc:
        warning = f"LLM planner failed ({exc}); used the offline planner instead"
        board = plan_offline(
            request,
            brief,
            bible,
            max_shot_seconds=max_shot_seconds,
        )
        board.warnings.append(warning)
        return board, [warning]
    for member in proposal.cast:  # how each creature looks, said in every shot's prompt
        entity = bible.find(kind=member.kind, role="protagonist") or bible.find(kind=member.kind)
        if entity is not None and fitting_looks(member, entity):
            entity.description = member.looks.strip()
    shots = []
    here = brief.place  # where the story is: a journey moves it
    left_out: dict[str, list[str]] = {}  # by beat: what synthworld has no drawing for
    times = story_time([item.beat for item in proposal.shots], brief)
    for index, item in enumerate(proposal.shots):
        staged = stage(item.beat, brief, bible, here=here, now=times[index])
        if staged.left_out:
            left_out[item.beat] = staged.left_out
        scene = staged.scene
        if item.shot_size in vocab.SHOT_SIZES:
            scene = replace(scene, shot_size=item.shot_size)
        if item.camera in vocab.CAMERAS:
            scene = replace(scene, camera=item.camera)
        following = proposal.shots[index + 1 : index + 2]
        if not following or following[0].beat != item.beat:  # the beat's last shot
            arrived = arriving(scene, item.beat)
            if arrived is not None:
                scene, here = arrived, arrived.place
        shots.append(generated_shot(item.beat, item.caption, scene, staged.cast, staged.left_out))
    board = finish_storyboard(
        shots,
        [s.seconds for s in proposal.shots],
        request,
        brief,
        planner=f"llm ({client.model} at {client.url}; {client.usage.summary()})",
    )
    board.warnings += left_out_notes(left_out)
    return board, []
