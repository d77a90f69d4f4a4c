"""The mix made ready to play: brought to the target loudness (EBU R128 integrated, by the
meter the verify step uses) with its true peaks under the ceiling, mastered into a 16-bit
WAV and encoded as the video carries it, both a block at a time (mastered.py,
media/sound_blocks.py), and measured on the encoding.

Made from nothing, the levels are found by trying: a gain from the mix's loudness, the
limiter (LIMIT_BELOW_DB under the peak the encoding may reach) for the peaks that gain
pushes over, the gain corrected by the slope seen so far (footsteps alone are so peaky that
a dB of gain buys a fraction of a dB), up to six times; then, when the encoder lifts a peak
over the ceiling, the limiter's ceiling is lowered by the excess and the gain found again,
at most twice.

After an edit, the last sound's levels are tried first. When they still bring the whole
within STABLE_LU of the target with its peaks under the ceiling they are kept, and every
block the edit did not touch is copied, not mastered or encoded again; a loudness that
moved further is found again as above.

(loudnorm alone fell short here: in linear mode it will not raise a peaky narration mix far
enough, and its dynamic mode landed 0.2 to 2.6 LU off on 20 s mixes.)"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from videoagent.audio.loudness import Loudness, measure, measure_samples
from videoagent.audio.mastered import Earlier, Levels, block_spans, write_mastered
from videoagent.audio.mix import Mix
from videoagent.media.sound_blocks import EncodedBlocks, encode_blocks

AIM_LU = 0.2  # how near the target a loudness found from nothing lands
STABLE_LU = 0.5  # how far from it the last levels may leave an edited mix
LIMIT_BELOW_DB = 1.5  # the limiter's ceiling under the peak the encoding may reach: room for
# what the encoder lifts (up to a dB on heavily limited footsteps)
PEAK_MARGIN_DB = 0.2  # how far under the ceiling an encoded peak must stay
SILENT_LUFS = -70.0  # EBU R128's absolute gate: the meter's reading of silence


@dataclass(frozen=True)
class Mastering:
    levels: Levels
    loudness: Loudness  # of the encoding
    record: dict  # the levels, each block's keys, how many blocks were made


@dataclass(frozen=True)
class EarlierSound:
    """A sound mastered before: its Mastering record and its two files."""

    record: dict
    wav: Path
    encoded: Path


def master_sound(
    mix: Mix,
    wav: Path,
    encoded: Path,
    *,
    target: float,
    peak: float,  # dBTP the encoding may reach
    earlier: EarlierSound | None = None,
) -> Mastering:
    """`mix` mastered into `wav` and encoded into `encoded`. With the last levels kept, only
    the windows of the mix that changed are made; a loudness found from nothing makes the
    whole."""
    spans = block_spans(len(mix))
    ceiling_db = peak - LIMIT_BELOW_DB

    def attempt(levels: Levels, mastered: Earlier | None, coded: EncodedBlocks | None):
        keys, mastered_count = write_mastered(mix, levels, wav, mastered)
        coded_keys, coded_count = encode_blocks(wav, spans, encoded, coded)
        record = {
            "levels": levels.to_dict(),
            "blocks": keys,
            "encoded_blocks": coded_keys,
            "mastered": mastered_count,
            "encoded": coded_count,
        }
        return measure(encoded), record

    def fits(loudness: Loudness) -> bool:
        return loudness.true_peak <= peak - PEAK_MARGIN_DB

    if earlier is not None and earlier.record["levels"]["ceiling_db"] <= ceiling_db:
        levels = Levels(**earlier.record["levels"])
        loudness, record = attempt(
            levels,
            Earlier(earlier.wav, earlier.record["blocks"]),
            EncodedBlocks(earlier.encoded, earlier.record["encoded_blocks"]),
        )
        if abs(loudness.integrated - target) <= STABLE_LU and fits(loudness):
            return Mastering(levels, loudness, {**record, "kept_levels": True})
    first = measure_samples(mix.whole()).integrated
    levels, keys = _loudness_found(mix, wav, target, ceiling_db, first)
    loudness, record = attempt(levels, Earlier(wav, keys), None)
    for _ in range(2):
        if fits(loudness) or _silent(loudness.integrated):
            break
        # The encoder lifted a peak over: the limiter holds them lower by as much, and the
        # gain is found again under it (a trim after the limiter would lose loudness).
        ceiling_db -= loudness.true_peak - (peak - PEAK_MARGIN_DB) + 0.1
        levels, keys = _loudness_found(mix, wav, target, ceiling_db, first)
        loudness, record = attempt(levels, Earlier(wav, keys), None)
    # Every block was mastered on the way (the last pass copied the loudness search's).
    record |= {"mastered": len(spans), "kept_levels": False}
    return Mastering(levels, loudness, record)


def _loudness_found(
    mix: Mix, wav: Path, target: float, ceiling_db: float, first: float
) -> tuple[Levels, list[str]]:
    """The levels that bring `mix` (of loudness `first`) to `target` through the limiter,
    and the keys of the blocks of `wav`, mastered at those levels on the way (silence stays
    silence)."""
    levels = Levels(0.0 if _silent(first) else target - first, ceiling_db)
    tried = (0.0, first)
    for _ in range(6):
        keys, _ = write_mastered(mix, levels, wav)
        reached = measure(wav).integrated
        if _silent(reached) or abs(reached - target) <= AIM_LU:
            break
        # Each dB of gain buys less than a dB once the limiter works: step by the slope seen.
        gain = levels.gain_db
        slope = (reached - tried[1]) / (gain - tried[0]) if gain != tried[0] else 1.0
        tried = (gain, reached)
        levels = replace(levels, gain_db=gain + (target - reached) / min(max(slope, 0.2), 1.0))
    else:
        keys, _ = write_mastered(mix, levels, wav)
    return levels, keys


def _silent(loudness: float) -> bool:
    """Whether a loudness is silence: the meter gates out everything under SILENT_LUFS."""
    return not np.isfinite(loudness) or loudness <= SILENT_LUFS
