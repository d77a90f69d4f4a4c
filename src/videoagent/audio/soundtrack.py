"""The soundtrack of a video: effects on the picture's events, each place's ambience,
narration spoken over its shots, subtitles timed to that voice, a music bed ducked under it,
all mixed (mastering.py brings the mix to the target loudness); and a record of which parts
were made, by what, and which were skipped and why (a missing extra is reported, never a
crash)."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from videoagent.audio.ambience import ambience_layers
from videoagent.audio.effects import effect_layers
from videoagent.audio.mix import Layer, Mix
from videoagent.audio.music import bed_layer
from videoagent.audio.recognizer import WhisperRecognizer, Word
from videoagent.audio.spoken import Narration, SpokenLine, line_onset, made, skipped
from videoagent.audio.user_music import music_file_layer
from videoagent.audio.wer import words_of
from videoagent.plan.storyboard import Storyboard
from videoagent.timeline.model import Timeline
from videoagent.timeline.subtitles import Cue, CueWord

CUE_CHARS = 42  # the most characters on one subtitle line


@dataclass
class Soundtrack:
    lines: list[SpokenLine]
    cues: list[Cue]
    parts: dict  # part → {"made": bool, "by"/"why": str, ...}
    recognizer: WhisperRecognizer | None = None  # for checking the final mix, when present
    effects: list[dict] = field(default_factory=list)  # each placed effect: shot, kind, frame
    fps: float = 24.0


def timed_script(text: str, heard: list[Word], seconds: float) -> list[Word]:
    """The words of `text` (as written: the subtitles show the script, not what the
    recogniser made of it) with times taken from the words heard: matched words take their
    times; a run of unmatched ones shares the span around it evenly."""
    script = text.split()
    if not heard:
        return []
    matcher = difflib.SequenceMatcher(
        a=[words_of(w)[0] if words_of(w) else w for w in script],
        b=[words_of(w.text)[0] if words_of(w.text) else w.text for w in heard],
        autojunk=False,
    )
    timed: list[Word] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            timed += [
                Word(script[a0 + k], heard[b0 + k].start, heard[b0 + k].end) for k in range(a1 - a0)
            ]
            continue
        if a1 == a0:
            continue  # heard but not in the script
        begin = heard[b0].start if b0 < b1 else (timed[-1].end if timed else 0.0)
        end = heard[b1 - 1].end if b0 < b1 else (heard[b0].start if b0 < len(heard) else seconds)
        step = max(end - begin, 0.0) / (a1 - a0)
        timed += [
            Word(script[a0 + k], begin + k * step, begin + (k + 1) * step) for k in range(a1 - a0)
        ]
    if timed:  # a misheard first word is still where the voice starts
        timed[0] = Word(timed[0].text, min(timed[0].start, heard[0].start), timed[0].end)
    return timed


def _cues(line: SpokenLine) -> list[Cue]:
    """Subtitle cues for a line: its script timed to the voice, broken at CUE_CHARS; one cue
    for the whole line when there are no word times."""
    words = timed_script(line.text, line.words, line.seconds)
    if not line.text:
        return []
    if not words:
        return [Cue(line.start, line.start + line.seconds, line.text)]
    # The first word from where the voice begins: Whisper can place it late when it
    # mishears it (a brand's name heard as another word put a cue 340 ms after the voice).
    onset = line_onset(line) - line.start
    words[0] = Word(words[0].text, onset, max(onset, words[0].end))
    cues, group = [], []
    for word in words:
        if group and len(" ".join(w.text for w in group + [word])) > CUE_CHARS:
            cues.append(group)
            group = []
        group.append(word)
    cues.append(group)
    # A cue stays up a moment after its last word, but never past the next cue's start.
    ends = [g[-1].end + 0.1 for g in cues]
    ends = [
        min(end, cues[i + 1][0].start) if i + 1 < len(cues) else end for i, end in enumerate(ends)
    ]
    return [
        Cue(
            line.start + g[0].start,
            line.start + end,
            " ".join(w.text for w in g),
            tuple(CueWord(w.text, line.start + w.start, line.start + w.end) for w in g),
        )
        for g, end in zip(cues, ends, strict=True)
    ]


def _effects(
    timeline: Timeline, board: Storyboard, takes: dict[str, Path], seed: int
) -> tuple[list[Layer], dict]:
    """Footfalls, landings and bangs where the takes' events put them, and what was made."""
    placed, summary = effect_layers(timeline, board, takes, seed=seed)
    if not placed:
        return [], skipped("no footfall, landing or bang in the picture")
    made_from = ", ".join(f"{n} from {source}" for source, n in summary["from"].items())
    kinds = {"step": "footfalls", "land": "landings", "bang": "bangs"}
    counted = Counter(layer.meta["kind"] for layer in placed)
    what = ", ".join(f"{n} {kinds.get(kind, kind)}" for kind, n in counted.items())
    return placed, made(f"{what} ({made_from})")


def _ambience(timeline: Timeline, board: Storyboard, seed: int) -> tuple[list[Layer], dict]:
    """The sound of each generated shot's place, and what was made."""
    placed = ambience_layers(timeline, board, seed=seed)
    if not placed:
        return [], skipped("no generated shot")
    kinds = sorted({layer.name.rsplit("(", 1)[-1].rstrip(")") for layer in placed})
    return placed, made(f"shaped noise: {', '.join(kinds)}")


def make_soundtrack(
    timeline: Timeline,
    board: Storyboard,
    *,
    mode: str,
    narration: Narration,  # the lines said (spoken.speak_lines)
    takes: dict[str, Path] | None = None,  # the chosen take of each shot (for its events)
    music: bool = True,
    effects: bool = True,
    ambience: bool = True,
    seed: int = 0,
    music_file: Path | None = None,  # the user's own music instead of the generated bed
) -> tuple[Soundtrack, Mix]:
    """The soundtrack, and its mix: stereo float32 at RATE, the video's exact length, not
    yet mastered, made when and where it is asked for (see mix.py)."""
    seconds = float(timeline.rate.seconds(timeline.duration))
    parts: dict = {}
    layers: list[Layer] = []
    placed, parts["effects"] = (
        _effects(timeline, board, takes or {}, seed)
        if effects
        else ([], skipped("effects are off"))
    )
    layers += placed
    parts |= narration.parts
    lines = narration.lines
    layers += [Layer(f"voice {line.shot}", "voice", line.samples, line.start) for line in lines]
    cues = [cue for line in lines for cue in _cues(line)]
    placed, parts["ambience"] = (
        _ambience(timeline, board, seed) if ambience else ([], skipped("ambience is off"))
    )
    layers += placed
    if music and music_file is not None:
        layer, figures = music_file_layer(music_file, seconds)
        layers.append(layer)
        parts["music"] = made(
            f"{figures['file']} (from {figures['loudness_before']:g} LUFS to the bed's level, "
            f"faded from the beat at {figures['fades_from']:g} s)"
        ) | {"music_file": figures}
    elif music:
        layers.append(bed_layer(seconds, mode, seed=seed))
        parts["music"] = made(f"generated bed for {mode}")
    else:
        parts["music"] = skipped("music is off")
    mixed = Mix(layers, seconds)
    placed = [layer.meta for layer in layers if layer.kind == "effect"]
    fps = float(timeline.rate.fps)
    return Soundtrack(lines, cues, parts, narration.recognizer, placed, fps), mixed
