"""A change to a project (an edit, a new idea or seed for a shot) as a transaction: the
project's files and its history hold the change together, or neither does.

    1. stage:   the whole new state goes into one file, change.staged.json (written
                atomically; the project's own files are untouched);
    2. commit:  the journal writes the change's step records and its "applied" mark in one
                SQLite transaction: this is the moment the change happens;
    3. apply:   the staged state is written over bible.json, storyboard.json and
                project.json, and the staged file removed.

A crash before 2 leaves the project as it was: the next run throws the staged file away
and marks the run "not applied". A crash after 2 is finished by the next run, which
writes the staged state out. History shows a change's records only once committed.
"""

from __future__ import annotations

from pathlib import Path

from videoagent.errors import DamagedProject, UsageError
from videoagent.failpoints import reached
from videoagent.store.files import read_sealed_json, write_sealed_json
from videoagent.store.journal import Journal
from videoagent.store.project import ProjectFolder

STAGED = "change.staged.json"
CHANGES = ("edit", "shot", "timeline")  # the runs that change a project's plan


def stage(state, run: int) -> None:
    """Step 1: the state as it will be once the change of run `run` is applied."""
    root = state.folder.root
    files = {str(path.relative_to(root)): doc for path, doc in state.documents().items()}
    write_sealed_json(root / STAGED, {"run": run, "files": files})
    reached("change:staged")


def apply(state) -> None:
    """Step 3, after the journal committed the change: the staged state becomes the
    project's own."""
    reached("change:committed")
    state.save()
    (state.folder.root / STAGED).unlink(missing_ok=True)
    reached("change:applied")


def recover(folder: ProjectFolder) -> list[str]:
    """Finish or undo what a crash left of earlier changes (call with the project locked);
    what was done, in words, for the journal."""
    journal = Journal(folder.journal)
    try:
        notes = _settle_staged(folder, journal)
        for run in journal.runs():
            if run["command"] not in CHANGES or run["status"] not in ("running", "interrupted"):
                continue
            # Applied, then interrupted while making the video: resume makes it. (A project
            # from before changes were committed shows an applied one by its records.)
            records = journal.records(run["id"])
            if journal.applied(run["id"]) or any(
                r["step"] == "edit" and r["status"] == "done" for r in records
            ):
                continue
            journal.mark(run["id"], "not applied")
            notes.append(
                f"{run['command']} {run['detail']!r} (run {run['id']}) was interrupted "
                "before it was applied: the project is as it was before it; ask again"
            )
        return notes
    finally:
        journal.close()


def _settle_staged(folder: ProjectFolder, journal: Journal) -> list[str]:
    path = folder.root / STAGED
    if not path.exists():
        return []
    try:
        staged = read_sealed_json(path)
        run = int(staged["run"])
    except (UsageError, KeyError, TypeError, ValueError) as exc:
        raise DamagedProject(f"{path} cannot be read ({exc}); the change it holds is lost") from exc
    if not journal.applied(run):
        path.unlink()
        return []  # the run is marked "not applied" with the other interrupted ones
    for relative, document in staged["files"].items():
        write_sealed_json(_inside(folder.root, relative), document)
    path.unlink()
    return [f"finished writing out the change of run {run}, committed before it was interrupted"]


def _inside(root: Path, relative: str) -> Path:
    path = root / relative
    if not path.resolve().is_relative_to(root.resolve()):
        raise DamagedProject(f"{root / STAGED} names a file outside the project: {relative!r}")
    return path
