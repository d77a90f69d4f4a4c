"""The user's own voiceover as the narration (`make --voiceover FILE`): their recording laid
from the video's start, heard by Whisper for its words and their times, cut into sentences
(at a full stop, a question or exclamation mark, or a pause of `PAUSE` seconds), each
sentence a spoken line over the shot it starts in, so the subtitles are the words as they
are said and the mix ducks the music under them as under our own voice. What the recording
says after the video ends is left out (and said). At planning, the same sentences move the
plan's cuts into the pauses between them (`heard_sentences`, `plan/voice_cuts.py`).

Without the recogniser (the captions extra) the recording is still the narration, as one
line, and the video has no subtitles.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.audio_file import read_audio
from videoagent.audio.recognizer import Word, find_recognizer, recognizer_name
from videoagent.audio.spoken import Loaded, Narration, SpokenLine, made, skipped
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import atomic_write_json, file_sha256, json_sha256
from videoagent.timeline.model import Timeline

PAUSE = 0.7  # seconds of silence between words that end a sentence
PRE_ROLL = 0.05  # seconds of the recording kept before a sentence's first word
POST_ROLL = 0.15  # and after its last
VOICEOVER_VERSION = 1
FRAME = RATE // 200  # 5 ms: the step a sentence's onset is found in
ONSET_SHARE = 0.1  # of the loudest level near it: where the voice begins
ONSET_SEARCH = 0.5  # seconds before Whisper's start that the onset is looked for


def voiceover_narration(path: Path, timeline: Timeline, derived: DerivedFiles | None) -> Narration:
    """The recording at `path` as the narration of `timeline`'s video."""
    samples = read_audio(path, "--voiceover").mean(axis=1)
    seconds = float(timeline.rate.seconds(timeline.duration))
    ears = Loaded(find_recognizer)
    words = _heard(path, samples, ears, derived)
    name = Path(path).name
    recorded = len(samples) / RATE
    parts: dict = {}
    if words is None:
        end = min(len(samples), round(seconds * RATE))
        line = SpokenLine(shot_at(timeline, 0.0), "", "", 0.0, end / RATE, samples[:end])
        parts["narration"] = made(f"your voiceover {name} ({recorded:.1f} s), as one line")
        parts["subtitles"] = skipped(f"no words heard: {ears.get()[1]}")
        return Narration([line], parts, ears)
    lines, left_out = [], []
    earliest = 0.0
    for sentence in sentences(words):
        # Whisper places a first word after silence up to 0.3 s early: the voice's own
        # onset near it says where the sentence begins.
        onset = voice_onset(samples, sentence[0].start, earliest)
        sentence[0] = Word(sentence[0].text, onset, max(onset, sentence[0].end))
        earliest = sentence[-1].end
        start = max(0.0, onset - PRE_ROLL)
        end = min(recorded, sentence[-1].end + POST_ROLL, seconds)
        text = " ".join(word.text for word in sentence)
        if start >= seconds - 0.2:
            left_out.append(text)
            continue
        clip = samples[round(start * RATE) : round(end * RATE)]
        said = [w for w in sentence if w.end <= end]  # a sentence the video's end cuts short
        left_out += [w.text for w in sentence[len(said) :]]
        timed = [Word(w.text, w.start - start, w.end - start) for w in said]
        heard = " ".join(w.text for w in said) or text
        lines.append(
            SpokenLine(shot_at(timeline, start), text, heard, start, len(clip) / RATE, clip, timed)
        )
    parts["narration"] = made(
        f"your voiceover {name} ({recorded:.1f} s, {len(lines)} sentences)"
        + (f"; past the video's end, left out: {' '.join(left_out)}" if left_out else "")
    )
    parts["subtitles"] = made(f"word timings from {recognizer_name()}")
    return Narration(lines, parts, ears)


def heard_sentences(path: Path, derived: DerivedFiles | None) -> list[tuple[float, float]] | None:
    """Each sentence of the recording at `path` as (where its voice begins, where its last
    word ends), in seconds; None without a recogniser. Heard once: the narration made from
    the same file later reads the same words from `derived`."""
    samples = read_audio(path, "--voiceover").mean(axis=1)
    words = _heard(path, samples, Loaded(find_recognizer), derived)
    if words is None:
        return None
    found, earliest = [], 0.0
    for sentence in sentences(words):
        found.append((voice_onset(samples, sentence[0].start, earliest), sentence[-1].end))
        earliest = sentence[-1].end
    return found


def voice_onset(samples: np.ndarray, heard: float, earliest: float) -> float:
    """Where the voice begins near `heard` (seconds), not before `earliest`: the first
    `FRAME` whose level passes ONSET_SHARE of the loudest within a second of it."""
    lo = max(earliest, heard - ONSET_SEARCH)
    first, last = round(lo * RATE) // FRAME, round((heard + 1.0) * RATE) // FRAME
    frames = samples[first * FRAME : last * FRAME]
    if len(frames) < FRAME:
        return heard
    level = np.sqrt((frames[: len(frames) // FRAME * FRAME].reshape(-1, FRAME) ** 2).mean(axis=1))
    loud = np.flatnonzero(level > ONSET_SHARE * level.max())
    return float((first + loud[0]) * FRAME / RATE) if len(loud) else heard


def sentences(words: list[Word]) -> list[list[Word]]:
    """`words` cut where one ends a sentence or a pause follows it."""
    cut: list[list[Word]] = []
    current: list[Word] = []
    for index, word in enumerate(words):
        current.append(word)
        after = words[index + 1].start - word.end if index + 1 < len(words) else PAUSE
        if word.text.rstrip('"').endswith((".", "?", "!")) or after >= PAUSE:
            cut.append(current)
            current = []
    return cut + ([current] if current else [])


def _heard(path: Path, samples: np.ndarray, ears: Loaded, derived) -> list[Word] | None:
    """The recording's words with their times (kept in `derived` under the file's digest
    and the recogniser's name); None without a recogniser."""
    if recognizer_name() == "none":
        return None

    def hear(folder: Path) -> None:
        recognizer = ears.get()[0]
        heard = recognizer.words(samples) if recognizer is not None else []
        atomic_write_json(folder / "words.json", [[w.text, w.start, w.end] for w in heard])

    if derived is None:
        recognizer = ears.get()[0]
        return recognizer.words(samples) if recognizer is not None else None
    key = json_sha256([VOICEOVER_VERSION, file_sha256(Path(path)), recognizer_name()])
    entry = derived.make("voiceover", key, hear)
    return [Word(*w) for w in json.loads((entry / "words.json").read_text("utf-8"))]


def shot_at(timeline: Timeline, seconds: float) -> str:
    """The id of the shot on screen at `seconds` (the first one before any; "" on a card
    before any shot)."""
    frame = timeline.rate.frames(seconds)
    shot = ""
    for index, clip in enumerate(timeline.clips):
        if timeline.clip_start(index) <= frame:
            shot = getattr(clip, "shot_id", "") or shot
    return shot
