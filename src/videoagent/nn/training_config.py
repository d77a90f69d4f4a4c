"""What a training run is given: one frozen dataclass per trainer.

Every trainer is `train(config, log)`. Its settings, their defaults and their help live once,
on the dataclass (fields made with `videoagent.options.setting`); `videoagent train MODEL`
builds its options from the fields, and the checkpoint records the same fields
(`recorded`), so the weights say how they were made.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from videoagent.nn.compute import training_precision
from videoagent.options import check_settings, setting


@dataclass(frozen=True, kw_only=True)
class TrainingConfig:
    """The settings every trainer has; a trainer's own config adds its fields."""

    out: Path = setting("the checkpoint to write")
    seed: int = setting("seed of every random draw (the same seed makes the same run)", 0)
    threads: int = setting("CPU threads", 2, minimum=1)

    def __post_init__(self) -> None:
        check_settings(self)

    def begin(self) -> tuple[np.random.Generator, torch.Generator]:
        """Seed torch and set its threads, as every run starts; the run's numpy and torch
        random generators, both from the seed."""
        torch.manual_seed(self.seed)
        torch.set_num_threads(self.threads)
        return np.random.default_rng(self.seed), torch.Generator().manual_seed(self.seed)

    def recorded(self) -> dict:
        """The settings as stored beside the weights (paths as text, without `out`), and the
        number format the run computed in."""
        settings = asdict(self)
        del settings["out"]
        return {
            name: str(value) if isinstance(value, Path) else value
            for name, value in settings.items()
        } | {"precision": training_precision()}
