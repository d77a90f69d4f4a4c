"""Fetch: one throws a ball, a frisbee or a stick for their dog, which sits waiting, runs
after it as it flies, picks it up in its mouth where it comes to rest, and brings it back
to sit before them, over and over. Where each is at each moment, and how far the thrower is
through a throw; the choreography makes poses of these."""

from __future__ import annotations

import math
from dataclasses import dataclass

from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.spec import EntitySpec
from videoagent.synthworld.tossing import ARC, FRISBEE_ARC, HAND, HAND_AHEAD, TOUCH

# Where a dog's mouth is, from its middle and the ground, metres: standing (or running),
# sitting, and with its head down to the ground; what it carries is held across it.
MOUTH = {"stand": (0.5, 0.58), "sit": (0.3, 0.56), "down": (0.52, 0.2)}
THROW = 4.5  # how far a throw goes before it lands, metres, where the view is wide enough
WIND_UP = 0.6  # seconds from the thing given back to the throw
FLIGHT = 0.9  # seconds in the air
ROLL = {"ball": 0.7, "frisbee": 0.25, "stick": 0.15}  # metres on along the ground, landed
ROLLING = 0.45  # seconds it takes to come to rest
PICK_UP = 0.35  # seconds the dog's head is down at it
WAITS_AT = 0.9  # how far before the thrower the dog sits, waiting and bringing it back
READY = 0.62  # how high the thrower's hand is, of their height, before the throw's swing
GIVEN = 0.7  # seconds the dog sits before them with it before it is taken


@dataclass(frozen=True)
class Fetch:
    """Who throws (`thrower`, `height` metres tall, standing at `x` facing right), which
    dog fetches, what (`thing`, of `kind`), how far it goes (`throw`)."""

    thrower: int
    fetcher: int
    thing: int
    kind: str
    x: float
    height: float
    throw: float

    @property
    def members(self) -> tuple[int, int, int]:
        return (self.thrower, self.fetcher, self.thing)

    @property
    def hand(self) -> tuple[float, float]:
        """Where the thrower lets go of it, metres: above the shoulder, before them."""
        return self.x + HAND_AHEAD * self.height, HAND["toss"] * self.height

    @property
    def waits_at(self) -> float:
        """Where the dog sits, before the thrower: its middle."""
        return self.x + WAITS_AT

    @property
    def rests_at(self) -> float:
        """Where what is thrown comes to rest: its middle."""
        return self.hand[0] + self.throw + ROLL[self.kind]

    @property
    def run(self) -> float:
        """Seconds the dog runs each way: out as it flies and rolls, back at the same pace."""
        return FLIGHT + ROLLING

    @property
    def cycle(self) -> float:
        return WIND_UP + self.run + PICK_UP + self.run + GIVEN

    def _stage(self, t: float) -> tuple[str, float]:
        """Which part of a throw `t` seconds in is ("wind", "out", "pick", "back",
        "given"), and how far through it, 0..1."""
        s = t % self.cycle
        for stage, length in (
            ("wind", WIND_UP),
            ("out", self.run),
            ("pick", PICK_UP),
            ("back", self.run),
        ):
            if s < length:
                return stage, s / length
            s -= length
        return "given", s / GIVEN

    def swing(self, t: float) -> float:
        """How far the thrower is through a throw (`Pose.swing`): 0 ready, up to 1 as it
        leaves the hand, 2 followed through."""
        stage, u = self._stage(t)
        window = TOUCH["toss"]
        since = (u - 1) * WIND_UP if stage == "wind" else u * self.run if stage == "out" else None
        if since is None or abs(since) >= window:
            return 0.0
        return 1 + since / window

    def dog(self, t: float) -> tuple[float, int, str, float]:
        """Where the dog's middle is at `t`, which way it faces, what it does ("sit",
        "chase", "sniff") and, head down at it, how far (`Pose.reach`)."""
        stage, u = self._stage(t)
        far = self.rests_at - MOUTH["down"][0]  # its mouth at what it picks up
        if stage == "wind":
            return self.waits_at, +1, "sit", 0.0
        if stage == "out":
            return self.waits_at + (far - self.waits_at) * u, +1, "chase", 0.0
        if stage == "pick":
            return far, +1, "sniff", 1.0
        if stage == "back":  # turned round, running back with it
            return far + (self.waits_at - far) * u, -1, "chase", 0.0
        return self.waits_at, -1, "sit", 0.0

    def thing_at(self, t: float, size: tuple[float, float]) -> tuple[float, float, int, int | None]:
        """Where what is thrown is at `t` (`size` its width and height: the point its
        drawing stands on), which way it goes, and who has it (the thrower, the dog, no
        one)."""
        stage, u = self._stage(t)
        half = size[1] / 2
        hand_x, hand_y = self.hand
        if stage == "wind" or (stage == "given" and u > 0.7):  # in the thrower's hand
            lift = math.sin(min(self.swing(t), 1.0) * math.pi / 2)  # raised as they throw
            y = self.height * (READY + (HAND["toss"] - READY) * lift)
            return hand_x, y - half, +1, self.thrower
        if stage == "out":
            s = u * self.run
            if s < FLIGHT:  # up over its arc, then down to the ground
                k = s / FLIGHT
                arc = (FRISBEE_ARC if self.kind == "frisbee" else ARC["toss"]) * self.height
                x = hand_x + self.throw * k
                y = hand_y * (1 - k) + 4 * arc * k * (1 - k)
                return x, max(y - half, 0.0), +1, None
            k = (s - FLIGHT) / ROLLING  # rolling on, slowing, to rest
            return hand_x + self.throw + ROLL[self.kind] * (1 - (1 - k) ** 2), 0.0, +1, None
        if stage == "pick" and u < 0.5:
            return self.rests_at, 0.0, +1, None
        dog_x, facing, action, _ = self.dog(t)
        ahead, up = MOUTH["sit" if action == "sit" else "down" if stage == "pick" else "stand"]
        return dog_x + ahead * facing, up - half, facing, self.fetcher


def fetch_in(
    entities: tuple[EntitySpec, ...], heights: list[float], view_width: float
) -> Fetch | None:
    """The fetch in a shot of `entities` (each `heights[i]` tall), framed `view_width`
    metres wide: one who throws (`toss`) what a dog chases; None where there is none."""
    for thrower, entity in enumerate(entities):
        if entity.action != "toss" or entity.target is None:
            continue
        dogs = [
            i
            for i, e in enumerate(entities)
            if e.action == "chase" and e.target == entity.target and e.kind in vocab.MOUTH_CARRIERS
        ]
        if dogs:
            throw = min(THROW, 0.5 * view_width)
            # the thrower left of the middle, what they throw landing right of it
            x = -(throw + HAND_AHEAD * heights[thrower]) / 2 - 0.3
            kind = entities[entity.target].kind
            return Fetch(thrower, dogs[0], entity.target, kind, x, heights[thrower], throw)
    return None
