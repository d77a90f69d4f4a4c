"""A settings dataclass as command-line options: one option per field, with the field's
help, default, choices and type (`videoagent/options.py` describes the fields). Used by
`videoagent train` and `videoagent dataset`, whose options depend on the model or dataset
named, so they are parsed here rather than declared to typer."""

from __future__ import annotations

import argparse
import types
import typing
from dataclasses import MISSING, fields, is_dataclass

from videoagent.options import flag


def _option_type(hint) -> tuple[type, bool]:
    """The type one command-line value is parsed as, and whether the setting is a tuple."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0], True
    return hint, False


def _inherited(config_type: type) -> set[str]:
    """The fields `config_type` takes from dataclasses it extends (listed after its own)."""
    return {f.name for base in config_type.__mro__[1:] if is_dataclass(base) for f in fields(base)}


def command_line(config_type: type, program: str, description: str) -> argparse.ArgumentParser:
    """An argument parser whose options are the fields of `config_type`."""
    parser = argparse.ArgumentParser(prog=program, description=description)
    hints = typing.get_type_hints(config_type)
    inherited = _inherited(config_type)
    for each in sorted(fields(config_type), key=lambda each: each.name in inherited):
        kind, several = _option_type(hints[each.name])
        options: dict = {"help": each.metadata.get("help", "")}
        if each.default is MISSING:
            options["required"] = True
        else:
            options["default"] = each.default
            if each.default is not None:
                options["help"] += f" (default: {each.default})"
        if kind is bool:
            options["action"] = argparse.BooleanOptionalAction
        else:
            options["type"] = kind
            if several:
                options["nargs"] = "+"
            if each.metadata.get("choices"):
                options["choices"] = each.metadata["choices"]
        parser.add_argument(flag(each.name), dest=each.name, **options)
    return parser


def parse(config_type: type, arguments: list[str], program: str, description: str):
    """The settings that `arguments` (a command line after the command's name) describe."""
    values = vars(command_line(config_type, program, description).parse_args(arguments))
    return settings_from(config_type, values)


def settings_from(config_type: type, values: dict):
    """`config_type` made from parsed option values (lists become the tuples it holds)."""
    hints = typing.get_type_hints(config_type)
    for name, value in values.items():
        if isinstance(value, list) and _option_type(hints[name])[1]:
            values[name] = tuple(value)
    return config_type(**values)
