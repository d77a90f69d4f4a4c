"""A voiceover's pauses move the plan's cuts: each to the nearest sentence break within
reach, where every shot keeps its minimum, its text and its transitions."""

from __future__ import annotations

from videoagent.agent.planning import draft_bible
from videoagent.plan.brief import make_brief
from videoagent.plan.offline_planner import plan_offline
from videoagent.plan.request import Request
from videoagent.plan.storyboard import OnScreenText
from videoagent.plan.voice_cuts import cuts_on_breaks, sentence_breaks

THREE = "a dog walking, then a dog at a cafe, then a dog sleeping"


def _board(text: str = THREE, seconds: float = 30):
    request = Request.build(text, duration=seconds)
    brief = make_brief(request)
    return plan_offline(request, brief, draft_bible(brief))


def _cuts(board) -> list[float]:
    ends, at = [], 0
    for shot in board.shots[:-1]:
        at += shot.frames
        ends.append(float(board.rate.seconds(at)))
    return ends


def test_a_cut_goes_just_before_the_next_sentence_within_reach():
    # a sentence ends at 3.5 s and the next begins at 10.9 s; one at 14.0 and 20.4; a
    # short pause (3.0 to 3.2) gets its middle
    assert sentence_breaks([(1.0, 3.5), (10.9, 14.0), (20.4, 24.0)]) == [10.65, 20.15]
    assert sentence_breaks([(0.0, 3.0), (3.2, 5.0)]) == [3.1]
    board = _board()
    planned = _cuts(board)
    total = sum(s.frames for s in board.shots)
    moved = cuts_on_breaks(board, [planned[0] + 0.75, planned[1] - 1.25, 27.5])
    assert _cuts(board) == [planned[0] + 0.75, planned[1] - 1.25]
    assert sum(s.frames for s in board.shots) == total  # the video keeps its length
    assert [m["to"] for m in moved] == _cuts(board)
    assert [m["from"] for m in moved] == planned


def test_a_cut_stays_where_no_break_is_near_or_the_plan_would_break():
    board = _board()
    planned = _cuts(board)
    far = planned[0] + 0.5 * board.shots[0].frames / 24  # beyond reach
    assert cuts_on_breaks(board, [far]) == [] and _cuts(board) == planned
    # the first shot's text runs to its planned end: it cannot be shortened
    first = board.shots[0]
    first.on_screen_text = [OnScreenText("WALK", 0, first.frames)]
    assert cuts_on_breaks(board, [planned[0] - 1.0]) == []
    assert cuts_on_breaks(board, [planned[0] + 1.0])  # lengthened, it still holds its text
    # two breaks never take one cut, one break never two cuts
    board = _board()
    assert len(cuts_on_breaks(board, [planned[0] + 0.1, planned[0] + 0.2])) == 1
