"""Picture edits as pure functions on a timeline: frame-exact, joins kept at their
positions, text fitted to a new end, bad positions refused; and an edited timeline adopted
as the plan."""

from __future__ import annotations

import pytest

from videoagent.agent.adopt import adopt
from videoagent.agent.assemble import sketch_timeline
from videoagent.errors import UsageError
from videoagent.plan.brief import make_brief
from videoagent.plan.request import Request
from videoagent.timeline import edits as picture
from videoagent.timeline.model import CardClip, TextOverlay, Timeline, Transition, VideoClip
from videoagent.timeline.otio_io import picture_of
from videoagent.timeline.time import FrameRate


def _four_clips() -> Timeline:
    timeline = Timeline(rate=FrameRate.of(24), width=640, height=360)
    timeline = timeline.with_clip(CardClip("Title", 48, shot_id="s01"))
    timeline = timeline.with_clip(
        VideoClip("a.mp4", 96, source_in=6, shot_id="s02"), Transition("crossfade", 12)
    )
    timeline = timeline.with_clip(VideoClip("b.mp4", 72, shot_id="s03"))
    timeline = timeline.with_clip(
        VideoClip("c.mp4", 60, shot_id="s04"), Transition("fade_black", 20)
    )
    timeline = timeline.with_overlay(TextOverlay("SALE", 200, 60, "top"))
    return timeline.with_overlay(TextOverlay("END", 270, 6, "bottom"))


def _ids(timeline: Timeline) -> list[str | None]:
    return [clip.shot_id for clip in timeline.clips]


def test_remove_takes_the_join_into_the_clip_with_it_and_fits_the_text():
    timeline = _four_clips()
    shorter = picture.remove(timeline, 1)
    assert _ids(shorter) == ["s01", "s03", "s04"]
    assert shorter.duration == timeline.duration - 96 == 180
    # The crossfade into s02 left with it; the fade into s04 stays at its position.
    assert [t.kind for t in shorter.transitions] == ["cut", "fade_black"]
    # SALE ran past the new end (200 + 60 > 180): dropped; END (270) too.
    assert shorter.overlays == ()
    assert timeline.duration == 276 and len(timeline.clips) == 4  # the original is unchanged


def test_swap_and_move_keep_the_joins_at_their_positions():
    timeline = _four_clips()
    swapped = picture.swap(timeline, 1, 3)
    assert _ids(swapped) == ["s01", "s04", "s03", "s02"]
    assert [t.kind for t in swapped.transitions] == ["crossfade", "cut", "fade_black"]
    assert swapped.duration == timeline.duration
    moved = picture.move(timeline, 0, 3)
    assert _ids(moved) == ["s02", "s03", "s04", "s01"]
    assert [t.kind for t in moved.transitions] == ["crossfade", "cut", "fade_black"]
    assert moved.overlays == timeline.overlays  # same length: text stays on the clock


def test_a_join_is_shortened_when_a_clip_beside_it_gets_short():
    timeline = _four_clips()
    trimmed = picture.trim(timeline, 3, 24)
    assert trimmed.clips[3].frames == 24 and trimmed.clips[3].source_in == 0
    assert trimmed.transitions[2] == Transition("fade_black", 12)  # half the 24-frame clip
    assert trimmed.duration == 240
    assert trimmed.overlays == (TextOverlay("SALE", 200, 40, "top"),)


def test_a_trim_past_the_source_and_bad_positions_are_refused():
    timeline = _four_clips()
    with pytest.raises(UsageError, match="its source holds 90 from its in point"):
        picture.trim(timeline, 1, 100, available=96)
    assert picture.trim(timeline, 1, 90, available=96).clips[1].frames == 90
    with pytest.raises(UsageError, match="at least 1 frame, got 0"):
        picture.trim(timeline, 1, 0)
    with pytest.raises(UsageError, match="no clip at position 5; the timeline has 4"):
        picture.swap(timeline, 0, 4)
    with pytest.raises(UsageError, match="no clip at position 0"):
        picture.move(timeline, -1, 2)
    single = Timeline(rate=FrameRate.of(24), width=64, height=64).with_clip(CardClip("x", 24))
    with pytest.raises(UsageError, match="only clip"):
        picture.remove(single, 0)


def _planned_board():
    from videoagent.agent.planning import draft_bible, draft_storyboard

    request = Request.build("a dog walks in the park, then sniffs a tree", duration=12)
    brief = make_brief(request)
    board, _ = draft_storyboard(request, brief, draft_bible(brief), pool=["procedural"])
    return board


def test_the_plan_adopts_its_own_timeline_unchanged_and_an_edited_one_exactly():
    board = _planned_board()
    sketch = sketch_timeline(board)
    assert sketch.duration == board.target_frames
    same, notes = adopt(picture_of(sketch), board)
    assert notes == [] and [s.id for s in same.shots] == [s.id for s in board.shots]
    last = len(sketch.clips) - 1
    edited = picture.move(picture.trim(sketch, 0, sketch.clips[0].frames - 6), last, 0)
    adopted, notes = adopt(picture_of(edited), board)
    assert [s.id for s in adopted.shots] == _ids(edited)
    assert [s.frames for s in adopted.shots] == [c.frames for c in edited.clips]
    assert adopted.target_frames == edited.duration == board.target_frames - 6
    assert sketch_timeline(adopted).transitions == edited.transitions
    assert any("order now" in note for note in notes)


def test_insert_puts_new_footage_in_with_the_join_it_is_given():
    timeline = _four_clips()
    new = [VideoClip("", 30, shot_id="s05"), VideoClip("", 40, shot_id="s06")]
    longer = picture.insert(timeline, 3, new, Transition("crossfade", 8))
    assert _ids(longer) == ["s01", "s02", "s03", "s05", "s06", "s04"]
    assert [t.kind for t in longer.transitions] == [
        "crossfade",
        "cut",
        "crossfade",
        "crossfade",
        "fade_black",
    ]
    assert longer.duration == timeline.duration + 70
    assert longer.overlays == timeline.overlays  # text stays on the video's clock
    titled = picture.insert(timeline, 0, [CardClip("Hello", 24, shot_id="s00")])
    assert _ids(titled)[:2] == ["s00", "s01"] and titled.transitions[0].kind == "cut"
    with pytest.raises(UsageError, match="cannot insert at position 6"):
        picture.insert(timeline, 5, new)


def test_shorten_spreads_the_cut_over_the_footage_and_drops_clips_only_when_it_must():
    """Cut from the last clip back, "make it 20 seconds" of three 10 s shots dropped the
    third: the story lost its ending. Cards stay as they are."""
    timeline = _four_clips()  # card 48 | 96 | 72 | 60
    shorter = picture.shorten(timeline, 70, shortest=24)
    assert [c.frames for c in shorter.clips] == [48, 64, 50, 44]  # each by its room above 24
    assert shorter.duration == timeline.duration - 70
    least = picture.shorten(timeline, 200, shortest=24)
    assert [c.frames for c in least.clips] == [48, 28]  # the last footage is only trimmed
    with pytest.raises(UsageError, match="cannot be made that short"):
        picture.shorten(timeline, 276, shortest=24)


def test_shorten_from_the_end_takes_off_exactly_the_last_frames_of_footage():
    """ "Cut the last 5 seconds": whole clips within them go, the one they end in is trimmed,
    the card stays."""
    timeline = _four_clips()  # card 48 | 96 | 72 | 60
    shorter = picture.shorten(timeline, 70, shortest=24, from_end=True)
    assert [c.frames for c in shorter.clips] == [48, 96, 62]
    assert picture.shorten(timeline, 10, shortest=24, from_end=True).clips[-1].frames == 50


@pytest.mark.parametrize(
    "frames, cut, kept",
    [
        ([100, 100, 30], 10, [95, 95, 30]),  # never under a second while others remain
        ([100, 100, 30], 40, [81, 81, 28]),
        ([240, 240, 240], 240, [160, 160, 160]),  # 30 s made 20 s: three shots still
        ([100, 100, 100], 250, [25, 25]),  # not enough room: the last goes whole
        ([100, 20, 20], 30, [70, 20, 20]),
        ([24, 24, 24], 10, [24, 24, 14]),  # all at a second: one goes under, none whole
    ],
)
def test_shortening_keeps_the_total_exact(frames, cut, kept):
    timeline = Timeline(rate=FrameRate.of(24), width=64, height=64)
    for index, length in enumerate(frames):
        timeline = timeline.with_clip(VideoClip(f"{index}.mp4", length))
    shorter = picture.shorten(timeline, cut, shortest=24)
    assert [c.frames for c in shorter.clips] == kept
    assert shorter.duration == sum(frames) - cut


def test_a_shots_text_moves_with_its_clip_and_goes_with_it():
    timeline = _four_clips().with_overlay(TextOverlay("Rex", 150, 24, "top", shot_id="s03"))
    moved = picture.move(timeline, 2, 0)  # s03 (it started at frame 144) now opens the video
    assert TextOverlay("Rex", 6, 24, "top", shot_id="s03") in moved.overlays
    assert TextOverlay("SALE", 200, 60, "top") in moved.overlays  # the clock's text stays
    gone = picture.remove(timeline, 2)
    assert [t.text for t in gone.overlays if t.shot_id] == []
