"""A project's memory: what came before, packed to fit a planner, and retrieved per shot."""
