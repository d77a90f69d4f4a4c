"""The bible: cast, props and places that must look the same in every shot."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class BibleEntity:
    """One recurring thing: a stable id, what it is, how it looks, and its references."""

    id: str
    kind: str
    colour: str
    role: str  # protagonist, companion, supporting, prop, place
    description: str
    references: list[str] = field(default_factory=list)  # files under bible/refs/
    palette: list[str] = field(default_factory=list)  # main colours of the references
    called: str = ""  # what the request calls it ("old man"), where it names it


@dataclass
class Bible:
    """All recurring entities, by id, in order of introduction."""

    entities: dict[str, BibleEntity] = field(default_factory=dict)

    def add(self, entity: BibleEntity) -> BibleEntity:
        return self.entities.setdefault(entity.id, entity)

    def get(self, entity_id: str) -> BibleEntity:
        return self.entities[entity_id]

    def find(self, *, kind: str, role: str | None = None) -> BibleEntity | None:
        for entity in self.entities.values():
            if entity.kind == kind and (role is None or entity.role == role):
                return entity
        return None

    def to_dict(self) -> dict:
        return {"entities": [asdict(e) for e in self.entities.values()]}

    @classmethod
    def from_dict(cls, data: dict) -> Bible:
        bible = cls()
        for item in data.get("entities", []):
            bible.add(BibleEntity(**item))
        return bible
