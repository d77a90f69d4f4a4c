"""The sound events of a synthworld shot, read from its choreography at exact times (not
rounded to frames): footfalls and landings.

A footfall is when a leg passes under the body (the gait's phase crosses a multiple of π:
the painters swing legs by its sine) while the creature walks, runs, sniffs or chases; a
landing is when a jump's arc comes back to the ground. Only creatures with feet on the
ground make them (dogs, cats, people, the four-legged animals)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from videoagent.synthworld.choreography import JUMP_SECONDS, Choreography
from videoagent.synthworld.vocabulary import ANIMALS

GAITED = ("walk", "run", "sniff", "chase", "dance")
FOOTED = ("dog", "cat", "person", *ANIMALS)


@dataclass(frozen=True)
class SoundEvent:
    time: float  # seconds into the shot
    kind: str  # "step" or "land"
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
    """Every footfall and landing in the shot, in time order."""
    events = []
    duration, offset = choreography.duration, choreography.gait_offset
    for index, entity in enumerate(choreography.entities):
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
