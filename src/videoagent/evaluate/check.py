"""One check and its verdict: what was measured, what was expected, whether it passed.

A check with severity "error" that fails rejects a take (the agent regenerates it); a
"warning" is reported but cannot be fixed by trying again (e.g. a concept the backend cannot
draw). Every kind of check (stream, picture, recognizer, judge, sound) returns these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Check:
    """One check: what was measured, what was expected, and whether it passed."""

    name: str
    passed: bool
    detail: str
    severity: str = "error"
    value: object = None
    expected: object = None

    def __post_init__(self) -> None:
        # A plain bool: a numpy one is written to JSON as the text "True" or "False", which
        # reads back as a string (and "False" is a true value).
        passed = self.passed
        self.passed = passed == "True" if isinstance(passed, str) else bool(passed)

    @classmethod
    def share(cls, name: str, share: float, least: float, what: str) -> Check:
        """Passes when `share` (0..1) of the frames is at least `least`: "`what` in N% of
        frames"."""
        detail = f"{what} in {share:.0%} of frames"
        return cls(name, share >= least, detail, value=round(share, 3), expected=f">= {least}")

    def to_dict(self) -> dict:
        return asdict(self)


def failed(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed and c.severity == "error"]
