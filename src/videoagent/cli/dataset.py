"""`videoagent dataset NAME --out DIR [options]`: build the data a model trains on.

NAME is `synthworld` (clips of the synthetic world with captions and exact ground truth) or
an environment whose rollouts a world model learns (griddodge, minidesk, atari:pong). The
options are the fields of the builder's settings dataclass; `videoagent dataset NAME --help`
lists them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from videoagent.cli.options import command_line, settings_from
from videoagent.cli.output import fail
from videoagent.cli.train import HELP_OPTIONS
from videoagent.errors import UsageError, VideoAgentError

NAMES = ("synthworld", "griddodge", "minidesk", "atari:pong")


def dataset(context: typer.Context) -> None:
    """Build a dataset: synthworld, griddodge, minidesk or atari:pong. `videoagent dataset
    NAME --help` lists its options."""
    arguments = list(context.args)
    if not arguments or arguments[0] in HELP_OPTIONS:
        print("usage: videoagent dataset NAME --out DIR [options]\n\nNames: " + ", ".join(NAMES))
        raise typer.Exit(0 if arguments else 2)
    name, options = arguments[0], arguments[1:]
    if name not in NAMES:
        fail(UsageError(f"no dataset called {name!r}; one of {', '.join(NAMES)}"), 2)
    if name == "synthworld":
        from videoagent.synthworld.dataset import DatasetConfig as Settings
        from videoagent.synthworld.dataset import build
    else:
        from videoagent.world.dataset import RolloutConfig as Settings
        from videoagent.world.dataset import build
    parser = command_line(Settings, f"videoagent dataset {name}", Settings.__doc__ or "")
    parser.add_argument("--out", type=Path, required=True, help="the folder to build (new)")
    values = vars(parser.parse_args(options))
    out = values.pop("out")
    try:
        settings = settings_from(Settings, values)
        if name == "synthworld":
            card = build(out, settings)
        else:
            card = build(name, out, **vars(settings))
    except VideoAgentError as exc:
        fail(exc, 2)
    sizes = ", ".join(
        f"{split} {facts.get('clips', facts.get('episodes'))}"
        for split, facts in card["splits"].items()
    )
    print(f"built {out}: {sizes}")
