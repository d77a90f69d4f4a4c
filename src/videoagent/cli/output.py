"""What every command prints to the terminal through: one console on stderr, text made safe
to print, and the one-line error that ends a command."""

from __future__ import annotations

import re

import typer
from rich.console import Console
from rich.markup import escape as escape_markup

console = Console(stderr=True)

# Terminal controls (C0, DEL, C1) and bidirectional overrides, shown instead of obeyed.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """Text a user, a model or a provider wrote, made safe to print: Rich markup escaped and
    terminal escape sequences written out (as \\x1b) rather than sent to the terminal."""
    return escape_markup(CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def fail(exc: Exception, code: int) -> None:
    """End the command with `exc` as one line on stderr and exit status `code`."""
    console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
