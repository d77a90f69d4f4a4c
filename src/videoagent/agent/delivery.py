"""What a render delivers, and the rule that keeps a verified video safe: every render is
written under "unverified" names (final.unverified.mp4, manifest.unverified.json, …) and
only a render that passed verification replaces the delivered files. A failed render stays
beside the last verified video for the user to look at; it never overwrites it."""

from __future__ import annotations

import os
from pathlib import Path

from videoagent.failpoints import reached

# Published in this order: the manifest, which names the rest, comes last.
DELIVERED = (
    "final.srt",
    "final.vtt",
    "mix.wav",
    "contact_sheet.png",
    "final.mp4",
    "manifest.json",
)


def unverified(name: str) -> str:
    """The name a delivered file has until its render is verified: final.unverified.mp4."""
    stem, _, extension = name.partition(".")
    return f"{stem}.unverified.{extension}"


def delivered_name(name: str, verified: bool) -> str:
    return name if verified else unverified(name)


def publish(renders: Path) -> None:
    """A verified render's files replace the delivered ones, each atomically, the manifest
    last. A run killed midway leaves the remaining files staged; the next run renders again
    and publishes the whole set."""
    for name in DELIVERED:
        staged = renders / unverified(name)
        if staged.exists():
            os.replace(staged, renders / name)
            reached(f"publish:{name}")
