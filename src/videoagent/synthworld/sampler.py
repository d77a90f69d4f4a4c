"""Random scenes for training data, with combinations held out for testing generalisation.

A scene is drawn from a few patterns a video model must learn (one subject acting, two
creatures meeting, a chase, a hand-over, a car, a bird, a ball rolling), in any place,
light, weather, framing and colours; one subject acting may have a ball lying nearby, so a
ball in the picture is not always a chase. Some (subject, place, time of day) combinations
are held out: training never shows them, though it shows every word in them (e.g. cats,
beaches and nights, but never a cat at the beach at night), so the held-out split measures
composition, not recall.

Every scene is returned in canonical form: the scene its own dense caption parses back to,
so the pair (caption, frames) is exactly what the model will be asked for at run time.
"""

from __future__ import annotations

import itertools

import numpy as np

from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.spec import EntitySpec, SceneSpec

Triple = tuple[str, str, str]  # subject kind, place, time of day
ALWAYS_HELD_OUT: tuple[Triple, ...] = (("cat", "beach", "night"), ("dog", "city", "sunset"))
HELD_OUT_SHARE = 0.1
SOLO_ACTIONS = ("walk", "run", "sit", "sniff", "jump", "wag", "stand")
PATTERNS = ("solo", "solo", "solo", "meet", "chase", "give", "drive", "fly", "roll")
BALL_NEARBY_SHARE = 0.25  # of scenes of one subject acting
SCENERY = ("tree", "bench", "house", "sign", "cafe stand")


def held_out_triples(seed: int = 0) -> frozenset[Triple]:
    """The (subject, place, time) combinations training never sees."""
    triples = list(itertools.product(vocab.LEARNT_CREATURES, vocab.LEARNT_PLACES, vocab.TIMES))
    rng = np.random.default_rng(seed)
    count = round(len(triples) * HELD_OUT_SHARE)
    chosen = {triples[i] for i in rng.choice(len(triples), size=count, replace=False)}
    return frozenset(chosen | set(ALWAYS_HELD_OUT))


def _colour(rng: np.random.Generator, avoid: set[str] = frozenset()) -> str:
    choices = [c for c in vocab.COLOURS if c not in avoid]
    return str(rng.choice(choices))


def _entities(pattern: str, subject: str, rng: np.random.Generator) -> list[EntitySpec]:
    colour = _colour(rng)
    if pattern == "meet":
        other = str(
            rng.choice(
                [k for k in vocab.LEARNT_CREATURES if k in vocab.ACTIONS["meet"] and k != "person"]
                + [subject]
            )
        )
        return [
            EntitySpec(subject, colour, "meet", target=1),
            EntitySpec(other, _colour(rng, {colour}), "meet", target=0),
        ]
    if pattern == "chase":
        return [EntitySpec(subject, colour, "chase", target=1), EntitySpec("ball", _colour(rng))]
    if pattern == "give":
        return [
            EntitySpec("person", _colour(rng), "give", target=1),
            EntitySpec("cup", _colour(rng)),
            EntitySpec(subject, colour, "eat" if subject != "person" else "stand"),
        ]
    if pattern == "drive":
        return [EntitySpec("car", colour, "drive")]
    if pattern == "fly":
        return [EntitySpec("bird", colour, "fly")]
    if pattern == "roll":
        return [EntitySpec("ball", colour, "roll")]
    actions = [a for a in SOLO_ACTIONS if subject in vocab.ACTIONS[a]]
    return [EntitySpec(subject, colour, str(rng.choice(actions)))]


def _subject_for(pattern: str, rng: np.random.Generator) -> str:
    if pattern == "drive":
        return "car"
    if pattern == "fly":
        return "bird"
    if pattern == "roll":
        return "ball"
    able = {"meet": "meet", "chase": "chase", "give": "eat"}.get(pattern)
    kinds = [k for k in vocab.LEARNT_CREATURES if able is None or k in vocab.ACTIONS[able]]
    if pattern == "give":  # a treat is handed to an animal (people learnt no eating)
        kinds = [k for k in kinds if k != "person"]
    return str(rng.choice(kinds))


def sample_scene(
    rng: np.random.Generator, held_out: frozenset[Triple], *, split: str = "train"
) -> SceneSpec:
    """One canonical scene: a training scene never has a held-out triple; a held-out
    scene always has one."""
    while True:
        pattern = str(rng.choice(PATTERNS))
        if split == "heldout":
            subject, place, time_of_day = sorted(held_out)[rng.integers(len(held_out))]
            if pattern in ("drive", "fly", "roll") or (pattern != "solo" and subject == "bird"):
                pattern = "solo" if subject != "bird" else "fly"
            if pattern == "give" and subject == "person":
                pattern = "solo"
        else:
            subject = _subject_for(pattern, rng)
            place, time_of_day = str(rng.choice(vocab.LEARNT_PLACES)), str(rng.choice(vocab.TIMES))
        entities = _entities(pattern, subject, rng)
        if rng.random() < 0.4 and pattern in ("solo", "meet"):
            entities.append(EntitySpec(str(rng.choice(SCENERY)), _colour(rng)))
        if pattern == "solo" and rng.random() < BALL_NEARBY_SHARE:
            entities.append(EntitySpec("ball", _colour(rng, {entities[0].colour})))
        weather = str(rng.choice(vocab.WEATHERS, p=(0.6, 0.2, 0.2)))
        scene = SceneSpec(
            place=place,
            time_of_day=time_of_day,
            weather=weather,
            camera=str(rng.choice(vocab.CAMERAS)),
            shot_size=str(rng.choice(vocab.SHOT_SIZES)),
            entities=tuple(entities),
        )
        canonical = parse(caption(scene)).spec
        if not canonical.drawable or parse(caption(canonical)).spec != canonical:
            continue  # only scenes whose caption reads back as exactly themselves
        triple = (canonical.drawable[0].kind, canonical.place, canonical.time_of_day)
        if (triple in held_out) == (split == "heldout"):
            return canonical
