"""State that the project's own records name and its folder no longer holds: takes deleted
from `shots/`, a journal emptied or deleted. It is reported, never silently made again: a
take on a paid backend is remade only with the user's yes."""

from __future__ import annotations

import json

from videoagent.store.journal import Journal
from videoagent.store.project import ProjectFolder
from videoagent.store.takes import TakeStore


def last_manifest(folder: ProjectFolder) -> dict:
    """The manifest of the last render (an unverified one is newer than the verified one);
    {} when there is none or it cannot be read."""
    for name in ("manifest.unverified.json", "manifest.json"):
        path = folder.renders / name
        if path.exists():
            try:
                value = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def missing_takes(folder: ProjectFolder, store: TakeStore, shot_ids: set[str]) -> list[dict]:
    """The takes of shots still planned (`shot_ids`) that the last render used or tried,
    found neither in the project nor in the shared cache: deleted outside videoagent."""
    missing = []
    for shot in last_manifest(folder).get("shots", []):
        if not isinstance(shot, dict) or shot.get("id") not in shot_ids:
            continue
        for take in shot.get("takes", []):
            key = take.get("key") if isinstance(take, dict) else None
            if key and take.get("file") and not (store.find(key) or store.in_shared(key)):
                missing.append(take)
    return missing


def lost_history(folder: ProjectFolder, planned: bool) -> str | None:
    """Why the journal cannot be the project's history, or None. A planned project was
    planned in a journalled run, so a journal without runs was emptied or deleted."""
    journal = Journal(folder.journal)
    try:
        if not planned or journal.runs():
            return None
    finally:
        journal.close()
    return (
        "journal.sqlite holds no runs (emptied or deleted outside videoagent): the project's "
        "history and its record of provider jobs are gone, so a paid job sent before cannot "
        "be re-attached"
    )
