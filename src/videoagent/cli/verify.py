"""`videoagent verify FILE`: what a video says of how it was made, in its metadata (Content
Credentials) and in its pixels (the invisible watermark), and whether it is still what was
signed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from videoagent.cli.output import console, escape, fail
from videoagent.errors import MissingDependency, UsageError

# The exit status says what the file carries: the credentials' state, plus NO_WATERMARK when
# the pixels carry no mark (2 is a command used wrongly, as everywhere).
EXIT = {"valid": 0, "untrusted": 3, "absent": 4, "tampered": 5, "unread": 6}
NO_WATERMARK = 8
MARK = {"valid": "[green]✓[/]", "untrusted": "[yellow]![/]", "found": "[green]✓[/]"}


def verify(
    file: Annotated[Path, typer.Argument(help="A video to read.")],
) -> None:
    """Read a video's Content Credentials (C2PA) and its invisible watermark. Exit status:
    the credentials' state, valid 0, untrusted 3 (intact, signed with a development
    certificate), absent 4, tampered 5, not readable here 6 (the provenance extra is not
    installed); plus 8 when no watermark is found (so 12: nothing says the video is ours)."""
    from videoagent.media.watermark_reader import read_watermark

    try:
        reading = read_watermark(file)
    except UsageError as exc:
        fail(exc, 2)
    state, detail, manifest = _credentials(file)
    console.print(
        f"{MARK.get(state, '[red]✗[/]')} [bold]content credentials:[/] {state}: {escape(detail)}",
        highlight=False,
        soft_wrap=True,
    )
    actions = [
        a
        for assertion in manifest.get("assertions", [])
        if assertion.get("label", "").startswith("c2pa.actions")
        for a in assertion["data"].get("actions", [])
    ]
    for action in actions:
        words = action.get("description") or action.get("action", "")
        console.print(f"  {escape(action.get('action', ''))}: {escape(words)}", highlight=False)
    console.print(
        f"{MARK.get(reading.state, '[red]✗[/]')} [bold]watermark:[/] {escape(reading.describe())}",
        highlight=False,
        soft_wrap=True,
    )
    signed_mark = _signed_watermark(manifest)
    if reading.found and signed_mark.get("project"):
        signed = escape(signed_mark["project"])
        same = signed == reading.payload.hex
        console.print(
            "  the credentials name the same project"
            if same
            else f"  [red]the credentials name another project ({signed})[/]",
            highlight=False,
        )
    raise typer.Exit(EXIT[state] + (0 if reading.found else NO_WATERMARK))


def _credentials(file: Path) -> tuple[str, str, dict]:
    try:
        from videoagent.media.content_credentials import read

        found = read(file)
    except MissingDependency as exc:
        return "unread", str(exc), {}
    except UsageError as exc:
        fail(exc, 2)
    return found.state, found.detail, found.manifest


def _signed_watermark(manifest: dict) -> dict:
    """The watermark the credentials say the pixels carry (videoagent's own assertion)."""
    for assertion in manifest.get("assertions", []):
        if assertion.get("label") == "org.videoagent.made":
            return assertion.get("data", {}).get("watermark") or {}
    return {}
