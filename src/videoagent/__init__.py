"""videoagent: one sentence in, a planned, generated, checked and edited video out."""

from videoagent.agent.agent import Agent
from videoagent.agent.settings import AgentSettings, Result
from videoagent.errors import (
    DamagedProject,
    GenerationError,
    MissingDependency,
    PlanError,
    RecoverableError,
    RunError,
    ToolError,
    UnclearRequest,
    UsageError,
    VideoAgentError,
)
from videoagent.plan.request import Request
from videoagent.version import __version__

__all__ = [
    "Agent",
    "AgentSettings",
    "DamagedProject",
    "GenerationError",
    "MissingDependency",
    "PlanError",
    "RecoverableError",
    "Request",
    "Result",
    "RunError",
    "ToolError",
    "UnclearRequest",
    "UsageError",
    "VideoAgentError",
    "__version__",
]
