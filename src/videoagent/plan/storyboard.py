"""The storyboard: shots with exact durations, framing, text and transitions, validated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from videoagent.errors import PlanError
from videoagent.plan.bible import Bible
from videoagent.synthworld.spec import SceneSpec
from videoagent.timeline.time import FrameRate

SCHEMA_VERSION = 1


@dataclass
class OnScreenText:
    """Text burned in at an exact place in a shot (frames relative to the shot's start)."""

    text: str
    start: int
    frames: int
    position: str = "bottom"


@dataclass
class Shot:
    """One shot of the plan. `kind` is "generated" (a backend renders it) or "card"."""

    id: str
    index: int
    kind: str
    beat: str
    caption: str
    frames: int
    shot_size: str = "wide"
    camera: str = "static"
    transition_in: str = "cut"
    transition_frames: int = 0
    # The same moment carried on from the shot before, with no cut: its take extends that
    # shot's take (plan/continuity.py).
    continues: bool = False
    cast: list[str] = field(default_factory=list)
    scene: dict | None = None
    # Where it is in the request's own words ("snowy forest"), for models that read prose;
    # "": as synthworld draws it (plan/place_names.py).
    setting: str = ""
    prompt: str = ""  # the dense prompt, in the backend's dialect, exactly as sent
    narration: str | None = None  # the line written for the shot ("": silence; None: caption)
    backend: str = ""
    dialect: str = ""
    card_title: str = ""
    card_subtitle: str = ""
    on_screen_text: list[OnScreenText] = field(default_factory=list)
    seed: int = 0  # first take's seed; retries count up from it
    # How its takes are generated (frames, size) and where the shot starts in them: fixed
    # once made, so moving, trimming or reframing the shot reuses its take (0: not yet).
    source_frames: int = 0
    source_in: int = 0
    source_size: list[int] = field(default_factory=list)
    # What of its beat the plan could not draw, as said ("hates", "moon (drawn as its park)").
    left_out: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        """The number in the shot's id (stable when shots are moved or removed)."""
        return int(self.id.rsplit("-", 1)[-1])

    @property
    def scene_spec(self) -> SceneSpec | None:
        return SceneSpec.from_dict(self.scene) if self.scene else None


@dataclass
class Storyboard:
    """All shots in order, with the target they must add up to."""

    request: str
    mode: str
    fps: str
    width: int
    height: int
    target_frames: int
    shots: list[Shot]
    planner: str = "offline"
    warnings: list[str] = field(default_factory=list)
    aspect: str = "16:9"
    # The colour grade the render gives shots whose backend cannot be told the look asked
    # for ("black and white"; media/grades.py); "" for none.
    grade: str = ""
    # Text placed on the video's own clock (frames from its start), by edits.
    overlays: list[OnScreenText] = field(default_factory=list)

    @property
    def rate(self) -> FrameRate:
        return FrameRate.of(self.fps)

    def to_dict(self) -> dict:
        return {"schema_version": SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Storyboard:
        data = {k: v for k, v in data.items() if k != "schema_version"}
        shots = []
        for item in data.pop("shots"):
            texts = [OnScreenText(**t) for t in item.pop("on_screen_text", [])]
            shots.append(Shot(**item, on_screen_text=texts))
        overlays = [OnScreenText(**t) for t in data.pop("overlays", [])]
        return cls(**data, shots=shots, overlays=overlays)

    def position(self, shot_id: str) -> int:
        """Where `shot_id` stands now, from 0."""
        return next(i for i, s in enumerate(self.shots) if s.id == shot_id)

    def next_id(self, taken: list[str] = ()) -> str:
        """An id above every shot's of this storyboard and every id in `taken` (shots being
        added that it does not hold yet)."""
        numbers = [s.number for s in self.shots] + [int(i.rsplit("-", 1)[-1]) for i in taken]
        return f"shot-{max(numbers, default=0) + 1:02d}"

    def renumber(self) -> None:
        """Set every shot's index to its place (ids stay as they are)."""
        for index, shot in enumerate(self.shots):
            shot.index = index + 1

    def validate(self, bible: Bible) -> None:
        """Raise PlanError unless durations add up, the cast exists and text fits."""
        if not self.shots:
            raise PlanError("the storyboard has no shots")
        total = sum(shot.frames for shot in self.shots)
        if total != self.target_frames:
            raise PlanError(
                f"shot durations add up to {total} frames, not the target {self.target_frames}"
            )
        for i, shot in enumerate(self.shots):
            if shot.frames < 1:
                raise PlanError(f"shot {shot.id} has {shot.frames} frames")
            for member in shot.cast:
                if member not in bible.entities:
                    raise PlanError(f"shot {shot.id} casts {member!r}, which the bible lacks")
            for text in shot.on_screen_text:
                if text.start < 0 or text.start + text.frames > shot.frames:
                    raise PlanError(f"text {text.text!r} in shot {shot.id} runs outside the shot")
            if i > 0 and shot.transition_in != "cut":
                shortest = min(shot.frames, self.shots[i - 1].frames)
                if shot.transition_frames > shortest // 2:
                    raise PlanError(f"transition into {shot.id} is longer than half a shot")
            problem = continuity_problem(self.shots, i)
            if problem:
                raise PlanError(problem)
            if shot.kind == "generated" and not shot.scene:
                raise PlanError(f"generated shot {shot.id} has no scene")
        for text in self.overlays:
            if text.start < 0 or text.frames < 1 or text.start + text.frames > total:
                raise PlanError(
                    f"text {text.text!r} at frames {text.start}..{text.start + text.frames} "
                    f"falls outside the {total}-frame video"
                )


def continuity_problem(shots: list[Shot], index: int) -> str | None:
    """Why shot `index` cannot continue the shot before it, or None when it can (or does
    not claim to)."""
    shot = shots[index]
    if not shot.continues:
        return None
    if index == 0:
        return f"{shot.id} continues the shot before it, but it is the first shot"
    before = shots[index - 1]
    if shot.kind != "generated" or before.kind != "generated":
        return f"{shot.id} continues {before.id}, but only generated shots carry on a take"
    if shot.transition_in != "cut" or shot.transition_frames:
        return f"{shot.id} continues {before.id}, so it cannot have a {shot.transition_in} into it"
    return None


def allocate(total: int, weights: list[float], *, minimum: int = 1) -> list[int]:
    """Split `total` frames in proportion to `weights`, summing exactly (largest remainder)."""
    if not weights:
        return []
    if total < minimum * len(weights):
        raise PlanError(f"{total} frames cannot hold {len(weights)} shots of {minimum} frames")
    spare = total - minimum * len(weights)
    scale = sum(weights)
    exact = [spare * w / scale for w in weights]
    whole = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - whole[i], reverse=True)
    for i in order[: spare - sum(whole)]:
        whole[i] += 1
    return [w + minimum for w in whole]
