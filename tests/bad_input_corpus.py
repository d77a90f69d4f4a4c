"""A corpus of bad inputs for the command line and the HTTP API, with what each must get: a
one-line refusal (CLI: exit 2 and `error: …` naming the value; HTTP: a 4xx whose detail is
one line) and no file made or changed. tests/test_bad_inputs.py asserts every case;
benchmarks/fault_injection.py counts them (cases / clean refusals / tracebacks)."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

NOT_UTF8 = b"a dog \xff\xfe walking"
REPEATED = ". ".join(["a dog walks"] * 9)


@dataclass(frozen=True)
class CliCase:
    name: str
    argv: tuple[str | bytes, ...]  # after `videoagent`; {film} is a finished project
    exit: int = 2
    says: str = ""  # a fragment the one-line message must hold


@dataclass(frozen=True)
class HttpCase:
    name: str
    method: str
    path: str  # {project} is a finished project's id
    raw: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 422
    says: str = ""


@dataclass
class Outcome:
    """What one case got."""

    code: int  # exit code or HTTP status
    message: str
    traceback: bool
    changed: list[str]

    def clean(self, expected_code: int, says: str) -> bool:
        one_line = len(self.message.strip().splitlines()) <= 1
        return (
            self.code == expected_code
            and not self.traceback
            and not self.changed
            and one_line
            and says.lower() in self.message.lower()
        )


MAKE = ("make", "a dog walking", "--backend", "procedural", "--out", "new")
CLI_CASES = [
    CliCase("request not UTF-8", ("make", NOT_UTF8, "--out", "new"), says="not UTF-8"),
    CliCase("request empty", ("make", " ", "--out", "new"), says="empty"),
    CliCase("seed -1", (*MAKE, "--seed", "-1"), says="--seed"),
    CliCase("caption style unknown", (*MAKE, "--caption-style", "neon"), says="'neon'"),
    CliCase(
        "caption colour unknown",
        (*MAKE, "--caption-style", "highlight:highlight=blurple"),
        says="'blurple'",
    ),
    CliCase("seed past 32 bits", (*MAKE, "--seed", str(2**40)), says="--seed"),
    CliCase("duration NaN", (*MAKE, "--duration", "nan"), says="duration"),
    CliCase("duration infinite", (*MAKE, "--duration", "inf"), says="duration"),
    CliCase("duration 0", (*MAKE, "--duration", "0"), says="duration"),
    CliCase("duration past the longest", (*MAKE, "--duration", "601"), says="got 601"),
    CliCase(
        "duration negative in the request",
        ("make", "a -5 second video of a dog", "--out", "new"),
        says="got -5",
    ),
    CliCase("fps 0", (*MAKE, "--fps", "0"), says="0"),
    CliCase("fps not a number", (*MAKE, "--fps", "fast"), says="fast"),
    CliCase("size 0x0", (*MAKE, "--size", "0x0"), says="0x0"),
    CliCase("size huge", (*MAKE, "--size", "99999x99999"), says="99999"),
    CliCase("aspect unknown", (*MAKE, "--aspect", "3:1"), says="3:1"),
    CliCase("mode unknown", (*MAKE, "--mode", "opera"), says="opera"),
    CliCase("budget negative", (*MAKE, "--budget", "-1"), says="--budget"),
    CliCase("retries negative", (*MAKE, "--max-retries", "-1"), says="--max-retries"),
    CliCase("backend unknown", ("make", "a dog", "--backend", "nope", "--out", "new"), says="nope"),
    CliCase(
        "hosted backend without its key",
        ("make", "a dog", "--backend", "xai", "--out", "new"),
        says="XAI_API_KEY",
    ),
    CliCase(
        "hosted backend in a pool without its key",
        ("make", "a dog", "--backends", "procedural,xai", "--out", "new"),
        says="XAI_API_KEY",
    ),
    CliCase("llm URL not http", (*MAKE, "--llm", "ftp://planner"), says="ftp://planner"),
    CliCase("out folder not empty", ("make", "a dog", "--out", "{film}"), says="not empty"),
    CliCase("reference missing", (*MAKE, "--ref", "ghost.png"), says="ghost.png"),
    CliCase("reference a folder", (*MAKE, "--ref", "{film}"), says="not a file"),
    CliCase("reference not an image", (*MAKE, "--ref", "notes.txt"), says="notes.txt"),
    CliCase("reference a decompression bomb", (*MAKE, "--ref", "bomb.png"), says="megapixels"),
    CliCase("reference names no entity", (*MAKE, "--ref", "unicorn=dog.png"), says="unicorn"),
    CliCase("eight references", (*MAKE, *(["--ref", "dog.png"] * 8)), says="at most 7"),
    CliCase("plan repeating one beat 9 times", ("plan", REPEATED), exit=0),
    CliCase("edit not UTF-8", ("edit", "{film}", NOT_UTF8), says="not UTF-8"),
    CliCase("edit empty", ("edit", "{film}", " "), says=""),
    CliCase("edit a shot that does not exist", ("edit", "{film}", "remove shot 9"), says="9"),
    CliCase("shot that does not exist", ("shot", "{film}", "99"), says="99"),
    CliCase("shot prompt empty", ("shot", "{film}", "1", "--prompt", " "), says="--prompt"),
    CliCase("shot prompt not UTF-8", ("shot", "{film}", "1", "--prompt", NOT_UTF8), says="UTF-8"),
    CliCase("resume a folder that is no project", ("resume", "empty"), says="not a videoagent"),
    CliCase("resume a folder that does not exist", ("resume", "ghost"), says="does not exist"),
    CliCase("history of a folder that is no project", ("history", "empty"), says="not a"),
    CliCase("serve with a blank token", ("serve", "--token", " ", "--port", "1"), says="--token"),
    CliCase("serve off loopback without a token", ("serve", "--host", "0.0.0.0"), says="--token"),
]


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height: tiny on disk, gigabytes once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _reference(image: bytes, **fields) -> bytes:
    upload = {"data": base64.b64encode(image).decode(), **fields}
    body = {"request": "a dog walking", "references": [upload]}
    return json.dumps(body).encode()


def _png() -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    Image.new("RGB", (32, 32), "brown").save(buffer, "PNG")
    return buffer.getvalue()


NEW = "/api/projects"
HTTP_CASES = [
    HttpCase(
        "duration NaN", "POST", NEW, b'{"request": "a dog", "duration": NaN}', says="duration"
    ),
    HttpCase("duration 1e309", "POST", NEW, b'{"request": "a dog", "duration": 1e309}'),
    HttpCase("a number as text", "POST", NEW, b'{"request": "a dog", "duration": "2"}'),
    HttpCase("a seed as text", "POST", NEW, b'{"request": "a dog", "seed": "3"}', says="seed"),
    HttpCase("seed -1", "POST", NEW, b'{"request": "a dog", "seed": -1}', says="seed"),
    HttpCase("a lone surrogate", "POST", NEW, b'{"request": "a dog \\ud800"}', says="unicode"),
    HttpCase("request empty", "POST", NEW, b'{"request": ""}', says="request"),
    HttpCase("not JSON", "POST", NEW, b"{request: a dog"),
    HttpCase("a JSON list", "POST", NEW, b'["a dog"]'),
    HttpCase("an unknown field", "POST", NEW, b'{"request": "a dog", "colour": "red"}'),
    HttpCase("aspect unknown", "POST", NEW, b'{"request": "a dog", "aspect": "3:1"}'),
    HttpCase("backend unknown", "POST", NEW, b'{"request": "a dog", "backend": "nope"}'),
    HttpCase(
        "a backend with no key",
        "POST",
        NEW,
        b'{"request": "a dog", "backend": "xai"}',
        says="XAI_API_KEY",
    ),
    HttpCase(
        "a size the backend cannot make",
        "POST",
        NEW,
        b'{"request": "a dog", "backend": "fake", "size": "9990x9990"}',
    ),
    HttpCase("a reference not base64", "POST", NEW, _reference(b"", data="@@@"), says="base64"),
    HttpCase(
        "a decompression bomb",
        "POST",
        NEW,
        _reference(huge_png_header(30000, 30000)),
        says="megapixels",
    ),
    HttpCase(
        "a reference naming no entity",
        "POST",
        NEW,
        _reference(_png(), entity="unicorn"),
        says="unicorn",
    ),
    HttpCase(
        "a reference name like a path",
        "POST",
        NEW,
        _reference(_png(), name="../x.png"),
        says="path",
    ),
    HttpCase("a foreign Host", "GET", NEW, headers=(("Host", "evil.example"),), status=400),
    HttpCase("a project id that is no id", "GET", "/api/projects/..%2F..%2Fetc", status=404),
    HttpCase(
        "a file outside the list",
        "GET",
        "/api/projects/{project}/files/..%2Fproject.json",
        status=404,
    ),  # noqa: E501
    HttpCase(
        "a Last-Event-ID that is no number",
        "GET",
        "/api/projects/{project}/events",
        headers=(("Last-Event-ID", "x"),),
    ),
    HttpCase("an edit that is empty", "POST", "/api/projects/{project}/edits", b'{"text": ""}'),
    HttpCase(
        "an edit not understood",
        "POST",
        "/api/projects/{project}/edits",
        b'{"text": "remove shot 9"}',
        says="9",
    ),
    HttpCase(
        "a shot that does not exist",
        "POST",
        "/api/projects/{project}/shots/99/regenerate",
        b"{}",
        says="99",
    ),
]


def prepare(workdir: Path) -> Path:
    """The files the CLI cases name, beside a finished project `film`; returns the film."""
    from videoagent import Agent, AgentSettings, Request

    film = workdir / "film"
    Agent(AgentSettings(backend="procedural", shared_cache=None)).make(
        Request.build("a dog walking, then a dog sitting", duration=4, size="160x90"), film
    )
    Image.new("RGB", (64, 64), "brown").save(workdir / "dog.png")
    (workdir / "bomb.png").write_bytes(huge_png_header(30000, 30000))
    (workdir / "notes.txt").write_text("not an image\n")
    (workdir / "empty").mkdir()
    return film


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` by its SHA-256 (an open SQLite's -wal/-shm left out)."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def _changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def run_cli(case: CliCase, workdir: Path, film: Path) -> Outcome:
    """Run one case in `workdir` (no provider keys, no shared cache of the user's)."""
    argv = [a.replace("{film}", str(film)) if isinstance(a, str) else a for a in case.argv]
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["VIDEOAGENT_CACHE"] = str(workdir.parent / f"{workdir.name}-cache")
    before = snapshot(workdir)
    done = subprocess.run(
        [sys.executable, "-m", "videoagent", *argv],
        cwd=workdir,
        env=env,
        capture_output=True,
        timeout=300,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    message = " ".join(stderr.split()) if not errors else errors[0]
    if case.exit == 0:
        message = ""
    return Outcome(
        done.returncode, message, "Traceback" in stderr, _changes(before, snapshot(workdir))
    )


def run_http(case: HttpCase, base: str, root: Path, project: str) -> Outcome:
    """Send one case to the server at `base` whose projects live under `root`."""
    host, port = base.removeprefix("http://").split(":")
    before = snapshot(root)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {"Content-Type": "application/json", **dict(case.headers)}
    connection.request(
        case.method, case.path.replace("{project}", project), body=case.raw, headers=headers
    )
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    try:
        detail = json.loads(text).get("detail", "")
    except (ValueError, AttributeError):
        detail = text
    message = detail if isinstance(detail, str) else json.dumps(detail)
    return Outcome(
        response.status,
        message,
        "Traceback" in text or response.status >= 500,
        _changes(before, snapshot(root)),
    )
