"""`make --voiceover`: the user's recording as the narration, its subtitles within 100 ms of
where each sentence is said, the mix at the profile's loudness, the music ducked under it,
the cuts in its pauses."""

from __future__ import annotations

import json
import wave
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.audio import RATE
from videoagent.audio.loudness import measure
from videoagent.audio.recognizer import Word
from videoagent.audio.user_voiceover import sentences
from videoagent.audio.voice import find_speaker
from videoagent.evaluate.narration_placement import narration_placement
from videoagent.plan.platform_profiles import platform_profile
from videoagent.plan.voice_cuts import LEAD

pytestmark = pytest.mark.slow  # a 30 s narrated video, its voice heard by Whisper

SAID = {  # where each sentence starts in the recording, in seconds
    1.0: "A brown dog walks down a quiet street.",
    11.0: "Then it stops for a cup at the cafe.",
    21.0: "At the end of the day it naps in the sun.",
}


def _recording(path: Path, seconds: float = 30.0) -> dict[float, float]:
    """A voiceover of SAID, as 16-bit mono WAV; where each sentence's voice begins."""
    speaker, why = find_speaker()
    if speaker is None:
        pytest.skip(why)
    track = np.zeros(int(seconds * RATE), np.float32)
    onsets = {}
    for start, text in SAID.items():
        speech = speaker.speak(text)
        at = int(start * RATE)
        track[at : at + len(speech)] += speech[: len(track) - at]
        loud = np.flatnonzero(np.abs(speech) > 0.02 * np.abs(speech).max())
        onsets[start] = start + loud[0] / RATE
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(track, -1, 1) * 32767).astype("<i2").tobytes())
    return onsets


def test_a_voiceover_is_the_narration_with_its_subtitles_on_its_words(tmp_path):
    onsets = _recording(tmp_path / "voice.wav")
    youtube = platform_profile("youtube")
    settings = replace(
        QUIET, music=True, voiceover_file=str(tmp_path / "voice.wav"), loudness=youtube.lufs
    )
    request = Request.build("a dog walking, then a dog at a cafe, then a dog sleeping", duration=30)
    result = Agent(settings).make(request, tmp_path / "film")
    assert result.verified
    sound = result.manifest["sound"]
    assert sound["parts"]["narration"]["by"].startswith("your voiceover voice.wav")
    assert [line["start"] for line in sound["lines"]] == pytest.approx(list(SAID), abs=0.3)
    cues = (tmp_path / "film" / "renders" / "final.srt").read_text().split("\n\n")
    firsts = [_seconds(cue.splitlines()[1].split(" --> ")[0]) for cue in cues if cue.strip()]
    for onset in onsets.values():
        nearest = min(firsts, key=lambda start: abs(start - onset))
        assert abs(nearest - onset) <= 0.1, (onset, firsts)
    loudness = measure(tmp_path / "film" / "renders" / "final.mp4")
    assert abs(loudness.integrated - youtube.lufs) <= 1.0
    assert sound["narration"]["wer"] < 0.35  # heard back from the mix, the music under it
    # the walk is said over the walk, the cafe over the cafe; the nap names no shot's words
    placed = sound["narration_placement"]
    assert [p["matches"] for p in placed] == [True, True, "unchecked"]
    # the cafe and the nap cut to a moment before their sentences begin
    board = json.loads((tmp_path / "film" / "storyboard.json").read_text())
    cuts = np.cumsum([shot["frames"] for shot in board["shots"]])[:-1] / 24
    for onset in list(onsets.values())[1:]:
        assert min(abs(cut - (onset - LEAD)) for cut in cuts) <= 0.1, (onset, cuts)


def test_what_the_voiceover_says_after_the_video_ends_is_left_out_and_named(tmp_path):
    _recording(tmp_path / "voice.wav")
    settings = replace(QUIET, voiceover_file=str(tmp_path / "voice.wav"))
    request = Request.build("a dog walking, then a dog at a cafe", duration=12, size="192x108")
    result = Agent(settings).make(request, tmp_path / "film")
    sound = result.manifest["sound"]
    assert "left out" in sound["parts"]["narration"]["by"]
    assert "naps" in sound["parts"]["narration"]["by"]  # the third sentence, after the end
    assert all(line["start"] + line["seconds"] <= 12.0 + 1e-6 for line in sound["lines"])
    assert "naps" not in (tmp_path / "film" / "renders" / "final.srt").read_text()


def test_a_line_over_another_shot_than_the_one_it_names_is_said():
    shots = [("shot-01", "walking"), ("shot-02", "at a cafe")]
    board = SimpleNamespace(
        shots=[
            SimpleNamespace(
                id=id_, kind="generated", beat=beat, cast=["dog"], narration="", caption=""
            )
            for id_, beat in shots
        ]
    )  # the planner wrote no lines: these are the user's
    said = "The dog waits at the cafe."
    lines = [SimpleNamespace(shot="shot-01", text=said, meant=said, start=1.0, seconds=2.0)]
    check, placed = narration_placement(lines, board, lambda seconds: "shot-01")
    assert not check.passed and check.severity == "warning"
    assert "names shot-02 over shot-01" in check.detail
    assert placed[0]["matches"] is False


def test_sentences_end_at_their_marks_and_at_pauses():
    words = [Word("Hello", 0.0, 0.3), Word("there.", 0.35, 0.6), Word("Look", 0.7, 0.9),
             Word("up", 1.0, 1.2), Word("now", 2.5, 2.7)]  # fmt: skip
    assert [[w.text for w in s] for s in sentences(words)] == [
        ["Hello", "there."],
        ["Look", "up"],
        ["now"],
    ]


def _seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest.replace(",", "."))
