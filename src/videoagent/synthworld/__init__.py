"""A procedural 2D world: scene spec → frames with exact ground truth, and dense captions."""

from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import ParsedPrompt, parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.truth import EntityTruth, FrameTruth, summarise

__all__ = [
    "EntitySpec",
    "EntityTruth",
    "FrameTruth",
    "ParsedPrompt",
    "Renderer",
    "SceneSpec",
    "caption",
    "parse",
    "summarise",
]
