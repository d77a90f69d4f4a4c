"""The judge: a vision-capable language model looks at frames sampled from a take and says
whether they show what the shot asked for.

Its verdict joins the cheap checks as one more check: a "no" rejects the take, which is made
again like any other failure, and the verdict (score, problems) is kept in the take's record
and so in the manifest. It is asked only when the cheap checks pass (a black or frozen take
needs no opinion), and a judge that cannot be reached or gives no valid verdict adds a
warning, never a rejection: the run does not depend on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from videoagent.errors import PlanError, RunError
from videoagent.evaluate.check import Check
from videoagent.llm.client import ChatClient, user_message
from videoagent.llm.prompts import prompt
from videoagent.media.frames import frames_at
from videoagent.media.probe import probe
from videoagent.plan.storyboard import Shot

SAMPLES = (1 / 6, 1 / 2, 5 / 6)  # where in the take frames are shown: start, middle, end

SCHEMA = {
    "type": "object",
    "properties": {
        "verdict": {"enum": ["yes", "no"]},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "problems": {"type": "array", "items": {"type": "string"}, "maxItems": 8},
    },
    "required": ["verdict", "score", "problems"],
}


class Verdict(BaseModel):
    verdict: Literal["yes", "no"]
    score: float = Field(ge=0, le=1)
    problems: list[str] = Field(default_factory=list, max_length=8)


def _validate(value: object) -> Verdict:
    try:
        return Verdict.model_validate(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise PlanError(
            f"not a verdict: {error['msg']} at {'.'.join(map(str, error['loc']))}"
        ) from exc


def shot_specification(shot: Shot, cast: list[str]) -> str:
    """What the shot must show, in words, for the judge."""
    lines = [f"What happens: {shot.beat}.", f"Caption: {shot.caption}"]
    if cast:
        lines.append("Cast: " + "; ".join(cast) + ".")
    scene = shot.scene_spec
    if scene is not None:
        lines.append(
            f"Place: {scene.place}; time of day: {scene.time_of_day}; weather: {scene.weather}."
        )
    lines.append(f"Framing: {shot.shot_size} shot, {shot.camera} camera.")
    return "\n".join(lines)


class LLMJudge:
    """Judges takes with the vision model behind `client`; `cast(shot)` gives the bible's
    description of each cast member."""

    def __init__(self, client: ChatClient, cast: Callable[[Shot], list[str]]) -> None:
        self.client = client
        self.cast = cast

    def __call__(self, clip: Path, shot: Shot) -> Check:
        frames = probe(clip).frames
        wanted = sorted({min(int(frames * at), frames - 1) for at in SAMPLES})
        pictures = frames_at(clip, wanted)
        text = (
            shot_specification(shot, self.cast(shot))
            + f"\n\nFrames {', '.join(str(i + 1) for i in wanted)} of {frames} follow."
        )
        messages = [
            {"role": "system", "content": prompt("judge")},
            user_message(text, [pictures[i] for i in wanted]),
        ]
        try:
            verdict = self.client.chat_json(messages, schema=SCHEMA, validate=_validate)
        except (PlanError, RunError) as exc:
            return Check(
                "judge",
                True,
                f"no verdict ({exc}); the take stands on the other checks",
                severity="warning",
            )
        problems = "; ".join(verdict.problems) or "none named"
        return Check(
            "judge",
            verdict.verdict == "yes",
            f"{self.client.model} says {verdict.verdict} (score {verdict.score:.2f}); "
            f"problems: {problems}",
            value={
                "verdict": verdict.verdict,
                "score": verdict.score,
                "problems": verdict.problems,
            },
            expected="yes",
        )
