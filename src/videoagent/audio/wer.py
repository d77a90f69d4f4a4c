"""Word error rate: the words a recogniser heard against the words that were meant."""

from __future__ import annotations

import re
import unicodedata

NUMBERS = {
    "0": "zero",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
}


def words_of(text: str) -> list[str]:
    """Lower case words without punctuation or accents ("Café" is "cafe", as a recogniser
    writes it; it was "caf"); small numbers spelt out."""
    plain = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    found = re.findall(r"[a-z0-9']+", plain.encode("ascii", "ignore").decode())
    return [NUMBERS.get(w, w) for w in found]


def word_error_rate(reference: str, heard: str) -> float:
    """(substitutions + deletions + insertions) / words in `reference` (edit distance)."""
    ref, hyp = words_of(reference), words_of(heard)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / len(ref)
