"""How a world model dreams: its sampling steps, its noise and what it leaves to chance."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_NOISE = 0.05


@dataclass(frozen=True)
class Dreaming:
    steps: int = 1  # sampling steps of a diffusion world model
    context_noise: float = CONTEXT_NOISE
    seed: int = 0
    rare_events: bool = True  # a token world model draws them (world/token_imagination.py)
    # A token world model's surprise under this is taken as none: trained where nothing rare
    # can happen, its surprise still only nears zero (0.0009 a frame in GridDodge with every
    # hazard on the board), and over 1,000 frames that is a hazard from nowhere a run.
    least_surprise: float = 0.01
    # A token world model's token under this chance in its patch is not drawn, unless it is
    # the likeliest (0.5, the default: each patch its likeliest token, chance only through
    # rare events). GridDodge and MiniDesk leave nothing to chance patch by patch, so a
    # lesser token is the model's own doubt: drawn, it was the first difference from the
    # game in 12 of 27 dreams that differed; not drawn, GridDodge's agent was right after
    # 1,000 frames in 73% of runs, not 63.5%. A world with a coin in a patch needs 0.
    least_chance: float = 0.5
    # A token world model's convolutions in int8 (`world/int8_world.py`, made by
    # `imagination_for`): a MiniDesk frame in 3.0 ms rather than 6.3 on one thread, its
    # windows as often right over 1,000 frames. Where the `play` extra is missing it stays
    # fp32 (the imagination's `precision` says which).
    int8: bool = False


DEFAULT_DREAMING = Dreaming()
