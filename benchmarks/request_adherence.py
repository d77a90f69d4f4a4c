"""Whether the video shows what was asked, not only what was planned (issue 28).

Each request below (written for this benchmark: counts, colours, several entities acting on
each other, weather, time of day, places named twice, props, quoted text) is made by the
agent on the procedural backend twice: with the plan taken as the planner drew it (and no
loop), and as the agent makes it by default: the plan given what the request counts
(`plan/asks_in_plan.py`), then the shots staging an ask the takes do not show made again
(`agent/asks_loop.py`), whose states before the loop the manifest keeps. For each run the
asks (`plan/asks.py`) and their states (`evaluate/asks_shown.py`) are read from the
manifest, and every "shown" of a finished video is checked again here against the take's
ground truth by a reader of its own (a false "shown" is one the truth does not bear out).

Printed: asks in all; shown as drawn, before the loop and after it; could not show (things
the world has no drawing for); unchecked; false "shown"; the median wall time of a run, and
the time the loop took (median over the runs where it made something, and in all).

`--backend embedded` makes them with our own model (224x128), whose asks are evidenced by
its staging and the recognizer's reading; it has no ground truth, so its false "shown" are
not counted ("no truth"). A run there takes minutes on a CPU, so `--every N` takes every Nth
request (a sample across the list, not its easy head; `--start S` from the Sth, so that N
processes with starts 0..N-1 share the whole list) and `--without-drawn` skips the run as
the planner drew it (the figures before and after the loop come from the default run).

    python benchmarks/request_adherence.py [--limit N] [--every N] [--start S]
        [--without-drawn] [--backend embedded]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from machine import cpu_description

from videoagent import Agent, AgentSettings, Request
from videoagent.store.truth_file import read_truth

REQUESTS = [
    "two brown dogs chasing a red ball on a snowy beach at night",
    "three birds flying over the beach at sunset",
    "a person walking two dogs down a rainy street",
    "two cats sitting in the living room at noon",
    "a black cat and a white cat meeting in the park",
    "a golden dog running in the park in the morning",
    "a person gives a red cup to a golden dog at the cafe",
    "a grey dog sniffing around a bench in the park",
    "two people walking down a street at night",
    "a white bird flying over the city at sunset",
    "a dog chasing a yellow ball at the beach",
    "a brown dog and a grey dog meeting on a snowy street",
    "a red car driving down a street in the rain",
    "four birds standing on the beach in the morning",
    "a cat sitting by a tree in the park at night",
    "an orange cat jumping in the living room",
    "a person holding a cup at the cafe in the morning",
    "two dogs running through the city at noon",
    "a black dog walking in the snow at night",
    "a person sitting on a bench in the park at sunset",
    "a dog walking in the park, then sniffing around, then running on the beach",
    "a cat walking down a street, then sitting at the cafe at night",
    "a bird flying over the park, then standing on a bench",
    "a person walking in the city, then giving a cup to a dog",
    "a dog running on the beach, then meeting a friend",
    "two cats chasing a ball in the living room",
    "a brown dog eating from a cup at the cafe",
    "three dogs walking through the park in the rain",
    "a white dog jumping in the snow",
    "a person and a dog walking on the beach at sunset",
    "a grey cat sniffing a red ball on the street",
    "a golden dog sitting by a house in the morning",
    "a dog walking past a red car in the city at night",
    "two birds flying over the street in the snow",
    "a person walking a dog through the park at noon, then it starts to rain",
    "a dog in the park in the morning, then at the cafe at night",
    "a black cat sitting on a bench at the beach",
    "a brown dog running in the rain in the city",
    "a person walking down a snowy street at sunset",
    "a pair of dogs meeting at the cafe",
    "a yellow ball rolling across the living room",
    "a dog chasing a cat in the park",
    "a cat chasing a bird on the beach",
    "a white dog and a black dog running on the beach",
    "a bird standing on a tree in the park at sunset",
    "two people meeting at the cafe in the morning",
    "a golden dog wagging its tail in the living room",
    "a dog walking through the city at noon near the lighthouse",
    "a cat sitting in the park under a rainbow",
    "a person walking past the Eiffel Tower at night",
    'a brand video for "Pup Cafe" with a dog at the cafe',
    'a dog in the park with the words "Good dog" on screen',
    "a 12 second video of a dog running on the beach",
    "a 20 second video of two cats sitting in the living room",
    "a dog walking, sniffing, then sitting in the park",
    "a red ball and a blue ball in the park",
    "a grey dog meeting a brown dog in the snow at night",
    "three cats walking down a street in the morning",
    "a person giving a cup to a cat at the cafe at sunset",
    "a dog and a bird in the park at noon",
    "two dogs chasing a red ball in the rain",
    "a black dog sitting at the cafe in the snow",
]


def _truly_shown(ask: dict, manifest: dict, folder: Path) -> bool:
    """Whether the takes' own truth bears out a "shown" (read here, apart from the agent)."""
    if ask["kind"] in ("text", "length"):
        return True  # read from the timeline, not from truth
    for shot in manifest["shots"]:
        if shot.get("kind") != "generated" or not shot.get("takes"):
            continue
        chosen = shot["chosen_take"]
        take = next((t for t in shot["takes"] if t["take"] == chosen), shot["takes"][-1])
        truth = read_truth(folder / take["file"])
        if truth is None:
            continue
        begin = shot["source"]["in"]
        frames = truth["frames"][begin : begin + shot["frames"]]  # the frames the video shows
        spec = truth["spec"]
        if ask["kind"] == "place" and spec["place"] == ask["what"]:
            return True
        if ask["kind"] == "time" and spec["time_of_day"] == ask["what"]:
            return True
        if ask["kind"] == "weather" and spec["weather"] == ask["what"]:
            return True
        for frame in frames:
            seen = [e for e in frame["entities"] if e["visible"] >= 0.5]
            if ask["kind"] == "entity":
                alike = [
                    e
                    for e in seen
                    if e["kind"] == ask["what"] and ask.get("colour") in (None, e["colour"])
                ]
                if len(alike) >= ask.get("count", 1):
                    return True
            if ask["kind"] == "action" and any(
                e["kind"] == ask["of"] and e["action"] == ask["what"] for e in seen
            ):
                return True
    return False


SIZES = {"procedural": "192x108", "embedded": "224x128"}


def _run(text: str, default: bool, work: Path, backend: str) -> tuple[dict, int | None, float]:
    """The manifest of `text` made as drawn or (`default`) as the agent makes it, the false
    "shown" found in it and the run's wall time."""
    settings = AgentSettings(
        backend=backend,
        music=False,
        ambience=False,
        shared_cache=None,
        content_credentials=False,
        watermark=False,
        cover_asks=default,
        retake_for_asks=default,
    )
    began = time.perf_counter()
    folder = work / ("default" if default else "drawn")
    result = Agent(settings).make(Request.build(text, size=SIZES[backend]), folder)
    seconds = time.perf_counter() - began
    asks = result.manifest.get("asks", [])
    if backend != "procedural":
        return result.manifest, None, seconds  # no truth to read them against
    false = sum(
        a["state"] == "shown" and not _truly_shown(a, result.manifest, result.folder) for a in asks
    )
    return result.manifest, false, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=len(REQUESTS))
    parser.add_argument("--every", type=int, default=1, help="take every Nth request")
    parser.add_argument("--start", type=int, default=0, help="the first request taken")
    parser.add_argument("--without-drawn", action="store_true", help="skip the run as drawn")
    parser.add_argument("--backend", choices=sorted(SIZES), default="procedural")
    args = parser.parse_args()
    if args.every < 1:
        parser.error(f"--every must be 1 or more, not {args.every}")
    if not 0 <= args.start < len(REQUESTS):
        parser.error(f"--start must be from 0 to {len(REQUESTS) - 1}, not {args.start}")
    requests = REQUESTS[args.start :: args.every][: args.limit]
    ways = ("as the planner drew it", "given the counts, before the loop", "after the loop")
    if args.without_drawn:
        ways = ways[1:]
    totals = {
        way: {"asks": 0, "shown": 0, "could not show": 0, "unchecked": 0, "false": 0, "s": []}
        for way in ways
    }
    looped: list[float] = []  # seconds the loop took where it made something
    missed: list[str] = []
    for number, text in enumerate(requests, start=1):
        with tempfile.TemporaryDirectory() as work:
            if not args.without_drawn:
                drawn = _run(text, False, Path(work) / f"{number}", args.backend)
            made, false, seconds = _run(text, True, Path(work) / f"{number}", args.backend)
        loop = made.get("asks_loop", {"before": made.get("asks", []), "retaken": []})
        runs = (
            (loop["before"], None, seconds - loop.get("seconds", 0.0)),
            (made["asks"], false, seconds),
        )
        if not args.without_drawn:
            manifest, drawn_false, drawn_s = drawn
            runs = ((manifest["asks"], drawn_false, drawn_s), *runs)
        for way, (asks, false_shown, wall) in zip(ways, runs, strict=True):
            row = totals[way]
            row["asks"] += len(asks)
            for state in ("shown", "could not show", "unchecked"):
                row[state] += sum(a["state"] == state for a in asks)
            row["false"] = None if false_shown is None else row["false"] + false_shown
            row["s"].append(wall)
        if loop["retaken"]:
            looped.append(loop["seconds"])
        unshown = [
            f"{a['said']} ({a['evidence']})" for a in made["asks"] if a["state"] == "not shown"
        ]
        missed += [f"{text}: {line}" for line in unshown]
        counts = " / ".join(
            f"{sum(a['state'] == 'shown' for a in asks)} of {len(asks)}" for asks, _, _ in runs
        )
        print(f"{number}/{len(requests)} {text}: shown {counts} ({seconds:.0f} s)", flush=True)
        for line in unshown:
            print(f"    not shown: {line}", flush=True)
    print(f"\n# {cpu_description()}")
    sample = "" if args.every == 1 else f" (every {args.every}th of {len(REQUESTS)})"
    sample += f" from number {args.start + 1}" if args.start else ""
    print(f"{len(requests)} requests{sample}, {args.backend} backend, {SIZES[args.backend]}\n")
    print("| plan | asks | shown | could not show | unchecked | false shown | median s a run |")
    print("|---|---|---|---|---|---|---|")
    for way in ways:
        row = totals[way]
        within = row["asks"] - row["could not show"]
        share = row["shown"] / within if within else 1.0
        false_shown = "not read" if row["false"] is None else row["false"]
        if args.backend != "procedural":
            false_shown = "no truth"
        print(
            f"| {way} | {row['asks']} | {row['shown']} ({share:.1%} of those within the "
            f"vocabulary) | {row['could not show']} | {row['unchecked']} | {false_shown} | "
            f"{statistics.median(row['s']):.1f} |"
        )
    spent = (
        f"median {statistics.median(looped):.1f} s, {sum(looped):.1f} s in all" if looped else "0 s"
    )
    print(f"\nthe loop made takes in {len(looped)} of {len(requests)} runs ({spent})")
    if missed:
        print("\nnot shown after the loop:")
        for line in missed:
            print(f"- {line}")


if __name__ == "__main__":
    main()
