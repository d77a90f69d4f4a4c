"""Do effects land on their pictures? Each footfall or landing a synthworld shot shows gets a
sound placed on it; this makes videos where nothing else sounds (no music, ambience or
narration), finds every effect's onset in the final mp4's decoded audio (after the AAC
encode and the mux), and prints how far each is from the frame that shows its event.

    python benchmarks/effect_sync.py [--fps 24 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from videoagent import Agent, AgentSettings, Request

REQUESTS = [
    "a 20 second video of a dog going on a walk, then running in the park",
    "a 16 second video of a person walking on the beach, then jumping",
    "a 16 second video of a cat running in the street at night, then jumping",
    "a 20 second video of a dog chasing a ball in the park, then meeting a friend",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fps", type=float, nargs="+", default=[24, 30])
    parser.add_argument("--size", default="320x180")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fps in args.fps:
            frame_ms = 1000 / fps
            offsets: list[float] = []
            print(f"\n{fps:g} fps (one frame = {frame_ms:.1f} ms)")
            for n, text in enumerate(REQUESTS):
                request = Request.build(text, size=args.size, fps=str(fps))
                agent = Agent(AgentSettings(shared_cache=None, music=False, ambience=False))
                result = agent.make(request, Path(tmp) / f"{fps:g}-{n}")
                sound = result.manifest["sound"]
                found = sound.get("effect_offsets_ms", [])
                offsets += found
                check = next(
                    (
                        c
                        for c in result.manifest["video"]["checks"]
                        if c["name"].startswith("effects")
                    ),
                    None,
                )
                detail = check["detail"] if check else "not measured"
                print(f"  {text[:60]:<60} {detail}")
            ordered = sorted(offsets)
            within = sum(abs(o) <= frame_ms for o in ordered)
            buckets = [
                (-frame_ms, -frame_ms / 2),
                (-frame_ms / 2, 0),
                (0, frame_ms / 2),
                (frame_ms / 2, frame_ms),
            ]
            spread = ", ".join(
                f"[{lo:+.0f},{hi:+.0f}) {sum(lo <= o < hi for o in ordered)}" for lo, hi in buckets
            )
            print(
                f"  {len(ordered)} onsets: min {ordered[0]:+.1f} ms, median "
                f"{statistics.median(ordered):+.1f}, max {ordered[-1]:+.1f}; |offset| median "
                f"{statistics.median(abs(o) for o in ordered):.1f} ms; within one frame: "
                f"{within}/{len(ordered)}\n  distribution: {spread}"
            )


if __name__ == "__main__":
    main()
