"""Consistency across shots, measured on ground truth: does every bible entity keep its
class and its appearance (colour) in every shot it is cast in?

Only takes with ground truth (synthworld) can be measured; others are counted as
unmeasured, never guessed.
"""

from __future__ import annotations

from pathlib import Path

from videoagent.plan.bible import Bible
from videoagent.plan.storyboard import Storyboard
from videoagent.store.truth_file import read_truth


def consistency(storyboard: Storyboard, bible: Bible, takes: dict[str, Path]) -> dict:
    """Per entity and per video: appearances that match the bible's class and colour."""
    entities: dict[str, dict] = {}
    unmeasured = []
    for shot in storyboard.shots:
        if shot.kind != "generated":
            continue
        truth = read_truth(takes[shot.id])
        if truth is None:
            unmeasured.append(shot.id)
            continue
        seen = truth["summary"]["entities"]
        for member in shot.cast:
            entity = bible.entities.get(member)
            if entity is None or entity.role == "unsupported":
                continue
            row = entities.setdefault(
                member,
                {"kind": entity.kind, "colour": entity.colour, "shots": [], "mismatches": []},
            )
            row["shots"].append(shot.id)
            same_class = [e for e in seen if e["kind"] == entity.kind and e["seen_fraction"] > 0]
            if not same_class:
                row["mismatches"].append(f"{shot.id}: no {entity.kind} in the picture")
            elif not any(e["colour"] == entity.colour for e in same_class):
                colours = sorted({e["colour"] for e in same_class})
                row["mismatches"].append(
                    f"{shot.id}: {entity.kind} is {'/'.join(colours)}, bible says {entity.colour}"
                )
    appearances = sum(len(r["shots"]) for r in entities.values())
    matched = appearances - sum(len(r["mismatches"]) for r in entities.values())
    for row in entities.values():
        row["score"] = round(1 - len(row["mismatches"]) / len(row["shots"]), 3)
    score = round(matched / appearances, 3) if appearances else None
    summary = (
        f"consistency {score:.2f}: {matched}/{appearances} appearances keep their class and look"
        if score is not None
        else "consistency not measured (no ground truth for these takes)"
    )
    if unmeasured:
        summary += f"; {len(unmeasured)} shot(s) without ground truth not measured"
    return {
        "score": score,
        "appearances": appearances,
        "matched": matched,
        "entities": entities,
        "unmeasured_shots": unmeasured,
        "method": "synthworld ground truth: class and colour of each cast member per shot",
        "summary": summary,
    }
