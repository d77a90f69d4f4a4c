"""The LLM planner against a local fake OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest

from fake_openai import FakeOpenAI
from videoagent.llm.client import ChatClient
from videoagent.plan.bible import Bible
from videoagent.plan.brief import make_brief
from videoagent.plan.llm_planner import plan_with_llm
from videoagent.plan.request import Request

pytestmark = pytest.mark.slow  # end to end: runs planned by a fake LLM server


def _shots(seconds: list[float], beats: list[str] | None = None) -> str:
    beats = beats or [
        "the dog walks in the park",
        "the dog sniffs around a tree",
        "the dog gets a pup cup",
        "the dog meets a friend",
    ]
    return json.dumps(
        {
            "shots": [
                {
                    "beat": beats[i % 4],
                    "caption": f"{beats[i % len(beats)]} (shot {i + 1}).",
                    "seconds": s,
                    "shot_size": "medium",
                    "camera": "static",
                }
                for i, s in enumerate(seconds)
            ]
        }
    )


@pytest.fixture
def request_and_brief():
    request = Request.build(
        "a 36 second video of a dog going on a walk, sniffing around, "
        "getting a pup cup, meeting a friend"
    )
    return request, make_brief(request)


def test_valid_plan_is_used_with_exact_frames(request_and_brief):
    request, brief = request_and_brief
    server = FakeOpenAI([_shots([6, 10, 12, 8])])
    try:
        board, warnings = plan_with_llm(
            request,
            brief,
            Bible(),
            client=ChatClient(server.url),
        )
    finally:
        server.close()
    assert warnings == [] and board.planner.startswith("llm")
    assert [s.frames for s in board.shots] == [144, 240, 288, 192]
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["body"]["response_format"]["type"] == "json_schema"
    meet = board.shots[3].scene_spec
    assert [e.action for e in meet.entities] == ["meet", "meet"]


def test_what_a_planned_beat_asks_that_synthworld_cannot_draw_is_said(request_and_brief):
    request, brief = request_and_brief
    beats = [
        "the dog walks in the park",
        "the dog sniffs around a tree",
        "the dog gets a pup cup",
        "the dog meets a friend and they dance",
    ]
    server = FakeOpenAI([_shots([6, 10, 12, 8], beats)])
    try:
        board, _ = plan_with_llm(request, brief, Bible(), client=ChatClient(server.url))
    finally:
        server.close()
    assert board.planner.startswith("llm")
    assert board.warnings == [
        "'the dog meets a friend and they dance': synthworld has no drawing for a dog that "
        "dances; "
        "where it draws the shot, that is left out"
    ]


def test_a_journey_the_model_plans_arrives_in_its_last_shot_and_the_story_stays_there():
    request = Request.build(
        "a 30 second video of a dog walking through the park to the beach, then sitting"
    )
    beats = [
        "the dog walks in the park",
        "the dog walks through the park to the beach",
        "the dog walks through the park to the beach",
        "the dog sits down",
    ]
    server = FakeOpenAI([_shots([8, 8, 8, 6], beats)])
    try:
        board, warnings = plan_with_llm(
            request, make_brief(request), Bible(), client=ChatClient(server.url)
        )
    finally:
        server.close()
    assert warnings == []
    assert [(s.scene_spec.place, s.scene_spec.arrives_from) for s in board.shots] == [
        ("park", None),
        ("park", None),
        ("beach", "park"),
        ("beach", None),
    ]


def test_the_cast_looks_as_the_model_says_when_they_fit_what_is_drawn(request_and_brief):
    from videoagent.agent.planning import draft_bible, write_prompts

    request, brief = request_and_brief
    bible = draft_bible(brief)
    hero, friend = bible.find(kind="dog", role="protagonist"), bible.find(kind="person")
    was = friend.description
    answer = json.loads(_shots([9, 9, 9, 9]))
    answer["cast"] = [
        {"kind": "dog", "looks": f"a small {hero.colour} terrier with floppy ears"},
        {"kind": "person", "looks": "a person walking a dog"},  # says what it does: unused
        {"kind": "bird", "looks": "a tiny yellow bird"},  # not in this video: unused
    ]
    server = FakeOpenAI([json.dumps(answer)])
    try:
        board, warnings = plan_with_llm(request, brief, bible, client=ChatClient(server.url))
    finally:
        server.close()
    assert warnings == [] and hero.description == f"a small {hero.colour} terrier with floppy ears"
    assert friend.description == was and bible.find(kind="bird") is None
    told = server.requests[0]["body"]["messages"][0]["content"]
    assert f"dog: {hero.colour}" in told  # the model is told the colours it must keep
    write_prompts(board, ["ltx"], style=brief.style, bible=bible)  # a dialect that names cast
    with_hero = [s for s in board.shots if hero.id in s.cast]
    assert with_hero and all("floppy ears" in s.prompt for s in with_hero)


def test_a_plan_that_leaves_out_what_cannot_be_drawn_is_sent_back():
    """A unicorn is not in synthworld: a plan that quietly drops it would pass every check
    of a picture without it; the model is asked to keep it, and it is then said not shown."""
    request = Request.build("a unicorn flying over a windmill", duration=12)
    brief = make_brief(request)
    beats = ["something flies over the park", "it lands on a hill"]
    kept = ["a unicorn flies over the windmill", "the unicorn lands by the windmill"]
    server = FakeOpenAI([_shots([6, 6], beats * 2), _shots([6, 6], kept * 2)])
    try:
        board, warnings = plan_with_llm(request, brief, Bible(), client=ChatClient(server.url))
    finally:
        server.close()
    assert warnings == [] and len(server.requests) == 2
    repair = server.requests[1]["body"]["messages"][-1]["content"]
    assert "the request asks for unicorn, windmill" in repair
    assert all("unicorn" in shot.scene_spec.entities[0].label for shot in board.shots)


def test_lengths_are_shares_and_a_plan_that_says_nothing_is_sent_back(request_and_brief):
    request, brief = request_and_brief
    empty = _shots([10, 10, 10, 10], ["10:00:00"] * 4)
    server = FakeOpenAI(["```json\n" + empty + "\n```", _shots([10, 10, 10, 10])])
    try:
        board, warnings = plan_with_llm(
            request,
            brief,
            Bible(),
            client=ChatClient(server.url),
        )
    finally:
        server.close()
    assert warnings == []
    repair = server.requests[1]["body"]["messages"][-1]["content"]
    assert "shot 1's beat '10:00:00' says nothing" in repair
    # 40 s of shares for a 36 s video: scaled, each a quarter.
    assert [s.frames for s in board.shots] == [216] * 4


@pytest.mark.parametrize(
    ("beats", "seconds", "refused"),
    [
        (["the cat naps on a sofa"] * 2 + ["a cat yawns", "the cat sleeps"], [9] * 4, "the dog"),
        (["the dog walks in the park"] * 4, [9] * 4, "same beat"),
        (None, [200, 1, 1, 1], "longer than"),
        (None, [30, 1, 1, 30], "under 1 s"),
    ],
)
def test_a_plan_that_misses_the_request_is_refused_for_a_reason(
    request_and_brief, beats, seconds, refused
):
    request, brief = request_and_brief
    server = FakeOpenAI([_shots(seconds, beats)] * 3)
    try:
        board, warnings = plan_with_llm(
            request, brief, Bible(), client=ChatClient(server.url), max_shot_seconds=20
        )
    finally:
        server.close()
    assert board.planner == "offline" and refused in warnings[0]


def test_garbage_falls_back_to_offline_planner_with_a_warning(request_and_brief):
    request, brief = request_and_brief
    server = FakeOpenAI(["not json", '{"shots": []}', "still nothing"])
    try:
        board, warnings = plan_with_llm(
            request,
            brief,
            Bible(),
            client=ChatClient(server.url),
        )
    finally:
        server.close()
    assert board.planner == "offline" and len(warnings) == 1
    assert "offline planner" in warnings[0]
    assert sum(s.frames for s in board.shots) == 864


def test_unreachable_endpoint_falls_back(request_and_brief):
    request, brief = request_and_brief
    board, warnings = plan_with_llm(
        request,
        brief,
        Bible(),
        client=ChatClient("http://127.0.0.1:9/v1"),
    )
    assert board.planner == "offline" and "unreachable" in warnings[0]


def test_continuation_is_planned_by_the_llm_from_the_packed_context(tmp_path):
    from videoagent import Agent, AgentSettings

    request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    # The first answer has one beat too few: the error is fed back and the model repairs it.
    server = FakeOpenAI(
        [
            '{"beats": ["the dog chases a ball"]}',
            '{"beats": ["the dog chases a ball", "the dog rolls over"]}',
        ]
    )
    try:
        settings = AgentSettings(backend="fake", llm_url=server.url)
        grown = Agent(settings).edit(made.folder, "make it 18 seconds")
    finally:
        server.close()
    beats = [s["beat"] for s in grown.manifest["shots"]]
    assert beats[-2:] == ["the dog chases a ball", "the dog rolls over"]
    assert grown.manifest["settings"]["seconds"] == 18.0 and grown.verified
    asked = server.requests[0]["body"]["messages"][1]["content"]
    assert '"bible"' in asked and '"recent_shots"' in asked and "exactly 2 beats" in asked
    assert "exactly 2 were asked for" in server.requests[1]["body"]["messages"][-1]["content"]


def test_failed_llm_continuation_falls_back_offline_and_says_so(tmp_path):
    from videoagent import Agent, AgentSettings

    request = Request.build("a dog walking", duration=4, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    records = []
    server = FakeOpenAI(["nonsense"] * 3)
    try:
        settings = AgentSettings(backend="fake", llm_url=server.url)
        grown = Agent(settings, listener=records.append).edit(made.folder, "make it 10 seconds")
    finally:
        server.close()
    assert grown.verified and grown.manifest["settings"]["seconds"] == 10.0
    assert any("LLM continuation failed" in r.message for r in records if r.status == "warning")


def _restated(*edits: tuple[str, str]) -> str:
    """A model's restatement: (edit in our phrasing, the request's words it carries out)."""
    items = [{"edit": edit, "asked_by": words} for edit, words in edits]
    return json.dumps({"edits": items, "unclear": None})


def test_free_words_edit_is_restated_by_the_llm_and_checked_by_our_parser(tmp_path):
    from videoagent import Agent, AgentSettings

    request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    server = FakeOpenAI(
        [
            _restated(("remove shot 7", "flip the two shots")),  # impossible: fed back
            _restated(
                ("swap shots 1 and 2", "flip the two shots"),
                ("add an end card: Good dog", "finish on Good dog"),
            ),
        ]
    )
    try:
        settings = AgentSettings(backend="fake", llm_url=server.url)
        edited = Agent(settings).edit(made.folder, "flip the two shots and finish on Good dog")
    finally:
        server.close()
    assert [s["beat"] for s in edited.manifest["shots"]][-1] == "end card"
    assert edited.manifest["shots"][-1]["card"]["title"] == "Good dog"
    assert edited.manifest["takes"]["generated"] == 0 and edited.verified
    told = server.requests[0]["body"]["messages"][-1]["content"]  # after the worked examples
    assert "2 shots" in told and "flip the two shots" in told
    assert "shot 7 does not exist" in server.requests[1]["body"]["messages"][-1]["content"]


def test_an_edit_the_llm_finds_unclear_is_answered_not_guessed(tmp_path):
    from videoagent import Agent, AgentSettings, UsageError

    request = Request.build("a dog walking", duration=4, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    before = sorted(p.name for p in made.folder.rglob("*"))
    server = FakeOpenAI(['{"edits": [], "unclear": "which part should be more exciting?"}'])
    try:
        settings = AgentSettings(backend="fake", llm_url=server.url)
        with pytest.raises(UsageError, match="which part should be more exciting"):
            Agent(settings).edit(made.folder, "make it more exciting")
    finally:
        server.close()
    assert sorted(p.name for p in made.folder.rglob("*")) == before


def test_an_edit_nobody_asked_for_is_sent_back(tmp_path):
    from videoagent import Agent, AgentSettings

    request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    server = FakeOpenAI(
        [
            # Both said to come from the same words: the 9:16 is the model's own idea.
            _restated(("swap shots 1 and 2", "flip the shots"), ("make it 9:16", "flip the shots")),
            _restated(("swap shots 1 and 2", "flip the shots")),
        ]
    )
    try:
        settings = AgentSettings(backend="fake", llm_url=server.url)
        edited = Agent(settings).edit(made.folder, "flip the shots")
    finally:
        server.close()
    assert "the same words" in server.requests[1]["body"]["messages"][-1]["content"]
    assert edited.manifest["settings"]["aspect"] == "16:9"
    assert [s["beat"] for s in edited.manifest["shots"]] == ["a dog sitting", "walking"]


def test_without_an_address_the_rules_plan_and_the_packaged_model_reads_only_edits(monkeypatch):
    from videoagent.llm import endpoint

    monkeypatch.setattr(endpoint, "local_model_ready", lambda: True)
    assert endpoint.readers(None) == (None, "local")
    assert endpoint.readers("rules") == (None, None)
    assert endpoint.readers("local") == ("local", None)
    monkeypatch.setattr(endpoint, "local_model_ready", lambda: False)
    assert endpoint.readers(None) == (None, None)  # not installed: refused as before
    endpoint.check_llm_url("rules")  # a valid address that names no model


def test_an_edit_reader_reads_only_what_our_phrasings_cannot(tmp_path):
    from videoagent import Agent, AgentSettings

    request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "film")
    server = FakeOpenAI([_restated(("swap shots 1 and 2", "the other way round"))])
    records = []
    try:
        settings = AgentSettings(backend="fake", edit_reader=server.url)
        agent = Agent(settings, listener=records.append)
        agent.edit(made.folder, "remove shot 2")  # ours: the model is not asked
        assert server.requests == []
        request = Request.build("a dog walking, then a dog sitting", duration=6, size="192x108")
        made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "again")
        beats = [shot["beat"] for shot in made.manifest["shots"]]
        edited = agent.edit(made.folder, "the other way round please")
    finally:
        server.close()
    assert len(server.requests) == 1
    assert [shot["beat"] for shot in edited.manifest["shots"]] == beats[::-1]
    assert any(f"read by the LLM at {server.url}" in r.message for r in records)


def test_the_worked_examples_shown_to_the_model_pass_our_own_checks(tmp_path):
    from videoagent import Agent, AgentSettings
    from videoagent.agent.state import ProjectState
    from videoagent.llm.prompts import examples
    from videoagent.plan.llm_edit import _validator, summary
    from videoagent.store.project import ProjectFolder

    shown = examples("edit")
    request = Request.build(
        "a cat walking in a garden, then a cat sleeping on the sofa, then a cat playing with "
        "a ball",
        duration=12,
        size="192x108",
    )
    made = Agent(AgentSettings(backend="fake")).make(request, tmp_path / "cats")
    state = ProjectState.load(ProjectFolder.open(made.folder))
    # The examples describe this very project, as the model would be told of it.
    assert summary(state.storyboard, state.request) == shown["video"]
    for turn in shown["turns"]:
        check = _validator(turn["request"], state.storyboard, state.request)
        operations, unclear = check({"edits": turn["edits"], "unclear": turn["unclear"]})
        assert len(operations) == len(turn["edits"]) and bool(unclear) == (not turn["edits"])
