"""The journal is shared: the agent creates and writes it while the page and the CLI read it
from other processes. Opening it at the same moment as its writer is not damage."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from videoagent.errors import DamagedProject
from videoagent.store.journal import Journal
from videoagent.store.ledger import Ledger

ROUNDS = 30
STEPS = 5


def _make_run(path: Path) -> None:
    """What a run does to a new project's journal: create it, log steps, open the ledger."""
    journal = Journal(path)
    journal.begin("make", "a dog")
    for step in range(STEPS):
        journal.append(at=time.time(), step=f"step {step}", status="ok", message="", data={})
    Ledger(path).close()
    journal.end("done")
    journal.close()


def test_a_reader_opening_the_journal_as_its_run_creates_it_breaks_neither(tmp_path: Path):
    # Before the fix, both sides turning a new file to write-ahead mode at once made SQLite
    # refuse one of them: about 45 rounds of 100 lost the run or the reader.
    context = multiprocessing.get_context("fork")
    reads = 0
    for round_ in range(ROUNDS):
        path = tmp_path / f"project{round_}" / "journal.sqlite"
        path.parent.mkdir()
        run = context.Process(target=_make_run, args=(path,))
        run.start()
        while run.is_alive():
            if path.exists():
                journal = Journal(path)  # raises on the race this test is about
                journal.records_after(0)
                journal.close()
                reads += 1
        run.join()
        assert run.exitcode == 0, f"round {round_}: the run failed opening its own journal"
        journal = Journal(path)
        assert [r["step"] for r in journal.records()] == [f"step {s}" for s in range(STEPS)]
        journal.close()
    assert reads > 0  # the reader did meet the run's file


def test_a_file_that_is_not_a_database_is_still_damage(tmp_path: Path):
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"not a database, just words " * 100)
    with pytest.raises(DamagedProject, match="journal.sqlite cannot be read"):
        Journal(path)
