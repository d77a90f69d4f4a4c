"""`make --music-file`: the user's own music as the bed, ducked under the narration by at
least 10 dB (measured in the mix), brought to the bed's level, ended on a beat, kept with
the project; a file that is not music is refused before anything is made."""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.audio import RATE
from videoagent.audio.audio_file import read_audio
from videoagent.audio.user_music import beats_of, ending_beat
from videoagent.errors import UsageError

pytestmark = pytest.mark.slow  # a narrated video made with the music

TONE = 6000.0  # Hz: far above a voice's strongest partials, easy to find in the mix
BEAT = 0.5  # seconds between the clicks


def _music(path: Path, seconds: float = 5.0) -> Path:
    """A steady tone with a click every BEAT seconds, as 16-bit stereo WAV at 44.1 kHz."""
    rate = 44100
    t = np.arange(int(seconds * rate)) / rate
    signal = 0.2 * np.sin(2 * np.pi * TONE * t)
    for start in np.arange(0, seconds, BEAT):
        first = int(start * rate)
        signal[first : first + 400] += 0.6 * np.exp(-np.arange(400) / 80)[: len(signal) - first]
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.repeat(pcm, 2).tobytes())
    return path


def _off_beat(seconds: float) -> float:
    """How far `seconds` is from the nearest click."""
    return abs(seconds / BEAT - round(seconds / BEAT)) * BEAT


def _tone_level(samples: np.ndarray, lo: float, hi: float) -> float:
    """The tone's level (dB) in seconds lo..hi of the mix, from its FFT bin."""
    part = samples[int(lo * RATE) : int(hi * RATE)].mean(axis=1)
    spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part))))
    frequencies = np.fft.rfftfreq(len(part), 1 / RATE)
    band = (frequencies > TONE - 30) & (frequencies < TONE + 30)
    return 20 * np.log10(spectrum[band].max() + 1e-12)


def test_the_music_is_ducked_under_the_voice_and_ends_on_a_beat(tmp_path):
    music = _music(tmp_path / "song.wav")
    settings = replace(QUIET, music=True, narrate=True, music_file=str(music))
    request = Request.build("a dog walking, then a dog sitting", duration=8, size="192x108")
    result = Agent(settings).make(request, tmp_path / "film")
    assert result.verified
    mix = read_audio(tmp_path / "film" / "renders" / "mix.wav", "mix")
    lines = [
        (line["start"], line["start"] + line["seconds"])
        for line in result.manifest["sound"]["lines"]
    ]
    assert lines
    voiced = [_tone_level(mix, start + 0.3, end - 0.3) for start, end in lines if end - start > 1]
    quiet = [
        _tone_level(mix, lo, lo + 0.4)
        for lo in np.arange(0, 7, 0.5)
        if all(hi < lo - 0.5 or start > lo + 0.9 for start, hi in lines)
    ]
    assert voiced and quiet
    assert np.median(quiet) - np.median(voiced) >= 10.0
    said = result.manifest["sound"]["parts"]["music"]
    assert said["made"] and said["music_file"]["file"] == "song.wav"
    assert said["music_file"]["played"] == 2  # 5 s of music for 8 s of video
    # the fade starts on a click, and the music is gone at the very end
    assert _off_beat(said["music_file"]["fades_from"]) < 0.03
    assert _tone_level(mix, 7.9, 8.0) < np.median(quiet) - 20
    # kept with the project: a later run hears the same music without the original
    music.unlink()
    again = Agent(QUIET).edit(tmp_path / "film", "put SALE on screen at 0:01 for 1 seconds")
    assert again.manifest["sound"]["parts"]["music"]["music_file"]["file"] == "song.wav"


def test_beats_are_found_where_the_clicks_are(tmp_path):
    samples = read_audio(_music(tmp_path / "song.wav", 4.0), "music")
    beats = beats_of(samples)
    assert len(beats) >= 6 and all(_off_beat(b) < 0.03 for b in beats)
    assert ending_beat(samples, 4.0) == pytest.approx(3.0, abs=0.03)


def test_a_file_that_is_not_music_is_refused_before_anything_is_made(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not music")
    settings = replace(QUIET, music_file=str(text))
    with pytest.raises(UsageError, match="--music-file .*notes.txt.* cannot be read"):
        Agent(settings).make(Request.build("a dog", duration=2, size="192x108"), tmp_path / "film")
    assert not (tmp_path / "film").exists()
