"""Derived files: made once under the hash of their inputs, whole or not at all, pruned to
the newest few; and the encoded sound a video must carry unchanged."""

from __future__ import annotations

import os

import numpy as np
import pytest

from videoagent.audio.pcm import write_wav
from videoagent.evaluate.sound_checks import carries
from videoagent.media.sound_file import encode_sound, is_encoded
from videoagent.store.derived import KEPT_OTHERWISE, DerivedFiles


def _writes(text: str, made: list[str]):
    def build(folder):
        made.append(text)
        (folder / "out.txt").write_text(text)

    return build


def test_an_entry_is_made_once_and_found_by_its_key(tmp_path):
    derived, made = DerivedFiles(tmp_path), []
    first = derived.make("sound", "a" * 64, _writes("one", made))
    again = derived.make("sound", "a" * 64, _writes("two", made))
    assert first == again and made == ["one"]
    assert (again / "out.txt").read_text() == "one"
    assert derived.find("sound", "b" * 64) is None


def test_a_build_that_fails_or_is_killed_leaves_no_entry(tmp_path):
    derived = DerivedFiles(tmp_path)

    def broken(folder):
        (folder / "half.txt").write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        derived.make("sound", "c" * 64, broken)
    assert derived.find("sound", "c" * 64) is None
    assert list((tmp_path / "sound").iterdir()) == []
    # A process killed mid-build leaves its hidden folder: the next build clears it.
    (tmp_path / "sound" / ".part-killed").mkdir()
    derived.make("sound", "c" * 64, _writes("whole", []))
    assert sorted(p.name for p in (tmp_path / "sound").iterdir()) == ["c" * 32]


def test_an_entry_whose_files_changed_is_made_again(tmp_path):
    derived, made = DerivedFiles(tmp_path), []
    entry = derived.make("sound", "d" * 64, _writes("whole", made))
    (entry / "out.txt").write_text("cut")  # cut short, or edited by hand
    assert derived.find("sound", "d" * 64) is None and not entry.exists()
    again = derived.make("sound", "d" * 64, _writes("whole", made))
    assert (again / "out.txt").read_text() == "whole" and made == ["whole", "whole"]
    (again / "out.txt").unlink()  # deleted
    assert derived.find("sound", "d" * 64) is None


def test_only_the_newest_entries_of_a_kind_are_kept(tmp_path):
    derived = DerivedFiles(tmp_path)
    keys = [str(n) * 64 for n in range(KEPT_OTHERWISE + 2)]
    for age, key in enumerate(keys):
        entry = derived.make("sound", key, _writes(key, []))
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    derived.make("sound", keys[0], _writes("again", []))  # used again: the newest now
    kept = {p.name for p in (tmp_path / "sound").iterdir()}
    assert keys[0][:32] in kept and len(kept) <= KEPT_OTHERWISE
    assert keys[1][:32] not in kept


def test_the_video_must_carry_the_measured_sound_packet_for_packet(tmp_path):
    tone = np.sin(np.arange(48_000) * 2 * np.pi * 440 / 48_000).astype(np.float32) * 0.3
    loud = encode_sound(
        write_wav(tmp_path / "a.wav", np.stack([tone, tone], 1)), tmp_path / "a.m4a"
    )
    soft = encode_sound(
        write_wav(tmp_path / "b.wav", np.stack([tone, tone], 1) / 2), tmp_path / "b.m4a"
    )
    assert is_encoded(loud) and not is_encoded(tmp_path / "a.wav")
    assert carries(loud, loud).passed
    assert not carries(loud, soft).passed
