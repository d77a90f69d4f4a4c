""" "A" or "an": by the sound a word starts with, not its letter ("a unicycle", "an hour")."""

from __future__ import annotations

# Vowels said as a consonant ("a unicorn", "a one-man band") and consonants not said at
# all ("an hour"): the first letters of those words.
SAID_AS_A_CONSONANT = ("uni", "use", "usu", "uti", "eu", "ewe", "one", "once", "ufo")
SILENT_H = ("hour", "honest", "honour", "honor", "heir")


def a_or_an(words: str) -> str:
    """The indefinite article for what `words` starts with."""
    start = words.lower()
    if start.startswith(SAID_AS_A_CONSONANT):
        return "a"
    if start.startswith(SILENT_H):
        return "an"
    return "an" if start[:1] in tuple("aeiou") else "a"
