"""The `videoagent` command: one sub-command per noun, thin over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from videoagent.agent.agent import Agent
from videoagent.agent.kept_failing import failing_headline, generated_shots
from videoagent.agent.settings import AgentSettings
from videoagent.agent.steps import StepRecord
from videoagent.agent.wall_estimate import said
from videoagent.cli.batch import ExecutorOption, RayAddressOption, batch, executor_for
from videoagent.cli.dataset import dataset
from videoagent.cli.export import export
from videoagent.cli.output import console, escape, fail
from videoagent.cli.train import train
from videoagent.cli.verify import verify
from videoagent.cli.world import world
from videoagent.errors import MissingDependency, UsageError, VideoAgentError
from videoagent.evaluate.asks_shown import asks_line
from videoagent.llm.endpoint import check_llm_url, readers
from videoagent.loopback import LOOPBACK_HOSTS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="videoagent: one sentence in, a finished video out.",
)
app.add_typer(world, name="world")
MARK = {
    "done": "[green]✓[/]",
    "warning": "[yellow]![/]",
    "failed": "[red]✗[/]",
    "started": "[cyan]…[/]",
    "progress": "[cyan]·[/]",
}


# Options several commands take, declared once.
BudgetOption = Annotated[
    float | None,
    typer.Option(help="Most USD this run may spend; it stops before a charge that would pass it."),
]
ApproveOption = Annotated[
    bool, typer.Option(help="Show the cost estimate and wait for a yes before generating.")
]
StrictOption = Annotated[
    bool, typer.Option(help="Exit 1 when a shot keeps a take that failed its checks.")
]
LlmOption = Annotated[
    str | None,
    typer.Option(
        help="The language model that plans and reads edits: an OpenAI-compatible endpoint "
        "(http…), gguf:PATH (a model file run here), local (the packaged model, the "
        "packaged-llm extra) or rules (none). Unset: our rules plan, and the packaged model, "
        "when installed, reads the edits they cannot (env VIDEOAGENT_LLM_URL).",
        envvar="VIDEOAGENT_LLM_URL",
    ),
]
LlmModelOption = Annotated[str | None, typer.Option(envvar="VIDEOAGENT_LLM_MODEL")]


def _ask_approval(progress: Progress, estimate: dict) -> bool:
    """Show the estimate and wait for a yes (the progress display pauses meanwhile)."""
    progress.stop()
    parts = ", ".join(f"{name} ${usd:.2f}" for name, usd in estimate["by_backend"].items())
    console.print(
        f"[bold]estimate:[/] {estimate['shots_to_generate']} shots to generate "
        f"({estimate['generated_seconds']:g} s of video): ${estimate['cost']:.2f}"
        + (f" ({parts})" if parts else "")
        + f"; {said(estimate)}",
        highlight=False,
    )
    answer = typer.confirm("Generate?", default=False, err=True)
    progress.start()
    return answer


def _run_agent(
    settings: AgentSettings, work, project: Path, *, approve: bool = False, strict: bool = False
) -> None:
    """Run `work(agent)` on `project` with live progress; print the result; map errors to
    exit codes (2 misuse, 1 failure, 130 interrupted). With `approve`, nothing is
    generated before the user says yes to the estimate; with `strict`, a shot that keeps a
    take that failed its checks is a failure too (it is said last either way)."""
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
            if approve:
                settings.approve = lambda estimate: _ask_approval(progress, estimate)

            def show(record: StepRecord) -> None:
                if "llm" in record.data:  # a model writing: one line, updated in place
                    line = f"{record.step}: {record.message}"
                    if "llm" not in bars:
                        bars["llm"] = progress.add_task(line, total=None)
                    progress.update(bars["llm"], description=line)
                    return
                if "llm" in bars:  # it has finished
                    progress.remove_task(bars.pop("llm"))
                if record.step == "generate" and record.progress is not None:
                    if "generate" not in bars:
                        bars["generate"] = progress.add_task(
                            "generate", total=record.progress.total
                        )
                    progress.update(bars["generate"], completed=record.progress.done)
                if record.status != "progress" or record.step in ("bible", "storyboard"):
                    progress.console.print(
                        f"{MARK[record.status]} [bold]{record.step:<10}[/] "
                        f"{escape(record.message)}",
                        highlight=False,
                    )

            result = work(Agent(settings, listener=show))
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    except VideoAgentError as exc:
        fail(exc, 1)
    except KeyboardInterrupt:
        console.print(
            f"[yellow]interrupted:[/] finished takes are kept; `videoagent resume "
            f"{escape(str(project))}` goes on from here",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    manifest = "manifest.json" if result.verified else "manifest.unverified.json"
    console.print(
        f"[bold]{escape(str(result.video))}[/]  manifest: "
        f"{escape(str(result.folder / 'renders' / manifest))}",
        highlight=False,
        soft_wrap=True,
    )
    asked = asks_line(result.manifest.get("asks", []))
    if asked:
        missing = any(s["state"] == "not shown" for s in result.manifest["asks"])
        colour = "yellow" if missing else "green"
        console.print(f"[{colour}]{escape(asked)}[/]", highlight=False, soft_wrap=True)
    kept = result.kept_failing  # said last (the video's own checks cannot see it)
    if kept:
        console.print(
            f"[yellow]{escape(failing_headline(kept, generated_shots(result.manifest)))}[/]",
            highlight=False,
            soft_wrap=True,
        )
    if not result.verified or (strict and kept):
        # Exit 1: the new render failed its checks (a verified final.mp4, if any, is kept),
        # or --strict and a shot kept a failing take.
        raise typer.Exit(1)


@app.command()
def make(
    request: Annotated[str, typer.Argument(help="What the video should show, in one sentence.")],
    out: Annotated[Path, typer.Option("--out", help="New project folder to write.")],
    mode: Annotated[
        str | None,
        typer.Option(
            help="create, short-film, ugc-product or brand; unset: the one the request names "
            "('a short film about …', 'a brand video for …', 'an ad for …', 'a UGC video'), "
            "else create."
        ),
    ] = None,
    duration: Annotated[
        float | None, typer.Option(help="Seconds (else from the request, else 30).")
    ] = None,
    aspect: Annotated[
        str | None,
        typer.Option(help="16:9, 9:16, 1:1 or 4:5 (default: as the request asks, else 16:9)."),
    ] = None,
    size: Annotated[
        str | None, typer.Option(help="Frame size WxH (default: 640x360 budget).")
    ] = None,
    fps: Annotated[str, typer.Option(help="Frames per second.")] = "24",
    backend: Annotated[str | None, typer.Option(help="Pin a generator (see `backends`).")] = None,
    backends: Annotated[
        str | None,
        typer.Option(
            help="Generators to route shots among, comma-separated (default: every "
            "configured one, else the offline one)."
        ),
    ] = None,
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
    budget: BudgetOption = None,
    approve: ApproveOption = False,
    preview: Annotated[
        bool,
        typer.Option(
            help="Make the whole video on the procedural world first (free, half size, in "
            "OUT/preview), then ask before generating with the real backend (implies --approve)."
        ),
    ] = False,
    strict: StrictOption = False,
    profile: Annotated[
        str | None,
        typer.Option(
            help="youtube, shorts, tiktok, reels or instagram-feed: the platform's shape, "
            "size, rate and loudness, and an upload file and cover beside the video."
        ),
    ] = None,
    llm: LlmOption = None,
    llm_model: LlmModelOption = None,
    judge: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible vision endpoint that judges each take against its shot "
            "(env VIDEOAGENT_JUDGE_URL).",
            envvar="VIDEOAGENT_JUDGE_URL",
        ),
    ] = None,
    judge_model: Annotated[str | None, typer.Option(envvar="VIDEOAGENT_JUDGE_MODEL")] = None,
    narrate: Annotated[
        bool | None,
        typer.Option(
            "--narrate/--no-narrate",
            help="Speak a line over each shot (default: ugc-product, brand, short-film).",
        ),
    ] = None,
    music: Annotated[bool, typer.Option("--music/--no-music", help="A music bed.")] = True,
    music_file: Annotated[
        Path | None,
        typer.Option(
            "--music-file",
            help="Your own music instead of the generated bed (any audio FFmpeg reads): "
            "ducked under the narration, ended on a beat, at the bed's level.",
        ),
    ] = None,
    voice: Annotated[
        str | None,
        typer.Option(help="The narration's voice (see `videoagent voices`)."),
    ] = None,
    voiceover: Annotated[
        Path | None,
        typer.Option(
            help="Your own recording as the narration (any audio FFmpeg reads): subtitles "
            "timed to its words, the music ducked under it.",
        ),
    ] = None,
    ambience: Annotated[
        bool, typer.Option("--ambience/--no-ambience", help="The sound of each place.")
    ] = True,
    burn_captions: Annotated[
        bool, typer.Option(help="Draw the voice's subtitles into the picture as well.")
    ] = False,
    caption_style: Annotated[
        str | None,
        typer.Option(
            help="Burn the subtitles in this style: boxed, outline or highlight (the word "
            "being spoken marked), optionally with settings, e.g. "
            "highlight:colour=white,highlight=#00e0ff,size=1.2,position=top.",
        ),
    ] = None,
    credentials: Annotated[
        bool,
        typer.Option(
            "--credentials/--no-credentials",
            help="Sign the video's Content Credentials (C2PA; the provenance extra).",
        ),
    ] = True,
    watermark: Annotated[
        bool,
        typer.Option(
            "--watermark/--no-watermark",
            help="Mark every frame invisibly as AI-made (read back by `videoagent verify`).",
        ),
    ] = True,
    executor: ExecutorOption = "local",
    ray_address: RayAddressOption = "auto",
) -> None:
    """Plan, generate, check and edit a video from one sentence."""
    from videoagent.plan.request import Request
    from videoagent.timeline.caption_style import caption_style as read_caption_style

    try:
        built = Request.build(
            request,
            mode=mode,
            duration=duration,
            aspect=aspect,
            size=size,
            fps=fps,
            seed=seed,
            profile=profile,
        )
        if budget is not None and budget < 0:
            raise UsageError(f"--budget must be 0 or more, got {budget}")
        if caption_style is not None:
            read_caption_style(caption_style)
        shots_on = executor_for(executor, ray_address)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    settings = AgentSettings(
        backend=backend,
        backends=[b.strip() for b in backends.split(",") if b.strip()] if backends else None,
        max_retries=max_retries,
        budget=budget,
        llm_url=readers(llm)[0],
        llm_model=llm_model,
        judge_url=judge,
        judge_model=judge_model,
        narrate=narrate,
        music=music,
        ambience=ambience,
        burn_captions=burn_captions,
        caption_style=caption_style,
        content_credentials=credentials,
        watermark=watermark,
        executor=shots_on,
        preview=preview,
        profile=profile,
        music_file=str(music_file) if music_file else None,
        voiceover_file=str(voiceover) if voiceover else None,
        voice=voice,
    )
    _run_agent(
        settings,
        lambda agent: agent.make(built, out, references=ref or []),
        out,
        approve=approve or preview,
        strict=strict,
    )


def _spending(budget: float | None) -> AgentSettings:
    if budget is not None and budget < 0:
        fail(UsageError(f"--budget must be 0 or more, got {budget}"), 2)
    return AgentSettings(budget=budget)


@app.command()
def resume(
    project: Annotated[Path, typer.Argument(help="Project folder of an interrupted run.")],
    budget: BudgetOption = None,
    approve: ApproveOption = False,
    strict: StrictOption = False,
    resubmit_in_doubt: Annotated[
        bool,
        typer.Option(
            help="Send again the paid submissions that got no answer (the provider may have "
            "made them: check its dashboard first)."
        ),
    ] = False,
) -> None:
    """Finish an interrupted run (Ctrl-C, kill, power cut, budget reached) without redoing
    finished takes; provider jobs already sent are polled again, never sent twice."""
    settings = _spending(budget)
    settings.resubmit_in_doubt = resubmit_in_doubt
    _run_agent(
        settings, lambda agent: agent.resume(project), project, approve=approve, strict=strict
    )


@app.command()
def shot(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    number: Annotated[int, typer.Argument(help="Shot number, as in the storyboard (from 1).")],
    prompt: Annotated[
        str | None, typer.Option(help="A new idea for the shot (else: a new seed).")
    ] = None,
    budget: BudgetOption = None,
    approve: ApproveOption = False,
    strict: StrictOption = False,
) -> None:
    """Regenerate one shot; every other shot is reused from the cache."""
    _run_agent(
        _spending(budget),
        lambda agent: agent.regenerate(project, number, prompt=prompt),
        project,
        approve=approve,
        strict=strict,
    )


@app.command()
def edit(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    request: Annotated[str, typer.Argument(help='e.g. "put SALE on screen at 0:05 for 2 seconds"')],
    llm: LlmOption = None,
    llm_model: LlmModelOption = None,
    budget: BudgetOption = None,
    approve: ApproveOption = False,
    strict: StrictOption = False,
) -> None:
    """Change a finished video: text, length, shape, order, cards, new or replaced shots."""
    settings = _spending(budget)
    settings.llm_url, settings.edit_reader = readers(llm)
    settings.llm_model = llm_model
    _run_agent(
        settings,
        lambda agent: agent.edit(project, request),
        project,
        approve=approve,
        strict=strict,
    )


@app.command()
def history(
    project: Annotated[Path, typer.Argument(help="Project folder.")],
    steps: Annotated[bool, typer.Option(help="Show every step of every run.")] = True,
) -> None:
    """What happened to the project, run by run and step by step (from its journal)."""
    import datetime

    from videoagent.agent.history import project_history

    try:
        told = project_history(project)
    except UsageError as exc:
        fail(exc, 2)
    out = Console()
    for note in told.settled:
        out.print(f"[yellow]![/] {escape(note)}", highlight=False)
    for run in told.runs:
        began = datetime.datetime.fromtimestamp(run["started"]).strftime("%Y-%m-%d %H:%M:%S")
        status = {"running": "interrupted"}.get(run["status"], run["status"])
        out.print(
            f"[bold]run {run['id']}[/] {began}  {run['command']} {escape(run['detail'])}  "
            f"({status})",
            highlight=False,
        )
        if steps:
            for record in run["records"]:
                if record["status"] == "progress" and record["step"] == "generate":
                    continue
                out.print(
                    f"  {MARK[record['status']]} {record['step']:<10} {escape(record['message'])}",
                    highlight=False,
                )
    costs = told.costs
    if told.provider_jobs:
        out.print(
            f"[bold]provider jobs[/] {costs['jobs']}: charged ${costs['charged']:.2f}; "
            f"${costs['at_risk']:.2f} more may be charged by jobs that gave nothing back yet",
            highlight=False,
        )
    for line in told.provider_jobs:
        job = f" job {escape(line.provider_job)}" if line.provider_job else ""
        out.print(
            f"  {line.shot} seed {line.seed} on {line.backend}{job}: {line.state}"
            + (f", charged ${line.charged:.2f}" if line.charged else "")
            + (", not delivered" if line.state == "succeeded" and not line.delivered else "")
            + (f" ({escape(line.error)})" if line.error else ""),
            highlight=False,
        )


@app.command()
def plan(
    request: Annotated[str, typer.Argument(help="What the video should show.")],
    mode: Annotated[str | None, typer.Option()] = None,
    duration: Annotated[float | None, typer.Option()] = None,
    aspect: Annotated[str | None, typer.Option()] = None,
    backend: Annotated[str | None, typer.Option()] = None,
    backends: Annotated[str | None, typer.Option(help="Generators to route among.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the storyboard as JSON.")] = False,
    llm: LlmOption = None,
    llm_model: LlmModelOption = None,
) -> None:
    """Print the storyboard, with the prompts `make` would send, without generating."""
    from videoagent.agent.planning import preview_plan
    from videoagent.agent.routing import project_pool
    from videoagent.generators import capabilities
    from videoagent.plan.asks import read_asks
    from videoagent.plan.request import Request

    try:
        built = Request.build(request, mode=mode, duration=duration, aspect=aspect)
        pool = project_pool(
            backend,
            [b.strip() for b in backends.split(",") if b.strip()] if backends else None,
            width=built.width,
            height=built.height,
            fps=float(built.rate.fps),
        )
        board, warnings = preview_plan(built, pool, llm_url=readers(llm)[0], llm_model=llm_model)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    for warning in warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    asks = read_asks(built)
    if as_json:
        document = board.to_dict() | {"asks": [ask.to_dict() for ask in asks]}
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return
    out = Console()
    out.print(
        f"[bold]{escape(board.request)}[/]  ({board.mode}, {built.seconds:g} s, "
        f"{board.width}x{board.height} @ {board.fps} fps, backends {', '.join(pool)})",
        highlight=False,
    )
    said = " · ".join(ask.said() for ask in asks) or "nothing to check"
    out.print(f"asks: {escape(said)}", highlight=False)
    if board.grade:
        out.print(f"grade: {board.grade} (every generated shot, in the render)", highlight=False)
    for shot in board.shots:
        seconds = float(board.rate.seconds(shot.frames))
        joined = "continues the shot before, no cut" if shot.continues else shot.transition_in
        came_from = (shot.scene or {}).get("arrives_from")
        if came_from:
            joined += f"; arrives at the {shot.scene['place']} from the {came_from}"
        out.print(
            f"\n[bold]{shot.id}[/] {seconds:5.2f} s  {shot.kind:9} {escape(shot.beat)}"
            f"  [dim]({shot.shot_size}, {shot.camera}, in: {joined})[/]",
            highlight=False,
        )
        out.print(f"  caption: {escape(shot.caption)}", highlight=False)
        if shot.prompt:
            price = capabilities(shot.backend).price(seconds)
            out.print(f"  backend: {shot.backend} (${price:.2f})", highlight=False)
            out.print(f"  prompt:  {escape(shot.prompt)}", highlight=False)


@app.command()
def voices() -> None:
    """The narration voices installed here, for `make --voice`."""
    from videoagent.audio.voice import VOICES, installed_voices, speaker_name

    here = installed_voices()
    for name in VOICES:
        said = speaker_name(name) if name in here else "not installed"
        console.print(f"{name:<10} {escape(said)}", highlight=False)


@app.command()
def backends() -> None:
    """Every generator: what it can do, what it costs, and whether it is set up here."""
    from videoagent.generators import catalog, registry
    from videoagent.generators.default_rule import embedded_is_default

    out = Console(soft_wrap=True)  # one line per field: easy to grep
    entries = catalog()
    try:
        default = registry.best_available()
    except MissingDependency:
        default = "none"
    _, why = embedded_is_default()
    out.print(f"default when none is configured: [bold]{default}[/] ({why})", highlight=False)
    for name in registry.known():
        caps = entries.get(name)
        out.print(f"[bold]{name}[/]  {_readiness(name, caps)}", highlight=False)
        if caps is None:
            out.print("  no catalog entry: routing cannot choose it", highlight=False)
            continue
        lengths = (
            f"{', '.join(f'{d:g}' for d in caps.durations)} s"
            if caps.durations
            else f"{caps.min_seconds:g}-{caps.max_seconds:g} s"
        )
        out.print(
            f"  {caps.kind}: {caps.description}\n"
            f"  modes: {', '.join(caps.modes)}; lengths: {lengths}; up to "
            f"{caps.max_width}x{caps.max_height}; references: {caps.max_references}; "
            f"prompt: {caps.dialect}, {caps.max_prompt_chars} chars\n"
            f"  price: ${caps.price_per_second:.3f}/s\n"
            f"  cannot: {'; '.join(caps.cannot)}",
            highlight=False,
        )


def _readiness(name: str, caps) -> str:
    """Whether `name` can run here: configured (hosted) or installed (local)."""
    from videoagent.errors import NotConfigured
    from videoagent.generators import registry

    if caps is not None and caps.kind == "hosted":
        if caps.configured:
            return f"[green]configured[/] ({caps.setup['key_env']} is set)"
        return f"[yellow]not configured[/]: {escape(caps.missing_setup())}"
    try:
        registry.create(name)
    except NotConfigured as exc:
        return f"[yellow]not configured[/]: {escape(str(exc))}"
    except (MissingDependency, UsageError) as exc:
        return f"[red]not installed[/]: {escape(str(exc))}"
    return "[green]available[/]"


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8700,
    root: Annotated[Path, typer.Option(help="Where projects are kept.")] = Path(
        "videoagent-projects"
    ),
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token every call must carry (required off loopback).",
            envvar="VIDEOAGENT_TOKEN",
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Projects made at once.")] = 2,
    llm: LlmOption = None,
    llm_model: LlmModelOption = None,
    executor: ExecutorOption = "local",
    ray_address: RayAddressOption = "auto",
) -> None:
    """The HTTP API and web app: make, watch, change and download videos in a browser."""
    loopback = host in LOOPBACK_HOSTS
    if not loopback and not token:
        fail(UsageError(f"--host {host} is not loopback: give --token (or VIDEOAGENT_TOKEN)"), 2)
    if workers < 1:
        fail(UsageError(f"--workers must be 1 or more, got {workers}"), 2)
    try:
        import uvicorn

        from videoagent.server.api import create_app
    except (ImportError, MissingDependency):
        fail(MissingDependency("the HTTP server (FastAPI, uvicorn)", "serve"), 2)
    try:
        llm_url, edit_reader = readers(llm)
        for url in (llm_url, edit_reader):
            if url:
                check_llm_url(url)
        settings = {"llm_url": llm_url, "llm_model": llm_model, "edit_reader": edit_reader}
        settings["executor"] = executor_for(executor, ray_address)
        application = create_app(root, workers=workers, token=token, settings=settings)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    console.print(f"videoagent on http://{host}:{port}/  (projects in {root})", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


# Their options depend on the model or dataset named, so each builds its own parser.
OWN_OPTIONS = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}
app.command(context_settings=OWN_OPTIONS)(dataset)
app.command(context_settings=OWN_OPTIONS)(train)
app.command()(batch)
app.command()(verify)
app.command()(export)


def main() -> None:
    app()
