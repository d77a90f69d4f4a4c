"""Planning context size as a project grows from 1 to 10 minutes, packed and naive.

Plans the README's dog request at one minute, then grows it a minute at a time the way
`videoagent edit … "make this N minutes"` does: each minute is planned by the continuation
planner from the packed context. Nothing is generated (sizes do not depend on pixels), so
this runs in seconds. Prints, per length: shots, packed context tokens, what putting the
whole history in full would cost, and the packing budget.

    python benchmarks/context_growth.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import time

from videoagent.agent.planning import draft_bible, draft_storyboard, write_prompts
from videoagent.memory.context import BUDGET_TOKENS, pack
from videoagent.memory.continuation import plan_continuation
from videoagent.plan.brief import make_brief
from videoagent.plan.offline_planner import shot_seed
from videoagent.plan.request import Request

DOG = "a video of a dog going on a walk, sniffing around, getting a pup cup, meeting a friend"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10)
    args = parser.parse_args()
    request = Request.build(DOG, duration=60)
    brief = make_brief(request)
    bible = draft_bible(brief)
    board, _ = draft_storyboard(request, brief, bible, pool=["procedural"])
    write_prompts(board, ["procedural"], style=brief.style, bible=bible)
    minute = request.rate.frames(60)
    print(
        f"{'minutes':>7} {'shots':>6} {'packed tokens':>14} {'naive tokens':>13} "
        f"{'budget':>7} {'pack ms':>8}"
    )
    largest = 0
    for minutes in range(1, args.minutes + 1):
        began = time.perf_counter()
        context = pack(request.text, bible.to_dict(), board)
        packing_ms = (time.perf_counter() - began) * 1000
        largest = max(largest, context.size)
        print(
            f"{minutes:>7} {len(board.shots):>6} {context.size:>14} {context.naive_size:>13} "
            f"{BUDGET_TOKENS:>7} {packing_ms:>8.1f}"
        )
        if minutes == args.minutes:
            break
        new = plan_continuation(
            context,
            brief,
            bible,
            frames=minute,
            fps=float(request.rate.fps),
        )
        for shot in new:
            shot.id = board.next_id()
            shot.seed = shot_seed(request.seed, shot.number)
            board.shots.append(shot)
        board.target_frames += minute
        board.renumber()
        write_prompts(board, ["procedural"], style=brief.style, bible=bible)
    print(
        f"largest packed context: {largest} tokens (budget {BUDGET_TOKENS}); bible "
        f"{len(bible.entities)} entities, always included in full"
    )


if __name__ == "__main__":
    main()
