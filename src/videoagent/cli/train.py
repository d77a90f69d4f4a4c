"""`videoagent train MODEL [options]`: one entry point for every model we train.

The options of each model are the fields of its trainer's config dataclass
(`nn/training_config.py`), so `videoagent train MODEL --help` always lists what the trainer
takes. Trainers load lazily: PyTorch is imported only when a model is trained.
"""

from __future__ import annotations

import importlib
import sys

import typer

from videoagent.cli.output import console, fail
from videoagent.errors import MissingDependency, UsageError, VideoAgentError

# model name → (module, its config class)
TRAINERS = {
    "autoencoder": ("videoagent.nn.train_autoencoder", "AutoencoderTraining"),
    "decoder": ("videoagent.nn.train_decoder", "DecoderTraining"),
    "recognizer": ("videoagent.nn.train_recognizer", "RecognizerTraining"),
    "entity-model": ("videoagent.nn.train_entity_model", "EntityModelTraining"),
    "plate-upsampler": ("videoagent.nn.train_plate_upsampler", "PlateUpsamplerTraining"),
    "video-model": ("videoagent.nn.train_video_model", "VideoModelTraining"),
    "world-model": ("videoagent.world.train_world_model", "WorldModelTraining"),
    "token-world-model": (
        "videoagent.world.train_token_world_model",
        "TokenWorldModelTraining",
    ),
}
HELP_OPTIONS = ("-h", "--help")


def _models_help() -> str:
    names = "\n".join(f"  {name}" for name in TRAINERS)
    return (
        "usage: videoagent train MODEL [options]\n\nModels:\n"
        f"{names}\n\n`videoagent train MODEL --help` lists a model's options."
    )


def train(context: typer.Context) -> None:
    """Train one of our models: autoencoder, decoder, recognizer, entity-model,
    plate-upsampler, video-model, world-model, token-world-model. `videoagent train MODEL
    --help` lists its options."""
    arguments = list(context.args)
    if not arguments or arguments[0] in HELP_OPTIONS:
        print(_models_help())
        raise typer.Exit(0 if arguments else 2)
    name, options = arguments[0], arguments[1:]
    if name not in TRAINERS:
        fail(UsageError(f"no model called {name!r} to train; one of {', '.join(TRAINERS)}"), 2)
    module_name, config_name = TRAINERS[name]
    try:
        module = importlib.import_module(module_name)
        from videoagent.cli.options import parse
    except ImportError:
        fail(MissingDependency("training", "embedded"), 2)
    description = module.__doc__.strip().splitlines()[0]
    try:
        config = parse(
            getattr(module, config_name), options, f"videoagent train {name}", description
        )
        module.train(config, log=lambda line: print(line, flush=True))
    except VideoAgentError as exc:
        fail(exc, 2)
    except KeyboardInterrupt:
        console.print(
            "stopped; a trainer that saves as it goes (--save-every) keeps its last checkpoint",
            highlight=False,
        )
        sys.exit(130)
