"""Reference images: checked, copied into the project under names we choose, matched to the
bible entity they show, and read for their palette.

A reference is given as `path` or `entity=path`. Without an entity, words of the file name
pick one ("dog.png" → the dog, "cafe.jpg" → the café stand); a reference that matches no
entity is a look reference for every shot. Synthworld cannot copy a picture, so it takes
from a reference what it can draw: the entity's colour, the nearest of its palette.
"""

from __future__ import annotations

import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from videoagent.errors import UsageError
from videoagent.plan.bible import Bible, BibleEntity
from videoagent.synthworld import vocabulary as vocab

MAX_REFERENCES = 7
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 20 MB PNG can still unpack to gigabytes: its header says how many
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}


@dataclass(frozen=True)
class Reference:
    """A checked reference image, before it is copied into a project."""

    path: Path
    entity: str  # the entity the user named, or ""
    format: str

    @property
    def words(self) -> set[str]:
        return {w for w in re.split(r"[^a-z]+", self.path.stem.lower()) if w}


def check_references(specs: list[str]) -> list[Reference]:
    """Validate `--ref` values; UsageError naming the first bad one. Writes nothing."""
    if len(specs) > MAX_REFERENCES:
        raise UsageError(f"at most {MAX_REFERENCES} references are allowed, got {len(specs)}")
    checked = []
    for spec in specs:
        entity, _, raw = spec.rpartition("=") if "=" in spec else ("", "", spec)
        path = Path(raw).expanduser()
        if not path.is_file():
            raise UsageError(f"reference {raw!r} is not a file")
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"reference {raw!r} is larger than {MAX_BYTES // 2**20} MB")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    width, height = image.size
                    image.verify()
                    kind = image.format
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UsageError(
                f"reference {raw!r} has too many pixels; the most is {MAX_PIXELS // 10**6} "
                "megapixels"
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise UsageError(
                f"reference {raw!r} is not an image PNG, JPEG or WebP can read"
            ) from exc
        if width * height > MAX_PIXELS:
            raise UsageError(
                f"reference {raw!r} is {width}x{height}; the most is {MAX_PIXELS // 10**6} "
                "megapixels"
            )
        if kind not in FORMATS:
            raise UsageError(f"reference {raw!r} is {kind}; use PNG, JPEG or WebP")
        checked.append(Reference(path, entity.strip().lower(), kind))
    return checked


def check_named_entities(references: list[Reference], bible: Bible) -> None:
    """UsageError for a reference that names an entity the plan does not have (as
    `--ref dragon=dog.png` for a video without a dragon). Writes nothing."""
    for reference in references:
        _entity_for(
            {"entity": reference.entity, "given_as": reference.path.name, "words": []}, bible
        )


def store_references(references: list[Reference], folder: Path) -> list[dict]:
    """Copy references into `folder` as ref-01.png, ref-02.jpg, …; the user's file names
    never become paths in the project."""
    folder.mkdir(parents=True, exist_ok=True)
    stored = []
    for number, reference in enumerate(references, start=1):
        name = f"ref-{number:02d}{FORMATS[reference.format]}"
        shutil.copyfile(reference.path, folder / name)
        stored.append(
            {
                "file": name,
                "entity": reference.entity,
                "words": sorted(reference.words),
                "given_as": reference.path.name,
            }
        )
    return stored


def palette(path: Path, colours: int = 3) -> list[tuple[int, int, int]]:
    """The main colours of the picture's subject (the background, read from the border,
    left out), most common first."""
    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGB").resize((96, 96)), dtype=np.int32)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    background = np.median(border, axis=0)
    distance = np.abs(pixels - background).sum(axis=2)
    subject = pixels[distance > 60]
    if len(subject) < 50:  # no clear subject: the whole picture is the look
        subject = pixels.reshape(-1, 3)
    quantised = Image.fromarray(subject.reshape(1, -1, 3).astype(np.uint8)).quantize(colours)
    table = quantised.getpalette()[: colours * 3]
    counts = sorted(quantised.getcolors(), reverse=True)
    return [tuple(table[i * 3 : i * 3 + 3]) for _, i in counts][:colours]


def nearest_colour(rgb: tuple[int, int, int]) -> str:
    """The synthworld colour closest to `rgb`."""
    return min(
        vocab.COLOURS,
        key=lambda name: sum((a - b) ** 2 for a, b in zip(vocab.COLOURS[name], rgb, strict=True)),
    )


def _entity_for(reference: dict, bible: Bible) -> BibleEntity | None:
    named = reference["entity"]
    for entity in bible.entities.values():
        # A kind synthworld cannot draw is still in the cast ("unsupported-unicorn"): a
        # reference shows the hosted models what it looks like.
        if named and (
            named in (entity.id, entity.kind, entity.role) or entity.id == f"unsupported-{named}"
        ):
            return entity
    if named:
        known = ", ".join(bible.entities)
        raise UsageError(f"reference {reference['given_as']!r} names {named!r}; entities: {known}")
    words = set(reference["words"])
    for entity in bible.entities.values():
        if words & ({entity.id, entity.role} | set(entity.kind.split())):
            return entity
    return None


def apply_references(references: list[dict], bible: Bible, refs_folder: Path) -> list[str]:
    """Attach each stored reference to its entity and take the entity's colour from it.
    Returns what was done, in words, for the journal."""
    notes = []
    for reference in references:
        entity = _entity_for(reference, bible)
        path = refs_folder / reference["file"]
        colours = palette(path)
        hexes = ["#{:02x}{:02x}{:02x}".format(*c) for c in colours]
        if entity is None:
            notes.append(
                f"{reference['given_as']}: no entity matches; a look reference for every shot"
            )
            reference["entity"] = ""
            continue
        reference["entity"] = entity.id
        entity.references.append(reference["file"])
        entity.palette = hexes
        if entity.kind in vocab.KINDS and entity.kind != "placeholder":
            old, entity.colour = entity.colour, nearest_colour(colours[0])
            entity.description = entity.description.replace(old, entity.colour)
        entity.description += f" (looks as in {reference['file']})"
        notes.append(
            f"{reference['given_as']} → {entity.id}: palette {', '.join(hexes)}; "
            f"drawn {entity.colour}"
        )
    _keep_lookalikes_apart(bible)
    return notes


def _keep_lookalikes_apart(bible: Bible) -> None:
    """Two of the same kind must not share a colour; the one without a reference changes."""
    seen: dict[tuple[str, str], BibleEntity] = {}
    for entity in sorted(bible.entities.values(), key=lambda e: not e.references):
        if entity.kind not in vocab.CREATURES:
            continue
        if (entity.kind, entity.colour) in seen:
            taken = {e.colour for e in bible.entities.values() if e.kind == entity.kind}
            old, entity.colour = entity.colour, next(c for c in vocab.COLOURS if c not in taken)
            entity.description = entity.description.replace(old, entity.colour)
        seen[(entity.kind, entity.colour)] = entity
