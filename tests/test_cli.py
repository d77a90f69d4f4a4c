"""The command line: exit codes, messages, and that bad input makes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from videoagent.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args, message",
    [
        (["make", "", "--out", "{out}"], "the request is empty"),
        (["make", "a dog", "--duration", "0", "--out", "{out}"], "got 0"),
        (["make", "a dog", "--duration", "601", "--out", "{out}"], "got 601"),
        (["make", "a dog", "--aspect", "3:2", "--out", "{out}"], "unknown aspect '3:2'"),
        (["make", "a dog", "--mode", "opera", "--out", "{out}"], "unknown mode 'opera'"),
        (["make", "a dog", "--backend", "nope", "--out", "{out}"], "unknown backend 'nope'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path: Path, args, message):
    out = tmp_path / "project"
    result = runner.invoke(app, [a.replace("{out}", str(out)) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_unwritable_output_folder_exits_2(tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "file").write_text("x")
    result = runner.invoke(app, ["make", "a dog", "--out", str(locked / "file" / "sub")])
    assert result.exit_code == 2
    assert "not writable" in result.output or "not a folder" in result.output


def test_non_empty_output_folder_is_refused_and_left_alone(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(app, ["make", "a dog", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_plan_prints_storyboard_json_without_generating():
    result = runner.invoke(
        app, ["plan", "a 20 second video of a cat chasing a ball, then sleeping", "--json"]
    )
    assert result.exit_code == 0
    board = json.loads(result.output)
    assert sum(s["frames"] for s in board["shots"]) == 480
    assert all(s["prompt"] for s in board["shots"])


def test_backends_lists_capabilities():
    result = runner.invoke(app, ["backends"])
    assert result.exit_code == 0
    assert "procedural" in result.output and "synthworld" in result.output


def test_make_with_fake_backend(tmp_path: Path):
    result = runner.invoke(
        app,
        [
            "make",
            "a bird flying",
            "--duration",
            "2",
            "--backend",
            "fake",
            "--aspect",
            "9:16",
            "--out",
            str(tmp_path / "p"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p/renders/final.mp4").exists()
