"""What a synthworld shot contains: the input of the renderer and of the captioner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from videoagent.errors import UsageError
from videoagent.synthworld import vocabulary as vocab


@dataclass(frozen=True)
class EntitySpec:
    """One thing in the shot: its kind, colour, what it does, and to whom."""

    kind: str
    colour: str
    action: str = "stand"
    target: int | None = None  # index of the entity acted on (given to, met, chased, held)
    label: str = ""  # for placeholders: the unsupported word it stands for

    def __post_init__(self) -> None:
        if self.kind == "placeholder":
            return
        if self.kind not in vocab.KINDS:
            raise UsageError(f"synthworld cannot draw kind {self.kind!r}")
        if self.colour not in vocab.COLOURS:
            raise UsageError(f"synthworld has no colour {self.colour!r}")
        if self.action not in vocab.ACTIONS or self.kind not in vocab.ACTIONS[self.action]:
            raise UsageError(f"a {self.kind} cannot {self.action!r} in synthworld")


@dataclass(frozen=True)
class SceneSpec:
    """A whole shot: where, when, how it is filmed, and who is in it (the first is the subject)."""

    place: str = "park"
    time_of_day: str = "morning"
    weather: str = "clear"
    camera: str = "static"
    shot_size: str = "wide"
    entities: tuple[EntitySpec, ...] = field(default_factory=tuple)
    # A journey's last leg: the place the shot starts in, which gives way to `place` as
    # the camera travels on (None: the whole shot is at `place`).
    arrives_from: str | None = None

    def __post_init__(self) -> None:
        checks = (
            ("place", self.place, vocab.PLACES),
            ("time_of_day", self.time_of_day, vocab.TIMES),
            ("weather", self.weather, vocab.WEATHERS),
            ("camera", self.camera, vocab.CAMERAS),
            ("shot_size", self.shot_size, vocab.SHOT_SIZES),
        )
        for name, value, allowed in checks:
            if value not in allowed:
                raise UsageError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
        if self.arrives_from is not None and self.arrives_from not in vocab.PLACES:
            raise UsageError(
                f"arrives_from must be one of {', '.join(vocab.PLACES)}; got {self.arrives_from!r}"
            )
        if self.arrives_from == self.place:
            raise UsageError(f"a shot cannot arrive at the {self.place} from the {self.place}")
        for entity in self.entities:
            if entity.target is not None and not 0 <= entity.target < len(self.entities):
                raise UsageError(f"entity target {entity.target} is not an entity of this shot")

    @property
    def drawable(self) -> tuple[EntitySpec, ...]:
        return tuple(e for e in self.entities if e.kind != "placeholder")

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.entities if e.kind == "placeholder")

    def to_dict(self) -> dict:
        """As plain data; `arrives_from` only where a journey ends (so that every other
        scene, and every key made from one, reads as it always has)."""
        data = asdict(self)
        if data["arrives_from"] is None:
            del data["arrives_from"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SceneSpec:
        entities = tuple(EntitySpec(**e) for e in data.get("entities", ()))
        return cls(**{**data, "entities": entities})


def stroller_pusher(entities: Sequence[EntitySpec], index: int) -> int | None:
    """Who pushes stroller `index` of `entities` along before them: the first person
    walking (or running, strolling), if anyone is."""
    if entities[index].kind != "stroller":
        return None
    pushing = (
        i
        for i, e in enumerate(entities)
        if e.kind == "person" and e.action in vocab.PUSHED_ALONG_BY
    )
    return next(pushing, None)


def in_a_stroller(entity: EntitySpec, entities: Sequence[EntitySpec]) -> bool:
    """Whether `entity` sits (or sleeps) in the stroller it names, pushed along in it."""
    aboard = entities[entity.target].kind if entity.target is not None else None
    return aboard == "stroller" and entity.action in ("sit", "sleep")


def in_arms(entity: EntitySpec, entities: Sequence[EntitySpec]) -> bool:
    """Whether `entity` is a child sitting (or asleep) in the arms of the person it names."""
    holder = entities[entity.target].kind if entity.target is not None else None
    return entity.label == vocab.CHILD and holder == "person" and entity.action in ("sit", "sleep")


def cradled_by(holder: int, entities: Sequence[EntitySpec]) -> int | None:
    """The child held in the arms of entity `holder`, if there is one."""
    return next(
        (k for k, e in enumerate(entities) if in_arms(e, entities) and e.target == holder), None
    )


def carried_in_the_mouth(entity: EntitySpec, entities: Sequence[EntitySpec]) -> bool:
    """Whether `entity` (a stick, a ball) is in the mouth of the dog it names."""
    carrier = entities[entity.target].kind if entity.target is not None else None
    return entity.kind in vocab.CARRIED_IN_THE_MOUTH and carrier in vocab.MOUTH_CARRIERS
