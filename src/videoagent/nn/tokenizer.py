"""Our tokenizer: words of the synthworld caption dialect, learned from the training captions.

Captions are regular sentences over about 125 words, so a word-level vocabulary covers them
exactly; a sentence end is a token too (it separates one entity's sentence from the next).
Words outside the vocabulary become <unk>; the generator rewrites prompts into the caption
dialect first, so at run time that is rare and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import torch

PAD, UNKNOWN = "<pad>", "<unk>"
WORD = re.compile(r"[a-z]+|\.")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def build_vocabulary(captions: Iterable[str]) -> tuple[str, ...]:
    """Every word of the captions, sorted, after the two special tokens."""
    seen = {word for text in captions for word in words(text)}
    return (PAD, UNKNOWN, *sorted(seen))


class Tokenizer:
    def __init__(self, vocabulary: tuple[str, ...], length: int) -> None:
        self.vocabulary, self.length = vocabulary, length
        self.index = {word: i for i, word in enumerate(vocabulary)}

    def unknown_words(self, text: str) -> list[str]:
        return [word for word in words(text) if word not in self.index]

    def __call__(self, texts: list[str]) -> torch.Tensor:
        """Token ids [len(texts), length], padded with 0 and cut at `length`."""
        ids = torch.zeros(len(texts), self.length, dtype=torch.long)
        unknown = self.index[UNKNOWN]
        for row, text in enumerate(texts):
            tokens = [self.index.get(word, unknown) for word in words(text)][: self.length]
            ids[row, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
        return ids
