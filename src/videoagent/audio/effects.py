"""Sound effects on the picture's events: footfalls, landings and fireworks' bangs,
synthesised here (short shaped noise and falling tones, so nothing needs a licence), placed
so each sound starts on its event's exact time.

Events come from a take's ground truth where the backend gives one (synthworld); for other
backends they are worked out from the storyboard: the shot's scene is choreographed as
synthworld would and its events taken at those times (the picture may not follow them)."""

from __future__ import annotations

import math
import zlib
from pathlib import Path

import numpy as np

from videoagent.audio import RATE
from videoagent.audio.mix import Layer
from videoagent.plan.storyboard import Storyboard
from videoagent.store.truth_file import read_truth
from videoagent.synthworld.choreography import Choreography
from videoagent.synthworld.events import sound_events
from videoagent.timeline.model import Timeline

# Closer shots sound closer.
DISTANCE_DB = {"wide": -9.0, "medium": -4.0, "close-up": 0.0}
# How big a footfall sounds: (length in seconds, low-pass strength, loudness).
FEET = {
    "person": (0.09, 0.55, 0.5),
    "dog": (0.05, 0.35, 0.32),
    "cat": (0.04, 0.25, 0.2),
    "fox": (0.04, 0.3, 0.22),
    "wolf": (0.05, 0.35, 0.32),
    "bear": (0.09, 0.65, 0.5),
    **dict.fromkeys(("lion", "tiger", "panda"), (0.07, 0.6, 0.4)),
    "elephant": (0.14, 0.8, 0.75),  # a heavy, dull thud
    **dict.fromkeys(("squirrel", "mouse", "hamster"), (0.02, 0.25, 0.08)),
    "rabbit": (0.03, 0.3, 0.12),
    "penguin": (0.03, 0.2, 0.14),  # a soft pat
    # Hooves: short and bright, a horse's loudest.
    **dict.fromkeys(("horse", "zebra"), (0.05, 0.12, 0.6)),
    **dict.fromkeys(("deer", "cow", "sheep", "goat", "pig", "giraffe"), (0.04, 0.15, 0.36)),
}


def _lowpassed_noise(n: int, smooth: float, rng: np.random.Generator) -> np.ndarray:
    """Noise through a one-pole low-pass (y += (x - y)(1 - smooth)): a soft, dull scuff.
    The filter is applied as its impulse response, (1 - smooth)·smooth^k, cut where it
    falls under 1e-9: a few dozen taps, one vectorised convolution."""
    noise = rng.standard_normal(n)
    taps = math.ceil(math.log(1e-9) / math.log(smooth)) if 0 < smooth < 1 else 1
    kernel = (1 - smooth) * smooth ** np.arange(taps)
    out = np.convolve(noise, kernel)[:n]
    return out / (np.abs(out).max() or 1.0)


def effect_sound(kind: str, entity_kind: str, rng: np.random.Generator) -> np.ndarray:
    """One effect, mono float32, loud from its first millisecond (its onset is its start)."""
    if kind == "bang":  # a deep boom, and the crackle of the sparks dying away
        n = round(1.1 * RATE)
        t = np.arange(n) / RATE
        boom = np.sin(2 * np.pi * (36 + 70 * np.exp(-t * 16)) * t) * np.exp(-t * 5)
        crackle = _lowpassed_noise(n, 0.15, rng) * np.exp(-t * 3.5)
        flicker = rng.random(n) < 0.004  # sparse pops
        pops = np.convolve(flicker.astype(float), np.exp(-np.arange(60) / 8))[:n]
        sound = 0.75 * boom + 0.25 * crackle * (0.3 + pops.clip(0, 1))
    elif kind == "land":
        n = round(0.16 * RATE)
        t = np.arange(n) / RATE
        thud = np.sin(2 * np.pi * (45 + 90 * np.exp(-t * 25)) * t) * np.exp(-t * 22)
        body = 0.3 * _lowpassed_noise(n, 0.6, rng) * np.exp(-t * 40)
        sound = 0.7 * thud + body
    else:
        length, smooth, loudness = FEET.get(entity_kind, FEET["dog"])
        n = round(length * RATE)
        t = np.arange(n) / RATE
        sound = loudness * _lowpassed_noise(n, smooth, rng) * np.exp(-t / (length / 4))
    # A 4 ms rise: sharp enough to place (a fifth of full level within a millisecond),
    # smooth enough that the AAC encoder does not overshoot it into a clipped peak.
    attack = min(RATE // 250, len(sound))
    sound[:attack] *= np.linspace(0.0, 1.0, attack) ** 0.5
    return sound.astype(np.float32)


def shot_events(shot, take: Path | None, fps: float) -> tuple[list[dict], str]:
    """A shot's events (take times, seconds) and where they came from."""
    truth = read_truth(take) if take is not None else None
    if truth is not None and "events" in truth:
        return truth["events"], "ground truth"
    spec = shot.scene_spec
    if spec is None:
        return [], "none"
    duration = (shot.source_frames or shot.frames) / fps
    events = [e.to_dict(fps) for e in sound_events(Choreography(spec, duration))]
    return events, "storyboard"


def effect_layers(
    timeline: Timeline, board: Storyboard, takes: dict[str, Path], *, seed: int = 0
) -> tuple[list[Layer], dict]:
    """Layers of effects placed on their events within each shot's cut, and a summary."""
    fps = float(timeline.rate.fps)
    variants: dict[tuple[str, str], list[np.ndarray]] = {}
    layers: list[Layer] = []
    sources: dict[str, int] = {}
    for index, shot in enumerate(board.shots):
        if shot.kind != "generated":
            continue
        events, source = shot_events(shot, takes.get(shot.id), fps)
        cut_in = shot.source_in / fps  # where the cut starts in the take, seconds
        cut_out = cut_in + shot.frames / fps
        start = float(timeline.rate.seconds(timeline.clip_start(index)))
        gain = DISTANCE_DB.get(shot.shot_size, -4.0)
        # Each shot draws its variants from its own seed: a new take of one shot leaves
        # every other shot's sounds as they were.
        rng = np.random.default_rng([seed, zlib.crc32(shot.id.encode())])
        for event in events:
            if not cut_in <= event["time"] < cut_out:
                continue
            at = start + event["time"] - cut_in
            # A few variants of each sound, taken in turn at random: no machine-gun repeats.
            sound_of = (event["kind"], event["entity_kind"])
            if sound_of not in variants:  # made from their own seed, whichever shot needs them
                made_by = np.random.default_rng([seed, zlib.crc32("/".join(sound_of).encode())])
                variants[sound_of] = [effect_sound(*sound_of, made_by) for _ in range(4)]
            pool = variants[sound_of]
            sound = pool[int(rng.integers(len(pool)))]
            layers.append(
                Layer(
                    f"{event['kind']} {shot.id}",
                    "effect",
                    sound,
                    at,
                    gain,
                    meta={
                        "shot": shot.id,
                        "kind": event["kind"],
                        "visual_frame": timeline.clip_start(index)
                        + event["frame"]
                        - shot.source_in,
                    },
                )
            )
            sources[source] = sources.get(source, 0) + 1
    return layers, {"placed": len(layers), "from": sources}
