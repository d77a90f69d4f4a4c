"""The command line: exit codes, messages, and that bad input makes nothing (the corpus of
bad inputs is tests/test_bad_inputs.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from videoagent.cli.main import app

runner = CliRunner()


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
    board = json.loads(result.stdout)  # warnings go to stderr
    assert sum(s["frames"] for s in board["shots"]) == 480
    assert all(s["prompt"] for s in board["shots"])


def test_plan_says_where_a_journey_arrives():
    request = "one continuous 20 second shot of a dog walking through the park to the beach"
    result = runner.invoke(
        app, ["plan", request, "--backend", "procedural"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("shot-")]
    assert "arrives" not in lines[0]
    assert "no cut; arrives at the beach from the park" in lines[-1]


def test_plan_says_the_grade_and_the_look_each_prompt_asks():
    request = "a 12 second black and white film of a dog walking in the garden"
    env = {"COLUMNS": "300", "XAI_API_KEY": "never-sent"}  # a plan sends nothing
    result = runner.invoke(app, ["plan", request, "--backend", "xai"], env=env)
    assert result.exit_code == 0
    assert "grade: black and white (every generated shot, in the render)" in result.output
    prompts = [line for line in result.output.splitlines() if line.strip().startswith("prompt:")]
    assert prompts and all(
        "Setting: a garden" in p and "Style: black and white" in p for p in prompts
    )


def test_backends_lists_capabilities_prices_and_what_is_configured(monkeypatch):
    from videoagent.generators import catalog

    for caps in catalog().values():
        for variable in ("key_env", "path_env"):
            if variable in caps.setup:
                monkeypatch.delenv(caps.setup[variable], raising=False)
    monkeypatch.setenv("RUNWAYML_API_SECRET", "a-key")
    result = runner.invoke(app, ["backends"])
    assert result.exit_code == 0
    default, *lines = result.output.split("\n")
    # which offline backend runs when none is configured, and why (the measured figures)
    assert default.startswith("default when none is configured: procedural (")
    blocks = {block.split()[0]: block for block in lines if block and not block.startswith(" ")}
    assert set(blocks) == set(catalog())
    assert "configured (RUNWAYML_API_SECRET is set)" in blocks["runway"]
    assert "not configured: export XAI_API_KEY=" in blocks["xai"]
    assert "not configured" in blocks["wan"] and "VIDEOAGENT_WAN_MODEL" in blocks["wan"]
    assert "available" in blocks["procedural"]
    assert "price: $0.070/s" in result.output  # xAI, from the catalog
    assert "lengths: 4, 6, 8 s" in result.output  # Veo
    assert "modes: text-to-video, image-to-video, reference-to-video" in result.output


@pytest.mark.slow  # a whole video made
def test_approve_waits_for_a_yes_and_resume_goes_on(tmp_path: Path):
    out = tmp_path / "film"
    args = ["make", "a 4 second video of a dog", "--backend", "fake", "--out", str(out)]
    refused = runner.invoke(app, [*args, "--approve", "--size", "160x90"], input="n\n")
    assert refused.exit_code == 1
    assert "estimate:" in refused.output and "$0.2" in refused.output
    assert "not approved" in refused.output
    assert not list((out / "shots").glob("*/takes/*/clip.mp4"))
    accepted = runner.invoke(app, ["resume", str(out), "--approve"], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert (out / "renders" / "final.mp4").exists()


@pytest.mark.slow  # a whole video made
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


@pytest.mark.parametrize(
    "args, message",
    [
        (["resume", "{missing}"], "does not exist"),
        (["edit", "{plain}", "remove shot 1"], "not a videoagent project"),
        (["shot", "{plain}", "1"], "not a videoagent project"),
        (["history", "{plain}"], "not a videoagent project"),
    ],
)
def test_project_commands_refuse_folders_that_are_not_projects(tmp_path: Path, args, message):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("mine")
    filled = [a.format(missing=tmp_path / "nope", plain=plain) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert [p.name for p in plain.iterdir()] == ["notes.txt"]


@pytest.mark.slow  # a whole video made and edited
def test_make_then_edit_then_history_on_the_command_line(tmp_path: Path):
    out = tmp_path / "film"
    made = runner.invoke(
        app,
        [
            "make",
            "a dog walking, then a dog sitting",
            "--duration",
            "4",
            "--size",
            "192x108",
            "--backend",
            "fake",
            "--out",
            str(out),
        ],
    )
    assert made.exit_code == 0, made.output
    edited = runner.invoke(app, ["edit", str(out), "add an end card: See you soon"])
    assert edited.exit_code == 0, edited.output
    assert "[tool: card]" in edited.output
    again = runner.invoke(app, ["edit", str(out), "add an end card: Bye now"])
    assert again.exit_code == 0, again.output
    shots = json.loads((out / "renders/manifest.json").read_text())["shots"]
    assert [s["card"]["title"] for s in shots if s["kind"] == "card"] == ["Bye now"]
    refused = runner.invoke(app, ["edit", str(out), "make it sparkle"])
    assert refused.exit_code == 2 and "could not understand" in refused.output
    shown = runner.invoke(app, ["history", str(out)])
    assert shown.exit_code == 0
    assert "make a dog walking" in shown.output and "edit add an end card" in shown.output
    assert "make it sparkle" not in shown.output  # a refused edit leaves no trace


def test_a_kept_failing_take_is_said_last_and_strict_makes_it_a_failure(
    tmp_path: Path, monkeypatch
):
    """Shot 2's every take is frozen: the video still verifies (its own checks pass), but
    the last line says which shot kept a failing take, the manifest lists it, and --strict
    exits 1."""
    monkeypatch.setenv("VIDEOAGENT_FAKE_FAULTS", "shot-02:frozen+frozen")
    common = ["--duration", "4", "--backend", "fake", "--max-retries", "1", "--no-music"]
    request = "a dog walking, then a dog sitting"
    loose = runner.invoke(app, ["make", request, *common, "--out", str(tmp_path / "a")])
    assert loose.exit_code == 0, loose.output
    last = loose.output.strip().splitlines()[-1]
    assert last.startswith("1 of 2 shots kept a take that failed its checks: shot-02")
    assert "frozen frames" in last
    manifest = json.loads((tmp_path / "a/renders/manifest.json").read_text())
    assert manifest["kept_failing"] == [{"shot": "shot-02", "take": 2, "failed": ["frozen frames"]}]
    assert "verify     1 of 2 shots kept a take that failed" in loose.output
    strict = runner.invoke(
        app, ["make", request, *common, "--strict", "--out", str(tmp_path / "b")]
    )
    assert strict.exit_code == 1, strict.output
    assert (tmp_path / "b/renders/final.mp4").exists()  # kept, as without --strict


def _catalog_where_fake_mends_frozen_frames(tmp_path: Path) -> str:
    """A catalog file (VIDEOAGENT_CATALOG) in which the fake backend says it mends frozen
    frames itself, as ours mends a failed weather by letting go of its take's memory."""
    from importlib import resources

    built_in = resources.files("videoagent.generators").joinpath("catalog.json")
    fake = json.loads(built_in.read_text(encoding="utf-8"))["generators"]["fake"]
    mending = tmp_path / "mending.json"
    mending.write_text(json.dumps({"generators": {"fake": {**fake, "mends": ["frozen frames"]}}}))
    return str(mending)


def test_a_retry_asks_the_backend_to_mend_what_it_can_mend_itself(tmp_path: Path, monkeypatch):
    """A backend that says it mends frozen frames itself is asked to in the take after a
    frozen one, and that take has a key of its own; a backend that mends nothing is only
    given another seed."""
    mending = _catalog_where_fake_mends_frozen_frames(tmp_path)
    common = ["--duration", "2", "--backend", "fake", "--max-retries", "1", "--no-music"]
    mends, keys = {}, {}
    for name, extra in (("mends", mending), ("plain", "")):
        monkeypatch.setenv("VIDEOAGENT_CATALOG", extra)
        monkeypatch.setenv("VIDEOAGENT_FAKE_FAULTS", "shot-01:frozen")
        monkeypatch.setenv("VIDEOAGENT_CACHE", str(tmp_path / name / "cache"))  # none made before
        out = tmp_path / name / "project"
        made = runner.invoke(app, ["make", "a dog walking", *common, "--out", str(out)])
        assert made.exit_code == 0, made.output
        takes = json.loads((out / "renders/manifest.json").read_text())["shots"][0]["takes"]
        assert [t["accepted"] for t in takes] == [False, True]
        mends[name] = [t["mend"] for t in takes]
        keys[name] = [t["key"] for t in takes]
    assert mends == {"mends": [[], ["frozen frames"]], "plain": [[], []]}
    assert keys["mends"][0] == keys["plain"][0] and keys["mends"][1] != keys["plain"][1]


def test_a_take_that_still_fails_what_it_was_asked_to_mend_loses_to_an_equal_one(
    tmp_path: Path, monkeypatch
):
    """Both takes frozen: where the second was asked to mend frozen frames (and gave up, in
    ours, the take's memory for it) the first is kept; else the later of equals, as ever."""
    mending = _catalog_where_fake_mends_frozen_frames(tmp_path)
    common = ["--duration", "2", "--backend", "fake", "--max-retries", "1", "--no-music"]
    kept = {}
    for name, catalog in (("mends", mending), ("plain", "")):
        monkeypatch.setenv("VIDEOAGENT_CATALOG", catalog)
        monkeypatch.setenv("VIDEOAGENT_FAKE_FAULTS", "shot-01:frozen+frozen")
        monkeypatch.setenv("VIDEOAGENT_CACHE", str(tmp_path / name / "cache"))
        out = tmp_path / name / "project"
        made = runner.invoke(app, ["make", "a dog walking", *common, "--out", str(out)])
        assert made.exit_code == 0, made.output
        manifest = json.loads((out / "renders/manifest.json").read_text())
        assert [t["accepted"] for t in manifest["shots"][0]["takes"]] == [False, False]
        kept[name] = manifest["kept_failing"]
    frozen = {"shot": "shot-01", "failed": ["frozen frames"]}
    assert kept == {"mends": [{**frozen, "take": 1}], "plain": [{**frozen, "take": 2}]}


def test_a_shot_whose_every_take_fails_keeps_the_nearest_miss(tmp_path: Path, monkeypatch):
    """Shot 2's first take is frozen (one check fails), its second black (black and frozen
    frames fail): the first is kept, not the last."""
    monkeypatch.setenv("VIDEOAGENT_FAKE_FAULTS", "shot-02:frozen+black")
    monkeypatch.setenv("VIDEOAGENT_CACHE", str(tmp_path / "cache"))  # no take made before
    common = ["--duration", "4", "--backend", "fake", "--max-retries", "1", "--no-music"]
    made = runner.invoke(
        app, ["make", "a dog walking, then a dog sitting", *common, "--out", str(tmp_path / "a")]
    )
    assert made.exit_code == 0, made.output
    manifest = json.loads((tmp_path / "a/renders/manifest.json").read_text())
    assert manifest["kept_failing"] == [{"shot": "shot-02", "take": 1, "failed": ["frozen frames"]}]
    shot = next(s for s in manifest["shots"] if s["id"] == "shot-02")
    assert [sorted(c["name"] for c in t["checks"] if not c["passed"]) for t in shot["takes"]] == [
        ["frozen frames"],
        ["black frames", "frozen frames"],
    ]
