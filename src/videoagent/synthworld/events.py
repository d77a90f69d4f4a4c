"""The sound events of a synthworld shot, read from its choreography at exact times (not
rounded to frames): footfalls, landings and the bangs of fireworks.

A footfall is when a leg passes under the body (the gait's phase crosses a multiple of π:
the painters swing legs by its sine) while the creature walks, runs, sniffs or chases; a
landing is when a jump's arc comes back to the ground. Only creatures with feet on the
ground make them (dogs, cats, people, the four-legged animals). A firework bangs as it bursts
(`fireworks.bursts_between`, on the clock its painter reads: the shot's time from its gait
offset)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from videoagent.synthworld.choreography import JUMP_SECONDS, Choreography
from videoagent.synthworld.fireworks import bursts_between
from videoagent.synthworld.vocabulary import ANIMALS

GAITED = ("walk", "run", "sniff", "chase", "dance")
FOOTED = ("dog", "cat", "person", *ANIMALS, "penguin")


@dataclass(frozen=True)
class SoundEvent:
    time: float  # seconds into the shot
    kind: str  # "step", "land" or "bang"
    entity: int
    entity_kind: str

    def to_dict(self, fps: float) -> dict:
        return {
            "time": round(self.time, 5),
            "frame": round(self.time * fps),  # the frame that shows it
            "kind": self.kind,
            "entity": self.entity,
            "entity_kind": self.entity_kind,
        }


def sound_events(choreography: Choreography) -> list[SoundEvent]:
    """Every footfall, landing and bang in the shot, in time order."""
    events = []
    duration, offset = choreography.duration, choreography.gait_offset
    for index, entity in enumerate(choreography.entities):
        if entity.kind == "fireworks":
            for burst in bursts_between(offset, offset + duration):
                events.append(SoundEvent(burst.time - offset, "bang", index, entity.kind))
        if entity.kind not in FOOTED:
            continue
        rate = choreography.phase_rate(entity.action)
        first = math.ceil(offset * rate / math.pi)
        k = first
        while (t := k * math.pi / rate - offset) < duration:
            if t >= 0 and choreography.pose(index, t).action in GAITED:
                events.append(SoundEvent(t, "step", index, entity.kind))
            k += 1
        if entity.action == "jump":
            landing = JUMP_SECONDS
            while landing < duration:
                events.append(SoundEvent(landing, "land", index, entity.kind))
                landing += JUMP_SECONDS
    return sorted(events, key=lambda e: e.time)
