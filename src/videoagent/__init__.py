"""videoagent: one sentence in, a planned, generated, checked and edited video out."""

__version__ = "0.1.0"

from videoagent.agent.agent import Agent, AgentSettings, Result  # noqa: E402
from videoagent.errors import (  # noqa: E402
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
from videoagent.plan.request import Request  # noqa: E402

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
