"""Settings dataclasses that describe themselves, for the commands that take them.

A field made with `setting` carries its help line, the values it allows and the least value
it allows; `check_settings` enforces them in one place, with an error that names the
command-line flag. The CLI turns such a dataclass into options (`cli/options.py`), so a
trainer's or a dataset builder's settings, defaults and help are written once.
"""

from __future__ import annotations

from dataclasses import MISSING, field, fields

from videoagent.errors import UsageError


def setting(help: str, default=MISSING, *, choices: tuple = (), minimum: float | None = None):
    """A described field: its help line, the values allowed, the least value allowed."""
    metadata = {"help": help, "choices": choices, "minimum": minimum}
    return field(default=default, metadata=metadata)


def flag(name: str) -> str:
    """The command-line flag of a field: `--entity-weight` for `entity_weight`."""
    return "--" + name.replace("_", "-")


def check_settings(settings) -> None:
    """UsageError, naming the flag and the value, for a field outside what it allows."""
    for each in fields(settings):
        value, metadata = getattr(settings, each.name), each.metadata
        if value is None:
            continue
        if metadata.get("choices") and value not in metadata["choices"]:
            allowed = ", ".join(map(str, metadata["choices"]))
            raise UsageError(f"{flag(each.name)} must be one of {allowed}, got {value!r}")
        if metadata.get("minimum") is not None and value < metadata["minimum"]:
            raise UsageError(
                f"{flag(each.name)} must be at least {metadata['minimum']}, got {value!r}"
            )
