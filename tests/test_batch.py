"""`videoagent batch`: one video per row of a CSV or JSON Lines file; bad rows reported by
their line while the rest are made; a batch run again makes only what is unfinished."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from videoagent.agent.batch import read_batch
from videoagent.cli.main import app
from videoagent.errors import UsageError
from videoagent.media.probe import probe

runner = CliRunner()
BAD = {5: {"duration": "-3"}, 11: {"aspect": "7:3"}, 17: {"request": ""}}


def _twenty_rows(path: Path) -> Path:
    """20 requests (a header, then lines 2-21); the rows at BAD's lines are wrong."""
    with path.open("w", newline="") as handle:
        out = csv.DictWriter(handle, ["request", "duration", "size", "seed", "music", "aspect"])
        out.writeheader()
        for line in range(2, 22):
            row = {"request": f"a dog walking number {line}", "duration": "1", "seed": line}
            row |= {"size": "96x54", "music": "no", "aspect": "16:9"}
            out.writerow(row | BAD.get(line, {}))
    return path


@pytest.mark.slow  # 17 videos made
def test_three_bad_rows_among_twenty_give_seventeen_videos_and_three_errors(tmp_path):
    rows = _twenty_rows(tmp_path / "rows.csv")
    out = tmp_path / "batch"
    command = ["batch", str(rows), "--out", str(out), "--backend", "fake", "--llm", "rules"]
    result = runner.invoke(app, command)

    assert result.exit_code == 1  # not every row made a video
    errors = [line for line in result.output.splitlines() if line.startswith("✗ line")]
    assert [int(e.split()[2].rstrip(":")) for e in errors] == sorted(BAD)
    assert "duration" in errors[0] and "aspect" in errors[1] and "request" in errors[2]
    state = json.loads((out / "batch.json").read_text())
    assert (state["done"], state["failed"], state["bad"]) == (17, 0, 3)
    videos = [Path(r["video"]) for r in state["rows"] if r["state"] == "done"]
    assert len(videos) == len(set(videos)) == 17
    for video in videos:
        assert probe(video, count_frames=True).frames == 24

    again = runner.invoke(app, command)  # made again: only what is unfinished
    assert again.exit_code == 1
    state = json.loads((out / "batch.json").read_text())
    assert {r["how"] for r in state["rows"] if r["state"] == "done"} == {"kept"}


def test_a_row_begun_and_stopped_is_resumed_not_made_again(tmp_path, monkeypatch):
    rows = tmp_path / "rows.jsonl"
    line = {"request": "a dog walking, then a dog sitting", "duration": 2, "size": "96x54"}
    rows.write_text(json.dumps(line | {"name": "dog", "music": False}) + "\n")
    out = tmp_path / "batch"
    command = ["batch", str(rows), "--out", str(out), "--backend", "fake", "--llm", "rules"]
    assert runner.invoke(app, command).exit_code == 0
    # As if stopped before it rendered: the render is gone, the takes are kept.
    for name in ("final.mp4", "manifest.json"):
        (out / "dog/renders" / name).unlink()
    takes = sorted(p.name for p in (out / "dog/shots").glob("*/takes/*"))

    assert runner.invoke(app, command).exit_code == 0
    state = json.loads((out / "batch.json").read_text())
    assert [r["how"] for r in state["rows"]] == ["resumed"]
    assert sorted(p.name for p in (out / "dog/shots").glob("*/takes/*")) == takes


def test_reading_rows_names_each_bad_line_and_keeps_the_others(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"request": "a cat", "music": "yes", "budget": 2}\n'
        "not json\n"
        "\n"
        '["a list"]\n'
        '{"request": "a cat", "music": "loud"}\n'
        '{"request": "a dog", "name": "../up"}\n'
        '{"request": "a dog", "budget": -1}\n'
        '{"request": "a bird", "name": "bird", "ref": "a.png; b.png"}\n'
        '{"request": "a fish", "name": "bird"}\n'
        '{"request": "a fox", "caption_style": "highlight:size=2"}\n'
        '{"request": "a fox", "name": "fox2", "caption_style": "neon"}\n'
    )
    good, bad = read_batch(rows)
    assert [(r.line, r.settings) for r in good][0] == (1, {"music": True, "budget": 2.0})
    assert good[1].references == ("a.png", "b.png")
    assert good[2].settings == {"caption_style": "highlight:size=2"}
    assert [o.line for o in bad] == [2, 4, 5, 6, 7, 9, 11]
    assert all(o.error.startswith(f"line {o.line}: ") for o in bad)
    assert "music 'loud' is not true or false" in bad[2].error
    assert "is used by an earlier row" in bad[5].error
    assert "'neon'" in bad[6].error


def test_a_column_we_do_not_know_is_refused_before_anything_is_made(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("request,colour\na dog,red\n")
    with pytest.raises(UsageError, match="unknown column.*colour"):
        read_batch(rows)
    result = runner.invoke(app, ["batch", str(rows), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "colour" in result.output
    assert not (tmp_path / "out").exists()


def test_a_fault_of_ours_in_one_row_is_said_and_the_others_go_on(tmp_path, monkeypatch):
    import videoagent.agent.batch as batch
    from videoagent.agent.settings import AgentSettings

    rows = tmp_path / "rows.jsonl"
    common = {"duration": 1, "size": "96x54", "music": False}
    rows.write_text(
        json.dumps({"request": "a dog walking", "name": "boom"} | common)
        + "\n"
        + json.dumps({"request": "a cat sitting", "name": "fine"} | common)
        + "\n"
    )
    real = batch.Agent

    class Faulty(real):
        def make(self, request, out, **kwargs):
            if Path(out).name == "boom":
                raise RuntimeError("a bug")
            return super().make(request, out, **kwargs)

    monkeypatch.setattr(batch, "Agent", Faulty)
    good, bad = read_batch(rows)
    settings = AgentSettings(backend="fake", shared_cache=None)
    report = batch.run_batch(good, bad, tmp_path / "out", settings, file=str(rows))
    states = {row.name: (row.state, row.error) for row in report.rows}
    assert states["boom"] == ("failed", "line 1: unexpected RuntimeError: a bug")
    assert states["fine"] == ("done", None)
