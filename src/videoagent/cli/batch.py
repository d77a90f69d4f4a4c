"""`videoagent batch FILE --out DIR`: one video per row of a CSV or JSON Lines file, on this
machine or on a Ray cluster; and the `--executor` option every making command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from videoagent.agent.batch import RowOutcome, read_batch, run_batch
from videoagent.agent.settings import AgentSettings
from videoagent.agent.shot_executor import LocalExecutor, ShotExecutor
from videoagent.cli.output import console, escape, fail
from videoagent.errors import MissingDependency, UsageError, VideoAgentError
from videoagent.llm.endpoint import readers

ExecutorOption = Annotated[
    str,
    typer.Option(
        help="Where shots are made: local (threads here) or ray (tasks on a Ray cluster; "
        "the ray extra).",
        envvar="VIDEOAGENT_EXECUTOR",
    ),
]
RayAddressOption = Annotated[
    str,
    typer.Option(
        help="The Ray cluster for --executor ray: auto (the one this machine joined), "
        "HOST:PORT, or local (a cluster of this machine alone, started here).",
        envvar="VIDEOAGENT_RAY_ADDRESS",
    ),
]


def executor_for(name: str, address: str) -> ShotExecutor:
    """The executor `--executor name` asks for (UsageError for another name)."""
    if name == "local":
        return LocalExecutor()
    if name == "ray":
        from videoagent.agent.ray_executor import RayExecutor

        return RayExecutor(None if address == "local" else address)
    raise UsageError(f"--executor must be local or ray, got {name!r}")


def batch(
    file: Annotated[Path, typer.Argument(help="CSV (with a header) or .jsonl: a row a video.")],
    out: Annotated[Path, typer.Option("--out", help="Folder of the batch's projects.")],
    parallel: Annotated[
        int | None,
        typer.Option(help="Videos made at once (default: 1 here, 4 on Ray)."),
    ] = None,
    executor: ExecutorOption = "local",
    ray_address: RayAddressOption = "auto",
    backend: Annotated[str | None, typer.Option(help="Every row's generator, unless set.")] = None,
    llm: Annotated[
        str | None,
        typer.Option(help="As for make, unless a row sets it.", envvar="VIDEOAGENT_LLM_URL"),
    ] = None,
) -> None:
    """Make one video per row (any `make` option as a column; `name` names its folder).
    Run again, it makes only what is unfinished. Columns: request (required), name, mode,
    duration, aspect, size, fps, seed, backend, backends, ref (a;b), max_retries, budget,
    llm, llm_model, judge, judge_model, narrate, music, ambience, burn_captions,
    caption_style, voice."""
    try:
        if parallel is not None and parallel < 1:
            raise UsageError(f"--parallel must be 1 or more, got {parallel}")
        rows, bad = read_batch(file)
        chosen = executor_for(executor, ray_address)
        llm_url, edit_reader = readers(llm)
        base = AgentSettings(
            backend=backend, llm_url=llm_url, edit_reader=edit_reader, executor=chosen
        )
        at_once = parallel or (1 if chosen.name == "local" else 4)
        console.print(
            f"[bold]batch[/] {len(rows)} rows to make, {len(bad)} unreadable; "
            f"{at_once} at a time on {chosen.name}",
            highlight=False,
        )
        report = run_batch(rows, bad, out, base, file=str(file), parallel=at_once, told=_tell)
    except (UsageError, MissingDependency) as exc:
        fail(exc, 2)
    except VideoAgentError as exc:
        fail(exc, 1)
    _summary(report.rows)
    console.print(f"state of every row: {escape(str(out / 'batch.json'))}", highlight=False)
    if any(row.state != "done" for row in report.rows):
        raise typer.Exit(1)


def _tell(outcome: RowOutcome) -> None:
    mark = {"done": "[green]✓[/]", "failed": "[red]✗[/]", "bad": "[red]✗[/]"}[outcome.state]
    what = outcome.error or f"{outcome.how}: {outcome.video}"
    console.print(f"{mark} {escape(what)}", highlight=False, soft_wrap=True)


def _summary(rows: list[RowOutcome]) -> None:
    table = Table(title="batch")
    for column in ("line", "name", "state", "seconds", "cost", "error"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row.line),
            escape(row.name),
            f"{row.state} ({row.how})" if row.how else row.state,
            f"{row.seconds:.1f}",
            f"${row.cost:.2f}",
            escape(row.error or ""),
        )
    console.print(table)
