"""A project is a folder a person can read; this names every file in it.

project.json          request, current settings, brief, schema version, run status
bible/bible.json      recurring entities; bible/refs/ the reference images, renamed by us
storyboard.json       the plan, with every dense prompt as sent
shots/<id>/takes/<n>/ clip.mp4, clip.truth.json, take.json (written last: a take without
                      it, or still in its hidden .<n>.part folder, is not finished)
shots/<id>/keyframe.png  the shot's middle frame in the last render (for planners)
timeline.otio         the edit
renders/              final.mp4, final.srt, final.vtt, mix.wav, contact_sheet.png,
                      manifest.json: the last verified render; a render that failed its
                      checks is kept beside them as final.unverified.mp4 etc.; pieces/
                      holds rendered pieces for reuse by the next render; derived/ the
                      sound made for a render, kept under the hash of what it was made of
journal.sqlite        every step record of every run

JSON state files carry a checksum of their content (`write_sealed_json`), so a file changed
by hand is reported instead of silently trusted.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

from videoagent.errors import DamagedProject, UsageError
from videoagent.store.files import read_sealed_json

SCHEMA_VERSION = 2
LOCK_WAIT_SECONDS = 2.0  # how long a new run waits for a just-killed one's lock to clear


def _inside(*parts: str) -> property:
    """A read-only attribute: the path `parts` below the folder's root."""
    return property(lambda folder: folder.root.joinpath(*parts))


class ProjectFolder:
    """Paths inside one project folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def create(cls, root: Path) -> ProjectFolder:
        """Make a new, empty project folder; refuse one that holds anything or can't be written."""
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise UsageError(f"output folder {str(root)!r} exists and is not a folder")
        if root.is_dir() and any(root.iterdir()):
            raise UsageError(f"output folder {str(root)!r} is not empty; choose a new --out")
        try:
            root.mkdir(parents=True, exist_ok=True)
            probe = root / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UsageError(
                f"output folder {str(root)!r} is not writable: {exc.strerror or exc}"
            ) from exc
        if not os.access(root, os.W_OK):
            raise UsageError(f"output folder {str(root)!r} is not writable")
        return cls(root)

    @classmethod
    def open(cls, root: Path) -> ProjectFolder:
        """An existing project; DamagedProject when `root` is not one this version can read."""
        root = Path(root)
        if not root.is_dir():
            raise UsageError(f"project folder {str(root)!r} does not exist")
        folder = cls(root)
        if not folder.project_json.exists():
            if (root / ".lock").exists():
                raise DamagedProject(
                    f"{str(root)!r} was stopped before its project.json was written; nothing "
                    "was made yet: delete the folder and run make again"
                )
            raise DamagedProject(f"{str(root)!r} is not a videoagent project (no project.json)")
        version = read_sealed_json(folder.project_json).get("schema_version")
        if version != SCHEMA_VERSION:
            raise DamagedProject(
                f"project {str(root)!r} has schema version {version!r}; this videoagent "
                f"reads version {SCHEMA_VERSION}"
            )
        return folder

    def lock(self) -> None:
        """Hold the project for this process; a second run on it at once is refused. The
        operating system drops the lock when the process ends, even by kill -9."""
        handle = open(self.root / ".lock", "a+")  # noqa: SIM115 - held for the process's life
        # A run killed a moment ago can leave a child it forked holding a copy of the lock
        # until the child execs (ffmpeg) or exits: wait briefly before calling it in use.
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    handle.close()
                    message = f"project {str(self.root)!r} is in use by another run"
                    raise UsageError(message) from exc
                time.sleep(0.05)
        self._lock_handle = handle

    def unlock(self) -> None:
        handle = getattr(self, "_lock_handle", None)
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
            self._lock_handle = None

    def discard_unfinished(self) -> list[str]:
        """Remove what an interrupted run left half-written; returns what was removed."""
        removed = []
        for part in sorted(self.root.glob("shots/*/takes/.*.part")):
            shutil.rmtree(part, ignore_errors=True)
            removed.append(str(part.relative_to(self.root)))
        for part in sorted(self.root.rglob(".*.part*")):
            if part.is_file():
                part.unlink(missing_ok=True)
                removed.append(str(part.relative_to(self.root)))
        return removed

    # The project's files, relative to its root: one table, so the layout reads at a glance.
    project_json = _inside("project.json")
    bible_json = _inside("bible", "bible.json")
    refs = _inside("bible", "refs")
    storyboard_json = _inside("storyboard.json")
    timeline_otio = _inside("timeline.otio")
    journal = _inside("journal.sqlite")
    renders = _inside("renders")
    pieces = _inside("renders", "pieces")
    derived = _inside("renders", "derived")

    def keyframe(self, shot_id: str) -> Path:
        """The shot's middle frame in the final video, as a planner is shown it."""
        return self.root / "shots" / shot_id / "keyframe.png"

    def takes_dir(self, shot_id: str) -> Path:
        return self.root / "shots" / shot_id / "takes"
