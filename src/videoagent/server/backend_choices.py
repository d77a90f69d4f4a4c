"""The backends the page offers: every one whose code imports here (a local one) or whose
key is set (a hosted one), with its price, and which one the server uses when none is
chosen. Checked by importing, not by starting: the page asks this on every load."""

from __future__ import annotations

from videoagent.errors import MissingDependency, UsageError
from videoagent.generators import catalog
from videoagent.generators.registry import generator_class, known


def backend_choices(default: str | None) -> list[dict]:
    """[{name, kind, price_per_second, description, default}] of the backends ready here;
    `default` None: the agent routes each shot among them (said as the first choice)."""
    entries = catalog()
    choices = []
    for name in known():
        caps = entries.get(name)
        if caps is None:
            continue  # no catalog entry: routing cannot choose it
        if caps.kind == "hosted":
            if not caps.configured:
                continue
        else:
            try:
                generator_class(name)
            except (MissingDependency, UsageError):
                continue
        choices.append(
            {
                "name": name,
                "kind": caps.kind,
                "price_per_second": caps.price_per_second,
                "description": caps.description,
                "default": name == default,
            }
        )
    return choices
