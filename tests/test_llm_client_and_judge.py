"""The chat client against servers that do and do not take JSON schemas, the prompts kept
as files, and the vision judge inside a real run: its "no" gets a take made again."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image

from fake_openai import FakeOpenAI
from videoagent import Agent, AgentSettings, Request
from videoagent.llm.client import ChatClient, user_message
from videoagent.llm.prompts import prompt

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


def _number(value):
    if not isinstance(value, dict) or not isinstance(value.get("n"), int):
        raise ValueError("needs an integer n")
    return value["n"]


@pytest.mark.parametrize(
    "refused, expected_steps",
    [
        (set(), ["json_schema"]),
        ({"json_schema"}, ["json_schema", "json_object"]),
        ({"json_schema", "json_object"}, ["json_schema", "json_object", None]),
    ],
)
def test_structured_output_steps_down_to_what_the_server_takes(refused, expected_steps):
    server = FakeOpenAI(['{"n": 4}', '```json\n{"n": 5}\n```'], refuse=refused)
    try:
        client = ChatClient(server.url, model="m")
        asked = [{"role": "user", "content": "a number"}]
        assert client.chat_json(asked, schema=SCHEMA, validate=_number) == 4
        # The step is remembered: the next call goes straight to what worked.
        assert client.chat_json(asked, schema=SCHEMA, validate=_number) == 5
    finally:
        server.close()
    formats = [(r["body"].get("response_format") or {}).get("type") for r in server.requests]
    assert formats == expected_steps + expected_steps[-1:]
    last = server.requests[-1]["body"]
    if expected_steps[-1] != "json_schema":  # the schema travels in the prompt instead
        assert json.dumps(SCHEMA) in last["messages"][-1]["content"]


def test_a_vision_message_carries_small_jpeg_pictures():
    picture = Image.new("RGB", (1280, 720), (10, 200, 30))
    message = user_message("what is this?", [picture])
    assert message["content"][0] == {"type": "text", "text": "what is this?"}
    url = message["content"][1]["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,")
    decoded = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert decoded.format == "JPEG" and max(decoded.size) == 512


def test_prompts_are_files_with_their_placeholders_filled():
    planner = prompt("planner", longest=8, colours="dog: brown")
    assert "longer than 8 seconds" in planner and "dog: brown" in planner
    assert "walk" in prompt("edit", can_do="walk")
    assert "Answer with JSON only" in prompt("judge") and "$" not in prompt("continuation")
    with pytest.raises(KeyError):
        prompt("edit")


def _verdict(verdict: str, score: float, problems: list[str]) -> str:
    return json.dumps({"verdict": verdict, "score": score, "problems": problems})


def test_a_judge_that_says_no_gets_the_take_made_again(tmp_path):
    server = FakeOpenAI(
        [_verdict("no", 0.2, ["no dog visible"]), _verdict("yes", 0.9, [])], refuse=set()
    )
    settings = AgentSettings(
        backend="fake", judge_url=server.url, judge_model="vision-1", workers=1, shared_cache=None
    )
    try:
        result = Agent(settings).make(
            Request.build("a 3 second video of a dog in the park", size="160x90"),
            tmp_path / "film",
        )
    finally:
        server.close()
    (shot,) = [s for s in result.manifest["shots"] if s.get("takes")]
    first, second = shot["takes"]
    judged = [c for c in first["checks"] if c["name"] == "judge"]
    assert judged and not judged[0]["passed"] and "no dog visible" in judged[0]["detail"]
    assert not first["accepted"] and second["accepted"]
    assert [c["value"]["verdict"] for c in second["checks"] if c["name"] == "judge"] == ["yes"]
    # What the judge was shown: the shot in words and three frames of the take.
    content = server.requests[0]["body"]["messages"][-1]["content"]
    assert "dog" in content[0]["text"] and "Place: park" in content[0]["text"]
    assert [part["type"] for part in content[1:]] == ["image_url"] * 3


@pytest.mark.slow  # a whole video made
def test_an_unreachable_judge_warns_and_rejects_nothing(tmp_path):
    settings = AgentSettings(
        backend="fake", judge_url="http://127.0.0.1:9/v1", workers=1, shared_cache=None
    )
    result = Agent(settings).make(
        Request.build("a 2 second video of a cat", size="160x90"), tmp_path / "film"
    )
    (shot,) = [s for s in result.manifest["shots"] if s.get("takes")]
    (take,) = shot["takes"]
    (judged,) = [c for c in take["checks"] if c["name"] == "judge"]
    assert take["accepted"] and judged["severity"] == "warning" and "no verdict" in judged["detail"]


def test_an_answer_streamed_in_process_is_put_back_together_and_its_progress_told():
    pytest.importorskip("xllamacpp")
    from videoagent.llm.local_gguf import LocalGGUFClient

    class Server:  # llama.cpp's in-process server, as xllamacpp calls back with a stream
        def __init__(self, chunks):
            self.chunks, self.asked = chunks, None

        def handle_chat_completions(self, request, callback):
            self.asked = request
            for chunk in self.chunks:
                if callback(chunk):
                    break

    pieces = ['{"animal"', ': "dog"', "}"]
    chunks = [{"choices": [{"delta": {"content": piece}}]} for piece in pieces]
    chunks.append({"choices": [], "usage": {"completion_tokens": 3, "prompt_tokens": 9}})
    heard = []
    server = Server(chunks)
    answer = LocalGGUFClient._streamed(server, {"messages": []}, lambda *told: heard.append(told))
    assert answer["choices"][0]["message"]["content"] == '{"animal": "dog"}'
    assert answer["usage"]["completion_tokens"] == 3 and server.asked["stream"] is True
    assert heard and heard[-1][0] == 3  # told at the end at least, with the tokens written
    failing = Server([chunks[0], {"error": {"message": "context full"}}, chunks[1]])
    answer = LocalGGUFClient._streamed(failing, {"messages": []}, lambda *told: None)
    assert answer["error"] == {"message": "context full"} and "choices" not in answer
