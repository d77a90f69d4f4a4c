"""How well each planner plans and reads edits: the offline rules and a language model, side by
side, on requests and edits written for this benchmark.

Requests (REQUESTS, 40: modes, lengths, paragraphs, vague and precise wordings, asks outside
synthworld's vocabulary). Each is made with the procedural backend (small, 320x180) and checked
against what it asked for, read from the chosen takes' ground truth: every asked kind of
subject drawn, every asked action done, every asked place, time of day and weather shown. A
request for what synthworld cannot draw must end with the shot saying so (`could_not_show`),
never with a picture that pretends.

Edits (EDITS, 40) are read against one planned project and compared with the operations they
should become, or with a refusal where the editor has no tool for them: carried out
correctly, refused correctly, or wrong (another operation, an operation where a refusal was
due, or a refusal of what could be done). A new or replaced shot is right only if its words,
read as the picture will be drawn, show what was asked (NEW_SHOT_SHOWS: the place, time of
day, weather, subject or action).

Printed per planner: requests planned (a plan made without falling back), asks met, edits
right / refused right / wrong, the median seconds per plan and per edit read, and the
model's tokens per second. Measured on whatever CPU runs it (printed).

    python benchmarks/planner_quality.py [--llm local|rules] [--limit N] [--only requests|edits]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from machine import cpu_description

from videoagent import Agent, AgentSettings, Request
from videoagent.agent.planning import draft_bible, draft_storyboard
from videoagent.errors import UnclearRequest, UsageError
from videoagent.plan.brief import make_brief
from videoagent.plan.edit_request import parse_edit


@dataclass(frozen=True)
class Asked:
    """A request and what its video must show."""

    text: str
    mode: str = "create"
    kinds: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    weathers: tuple[str, ...] = ()
    unshowable: bool = False  # something in it synthworld cannot draw: must be said so


REQUESTS = [
    Asked(
        "a 20 second video of a dog walking in the park",
        kinds=("dog",),
        actions=("walk",),
        places=("park",),
    ),
    Asked(
        "a cat sleeping on the sofa in the living room",
        kinds=("cat",),
        places=("living room",),
    ),
    Asked(
        "a 30 second video of a dog going on a walk, sniffing around, getting a pup cup, "
        "meeting a friend",
        kinds=("dog", "cup"),
        actions=("walk", "sniff", "meet"),
        places=(),
    ),
    Asked(
        "a bird flying over the beach at sunset",
        kinds=("bird",),
        actions=("fly",),
        places=("beach",),
        times=("sunset",),
    ),
    Asked(
        "a red car driving down a city street at night",
        kinds=("car",),
        actions=("drive",),
        places=("street", "city"),
        times=("night",),
    ),
    Asked(
        "two dogs chasing a ball in the park",
        kinds=("dog", "ball"),
        actions=("chase",),
        places=("park",),
    ),
    Asked(
        "a person walking a dog in the rain",
        kinds=("person", "dog"),
        actions=("walk",),
        weathers=("rain",),
    ),
    Asked(
        "a snowy street with a cat exploring, then finding a warm cafe",
        kinds=("cat",),
        places=("street", "cafe"),
        weathers=("snow",),
    ),
    Asked(
        "a puppy jumping on the beach in the morning",
        kinds=("dog",),
        actions=("jump",),
        places=("beach",),
        times=("morning",),
    ),
    Asked(
        "a woman sitting on a bench in the park at noon",
        kinds=("person", "bench"),
        actions=("sit",),
        places=("park",),
        times=("noon",),
    ),
    Asked(
        "a 45 second short film about a lonely dog who finds a friend at the beach",
        mode="short-film",
        kinds=("dog",),
        actions=("meet",),
        places=("beach",),
    ),
    Asked(
        "a brand video for Barkery, a bakery for dogs: a dog eats a treat at the cafe",
        mode="brand",
        kinds=("dog",),
        actions=("eat",),
        places=("cafe",),
    ),
    Asked("an ugc video of a dog loving its new ball", mode="ugc-product", kinds=("dog", "ball")),
    Asked(
        "a cat and a dog meeting in the street",
        kinds=("cat", "dog"),
        actions=("meet",),
        places=("street",),
    ),
    Asked(
        "a dog runs, then sits, then wags its tail", kinds=("dog",), actions=("run", "sit", "wag")
    ),
    Asked("a seagull eating at the seaside", kinds=("bird",), actions=("eat",), places=("beach",)),
    Asked(
        "a barista gives a coffee to a customer at the cafe",
        kinds=("person", "cup"),
        actions=("give",),
        places=("cafe",),
    ),
    # (a dog rolling over is drawn on its back, legs in the air: the world's "wriggle")
    Asked("a golden retriever rolling in the grass", kinds=("dog",), actions=("wriggle",)),
    Asked(
        "evening in the city, people walking home",
        kinds=("person",),
        actions=("walk",),
        places=("city",),
        times=("sunset",),
    ),
    Asked(
        "a kitten playing with a ball in the living room",
        kinds=("cat", "ball"),
        places=("living room",),
    ),
    Asked(
        "Open on a quiet park in the morning. A brown dog trots along the path and sniffs a tree. "
        "Later it meets a grey dog and they run together. End at the cafe, where the dog gets "
        "a pup cup.",
        kinds=("dog", "cup"),
        actions=("walk", "sniff", "meet", "run"),
        places=("park", "cafe"),
        times=("morning",),
    ),
    Asked(
        "It is raining in the city. A man waits at a bus stop, a taxi drives past, and a dog "
        "shelters "
        "under a bench.",
        kinds=("person", "car", "dog", "bench"),
        actions=("drive",),
        places=("city",),
        weathers=("rain",),
    ),
    Asked(
        "A day at the beach: a child runs along the shore, a seagull flies over the waves, and at "
        "sunset the family walks home.",
        kinds=("person", "bird"),
        actions=("run", "fly", "walk"),
        places=("beach",),
        times=("sunset",),
    ),
    Asked("something cozy", kinds=()),
    Asked("a nice video", kinds=()),
    Asked("show me a happy dog", kinds=("dog",)),
    Asked("a 10 second clip of a bird", kinds=("bird",)),
    Asked(
        "a 60 second video of a cat's day: waking up, eating, chasing a ball, sleeping",
        kinds=("cat", "ball"),
        actions=("eat", "chase"),
    ),
    Asked("a dog in the snow at night", kinds=("dog",), times=("night",), weathers=("snow",)),
    Asked("a car parked by a house on a sunny street", kinds=("car", "house"), places=("street",)),
    Asked(
        "a 90 second short film: a girl and her dog walk through the park, sit by a tree, and "
        "watch the sunset",
        mode="short-film",
        kinds=("person", "dog", "tree"),
        actions=("walk", "sit"),
        places=("park",),
        times=("sunset",),
    ),
    Asked(
        "a brand video for Sunny Café: morning coffee on the terrace",
        mode="brand",
        kinds=("cup",),
        places=("cafe",),
        times=("morning",),
    ),
    Asked(
        "an ugc video: my cat tries the new cat cafe",
        mode="ugc-product",
        kinds=("cat",),
        places=("cafe",),
    ),
    Asked("a giraffe eating leaves in the savanna", kinds=("giraffe",), unshowable=True),
    # drawn since the forty-fifth session (it was a labelled box each)
    Asked("a dragon flying over a castle", kinds=("dragon", "castle"), actions=("fly",)),
    Asked("a unicorn grazing by a windmill", unshowable=True),
    Asked("an astronaut walking on the moon", unshowable=True),
    Asked(
        "a dog riding a skateboard in the street",
        kinds=("dog",),
        places=("street",),
        unshowable=True,
    ),
    Asked(
        "a robot and a dog meeting in the park",
        kinds=("dog",),
        places=("park",),
        unshowable=True,
    ),
    Asked("a cat looks out of the window while it rains", kinds=("cat",), weathers=("rain",)),
    Asked("three birds and a cat in the garden", kinds=("bird", "cat"), places=("park",)),
]

BASE = (
    "a 30 second video of a dog walking in the park, getting a pup cup at the cafe, then "
    "meeting a friend at the beach"
)
# (edit in free words, the operations it should become, "A|B" where either will do; none:
# the editor cannot do it)
EDITS = [
    ("put 'PUP CUP' on screen at 0:10 for 3 seconds", ["AddText"]),
    ("show the words Hello World at the start for two seconds", ["AddText"]),
    ("add a caption that says 'best day ever' at 0:20", ["AddText"]),
    ("write SALE across the screen at 5 seconds for 2 seconds", ["AddText"]),
    ("make it one minute", ["SetLength"]),
    ("make the video 20 seconds long", ["SetLength"]),
    ("shorten the whole thing to 15 seconds", ["SetLength"]),
    ("can you make it longer, 45 seconds", ["SetLength"]),
    ("make it 9:16", ["Reframe"]),
    ("make it vertical for tiktok", ["Reframe"]),
    ("I need a square version", ["Reframe"]),
    ("turn it into a portrait video for reels", ["Reframe"]),
    ("remove shot 2", ["RemoveShot"]),
    ("cut the second shot", ["RemoveShot"]),
    ("get rid of the last shot", ["RemoveShot"]),
    ("delete the first scene", ["RemoveShot"]),
    ("swap shots 1 and 2", ["SwapShots"]),
    ("switch the order of the first two shots", ["SwapShots"]),
    ("move shot 3 to the beginning", ["MoveShot"]),
    ("put the beach shot first", ["MoveShot"]),
    ("trim shot 1 to 3 seconds", ["TrimShot"]),
    ("make the first shot shorter, about 4 seconds", ["TrimShot"]),
    ("add an end card: Thanks for watching", ["AddCard"]),
    ("end with a card saying 'See you soon'", ["AddCard"]),
    ("add a title card: A Dog's Day", ["AddCard"]),
    ("start with a title that reads Morning Walk", ["AddCard"]),
    ("add a scene where the dog sleeps on the sofa", ["AddScene"]),
    ("after the cafe, show the dog chasing a ball in the park", ["AddScene"]),
    ("add a shot of a bird flying over the beach", ["AddScene"]),
    ("replace shot 2 with a cat sitting at the cafe", ["ReplaceShot"]),
    ("the cafe scene should be at night", ["Restage|ReplaceShot"]),
    ("instead of the beach, have the dogs meet in the street", ["ReplaceShot|Restage"]),
    ("make the park shot rainy", ["Restage|ReplaceShot"]),
    ("remove shot 2, then make it 9:16", ["RemoveShot", "Reframe"]),
    ("make the dog look happier in the second half", []),
    ("add background music by Taylor Swift", []),
    ("make it look like a Pixar movie", []),
    ("change the voice to a British accent", []),
    ("make it better", []),
    ("slower, more cinematic opening", []),
]

# What a new or replaced shot must show, as synthworld reads its description.
NEW_SHOT_SHOWS = {
    "add a scene where the dog sleeps on the sofa": {"kind": "dog", "place": "living room"},
    "after the cafe, show the dog chasing a ball in the park": {"action": "chase"},
    "add a shot of a bird flying over the beach": {"kind": "bird", "place": "beach"},
    "replace shot 2 with a cat sitting at the cafe": {"kind": "cat", "place": "cafe"},
    "the cafe scene should be at night": {"time_of_day": "night", "place": "cafe"},
    "instead of the beach, have the dogs meet in the street": {"place": "street"},
    "make the park shot rainy": {"weather": "rain", "place": "park"},
}


def misses(operations: list, shows: dict[str, str], board) -> list[str]:
    """What the operations' new shots fail to show of `shows`, as synthworld reads them (a
    restaged shot: its scene on `board` in the new setting; its cast and action are kept)."""
    from videoagent.synthworld.prompt_parser import parse

    missed = []
    for operation in operations:
        if getattr(operation, "setting", None):
            scene = {**board.shots[operation.number - 1].scene, **dict(operation.setting)}
            seen = {key: {scene.get(key)} for key in ("place", "time_of_day", "weather")}
            shows = {key: value for key, value in shows.items() if key not in ("kind", "action")}
        elif getattr(operation, "description", None):
            spec = parse(operation.description).spec
            seen = {
                "place": {spec.place},
                "time_of_day": {spec.time_of_day},
                "weather": {spec.weather},
                "kind": {e.kind for e in spec.entities},
                "action": {e.action for e in spec.entities},
            }
        else:
            continue
        missed += [
            f"{key} {value}" for key, value in shows.items() if value not in seen.get(key, ())
        ]
    return missed


def matches(made: list[str], expected: list[str]) -> bool:
    """Whether the operations made are those expected ("A|B": either)."""
    return len(made) == len(expected) and all(
        name in wanted.split("|") for name, wanted in zip(made, expected, strict=True)
    )


@dataclass
class Tally:
    planned: int = 0
    asks: int = 0
    asks_met: int = 0
    requests: int = 0
    plan_seconds: list[float] = field(default_factory=list)
    right: int = 0
    refused_right: int = 0
    wrong: list[str] = field(default_factory=list)
    edit_seconds: list[float] = field(default_factory=list)
    tokens: int = 0
    model_seconds: float = 0.0


def shown(folder: Path) -> tuple[dict[str, set[str]], bool]:
    """What the chosen takes show, from their ground truth, and whether any shot said it could
    not show something."""
    renders = folder / "renders"  # an unverified video is judged by what it shows, too
    found = renders / "manifest.json"
    if not found.exists():
        found = renders / "manifest.unverified.json"
    manifest = json.loads(found.read_text("utf-8"))
    seen: dict[str, set[str]] = {
        k: set() for k in ("kinds", "actions", "places", "times", "weathers")
    }
    said_not = False
    for shot in manifest["shots"]:
        said_not |= bool(shot.get("could_not_show"))
        if shot.get("kind") != "generated" or not shot.get("chosen_take"):
            continue
        truth_file = (
            folder
            / "shots"
            / shot["id"]
            / "takes"
            / f"{int(shot['chosen_take']):02d}"
            / "clip.truth.json"
        )
        if not truth_file.exists():
            continue
        summary = json.loads(truth_file.read_text("utf-8"))["summary"]
        seen["places"].add(summary["place"])
        seen["times"].add(summary["time_of_day"])
        seen["weathers"].add(summary["weather"])
        for entity in summary["entities"]:
            seen["kinds"].add(entity["kind"])
            seen["actions"].update(entity["actions"])
    return seen, said_not


def run_requests(llm: str | None, requests: list[Asked], tally: Tally, work: Path) -> None:
    for number, asked in enumerate(requests):
        settings = AgentSettings(backend="procedural", llm_url=llm, narrate=False, music=False)
        request = Request.build(asked.text, mode=asked.mode, size="320x180")
        folder = work / f"{'llm' if llm else 'offline'}-{number:02d}"
        began = time.perf_counter()
        result = Agent(settings).make(request, folder)
        tally.requests += 1
        planner = result.manifest["planner"]
        tally.planned += planner.startswith("llm") if llm else 1
        tally.plan_seconds.append(
            result.manifest["timings_seconds"].get("planning", time.perf_counter() - began)
        )
        seen, said_not = shown(folder)
        wanted = [(k, v) for k in seen for v in getattr(asked, k)]
        met = [(k, v) for k, v in wanted if v in seen[k]]
        if asked.unshowable:
            wanted.append(("could_not_show", "said"))
            met += [("could_not_show", "said")] if said_not else []
        tally.asks += len(wanted)
        tally.asks_met += len(met)
        missing = sorted(set(wanted) - set(met))
        print(
            f"  {number + 1:2d} {'miss' if missing else 'ok  '} {asked.text[:60]!r} "
            f"{missing or ''}",
            flush=True,
        )


def run_edits(llm: str | None, edits: list[tuple[str, list[str]]], tally: Tally) -> None:
    request = Request.build(BASE)
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["procedural"])
    client = None
    if llm:
        from videoagent.llm.endpoint import chat_client
        from videoagent.plan.llm_edit import parse_edit_with_llm

        client = chat_client(llm)
    for text, expected in edits:
        began = time.perf_counter()
        try:
            try:
                operations = parse_edit(text, board, request)
            except UnclearRequest:
                if client is None:
                    raise
                operations = parse_edit_with_llm(text, board, request, client=client)
            made = [type(op).__name__ for op in operations]
        except (UnclearRequest, UsageError):
            made, operations = [], []
        tally.edit_seconds.append(time.perf_counter() - began)
        right = matches(made, expected)
        missed = misses(operations, NEW_SHOT_SHOWS.get(text, {}), board) if right else []
        if missed:
            tally.wrong.append(f"{text!r}: {made}, but the new shot lacks {', '.join(missed)}")
            verdict = "WRONG"
        elif right:
            if expected:
                tally.right += 1
            else:
                tally.refused_right += 1
            verdict = "ok  "
        else:
            tally.wrong.append(f"{text!r}: {made or 'refused'} (wanted {expected or 'a refusal'})")
            verdict = "WRONG"
        print(f"  {verdict} {text[:55]!r} → {made or 'refused'}", flush=True)
    if client is not None:
        tally.tokens += client.usage.tokens
        tally.model_seconds += client.usage.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--llm", default="local", help="the model to compare with the rules (rules: none)"
    )
    parser.add_argument("--limit", type=int, default=None, help="the first N of each set")
    parser.add_argument("--only", choices=("requests", "edits"), default=None)
    args = parser.parse_args()
    os.environ.setdefault("VIDEOAGENT_CACHE", tempfile.mkdtemp(prefix="planner-quality-"))
    requests, edits = REQUESTS[: args.limit], EDITS[: args.limit]
    tallies = {}
    with tempfile.TemporaryDirectory() as tmp:
        planners = [("offline", None)] + ([] if args.llm == "rules" else [(args.llm, args.llm)])
        for name, llm in planners:
            tally = tallies[name] = Tally()
            if args.only != "edits":
                print(f"{name}: {len(requests)} requests", flush=True)
                run_requests(llm, requests, tally, Path(tmp))
            if args.only != "requests":
                print(f"{name}: {len(edits)} edits", flush=True)
                run_edits(llm, edits, tally)
    print(f"\nCPU: {cpu_description()}")
    print(f"{'':24s}" + "".join(f"{name:>18s}" for name in tallies))

    def row(label: str, value) -> None:
        print(f"{label:24s}" + "".join(f"{value(t):>18s}" for t in tallies.values()))

    if args.only != "edits":
        row("requests planned", lambda t: f"{t.planned}/{t.requests}")
        row("asks met", lambda t: f"{t.asks_met}/{t.asks} ({t.asks_met / max(t.asks, 1):.0%})")
        row("s per plan (median)", lambda t: f"{statistics.median(t.plan_seconds):.2f}")
    if args.only != "requests":
        n = len(edits)
        row("edits right", lambda t: f"{t.right}/{sum(1 for _, e in edits if e)}")
        row("refused right", lambda t: f"{t.refused_right}/{sum(1 for _, e in edits if not e)}")
        row("edits wrong", lambda t: f"{len(t.wrong)}/{n}")
        row("s per edit (median)", lambda t: f"{statistics.median(t.edit_seconds):.2f}")
    row(
        "tokens/s (edits)",
        lambda t: f"{t.tokens / t.model_seconds:.1f}" if t.model_seconds else "-",
    )
    for name, tally in tallies.items():
        for wrong in tally.wrong:
            print(f"  {name} wrong: {wrong}")


if __name__ == "__main__":
    main()
