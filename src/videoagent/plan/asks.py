"""What a request asks for, read from its own words and never from the plan.

Verify checks the takes against the storyboard, and the storyboard is the planner's reading
of the request: a check that only asks "did I do what I planned?" cannot catch a plan that
dropped the second dog or the snow. So the request is read a second time, here, into asks
that can each be looked for in the finished video (issue 28): the entities with how many,
what kind and what colour; what each does and to whom, beat by beat; the place, the time of
day, the weather; things named that the world has no drawing for (a windmill, a unicorn);
text in quotes that must appear (read as text only: "Treats for good dogs" asks for no dog);
the length when the request names one.

The reading is the offline one (the synthworld vocabulary the parser knows), so an ask
outside it is not made up: what it cannot name is an ask of kind "named", by its words, to
be checked by a judge or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, replace

from videoagent.plan.beats import (
    OBJECT_WORDS,
    drawable,
    is_plural,
    names_many,
    opens_with_another,
    plural,
    split_beats,
    third_person,
    without_relative_clause,
    without_subject,
)
from videoagent.plan.continuity import without_one_take
from videoagent.plan.quoted_words import quoted, without_quoted
from videoagent.plan.request import NUMBER_WORDS, Request, duration_in_text
from videoagent.plan.visual_style import without_looks
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.articles import a_or_an
from videoagent.synthworld.prompt_parser import (
    KIND_TABLE,
    catches_a_fish,
    food_at,
    is_awaited,
    is_lacked,
    is_the_filming_camera,
    names_a_part,
    parse,
)
from videoagent.synthworld.spec import in_arms

NUMBERS = {**NUMBER_WORDS, "pair": 2, "couple": 2, "both": 2, "twin": 2}  # how many of a thing
# Nouns about the video itself, not things in its world ("with the words … on screen").
ABOUT_THE_VIDEO = set(
    "words word text title caption captions screen video film clip shot scene tagline slogan "
    "logo brand life".split()  # "a day in the life of a barista": no life to show
)
COUNTED = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
# "gives to the dog", "fishes from the boat", "pushes the swing" (else "chases the ball")
AIMED = {
    **{"give": "to", "propose": "to", "angle": "from", "perch": "in", "jump": "over"},
    **{"swing": "on", "push": "", "climb": "", "roar": "at"},
    **{"sit": "in", "sleep": "in"},  # a stroller (what else one sits on is where they are)
}
SAID_AS = {
    "angle": "fish",
    "toss": "throw",
    "rally": "hit",
    "takeoff": "take off",
    "steer": "drive",  # at a car's wheel
    "skip": "skip rope",
    "roast": "roast marshmallows",
    "slice": "chop vegetables",
    "chop": "chop wood",
    "brush": "brush teeth",
    "comb": "brush hair",
    "hula": "hula-hoop",
    "seesaw": "ride",  # ("rides the seesaw")
    "slide": "slide down",
    "wriggle": "roll over",
    "bathe": "take a bath",
    "scrub": "bathe",
    "exercise": "do push-ups",
    "wash": "wash the dishes",
}  # actions said in other words than the world's ("fishes")


@dataclass(frozen=True)
class Ask:
    """One thing the request asks the video to show."""

    kind: str  # entity, action, place, time, weather, named, text, length
    what: str  # "dog", "chase", "beach", "night", "snow", "lighthouse", "SALE", "36 s"
    count: int | None = None  # entities: how many were asked for
    colour: str | None = None
    of: str | None = None  # an action: who does it
    to: str | None = None  # an action: whom or what it is aimed at
    young: int | None = None  # entities: how many of them are children (a family's one)

    def said(self) -> str:
        """The ask in words, as a summary line names it."""
        if self.kind == "entity":
            if self.what in (*vocab.SAID_AS_MANY, *vocab.UNCOUNTED):  # "fireworks", "lightning"
                return f"{self.colour} {self.what}" if self.colour else self.what
            count = self.count or 1
            noun = self.what if count == 1 else plural(self.what)  # "people", "wolves"
            named = f"{self.colour} {noun}" if self.colour else noun
            if count > 1:
                return f"{COUNTED.get(count, str(count))} {named}"
            return f"{a_or_an(named)} {named}"
        if self.kind == "action":
            on_top = (self.what, self.to) == ("perch", "fence") or self.to in vocab.BOUNCED_ON
            on = "on" if on_top else AIMED.get(self.what)  # (bounced on: a bed)
            on = "in" if (self.what, self.to) == ("ride", "car") else on  # (a dog, along)
            up = {"tree": "in", "fence": "on"}  # a bird singing up in a tree, on a fence
            on = up.get(self.to or "", on) if self.what == "roar" else on
            aimed = " ".join(w for w in (on, "the", self.to) if w)
            riding = self.what in ("cycle", "sled") and self.to  # the bike, the sled
            verb = "ride" if riding else self.what
            first, *rest = SAID_AS.get(verb, verb).split()  # "takes off"
            said = " ".join((third_person(first), *rest))
            said = vocab.VOICES.get(self.of or "", said) if verb == "roar" else said  # "barks"
            return f"the {self.of} {said}" + (f" {aimed}" if self.to else "")
        if self.kind == "text":
            return f'the text "{self.what}"'
        if self.kind == "length":
            return f"{self.what} long"
        if self.kind == "place":
            return f"{vocab.PLACE_PREPOSITIONS.get(self.what, 'at')} the {self.what}"
        if self.kind == "time":
            return f"{'in the' if self.what == 'morning' else 'at'} {self.what}"
        return self.what if self.kind == "weather" else f"the {self.what}"

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def read_asks(request: Request) -> list[Ask]:
    """The asks of `request`, in the order a reader meets them."""
    return asks_in(request.text)


def asks_in(words: str, *, length: bool = True) -> list[Ask]:
    """The asks of a request's (or an edit's) `words`; `length`: whether a length named
    counts (a scene an edit adds is not the video's length)."""
    text, subject = _told(words)
    text = text.replace(subject, drawable(subject), 1) if subject else text  # "two friends"
    seen = without_relative_clause(text)  # "a man who lost his dog": no dog to see
    asks = _with_subject_counts(_entities(seen), _subject_entities(subject) if subject else [])
    # places a who-clause names are where it is ("who loves the beach"); its weather and
    # times are not ("that hates rain")
    # a lighthouse on its cliff is by the water: the cliff is no place asked of it
    shore = any(a.kind == "entity" and a.what in vocab.BY_THE_WATER for a in asks)
    outside = set(_setting(seen, shore))
    setting = _setting(text, shore)
    asks += _actions(seen) + [a for a in setting if a.kind == "place" or a in outside]
    named = [n for n in parse(seen).placeholders if n not in NUMBERS and n not in ABOUT_THE_VIDEO]
    asks += [Ask("named", name) for name in named]
    asks += [Ask("text", said) for said in quoted(words)]
    seconds = _length(words) if length else None
    if seconds is not None:
        asks.append(Ask("length", f"{seconds:g} s"))
    return list(dict.fromkeys(asks))


def counted_in_subject(words: str) -> list[Ask]:
    """The entity asks of who the request is about ("two dogs"): in every shot, where those
    of a beat ("chatting with customers") are in that beat's."""
    subject = _told(words)[1]
    return _subject_entities(subject) if subject else []


def _subject_entities(subject: str) -> list[Ask]:
    """The entity asks of a subject, those it joins with "and" added up: "a boy and his
    grandpa" are two people (read as one text, a person, the most said at once); how many
    of them are children is kept ("a family": two people and a child)."""
    found: dict[tuple[str, str | None], int] = {}
    young: dict[tuple[str, str | None], int] = {}
    for part in re.split(r"\s+and\s+", drawable(subject)):
        words = _words(part)
        if len(words) == 1 and not names_many(words[0]):
            part = f"{a_or_an(part)} {part}"  # "groom" of "a bride and groom": one, no verb
            words = _words(part)
        children = any(vocab.is_child(words, i) for i in range(len(words)))
        for ask in _entities(part):
            key = (ask.what, ask.colour)
            found[key] = found.get(key, 0) + ask.count
            if children and ask.what == "person":
                young[key] = young.get(key, 0) + ask.count
    return [
        Ask("entity", kind, count=n, colour=colour, young=young.get((kind, colour)))
        for (kind, colour), n in found.items()
    ]


def _with_subject_counts(asks: list[Ask], subject: list[Ask]) -> list[Ask]:
    """`asks` with each count at least what the subject adds up to ("a boy and his
    grandpa"), and its children as the subject says."""
    most = {(a.what, a.colour): a for a in subject}
    return [
        replace(a, count=max(a.count, most[key].count), young=most[key].young)
        if (key := (a.what, a.colour)) in most
        else a
        for a in asks
    ]


def _told(words: str) -> tuple[str, str]:
    """What of `words` is to be seen, and its subject: quoted words are text only, a look
    ("in black and white") no thing to see."""
    text = without_quoted(without_looks(without_one_take(words)))
    return text, split_beats(text).subject


def _words(text: str) -> list[str]:
    """The words of `text`, lower case, accents taken off ("café" is "cafe"); a kind's
    possessive is the kind ("a cat's day": the cat), as the parser reads it."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    plain = vocab.compounded(plain)  # ("a product video": no product of its own)
    words = re.findall(r"[a-z]+(?:[-'][a-z]+)*", plain)
    return [w[:-2] if w.endswith("'s") and w[:-2] in KIND_TABLE else w for w in words]


def _kind_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The kind named by the words at `i` (a name of one or two words), and its length."""
    after = words[i + 1] if i + 1 < len(words) else ""
    ending = {" ".join(words[max(0, i - k) : i + 1]) for k in (1, 2)}  # "in the house"
    if (ending | {f"{words[i]} {after}"}) & vocab.PLACE_SYNONYMS.keys():
        return None  # where one is ("sleeps at home", "to come home"), no house to see
    pair = f"{words[i]} {after}"
    drawn_toy = pair in vocab.KINDS or pair in vocab.KIND_SYNONYMS  # "a teddy bear": drawn
    if i > 0 and words[i - 1] in vocab.toy_words(vocab.KIND_SYNONYMS.get(words[i], words[i])):
        return None  # "a toy train": a toy, asked as what it is (a stand-in)
    made = vocab.KIND_SYNONYMS.get(after, after)
    if words[i] in vocab.toy_words(made) and made in vocab.KINDS and not drawn_toy:
        return None  # "a blanket fort": what the toy is made of, no blanket of its own
    if after in vocab.WORN_AS and _creature_word(words[i]):
        return None  # "a bear costume": worn, no bear
    if f"{words[i]} {after}" in vocab.PLACE_SYNONYMS:
        return None  # "a bus stop": a place
    if words[i] in vocab.BABY_WORDS and _creature_word(after):
        return None  # "a baby elephant": how young the elephant is
    if i > 0 and f"{words[i - 1]} {words[i]}" in vocab.ACTION_SYNONYMS:
        return None  # "teaching him to fish": fishing, no fish
    for length in (3, 2, 1):
        phrase = " ".join(words[i : i + length])
        if len(phrase.split()) != length:
            continue
        if phrase in vocab.KINDS:
            return phrase, length
        if phrase in vocab.KIND_SYNONYMS:
            if length == 1 and _said_as_verb(words, i):
                return None  # "she drinks it": no drinks
            return vocab.KIND_SYNONYMS[phrase], length
    return None


def _creature_word(word: str) -> bool:
    return vocab.KIND_SYNONYMS.get(word, word) in vocab.CREATURES


def _said_as_verb(words: list[str], i: int) -> bool:
    """Whether the word at `i`, which may name a kind ("drinks", "treats"), is a verb
    there: nothing before it that opens a name, and an object after it ("drinks it") or a
    verb the world knows ("drinks water")."""
    if words[i] in vocab.NAMES_ALSO_VERBS:
        return vocab.verb_after_its_doer(words, i)
    before = words[i - 1] if i > 0 else ""
    opened = before in NUMBERS or before in vocab.COLOURS or before in ("a", "an", "the", "some")
    opened |= before in _ARTICLES  # "with my kids: the lions": "kids" no verb
    following = words[i + 1] if i + 1 < len(words) else ""
    return not opened and (following in OBJECT_WORDS or words[i] in vocab.ACTION_SYNONYMS)


def _entities(text: str) -> list[Ask]:
    """Each kind of entity named, with its colour and the most of it asked for at once."""
    words = _words(text)
    found: dict[tuple[str, str | None], int] = {}
    first = ""  # the first creature named: whose a parent is ("an elephant and its mother")
    said_to = 0  # where the last name ends: no word of it names another ("hot air balloon")
    for i in range(len(words)):
        said_to = max(said_to, i + food_at(words, i))  # "a hot dog": eaten, no dog
        named = _kind_at(words, i) if i >= said_to else None
        if named is None:
            continue
        kind, length = named
        said_to = i + length
        if is_awaited(words, i) or is_lacked(words, i):  # not there: awaited, or gone without
            continue
        if names_a_part(words, i + length - 1):  # "the candles on her cake": the cake's
            continue
        hooked = (catches_a_fish(words, j) == i + length - j for j in range(max(0, i - 4), i))
        if kind == "fish" and first == "person" and any(hooked):
            continue  # "the fisherman catches a fish": on the end of the line, not seen
        if kind == "camera" and is_the_filming_camera(words, i):  # "the camera pans"
            continue
        if kind == "person" and first and words[i + length - 1] in vocab.PARENTS:
            kind = vocab.kind_of_parent(first, words[i - 1])
        if kind == "tree" and vocab.DECORATING_WORDS & set(words):
            kind = "christmas tree"  # "hanging ornaments on the tree"
        first = first or (kind if kind in vocab.CREATURES else "")
        before = words[max(0, i - 3) : i]
        named = [k for k in range(len(before)) if _kind_at(before, k)]
        before = before[named[-1] + 1 :] if named else before  # not "three people with" it
        colour = next((w for w in reversed(before) if w in vocab.COLOURS), None)
        number = next((NUMBERS[w] for w in reversed(before) if w in NUMBERS), None)
        plural = names_many(words[i + length - 1]) and not kind.endswith("s")
        if number is None:
            number = 2 if plural else 1
        if number == 1 and plural and "pair" not in before:
            number = 2  # "dogs": at least two
        after = words[i + length] if i + length < len(words) else ""
        if after in ("family", "families") and kind != "person":
            number = max(number, 3)  # "a penguin family": a few of them
        if kind == "swing":
            number = 1  # "the swings": one swing set, its seats side by side
        flock = before[-2:-1] if before[-1:] == ["of"] else []
        if set(flock) & (vocab.COLLECTIVES | {"family"}) - {"pair", "pairs", "couple"}:
            number = max(number, 3)  # "a flock of birds", "a family of ducks": a few
        key = (kind, colour)
        found[key] = max(found.get(key, 0), number)
    # a colourless mention of a kind also named with a colour is that same entity
    for kind, colour in list(found):
        if colour is None and any(k == kind and c is not None for k, c in found):
            found.pop((kind, None))
    return [Ask("entity", kind, count=n, colour=colour) for (kind, colour), n in found.items()]


def _actions(text: str) -> list[Ask]:
    """What each entity does, beat by beat, and to whom, as the parser reads each beat."""
    beats = split_beats(text)
    asks = []
    for i, beat in enumerate(beats.beats):
        # No subject where the scene is set or where another acts ("a taxi drives past").
        setting = i < beats.setting or opens_with_another(beats.subject, beat)
        who = "" if setting else beats.subject
        if who and beat.lower().startswith("they ") and not is_plural(who):
            who = _they(who, beats.beats[beats.setting])  # "…, then they play fetch"
        spoken = f"{who} {without_subject(who, beat)}".strip()
        entities = parse(spoken).spec.entities
        petted = {e.target for e in entities if e.action == "pet"}
        for k, entity in enumerate(entities):
            if entity.action == "stand" or entity.kind in ("placeholder", *vocab.TO_THE_FACE):
                continue  # (a phone held to the ear is asked for as the phone)
            if k in petted and entity.action == vocab.petted_action(entity.kind):
                continue  # keeping still to be stroked: not asked, the stroking is
            if in_arms(entity, entities):
                continue  # held: the holding is asked
            target = entity.target
            aimed = entities[target].kind if target is not None else None
            aimed = None if aimed == "placeholder" else aimed  # a butterfly: no kind to read
            aimed = None if entity.action == "fly" else aimed  # a kite flies, by whoever
            asks.append(Ask("action", entity.action, of=entity.kind, to=aimed))
    return asks


def _they(subject: str, opening: str) -> str:
    """Who "they" are in a story about one: the `subject` and the creatures its `opening`
    beat brings ("a boy walks his dog, then they play fetch": the boy and the dog, where
    the boy alone was asked to chase the ball)."""
    met = parse(f"{subject} {without_subject(subject, opening)}").spec.entities[1:]
    others = [e.kind for e in met if e.kind in vocab.CREATURES]
    return " and ".join([subject, *(f"{a_or_an(kind)} {kind}" for kind in others)])


def _setting(text: str, shore: bool = False) -> list[Ask]:
    """Each place, time of day and weather the request names, in the order it names them
    ("through the park to a café" asks for both); `shore`: whether what is there stands
    by the water, where the place stood in for (a cliff) is not the one drawn."""
    words = _words(text)
    named: list[tuple[int, Ask]] = []
    stood_in: list[tuple[int, Ask]] = []  # "a bridge", "a pier": a place only if no other is
    for kind, names, synonyms in (
        ("place", vocab.PLACES, vocab.PLACE_SYNONYMS),
        ("time", vocab.TIMES, vocab.TIME_SYNONYMS),
        ("weather", vocab.WEATHERS, vocab.WEATHER_SYNONYMS),
    ):
        table = {name: name for name in names} | dict(synonyms)
        taken: set[int] = set()
        for phrase in sorted(table, key=lambda p: -len(p.split())):
            size = len(phrase.split())
            for i in range(len(words) - size + 1):
                span = set(range(i, i + size))
                if " ".join(words[i : i + size]) == phrase and not span & taken:
                    taken |= span
                    before = [w for w in words[:i] if w not in _ARTICLES][-1:]
                    gone = bool(set(before) & _GONE_TO)  # a journey's: asked all the same
                    aside = kind == "place" and phrase in vocab.PLACE_STAND_INS and not gone
                    (stood_in if aside else named).append((i, Ask(kind, table[phrase])))
    if not shore and not any(ask.kind == "place" for _, ask in named):
        named += stood_in  # "a bridge in the mountains" is in the mountains: no street asked
    return [ask for _, ask in sorted(named, key=lambda n: n[0])]


# Words before a place that say one goes there or comes from it.
_GONE_TO = frozenset("to towards toward into from".split())
_ARTICLES = frozenset("a an the his her my their its our your".split())


def _length(text: str) -> float | None:
    """The length the request names ("a 36 second video", "2-minute", "half a minute"), in
    seconds, read as the request's own duration is."""
    found = duration_in_text(text)
    return found[0] if found else None
