"""Exact ground truth of every rendered frame: what is where, doing what, under which light."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityTruth:
    """One entity in one frame; `box` is (x0, y0, x1, y1) in pixels, clipped to the frame."""

    index: int
    kind: str
    colour: str
    action: str
    box: tuple[int, int, int, int]
    visible: float  # fraction of the entity's box inside the frame
    facing: int  # +1 right, -1 left
    many: int = 1  # how many of its kind it draws (a bunch of balloons: three)


@dataclass(frozen=True)
class FrameTruth:
    """Everything true about one frame."""

    frame: int
    place: str
    time_of_day: str
    weather: str
    camera: str
    shot_size: str
    entities: tuple[EntityTruth, ...]

    def to_dict(self) -> dict:
        return {
            "frame": self.frame,
            "entities": [
                {
                    "index": e.index,
                    "kind": e.kind,
                    "colour": e.colour,
                    "action": e.action,
                    "box": list(e.box),
                    "visible": round(e.visible, 3),
                    "facing": e.facing,
                    **({"many": e.many} if e.many > 1 else {}),
                }
                for e in self.entities
            ],
        }


def summarise(frames: list[FrameTruth], *, min_visible: float = 0.5, min_seen: float = 0.1) -> dict:
    """Per entity: how often it is mostly in frame (`visible_fraction`), how often a real
    part of it is (`seen_fraction`), and what it does; plus the shot's setting (its place
    is where it ends; `places`, where it shows more than one, lists them in order)."""
    if not frames:
        return {"frames": 0, "entities": []}
    first = frames[0]
    entities: dict[int, dict] = {}
    for truth in frames:
        for entity in truth.entities:
            row = entities.setdefault(
                entity.index,
                {
                    "index": entity.index,
                    "kind": entity.kind,
                    "colour": entity.colour,
                    "actions": {},
                    "visible_frames": 0,
                    "seen_frames": 0,
                },
            )
            row["actions"][entity.action] = row["actions"].get(entity.action, 0) + 1
            if entity.visible >= min_visible:
                row["visible_frames"] += 1
            if entity.visible >= min_seen:
                row["seen_frames"] += 1
    for row in entities.values():
        row["visible_fraction"] = round(row.pop("visible_frames") / len(frames), 3)
        row["seen_fraction"] = round(row.pop("seen_frames") / len(frames), 3)
    places = list(dict.fromkeys(truth.place for truth in frames))
    return {
        "frames": len(frames),
        "place": frames[-1].place,  # where it ends: a journey's last shot is where it arrives
        **({"places": places} if len(places) > 1 else {}),
        "time_of_day": first.time_of_day,
        "weather": first.weather,
        "camera": first.camera,
        "shot_size": first.shot_size,
        "entities": [entities[i] for i in sorted(entities)],
    }
