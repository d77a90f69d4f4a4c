"""One error tree for the whole project.

    VideoAgentError
    ├── UsageError            misuse: bad argument or input; raised at once, never retried
    │   │                     (the CLI prints it on one line and exits with code 2)
    │   ├── DamagedProject    a project's files are missing, unreadable or were changed
    │   │                     outside videoagent; nothing is written until it is fixed
    │   ├── UnclearRequest    words the agent could not turn into an action (it asks, it
    │   │                     does not guess)
    │   └── NotConfigured     a backend that needs configuration (an API key) has none
    ├── RecoverableError      the agent can act on it: retry, revise the prompt, route elsewhere
    │   ├── GenerationError   a backend failed to produce a take
    │   │   └── ProviderSilent  no readable answer after the retries (timeout, reset, 5xx):
    │   │                     on a submission the job may exist; never simply sent again
    │   └── PlanError         a plan (e.g. from an LLM) did not validate
    └── RunError              the run itself failed; reported with what was done so far
        ├── ToolError         an external program (ffmpeg) failed; carries command and stderr
        ├── MissingDependency an optional extra is not installed; names the pip line
        ├── ProviderRefused   a hosted provider refused the account (key, credit, permission)
        ├── BudgetReached     the next charge would pass --budget; says what was left undone
        ├── JobInDoubt        a paid job may exist that we cannot see or reach; the shot is
        │                     left undone until the user says to send it again
        └── Cancelled         the user stopped the run; running provider jobs were cancelled

Messages name the argument and the value received.
"""

from __future__ import annotations


class VideoAgentError(Exception):
    """Base of every error this package raises on purpose."""


class UsageError(VideoAgentError, ValueError):
    """Bad input from the user or the caller."""


class DamagedProject(UsageError):
    """A project folder that is not a project, or whose files fail their checksums."""


class UnclearRequest(UsageError):
    """A request (e.g. an edit) that was not understood."""


class NotConfigured(UsageError):
    """A backend that needs configuration (e.g. an API key in the environment) has none."""


class RecoverableError(VideoAgentError):
    """A failure the agent loop may recover from by trying again differently."""


class GenerationError(RecoverableError):
    """A generator could not produce a take."""


class ProviderSilent(GenerationError):
    """A provider gave no readable answer after the retries. On a read, contact may come back;
    on a submission, the provider may have made (and be charging for) a job we cannot see."""


class PlanError(RecoverableError):
    """A plan failed validation."""


class RunError(VideoAgentError):
    """The run failed in a way the agent cannot fix by itself."""


class ToolError(RunError):
    """An external program exited with an error."""

    def __init__(self, command: list[str], returncode: int, stderr: str) -> None:
        self.command = command
        self.returncode = returncode
        self.stderr = stderr
        tail = " | ".join(stderr.strip().splitlines()[-3:]) or "no output on stderr"
        super().__init__(f"{command[0]} exited with {returncode}: {tail}")


class MissingDependency(RunError):
    """An optional dependency is needed but not installed."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs an optional extra: pip install 'videoagent[{extra}]'")
        self.extra = extra


class ProviderRefused(RunError):
    """A hosted provider refused the account: bad key, no credit, no permission. Retrying
    cannot help, so the run stops."""


class BudgetReached(RunError):
    """Generating the next take would spend more than the budget allows."""


class JobInDoubt(RunError):
    """A paid job whose fate is unknown: its submission got no answer (the job may exist), or
    contact with it was lost. It is not sent again without the user's word."""


class Cancelled(RunError):
    """The run was stopped by its user (Ctrl-C, a cancel request)."""
