"""Many videos from one file: each row of a CSV or JSON Lines file is one request with any
`make` option as a column, made into a project folder of its own under the batch folder.

`batch.json` there holds each row's state (done, failed, bad), folder, cost and error,
written again as each row ends. A batch run again makes only what is unfinished: a row whose
project delivered a verified video is done; one with a project begun is resumed from its
journal (finished takes are reused); the rest are made. A row that cannot be read is
reported by its line and the others go on."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from videoagent.agent.agent import Agent
from videoagent.agent.settings import AgentSettings, Result
from videoagent.audio.voice import check_voice
from videoagent.errors import UsageError, VideoAgentError
from videoagent.llm.endpoint import readers
from videoagent.plan.request import Request
from videoagent.store.files import atomic_write_json
from videoagent.timeline.caption_style import caption_style

STATE_FILE = "batch.json"
STATES = ("done", "failed", "bad")
# Each column: how its text is read. `request` is required; the rest are `make`'s options.
REQUEST_COLUMNS = {
    "request": str,
    "mode": str,
    "duration": float,
    "aspect": str,
    "size": str,
    "fps": str,
    "seed": int,
}
SETTING_COLUMNS = {
    "backend": str,
    "backends": str,
    "max_retries": int,
    "budget": float,
    "llm": str,
    "llm_model": str,
    "judge": str,
    "judge_model": str,
    "narrate": bool,
    "music": bool,
    "ambience": bool,
    "burn_captions": bool,
    "caption_style": str,
    "voice": str,
}
OTHER_COLUMNS = {"name": str, "ref": str}  # the project folder's name; references, ";" apart
COLUMNS = {**REQUEST_COLUMNS, **SETTING_COLUMNS, **OTHER_COLUMNS}
TRUE, FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off", ""}


@dataclass(frozen=True)
class BatchRow:
    """One request of the file, read and checked."""

    line: int
    name: str
    request: Request
    settings: dict  # AgentSettings fields this row sets
    references: tuple[str, ...] = ()


@dataclass
class RowOutcome:
    line: int
    name: str
    state: str  # done, failed, bad; "made", "resumed" or "kept" say how a done row got there
    folder: str | None = None
    how: str = ""
    verified: bool = False
    video: str | None = None
    cost: float = 0.0  # USD this batch run spent on the row (a kept row: nothing)
    seconds: float = 0.0
    error: str | None = None


@dataclass
class BatchReport:
    file: str
    rows: list[RowOutcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows are done, failed and bad."""
        return {state: sum(r.state == state for r in self.rows) for state in STATES}


def read_batch(path: Path) -> tuple[list[BatchRow], list[RowOutcome]]:
    """The rows of `path` (CSV with a header, or JSON Lines: one object a line), and the
    rows that cannot be made, each with a one-line error naming its line. UsageError when
    the file itself cannot be read or names a column we do not know."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read batch file {str(path)!r}: {exc}") from None
    raw = _json_lines(text) if path.suffix.lower() in (".jsonl", ".ndjson") else _csv(text, path)
    rows, bad = [], []
    names: set[str] = set()
    for line, values in raw:
        try:
            if isinstance(values, str):
                raise UsageError(values)
            row = _row(line, values)
            if row.name in names:
                raise UsageError(f"name {row.name!r} is used by an earlier row")
            names.add(row.name)
            rows.append(row)
        except UsageError as exc:
            bad.append(RowOutcome(line, "", "bad", error=f"line {line}: {exc}"))
    if not rows and not bad:
        raise UsageError(f"batch file {str(path)!r} holds no rows")
    return rows, bad


def run_batch(
    rows: list[BatchRow],
    bad: list[RowOutcome],
    out: Path,
    base: AgentSettings,
    *,
    file: str,
    parallel: int = 1,
    told: Callable[[RowOutcome], None] = lambda outcome: None,
) -> BatchReport:
    """Every row made (or resumed, or kept) into `out/<name>`, `parallel` rows at a time,
    each with `base` settings and its own; `batch.json` written as each ends and `told`
    each outcome."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if base.executor is not None:
        base.executor.check_folder(out)
    report = BatchReport(file, list(bad))
    lock = threading.Lock()

    def save(outcome: RowOutcome | None = None) -> None:
        with lock:
            if outcome is not None:
                report.rows.append(outcome)
                report.rows.sort(key=lambda r: r.line)
            rows = [asdict(r) for r in report.rows]
            atomic_write_json(out / STATE_FILE, {"file": file, "rows": rows, **report.counts()})
        if outcome is not None:
            told(outcome)

    save()
    for outcome in bad:
        told(outcome)
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for outcome in pool.map(lambda row: _make_row(row, out, base), rows):
            save(outcome)
    return report


def _make_row(row: BatchRow, out: Path, base: AgentSettings) -> RowOutcome:
    folder = out / row.name
    outcome = RowOutcome(row.line, row.name, "failed", folder=str(folder))
    began = time.perf_counter()
    try:
        settings = replace(base, **row.settings)
        if _delivered(folder):
            result, outcome.how = _kept(folder), "kept"
        elif (folder / "project.json").exists():
            result, outcome.how = Agent(settings).resume(folder), "resumed"
        else:
            result = Agent(settings).make(row.request, folder, references=list(row.references))
            outcome.how = "made"
    except VideoAgentError as exc:
        outcome.error = f"line {row.line}: {exc}"
        outcome.seconds = round(time.perf_counter() - began, 2)
        return outcome
    except Exception as exc:  # a fault of ours in one row: said, and the others go on
        outcome.error = f"line {row.line}: unexpected {type(exc).__name__}: {exc}"
        outcome.seconds = round(time.perf_counter() - began, 2)
        return outcome
    outcome.state = "done" if result.verified else "failed"
    outcome.verified, outcome.video = result.verified, str(result.video)
    outcome.cost = float(result.manifest.get("cost", {}).get("actual", 0.0))
    outcome.seconds = round(time.perf_counter() - began, 2)
    if not result.verified:
        outcome.error = f"line {row.line}: the video failed its checks (see its manifest)"
    return outcome


def _delivered(folder: Path) -> bool:
    return (folder / "renders/final.mp4").exists() and (folder / "renders/manifest.json").exists()


def _kept(folder: Path) -> Result:
    manifest = json.loads((folder / "renders/manifest.json").read_text("utf-8"))
    return Result(folder, folder / "renders/final.mp4", {**manifest, "cost": {}}, True)


def _row(line: int, values: dict) -> BatchRow:
    unknown = sorted(set(values) - set(COLUMNS))
    if unknown:
        raise UsageError(f"unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}")
    read = {key: _value(key, value) for key, value in values.items()}
    read = {key: value for key, value in read.items() if value is not None}
    if not read.get("request"):
        raise UsageError("no request")
    asked = {k: read[k] for k in REQUEST_COLUMNS if k in read and k != "request"}
    request = Request.build(read["request"], **asked)
    settings = {k: read[k] for k in SETTING_COLUMNS if k in read}
    if settings.get("budget", 0) < 0:
        raise UsageError(f"budget must be 0 or more, got {settings['budget']}")
    if "caption_style" in settings:
        caption_style(settings["caption_style"])
    check_voice(settings.get("voice"))
    if "backends" in settings:
        settings["backends"] = [b.strip() for b in settings["backends"].split(",") if b.strip()]
    if "llm" in settings:  # as `make --llm` reads it
        settings["llm_url"], settings["edit_reader"] = readers(settings.pop("llm"))
    if "judge" in settings:
        settings["judge_url"] = settings.pop("judge")
    name = read.get("name") or _name_of(request.text, values)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", name):
        raise UsageError(f"name {name!r} is not a folder name (letters, digits, . _ -)")
    refs = tuple(r.strip() for r in read.get("ref", "").split(";") if r.strip())
    return BatchRow(line, name, request, settings, refs)


def _value(key: str, value):
    """A cell read as its column's type (None: empty, so the default holds)."""
    kind = COLUMNS.get(key, str)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        value = value.strip()
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            lowered = str(value).lower()
            if lowered not in TRUE | FALSE:
                raise ValueError(value)
            return lowered in TRUE
        if kind is str:
            return str(value)
        if isinstance(value, bool):
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        raise UsageError(f"{key} {value!r} is not {_article(kind)}") from None


def _article(kind: type) -> str:
    return {float: "a number", int: "a whole number", bool: "true or false"}.get(kind, "text")


def _name_of(text: str, values: dict) -> str:
    """A folder name from the request's first words and a digest of the whole row: the
    same row gets the same folder in every run of the batch, wherever it stands."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6])[:48] or "video"
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()
    return f"{slug}-{digest[:8]}"


def _csv(text: str, path: Path) -> list[tuple[int, dict | str]]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None:
        raise UsageError(f"batch file {str(path)!r} is empty")
    header = [name.strip() for name in reader.fieldnames]
    unknown = sorted(set(header) - set(COLUMNS))
    if unknown:
        raise UsageError(
            f"batch file {str(path)!r}: unknown column(s) {', '.join(unknown)}; "
            f"known: {', '.join(COLUMNS)}"
        )
    rows: list[tuple[int, dict | str]] = []
    for record in reader:
        if None in record:
            rows.append((reader.line_num, f"{len(record[None])} more cell(s) than columns"))
            continue
        cells = {key.strip(): value for key, value in record.items()}
        if all(value is None or not str(value).strip() for value in cells.values()):
            continue  # a blank line
        rows.append((reader.line_num, cells))
    return rows


def _json_lines(text: str) -> list[tuple[int, dict | str]]:
    rows: list[tuple[int, dict | str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            rows.append((number, f"not JSON ({exc.msg})"))
            continue
        rows.append((number, value if isinstance(value, dict) else "not a JSON object"))
    return rows
