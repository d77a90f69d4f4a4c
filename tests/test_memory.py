"""Long-horizon memory: bounded context packing, retrieval of returning cast members."""

from __future__ import annotations

from videoagent.agent.planning import draft_bible, draft_storyboard, write_prompts
from videoagent.memory.context import BUDGET_TOKENS, pack
from videoagent.memory.continuation import plan_continuation
from videoagent.memory.retrieval import shot_references
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request

DOG = "a video of a dog going on a walk, sniffing around, getting a pup cup, meeting a friend"


def _grown(minutes: int):
    request = Request.build(DOG, duration=60)
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["procedural"])
    write_prompts(board, ["procedural"], style=brief.style, bible=bible)
    for _ in range(minutes - 1):
        context = pack(request.text, bible.to_dict(), board)
        frames = request.rate.frames(60)
        shots, _ = plan_continuation(context, brief, bible, frames=frames, fps=24.0)
        for shot in shots:
            shot.id = board.next_id()
            board.shots.append(shot)
        board.target_frames += frames
        board.renumber()
        write_prompts(board, ["procedural"], style=brief.style, bible=bible)
    return request, bible, board


def test_context_stays_bounded_while_the_naive_history_grows():
    request, bible, board = _grown(10)
    assert board.target_frames == request.rate.frames(600)
    context = pack(request.text, bible.to_dict(), board)
    assert context.size <= BUDGET_TOKENS < context.naive_size
    assert context.naive_size > 5 * context.size
    assert [e["id"] for e in context.bible] == list(bible.entities)  # the whole bible
    assert context.recent[-1]["id"] == board.shots[-1].id and context.recent[-1]["prompt"]
    assert context.chapters and context.chapters[0].startswith("shot-01..")
    small = [k for k in context.keyframes if k[1] < 100]
    assert small and all(k[1:] == (64, 36) for k in small)  # older shots: smaller keyframes


def test_tight_budget_keeps_fewer_shots_in_full():
    request, bible, board = _grown(3)
    roomy = pack(request.text, bible.to_dict(), board)
    tight = pack(request.text, bible.to_dict(), board, budget=roomy.size - 200)
    assert len(tight.recent) < len(roomy.recent) and tight.size <= roomy.size - 200


def test_returning_cast_member_gets_its_description_and_reference(tmp_path):
    request, bible, board = _grown(2)
    bible.entities["dog"].references.append("ref-01.png")
    friend_shots = [i for i, s in enumerate(board.shots) if "companion-dog" in s.cast]
    later = friend_shots[-1]
    paths, notes = shot_references(board, bible, later, tmp_path, [])
    assert tmp_path / "ref-01.png" in paths
    assert any("companion-dog returns after" in n and "friend" in n for n in notes)
