"""The offline planner: a storyboard from the request with no language model at all.

It splits the request into beats, adds what the mode asks for (establishing shot, cards,
hook text), gives every shot a natural framing, and allocates frames so that the shots add
up to the target exactly.
"""

from __future__ import annotations

import math
from dataclasses import replace

from videoagent.plan.beats import beat_sentence, names_subject
from videoagent.plan.bible import Bible
from videoagent.plan.brief import Brief, _named
from videoagent.plan.continuity import as_one_take
from videoagent.plan.journey import arriving, without_destinations
from videoagent.plan.modes import MODES, brand_name, tagline
from videoagent.plan.place_names import place_as_written
from videoagent.plan.request import Request
from videoagent.plan.staging import FRAMING, SMALL_LEADS, left_out_notes, stage
from videoagent.plan.story_time import story_time
from videoagent.plan.storyboard import OnScreenText, Shot, Storyboard, allocate
from videoagent.plan.time_passing import times_passing
from videoagent.synthworld import vocabulary as vocab

MAX_SHOT_SECONDS = 10.0
ALTERNATE_SIZE = {"wide": "medium", "medium": "close-up", "close-up": "medium"}
# The same for a shot of several, in which a close-up would leave one of them out.
ALTERNATE_GROUP_SIZE = {"wide": "medium", "medium": "wide", "close-up": "medium"}
# Coverage: the shots after the first of one beat are framed anew, in turn, so a beat long
# enough for three shots is not the same picture three times (a moving subject is followed).
COVERAGE = {
    "moving": (("medium", "track"), ("wide", "pan"), ("close-up", "track")),
    "still": (("close-up", "static"), ("wide", "pan"), ("medium", "zoom in")),
}
# Who moves: what the camera follows (a rider, a skier too), and what flies or drives past.
MOVING = ("fly", "drive", *(a for a, (_, camera) in FRAMING.items() if camera == "track"))
# How long a beat that sets the scene before the subject is met lasts, at most: one shot
# ("a sunny beach, then a dog runs into the waves": the dog's beat is the story).
SETTING_SECONDS = 4.0


def _plan_beats(
    brief: Brief, request: Request, max_shot_seconds: float
) -> tuple[list[tuple[str, str, str | None, bool]], list[float]]:
    """(beat, caption, action hint, whether it ends its beat) per generated shot, long
    beats split into coverage; and each shot's share of the time: even, but for a beat that
    sets the scene before the subject is met, one short shot ("a sunny beach, then a dog runs
    into the waves": the dog's beat is the story)."""
    mode = MODES[request.mode]
    beats = list(brief.beats)
    card_seconds = mode.title_card + mode.end_card
    available = max(request.seconds - card_seconds, 1.0)
    setting = [
        i < brief.setting and not names_subject(brief.subject, b) for i, b in enumerate(beats)
    ]
    story_beats = len(beats) - sum(setting)
    setting_seconds = min(SETTING_SECONDS, available / len(beats)) if story_beats else 0.0
    story_seconds = available - setting_seconds * sum(setting)
    planned: list[tuple[str, str, str | None, bool]] = []
    # A shot for each time of day the video passes through ("from day to night").
    passing = math.ceil(len(times_passing(request.text)) / len(beats))
    if mode.establishing and not brief.one_take:  # an establishing shot is a cut
        when = "Noon" if brief.time_of_day == "noon" else f"A {brief.time_of_day}"
        _, said = place_as_written(request.text, brief.place)  # "the lake", "Sunny Café"
        said = said or brief.place
        named = said[:1].isupper() or said == "home"
        where = f"{vocab.PLACE_PREPOSITIONS.get(brief.place, 'at')} {'' if named else 'the '}{said}"
        planned.append(("establishing shot", f"{when} {where}.", "stand", True))
    for i, beat in enumerate(beats):
        told = beats[brief.setting : i]  # the beats before that may name the subject
        named = any(names_subject(brief.subject, before) for before in told)
        sentence = beat_sentence(brief.subject, beat, first=not named, setting=i < brief.setting)
        most = min(max_shot_seconds, MAX_SHOT_SECONDS)
        pieces = max(1, passing, math.ceil(story_seconds / max(story_beats, 1) / most))
        pieces = 1 if setting[i] and story_beats else pieces
        planned += [(beat, sentence, None, piece == pieces - 1) for piece in range(pieces)]
    if mode.closing_shot and not brief.one_take:
        planned.append(("closing shot", "And the day winds down.", "sit", True))
    scene_setting = {b for b, sets in zip(beats, setting, strict=True) if sets and story_beats}
    shots_of_story = sum(1 for beat, _, _, _ in planned if beat not in scene_setting)
    story_shot = story_seconds / max(shots_of_story, 1)
    weights = [
        setting_seconds / story_shot if beat in scene_setting else 1.0 for beat, _, _, _ in planned
    ]
    return planned, weights


def plan_offline(
    request: Request,
    brief: Brief,
    bible: Bible,
    *,
    max_shot_seconds: float = MAX_SHOT_SECONDS,
) -> Storyboard:
    """A storyboard from rules alone (prompts are filled in by the rewrite step); no shot
    longer than `max_shot_seconds` (a long beat becomes several shots)."""
    shots: list[Shot] = []
    previous_size = None
    here = brief.place  # where the story is: a journey moves it
    left_out: dict[str, list[str]] = {}  # by beat: what synthworld has no drawing for
    planned, weights = _plan_beats(brief, request, max_shot_seconds)
    times = story_time([beat if hint is None else "" for beat, _, hint, _ in planned], brief)
    piece = 0  # which shot of its beat
    for k, ((beat, sentence, hint, ends_beat), now) in enumerate(zip(planned, times, strict=True)):
        piece = piece + 1 if k and planned[k - 1][0] == beat and hint is None else 0
        told = beat if hint is None else ""
        if hint == "sit" and brief.subject_kind == "person":
            told = "on a bench"  # a person closing the day sits on something, not on air
        staged = stage(told, brief, bible, action_hint=hint, here=here, now=now)
        if staged.left_out:
            left_out[beat] = staged.left_out
        scene = _covered(staged.scene, piece, f"{told} {brief.framing}")
        # A journey's way there is shot where it starts; its last shot arrives.
        arrived = arriving(scene, beat) if hint is None and ends_beat else None
        if arrived is not None:
            scene, here = arrived, arrived.place
        elif _named(without_destinations(told), vocab.PLACE_SYNONYMS):
            here = scene.place  # "leaves fall in the park, a girl jumps in them": the park
        if scene.shot_size == previous_size and scene.camera == "static":
            # Repeating a framing reads as a jump cut: vary it (the camera where the size
            # is asked for: "a close-up of …").
            sizes = ALTERNATE_SIZE if len(scene.entities) == 1 else ALTERNATE_GROUP_SIZE
            if _named(f"{told} {brief.framing}", vocab.SHOT_SYNONYMS):
                scene = replace(scene, camera="zoom in")
            else:
                scene = replace(scene, shot_size=sizes[scene.shot_size])
        if hint == "stand":  # the establishing shot shows the place
            scene = replace(scene, shot_size="wide", camera="pan")
        previous_size = scene.shot_size
        shots.append(generated_shot(beat, sentence, scene, staged.cast, staged.left_out))
    board = finish_storyboard(shots, weights, request, brief, planner="offline")
    board.warnings += left_out_notes(left_out)
    return board


def _covered(scene, piece: int, beat: str):
    """`scene` framed as the `piece`-th shot of its beat (0: as staged), from `COVERAGE`;
    framing or a camera the beat asks for stays in every shot of it, and a shot of several
    is no close-up (it would leave one of them out), nor a lead too small for it wide (a
    butterfly)."""
    if piece == 0:
        return scene
    lead = scene.entities[0].action if scene.entities else "stand"
    size, camera = COVERAGE["moving" if lead in MOVING else "still"][(piece - 1) % 3]
    if len(scene.entities) > 1 and size == "close-up":
        size = "medium"
    if scene.entities and scene.entities[0].kind in SMALL_LEADS and size == "wide":
        size, camera = SMALL_LEADS[scene.entities[0].kind]
    if _named(beat, vocab.SHOT_SYNONYMS):
        size = scene.shot_size
    if _named(beat, vocab.CAMERA_SYNONYMS):
        camera = scene.camera
    return replace(scene, shot_size=size, camera=camera)


def generated_shot(
    beat: str, caption: str, scene, cast: list[str], left_out: list[str] = ()
) -> Shot:
    """A shot the backend renders from `scene` (numbered and timed by `finish_storyboard`);
    `left_out`: what of its beat could not be drawn, as staging said it."""
    return _unplaced(
        "generated",
        beat,
        caption,
        shot_size=scene.shot_size,
        camera=scene.camera,
        cast=cast,
        scene=scene.to_dict(),
        left_out=list(left_out),
    )


def card_shot(beat: str, *, title: str, subtitle: str, caption: str) -> Shot:
    """A deterministic text card (numbered and timed later by `finish_storyboard`)."""
    return _unplaced("card", beat, caption, card_title=title, card_subtitle=subtitle)


def _unplaced(kind: str, beat: str, caption: str, **fields) -> Shot:
    """A shot not yet numbered (no id, no index) nor timed (no frames)."""
    return Shot(id="", index=0, kind=kind, beat=beat, caption=caption, frames=0, **fields)


def finish_storyboard(
    shots: list[Shot], weights: list[float], request: Request, brief: Brief, *, planner: str
) -> Storyboard:
    """Add the mode's cards and text, allocate exact frames, number shots, set transitions."""
    mode = MODES[request.mode]
    rate = request.rate
    if brief.one_take:
        shots = as_one_take(shots)
    name = brand_name(request.text, (brief.subject or "Our story").capitalize())
    if mode.title_card and not brief.one_take:
        shots.insert(0, card_shot("title card", title=name, subtitle="", caption=name))
    # "Try it today" ends a video about a product; a UGC video of one's day names none.
    product = request.mode != "ugc-product" or bool(brand_name(request.text, ""))
    if mode.end_card and not brief.one_take and product:
        closing = "Try it today" if request.mode == "ugc-product" else name
        fallback = "Made for moments like these" if request.mode == "brand" else name
        line = tagline(request.text, fallback)
        shots.append(card_shot("end card", title=closing, subtitle=line, caption=line))
    # Frames: cards have fixed lengths, generated shots share the rest equally.
    total = request.frames
    card_frames = {
        "title card": rate.frames(mode.title_card),
        "end card": rate.frames(mode.end_card),
    }
    fixed = sum(card_frames[s.beat] for s in shots if s.kind == "card")
    generated = [s for s in shots if s.kind == "generated"]
    if fixed >= total or len(generated) * rate.frames(1.0) > total - fixed:
        # Too short for cards: drop them, the story comes first.
        shots = generated
        fixed = 0
    for shot, frames in zip(generated, allocate(total - fixed, weights), strict=True):
        shot.frames = frames
    for shot in shots:
        if shot.kind == "card":
            shot.frames = card_frames[shot.beat]
    transition_frames = rate.frames(mode.transition_seconds)
    for index, shot in enumerate(shots):
        shot.index, shot.id = index + 1, f"shot-{index + 1:02d}"
        shot.seed = shot_seed(request.seed, shot.index)
        if index > 0 and mode.transition != "cut" and not shot.continues:
            shortest = min(shot.frames, shots[index - 1].frames)
            shot.transition_in = mode.transition
            shot.transition_frames = min(transition_frames, shortest // 2)
    if mode.hook_text and generated:
        first = generated[0]
        first.on_screen_text.append(
            OnScreenText(
                text=first.caption.rstrip(".").upper()[:40],
                start=0,
                frames=min(first.frames, rate.frames(2.5)),
                position="top",
            )
        )
    return Storyboard(
        request=request.text,
        mode=request.mode,
        fps=str(rate.fps),
        width=request.width,
        height=request.height,
        target_frames=total,
        shots=shots,
        planner=planner,
        aspect=request.aspect,
    )


def shot_seed(project_seed: int, number: int) -> int:
    """The first seed of shot number `number`: distinct per shot, room for retries."""
    return project_seed * 1000 + number * 10
