"""Whether each narration line plays over the shot it speaks of (issue 27).

A line the planner wrote for a shot must play over that shot (a brand's title line names
the product, which the next shot's beat names too: it is still the title card's line). A
sentence of the user's voiceover is said wherever the recording says it, so it is matched
to the shot whose beat (what it shows, and its cast) shares the most of its words, stems
compared ("walks" and "walking" alike, small words left out), and compared with the shot
on screen at the line's middle. A sentence that names no shot's words, or names two alike,
is not judged: it is counted as unchecked, never as matching.
"""

from __future__ import annotations

import re

from videoagent.evaluate.check import Check
from videoagent.plan.narration import narration_lines

SMALL = {
    "a", "an", "the", "and", "then", "of", "at", "in", "on", "to", "for", "with", "it", "its",
    "is", "are", "was", "down", "up", "by", "from", "into", "this", "that", "there", "here",
}  # fmt: skip


def narration_placement(lines, board, shot_at) -> tuple[Check | None, list[dict]]:
    """The check (None without narration) and, per line, the shot it names, the shot on
    screen (`shot_at(seconds)` gives its id) and whether they agree ("unchecked" where the
    line names no single shot)."""
    if not lines:
        return None, []
    beats = {
        shot.id: _stems(f"{shot.beat} {' '.join(shot.cast)}")
        for shot in board.shots
        if shot.kind == "generated"
    }
    planned = narration_lines(board)
    placed = []
    for line in lines:
        on_screen = shot_at(line.start + line.seconds / 2)
        if planned.get(line.shot) == line.meant:  # the planner's line for its shot
            named = [line.shot]
        else:
            words = _stems(line.text)
            shared = {shot: len(words & stems) for shot, stems in beats.items()}
            best = max(shared.values(), default=0)
            named = [shot for shot, count in shared.items() if count == best and best > 0]
        verdict = "unchecked" if len(named) != 1 else named[0] == on_screen
        placed.append(
            {"line": line.text, "names": named[0] if len(named) == 1 else None,
             "on_screen": on_screen, "matches": verdict}
        )  # fmt: skip
    wrong = [p for p in placed if p["matches"] is False]
    judged = [p for p in placed if p["matches"] != "unchecked"]
    detail = (
        f"{len(judged) - len(wrong)} of {len(judged)} lines that name a shot play over it"
        + (f" ({len(placed) - len(judged)} name none)" if len(judged) < len(placed) else "")
        + "".join(f"; {p['line']!r} names {p['names']} over {p['on_screen']}" for p in wrong)
    )
    check = Check("narration over its shot", not wrong, detail, severity="warning")
    return check, placed


def _stems(text: str) -> set[str]:
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in SMALL or len(word) < 3:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        stems.add(word)
    return stems
