"""Step 11, the sound, made once for what is audible. The mastered mix, its AAC encoding and
the checks measured on that encoding are kept as a derived entry under the hash of
everything they are made of: the picture's timing, the shots, the takes' events, the sound
settings, the lines said. An edit that changes nothing audible (text on screen, a caption, a
card's wording) reuses all of it; one that changes part of it (a shot's footsteps) masters
and encodes again only the blocks it touched, at the last sound's levels when they still
hold (audio/mastering.py). A render copies the encoded track in, so what was measured is
what the video plays."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from videoagent.agent.settings import AgentSettings
from videoagent.agent.steps import Emit
from videoagent.audio.mastering import EarlierSound, master_sound
from videoagent.audio.recognizer import recognizer_name
from videoagent.audio.soundtrack import make_soundtrack
from videoagent.audio.spoken import Narration, speak_lines
from videoagent.audio.user_voiceover import shot_at, voiceover_narration
from videoagent.evaluate.check import Check
from videoagent.evaluate.narration_placement import narration_placement
from videoagent.evaluate.sound_checks import PEAK_CEILING, sound_checks
from videoagent.plan.narration import narrates
from videoagent.plan.request import Request
from videoagent.plan.storyboard import Shot, Storyboard
from videoagent.store.derived import DerivedFiles
from videoagent.store.files import atomic_write_json, file_sha256, json_sha256, partial_path
from videoagent.store.truth_file import read_truth
from videoagent.timeline.model import CardClip, Timeline
from videoagent.timeline.subtitles import Cue, CueWord

SOUND_VERSION = 7  # raise when the sound made from the same inputs changes


@dataclass
class Sound:
    entry: Path  # mix.wav, sound.m4a, sound.json
    record: dict  # parts, lines, cues, effects, and the checks and figures measured
    reused: bool

    @property
    def mix(self) -> Path:
        return self.entry / "mix.wav"

    @property
    def encoded(self) -> Path:
        return self.entry / "sound.m4a"

    @property
    def cues(self) -> list[Cue]:
        return [_cue(*cue) for cue in self.record["cues"]]

    @property
    def checks(self) -> list[Check]:
        return [Check(**check) for check in self.record["checks"]]

    @property
    def mastering(self) -> dict:
        """How the mix was mastered: its levels, its blocks, and how many of them were
        mastered and encoded when it was made (the rest copied from the sound before)."""
        master = self.record["master"]
        counts = {key: master[key] for key in ("mastered", "encoded", "kept_levels")}
        return {"levels": master["levels"], "blocks": len(master["blocks"]), **counts}

    def copy_mix(self, to: Path) -> None:
        part = partial_path(to)
        shutil.copyfile(self.mix, part)
        os.replace(part, to)


def _cue(start: float, end: float, text: str, words: list | None = None) -> Cue:
    """A cue as the sound's record keeps it: its words as [text, start, end]."""
    return Cue(start, end, text, tuple(CueWord(*word) for word in words or []))


@dataclass(frozen=True)
class Audible:
    """Everything the sound is made from: the picture's timing, the shots, the takes, the
    request and the sound settings."""

    timeline: Timeline
    board: Storyboard
    takes: dict[str, Path]
    request: Request
    settings: AgentSettings
    project: Path | None = None  # where a music file named relative to the project is

    def user_file(self, chosen: str | None) -> Path | None:
        """A file the user gave (their music, their voiceover), as given or as kept in the
        project (a path relative to it)."""
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.is_absolute() or self.project is None else self.project / path

    def key(self, narration: Narration) -> str:
        """The hash of all of it as plain data, with what was said. A take counts by the
        events its ground truth gives (they place the effects): a new take without them (a
        model's, a provider's) changes nothing audible. Text on screen and captions are left
        out: they are not heard."""
        timeline, settings = self.timeline, self.settings
        clips = [
            [
                clip.shot_id or clip.name,
                timeline.clip_start(index),
                clip.frames,
                [clip.title, clip.subtitle] if isinstance(clip, CardClip) else clip.source_in,
            ]
            for index, clip in enumerate(timeline.clips)
        ]
        events = {
            shot_id: (read_truth(path) or {}).get("events")
            for shot_id, path in sorted(self.takes.items())
        }
        return json_sha256(
            {
                "version": SOUND_VERSION,
                "rate": str(timeline.rate.fps),
                "frames": timeline.duration,
                "clips": clips,
                "transitions": [[t.kind, t.frames] for t in timeline.transitions],
                "shots": [_heard_of(shot) for shot in self.board.shots],
                "events": events,
                "mode": self.request.mode,
                "seed": self.request.seed,
                "layers": [settings.music, settings.effects, settings.ambience],
                "loudness": settings.target_loudness(),
                "music_file": file_sha256(music)
                if (music := self.user_file(settings.music_file))
                else None,
                "ears": recognizer_name(),  # the narration is heard back with it
                "narration": narration.digest(),
            }
        )


def _heard_of(shot: Shot) -> list:
    """What the sound reads of a shot: its place and weather (ambience), its size (how
    near its footsteps sound), its span in its take and what it shows (the events of a take
    without ground truth come from the scene). Its words are in what was said; its seed,
    prompt and backend reach the sound only through its take's events."""
    return [
        shot.id,
        shot.kind,
        shot.frames,
        shot.source_in,
        shot.source_frames,
        shot.shot_size,
        shot.scene,
    ]


def make_sound(derived: DerivedFiles, audible: Audible, emit: Emit) -> Sound:
    """The sound for this picture: reused when nothing audible changed, else made. The
    narration's lines are said first (each kept on its own), and are part of the key."""
    request, settings = audible.request, audible.settings
    voiceover = audible.user_file(settings.voiceover_file)
    if voiceover is not None:  # the user's recording is the narration
        narration = voiceover_narration(voiceover, audible.timeline, derived)
    else:
        narration = speak_lines(
            audible.timeline,
            audible.board,
            narrate=narrates(request.mode, settings.narrate),
            derived=derived,
            voice=settings.voice,
        )
    key = audible.key(narration)
    entry = derived.find("sound", key)
    reused = entry is not None
    if entry is None:
        earlier = _earlier(derived)
        entry = derived.make(
            "sound",
            key,
            lambda folder: _build(folder, derived, narration, audible, earlier),
        )
    sound = Sound(entry, json.loads((entry / "sound.json").read_text("utf-8")), reused)
    for part, how in sound.record["parts"].items():
        said = how.get("by") or "skipped: " + how.get("why", "")
        emit("sound", "done" if how["made"] else "warning", f"{part}: {said}", part=part, **how)
    if reused:
        emit("sound", "done", "nothing audible changed: the last mix and its checks are reused")
    elif sound.mastering["kept_levels"]:
        master = sound.mastering
        emit(
            "sound",
            "done",
            f"the last levels kept: {master['mastered']} of {master['blocks']} blocks mastered "
            f"and {master['encoded']} encoded again, the rest copied",
            **master,
        )
    return sound


def _build(
    folder: Path,
    derived: DerivedFiles,
    narration: Narration,
    audible: Audible,
    earlier: EarlierSound | None,
) -> None:
    request, settings = audible.request, audible.settings
    soundtrack, mix = make_soundtrack(
        audible.timeline,
        audible.board,
        mode=request.mode,
        narration=narration,
        takes=audible.takes,
        music=settings.music,
        effects=settings.effects,
        ambience=settings.ambience,
        seed=request.seed,
        music_file=audible.user_file(settings.music_file),
    )
    encoded = folder / "sound.m4a"
    mastering = master_sound(
        mix,
        folder / "mix.wav",
        encoded,
        target=settings.target_loudness(),
        peak=PEAK_CEILING,
        earlier=earlier,
    )
    del mix  # with the whole track, if it was made: not held while the checks decode
    checks, figures = sound_checks(
        encoded,
        soundtrack,
        target_lufs=settings.target_loudness(),
        recognizer=soundtrack.recognizer,
        derived=derived,
        loudness=mastering.loudness,
    )
    placement, placed = narration_placement(
        soundtrack.lines, audible.board, lambda seconds: shot_at(audible.timeline, seconds)
    )
    if placement is not None:
        checks.append(placement)
        figures["narration_placement"] = placed
    record = {
        "parts": soundtrack.parts,
        "lines": [line.record() for line in soundtrack.lines],
        "subtitles": "voice" if soundtrack.cues else "shot captions",
        "cues": [
            [cue.start, cue.end, cue.text, [[w.text, w.start, w.end] for w in cue.words]]
            for cue in soundtrack.cues
        ],
        "effects": soundtrack.effects,
        "checks": [check.to_dict() for check in checks],
        "figures": figures,
        "master": mastering.record,
    }
    atomic_write_json(folder / "sound.json", record)


def _earlier(derived: DerivedFiles) -> EarlierSound | None:
    """The sound this project used last, whose unchanged blocks a new one copies."""
    entry = derived.newest("sound")
    if entry is None:
        return None
    try:
        master = json.loads((entry / "sound.json").read_text("utf-8"))["master"]
    except (OSError, ValueError, KeyError):
        return None
    return EarlierSound(master, entry / "mix.wav", entry / "sound.m4a")
