"""The plan held against the request's asks before anything is made: how many of a thing.

Read against the storyboard (`plan/asks.py` reads the request apart from it), the offline
planner's commonest miss is a count: "two brown dogs chasing a red ball" staged one dog,
"three birds flying" one bird. So every shot that stages some of an asked-for entity gets
the missing ones, of the same kind and colour, doing what the first one does (to the same
target), each a companion in the bible. Asks the world cannot draw are left alone, and
what the video then shows is still checked on the finished takes (`evaluate/asks_shown.py`).
"""

from __future__ import annotations

from dataclasses import replace

from videoagent.plan.asks import Ask
from videoagent.plan.bible import Bible, BibleEntity
from videoagent.plan.storyboard import Storyboard
from videoagent.synthworld import vocabulary as vocab

MOST_OF_A_KIND = 4  # copies a shot is given of one thing (the world's scenes stay legible)


def cover_counts(board: Storyboard, bible: Bible, asks: list[Ask]) -> list[str]:
    """Give each shot that stages fewer of an entity than the request asks the rest; what
    was added, in words."""
    said = []
    for ask in asks:
        if ask.kind != "entity" or (ask.count or 1) < 2 or ask.what not in vocab.KINDS:
            continue
        wanted = min(ask.count, MOST_OF_A_KIND)
        grown = []
        for shot in board.shots:
            scene = shot.scene_spec
            if shot.kind != "generated" or scene is None:
                continue
            same = [i for i, e in enumerate(scene.entities) if _is(e, ask)]
            if not same or len(same) >= wanted:
                continue
            first = scene.entities[same[0]]
            entities = list(scene.entities)
            for number in range(len(same) + 1, wanted + 1):
                member = bible.add(
                    BibleEntity(
                        f"{ask.what.replace(' ', '-')}-{number}",
                        ask.what,
                        first.colour,
                        "companion",
                        f"{ask.said()} are asked for: {ask.what} number {number}",
                    )
                )
                entities.append(first)  # the same kind and colour, doing the same
                shot.cast.append(member.id)
            shot.scene = replace(scene, entities=tuple(entities)).to_dict()
            grown.append(shot.id)
        if grown:
            said.append(f"{ask.said()} asked for: {', '.join(grown)} given the rest")
    return said


def _is(entity, ask: Ask) -> bool:
    return entity.kind == ask.what and (ask.colour is None or entity.colour == ask.colour)
