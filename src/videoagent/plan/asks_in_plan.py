"""The plan held against the request's asks before anything is made: how many of a thing,
things no shot stages, and the words it quotes.

Read against the storyboard (`plan/asks.py` reads the request apart from it), the offline
planner's commonest miss is a count: "two brown dogs chasing a red ball" staged one dog,
"three birds flying" one bird. So every shot that stages some of an asked-for entity gets
the missing ones, of the same kind and colour (people of no colour asked for dressed
apart), doing what the first one does (to the same target), each a companion in the bible.
Words the request quotes ('with the words "Good dog" on screen') that no card or text of
the plan holds are put over the first generated shot. Asks the world cannot draw are left
alone, and what the video then shows is still checked on the finished takes
(`evaluate/asks_shown.py`).
"""

from __future__ import annotations

from dataclasses import replace

from videoagent.plan.asks import Ask, asks_in, counted_in_subject
from videoagent.plan.beats import plural
from videoagent.plan.bible import Bible, BibleEntity
from videoagent.plan.brief import _named
from videoagent.plan.staging import looks_of
from videoagent.plan.storyboard import OnScreenText, Storyboard
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.spec import EntitySpec

# What the people a count adds wear, and the colours of the cars it adds, in turn.
COLOURS_APART = {
    "person": ("red", "green", "yellow", "purple", "orange", "grey"),
    "car": ("blue", "white", "black", "grey", "green", "yellow"),
}
MOST_OF_A_KIND = 4  # copies a shot is given of one thing (the world's scenes stay legible)
QUOTED_SECONDS = 3.0  # how long quoted words stay on screen (at most the shot)


def cover_counts(
    board: Storyboard, bible: Bible, asks: list[Ask], *, framing: str = ""
) -> list[str]:
    """Give each shot that stages fewer of an entity than the request asks the rest (out of
    a close-up, unless its beat or the request's `framing` asks one), and the first
    generated shot one no shot stages at all; what was added, in words."""
    said = []
    for ask in asks:
        if ask.kind != "entity" or ask.what not in vocab.KINDS:
            continue
        if not any(_stages(shot, ask) for shot in board.shots):
            said += _missing_entirely(board, bible, ask)
            continue
        if (ask.count or 1) < 2:
            continue
        wanted = min(ask.count, MOST_OF_A_KIND)
        known = _the_rest(board, ask)  # who they are where a shot already has them
        counted_in = _shots_counting(board, ask)
        grown = []
        for shot in board.shots:
            scene = shot.scene_spec
            if shot.kind != "generated" or scene is None or shot.id not in counted_in:
                continue
            same = [i for i, e in enumerate(scene.entities) if is_asked(e, ask)]
            if not same or staged_count(scene.entities, ask) >= wanted:
                continue
            first = scene.entities[same[0]]
            entities = list(scene.entities)
            for number in range(len(same) + 1, wanted + 1):
                if number - 2 < len(known):  # the same ones as that shot: "two dogs" meet,
                    colour, member_id = known[number - 2]  # then the same two sit
                    entities.append(replace(first, colour=colour))
                    shot.cast.append(member_id)
                    continue
                # The same kind and colour, doing the same; people of no colour asked for
                # dress apart (two friends in the same blue look like one drawn twice), and
                # cars of their default colour are painted apart (not taxis, all yellow).
                apart = ask.colour is None and first.kind in COLOURS_APART
                apart &= first.kind == "person" or first.colour == vocab.DEFAULT_COLOUR[first.kind]
                another = replace(first, colour=_unused(bible, first.kind)) if apart else first
                if first.kind == "person":  # the last ones are the children said (a family's)
                    young = number > wanted - (ask.young or 0)
                    another = replace(another, label=vocab.CHILD if young else "")
                description, called = _one_of(another, ask, bible, lead_first=shot.cast[same[0]])
                member = bible.add(
                    BibleEntity(
                        f"{ask.what.replace(' ', '-')}-{number}",
                        ask.what,
                        another.colour,
                        "companion",
                        description,
                        called=called,
                    )
                )
                entities.append(replace(another, colour=member.colour))  # as first given
                shot.cast.append(member.id)
            scene = replace(scene, entities=tuple(entities))
            asked = _named(f"{framing} {shot.beat}", vocab.SHOT_SYNONYMS)
            if scene.shot_size == "close-up" and not asked:
                # a close-up of one of them would leave the rest out ("a family opening
                # presents"), where none was asked for
                scene = replace(scene, shot_size="medium")
                shot.shot_size = "medium"
            shot.scene = scene.to_dict()
            grown.append(shot.id)
        if grown:
            said.append(f"{ask.said()} asked for: {', '.join(grown)} given the rest")
    return said


def _one_of(entity: EntitySpec, ask: Ask, bible: Bible, *, lead_first: str) -> tuple[str, str]:
    """How a member a count adds is described, "a white bird (one of the two birds)", and
    called (""); in the request's word where it is one of the lead's several: "a child in
    red (one of the three children)", called "child in red" (`lead_first`: the id of the
    first of them in the shot)."""
    looks, counted = looks_of(entity), ask.said()
    lead = bible.entities.get(lead_first)
    if lead is None or lead.role != "protagonist" or not lead.called:
        return f"{looks} (one of the {counted})", ""
    noun = lead.called.split()[-1]
    looks = looks.replace(entity.kind, noun, 1)
    counted = counted.replace(plural(entity.kind), plural(noun), 1)
    twin = entity.colour == lead.colour  # told as "another brown dog", as it looks
    return f"{looks} (one of the {counted})", "" if twin else looks.split(" ", 1)[1]


def cover_text(board: Storyboard, asks: list[Ask]) -> list[str]:
    """Put each quoted text no card or text of the plan holds over the first generated shot,
    one after another; what was put, in words."""
    held = [f"{s.card_title} {s.card_subtitle}" for s in board.shots]
    held += [t.text for s in board.shots for t in s.on_screen_text]
    held += [t.text for t in board.overlays]
    first = next((s for s in board.shots if s.kind == "generated"), None)
    said = []
    for ask in asks:
        if ask.kind != "text" or first is None:
            continue
        if any(ask.what.casefold() in text.casefold() for text in held):
            continue
        frames = min(first.frames, board.rate.frames(QUOTED_SECONDS))
        start = min(sum(t.frames for t in first.on_screen_text if t.position == "center"),
                    first.frames - frames)  # fmt: skip
        first.on_screen_text.append(OnScreenText(ask.what, start, frames, "center"))
        held.append(ask.what)
        said.append(f"{ask.said()} asked for: on screen over {first.id}")
    return said


def _shots_counting(board: Storyboard, ask: Ask) -> set[str]:
    """The shots a count of `ask` holds in: all, where it is of who the request is about
    ("two dogs") or no beat says it; else those whose beat does ("chatting with customers":
    not the barista opening the café alone)."""
    generated = [s for s in board.shots if s.kind == "generated"]
    if _counts(counted_in_subject(board.request), ask):
        return {s.id for s in generated}
    saying: set[str] = set()
    for before, shot in zip([None, *generated], generated, strict=False):
        they = shot.beat.lower().startswith(("they ", "both ", "all "))  # "then they all play"
        if _counts(asks_in(shot.beat, length=False), ask) or (
            they and before is not None and before.id in saying
        ):
            saying.add(shot.id)
    return saying or {s.id for s in generated}


def _counts(asks: list[Ask], ask: Ask) -> bool:
    """Whether `asks` ask for more than one of what `ask` does."""
    return any(
        a.kind == "entity" and (a.what, a.colour) == (ask.what, ask.colour) and (a.count or 1) > 1
        for a in asks
    )


def _the_rest(board: Storyboard, ask: Ask) -> list[tuple[str, str]]:
    """The colour and cast member of each asked-for one past the first, as the shot that
    stages the most of them has them."""
    most: list[tuple[str, str]] = []
    for shot in board.shots:
        scene = shot.scene_spec if shot.kind == "generated" else None
        if scene is None:
            continue
        if len(shot.cast) != len(scene.entities):
            continue  # no cast member to each entity: no one to name
        them = [(e.colour, shot.cast[i]) for i, e in enumerate(scene.entities) if is_asked(e, ask)]
        most = max(most, them[1:], key=len)
    return most


def _unused(bible: Bible, kind: str) -> str:
    """A colour no one of `kind` in the bible has yet (a person wears, a car is painted)."""
    had = {e.colour for e in bible.entities.values() if e.kind == kind}
    return next((c for c in COLOURS_APART[kind] if c not in had), COLOURS_APART[kind][0])


def _stages(shot, ask: Ask) -> bool:
    scene = shot.scene_spec if shot.kind == "generated" else None
    return scene is not None and any(is_asked(e, ask) for e in scene.entities)


def _missing_entirely(board: Storyboard, bible: Bible, ask: Ask) -> list[str]:
    """An entity no shot stages ("a red ball and a blue ball": the blue one dropped), put in
    the first generated shot, standing by."""
    shot = next((s for s in board.shots if s.kind == "generated" and s.scene), None)
    if shot is None:
        return []
    scene = shot.scene_spec
    colour = ask.colour or vocab.DEFAULT_COLOUR.get(ask.what, "white")
    role = "supporting" if ask.what in vocab.CREATURES else "prop"
    count = min(ask.count or 1, MOST_OF_A_KIND)
    member = bible.add(
        BibleEntity(f"{colour}-{ask.what.replace(' ', '-')}", ask.what, colour, role, ask.said())
    )
    added = (EntitySpec(ask.what, colour),) * count
    shot.scene = replace(scene, entities=scene.entities + added).to_dict()
    shot.cast += [member.id] * count
    return [f"{ask.said()} asked for: put in {shot.id}, where no shot had it"]


def staged_count(entities, ask: Ask) -> int:
    """How many of what an entity ask wants the staged `entities` draw (a bunch of balloons
    is three)."""
    return sum(vocab.how_many(e.label) for e in entities if is_asked(e, ask))


def is_asked(entity, ask: Ask) -> bool:
    """Whether a staged entity is of the kind (and colour, if named) an entity ask wants."""
    return entity.kind == ask.what and (ask.colour is None or entity.colour == ask.colour)
