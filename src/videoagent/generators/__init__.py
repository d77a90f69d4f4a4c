"""Video generators: one interface, a catalog of capabilities, a lazy registry."""

from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.generators.catalog import Capabilities, capabilities, catalog
from videoagent.generators.registry import available, best_available, create

__all__ = [
    "Capabilities",
    "GenerationRequest",
    "Generator",
    "Job",
    "available",
    "best_available",
    "capabilities",
    "catalog",
    "create",
]
