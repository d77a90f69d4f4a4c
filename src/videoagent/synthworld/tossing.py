"""Something sent to and fro: two people throw a ball, a frisbee or snowballs back and
forth by hand ("toss", playing catch), or hit a ball with rackets ("rally", tennis). One
who plays alone sends it to someone out of the picture, and it comes back. Where each
stands, where what they send is at each moment, and how far each is through a throw or a
swing; the choreography makes poses of these."""

from __future__ import annotations

import math
from dataclasses import dataclass

from videoagent.synthworld.spec import EntitySpec

TOSSING = ("toss", "rally")
APART = {"toss": 3.4, "rally": 5.2}  # metres between the two, where the view is wide enough
CROSSING = {"toss": 1.3, "rally": 0.95}  # seconds it is in the air each way
# How high it rises above a straight line halfway across, of the sender's height: a lob
# thrown, a flatter shot hit, a frisbee skimming.
ARC = {"toss": 0.57, "rally": 0.29}
FRISBEE_ARC = 0.14
# Where it leaves the hand or the racket and is met, of the player's height: thrown from
# above the shoulder, hit at the waist.
HAND = {"toss": 0.95, "rally": 0.38}
HAND_AHEAD = 0.26  # how far before the player, of their height
# Seconds either side of a throw or a hit over which the arm swings through.
TOUCH = {"toss": 0.4, "rally": 0.3}


@dataclass(frozen=True)
class Tossing:
    """Who sends what to and fro, and how. `players` are entity indices, the first on the
    left; `xs` where the two stand (the second out of the picture where one plays alone);
    `heights` how tall each is (metres), which sets where they throw from or hit."""

    action: str
    players: tuple[int, ...]
    thing: int
    xs: tuple[float, float]
    heights: tuple[float, float]
    frisbee: bool

    @property
    def crossing(self) -> float:
        return CROSSING[self.action]

    def facing(self, k: int) -> int:
        return 1 if k == 0 else -1

    def hand(self, k: int) -> tuple[float, float]:
        """Where player k (0 or 1, the unseen one too) throws from or hits, metres."""
        ahead, height = HAND_AHEAD * self.heights[k], HAND[self.action] * self.heights[k]
        return (self.xs[k] + ahead * self.facing(k), height)

    def thing_at(self, t: float) -> tuple[float, float, int]:
        """Where the middle of what is sent is at `t` seconds, and which way it goes: from
        one player's hand to the other's, rising over its arc."""
        crossings = t / self.crossing
        n = math.floor(crossings)
        s = crossings - n
        sender = n % 2
        (x0, y0), (x1, y1) = self.hand(sender), self.hand(1 - sender)
        arc = (FRISBEE_ARC if self.frisbee else ARC[self.action]) * self.heights[sender]
        return (x0 + (x1 - x0) * s, y0 + (y1 - y0) * s + 4 * arc * s * (1 - s), self.facing(sender))

    def swing(self, k: int, t: float) -> float:
        """How far player k is through a throw or a hit at `t`: 0 ready, rising through 1 as
        it leaves their hand or racket, to 2 followed through (then ready again)."""
        crossings = t / self.crossing
        nearest = 2 * round((crossings - k) / 2) + k  # their sends are every other crossing
        since = (crossings - nearest) * self.crossing
        window = TOUCH[self.action]
        return 1 + since / window if abs(since) < window else 0.0

    def stance(self, k: int, t: float) -> float:
        """Where player k stands at `t`: a little to and fro on their feet."""
        return self.xs[k] + 0.12 * math.sin(t * 1.3 + 2.1 * k)


def tossing_in(
    entities: tuple[EntitySpec, ...], heights: list[float], view_width: float
) -> Tossing | None:
    """The tossing in a shot of `entities` (each `heights[i]` tall), framed `view_width`
    metres wide: its players, the first two who send their `target` to and fro; None where
    no one does."""
    players = [i for i, e in enumerate(entities) if e.action in TOSSING and e.target is not None]
    if not players:
        return None
    first = entities[players[0]]
    players = [p for p in players if entities[p].target == first.target][:2]
    apart = min(APART[first.action], 0.6 * view_width)
    if len(players) == 1:  # their partner out of the picture, to the right
        xs = (-0.25 * view_width, 0.75 * view_width)
        tall = (heights[players[0]], heights[players[0]])
    else:
        xs = (-apart / 2, apart / 2)
        tall = (heights[players[0]], heights[players[1]])
    frisbee = entities[first.target].kind == "frisbee"
    return Tossing(first.action, tuple(players), first.target, xs, tall, frisbee)
