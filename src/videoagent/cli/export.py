"""`videoagent export DIR --format fcpxml|xmeml|edl|otio`: the project's edit for another
editor, with its media beside it (media/editor_export.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from videoagent.cli.output import console, escape, fail
from videoagent.errors import MissingDependency, UsageError
from videoagent.media.editor_export import FORMATS


def export(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    format_name: Annotated[
        str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")
    ] = "fcpxml",
    out: Annotated[
        Path | None, typer.Option(help="Folder to write into (default DIR/exports/FORMAT).")
    ] = None,
) -> None:
    """Write the edit as Final Cut Pro X XML, FCP 7 / Premiere / Resolve XML, a CMX 3600 EDL
    or OpenTimelineIO, the takes and the sound copied into its media/ folder."""
    from videoagent.media.editor_export import export_project

    target = out or project / "exports" / format_name
    try:
        exported = export_project(project, target, format_name)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    console.print(
        f"[green]✓[/] {escape(str(exported.path))}: {exported.cuts} clips, "
        f"{len(exported.media)} media files in {escape(str(exported.path.parent / 'media'))}",
        highlight=False,
        soft_wrap=True,
    )
    for note in exported.notes:
        console.print(f"  ! {escape(note)}", highlight=False, soft_wrap=True)
