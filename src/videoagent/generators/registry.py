"""Generators by name, imported only when asked for; third parties join through the
`videoagent.generators` entry-point group (name = "package.module:Class")."""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points

from videoagent.errors import MissingDependency, UsageError
from videoagent.generators.base import Generator
from videoagent.generators.catalog import catalog
from videoagent.generators.default_rule import embedded_is_default

BUILTIN = {
    "embedded": "videoagent.generators.embedded:EmbeddedGenerator",
    "procedural": "videoagent.generators.procedural:ProceduralGenerator",
    "fake": "videoagent.generators.fake:FakeGenerator",
    "xai": "videoagent.generators.hosted.xai:XaiGenerator",
    "veo": "videoagent.generators.hosted.veo:VeoGenerator",
    "runway": "videoagent.generators.hosted.runway:RunwayGenerator",
    "luma": "videoagent.generators.hosted.luma:LumaGenerator",
    "fal": "videoagent.generators.hosted.fal:FalGenerator",
    "replicate": "videoagent.generators.hosted.replicate:ReplicateGenerator",
    "wan": "videoagent.generators.local.wan:WanGenerator",
    "ltx": "videoagent.generators.local.ltx:LtxGenerator",
    "cogvideox": "videoagent.generators.local.cogvideox:CogVideoXGenerator",
}
ENTRY_POINT_GROUP = "videoagent.generators"


def known() -> dict[str, str]:
    """Every generator name with its import path (built-ins, then plug-ins)."""
    return dict(_plugged_in())


@cache
def _plugged_in() -> dict[str, str]:
    # Reading every installed package's entry points takes milliseconds, and a run asks
    # for each take's key: read once a process (a package installed meanwhile is seen by
    # the next process).
    found = dict(BUILTIN)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.value)
    return found


def generator_class(name: str) -> type[Generator]:
    """The class of the generator called `name` (imported, not instantiated)."""
    paths = known()
    if name not in paths:
        raise UsageError(f"unknown backend {name!r}; available: {', '.join(sorted(paths))}")
    module_name, _, class_name = paths[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise MissingDependency(f"backend {name!r} ({exc.name})", name) from exc
    return getattr(module, class_name)


def create(name: str, **options) -> Generator:
    """An instance of the generator called `name`."""
    return generator_class(name)(**options)


def available() -> list[str]:
    """Names whose code imports here (optional extras installed)."""
    names = []
    for name in known():
        try:
            create(name)
        except (MissingDependency, UsageError):
            continue
        names.append(name)
    return names


def best_available() -> str:
    """The highest-ranked generator that is a default candidate and imports here; our own
    model only where its measured figures earn it (generators/default_rule.py)."""
    entries = catalog()
    candidates = [n for n in available() if n in entries and entries[n].default_candidate]
    if "embedded" in candidates and not embedded_is_default()[0]:
        candidates.remove("embedded")
    if not candidates:
        raise MissingDependency("a default video generator", "core")
    return max(candidates, key=lambda n: entries[n].quality_rank)
