"""Staging: turn one beat into a scene the world can show, with the bible's cast.

Deterministic rules a director would apply: "meeting a friend" brings a second one of the
protagonist's kind; "getting a pup cup" brings someone who hands it over, usually at a café;
each action has a natural framing. What the world cannot draw stays, as a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from videoagent.plan.beats import (
    FIRST_PERSON,
    companions_of,
    drawable,
    is_plural,
    lead_of,
    names_subject,
    only_a_drink,
    only_food,
    opens_with_companion,
    plural,
    singular,
    third_person,
    without_relative_clause,
    without_subject,
)
from videoagent.plan.bible import Bible, BibleEntity
from videoagent.plan.brief import WATCHING_THE_WEATHER, Brief, _named
from videoagent.plan.journey import without_destinations, without_whens
from videoagent.plan.referents import with_referents
from videoagent.plan.request import NUMBER_WORDS
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.articles import a_or_an
from videoagent.synthworld.choreography import SEATS
from videoagent.synthworld.prompt_parser import (
    brought_by_occasions,
    makes_a_drink,
    names_the_fire,
    parse,
)
from videoagent.synthworld.spec import EntitySpec, SceneSpec

# What may come before a name: "a dog", "his dog".
OPENING_WORDS = {"a", "an", "the", "one", "two", "three", "four", "some", "his", "her", "their"}
# What may come before a name, saying whose or how many ("my dog", "several birds").
_BEFORE_A_NAME = OPENING_WORDS | {"my", "our", "your", "its", "several", "many", "few", "both"}
_BEFORE_A_NAME |= set(NUMBER_WORDS)
FRIEND_WORDS = {"friend", "friends", "buddy", "pal", "companion", "another", "mate"}
RECEIVE_WORDS = {
    "getting",
    "gets",
    "get",
    "receives",
    "receiving",
    "given",
    "buys",
    "buying",
    "orders",
    "ordering",
    "treated",
    "earns",
    "wins",
}
# Friends a subject of two are with each other: "a dog and a cat become friends".
_EACH_OTHERS = re.compile(
    r"\b(?:become|became|becoming|are|were|make|made)\s+(?:best\s+)?friends\b(?!\s+with\s+(?:a|an|the)\b)",
    re.IGNORECASE,
)
_FRIENDS_WITH = re.compile(r"\bfriends?\s+with\s+(?:a|an|the|another)\s+(?:\w+\s+)?(\w+)", re.I)


def _befriended(beat: str, entities: list[EntitySpec]) -> int | None:
    """Where in `entities` is the one the lead makes friends with ("makes friends with a
    cat"), if the beat says so and it can meet."""
    said = _FRIENDS_WITH.search(beat)
    if said is None:
        return None
    kind = vocab.KIND_SYNONYMS.get(said[1].lower(), said[1].lower())
    return next(
        (
            i
            for i, e in enumerate(entities)
            if i and e.kind == kind and kind in vocab.ACTIONS["meet"]
        ),
        None,
    )


# Standing said ("a goat stands on the hill"), or waiting ("a man waiting under a street
# lamp"): it keeps still there, not going about (not "stand": a lemonade stand is a thing).
STOOD = frozenset(("stands", "standing", "stood", "wait", "waits", "waiting", "waited"))
# Where one doing nothing said sits ("an old man on a bench", "drinks it on the sofa").
_SEATED = re.compile(
    r"\bon (?:a|an|the|his|her|its|their|my) (?:\w+ )?"
    r"(?:bench|sofa|couch|bed|chair|armchair|seat|blanket|porch|steps?|windowsill)\b",
    re.IGNORECASE,
)
# What a lead does on a seat it had a beat before: sitting, asleep, reading, eating.
_ON_A_SEAT = ("sit", "sleep", "read", "eat")
# Natural framing (shot size, camera move) for what the subject does.
FRAMING = {
    "walk": ("wide", "track"),
    "run": ("wide", "track"),
    "chase": ("wide", "track"),
    "sniff": ("medium", "static"),
    "eat": ("medium", "static"),
    "meet": ("medium", "static"),
    "sit": ("close-up", "static"),
    "perch": ("wide", "static"),  # the tree, and its branch (closer in its other shots)
    "sleep": ("close-up", "static"),
    "bloom": ("close-up", "static"),
    "wag": ("close-up", "static"),
    "jump": ("wide", "static"),
    "stand": ("medium", "zoom in"),
    "hold": ("medium", "static"),
    "give": ("medium", "static"),
    "fly": ("wide", "pan"),
    "drive": ("wide", "pan"),
    "roll": ("wide", "track"),
    "skate": ("wide", "track"),
    "scoot": ("wide", "track"),
    "steer": ("wide", "track"),
    "propose": ("medium", "static"),
    "talk": ("medium", "static"),
    "play": ("medium", "static"),
    "sing": ("medium", "static"),
    "howl": ("wide", "static"),  # under the night sky, its moon
    "sled": ("wide", "track"),
    "climb": ("wide", "static"),  # the whole tree, up which they go
    "knock": ("medium", "static"),
    "mow": ("medium", "track"),
    "chop": ("medium", "static"),
    "shovel": ("medium", "static"),
    "roast": ("medium", "static"),
    "slice": ("close-up", "static"),  # the knife at the board, a hand on what it cuts
    "decorate": ("medium", "static"),  # the whole tree, whoever is at it
    "knit": ("medium", "static"),  # the needles, what hangs from them, the yarn's ball
    "roar": ("medium", "static"),  # the jaw dropping open, and whoever it calls out at
    "brush": ("close-up", "static"),  # the toothbrush at the mouth, the foam
    "comb": ("close-up", "static"),  # the hairbrush down the hair
    "hula": ("medium", "static"),  # the hoop round the waist
    "shave": ("close-up", "static"),  # the razor, the foam on the jaw
    "wriggle": ("medium", "static"),  # on its back, legs in the air
    "exercise": ("medium", "static"),  # the whole plank, from the toes to the head
    "wash": ("medium", "static"),  # at the sink, the plate, the suds
    "vacuum": ("medium", "static"),  # the vacuum cleaner pushed to and fro
    "bathe": ("medium", "static"),  # the tub, its bubbles, the one in it
    "scrub": ("medium", "static"),  # the tub, the one in it, the one kneeling by it
    "seesaw": ("wide", "static"),  # the whole plank, an end going up as the other comes down
    "slide": ("wide", "static"),  # its ladder and its chute, the whole turn
    "build": ("medium", "static"),
    "crawl": ("medium", "track"),
    "tug": ("medium", "static"),
    "water": ("medium", "static"),
    "takeoff": ("wide", "track"),
    "land": ("wide", "track"),
    "splash": ("medium", "static"),
    "stretch": ("medium", "static"),
    "skip": ("medium", "static"),
    "swing": ("wide", "static"),  # the frame and the arc of its seat
    "push": ("wide", "static"),
    "dig": ("medium", "static"),
    "toss": ("wide", "static"),  # both ends in the picture
    "rally": ("wide", "static"),
    "surf": ("wide", "track"),
    "ski": ("wide", "track"),
    "stroll": ("wide", "track"),
    # riding goes somewhere: followed, wide enough for the horse, the bike, the boat
    "ride": ("wide", "track"),
    "cycle": ("wide", "track"),
    "row": ("wide", "track"),
    "swim": ("medium", "track"),
    "read": ("close-up", "static"),
}
# The framing of a lead too small to be seen in a wide shot: followed, closer.
SMALL_LEADS = dict.fromkeys(vocab.SMALL_FLIERS, ("medium", "track"))
# Words that take a beat out of the house, where it names no place.
_OUT_OF_DOORS = re.compile(r"\b(?:outside|outdoors|out of doors)\b", re.IGNORECASE)
# A dog is walked out of doors, where no place is said ("wakes up, then walks the dog").
_WALKS_A_DOG = re.compile(
    r"\bwalk(?:s|ing|ed)? (?:the|a|his|her|their|my|our) (?:\w+ )?(?:dog|dogs|puppy)\b",
    re.IGNORECASE,
)
# What a friend does along with the lead, where the beat tells no meeting.
TOGETHER = ("walk", "run", "sit", "jump", "sniff", "talk")
OTHER_COLOURS = ("grey", "white", "black", "golden", "brown", "orange")


@dataclass
class Staged:
    """A staged beat: the scene and the bible ids of its entities, in the same order."""

    scene: SceneSpec
    cast: list[str]
    left_out: list[str]  # what of the beat the world has no drawing nor stand-in for


def left_out_notes(left_out: dict[str, list[str]]) -> list[str]:
    """What to say of each beat's words synthworld has no drawing for ("dancing"): said,
    not dropped in silence (a model that reads the caption may still draw them)."""
    return [
        f"{beat!r}: synthworld has no drawing for {', '.join(words)}; "
        "where it draws the shot, that is left out"
        for beat, words in left_out.items()
    ]


def _said_young(called: str, subject: str) -> bool:
    """Whether what the request calls the lead names a child ("kid", "little girl"), as
    the `subject` says it ("a boy and his dad": a boy with a parent)."""
    words = called.lower().split()
    said = subject.lower().split()
    if words and words[-1] in said:
        return vocab.is_child(said, said.index(words[-1]))
    return bool(words) and vocab.is_child(words, len(words) - 1)


def protagonist(brief: Brief, bible: Bible) -> BibleEntity | None:
    if brief.subject_kind is None:
        return None
    colour = brief.subject_colour or "brown"
    called = _called(brief.subject)
    return bible.add(
        BibleEntity(
            id=brief.subject_kind,
            kind=brief.subject_kind,
            colour=colour,
            role="protagonist",
            description=_followed(called or brief.subject_kind, colour, brief.subject_kind),
            called=called,
        )
    )


def _called(subject: str) -> str:
    """What the request calls its lead, less the words before a name: "old man" of "an
    old man", "dog" of "my dog's day"; of a lead of several, one of them ("swan" of "two
    swans"); "" of people named together ("a couple"), none of whom it names."""
    words = lead_of(subject).split()
    while words and words[0].lower() in _BEFORE_A_NAME:
        words.pop(0)
    if not words or words[-1].lower() in ("couple", "family", "group", *FIRST_PERSON):
        return ""
    noun = words[-1].removesuffix("'s").removesuffix("’s")
    return " ".join([*words[:-1], singular(noun) if is_plural(lead_of(subject)) else noun])


def _followed(called: str, colour: str, kind: str) -> str:
    """ "the brown dog the story follows" of "dog", "the cute brown puppy …" of "cute
    puppy", "the old man the story follows, dressed in blue" of "old man"; the words as
    they are where they name the colour ("golden retriever")."""
    words = called.split()
    if colour in (w.lower() for w in words):
        return f"the {called} the story follows"
    if kind == "person":
        return f"the {called} the story follows, dressed in {colour}"
    return f"the {' '.join([*words[:-1], colour, words[-1]])} the story follows"


def _as_said(kind: str, subject: str) -> str:
    """The lead's kind in the number the request says it: "dogs" of "two dogs playing" (so
    that they play together, not each with a ball), else "dog"; or the name it is called
    by where that says what it does ("the cyclist": riding a bike, unless a beat says)."""
    named = lead_of(subject).lower().split()[-1:] if subject else []
    if named and (named[0] in vocab.DOING_AS_NAMED or named[0] in vocab.WORKPLACES):
        return named[0]  # (a barista chatting with customers does so at work, standing)
    if not is_plural(lead_of(subject)):
        return kind
    return plural(kind)  # "people", "wolves"


def _done_at(words: str) -> str | None:
    """What those at an occasion `words` name do where the beat does not say: what it is
    ("a dance party": they dance), else they stand about (at a birthday party, not walking
    by). None where they name no occasion."""
    said = words.lower().replace("'s", "").split()
    if not set(said) & set(vocab.OCCASIONS):
        return None
    done = (vocab.ACTION_SYNONYMS.get(w) for w in said)
    return next((a for a in done if a is not None), "stand")


def _own_subject(beat: str, lead: str) -> bool:
    """Whether the beat opens with something other than the lead doing something, and
    names no lead ("a cat sits on the beach" or "a car drives past" in a film about a dog;
    not "chasing a cat", nor "and a dog walking", which go on from the lead)."""
    entities = parse(beat).spec.entities
    if not entities:
        return False
    first = entities[0]
    words = beat.lower().split()
    while words and (words[0] in OPENING_WORDS or words[0] in vocab.COLOURS):
        words.pop(0)
    named = vocab.KIND_SYNONYMS.get(words[0], words[0]) if words else ""
    opens = named in (first.kind, plural(first.kind))  # "a taxi drives past": the car
    acting = first.action != "stand"
    return opens and acting and all(e.kind != lead for e in entities)


def _sets_the_scene(beat: str, brief: Brief) -> bool:
    """Whether `beat` is one of those that set the scene before the subject is met ("a
    sunny beach, then a dog runs into the waves"), naming no subject: the subject is not in
    it yet."""
    at = brief.beats.index(beat) if beat in brief.beats else len(brief.beats)
    return at < brief.setting and not names_subject(brief.subject, beat)


def _set_the_scene_with(brief: Brief, beat: str, lead: str) -> list[EntitySpec]:
    """The creatures the beats that set the scene showed ("a sunny beach with a dog"),
    where `beat` is the first of the story after them and goes on in the same place ("then
    a man arrives": the dog is still there); none of the lead's own kind."""
    setting = brief.beats[: brief.setting]
    if not setting or beat not in brief.beats or brief.beats.index(beat) != brief.setting:
        return []
    there = {_named(b, vocab.PLACE_SYNONYMS) for b in setting} - {None}
    if _named(without_destinations(beat), vocab.PLACE_SYNONYMS) not in there | {None}:
        return []  # the story opens somewhere else
    seen = (e for b in setting for e in parse(b).spec.entities)
    return [replace(e, target=None) for e in seen if e.kind in vocab.CREATURES and e.kind != lead]


def _by_the_fire_at_home(beat: str, here: str) -> bool:
    """Whether `beat` names "the fire" and no place, where the story is somewhere out of
    doors with no campfire to it (a park, a street): then it is home, by the fireplace."""
    tokens = beat.lower().replace(",", " ").split()
    fire = any(names_the_fire(tokens, i) for i in range(len(tokens)))
    unplaced = _named(without_destinations(beat), vocab.PLACE_SYNONYMS) is None
    indoors = here in vocab.FIRE_INDOORS
    return fire and unplaced and not indoors and here not in vocab.CAMPFIRE_PLACES


def _tells_of_no_one(subject: str, beat: str) -> bool:
    """Whether `beat` is a sentence of its own that names no creature: the weather or the
    light changing ("it starts to rain", "the sun sets"), not the subject doing something."""
    creatures = (e for e in parse(beat).spec.entities if e.kind in vocab.CREATURES)
    return bool(subject) and not names_subject(subject, beat) and next(creatures, None) is None


_WITH = re.compile(r"\bwith\s+(?:a|an|the|her|his|its|their|my|our)\s+(\w+)(?:\s+(\w+))?", re.I)


def _along_with(beat: str, companions: str) -> set[str]:
    """The kinds of creature that go with the lead in `beat`: those the subject names with
    it ("a crow" of "a swan and a crow") and those it is "with" ("with her dad")."""
    words = [w.lower() for m in _WITH.finditer(beat) for w in m.groups() if w]  # "old dad"
    kinds = {vocab.KIND_SYNONYMS.get(w, w) for w in words}
    kinds |= {e.kind for e in parse(companions).spec.entities} if companions else set()
    return kinds & set(vocab.CREATURES)


def _as_the_lead_does(entities: list[EntitySpec], going: Callable) -> list[EntitySpec]:
    """`entities` with each one after the lead that is `going` along doing what the lead
    does, where its kind can."""
    doing = entities[0].action
    return [
        replace(e, action=doing) if i and going(e) and e.kind in vocab.ACTIONS[doing] else e
        for i, e in enumerate(entities)
    ]


def _of_what_went_before(beat: str) -> bool:
    """Whether `beat` tells of a part of what the beat before showed, and of nothing else
    ("its headlights glowing", "their wings beating"): that one is still in the shot."""
    words = beat.lower().split()
    drawn = [e for e in parse(beat).spec.entities if e.kind != "placeholder"]
    return bool(words) and words[0] in ("its", "his", "her", "their") and not drawn


def _of_the_thing(brief: Brief, beat: str, earlier: list[str]) -> str:
    """`beat` of a request about a thing, not a creature, with that thing said where the
    beat tells of it without naming it: "it" of the one the beat before showed first ("a
    red car parked on the street, then it drives away": the car drives off), or the
    request's subject ("a teddy bear sitting on a bench": the bear on the bench)."""
    words = beat.split()
    opener = words[0].lower() if words else ""
    if opener == "it" and earlier:
        before = parse(earlier[-1])
        first = next(iter(before.spec.entities), None)
        if first is not None:
            return " ".join([_the(first), *words[1:]])
    if opener == "they" and brief.subject and earlier:
        # "finds a stray cat, and they become friends": the subject and the one it met
        met = [e for e in parse(earlier[-1]).spec.entities if e.kind in vocab.CREATURES]
        if met:
            return " ".join([drawable(brief.subject), "and", _the(met[0]), *words[1:]])
    if brief.subject and names_subject(brief.subject, beat):  # what the subject does
        thing = drawable(brief.subject)
        told = parse(thing).spec.entities
        said = {(e.kind, e.label) for e in parse(beat).spec.entities}
        if told and (told[0].kind, told[0].label) not in said:
            return f"{thing} {beat}"
    return beat


def _the(entity: EntitySpec) -> str:
    """An entity named again: "the grey cat", "the robot"."""
    named = entity.label if entity.kind == "placeholder" else f"{entity.colour} {entity.kind}"
    return f"the {named}"


# A beat about the lead and whom it is with: "they walk home", and an edit's idea "them
# playing fetch".
_THEY = ("they ", "them ")


def _and_whom_it_was_with(
    brief: Brief, bible: Bible, beat: str, lead: BibleEntity, *, just_before: bool = False
) -> str:
    """Whom a "they" about a lead of one takes in, as " and the blue person": the creature
    the beats before `beat` last had the lead with ("waits for its owner, then they walk
    home", "meets a friend, then they run"); only the beat `just_before` it, where it looks
    no further; "" when there is none. An idea an edit brings comes after the whole story."""
    earlier = brief.beats[: brief.beats.index(beat)] if beat in brief.beats else brief.beats
    earlier = earlier[-1:] if just_before else earlier
    for previous in reversed(earlier):
        told = without_subject(brief.subject, previous)
        parsed = parse(f"the {lead.colour} {lead.kind} {told}")
        # "waits for its owner, then they walk home": the one waited for, come at last
        awaited = [
            EntitySpec(kind, vocab.DEFAULT_COLOUR.get(kind, "white")) for kind in parsed.awaited
        ]
        others = [*parsed.spec.entities[1:], *awaited]
        creature = next((e for e in others if e.kind in vocab.CREATURES), None)
        if creature is None and set(previous.lower().split()) & FRIEND_WORDS:
            creature = bible.find(kind=lead.kind, role="companion")  # the friend it met
        if creature is not None:
            return f" and the {creature.colour} {creature.kind}"
    return ""


def looks_of(entity: EntitySpec) -> str:
    """ "a grey dog", "an orange cat", "a person in grey" (a grey person is grey all over
    to a model), "a child in green"."""
    if entity.kind == "person":
        return f"a {'child' if entity.label == vocab.CHILD else 'person'} in {entity.colour}"
    return f"{a_or_an(entity.colour)} {entity.colour} {entity.kind}"


def _seat_kept(earlier: list[str], entities: list[EntitySpec]) -> EntitySpec | None:
    """The bench, sofa, bed or blanket of the last of the `earlier` beats that had one, in the
    same place, where the lead of `entities` keeps still now and has none: what they sat
    on they stay on."""
    if entities[0].action not in _ON_A_SEAT or any(e.kind in SEATS for e in entities):
        return None
    lead = entities[0].kind
    for before in reversed(earlier):
        told = parse(f"{a_or_an(lead)} {lead} {before}")  # as the lead's ("a picnic": sat at)
        seat = next((e for e in told.spec.entities if e.kind in SEATS), None)
        if seat is not None or _named(before, vocab.PLACE_SYNONYMS):
            return seat  # (a beat that names a place, or goes to one, set this one's)
    return None


def _boat_kept(earlier: list[str], entities: list[EntitySpec]) -> EntitySpec | None:
    """The boat the lead of `entities` rowed or fished from in the last of the `earlier`
    beats that had one, where it fishes now with none: it fishes from that boat."""
    lead = entities[0]
    if lead.action != "angle" or lead.target is not None:
        return None
    for before in reversed(earlier):
        told = parse(f"{a_or_an(lead.kind)} {lead.kind} {before}").spec.entities
        aboard = told[0].target if told and told[0].action in ("row", "angle") else None
        if aboard is not None and told[aboard].kind == "boat":
            return told[aboard]
        if _named(before, vocab.PLACE_SYNONYMS):
            return None  # (a beat somewhere else set this one's)
    return None


def cast_member(
    bible: Bible,
    kind: str,
    colour: str,
    role: str,
    what: str,
    called: str = "",
    *,
    besides: tuple[str, ...] = (),
) -> BibleEntity:
    """The bible's member for an entity of `kind`: the one of its role met before, or one
    of its colour; else a new one. Not one of `besides` (those already in the shot: two
    people dining are two, not one drawn twice)."""
    existing = bible.find(kind=kind, role=role)
    if existing and existing.id not in besides:
        return existing
    for member in bible.entities.values():  # the friend met before: "then they run"
        same = (member.kind, member.colour) == (kind, colour) and member.id not in besides
        if same and member.role != "protagonist":
            return member
    taken = {e.id for e in bible.entities.values()}
    kind_id = kind.replace(" ", "-")
    names = (kind_id, f"{role}-{kind}", *(f"{role}-{kind_id}-{n}" for n in range(2, 99)))
    ident = next(name for name in names if name not in taken)
    return bible.add(BibleEntity(ident, kind, colour, role, what, called=called))


def stage(
    beat: str,
    brief: Brief,
    bible: Bible,
    *,
    action_hint: str | None = None,
    here: str | None = None,
    now: dict[str, str] | None = None,
) -> Staged:
    """Stage `beat` (e.g. "getting a pup cup") for the brief's protagonist; `here`: where
    the story is when the beat names no place (default the brief's); `now`: its time of day
    and weather (plan/story_time.py; default the brief's)."""
    now = now or {}
    lead = protagonist(brief, bible)
    if lead and _sets_the_scene(beat, brief):  # "fireworks over the city, then a couple …"
        lead = None
    subject_phrase = f"the {_as_said(lead.kind, brief.subject)}" if lead else ""
    # "a dog at a cafe" in a film about a dog: the lead at a café, not a second dog.
    about_lead = without_subject(brief.subject, beat) if lead else beat
    companions = companions_of(brief.subject) if lead else ""
    by = ""  # who is in the shot but not in what the beat tells
    carried = ""  # who goes on with the lead from the beat before
    alone = without_subject(lead_of(brief.subject), beat) if companions else beat
    if companions and opens_with_companion(brief.subject, beat):
        # "the boy flies a kite" in "a mom and her little boy": he does, she looks on
        subject_phrase, about_lead = f"{subject_phrase} and {companions}.", beat
        action_hint = action_hint or "stand"
    elif alone != beat and not alone.startswith("and "):
        about_lead, by = alone, f". {companions}"  # "the dog sees a cat": its owner looks on
    elif companions:  # "a girl and her dog": both, every beat
        subject_phrase += f" and {companions}"
        if alone != beat:  # named again: "the girl and her dog sit"
            about_lead = without_subject(companions, alone.removeprefix("and "))
    elif lead and beat.lower().startswith(_THEY) and not is_plural(brief.subject):
        subject_phrase += _and_whom_it_was_with(brief, bible, beat, lead)  # "they walk home"
    elif lead and _tells_of_no_one(brief.subject, beat) and not only_food(beat):
        # "walks a dog, then it starts to rain": the moment goes on, and so does the dog.
        carried = _and_whom_it_was_with(brief, bible, beat, lead, just_before=True)
        subject_phrase += carried
    if lead and _own_subject(beat, lead.kind):  # "a cat sits": the cat sits, the lead looks on
        subject_phrase, action_hint = "", action_hint or "stand"
    earlier = brief.beats[: brief.beats.index(beat)] if beat in brief.beats else []
    if lead and only_food(about_lead):  # "a picnic: sandwiches, then a nap": had then
        # (an animal does not drink it: "a cat by the fire, hot cocoa" sits by the cup)
        had = "sitting by" if only_a_drink(about_lead) and lead.kind != "person" else "having"
        about_lead = f"{had} {about_lead}"
    about_lead = with_referents(about_lead, earlier, lead.kind if lead else None)  # "drinks it"
    if not lead and earlier and _of_what_went_before(beat):
        about_lead = f"{earlier[-1]}. {about_lead}"  # "a car drives, its headlights glowing"
    elif brief.subject_kind is None and not _sets_the_scene(beat, brief):
        about_lead = _of_the_thing(brief, about_lead, earlier)  # "then it drives away"
    # What a "who" clause says the lead is like is not seen ("who lost his dog").
    named_here = _named(without_destinations(beat), vocab.PLACE_SYNONYMS)
    setting = named_here or here or brief.place
    done = {e.action for e in parse(f"a person {beat}").spec.entities}  # (said of whoever)
    outside = _OUT_OF_DOORS.search(beat) is not None
    outside |= named_here is None and bool(done & set(vocab.DONE_OUT_OF_DOORS))  # in puddles
    outside |= named_here is None and _WALKS_A_DOG.search(beat) is not None
    gone_out = setting in vocab.INDOORS and outside
    gone_out &= WATCHING_THE_WEATHER.search(beat) is None  # (not "looks outside")
    if gone_out:  # "practises the piano, then plays outside": out, at no place said
        setting = "park"
    tokens = beat.lower().replace(",", " ").split()
    made = vocab.MAKING | vocab.POURING
    brewed = any(t in made and makes_a_drink(tokens, k) for k, t in enumerate(tokens))
    brewed &= (here or brief.place) not in ("cafe", "kitchen")  # (a barista's: at the café)
    cooked = any(vocab.WHERE_DONE.get(t) == "kitchen" for t in tokens) or "cook" in done
    cooked &= (here or brief.place) == "living room"  # "wakes up, then eats breakfast"
    if (brewed or cooked) and named_here is None:  # "making coffee": in the kitchen
        setting = "kitchen"
    home_to_the_fire = _by_the_fire_at_home(beat, setting)
    if home_to_the_fire:  # "…, then drink hot cocoa by the fire": home, by its hearth
        setting = "living room"
    told = without_relative_clause(f"{subject_phrase} {about_lead}{by}".strip())
    parsed = parse(told, set_in=setting)  # "by the fire": its fireplace, indoors
    words = set(beat.lower().replace(",", " ").split())
    found = list(parsed.spec.entities)
    if lead and brief.subject:
        # The subject may name more than the protagonist ("an elephant and a dog meeting"):
        # what of it the world cannot draw stays in every shot, as a labelled placeholder.
        labels = {e.label for e in found if e.kind == "placeholder"}
        for label in parse(drawable(brief.subject)).placeholders:
            if label not in labels:
                found.append(EntitySpec("placeholder", "white", "stand", label=label))
        # and what its occasion brings ("a birthday party": the cake, the balloons)
        for thing in brought_by_occasions(brief.subject):
            if thing.kind not in {e.kind for e in found}:
                found.append(thing)
        # those the scene was set with are still there as the story opens
        for creature in _set_the_scene_with(brief, beat, lead.kind):
            if creature.kind not in {e.kind for e in found}:
                found.append(creature)
    entities: list[EntitySpec] = []
    cast: list[str] = []
    action = action_hint
    # What the parser's entities became here (their index in `entities`), for their targets.
    parsed_entities = list(parsed.spec.entities)
    placed: dict[int, int] = {}
    aimed: list[int | None] = []  # each entity's target, as a parsed index
    if lead:
        subject = next((e for e in found if e.kind == lead.kind), None)
        target = None
        if subject is not None:
            found.remove(subject)
            # said to stand, or to keep still where it cannot sit ("an owl perched")
            kept = words & (vocab.STANDING_WORDS | vocab.STILL_WORDS | STOOD)
            stands = subject.action == "stand" and not kept
            action = action or (None if stands else subject.action)  # "stand" said, or not
            placed[parsed_entities.index(subject)] = 0
            target = subject.target if action == subject.action else None
        seated = "sit" if _SEATED.search(beat) and lead.kind in vocab.ACTIONS["sit"] else None
        unsaid = action is None  # what the lead does is not said: it goes about
        # one playing the guitar stands to play it, as one who keeps still does; so does one
        # taking a photo, on the phone or looking at it, or flying a drone, where no walk is
        # said
        in_hand = (*vocab.PLAYED, *vocab.TO_THE_FACE, "drone")
        playing = "stand" if any(e.kind in in_hand for e in found) else None
        # a drink a beat names and no more ("then hot cocoa by the fire"): in their hand
        having = "hold" if lead.kind == "person" and any(e.kind == "cup" for e in found) else None
        about = action or seated or playing or having or _done_at(f"{brief.subject} {beat}")
        chosen = about or vocab.GOES_ABOUT_BY.get(lead.kind, "walk")
        if lead.kind not in vocab.ACTIONS.get(chosen, ()):
            chosen = "stand"  # a short film's closing shot sits; a bird cannot
        young = lead.kind == "person" and _said_young(lead.called, brief.subject)
        entities.append(EntitySpec(lead.kind, lead.colour, chosen, label=vocab.CHILD * young))
        aimed.append(target)
        cast.append(lead.id)
    for entity in found:
        if entity in parsed_entities:
            placed[parsed_entities.index(entity)] = len(entities)
        aimed.append(entity.target)
        if entity.kind == "placeholder":
            member = bible.add(
                BibleEntity(
                    f"unsupported-{entity.label}",
                    "placeholder",
                    "white",
                    "unsupported",
                    f"{entity.label} (synthworld cannot draw it)",
                )
            )
        else:
            role = "supporting" if entity.kind in vocab.CREATURES else "prop"
            member = cast_member(
                bible, entity.kind, entity.colour, role, looks_of(entity), besides=tuple(cast)
            )
        entities.append(EntitySpec(entity.kind, member.colour, entity.action, label=entity.label))
        cast.append(member.id)
    entities = [  # "chasing a ball": the chase keeps its ball
        replace(e, target=placed.get(aim)) if aim is not None else e
        for e, aim in zip(entities, aimed, strict=True)
    ]
    if lead and unsaid and (along := _along_with(beat, companions)):
        # "a swan and a crow at the lake", "learns to ride with her dad": they go together
        entities = _as_the_lead_does(entities, lambda e: e.action == "stand" and e.kind in along)
    if carried:  # and goes on as the lead does: walked on in the rain
        entities = _as_the_lead_does(entities, lambda e: True)
    place = _named(without_destinations(beat), vocab.PLACE_SYNONYMS)  # not where it goes
    place = "living room" if home_to_the_fire else "park" if gone_out else place
    place = "kitchen" if (brewed or cooked) and place is None else place  # "making coffee"
    if lead and entities and place is None and earlier:
        # "reads on the sofa, then falls asleep": on the sofa still
        seat = _seat_kept(earlier, entities)
        if seat is not None:
            member = cast_member(bible, seat.kind, seat.colour, "prop", looks_of(seat))
            entities.append(EntitySpec(seat.kind, member.colour))
            cast.append(member.id)
        boat = _boat_kept(earlier, entities)
        if boat is not None:  # "rows out at dawn, then casts his line": from the boat
            member = cast_member(bible, boat.kind, boat.colour, "prop", looks_of(boat))
            entities.append(EntitySpec(boat.kind, member.colour, "sail"))
            entities[0] = replace(entities[0], target=len(entities) - 1)
            cast.append(member.id)
    woken = lead and entities and entities[0].action == "wake" and lead.kind == "person"
    woken = woken and place is None  # "wakes up, then makes coffee in the kitchen": in bed
    place = "living room" if woken else place  # (a bedroom is drawn as it)
    asleep = lead and entities and entities[0].action == "sleep" and lead.kind == "person"
    asleep = asleep and entities[0].target is None and (place or setting) == "living room"
    asleep = asleep and not any(e.kind == "fireplace" for e in entities)  # (dozing by it)
    if (woken or asleep) and not any(e.kind in SEATS for e in entities):
        # in bed ("a man sleeping at night", at home: not on the floor)
        member = cast_member(bible, "bed", vocab.DEFAULT_COLOUR["bed"], "prop", "a bed")
        entities.append(EntitySpec("bed", member.colour))
        cast.append(member.id)
    # A friend: a second one of the protagonist's kind, and they meet (also when the lead
    # meets no one in particular: "two dogs meeting").
    coming_together = ("meet", "hug")
    alone = bool(entities) and entities[0].action in coming_together and entities[0].target is None
    if lead and companions and _EACH_OTHERS.search(beat) and len(entities) > 1:
        # "a dog and a cat become friends": with each other, no third one
        if all(e.kind in vocab.ACTIONS["meet"] for e in entities[:2]):
            entities[0] = replace(entities[0], action="meet", target=1)
            entities[1] = replace(entities[1], action="meet", target=0)
    elif lead and (befriended := _befriended(beat, entities)) is not None:
        # "makes friends with a cat": the friend is the cat
        entities[0] = replace(entities[0], action="meet", target=befriended)
        entities[befriended] = replace(entities[befriended], action="meet", target=0)
    elif lead and (words & FRIEND_WORDS or alone) and lead.kind in vocab.ACTIONS["meet"]:
        colour = next(c for c in OTHER_COLOURS if c != lead.colour)
        noun = lead.called.split()[-1] if lead.called else lead.kind  # "the kid's friend"
        looks = looks_of(EntitySpec(lead.kind, colour)).replace(lead.kind, noun, 1)
        called = looks.split(" ", 1)[1] if noun != lead.kind else ""  # "kid in grey"
        friend = cast_member(
            bible, lead.kind, colour, "companion", f"the {noun}'s friend, {looks}", called
        )
        entities = [e for i, e in enumerate(entities) if cast[i] != friend.id]
        cast = [c for c in cast if c != friend.id]
        # "runs with its friend": both run; "meets a friend", "plays with a friend": they meet
        meets = any(vocab.ACTION_SYNONYMS.get(word) in coming_together for word in words)
        young = entities[0].label  # a child's friend is a child
        if action in TOGETHER and not meets:
            entities.append(EntitySpec(friend.kind, friend.colour, action, label=young))
        else:  # they meet, or hug where said
            met = "hug" if entities[0].action == "hug" and lead.kind == "person" else "meet"
            entities[0] = replace(entities[0], action=met, target=len(entities))
            entities.append(EntitySpec(friend.kind, friend.colour, met, 0, young))
        cast.append(friend.id)
    # Receiving something: someone hands it over; a cup comes from a café.
    items = [i for i, e in enumerate(entities) if e.kind in ("cup", "ball")]
    if lead and words & RECEIVE_WORDS and items:
        item = entities[items[0]]
        giver = cast_member(
            bible, "person", "green", "supporting", "the person who hands it over (green apron)"
        )
        # A dog laps its pup cup, a dog given a bone sits for it, a person buying stands.
        eats = item.kind == "cup" and lead.kind != "person" and lead.kind in vocab.ACTIONS["eat"]
        receiver_action = "eat" if eats else "stand" if lead.kind == "person" else "sit"
        entities[0] = EntitySpec(lead.kind, lead.colour, receiver_action)
        entities.append(EntitySpec("person", giver.colour, "give", target=0))
        cast.append(giver.id)
        if item.kind == "cup" and place is None:
            place = "cafe"
            stand = cast_member(bible, "cafe stand", "red", "prop", "the café's coffee stand")
            entities.append(EntitySpec("cafe stand", stand.colour))
            cast.append(stand.id)
    lead_action = entities[0].action if entities else "stand"
    plain = without_relative_clause(beat)  # "that hates rain": no rain
    done_at = vocab.PLACE_OF_DOING.get(lead_action)
    if place is None and done_at:  # "…, then a surfer rides a wave": at the beach, not the park
        place = done_at
    on_the_road = lead_action in ("ride", "steer") and any(
        e.kind in ("car", "bus") for e in entities
    )
    if place is None and on_the_road and (here or brief.place) not in ("street", "city"):
        place = "street"  # "…, then catches the bus": down the street, not across the park
    shore = next((vocab.BY_THE_WATER[e.kind] for e in entities if e.kind in vocab.BY_THE_WATER), ())
    said = _named(without_destinations(beat), vocab.PLACES_AS_SAID)
    if shore and said is None and (place or here or brief.place) not in shore:  # on its cliff
        place = shore[0]
    needs = vocab.WEATHER_OF_DOING.get(lead_action)
    weather = _named(plain, vocab.WEATHER_SYNONYMS) or needs or now.get("weather", brief.weather)
    shot_size, camera = FRAMING.get(lead_action, ("medium", "static"))
    leapt = entities[0].target if entities and entities[0].action == "jump" else None
    if leapt is not None and entities[leapt].kind in vocab.JUMPED_OVER:
        shot_size, camera = "wide", "track"  # running at the fence it jumps: followed
    if entities and entities[0].kind in SMALL_LEADS:
        shot_size, camera = SMALL_LEADS[entities[0].kind]
    if entities and entities[0].kind == "fish" and any(e.kind == "fishbowl" for e in entities):
        shot_size, camera = "close-up", "static"  # a goldfish in its bowl: close, it stays
    if not entities:  # the place alone ("a sunny beach"): seen whole, panned across
        shot_size, camera = "wide", "pan"
    if shot_size == "close-up" and sum(e.kind in vocab.CREATURES for e in entities) > 1:
        shot_size = "medium"  # a close-up of one of them leaves the other out
    scene = SceneSpec(
        place=place or here or brief.place,
        time_of_day=_named(plain, vocab.TIME_SYNONYMS)
        or ("night" if any(e.kind in vocab.SEEN_IN_THE_DARK for e in entities) else None)
        or now.get("time_of_day", brief.time_of_day),
        weather=weather,
        camera=_named(beat, vocab.CAMERA_SYNONYMS)
        or _named(brief.framing, vocab.CAMERA_SYNONYMS)
        or camera,
        shot_size=_named(beat, vocab.SHOT_SYNONYMS)
        or _named(brief.framing, vocab.SHOT_SYNONYMS)
        or shot_size,
        entities=tuple(entities),
    )
    # A word synthworld draws, but not for that kind: "a dog that rolls".
    undoable = [f"a {kind} that {third_person(action)}" for kind, action in parsed.cannot]
    # "the forest": drawn as its park; where it goes, as where it goes; not the kitchen of
    # "a restaurant kitchen", drawn as the café
    here_words = set(re.findall(r"[a-z]+", without_destinations(beat).lower()))
    said = without_whens(beat).lower()
    words = list(dict.fromkeys(re.findall(r"[a-z]+", said)))
    words += [p for p in vocab.PLACE_STAND_INS if " " in p and re.search(rf"\b{p}\b", said)]
    stood_in = [  # ("on the moon": the moon)
        f"{re.sub(r'^(?:on|in|at) the ', '', word)} (drawn as its {vocab.PLACE_STAND_INS[word]})"
        for word in words
        if word in vocab.PLACE_STAND_INS
        and (vocab.PLACE_STAND_INS[word] == scene.place or word.split()[-1] not in here_words)
    ]
    return Staged(scene, cast, parsed.unsupported_words + undoable + stood_in)
