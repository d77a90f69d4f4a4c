"""The sound mastered and encoded a block at a time: the limiter keeps time and holds the
ceiling, blocks encoded apart play as the file encoded whole (no seam to hear), and an edit that
changes one block masters and encodes that block alone, at the levels it had, while the
rest stays the same to the byte and to the decoded sample."""

from __future__ import annotations

import wave

import av
import numpy as np

from videoagent.audio import RATE
from videoagent.audio.ambience import shaped_noise
from videoagent.audio.limiter import limited
from videoagent.audio.loudness import measure
from videoagent.audio.mastered import BLOCK, LEAD, block_spans, write_mastered
from videoagent.audio.mastering import LIMIT_BELOW_DB, EarlierSound, master_sound
from videoagent.audio.mix import Layer, Mix
from videoagent.audio.pcm import write_wav
from videoagent.evaluate.sound_checks import audio_of
from videoagent.media.sound_blocks import FRAME, EncodedBlocks, encode_blocks
from videoagent.store.derived import DerivedFiles

SECONDS = 12.5  # three blocks: two seams
LEVEL = {"target": -16.0, "peak": -1.0}


def _music(seconds: float, seed: int = 0, noise: float = 0.01) -> np.ndarray:
    """Chords over a noise floor, with clicks far above them: peaky, like footsteps."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * f * t) for f in (220, 277, 330)) * 0.05
    sound = np.stack([tone, np.roll(tone, 90)], 1) + rng.standard_normal((len(t), 2)) * noise
    sound[:: RATE // 3] += 0.8
    return sound.astype(np.float32)


def _snr(reference: np.ndarray, sound: np.ndarray) -> float:
    error = float(((reference - sound) ** 2).sum())
    return 10 * np.log10(float((reference**2).sum()) / max(error, 1e-20))


def test_the_limiter_keeps_time_and_holds_the_ceiling(tmp_path):
    sound = np.zeros((RATE, 2), np.float32)
    burst = np.sin(np.arange(480) * 2 * np.pi * 1000 / RATE)[:, None]
    sound[10_000:10_480] = 0.3 * burst  # under the ceiling: through untouched, on time
    sound[20_000:20_480] = 0.99 * burst  # over it
    out = limited(sound, gain_db=0.0, ceiling=0.5)
    assert out.shape == sound.shape
    # A sample late or early, the 1 kHz tone would differ by 0.04 here.
    assert np.abs(out[:15_000] - sound[:15_000]).max() < 0.02
    assert np.abs(out[15_000:]).max() <= 0.5 * 1.01  # (the sample peak: 0.1 dB)
    loud = measure(write_wav(tmp_path / "limited.wav", out))
    assert loud.true_peak <= 20 * np.log10(0.5) + 0.5  # between samples too


def test_blocks_encoded_apart_play_as_the_file_encoded_whole(tmp_path):
    sound = _music(SECONDS)
    wav = write_wav(tmp_path / "mix.wav", sound)
    spans = block_spans(len(sound))
    assert len(spans) == 3 and all(start % FRAME == 0 for start, _ in spans)
    keys, encoded = encode_blocks(wav, spans, tmp_path / "blocks.m4a")
    assert encoded == 3 and len(set(keys)) == 3
    encode_blocks(wav, [(0, len(sound))], tmp_path / "whole.m4a")
    with av.open(str(tmp_path / "blocks.m4a")) as container:
        stream = container.streams.audio[0]
        assert stream.duration * stream.time_base == SECONDS  # to the sample
    blocks, whole = _packets(tmp_path / "blocks.m4a"), _packets(tmp_path / "whole.m4a")
    assert [pts for pts, _ in blocks] == [pts for pts, _ in whole]
    assert sum(a != b for a, b in zip(blocks, whole, strict=True)) <= len(whole) // 100
    # Heard across each seam, the blocks are the whole file, sample for sample.
    played, reference = audio_of(tmp_path / "blocks.m4a"), audio_of(tmp_path / "whole.m4a")
    for start, _ in spans[1:]:
        near = slice(start - 4 * FRAME, start + 4 * FRAME)
        assert np.array_equal(played[near], reference[near])
    meant = sound.mean(axis=1)
    assert _snr(meant, played[: len(meant)]) > 9  # (the noise floor is coded coarsely)


def _packets(path) -> list[tuple[int, bytes]]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return [(p.pts, bytes(p)) for p in container.demux(stream) if p.size]


def test_one_block_changed_is_the_one_encoded_again(tmp_path):
    sound = _music(SECONDS)
    first = write_wav(tmp_path / "first.wav", sound)
    spans = block_spans(len(sound))
    keys, _ = encode_blocks(first, spans, tmp_path / "first.m4a")
    sound[BLOCK + 2 * RATE : BLOCK + 3 * RATE] *= 0.5  # inside the second block only
    second = write_wav(tmp_path / "second.wav", sound)
    earlier = EncodedBlocks(tmp_path / "first.m4a", keys)
    again, encoded = encode_blocks(second, spans, tmp_path / "second.m4a", earlier)
    assert encoded == 1 and [a == k for a, k in zip(again, keys, strict=True)] == [1, 0, 1]
    before, after = audio_of(tmp_path / "first.m4a"), audio_of(tmp_path / "second.m4a")
    changed = np.flatnonzero(before != after)
    # Decoded, too, only the second block differs (and the frame that overlaps each seam).
    assert changed.min() >= BLOCK - FRAME and changed.max() < 2 * BLOCK + FRAME


def _wav_bytes(path, start: int, end: int) -> bytes:
    with wave.open(str(path)) as source:
        source.setpos(start)
        return source.readframes(end - start)


def test_an_edit_keeps_the_levels_and_masters_only_the_block_it_changed(tmp_path):
    bed = Layer("bed", "music", _music(SECONDS) * 0.3)
    made = master_sound(Mix([bed], SECONDS), tmp_path / "a.wav", tmp_path / "a.m4a", **LEVEL)
    assert abs(made.loudness.integrated + 16) <= 0.25 and made.loudness.true_peak <= -1.2
    assert not made.record["kept_levels"]
    earlier = EarlierSound(made.record, tmp_path / "a.wav", tmp_path / "a.m4a")

    # A second of the middle block made louder by a sound laid over it.
    louder_second = bed.samples[BLOCK + 2 * RATE : BLOCK + 3 * RATE] * 0.5
    over = Layer("over", "effect", louder_second, start=BLOCK / RATE + 2)
    edited = Mix([bed, over], SECONDS)
    made_windows = []
    window = edited.window
    edited.window = lambda lo, hi: made_windows.append((lo, hi)) or window(lo, hi)
    again = master_sound(edited, tmp_path / "b.wav", tmp_path / "b.m4a", **LEVEL, earlier=earlier)
    record = again.record
    assert record["kept_levels"] and (record["mastered"], record["encoded"]) == (1, 1)
    # Only the changed block (and the limiter's lead either side) was mixed at all.
    assert made_windows == [(BLOCK - LEAD, 2 * BLOCK + LEAD)]
    assert abs(again.loudness.integrated + 16) <= 0.5 and again.loudness.true_peak <= -1.2
    spans = block_spans(round(SECONDS * RATE))
    for start, end in (spans[0], spans[2]):
        assert _wav_bytes(tmp_path / "a.wav", start, end) == _wav_bytes(
            tmp_path / "b.wav", start, end
        )
    # The block made alone is the block made from the whole edited mix.
    whole = tmp_path / "whole.wav"
    write_mastered(Mix([bed, over], SECONDS), again.levels, whole)
    assert _wav_bytes(whole, *spans[1]) == _wav_bytes(tmp_path / "b.wav", *spans[1])

    # Twice as loud everywhere: the last levels no longer hold, and are found again.
    twice = Mix.of(bed.samples * 2)
    louder = master_sound(twice, tmp_path / "c.wav", tmp_path / "c.m4a", **LEVEL, earlier=earlier)
    assert not louder.record["kept_levels"] and louder.record["mastered"] == 3
    assert abs(louder.loudness.integrated + 16) <= 0.25
    assert abs(measure(tmp_path / "c.m4a").integrated + 16) <= 0.25  # measured again here


def test_silence_stays_silence(tmp_path):
    quiet = np.zeros((RATE * 2, 2), np.float32)
    made = master_sound(Mix.of(quiet), tmp_path / "q.wav", tmp_path / "q.m4a", **LEVEL)
    assert made.loudness.integrated <= -70  # the meter's silence
    with wave.open(str(tmp_path / "q.wav")) as written:
        assert written.getnframes() == len(quiet)
        assert not any(written.readframes(len(quiet)))


def test_the_newest_entry_is_the_one_used_last(tmp_path):
    derived = DerivedFiles(tmp_path)
    assert derived.newest("sound") is None
    first = derived.make("sound", "a" * 64, lambda folder: (folder / "x").write_text("a"))
    derived.make("sound", "b" * 64, lambda folder: (folder / "x").write_text("b"))
    import os

    os.utime(tmp_path / "sound" / ("b" * 32), (1_000_000, 1_000_000))
    assert derived.newest("sound") == first
    (first / "x").write_text("changed by hand")  # no longer what was made: passed over
    assert derived.newest("sound") == tmp_path / "sound" / ("b" * 32)


def test_peaks_the_encoder_lifts_are_brought_under_the_ceiling(tmp_path):
    # A breeze with footsteps: mastered to -16 LUFS the noise is loud, and the encoder lifts
    # its peaks by a dB or more over the limiter's ceiling.
    rng = np.random.default_rng(1)
    seconds = 20
    sound = shaped_noise("park", seconds, rng)
    step = np.arange(RATE // 20) / RATE
    for at in np.arange(0.3, seconds - 0.1, 0.55):
        click = rng.standard_normal(len(step)) * np.exp(-step * 120) * 0.25
        first = round(at * RATE)
        sound[first : first + len(step)] += click[:, None].astype(np.float32)
    made = master_sound(Mix.of(sound), tmp_path / "s.wav", tmp_path / "s.m4a", **LEVEL)
    assert made.levels.ceiling_db < LEVEL["peak"] - LIMIT_BELOW_DB  # the encoder lifted
    assert made.loudness.true_peak <= -1.2 and abs(made.loudness.integrated + 16) <= 1.0
    assert made.levels.gain_db < 35  # the linear gain is about 22 dB: no runaway here
