"""How well a recognizer (our judge) reads synthworld frames it never trained on, class by class.

For each recognizer given, on the held-out split of a synthworld dataset (scene combinations
its training never saw): per kind and per action, how many frames truly show it, recall and
precision (a class counts where its chance is 0.5 or more); micro F1 and whole-set accuracy
of the two several-at-once heads; top-1 of place, time of day and weather. Labels are the
training's own (`nn/recognizer_labels.py`: at least 40% of an entity in the picture and
16 px of box at 112x64). A recognizer that reads motion (`--motion-seconds` in training)
reads each frame with an earlier one, so every recognizer is read on the frames from the
first that has one on. The asks of a video made with our own model are only as good as
these readings (`evaluate/asks_shown.py`).

    videoagent dataset synthworld --out data/synthworld-judge --train 32000 --heldout 400 --frames 6
    python benchmarks/recognizer_quality.py --data data/synthworld-judge \\
        --recognizer src/videoagent/nn/weights/recognizer.pt runs/recognizer.pt
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch
from machine import cpu_description

from videoagent.evaluate.recognized import RECOGNIZER
from videoagent.nn import checkpoint
from videoagent.nn.recognizer import HEADS
from videoagent.nn.recognizer_labels import split_labels
from videoagent.nn.train_recognizer import accuracy, dataset_gap, flat_labels, predictions
from videoagent.synthworld.dataset import SynthworldDataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a built synthworld dataset")
    parser.add_argument("--recognizer", type=Path, nargs="+", default=[RECOGNIZER])
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    _, held_out = SynthworldDataset.splits(args.data)
    frames, labels = held_out.all_frames(), split_labels(held_out.rows)
    models = {}
    for path in args.recognizer:
        model, _ = checkpoint.load(path)
        models[path] = model.eval()
    gaps = {path: dataset_gap(model, held_out) for path, model in models.items()}
    # Every one reads the frames from the first that each has all its earlier frames for.
    first = max(gaps[path] * model.config.earlier_frames for path, model in models.items())
    read = {path: predictions(m, frames, gaps[path], first) for path, m in models.items()}
    truths = flat_labels(labels, first)
    print(f"# {cpu_description()}")
    print(f"{len(truths['kinds'])} held-out frames of {args.data}\n")
    names = " | ".join(f"{p.name}: recall / precision" for p in models)
    for head in ("kinds", "actions"):
        print(f"| {head} | frames showing it | {names} |")
        print("|---|---|" + "---|" * len(models))
        truth = truths[head] == 1
        for index, name in enumerate(HEADS[head][0]):
            shows = truth[:, index]
            if not shows.any():
                continue  # the held-out combinations never show it
            cells = []
            for chances in read.values():
                said = chances[head][:, index] >= 0.5
                hits = (said & shows).sum()
                cells.append(f"{hits / shows.sum():.2f} / {hits / max(said.sum(), 1):.2f}")
            print(f"| {name} | {shows.sum()} | {' | '.join(cells)} |")
        print()
    print("| head | " + " | ".join(p.name for p in models) + " |")
    print("|---|" + "---|" * len(models))
    scores = {p: accuracy(m, frames, labels, gaps[p], first) for p, m in models.items()}
    for head, (_, several) in HEADS.items():
        if several:
            cells = [
                f"micro F1 {s[head]['micro_f1']:.2f}, whole set {s[head]['exact_set']:.0%}"
                for s in scores.values()
            ]
        else:
            cells = [f"top-1 {s[head]['top1']:.1%}" for s in scores.values()]
        print(f"| {head} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
