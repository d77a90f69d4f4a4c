"""The narration heard back from the encoded mix, line by line: each line's stretch of the
mix is transcribed on its own, so a stretch that did not change since the last run (the
same samples) is not heard again: what was heard is kept under the hash of those samples."""

from __future__ import annotations

import hashlib
import json

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.recognizer import WhisperRecognizer
from videoagent.audio.spoken import SpokenLine
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import atomic_write_json

MARGIN = 0.25  # seconds heard before and after each line


def heard_lines(
    audio: np.ndarray,
    lines: list[SpokenLine],
    recognizer: WhisperRecognizer,
    derived: DerivedFiles | None,
) -> list[str]:
    """What `recognizer` hears of each line in mono `audio` (at RATE)."""
    heard = []
    for line in lines:
        first = max(round((line.start - MARGIN) * RATE), 0)
        last = min(round((line.start + line.seconds + MARGIN) * RATE), len(audio))
        stretch = np.ascontiguousarray(audio[first:last], np.float32)

        def hear(stretch: np.ndarray = stretch) -> str:
            return " ".join(w.text for w in recognizer.words(stretch))

        if derived is None:
            heard.append(hear())
            continue
        key = hashlib.sha256(recognizer.name.encode() + stretch.tobytes()).hexdigest()
        entry = derived.make(
            "heard", key, lambda folder: atomic_write_json(folder / "heard.json", hear())
        )
        heard.append(json.loads((entry / "heard.json").read_text("utf-8")))
    return heard
