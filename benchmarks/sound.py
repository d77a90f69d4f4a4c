"""The sound of narrated videos, measured: how well the narration is heard back from the
final file (word error rate, Whisper tiny.en), how far each line's first subtitle cue is
from the voice's onset, the loudness and true peak of the final file, and what the sound
step costs.

Makes a few ugc-product videos (different subjects and lengths) and prints each, then the
medians and the spread of the cue offsets.

    python benchmarks/sound.py [--size 320x180]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from videoagent import Agent, AgentSettings, Request

REQUESTS = [
    "a 20 second video of a dog getting a pup cup at the cafe, then meeting a friend in the park",
    "a 15 second video of a cat sleeping on a bench at sunset",
    "a 24 second video of a person walking a dog on the beach, then playing with a ball",
    "a 30 second video of a bird in the city at night, a car drives past, the bird flies away",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="320x180")
    args = parser.parse_args()
    print(f"{'video':<58} {'WER':>5} {'LUFS':>6} {'dBTP':>6} {'sound s':>8}  cue offsets ms")
    wers, lufs, peaks, offsets, costs = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n, text in enumerate(REQUESTS):
            request = Request.build(text, mode="ugc-product", size=args.size)
            agent = Agent(AgentSettings(shared_cache=None))
            result = agent.make(request, Path(tmp) / f"v{n}")
            sound = result.manifest["sound"]
            wer = sound.get("narration", {}).get("wer", float("nan"))
            loud = sound["loudness"]
            cost = result.manifest["timings_seconds"]["sound"]
            wers.append(wer)
            lufs.append(loud["integrated"])
            peaks.append(loud["true_peak"])
            offsets += sound.get("cue_offsets_ms", [])
            costs.append(cost)
            print(
                f"{text[:58]:<58} {wer:>5.2f} {loud['integrated']:>6.1f} "
                f"{loud['true_peak']:>6.1f} {cost:>8.2f}  {sound.get('cue_offsets_ms')}"
            )
    print(
        f"\nmedians: WER {statistics.median(wers):.3f}, {statistics.median(lufs):.1f} LUFS, "
        f"{statistics.median(peaks):.1f} dBTP, sound step {statistics.median(costs):.2f} s"
    )
    ordered = sorted(offsets)
    print(
        f"cue offsets ({len(ordered)} lines): min {ordered[0]} ms, median "
        f"{statistics.median(ordered):.0f} ms, max {ordered[-1]} ms; "
        f"within 100 ms: {sum(abs(o) <= 100 for o in ordered)}/{len(ordered)}"
    )


if __name__ == "__main__":
    main()
