"""Narration lines: what the voice says over each shot, in the modes that speak
(ugc-product, brand, short-film), and how a line is made to fit its shot.

A line is the one written for the shot (by an LLM, when one plans; it may be silence),
else the shot's caption (a title card speaks its title). It must end before its shot does,
with a breath at either side; a line too long for its shot loses words from its end, whole
words only, until it fits (done by `audio.voice.fit_line`, which hears how long it lasts)."""

from __future__ import annotations

from videoagent.plan.storyboard import Storyboard

NARRATING_MODES = ("ugc-product", "brand", "short-film")
LEAD_IN = 0.25  # seconds of quiet after the cut before the voice starts
TAIL = 0.25  # and before the next cut
WORDS_PER_SECOND = 2.5  # an unhurried narrator


def most_words(seconds: float) -> int:
    """How many words a line over a shot of `seconds` may have."""
    return max(1, int((seconds - LEAD_IN - TAIL) * WORDS_PER_SECOND))


def narrates(mode: str, choice: bool | None) -> bool:
    """Whether to narrate: the user's --narrate / --no-narrate, else by mode."""
    return choice if choice is not None else mode in NARRATING_MODES


def narration_lines(board: Storyboard) -> dict[str, str]:
    """The line for each shot that has one, by shot id. A beat covered by several shots in a
    row is said once, over its first."""
    lines = {}
    previous = None
    for shot in board.shots:
        if shot.narration is not None:  # written: a line, or "" for silence
            if shot.narration:
                lines[shot.id] = shot.narration
        elif shot.kind == "generated" and shot.caption and shot.caption != previous:
            lines[shot.id] = shot.caption
        elif shot.kind == "card" and shot.card_title:
            lines[shot.id] = shot.card_title.rstrip(".!") + "."
        previous = shot.caption
    return lines
