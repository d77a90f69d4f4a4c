"""Step records: a closed set of step names, and the figures a live view reads from them."""

from __future__ import annotations

import re
from pathlib import Path

from videoagent.agent.steps import STEPS, Progress, StepRecord, counted

SOURCE = Path(__file__).resolve().parent.parent / "src" / "videoagent"


def test_every_step_the_code_emits_is_one_of_the_named_steps():
    # No type checker runs in CI, so the closed set is checked here as well.
    emitted = {
        (str(path.relative_to(SOURCE)), name)
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r'emit\(\s*"([^"]+)"', path.read_text("utf-8"))
    }
    assert ("agent/shoot_all.py", "generate") in emitted  # the pattern still finds them
    assert {(where, name) for where, name in emitted if name not in STEPS} == set()


def test_a_counted_step_says_how_far_it_got_and_others_say_nothing():
    record = StepRecord("generate", "progress", "shot-03 finished", counted(3, 12))
    assert record.progress == Progress(done=3, total=12)
    assert StepRecord("render", "done", "rendered").progress is None
