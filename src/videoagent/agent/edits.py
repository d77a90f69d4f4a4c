"""Carrying out edit operations on a project.

Each operation is routed to a deterministic tool (the timeline changes; every take is
reused) or to generation (new or replaced shots get new takes); the route is returned for
the journal. Order, length, joins, text and new footage are edits of the project's
timeline (`timeline/edits.py`) adopted as the plan; a shot's content (a new idea, a new
seed) and the frame shape are changed on the storyboard, the plan of what each shot is.
Transitions belong to the joins between positions, not to shots, so moving a shot keeps
the rhythm of the cut; a take without handle frames for a new neighbour holds its edge
frame under the transition instead of being regenerated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from videoagent.agent.adopt import adopt, adopt_text, continuity_notes, fit_overlays
from videoagent.agent.assemble import sketch_timeline
from videoagent.agent.planning import reference_counter, write_prompts
from videoagent.agent.routing import longest_shot
from videoagent.errors import UsageError
from videoagent.llm.endpoint import chat_client
from videoagent.memory.context import pack_context
from videoagent.memory.continuation import (
    continuation_beats,
    continuation_count,
    plan_continuation,
)
from videoagent.plan.beats import third_person
from videoagent.plan.continuity import arrive_where_carried
from videoagent.plan.edit_request import (
    AddCard,
    AddScene,
    AddText,
    AddToShot,
    MoveShot,
    Operation,
    Recolour,
    Reenact,
    Reframe,
    Regrade,
    RemoveShot,
    ReplaceShot,
    Restage,
    RestageAll,
    Restyle,
    SetLength,
    SetSound,
    SwapShots,
    TrimShot,
)
from videoagent.plan.modes import MODES
from videoagent.plan.narration import narrates
from videoagent.plan.offline_planner import card_shot, shot_seed
from videoagent.plan.place_names import name_places
from videoagent.plan.request import frame_size
from videoagent.plan.staging import OTHER_COLOURS, cast_member, left_out_notes, stage
from videoagent.plan.storyboard import Shot, Storyboard
from videoagent.store.takes import TakeStore
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.spec import EntitySpec
from videoagent.timeline import edits as picture
from videoagent.timeline.model import (
    CUT,
    CardClip,
    TextOverlay,
    Timeline,
    Transition,
    VideoClip,
)
from videoagent.timeline.otio_io import picture_of

MIN_SHOT_SECONDS = 1.0
SOUND_LAYER_NAMES = {
    "music": "the music",
    "ambience": "the ambience",
    "effects": "the sound effects",
    "narrate": "the narration",
}


def _mode_join(board: Storyboard) -> Transition:
    """How the mode enters a shot added by an edit."""
    mode = MODES[board.mode]
    if mode.transition == "cut":
        return CUT
    return Transition(mode.transition, board.rate.frames(mode.transition_seconds))


def _new_shots(state, shots: list[Shot]) -> list[str]:
    """Number, seed and prompt new generated shots, and put them in the timeline (before
    any closing card), entered the mode's way; their takes are made by the shooting stage.
    Returns their ids."""
    board = state.storyboard
    at = len(board.shots)
    while at > 1 and board.shots[at - 1].kind == "card":
        at -= 1
    for shot in shots:
        shot.id = board.next_id(taken=[s.id for s in shots if s.id])
        shot.seed = shot_seed(state.request.seed, shot.number)
    footage = [VideoClip("", shot.frames, shot_id=shot.id, name=shot.beat) for shot in shots]
    board, _ = _edit_picture(
        state, lambda t: picture.insert(t, at, footage, _mode_join(board)), new=shots
    )
    write_prompts(
        board,
        state.pool,
        style=state.brief.style,
        bible=state.bible,
        references=reference_counter(state, board),
    )
    return [shot.id for shot in shots]


def _grow(state, frames: int, beats: list[str] | None, emit, llm) -> tuple[str, str, dict]:
    """New shots for `frames` more frames, planned from the packed context: by the LLM when
    one is configured (`llm` = (url, model)), else offline."""
    context = pack_context(state)
    planner = "offline"
    if beats is None:
        seconds = float(state.request.rate.seconds(frames))
        count = continuation_count(seconds)
        beats = continuation_beats(context, state.brief, count)
        if llm:
            from videoagent.memory.llm_continuation import beats_from_llm

            beats, warnings = beats_from_llm(
                context, count, seconds, client=chat_client(llm[0], model=llm[1]), fallback=beats
            )
            planner = "offline (LLM failed)" if warnings else f"llm at {llm[0]}"
            for warning in warnings:
                emit("storyboard", "warning", warning)
    emit(
        "storyboard",
        "progress",
        f"planning context {context.size} tokens "
        f"(everything in full would be {context.naive_size}); planner: {planner}",
        context=context.summary(),
        planner=planner,
    )
    shots, notes = plan_continuation(
        context,
        state.brief,
        state.bible,
        frames=frames,
        fps=float(state.request.rate.fps),
        beats=beats,
        max_shot_seconds=longest_shot(state.pool),
    )
    for note in notes:
        emit("storyboard", "warning", note)
    ids = _new_shots(state, shots)
    cast = sorted({c for s in shots for c in s.cast})
    return (
        "generation",
        f"{len(ids)} new shot(s) {', '.join(ids)}: "
        + "; ".join(s.beat for s in shots)
        + f" — cast from the bible: {', '.join(cast)}",
        {"shots": ids, "context": context.summary()},
    )


def shorten(state, frames: int, *, from_end: bool = False) -> tuple[str, str, dict]:
    """Take `frames` frames off: every shot trimmed by its share, a shot going whole only
    where that is not enough (timeline/edits.py), or (`from_end`) the last `frames` of
    footage. Cards and takes stay as they are; nothing is regenerated."""
    before = {shot.id: shot.frames for shot in state.storyboard.shots}
    shortest = state.storyboard.rate.frames(MIN_SHOT_SECONDS)
    board, notes = _edit_picture(
        state, lambda t: picture.shorten(t, frames, shortest=shortest, from_end=from_end)
    )
    after = {shot.id: shot.frames for shot in board.shots}
    removed = [sid for sid in before if sid not in after]
    trimmed = [sid for sid in after if after[sid] != before[sid]]
    message = (
        f"shortened to {board.target_frames} frames: trimmed {', '.join(trimmed) or 'nothing'}, "
        f"removed {', '.join(removed) or 'nothing'}"
    )
    return "tool: trim", "; ".join([message, *notes]), {"trimmed": trimmed, "removed": removed}


def _edit_picture(
    state, change: Callable[[Timeline], Timeline], *, new: list[Shot] = ()
) -> tuple[Storyboard, list[str]]:
    """`change` made to the project's timeline, and the result adopted as the plan, with the
    specs of the `new` shots whose clips it adds: the new storyboard, and what happened to
    shots that continued the one before and to text past a new end."""
    before = state.storyboard
    edited = change(sketch_timeline(before))
    board, _ = adopt(picture_of(edited), replace(before, shots=[*before.shots, *new]))
    state.storyboard = board
    write_missing_prompts(state)  # the new shots', and any whose journey changed
    return board, [*continuity_notes(before.shots, board.shots), *fit_overlays(board)]


def _edit_text(state, change: Callable[[Timeline], Timeline]) -> None:
    """`change` made to the text over the project's timeline, adopted as the plan's."""
    edited = change(sketch_timeline(state.storyboard))
    state.storyboard, _ = adopt_text(edited.overlays, state.storyboard)


def _lengthen_past_take(state, index: int, frames: int) -> tuple[str, str, dict]:
    """Shot `index` made longer than its take holds: it is shot again at the new length."""
    shot = state.storyboard.shots[index]
    old = shot.frames
    needs_new_take(shot)  # of the new length
    _, notes = _edit_picture(state, lambda t: picture.trim(t, index, frames))
    return (
        "generation",
        "; ".join([f"{shot.id}: {old} → {frames} frames", *notes]),
        {"shot": shot.id},
    )


def needs_new_take(shot: Shot) -> None:
    """`shot` no longer cut from the take it had: its next take is generated."""
    shot.source_frames = shot.source_in = 0
    shot.source_size = []


def shot_to_regenerate(board: Storyboard, number: int, prompt: str | None) -> Shot:
    """Shot `number` (from 1) of `board`, or UsageError when it cannot be made again."""
    if not 1 <= number <= len(board.shots):
        raise UsageError(f"shot {number} does not exist; the video has shots 1-{len(board.shots)}")
    shot = board.shots[number - 1]
    if shot.kind != "generated":
        raise UsageError(f"shot {number} is a text card; change it with `videoagent edit`")
    if prompt is not None and not prompt.strip():
        raise UsageError("--prompt is empty")
    return shot


def replace_shot_content(state, shot: Shot, prompt: str | None, *, store: TakeStore) -> str:
    """A new seed (no prompt) or a new idea for one shot; its next take is generated in
    the project's current shape."""
    needs_new_take(shot)
    if prompt is None:
        # Past every seed this shot has used, retries included.
        shot.seed = max([t.record["seed"] for t in store.all_for(shot.id)] + [shot.seed]) + 1
        return f"{shot.id}: new seed {shot.seed}"
    staged = stage(prompt, state.brief, state.bible)
    shot.beat = prompt
    shot.caption = prompt[:1].upper() + prompt[1:].rstrip(".") + "."
    shot.scene = staged.scene.to_dict()
    shot.cast = staged.cast
    shot.shot_size, shot.camera = staged.scene.shot_size, staged.scene.camera
    shot.left_out = list(staged.left_out)
    _rewrite_prompt(state, shot)
    said = left_out_notes({prompt: staged.left_out} if staged.left_out else {})
    return f"{shot.id}: new idea {prompt!r} → {shot.prompt!r}" + "".join(f"; {n}" for n in said)


def restage_shot(state, shot: Shot, setting: dict[str, str]) -> str:
    """The same shot (cast, action, framing, caption) in another time of day, weather or
    place (a shot that carries on a take elsewhere arrives there); its next take is
    generated."""
    needs_new_take(shot)
    shot.scene = {**shot.scene, **setting}
    if "place" in setting:  # all of it there, unless it carries on a take from elsewhere
        shot.scene.pop("arrives_from", None)
        arrive_where_carried(state.storyboard.shots)
    said = ", ".join(setting.values())
    # The beat notes this restage's setting (an earlier one's note goes; its scene stays).
    shot.beat = re.sub(r" \([^()]*\)$", "", shot.beat) + f" ({said})"
    _rewrite_prompt(state, shot)
    return f"{shot.id}: now {said} → {shot.prompt!r}"


def recolour_cast_member(state, who: str, colour: str) -> tuple[str, list[str]]:
    """Bible entity `who` in `colour`, in every generated shot it is in, whose next take is
    generated: what changed in words, and those shots."""
    entity = state.bible.entities[who]
    was, entity.colour = entity.colour, colour
    entity.description = re.sub(rf"\b{re.escape(was)}\b", colour, entity.description)
    dropped = entity.references  # pictures of it in its old colour
    entity.references, entity.palette = [], []
    changed = []
    for shot in state.storyboard.shots:
        if shot.kind != "generated" or who not in shot.cast:
            continue
        entities = shot.scene["entities"]
        at = shot.cast.index(who)
        if at < len(entities):
            entities[at] = {**entities[at], "colour": colour}
        needs_new_take(shot)
        shot.prompt = ""
        changed.append(shot.id)
    write_missing_prompts(state)
    said = f"{who}: {was} → {colour} in {', '.join(changed) or 'no shot'}"
    if dropped:
        said += f"; its reference images ({', '.join(dropped)}) no longer shape it"
    return said, changed


def add_to_shot(state, shot: Shot, what: str) -> str:
    """`what` ("a dog", "two red balls") put into `shot` as it is, a new take of it made: a
    creature goes about as the shot's lead does where it can, a thing stands by; one of a
    kind the shot has already is another colour unless a colour is said."""
    scene = shot.scene_spec
    entities, cast = list(scene.entities), list(shot.cast)
    doing = entities[0].action if entities else "stand"
    coloured = any(word in vocab.COLOURS for word in what.lower().split())
    for entity in parse(what).spec.entities:
        taken = {e.colour for e in entities if e.kind == entity.kind}
        colour = entity.colour
        if colour in taken and not coloured:
            colour = next((c for c in OTHER_COLOURS if c not in taken), colour)
        creature = entity.kind in vocab.CREATURES
        action = doing if creature and entity.kind in vocab.ACTIONS.get(doing, ()) else "stand"
        role = "supporting" if creature else "prop"
        looks = f"{colour} {entity.kind}" if entity.kind != "placeholder" else entity.label
        member = cast_member(state.bible, entity.kind, colour, role, f"a {looks}")
        entities.append(EntitySpec(entity.kind, member.colour, action, label=entity.label))
        cast.append(member.id)
    shot.scene = replace(scene, entities=tuple(entities)).to_dict()
    shot.cast = cast
    shot.caption = f"{shot.caption.rstrip('. ')} with {what}."
    shot.beat = f"{shot.beat} (with {what})"
    needs_new_take(shot)
    _rewrite_prompt(state, shot)
    return f"{shot.id}: {what} added → {shot.prompt!r}"


def reenact(state, shot: Shot, operation: Reenact) -> str:
    """One of `shot`'s cast doing `operation.action` instead, the rest as it was (a horse
    that gallops carries its rider at a gallop); caption and beat say it, a new take of
    it is made."""
    entities = shot.scene["entities"]
    at = shot.cast.index(operation.ident)
    entities[at] = {**entities[at], "action": operation.action, "target": None}
    told = f"{operation.who} {third_person(operation.verb)}"
    shot.caption = f"{shot.caption.rstrip('. ')}. {told[:1].upper()}{told[1:]}."
    shot.beat = f"{shot.beat} ({told})"
    needs_new_take(shot)
    _rewrite_prompt(state, shot)
    return f"{shot.id}: {told} → {shot.prompt!r}"


def restyle(state, look: str) -> tuple[str, list[str]]:
    """The brief's look made `look`; every generated shot told in prose made again in it
    (synthworld's shots keep their own look): what changed in words, and those shots."""
    was, state.brief.style = state.brief.style, look
    changed = []
    for shot in state.storyboard.shots:
        if shot.kind == "generated" and shot.dialect != "synthworld":
            needs_new_take(shot)
            shot.prompt = ""
            changed.append(shot.id)
    write_missing_prompts(state)
    kept = [s.id for s in state.storyboard.shots if s.dialect == "synthworld"]
    said = f"look {was!r} → {look!r}: {', '.join(changed) or 'no shot'} made again"
    return said + (
        f"; {', '.join(kept)} drawn by synthworld keep its look" if kept else ""
    ), changed


def _rewrite_prompt(state, shot: Shot) -> None:
    """The shot's prompt written again from its scene, for the backend that makes it."""
    shot.prompt = ""
    write_missing_prompts(state)


def write_missing_prompts(state) -> None:
    """A prompt for every generated shot that has none (new, or its scene changed), each
    shot's place first named again as the request and captions say it ("a garden")."""
    name_places(state.storyboard)
    write_prompts(
        state.storyboard,
        state.pool,
        style=state.brief.style,
        bible=state.bible,
        references=reference_counter(state, state.storyboard),
    )


def apply_edit(
    operation: Operation, state, *, emit, store: TakeStore, llm: tuple[str, str | None] | None
) -> tuple[str, str, dict]:
    """Change the state's storyboard for one operation: (route, message, data). `llm` is
    the (url, model) of a planning LLM, or None to plan offline."""
    board: Storyboard = state.storyboard
    rate = board.rate
    if isinstance(operation, AddText):
        text = TextOverlay(operation.text, operation.start, operation.frames, operation.position)
        _edit_text(state, lambda t: picture.with_text(t, text))
        last = operation.start + operation.frames - 1
        return (
            "tool: overlay",
            f"{operation.text!r} on frames {operation.start}-{last}",
            {"frames": [operation.start, last]},
        )
    if isinstance(operation, Reframe):
        width, height = frame_size(operation.aspect, None)
        board.width, board.height, board.aspect = width, height, operation.aspect
        return (
            "tool: reframe",
            f"{operation.aspect} at {width}x{height}: existing takes are cropped around their "
            "subject (ground truth where there is one); new shots are generated in the new shape",
            {"size": [width, height]},
        )
    if isinstance(operation, SetLength):
        delta = operation.frames - board.target_frames
        if delta > 0:
            return _grow(state, delta, None, emit, llm)
        return shorten(state, -delta, from_end=operation.from_end)
    if isinstance(operation, RestageAll):
        setting = dict(operation.setting)
        shots = [s for s in board.shots if s.kind == "generated"]
        for shot in shots:
            restage_shot(state, shot, setting)
        said = ", ".join(setting.values())
        return "generation", f"every shot now {said}", {"shots": [s.id for s in shots]}
    if isinstance(operation, SetSound):
        name = SOUND_LAYER_NAMES[operation.layer]
        was = state.choices.get(operation.layer, True)
        if operation.layer == "narrate":  # unset: as the mode wants
            was = narrates(state.request.mode, state.choices.get("narrate"))
        state.choices[operation.layer] = operation.on
        if was == operation.on:
            return "tool: sound", f"{name} is already {'on' if operation.on else 'off'}", {}
        how = "with" if operation.on else "without"
        return "tool: sound", f"the sound mixed again {how} {name}; nothing generated", {}
    if isinstance(operation, AddScene):
        seconds = min(6.0, max(2.0, float(rate.seconds(board.target_frames)) / len(board.shots)))
        before = {shot.id for shot in board.shots}
        grown = _grow(state, rate.frames(seconds), [operation.description], emit, llm)
        if not operation.first:
            return grown
        shots = state.storyboard.shots
        new = next(i for i, shot in enumerate(shots) if shot.id not in before)
        start = next(i for i, shot in enumerate(shots) if shot.kind == "generated")
        _edit_picture(state, lambda t: picture.move(t, new, start))
        kind, message, details = grown
        return kind, f"{message}; put first", details
    if isinstance(operation, ReplaceShot):
        shot = board.shots[operation.number - 1]
        message = replace_shot_content(state, shot, operation.description, store=store)
        return "generation", message, {"shot": shot.id}
    if isinstance(operation, Regrade):
        board.grade = operation.grade
        said = f"graded {operation.grade}" if operation.grade else "back in its own colours"
        return "tool: grade", f"every generated shot {said}; nothing generated", {}
    if isinstance(operation, Restyle):
        message, shots = restyle(state, operation.look)
        return "generation", message, {"shots": shots}
    if isinstance(operation, AddToShot):
        shot = board.shots[operation.number - 1]
        return "generation", add_to_shot(state, shot, operation.what), {"shot": shot.id}
    if isinstance(operation, Reenact):
        shot = board.shots[operation.number - 1]
        return "generation", reenact(state, shot, operation), {"shot": shot.id}
    if isinstance(operation, Recolour):
        message, shots = recolour_cast_member(state, operation.who, operation.colour)
        return "generation", message, {"shots": shots}
    if isinstance(operation, Restage):
        shot = board.shots[operation.number - 1]
        return "generation", restage_shot(state, shot, dict(operation.setting)), {"shot": shot.id}
    if isinstance(operation, RemoveShot):
        gone = board.shots[operation.number - 1]
        board, notes = _edit_picture(state, lambda t: picture.remove(t, operation.number - 1))
        return (
            "tool: remove",
            "; ".join(
                [
                    f"removed {gone.id} ({gone.beat}); the video is now "
                    f"{float(rate.seconds(board.target_frames)):g} s",
                    *notes,
                ]
            ),
            {"shot": gone.id},
        )
    if isinstance(operation, SwapShots):
        a, b = operation.first - 1, operation.second - 1
        message = f"swapped {board.shots[a].id} and {board.shots[b].id}"
        board, notes = _edit_picture(state, lambda t: picture.swap(t, a, b))
        message = "; ".join([message, *notes])
        return "tool: reorder", message, {"order": [s.id for s in board.shots]}
    if isinstance(operation, MoveShot):
        message = f"moved {board.shots[operation.number - 1].id} to position {operation.to}"
        board, notes = _edit_picture(
            state, lambda t: picture.move(t, operation.number - 1, operation.to - 1)
        )
        message = "; ".join([message, *notes])
        return "tool: reorder", message, {"order": [s.id for s in board.shots]}
    if isinstance(operation, TrimShot):
        shot = board.shots[operation.number - 1]
        old = shot.frames
        room = shot.source_frames - shot.source_in if shot.source_frames else 0
        if shot.kind == "generated" and operation.frames > room:
            return _lengthen_past_take(state, operation.number - 1, operation.frames)
        board, notes = _edit_picture(
            state, lambda t: picture.trim(t, operation.number - 1, operation.frames)
        )
        return (
            "tool: trim",
            "; ".join([f"{shot.id}: {old} → {operation.frames} frames", *notes]),
            {"shot": shot.id},
        )
    if isinstance(operation, AddCard):
        beat = f"{operation.where} card"
        existing = board.shots[-1] if operation.where == "end" else board.shots[0]
        if existing.kind == "card" and existing.beat == beat:
            existing.card_title, existing.card_subtitle = operation.title, operation.subtitle
            existing.caption = operation.title
            return "tool: card", f"{beat} now reads {operation.title!r}", {"shot": existing.id}
        frames = rate.frames(3.0 if operation.where == "end" else 2.5)
        card = card_shot(
            beat,
            title=operation.title,
            subtitle=operation.subtitle,
            caption=operation.title,
        )
        card.frames = frames
        card.id = board.next_id()
        position = len(board.shots) if operation.where == "end" else 0
        clip = CardClip(operation.title, frames, operation.subtitle, name=beat, shot_id=card.id)
        board, _ = _edit_picture(
            state, lambda t: picture.insert(t, position, [clip], _mode_join(board)), new=[card]
        )
        if operation.where == "title":
            board.overlays = [replace(t, start=t.start + frames) for t in board.overlays]
        return (
            "tool: card",
            f"{operation.where} card {operation.title!r} "
            f"({float(rate.seconds(frames)):g} s) as {card.id}",
            {"shot": card.id},
        )
    raise UsageError(f"no way to carry out {operation!r}")
