"""The `fake` generator: a cheap moving test pattern, with faults injected on demand.

Extend carries on from the given clip's last frame (the bar moves on over it), so a chain
of extensions shows no cut where its takes join.

Faults are keyed by the shot id at the start of a request's label ("shot-02 take 1") and
used up one per attempt, so `{"shot-02": ["black"]}` spoils only shot 2's first take.
Set them in code or with VIDEOAGENT_FAKE_FAULTS="shot-02:black,shot-03:error+error".
Kinds: black, frozen, short (wrong duration), error (raises), slow (sleeps 2 s first),
held (waits until the `release` event given to the generator is set: a test decides when
the take finishes, and sees the run while it is made; at most `HELD_AT_MOST` seconds).
"""

from __future__ import annotations

import collections
import os
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from videoagent.errors import GenerationError, UsageError
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.media.frames import iter_frames
from videoagent.media.writer import Mp4Writer

FAULTS = ("black", "frozen", "short", "error", "slow", "held")
HELD_AT_MOST = 120.0


def parse_faults(text: str) -> dict[str, list[str]]:
    """ "shot-02:black,shot-03:error+error" → {"shot-02": ["black"], "shot-03": [...]}."""
    faults: dict[str, list[str]] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        shot, _, kinds = item.partition(":")
        for kind in kinds.split("+"):
            if kind not in FAULTS:
                raise UsageError(f"unknown fake fault {kind!r} in {text!r}; use {FAULTS}")
            faults.setdefault(shot, []).append(kind)
    return faults


class FakeGenerator(Generator):
    """Moving bars plus the prompt's first words; faults on request."""

    name = "fake"

    def __init__(
        self,
        faults: dict[str, list[str]] | None = None,
        release: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self._release = release
        if faults is None:
            faults = parse_faults(os.environ.get("VIDEOAGENT_FAKE_FAULTS", ""))
        self._faults = {shot: list(kinds) for shot, kinds in faults.items()}
        self._lock = threading.Lock()
        self.calls: list[GenerationRequest] = []

    def _next_fault(self, label: str) -> str | None:
        shot = label.split()[0] if label else ""
        with self._lock:
            pending = self._faults.get(shot)
            return pending.pop(0) if pending else None

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        with self._lock:
            self.calls.append(request)
        fault = self._next_fault(request.label)
        if fault == "error":
            raise GenerationError(f"fake backend: injected error on {request.label}")
        if fault == "slow":
            time.sleep(2.0)
        if fault == "held":
            if self._release is None:
                raise UsageError("fake backend: a held take needs the release event")
            self._release.wait(HELD_AT_MOST)
        frames = max(request.frames // 2, 1) if fault == "short" else request.frames
        width, height = request.width, request.height
        card = Image.new("RGB", (width, height), (30, 34, 48))
        ImageDraw.Draw(card).text(
            (width / 2, height / 2),
            request.prompt[:48],
            fill=(240, 240, 240),
            font=ImageFont.load_default(size=max(height // 18, 8)),
            anchor="mm",
        )
        base = np.asarray(card).copy()
        if request.mode == "extend" and request.references:
            base = _last_frame(Path(request.references[0]), width, height)
        with Mp4Writer(
            output, size=(width, height), rate=request.rate, frames=frames, cuts=request.cuts
        ) as writer:
            for index in range(frames):
                if fault == "black":
                    writer.write(np.zeros((height, width, 3), np.uint8))
                    continue
                frame = base.copy()
                if fault != "frozen":
                    x = int((index * 7 + request.seed * 13) % width)
                    frame[:, max(x - 12, 0) : x] = (220, 120, 40)
                writer.write(frame)
        return self.finished(request, output, {"fault": fault} if fault else {})


def _last_frame(clip: Path, width: int, height: int) -> np.ndarray:
    """The last frame of `clip`, at the asked size."""
    last = collections.deque(iter_frames(clip), maxlen=1)
    if not last:
        raise GenerationError(f"fake backend: {clip} has no frames to extend")
    return np.asarray(Image.fromarray(last[0]).resize((width, height)))
