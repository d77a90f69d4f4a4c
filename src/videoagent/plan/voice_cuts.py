"""Cuts moved to where a voiceover breaks between sentences (`make --voiceover`).

An editor cutting to a recorded voice puts each cut in a pause, a moment before the next
sentence begins, so a sentence about the café starts over the café. The plan's shots have
lengths of their own; each cut moves to the nearest sentence break within `REACH` of the
shorter of its two shots, where the plan allows it: every shot keeps `SHORTEST` seconds, its
text on screen and room for its transitions, and the video's length does not change. A cut
with no break near it stays where it was planned.
"""

from __future__ import annotations

from itertools import pairwise

from videoagent.plan.storyboard import Storyboard

REACH = 0.4  # of the shorter shot beside a cut: how far the cut may move
SHORTEST = 1.0  # seconds a shot keeps at least
LEAD = 0.25  # seconds a cut comes before the sentence after it (at most half the pause)


def sentence_breaks(sentences: list[tuple[float, float]]) -> list[float]:
    """Where to cut between consecutive sentences (start, end seconds): `LEAD` before the
    next one begins, or the middle of a shorter pause."""
    return [
        max(following - LEAD, (ended + following) / 2)
        for (_, ended), (following, _) in pairwise(sentences)
    ]


def cuts_on_breaks(board: Storyboard, breaks: list[float]) -> list[dict]:
    """Move `board`'s cuts onto `breaks` (seconds) where the plan allows; what moved."""
    rate, shots = board.rate, board.shots
    wanted = sorted(rate.frames(b) for b in breaks)
    moved, start, used = [], 0, set()
    for k in range(len(shots) - 1):
        cut = start + shots[k].frames
        after = cut + shots[k + 1].frames
        reach = REACH * min(shots[k].frames, shots[k + 1].frames)
        fits = [
            b
            for b in wanted
            if b not in used and abs(b - cut) <= reach and _allowed(board, k, b - start, after - b)
        ]
        if fits:
            chosen = min(fits, key=lambda b: abs(b - cut))
            used.add(chosen)
            if chosen != cut:
                shots[k].frames, shots[k + 1].frames = chosen - start, after - chosen
                moved.append(
                    {
                        "after": shots[k].id,
                        "from": float(rate.seconds(cut)),
                        "to": float(rate.seconds(chosen)),
                    }
                )
        start += shots[k].frames
    return moved


def _allowed(board: Storyboard, k: int, first: int, second: int) -> bool:
    """Whether shots k and k + 1 may last `first` and `second` frames."""
    shots, shortest = board.shots, board.rate.frames(SHORTEST)
    if min(first, second) < shortest:
        return False
    for shot, frames in ((shots[k], first), (shots[k + 1], second)):
        if any(t.start + t.frames > frames for t in shot.on_screen_text):
            return False
        if shot.source_frames:  # made already: its take is as long as it is
            return False
    transitions = [shots[k].transition_frames if k else 0, shots[k + 1].transition_frames]
    if k + 2 < len(shots):
        transitions.append(shots[k + 2].transition_frames)
    return max(transitions) <= min(first, second) // 2
