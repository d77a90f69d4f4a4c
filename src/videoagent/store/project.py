"""A project is a folder a person can read; this names every file in it.

project.json          request, settings, schema version
bible/bible.json      recurring entities
storyboard.json       the plan, with every dense prompt as sent
shots/<id>/takes/<n>/ clip.mp4, clip.truth.json, take.json
timeline.otio         the edit
renders/              final.mp4, final.srt, contact_sheet.png, manifest.json
journal.sqlite        every step record
"""

from __future__ import annotations

import os
from pathlib import Path

from videoagent.errors import UsageError

SCHEMA_VERSION = 1


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

    @property
    def project_json(self) -> Path:
        return self.root / "project.json"

    @property
    def bible_json(self) -> Path:
        return self.root / "bible" / "bible.json"

    @property
    def storyboard_json(self) -> Path:
        return self.root / "storyboard.json"

    @property
    def timeline_otio(self) -> Path:
        return self.root / "timeline.otio"

    @property
    def journal(self) -> Path:
        return self.root / "journal.sqlite"

    @property
    def renders(self) -> Path:
        return self.root / "renders"

    def take_dir(self, shot_id: str, number: int) -> Path:
        return self.root / "shots" / shot_id / "takes" / f"{number:02d}"
