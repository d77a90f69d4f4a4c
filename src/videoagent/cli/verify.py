"""`videoagent verify FILE`: what a video says of how it was made, and whether it is still
what was signed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from videoagent.cli.output import console, escape, fail
from videoagent.errors import MissingDependency, UsageError

# The exit status says what the file carries (2 is a command used wrongly, as everywhere).
EXIT = {"valid": 0, "untrusted": 3, "absent": 4, "tampered": 5}
MARK = {"valid": "[green]✓[/]", "untrusted": "[yellow]![/]", "absent": "[red]✗[/]"}


def verify(
    file: Annotated[Path, typer.Argument(help="An mp4 to read.")],
) -> None:
    """Read a video's Content Credentials (C2PA): valid (exit 0), untrusted (3: intact, signed
    with a development certificate), absent (4) or tampered (5). Invisible watermarks are
    not made yet, so none is looked for."""
    try:
        from videoagent.media.content_credentials import read

        found = read(file)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    console.print(
        f"{MARK.get(found.state, '[red]✗[/]')} [bold]content credentials:[/] {found.state}: "
        f"{escape(found.detail)}",
        highlight=False,
        soft_wrap=True,
    )
    actions = [
        a
        for assertion in found.manifest.get("assertions", [])
        if assertion.get("label", "").startswith("c2pa.actions")
        for a in assertion["data"].get("actions", [])
    ]
    for action in actions:
        words = action.get("description") or action.get("action", "")
        console.print(f"  {escape(action.get('action', ''))}: {escape(words)}", highlight=False)
    console.print(
        "  watermark: not looked for (videoagent does not embed one yet)", highlight=False
    )
    raise typer.Exit(EXIT[found.state])
