"""A narration voice chosen by name among those installed (`make --voice`, `voices`)."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.cli.main import app
from videoagent.errors import UsageError

pytestmark = pytest.mark.slow  # narrated videos


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_chosen_voice_says_the_lines_and_stays_with_the_project(tmp_path):
    settings = replace(QUIET, narrate=True, voice="espeak-gb")
    request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
    result = Agent(settings).make(request, tmp_path / "film")
    said = result.manifest["sound"]["parts"]["narration"]["by"]
    assert said == "espeak-ng (espeak-gb), as chosen" and result.manifest["sound"]["lines"]
    again = Agent(QUIET).edit(tmp_path / "film", "put SALE on screen at 0:01 for 1 seconds")
    assert again.manifest["sound"]["parts"]["narration"]["by"] == said


def test_a_voice_not_installed_is_refused_before_anything_is_made(tmp_path):
    settings = replace(QUIET, voice="robot")
    with pytest.raises(UsageError, match="voice 'robot' is not installed here; installed: "):
        Agent(settings).make(Request.build("a dog", duration=2), tmp_path / "film")
    assert not (tmp_path / "film").exists()
    listed = CliRunner().invoke(app, ["voices"])
    assert listed.exit_code == 0 and "espeak-gb" in listed.output
