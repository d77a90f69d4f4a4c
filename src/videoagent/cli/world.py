"""`videoagent world …`: play a world model in the browser, replay a recorded session."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from videoagent.cli.output import console, fail
from videoagent.errors import UsageError, VideoAgentError

world = typer.Typer(no_args_is_help=True, help="Interactive world models: play and replay.")


def _check_loopback(host: str) -> None:
    """This server has no login, so it only listens where nobody else can reach it."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise UsageError(f"--host must be a loopback address (play has no login), got {host!r}")


@world.command()
def play(
    environment: Annotated[str, typer.Argument(help="griddodge, minidesk or atari:pong.")],
    weights: Annotated[
        Path | None, typer.Option(help="World model weights (default: shipped).")
    ] = None,
    steps: Annotated[
        int, typer.Option(help="Sampling steps per frame of a diffusion world model: 1, 2, 4 …")
    ] = 1,
    fps: Annotated[float | None, typer.Option(help="Frames per second to aim for.")] = None,
    host: Annotated[str, typer.Option(help="Address to serve on (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8765,
    record: Annotated[
        Path | None, typer.Option(help="Folder to save each session's recording in.")
    ] = None,
    seed: Annotated[int, typer.Option(help="First episode's layout.")] = 0,
    int8: Annotated[
        bool,
        typer.Option(
            "--int8/--fp32",
            help="A token world model's convolutions in int8 (faster, as faithful as measured).",
        ),
    ] = True,
) -> None:
    """Serve a page on localhost where you play ENVIRONMENT inside its world model."""
    from videoagent.world.models import load_world_model
    from videoagent.world.play_server import create_app, serve

    try:
        _check_loopback(host)
        model, _ = load_world_model(environment, weights)
        app = create_app(model, steps=steps, fps=fps, seed=seed, record_dir=record, int8=int8)
    except (VideoAgentError, ValueError) as exc:
        fail(exc, 2)
    console.print(f"playing {environment} at http://{host}:{port} (Ctrl+C to stop)")
    serve(app, host, port)


@world.command()
def replay(
    recording: Annotated[Path, typer.Argument(help="A recording saved by `world play --record`.")],
    out: Annotated[Path, typer.Option("--out", help="The mp4 to write.")],
    scale: Annotated[int, typer.Option(help="Pixels per model pixel.")] = 8,
    fps: Annotated[float, typer.Option(help="Frames per second of the video.")] = 8.0,
) -> None:
    """Write a recorded session's frames (the model's, as shown) to an mp4."""
    from videoagent.world.replay import write_replay

    try:
        written = write_replay(recording, out, scale=scale, fps=fps)
    except VideoAgentError as exc:
        fail(exc, 2)
    console.print(f"wrote {written}")
