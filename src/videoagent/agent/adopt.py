"""A timeline becomes the plan's: the order, lengths, in points and transitions of an
edited timeline, and the text over it, are adopted into the storyboard. Edits of our own
(`timeline/edits.py`, on the project's timeline) and edits made to timeline.otio in another
editor (a clip trimmed, slid, moved, removed, a transition changed, a text moved or
retyped) both come in here; a change that breaks the project's rules is refused with the
rule it breaks, and the project is left as it was.

What is adopted: the order of the project's own clips, each clip's length and where it
starts in its take (within what the take holds), transitions, clips removed, and the text
on the overlay tracks. What is not: clips that are not the project's shots (new media),
refused; the caption track, made from the shots at every render, whose changes are said.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from videoagent.errors import PlanError, UsageError
from videoagent.plan.continuity import arrive_where_carried
from videoagent.plan.storyboard import OnScreenText, Storyboard
from videoagent.timeline.edits import fitted_text
from videoagent.timeline.otio_io import Picture, read_picture


def fit_overlays(board: Storyboard) -> list[str]:
    """Text placed on the video's clock stays where it was; text past a new end is cut."""
    board.overlays, notes = fitted_text(board.overlays, board.target_frames)
    return notes


def adopt(picture: Picture, board: Storyboard) -> tuple[Storyboard, list[str]]:
    """`board` with the picture track's order, lengths, in points and transitions; and
    what changed, in words (empty: the file says what the plan says). UsageError names
    the first clip that breaks a rule."""
    shots = {shot.id: shot for shot in board.shots}
    rate = board.rate
    kept, notes, seen = [], [], set()
    for place, cut in enumerate(picture.cuts, start=1):
        shot = shots.get(cut.shot_id or "")
        if shot is None:
            raise UsageError(
                f"timeline.otio: clip {place} is not one of the project's shots "
                f"({cut.shot_id or 'no shot id'}); videoagent adopts order, trims and "
                "removals of its own clips only"
            )
        if shot.id in seen:
            raise UsageError(f"timeline.otio: {shot.id} appears twice; a shot plays once")
        seen.add(shot.id)
        if cut.frames < 1:
            raise UsageError(f"timeline.otio: {shot.id} lasts {cut.frames} frames")
        source_in = cut.source_in if shot.kind == "generated" else 0
        if shot.kind == "generated" and shot.source_frames:
            end = source_in + cut.frames
            if source_in < 0 or end > shot.source_frames:
                raise UsageError(
                    f"timeline.otio: {shot.id} plays frames {source_in}-{end} of its take, "
                    f"which holds {shot.source_frames}; trim it within the take"
                )
        changed = replace(
            shot,
            frames=cut.frames,
            source_in=source_in,
            transition_in=cut.transition.kind,
            transition_frames=cut.transition.frames,
        )
        if (changed.frames, changed.source_in) != (shot.frames, shot.source_in):
            notes.append(
                f"{shot.id} trimmed to {cut.frames} frames "
                f"({float(rate.seconds(cut.frames)):g} s) from frame {source_in} of its take"
            )
        if (changed.transition_in, changed.transition_frames) != (
            shot.transition_in,
            shot.transition_frames,
        ):
            notes.append(f"{shot.id} now comes in by {cut.transition.kind}")
        kept.append(changed)
    if not kept:
        raise UsageError("timeline.otio has no clips; a video needs at least one shot")
    removed = [s.id for s in board.shots if s.id not in seen]
    if removed:
        notes.append(f"removed {', '.join(removed)}")
    if [s.id for s in kept] != [s.id for s in board.shots if s.id in seen]:
        notes.append(f"shot order now {', '.join(s.id for s in kept)}")
    _carry_on(kept)
    notes += continuity_notes(board.shots, kept)
    adopted = replace(board, shots=kept, target_frames=sum(s.frames for s in kept))
    adopted.renumber()
    return adopted, notes


def _carry_on(kept: list) -> None:
    """A shot that continued the shot before it (plan/continuity.py) goes on continuing
    whatever generated shot an edit cut to it (its take is then made again from that shot's
    end, arriving from that shot's place where it is elsewhere); after a card, first, or
    behind a transition it no longer continues (made fresh)."""
    for index, shot in enumerate(kept):
        previous = kept[index - 1] if index > 0 else None
        joined = previous is not None and previous.kind == "generated"
        if shot.continues and not (joined and shot.transition_in == "cut"):
            shot.continues = False
    arrive_where_carried(kept)


def continuity_notes(before: list, after: list) -> list[str]:
    """What an edit did to shots that continue the one before them, in words."""
    earlier = {s.id: before[i - 1].id for i, s in enumerate(before) if i > 0 and s.continues}
    notes = []
    for index, shot in enumerate(after):
        if shot.id not in earlier:
            continue
        if not shot.continues:
            notes.append(f"{shot.id} no longer continues the shot before it: made fresh")
        elif after[index - 1].id != earlier[shot.id]:
            notes.append(f"{shot.id} now carries on {after[index - 1].id}: its take is made again")
    return notes


def adopt_text(overlays, board: Storyboard) -> tuple[Storyboard, list[str]]:
    """`board` with the text over the picture as `overlays` (TextOverlay) has it: text of a
    shot that starts within that shot stays the shot's (and moves with it), all other text
    is on the video's clock; and what changed, in words. UsageError names text that falls
    outside the video."""
    board = copy.deepcopy(board)
    before = _text_rows(board)
    spans, start = {}, 0
    for shot in board.shots:
        spans[shot.id], start = (start, shot.frames), start + shot.frames
    clock, own = [], {shot.id: [] for shot in board.shots}
    for text in overlays:
        if text.start < 0 or text.frames < 1 or text.start + text.frames > board.target_frames:
            raise UsageError(
                f"timeline.otio: text {text.text!r} at frames {text.start}-"
                f"{text.start + text.frames} falls outside the {board.target_frames}-frame video"
            )
        begins, frames = spans.get(text.shot_id or "", (0, 0))
        if begins <= text.start < begins + frames:
            own[text.shot_id].append(
                OnScreenText(text.text, text.start - begins, text.frames, text.position)
            )
        else:
            clock.append(OnScreenText(text.text, text.start, text.frames, text.position))
    board.overlays = clock
    for shot in board.shots:
        shot.on_screen_text = own[shot.id]
    after = _text_rows(board)
    added, removed = sorted(after - before), sorted(before - after)
    notes = [f"text {t!r} on frames {s}-{s + f - 1} ({where})" for t, s, f, where in added]
    notes += [f"text {t!r} on frames {s}-{s + f - 1} removed" for t, s, f, _ in removed]
    return board, notes


def _text_rows(board: Storyboard) -> set[tuple[str, int, int, str]]:
    """Every text of `board` on the video's clock: (text, first frame, frames, position)."""
    rows, start = {(t.text, t.start, t.frames, t.position) for t in board.overlays}, 0
    for shot in board.shots:
        rows |= {(t.text, start + t.start, t.frames, t.position) for t in shot.on_screen_text}
        start += shot.frames
    return rows


def changed_outside(document: Path, state) -> tuple[Storyboard, list[str], bool]:
    """What another editor changed in the project's timeline.otio at `document`: the plan
    with its picture and text adopted, what changed in words (empty: nothing), and whether
    the caption track was changed (said, not adopted: captions are made from the shots at
    every render). UsageError, before anything is written, for a change that breaks the
    project's rules."""
    picture = read_picture(document)
    board, notes = state.storyboard, []
    try:
        if picture.edited_outside:
            board, notes = adopt(picture, board)
            notes += fit_overlays(board) if notes and not picture.text_edited_outside else []
        if picture.text_edited_outside:
            board, said = adopt_text(picture.overlays, board)
            notes += said
        board.validate(state.bible)
    except (UsageError, PlanError) as exc:
        raise UsageError(
            f"{exc} (fix timeline.otio, or delete it to keep the plan as it is)"
        ) from None
    return board, notes, picture.captions_edited_outside
