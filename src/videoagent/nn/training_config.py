"""What a training run is given: one frozen dataclass per trainer, and its command line.

Every trainer is `train(config, log)`. Its settings, their defaults and their help live once,
on the dataclass; `videoagent train MODEL` builds its options from the fields, and the
checkpoint records the same fields (`recorded`), so the weights say how they were made.
"""

from __future__ import annotations

import argparse
import types
import typing
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path

import numpy as np
import torch

from videoagent.errors import UsageError


def setting(help: str, default=MISSING, *, choices: tuple = (), minimum: float | None = None):
    """A field of a training config: its help line, the values allowed, the least allowed."""
    metadata = {"help": help, "choices": choices, "minimum": minimum}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True)
class TrainingConfig:
    """The settings every trainer has; a trainer's own config adds its fields."""

    out: Path = setting("the checkpoint to write")
    seed: int = setting("seed of every random draw (the same seed makes the same run)", 0)
    threads: int = setting("CPU threads", 2, minimum=1)

    def __post_init__(self) -> None:
        for each in fields(self):
            value, metadata = getattr(self, each.name), each.metadata
            if value is None:
                continue
            if metadata.get("choices") and value not in metadata["choices"]:
                allowed = ", ".join(map(str, metadata["choices"]))
                raise UsageError(f"--{_flag(each.name)} must be one of {allowed}, got {value!r}")
            if metadata.get("minimum") is not None and value < metadata["minimum"]:
                raise UsageError(
                    f"--{_flag(each.name)} must be at least {metadata['minimum']}, got {value!r}"
                )

    def begin(self) -> tuple[np.random.Generator, torch.Generator]:
        """Seed torch and set its threads, as every run starts; the run's numpy and torch
        random generators, both from the seed."""
        torch.manual_seed(self.seed)
        torch.set_num_threads(self.threads)
        return np.random.default_rng(self.seed), torch.Generator().manual_seed(self.seed)

    def recorded(self) -> dict:
        """The settings as stored beside the weights (paths as text, without `out`)."""
        settings = asdict(self)
        del settings["out"]
        return {
            name: str(value) if isinstance(value, Path) else value
            for name, value in settings.items()
        }


def _flag(name: str) -> str:
    return name.replace("_", "-")


def _option_type(hint) -> tuple[type, bool]:
    """The type one command-line value is parsed as, and whether the setting is a tuple."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0], True
    return hint, False


def command_line(config_type: type[TrainingConfig], program: str, description: str):
    """An argument parser whose options are the fields of `config_type`."""
    parser = argparse.ArgumentParser(prog=program, description=description)
    hints = typing.get_type_hints(config_type)
    common = {each.name for each in fields(TrainingConfig)}
    for each in sorted(fields(config_type), key=lambda each: each.name in common):
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
        parser.add_argument(f"--{_flag(each.name)}", dest=each.name, **options)
    return parser


def parse(config_type: type[TrainingConfig], arguments: list[str], program: str, description: str):
    """The config that `arguments` (a command line after the model's name) describe."""
    values = vars(command_line(config_type, program, description).parse_args(arguments))
    hints = typing.get_type_hints(config_type)
    for name, value in values.items():
        if isinstance(value, list) and _option_type(hints[name])[1]:
            values[name] = tuple(value)
    return config_type(**values)
