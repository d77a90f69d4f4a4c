"""Retrieval: what a shot must know about its cast, however long ago each was introduced.

The bible keeps every entity for the life of the project. When an entity comes back after
shots without it, its description and reference images are fetched for that shot from the
bible; the journal says so, with how long it was away.
"""

from __future__ import annotations

from pathlib import Path

from videoagent.plan.bible import Bible
from videoagent.plan.storyboard import Storyboard


def shot_references(
    storyboard: Storyboard,
    bible: Bible,
    index: int,
    refs_folder: Path,
    references: list[dict],
) -> tuple[list[Path], list[str]]:
    """Reference images for shot `index` (its cast's, then the project's look references)
    and notes on cast members that return after being away."""
    shot = storyboard.shots[index]
    paths: list[Path] = []
    notes: list[str] = []
    for member in shot.cast:
        entity = bible.entities.get(member)
        if entity is None:
            continue
        paths += [refs_folder / name for name in entity.references]
        last_seen = next(
            (i for i in range(index - 1, -1, -1) if member in storyboard.shots[i].cast), None
        )
        if last_seen is not None and index - last_seen > 1:
            fetched = ", ".join(entity.references) or "no reference image"
            notes.append(
                f"{shot.id}: {entity.id} returns after {index - last_seen - 1} shot(s) away "
                f"(last in {storyboard.shots[last_seen].id}); retrieved from the bible: "
                f"{entity.description!r}, {fetched}"
            )
    paths += [refs_folder / r["file"] for r in references if not r.get("entity")]
    return paths, notes
