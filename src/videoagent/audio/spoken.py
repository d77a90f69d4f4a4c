"""The narration's lines, each fitted into its shot, spoken and heard back for its word times.

Saying a line and hearing it are the costly part of a soundtrack (Piper and Whisper), and a
line depends only on its words, the room its shot leaves for it and the voice and ears used:
each is kept as a derived entry under those, so a run that changes one shot (or none of the
words) says only what is new. The voice is loaded only when a line has to be spoken."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.recognizer import WhisperRecognizer, Word, find_recognizer, recognizer_name
from videoagent.audio.voice import find_speaker, fit_line, speaker_name
from videoagent.plan.narration import LEAD_IN, TAIL, narration_lines
from videoagent.plan.storyboard import Storyboard
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import atomic_write_json, json_sha256
from videoagent.timeline.model import Timeline

LINE_VERSION = 1  # raise when the same words in the same room would be said differently


@dataclass
class SpokenLine:
    shot: str
    meant: str  # the planned line
    text: str  # what is spoken (shortened to fit, whole words)
    start: float  # seconds into the video
    seconds: float
    samples: np.ndarray = field(repr=False)
    words: list[Word] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "shot": self.shot,
            "meant": self.meant,
            "spoken": self.text,
            "start": round(self.start, 3),
            "seconds": round(self.seconds, 3),
            "shortened": self.text != self.meant,
        }


def line_onset(line: SpokenLine) -> float:
    """When the line's voice is first heard, in seconds into the video: the first 5 ms block
    louder than a tenth of the line's peak."""
    block = RATE // 200
    samples = np.abs(line.samples)
    blocks = len(samples) // block
    if blocks == 0:
        return line.start
    levels = samples[: blocks * block].reshape(blocks, block).max(axis=1)
    first = int(np.argmax(levels > 0.1 * levels.max()))
    return line.start + first * block / RATE


def made(by: str) -> dict:
    return {"made": True, "by": by}


def skipped(why: str) -> dict:
    return {"made": False, "why": why}


class Loaded:
    """What `find` returns ((the thing or None, a sentence on it)), found on first use."""

    def __init__(self, find: Callable[[], tuple]) -> None:
        self._find, self._found = find, None

    def get(self) -> tuple:
        if self._found is None:
            self._found = self._find()
        return self._found


@dataclass
class Narration:
    lines: list[SpokenLine]
    parts: dict  # "narration" and, when a line is spoken, "subtitles"
    ears: Loaded = field(default_factory=lambda: Loaded(lambda: (None, "")))

    @property
    def recognizer(self) -> WhisperRecognizer | None:
        """For hearing the final mix back; loaded when first asked for."""
        return self.ears.get()[0] if self.lines else None

    def digest(self) -> str:
        """What was said, where, and by whom: part of the key a made soundtrack is kept under."""
        said = [
            [line.shot, line.text, line.start, hashlib.sha256(line.samples.tobytes()).hexdigest()]
            for line in self.lines
        ]
        return json_sha256([said, self.parts])


class _NoVoice(Exception):
    """The voice was found, then failed to load."""


@dataclass
class _Said:
    text: str  # "" when not even one word fits
    speech: np.ndarray
    words: list[Word]
    voice: str  # which voice said it


def speak_lines(
    timeline: Timeline,
    board: Storyboard,
    *,
    narrate: bool,
    derived: DerivedFiles | None,
    voice: str | None = None,  # a name in voice.VOICES; None: the best one here
) -> Narration:
    """Each shot's narration line said over it (from its lead-in, within its room); said
    lines are looked up in `derived` first, and kept there. The voice and the recogniser
    are loaded only when a line has to be said."""
    if not narrate:
        return Narration(
            [], {"narration": skipped("off (the mode does not speak, or --no-narrate)")}
        )
    chosen = voice
    voice, ears = Loaded(lambda: find_speaker(chosen)), Loaded(find_recognizer)
    means = [speaker_name(chosen), recognizer_name()]
    if means[0] == "none":
        return Narration([], {"narration": skipped(voice.get()[1])})

    def say(line: str, room: float) -> _Said:
        speaker, note = voice.get()
        if speaker is None:  # found, then failed to load: nothing is said (nor kept)
            raise _NoVoice(note)
        text, speech = fit_line(line, room, speaker.speak)
        recognizer = ears.get()[0]
        heard = recognizer.words(speech) if recognizer is not None and text else []
        return _Said(text, speech.astype(np.float32), heard, note)

    try:
        lines, voices = _said_lines(timeline, board, say, derived, means)
    except _NoVoice as exc:
        return Narration([], {"narration": skipped(str(exc))})
    parts = {"narration": made(" / ".join(sorted(voices)) if voices else voice.get()[1])}
    if lines and means[1] != "none":
        parts["subtitles"] = made(f"word timings from {means[1]}")
    elif lines:
        parts["subtitles"] = made(f"one cue per spoken line, since {ears.get()[1]}")
    return Narration(lines, parts, ears)


def _said_lines(
    timeline: Timeline,
    board: Storyboard,
    say: Callable[[str, float], _Said],
    derived: DerivedFiles | None,
    means: list[str],  # the voice's and the recogniser's names
) -> tuple[list[SpokenLine], set[str]]:
    """Each shot's line said (or found said before), and the voices that said them."""
    wanted = narration_lines(board)
    lines, voices = [], set()
    for index, shot in enumerate(board.shots):
        if shot.id not in wanted:
            continue
        start = float(timeline.rate.seconds(timeline.clip_start(index))) + LEAD_IN
        room = float(timeline.rate.seconds(shot.frames)) - LEAD_IN - TAIL
        if derived is None:
            said = say(wanted[shot.id], room)
        else:
            key = json_sha256([LINE_VERSION, *means, wanted[shot.id], round(room, 4)])
            entry = derived.make(
                "line",
                key,
                lambda folder, line=wanted[shot.id], room=room: _keep(say(line, room), folder),
            )
            said = _kept(entry)
        voices.add(said.voice)
        if said.text:
            seconds = len(said.speech) / RATE
            lines.append(
                SpokenLine(
                    shot.id, wanted[shot.id], said.text, start, seconds, said.speech, said.words
                )
            )
    return lines, voices


def _keep(said: _Said, folder: Path) -> None:
    np.save(folder / "speech.npy", said.speech)
    words = [[w.text, w.start, w.end] for w in said.words]
    atomic_write_json(
        folder / "line.json", {"text": said.text, "voice": said.voice, "words": words}
    )


def _kept(entry: Path) -> _Said:
    record = json.loads((entry / "line.json").read_text("utf-8"))
    words = [Word(*w) for w in record["words"]]
    return _Said(record["text"], np.load(entry / "speech.npy"), words, record["voice"])
