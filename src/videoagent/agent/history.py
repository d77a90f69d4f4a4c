"""What happened to a project, read back for people: its runs with their step records and
its provider jobs with what they cost. The CLI's `history` and the server's event stream
read the journal through here; a change a crash interrupted is settled first (when no run
holds the project), so the history shows what the files hold."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from videoagent.agent.change import recover
from videoagent.errors import UsageError
from videoagent.store.journal import Journal
from videoagent.store.ledger import Ledger, LedgerLine
from videoagent.store.project import ProjectFolder


@dataclass
class ProjectHistory:
    settled: list[str]  # what settling an interrupted change did
    runs: list[dict]  # oldest first, each with its "records" (oldest first)
    provider_jobs: list[LedgerLine]
    costs: dict  # charged, at risk, jobs by state (store/ledger.py)


def project_history(project: Path) -> ProjectHistory:
    """The history of the project at `project`; UsageError when it is not one."""
    folder = ProjectFolder.open(project)
    settled = _settle_changes(folder)
    journal = Journal(folder.journal)
    try:
        runs = [run | {"records": journal.records(run["id"])} for run in journal.runs()]
    finally:
        journal.close()
    ledger = Ledger(folder.journal)
    try:
        return ProjectHistory(settled, runs, ledger.lines(), ledger.costs())
    finally:
        ledger.close()


def records_after(project: Path, after: int) -> list[dict]:
    """The project's step records with an id above `after` (a stream resumes from there);
    none before its journal exists."""
    path = ProjectFolder(project).journal
    if not path.exists():
        return []
    journal = Journal(path)
    try:
        return journal.records_after(after)
    finally:
        journal.close()


def _settle_changes(folder: ProjectFolder) -> list[str]:
    """Finish or undo a change a crash interrupted; nothing when a run holds the project
    (it settles them itself)."""
    try:
        folder.lock()
    except UsageError:
        return []
    try:
        return recover(folder)
    finally:
        folder.unlock()
