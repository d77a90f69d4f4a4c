"""The `videoagent` command: one sub-command per noun, thin over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from videoagent.agent.agent import Agent, AgentSettings
from videoagent.agent.steps import StepRecord
from videoagent.cli.world import world
from videoagent.errors import MissingDependency, UsageError, VideoAgentError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="videoagent: one sentence in, a finished video out.",
)
app.add_typer(world, name="world")
console = Console(stderr=True)
MARK = {
    "done": "[green]✓[/]",
    "warning": "[yellow]![/]",
    "failed": "[red]✗[/]",
    "started": "[cyan]…[/]",
    "progress": "[cyan]·[/]",
}


def _fail(exc: Exception, code: int) -> None:
    console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _run_agent(settings: AgentSettings, work, project: Path) -> None:
    """Run `work(agent)` on `project` with live progress; print the result; map errors to
    exit codes (2 misuse, 1 failure, 130 interrupted)."""
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            bars: dict[str, int] = {}

            def show(record: StepRecord) -> None:
                if record.step == "generate" and "total" in record.data:
                    if "generate" not in bars:
                        bars["generate"] = progress.add_task("generate", total=record.data["total"])
                    progress.update(bars["generate"], completed=record.data.get("done", 0))
                if record.status != "progress" or record.step in ("bible", "storyboard"):
                    progress.console.print(
                        f"{MARK[record.status]} [bold]{record.step:<10}[/] "
                        f"{escape(record.message)}",
                        highlight=False,
                    )

            result = work(Agent(settings, listener=show))
    except (UsageError, MissingDependency) as exc:
        _fail(exc, 2)
    except VideoAgentError as exc:
        _fail(exc, 1)
    except KeyboardInterrupt:
        console.print(
            f"[yellow]interrupted:[/] finished takes are kept; `videoagent resume "
            f"{escape(str(project))}` goes on from here",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    console.print(
        f"[bold]{result.video}[/]  manifest: {result.folder / 'renders/manifest.json'}",
        highlight=False,
    )
    if not result.verified:
        raise typer.Exit(1)


@app.command()
def make(
    request: Annotated[str, typer.Argument(help="What the video should show, in one sentence.")],
    out: Annotated[Path, typer.Option("--out", help="New project folder to write.")],
    mode: Annotated[str, typer.Option(help="create, short-film, ugc-product or brand.")] = "create",
    duration: Annotated[
        float | None, typer.Option(help="Seconds (else from the request, else 30).")
    ] = None,
    aspect: Annotated[str, typer.Option(help="16:9, 9:16, 1:1 or 4:5.")] = "16:9",
    size: Annotated[
        str | None, typer.Option(help="Frame size WxH (default: 640x360 budget).")
    ] = None,
    fps: Annotated[str, typer.Option(help="Frames per second.")] = "24",
    backend: Annotated[str | None, typer.Option(help="Pin a generator (see `backends`).")] = None,
    ref: Annotated[
        list[str] | None,
        typer.Option(
            "--ref",
            help="Reference image (PNG/JPEG/WebP), up to 7: PATH, or ENTITY=PATH "
            "(e.g. dog=rex.png); a file name like dog.png picks its entity.",
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for a repeatable run.")] = 0,
    max_retries: Annotated[int, typer.Option(help="Regenerations per failing shot.")] = 2,
    budget: Annotated[float | None, typer.Option(help="Most USD to spend.")] = None,
    llm: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint for planning (env VIDEOAGENT_LLM_URL).",
            envvar="VIDEOAGENT_LLM_URL",
        ),
    ] = None,
    llm_model: Annotated[str | None, typer.Option(envvar="VIDEOAGENT_LLM_MODEL")] = None,
) -> None:
    """Plan, generate, check and edit a video from one sentence."""
    from videoagent.plan.request import Request

    try:
        built = Request.build(
            request, mode=mode, duration=duration, aspect=aspect, size=size, fps=fps, seed=seed
        )
    except UsageError as exc:
        _fail(exc, 2)
    settings = AgentSettings(
        backend=backend, max_retries=max_retries, budget=budget, llm_url=llm, llm_model=llm_model
    )
    _run_agent(settings, lambda agent: agent.make(built, out, references=ref or []), out)


@app.command()
def resume(
    project: Annotated[Path, typer.Argument(help="Project folder of an interrupted run.")],
) -> None:
    """Finish an interrupted run (Ctrl-C, kill, power cut) without redoing finished takes."""
    _run_agent(AgentSettings(), lambda agent: agent.resume(project), project)


@app.command()
def shot(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    number: Annotated[int, typer.Argument(help="Shot number, as in the storyboard (from 1).")],
    prompt: Annotated[
        str | None, typer.Option(help="A new idea for the shot (else: a new seed).")
    ] = None,
) -> None:
    """Regenerate one shot; every other shot is reused from the cache."""
    _run_agent(
        AgentSettings(), lambda agent: agent.regenerate(project, number, prompt=prompt), project
    )


@app.command()
def edit(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    request: Annotated[str, typer.Argument(help='e.g. "put SALE on screen at 0:05 for 2 seconds"')],
    llm: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint that plans new shots from the packed history.",
            envvar="VIDEOAGENT_LLM_URL",
        ),
    ] = None,
    llm_model: Annotated[str | None, typer.Option(envvar="VIDEOAGENT_LLM_MODEL")] = None,
) -> None:
    """Change a finished video: text, length, shape, order, cards, new or replaced shots."""
    settings = AgentSettings(llm_url=llm, llm_model=llm_model)
    _run_agent(settings, lambda agent: agent.edit(project, request), project)


@app.command()
def history(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    steps: Annotated[bool, typer.Option(help="Show every step of every run.")] = True,
) -> None:
    """What happened to the project, run by run and step by step (from its journal)."""
    import datetime

    from videoagent.store.journal import Journal
    from videoagent.store.project import ProjectFolder

    try:
        folder = ProjectFolder.open(project)
        journal = Journal(folder.journal)
    except UsageError as exc:
        _fail(exc, 2)
    out = Console()
    for run in journal.runs():
        began = datetime.datetime.fromtimestamp(run["started"]).strftime("%Y-%m-%d %H:%M:%S")
        status = {"running": "interrupted"}.get(run["status"], run["status"])
        out.print(
            f"[bold]run {run['id']}[/] {began}  {run['command']} {escape(run['detail'])}  "
            f"({status})",
            highlight=False,
        )
        if steps:
            for record in journal.records(run["id"]):
                if record["status"] == "progress" and record["step"] == "generate":
                    continue
                out.print(
                    f"  {MARK[record['status']]} {record['step']:<10} {escape(record['message'])}",
                    highlight=False,
                )
    journal.close()


@app.command()
def plan(
    request: Annotated[str, typer.Argument(help="What the video should show.")],
    mode: Annotated[str, typer.Option()] = "create",
    duration: Annotated[float | None, typer.Option()] = None,
    aspect: Annotated[str, typer.Option()] = "16:9",
    backend: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the storyboard as JSON.")] = False,
    llm: Annotated[str | None, typer.Option(envvar="VIDEOAGENT_LLM_URL")] = None,
    llm_model: Annotated[str | None, typer.Option(envvar="VIDEOAGENT_LLM_MODEL")] = None,
) -> None:
    """Print the storyboard, with the prompts `make` would send, without generating."""
    from videoagent.agent.planning import draft_bible, draft_storyboard, write_prompts
    from videoagent.agent.routing import choose_backend
    from videoagent.generators import capabilities
    from videoagent.plan.brief import make_brief
    from videoagent.plan.request import Request

    try:
        built = Request.build(request, mode=mode, duration=duration, aspect=aspect)
        name = choose_backend(
            backend,
            seconds=min(built.seconds, 10.0),
            width=built.width,
            height=built.height,
            fps=float(built.rate.fps),
        )
        caps = capabilities(name)
        brief = make_brief(built)
        bible = draft_bible(brief)
        board, warnings = draft_storyboard(
            built,
            brief,
            bible,
            backend=name,
            dialect=caps.dialect,
            llm_url=llm,
            llm_model=llm_model,
        )
        write_prompts(board, caps, style=brief.style, bible=bible)
    except (UsageError, MissingDependency) as exc:
        _fail(exc, 2)
    for warning in warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(board.to_dict(), indent=2) + "\n")
        return
    out = Console()
    out.print(
        f"[bold]{escape(board.request)}[/]  ({board.mode}, {built.seconds:g} s, "
        f"{board.width}x{board.height} @ {board.fps} fps, backend {name})",
        highlight=False,
    )
    for shot in board.shots:
        seconds = float(board.rate.seconds(shot.frames))
        out.print(
            f"\n[bold]{shot.id}[/] {seconds:5.2f} s  {shot.kind:9} {escape(shot.beat)}"
            f"  [dim]({shot.shot_size}, {shot.camera}, in: {shot.transition_in})[/]",
            highlight=False,
        )
        out.print(f"  caption: {escape(shot.caption)}", highlight=False)
        if shot.prompt:
            out.print(f"  prompt:  {escape(shot.prompt)}", highlight=False)


@app.command()
def backends() -> None:
    """List the generators with their capabilities and whether they work here."""
    from videoagent.generators import available, catalog, registry

    here = set(available())
    out = Console()
    for name in registry.known():
        caps = catalog().get(name)
        status = "[green]available[/]" if name in here else "[red]not installed[/]"
        out.print(f"[bold]{name}[/]  {status}", highlight=False)
        if caps:
            out.print(
                f"  {caps.description}\n  modes: {', '.join(caps.modes)}; "
                f"{caps.min_seconds}-{caps.max_seconds} s; up to "
                f"{caps.max_width}x{caps.max_height}; refs: {caps.max_references}; "
                f"dialect: {caps.dialect}; ${caps.price_per_second}/s\n"
                f"  cannot: {'; '.join(caps.cannot)}",
                highlight=False,
            )


def main() -> None:
    app()
