"""Read a prompt back into a `SceneSpec`: the procedural backend's understanding of text.

Any text works, not only the captioner's: known words (and their synonyms) become the scene;
an unknown noun after an article or colour becomes a labelled placeholder; other unknown
words are reported as unsupported. Nothing is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.tossing import TOSSING

DETERMINERS = {
    "a",
    "an",
    "the",
    "some",
    "another",
    "two",
    "three",
    "his",
    "her",
    "their",
    "its",
    "my",
    "our",
    "your",
    "this",
    "that",
}
_SCENE_TABLES = (
    ("shot_size", vocab.SHOT_SYNONYMS),
    ("camera", vocab.CAMERA_SYNONYMS),
    ("place", vocab.PLACE_SYNONYMS),
    ("time_of_day", vocab.TIME_SYNONYMS),
    ("weather", vocab.WEATHER_SYNONYMS),
)


@dataclass
class ParsedPrompt:
    """What the parser understood, and what it could not use."""

    spec: SceneSpec
    placeholders: list[str] = field(default_factory=list)
    unsupported_words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cannot: list[tuple[str, str]] = field(default_factory=list)  # (kind, action) it stood for
    awaited: list[str] = field(default_factory=list)  # kinds waited or looked for, not drawn

    def within(self, kinds: tuple[str, ...], actions: tuple[str, ...]) -> ParsedPrompt:
        """This reading for a generator that draws only `kinds` doing `actions`: any other
        kind becomes a placeholder labelled with it (the embedded model never learnt a
        horse), sleeping, howling, knitting or roasting marshmallows sitting where it can
        sit, any other action standing (nor riding), a child a person (it draws people at
        one size), and a place it never learnt the learnt one nearest it (a forest its
        park), said in the notes."""
        drawn = (*kinds, "placeholder")
        beyond = [e for e in self.spec.entities if e.kind not in drawn]
        learnt = all(
            vocab.learnt_doing(e.kind, e.action, actions) and e.label != vocab.CHILD
            for e in self.spec.entities
        )
        place = vocab.LEARNT_STAND_INS.get(self.spec.place, self.spec.place)
        if not beyond and learnt and place == self.spec.place:
            return self

        def learnt_one(e: EntitySpec) -> EntitySpec:
            if e.kind not in drawn:
                return EntitySpec("placeholder", "white", "stand", label=e.kind)
            e = replace(e, label="") if e.label == vocab.CHILD else e
            if vocab.learnt_doing(e.kind, e.action, actions):
                return e
            # (a howl is sat up for, the head back; knitting, roasting marshmallows sat at;
            # a bath sat in)
            sat = e.action in ("sleep", "howl", "roast", "knit", "bathe")
            still = sat and "sit" in actions and e.kind in vocab.ACTIONS["sit"]
            return replace(e, action="sit" if still else "stand", target=None)

        entities = tuple(learnt_one(e) for e in self.spec.entities)
        labels = [e.kind for e in beyond if e.kind not in self.placeholders]
        moved = (
            [f"the {self.spec.place} is drawn as the {place}"] if place != self.spec.place else []
        )
        came = vocab.LEARNT_STAND_INS.get(self.spec.arrives_from or "", self.spec.arrives_from)
        return replace(
            self,
            spec=replace(
                self.spec,
                place=place,
                entities=entities,
                arrives_from=came if came != place else None,
            ),
            placeholders=[*self.placeholders, *dict.fromkeys(labels)],
            notes=[*self.notes, *moved],
        )


@dataclass
class _Mention:
    kind: str
    colour: str | None
    label: str = ""


def _tokens(sentence: str) -> list[str]:
    """Lower-case words; a kind's possessive is the kind ("a cat's day": the cat); "baby"
    before a creature's name says how young it is ("a baby elephant": the elephant); a
    pet's own name is no word to draw ("my dog Max", "a cat named Luna")."""
    sentence = _without_pet_names(sentence)
    words = re.findall(r"[a-zé][a-zé'\-]*", vocab.compounded(sentence.lower()))
    words = [w[:-2] if w.endswith("'s") and w[:-2] in KIND_TABLE else w for w in words]
    return [w for k, w in enumerate(words) if not _says_how_young(words, k)]


def _without_pet_names(sentence: str) -> str:
    """`sentence` without the name given a creature: the word after "named" or "called",
    and a capitalised one right after a creature's name ("my dog Max")."""
    sentence = re.sub(r"\b(?:named|called)\s+[\w'\-]+", "", sentence)

    def kept(found: re.Match) -> str:
        creature = KIND_TABLE.get(found[1].lower()) in vocab.CREATURES
        word = found[0].split()[-1].lower()  # (not "A Dog Runs" said in capitals)
        return found[1] if creature and word not in KNOWN else found[0]

    return re.sub(r"\b([A-Za-z]+)\s+[A-Z][a-z]+\b", kept, sentence)


def _horse_and_rider(tokens: list[str]) -> list[str]:
    """`tokens` with "a horse and (its) rider" said as "a rider on a horse": one rides it."""
    for i in range(len(tokens) - 2):
        if tokens[i : i + 2] != ["horse", "and"]:
            continue
        j = i + 3 if tokens[i + 2] == "its" else i + 2
        if j < len(tokens) and tokens[j] in ("rider", "jockey"):
            return [*tokens[:i], tokens[j], "on", "a", "horse", *tokens[j + 1 :]]
    return tokens


def _doing_as_named(tokens: list[str]) -> list[str]:
    """`tokens`, where they name someone by what they do and say nothing else of what
    anyone does, with what that is said after the name ("a cyclist in the park": a cyclist
    riding a bike in the park)."""
    named = next((i for i, t in enumerate(tokens) if t in vocab.DOING_AS_NAMED), None)
    if named is None:
        return tokens
    doing = vocab.DOING_AS_NAMED[tokens[named]].split()
    if doing[0] == "riding" and set(vocab.RIDDEN) & _kinds_named(tokens):
        doing = doing[:1]  # "a rider on a horse": riding the one said
    said = {
        i: found[0]
        for i in range(len(tokens))
        if (found := _match(tokens, i, ACTION_TABLE))
        and tokens[i] not in vocab.GOING_WORDS  # "a runner crosses the line": runs
        and not _the_sea_s(tokens, i)  # "a surfer and big waves": no hand waves
    }
    riding = [i for i, action in said.items() if action in vocab.RIDING]
    if riding and doing[0] == "riding" and not set(vocab.RIDDEN) & _kinds_named(tokens):
        at = riding[0] + 1  # "a cyclist rides through the city": on a bike
        return [*tokens[:at], *doing[1:], *tokens[at:]]
    still = vocab.STILL_WORDS | vocab.STANDING_WORDS | vocab.MEALS
    if said or set(tokens) & still:
        return tokens
    return [*tokens[: named + 1], *doing, *tokens[named + 1 :]]


def _says_how_young(words: list[str], k: int) -> bool:
    """Whether `words[k]` is "baby" before a creature's name ("a baby elephant")."""
    after = words[k + 1] if k + 1 < len(words) else ""
    return words[k] in vocab.BABY_WORDS and KIND_TABLE.get(after) in vocab.CREATURES


# Known words that describe what follows them in a name.
_DESCRIBING = set(
    """new old little big small large tiny huge long short tall happy cute fluffy friendly
    excited playful lovely nice beautiful sweet wooden sandy gentle sunny snowy slow fast
    own same other hot cold warm lone""".split()
)


def _names_something(tokens: list[str], i: int) -> bool:
    """Whether the words at token i name a kind, a place, a time, a weather or a framing:
    what an unknown word before them describes ("a busy city", "a cozy morning"), so that
    word is no thing of its own (nor in "a brave little rabbit")."""
    while i < len(tokens) and tokens[i] in _DESCRIBING:
        i += 1
    if i < len(tokens) and tokens[i] in vocab.COLOURS:
        i += 1
    if i >= len(tokens):
        return False
    if tokens[i] in vocab.SEASON_WORDS or tokens[i] in _WHEN:  # "a cozy fall", "a windy day"
        return True
    if tokens[i] in vocab.MEALS or food_at(tokens, i):  # "a romantic dinner"
        return True
    return any(_match(tokens, i, table) for table in (KIND_TABLE, *(t for _, t in _SCENE_TABLES)))


# Words for a stretch of time, which a word before them describes ("a windy day").
_WHEN = {"day", "days", "weekend", "holiday", "holidays", "vacation", "week"}


def _opens_a_name(tokens: list[str], i: int) -> bool:
    """Whether the words before `i` open a name: "a", "the", "my" or a colour, past words
    that describe ("a shiny new bike", "the old wooden bridge"), or a video or a bunch "of"
    ("a timelapse of flowers", "a field of sunflowers"; not "full of joy")."""
    j = i - 1
    while j >= 0 and tokens[j] in _DESCRIBING:
        j -= 1
    if j >= 1 and tokens[j] == "of" and tokens[j - 1] in _OF_WHAT:
        return True
    return j >= 0 and (tokens[j] in DETERMINERS or tokens[j] in vocab.COLOURS)


# What the things "of" it are shown ("a video of", "a bunch of", "a field of").
_OF_WHAT = set(
    """timelapse time-lapse lapse video videos clip film shot shots footage photo picture
    bunch field fields group row rows flock herd pack swarm bouquet vase
    basket box bowl plate jar""".split()
)


def _describes_the_next(tokens: list[str], i: int) -> bool:
    """Whether the unknown word at `i` describes the unknown word after it, which is the
    thing ("a lonely robot", "a laser pointer"; not "a penguin waddles")."""
    j = i + 1
    while j < len(tokens) and tokens[j] in _DESCRIBING:
        j += 1  # "a shiny new bike"
    word, following = tokens[i], tokens[j] if j < len(tokens) else ""
    if following.endswith("ed") and _names_something(tokens, j + 1):
        return True  # "a spooky haunted house": both describe the house
    if following in vocab.RIDDEN_NOUNS:
        return True  # "a shiny new scooter": the scooter is the thing
    if not following or following in KNOWN or following.endswith(("ing", "ed")):
        return False
    return not (following.endswith("s") and not word.endswith("s"))  # "penguin waddles"


def _word_before(tokens: list[str], i: int) -> str:
    """The word before the mention at token i, past its determiners, describing words and
    colour ("and" in "a dog and a white cat", in "a mom and her little boy")."""
    i -= 1
    while i >= 0 and (
        tokens[i] in DETERMINERS or tokens[i] in vocab.COLOURS or tokens[i] in _DESCRIBING
    ):
        i -= 1
    return tokens[i] if i >= 0 else ""


def _rides_along(entity: dict) -> bool:
    """Whether `entity` may sit in a stroller pushed along: a child, doing nothing else
    yet (a walk it took as the one who pushes it, it does not)."""
    return entity["label"] == vocab.CHILD and entity["action"] in (None, "walk", "run")


def _match(tokens: list[str], i: int, table: dict[str, str]) -> tuple[str, int] | None:
    """Longest phrase of `table` starting at token i: (value, tokens used)."""
    for length in (3, 2, 1):
        phrase = " ".join(tokens[i : i + length])
        if len(tokens[i : i + length]) == length and phrase in table:
            return table[phrase], length
    return None


KIND_TABLE = {**{k: k for k in vocab.KINDS}, **vocab.KIND_SYNONYMS}
# The last word of each name of a kind ("driver" of "bus driver"): where a name ends.
_KIND_ENDS = {name.split()[-1] for name in KIND_TABLE}
ACTION_TABLE = {
    **{a: a for a in vocab.ACTIONS if a not in vocab.NAMES_NOT_DOINGS},
    **vocab.ACTION_SYNONYMS,
}
KNOWN = (
    set(vocab.NEUTRAL_WORDS)
    | vocab.MEALS
    | set(vocab.COLOURS)
    | {"nose"}
    | {
        w
        for table in (KIND_TABLE, ACTION_TABLE, *(t for _, t in _SCENE_TABLES))
        for phrase in table
        for w in phrase.split()
    }
)


# "Coming from the park.": the place a journey's last shot starts in (captioner's words).
_COMING_FROM = re.compile(
    rf"\b(?:coming|arriving|walking|travelling|traveling|heading)\s+(?:over\s+|in\s+)?from\s+"
    rf"(?:an?\s+|the\s+)?(?P<place>{vocab.PLACE_PATTERN})\b",
    re.IGNORECASE,
)


def _coming_from(prompt: str) -> tuple[str | None, str]:
    """The place a "coming from the park" phrase names, and the prompt without it."""
    found = _COMING_FROM.search(prompt)
    if found is None:
        return None, prompt
    place = vocab.PLACE_SYNONYMS[found["place"].lower()]
    return place, prompt[: found.start()] + prompt[found.end() :]


_PLAY_WORDS = {"play", "plays", "playing"}
# Whom one may play with, though the world draws no such kind: then it is not alone.
_PARTNER_WORDS = {"friend", "friends", "buddy", "pal", "mate", "companion", "together", "with"}
_MANY_WORDS = {"two", "three", "four", "five", "several", "many", "some", "both", "couple"}
_MANY_WORDS |= {"everyone", "everybody"}


# Games played sitting down, no ball to run after.
_SITTING_GAMES = set("games game gaming videogame videogames chess cards puzzle puzzles".split())
_SITTING_GAMES |= set("blocks toys lego legos".split())  # on the floor with them


def _plays_alone(tokens: list[str]) -> bool:
    """Whether a clause has one of a kind playing with no one ("a puppy playing in the
    grass"; not "two dogs playing", "kids play", "plays with its friend")."""
    if not _PLAY_WORDS & set(tokens) or (_PARTNER_WORDS | _MANY_WORDS) & set(tokens):
        return False
    if _SITTING_GAMES & set(tokens):  # "playing video games": sitting at them, no ball
        return False
    return not _said_of_many(tokens)


def _said_of_many(tokens: list[str]) -> bool:
    """Whether a clause names many of a kind: "people", "kids", "two dogs"."""
    plural = [t for t in tokens if t in vocab.KIND_SYNONYMS and t.endswith(("s", "ren", "men"))]
    return bool(plural) or "people" in tokens or bool(_MANY_WORDS & set(tokens))


def parse(prompt: str, *, set_in: str | None = None) -> ParsedPrompt:
    """Understand `prompt` as a synthworld scene; `set_in`: the place it is in where it
    names none (what "the fire" is there: a fireplace indoors, else a campfire)."""
    arrives_from, prompt = _coming_from(prompt)
    fires: list[int] = []  # the entities "the fire" named
    scene: dict[str, str] = {}
    entities: list[dict] = []
    placeholders: list[str] = []
    unsupported: list[str] = []
    awaited: list[str] = []
    beyond: list[tuple[str, str]] = []  # a later action of a sentence its doer cannot do
    said_as: dict[int, str] = {}  # the word each entity was first named by
    natural: dict[int, str] = {}  # an entity's colour by what it is ("a swan": white)

    def entity_for(mention: _Mention, definite: bool, another: bool = False) -> int:
        """The entity a mention names: one already met, unless it is `another`."""
        for index, existing in enumerate(entities):
            if another:
                break
            same_kind = existing["kind"] == mention.kind and (
                existing["label"] == mention.label
                or (mention.kind == "person" and not mention.label)  # "the girl": whoever
            )
            one_of_a_kind = mention.kind in vocab.MOVES_AS_DRAWN  # "a storm with lightning"
            if (
                same_kind
                and (mention.colour in (None, existing["colour"]))
                and (definite or mention.colour is not None or one_of_a_kind)
            ):
                return index
        entities.append(
            {
                "kind": mention.kind,
                "colour": mention.colour,
                "action": None,
                "target": None,
                "label": mention.label,
            }
        )
        return len(entities) - 1

    # Each sentence, and each clause a "while" opens, has its own subject and action ("two
    # kids play with a ball while their dog chases birds").
    last_subject: int | None = None
    words_anywhere = set(_tokens(prompt))  # in any sentence
    named_anywhere = _kinds_named(_tokens(prompt))
    parts = re.split(r"([.;!?\n]+|,?\s+while\s+)", prompt, flags=re.IGNORECASE)
    for k, sentence in enumerate(parts[::2]):
        after_while = k > 0 and "while" in parts[2 * k - 1].lower()
        said_tokens = _horse_and_rider(_tokens(sentence))
        tokens = _doing_as_named(said_tokens)
        by_name = tokens != said_tokens  # "a fisherman": fishing, said by the name alone
        mentions: list[int] = []
        companions: list[int] = []  # walked by the subject, or "with" it: do as it does
        actions: list[str] = []
        fetched = False  # "playing fetch": a ball, whether named or not
        occasions: list[str] = []  # what the occasions said bring ("a birthday": a cake)
        ridden_by = ""  # the word that says riding ("rides", "horseback")
        up_in = False  # a tree is said to be what one is in or on ("an owl in a tree")
        up_on_swing = False  # a swing is said to be what one is on ("a kid on a swing")
        on_a_seesaw = False  # and a seesaw ("two kids on a seesaw")
        down_a_slide = False  # and a slide ("sliding down the slide", "on the slide")
        sat_in = False  # a seat is said to be what one is on or in ("in her armchair")
        jumped_over: int | None = None  # what is said to be jumped over ("over a fence")
        jumped_on: int | None = None  # what is said to be jumped on ("on the bed")
        joined_by_and = False
        to_target: int | None = None
        described = False  # the word before was one describing an unknown thing
        said_to = -1  # where the last mention's words end
        hand_in_hand = False  # "holding hands", "hand in hand": walking together so
        filming = False  # the camera filming is said: what it does is no one's doing
        first_doing = ""  # the word of the sentence's first action ("dancing")
        puddled = False  # puddles are said: jumping in them is splashing
        i = 0
        while i < len(tokens):
            token = tokens[i]
            hit = None
            for name, table in _SCENE_TABLES:
                found = _match(tokens, i, table)
                if found and name not in scene:
                    scene[name] = found[0]
                if found and (hit is None or found[1] > hit[1]):
                    hit = found
            joined = next((n for n in (3, 2) if " ".join(tokens[i : i + n]) in _HAND_IN_HAND), 0)
            if joined:
                hand_in_hand = True
                i += joined
                continue
            boarded = [t for t in tokens[i + 1 : i + 3] if t not in DETERMINERS][:1] == ["bus"]
            if token in _BOARDING and boarded:  # "catching the bus": riding it
                actions.append("ride")
                ridden_by, first_doing = token, first_doing or token
                i += 1
                continue
            won = token in _WINNING and _kinds_named(tokens[i + 1 : i + 4]) & set(vocab.HUGGED)
            if won:  # "winning a teddy bear": hugging it
                actions.append("hug")
                i += 1
                continue
            if token in _TEXTING:  # "texting": a phone in hand, looking at its screen
                if "phone" not in _kinds_named(tokens):
                    mentions.append(entity_for(_Mention("phone", None), True))
                i += 1
                continue
            if token in _PHOTOS and _word_before(tokens, i) in _TAKING:  # "taking photos"
                if not {"phone", "camera"} & _kinds_named(tokens):  # with a camera
                    mentions.append(entity_for(_Mention("camera", None), True))
                i += 1
                continue
            eaten = food_at(tokens, i)
            if eaten:  # "eating a sandwich": eaten, drawn in the hand (or on a plate)
                had = _word_before(tokens, i) in _HAVING  # "a man with a hot dog"
                actions += ["eat"] if had and not actions else []  # (not "steals a sandwich")
                i += eaten
                continue
            if token in vocab.READ:  # "reading a book": the book in the reader's hands
                had = _word_before(tokens, i) in _HAVING  # "a girl with a book"
                actions += ["read"] if had and not actions else []
                i += 1
                continue
            if names_the_fire(tokens, i):  # which fire, once the place is known
                fires.append(entity_for(_Mention("campfire", None), True))
                mentions.append(fires[-1])
                i += 1
                continue
            colour = token if token in vocab.COLOURS else None
            start = i + 1 if colour else i
            kind = _match(tokens, start, KIND_TABLE) if start < len(tokens) else None
            if kind and not colour and _said_as_verb(tokens, i):
                kind = None  # "she drinks it": drinking, no drinks
            if kind and is_awaited(tokens, i):  # "waiting for its owner": not there yet
                awaited.append(kind[0])
                i = start + kind[1]
                continue
            if kind and is_lacked(tokens, i):  # "without an umbrella": none to draw
                i = start + kind[1]
                continue
            after = tokens[start + kind[1]] if kind and start + kind[1] < len(tokens) else ""
            if kind and kind[0] in vocab.CREATURES and after in vocab.WORN_AS:
                unsupported.extend(
                    w for w in tokens[start : start + kind[1] + 1] if w not in unsupported
                )
                i = start + kind[1] + 1  # "a man in a bear costume": no bear
                continue
            made_of = _match(tokens, start + kind[1], KIND_TABLE) if after else None
            if kind and made_of and tokens[start + kind[1] - 1] in vocab.toy_words(made_of[0]):
                i = start + kind[1]  # "a blanket fort": what it is made of, no blanket
                continue
            toy = kind and i > 0 and tokens[i - 1] in vocab.toy_words(kind[0])
            if toy and not colour:
                # "a teddy bear", "a toy horse", "a paper airplane": a toy, which the world
                # cannot draw
                label = " ".join(tokens[i - 1 : i + kind[1]])
                bathing = any(ACTION_TABLE.get(t) == "bathe" for t in tokens)
                if bathing and label in vocab.BATH_TOYS:
                    i += kind[1]  # "a bath with a rubber duck": the tub's, bobbing in it
                    unsupported[:] = [w for w in unsupported if w != tokens[i - kind[1] - 1]]
                    continue
                if tokens[i - 1] in unsupported:
                    unsupported.remove(tokens[i - 1])
                if label not in placeholders:
                    placeholders.append(label)
                mentions.append(entity_for(_Mention("placeholder", "white", label), True))
                i += kind[1]
                continue
            if kind and kind[0] == "camera" and is_the_filming_camera(tokens, start):
                i = start + kind[1]  # "a tracking camera following", "the camera pans"
                filming = True
                continue
            if kind and names_a_part(tokens, start + kind[1] - 1):  # the cake's candles
                i = start + kind[1]
                continue
            of_it = kind and mentions and start > 0 and tokens[start - 1] == "of"
            if of_it and said_to == start - 1 and entities[mentions[-1]]["kind"] == kind[0]:
                i = start + kind[1]  # "a cup of coffee": one cup, said as what is in it
                continue
            named_on = kind and not colour and i == said_to and mentions  # "retriever puppy"
            if named_on and entities[mentions[-1]]["kind"] == kind[0]:
                said_to = i = start + kind[1]  # one of them, said in two words
                continue
            if kind and not (hit and hit[1] > kind[1] + (1 if colour else 0)):
                if (
                    kind[0] == "person"
                    and mentions
                    and tokens[start + kind[1] - 1] in vocab.PARENTS
                ):
                    whose = entities[mentions[0]]["kind"]  # "a baby elephant and its mother"
                    kind = (vocab.kind_of_parent(whose, tokens[i - 1]), kind[1])
                definite = i > 0 and tokens[i - 1] == "the"
                another = i > 0 and tokens[i - 1] == "another"  # "another brown dog": two
                word = tokens[start + kind[1] - 1]
                young = kind[0] == "person" and vocab.is_child(tokens, start + kind[1] - 1)
                # "the boy" after "her little boy" is the little one again
                met = [i for i, e in enumerate(entities) if e["label"] == vocab.CHILD]
                young = young or (definite and any(said_as.get(i) == word for i in met))
                label = vocab.CHILD if young else ""
                many = word.endswith("s") or tokens[i - 1 : i] == ["some"]
                if kind[0] in vocab.BUNCHED and many:
                    label = vocab.BUNCH  # "balloons": a bunch of them
                index = entity_for(_Mention(kind[0], colour, label), definite, another)
                said_as.setdefault(index, word)
                said = " ".join(tokens[start : start + kind[1]])
                if said in vocab.NATURAL_COLOUR:
                    natural.setdefault(index, vocab.NATURAL_COLOUR[said])
                if i > 0 and tokens[i - 1] in ("to",) or (i > 1 and tokens[i - 2] == "to"):
                    to_target = index
                before = _word_before(tokens, i)
                if kind[0] == "cup" and before in _HAVING - {"with"} and not actions:
                    actions.append("eat")  # "having ice cream": held, as one eating it
                aboard = kind[0] in vocab.RIDDEN and before in _ABOARD and not ridden_by
                aboard |= kind[0] == "boat" and before == "from" and not ridden_by  # fishing
                up_in |= kind[0] == "tree" and before in _UP_IN  # "on a branch", "up a tree"
                up_in |= kind[0] == "tree" and before in vocab.CLIMBING  # "climbing a tree"
                rescued = kind[0] == "tree" and before == "from" and bool(_RESCUING & set(tokens))
                up_in |= rescued  # "rescuing a cat from a tree": it is up in it
                up_in |= kind[0] == "fence" and before in ("on", "atop")  # on its top rail
                on_swing = kind[0] == "swing" and before in ("on", "in")
                pushed = on_swing and mentions[1:] and entities[mentions[-1]]["kind"] == "person"
                if pushed and entities[mentions[-1]]["action"] is None:
                    # "a dad pushing his daughter on a swing": she is on it, he pushes
                    entities[mentions[-1]].update(action="swing", target=index)
                    entities[mentions[0]]["target"] = index
                up_on_swing |= on_swing and not pushed
                on_a_seesaw |= kind[0] == "seesaw" and before in ("on", "at")
                down_a_slide |= kind[0] == "slide" and before in ("on", "down", "at")
                sat_in |= (
                    kind[0] in vocab.SEATED_ON and kind[0] != "table" and before in ("on", "in")
                )
                carried = mentions[-1] if mentions and before == "in" else None
                if (
                    kind[0] == "stroller"
                    and carried is not None
                    and _rides_along(entities[carried])
                ):
                    # "pushing her grandson in a stroller", "a baby asleep in a stroller"
                    sleeps = carried == mentions[0] and actions[:1] == ["sleep"]
                    entities[carried].update(action="sleep" if sleeps else "sit", target=index)
                if kind[0] in vocab.JUMPED_OVER and before == "over":
                    jumped_over = index  # "jumping over a fence"
                if kind[0] in vocab.BOUNCED_ON and before in ("on", "onto", "upon"):
                    jumped_on = index  # "jumping on the bed"
                seen_up = mentions[1:] and entities[mentions[-1]]["action"] is None
                if up_in and seen_up and entities[mentions[-1]]["kind"] in vocab.ACTIONS["perch"]:
                    # "a girl watches a bird in a tree": the bird is up in it
                    entities[mentions[-1]].update(action="perch", target=index)
                rider = entities[mentions[0]]["kind"] if mentions else None
                if aboard and (rider == "person" or (rider, kind[0]) == ("dog", "car")):
                    ridden_by = before  # "a girl on a horse", "a man in a boat": riding it
                if mentions and before == "and":
                    joined_by_and = True
                if mentions and (before == "with" or ACTION_TABLE.get(before) == "walk"):
                    companions.append(index)
                mentions.append(index)
                said_to = i = start + kind[1]
                continue
            if hit:
                verb = _match(tokens, i, ACTION_TABLE)
                if verb and verb[1] < hit[1]:  # "exploring the house": what is done there too
                    actions.append(verb[0])
                    first_doing = first_doing or token
                i += hit[1]
                continue
            action = _match(tokens, i, ACTION_TABLE)
            if token in ("wave", "waves") and i > 0 and tokens[i - 1] in _KIND_ENDS:
                action = ("wave", 1)  # "the bus driver waves": said right after who does
            if action is None and mentions and token in _GOING and _goes_somewhere(tokens, i):
                action = ("walk", 1)  # "then they go home", "heads to the park": on foot
            if token in ("pet", "pets") and i > 0 and tokens[i - 1] in _KIND_ENDS:
                action = ("pet", 1)  # "a girl pets her cat" ("her pets": her animals)
            caught = catches_a_fish(tokens, i) if mentions else 0
            if caught and entities[mentions[0]]["kind"] == "person":
                actions.append("angle")  # "catches a big fish": on the line, not seen
                i += caught
                continue
            drinker = mentions and entities[mentions[0]]["kind"] == "person"
            cup = any(entities[m]["kind"] == "cup" for m in mentions)
            cup |= "cup" in _kinds_named(tokens[i + 1 :])  # "drinks a cup of tea"
            if action and token in _DRINKING and drinker and not cup:
                mentions.append(entity_for(_Mention("cup", None), True))  # what is drunk from
            if action and token in vocab.FIRE_LOOKS and _looks_of_a_fire(tokens, i):
                action = None  # "by a roaring fire": the fire's, no animal's roar
            if action and token in vocab.COLLECTIVES and tokens[i + 1 : i + 2] == ["of"]:
                action = None  # "a row of streetlights": how many, no one rowing
            if action and _done_before(tokens, i):  # "shaking off water after a swim"
                i += action[1]
                continue
            if action and action[0] == "swing" and _swings_something(tokens, i):
                action = ("stand", action[1])  # "swinging a bat": no swing to be on
            if action and token in _WAITING and _waits_standing(entities, mentions, tokens):
                action = ("stand", 1)  # "a man waiting under a street lamp": on his feet
            elif action and token in _WAITING and _waits_for_a_bus(entities, mentions, tokens):
                mentions.append(entity_for(_Mention("bench", None), True))  # the stop's
            if action and action[0] == "wave" and _the_sea_s(tokens, i):
                action = None  # "big waves at the beach": the sea's, no hand's
            if action and not mentions and token in vocab.RIDDEN_NOUNS:
                action = None  # "a red scooter by the café": a thing, no one riding it
            if action and token in _PLAY_WORDS and _SITTING_GAMES & set(tokens):
                i += action[1]  # "playing chess": sitting at it (said by the game's word)
                continue
            if action and not mentions and _a_doing_named(tokens, i, action[0]):
                # "a walk in the woods", "a morning jog on the beach": someone on it (two on
                # a romantic one)
                mentions.append(entity_for(_Mention("person", None), True))
                if _FOR_TWO & set(tokens[:i]):
                    mentions.append(entity_for(_Mention("person", None), False, another=True))
                    joined_by_and = True
                    if action[0] == "walk":  # "a romantic walk on the beach": hand in hand
                        action = ("stroll", action[1])
            only_people = vocab.ACTIONS.get(action[0]) == ("person",) if action else False
            if only_people and i == 0 and not mentions and tokens[0].endswith("ing"):
                # "making s'mores by the fire": someone does it, before what is named after
                mentions.append(entity_for(_Mention("person", None), True))
            if action:
                actions.append(action[0])
                said = tokens[i : i + action[1]]
                first_doing = first_doing or said[0]
                fetched |= "fetch" in said[0] or (len(said) > 1 and said[-1] == "catch")
                ridden_by = tokens[i] if action[0] in vocab.RIDING else ridden_by
                i += action[1]
                continue
            if token in vocab.RACKET_GAMES:  # "playing tennis": hitting a ball to and fro
                i += 1
                continue
            if token in ("bowl", "bowls") and "fish" in named_anywhere:  # "in a bowl"
                mentions.append(entity_for(_Mention("fishbowl", None), True))
                i += 1
                continue
            if token in vocab.UNWRAPPING and "present" in named_anywhere and mentions:
                actions.append("sit")  # "opening presents": sitting with them
                i += 1
                continue
            if token in vocab.PUDDLES:  # drawn under whoever splashes in them
                puddled = True
                i += 1
                continue
            teaching = token in _TEACHING and mentions
            if teaching and any(_match(tokens, j, ACTION_TABLE) for j in range(i + 1, len(tokens))):
                joined_by_and = True  # "teaching his grandson to fish": both of them fish
                i += 1
                continue
            # "a cat sleeping": it sits (not "the picnic table": a kind of table)
            if token in vocab.STILL_WORDS and mentions and not _describes_the_next(tokens, i):
                still = "sit" if entities[mentions[0]]["kind"] in vocab.ACTIONS["sit"] else "stand"
                actions.append(still)
                if token.startswith("picnic"):  # on a blanket spread for it
                    mentions.append(entity_for(_Mention("blanket", None), True))
            elif token in vocab.STANDING_WORDS and mentions:  # "a chef cooking": stands
                built = token in vocab.MAKING and _kinds_named(tokens) & set(vocab.BUILT)
                brewed = token in vocab.MAKING | vocab.POURING and makes_a_drink(tokens, i)
                actions.append("build" if built else "hold" if brewed else "stand")
                if built or brewed:  # "making a snowman", "pouring a latte": drawn so
                    i += 1
                    continue
            elif token in vocab.MEALS and not _describes_the_next(tokens, i):
                if not mentions or entities[mentions[0]]["kind"] not in vocab.CREATURES:
                    # "a candlelit dinner": no one named has it, so someone dines (a
                    # couple, where it is for two)
                    diners = 2 if set(tokens) & _FOR_TWO or "for two" in " ".join(tokens) else 1
                    diner = _Mention("person", None)
                    mentions[:0] = [entity_for(diner, False, another=True) for _ in range(diners)]
                    joined_by_and |= diners > 1
                actions.append("eat")  # "having dinner": eating it, a person at a table
                if entities[mentions[0]]["kind"] == "person":
                    occasions.append("table")
            if token in vocab.OCCASIONS:  # "a birthday party": its cake, its balloons
                occasions.append(vocab.OCCASIONS[token])
            elif names_a_part(tokens, i):
                pass  # "the candles on the cake": the cake's, drawn with it
            elif token in vocab.COLLECTIVES and tokens[i + 1 : i + 2] == ["of"]:
                pass  # "a flock of birds": how many, no thing of its own
            elif token in _PAINTINGS and "paint" in actions:
                pass  # "painting a picture": the canvas on the easel, painted as they go
            elif token == "work" and tokens[i - 1 : i] in (["to"], ["from"]):
                pass  # "walking to work": where they go, no thing to see on the way
            elif token in vocab.PEOPLE_TOGETHER and tokens[i + 1 : i + 2] != ["of"]:
                # "… while a couple walks along the shore": two people (the one it is about
                # was already read so, `plan.beats.drawable`)
                grown, young = vocab.PEOPLE_TOGETHER[token]
                first = len(mentions) == 0
                for k in range(grown + young):
                    label = vocab.CHILD if k >= grown else ""
                    mentions.append(entity_for(_Mention("person", None, label), True, another=True))
                    if k and first:
                        companions.append(mentions[-1])  # doing as the first of them does
            elif token not in KNOWN or (token in vocab.RIDDEN_NOUNS and not mentions):
                named = _opens_a_name(tokens, i) or described
                # "a nap" is a time spent still (above), no thing to stand in for; what one
                # wears ("with his headphones on") is no thing beside them
                thing = token not in vocab.STILL_WORDS | vocab.DOINGS and not _worn(tokens, i)
                described = named and _describes_the_next(tokens, i)  # "a lonely robot"
                if named and thing and not described and not _names_something(tokens, i + 1):
                    if token not in placeholders:
                        placeholders.append(token)
                    mentions.append(entity_for(_Mention("placeholder", "white", token), True))
                elif token not in unsupported:
                    unsupported.append(token)
            i += 1
        if hand_in_hand:  # "a couple walking on the beach holding hands": together
            actions = [a for a in actions if a != "hold"]
            seated = any(entities[m]["kind"] in vocab.SEATED_ON for m in mentions)
            going = {"walk", "run"} & set(actions)
            together = "sit" if seated and not going else "stroll"  # "on a park bench": sat
            actions = [together if a in ("walk", "run", "stand") else a for a in actions]
            actions = actions or [together]
        if "drive" in actions and mentions and entities[mentions[0]]["kind"] == "person":
            mentions, actions = _at_the_wheel(entities, mentions, actions, entity_for)
        diving = actions[:1] == ["jump"] and mentions and _into_the_water(tokens)
        if diving and entities[mentions[0]]["kind"] in vocab.ACTIONS["swim"]:
            actions = ["swim", *actions[1:]]  # "jumps into the lake": swimming in it
        seated = next((a for a in actions[1:] if a in _DONE_SEATED), None)
        if actions[:1] == ["sit"] and seated:  # "sitting in a chair reading": reading, seated
            actions = [seated, *(a for a in actions[1:] if a != seated)]
        knocking = "knock" in actions and mentions and entities[mentions[0]]["kind"] == "cat"
        if knocking and not any(entities[m]["kind"] == "table" for m in mentions):
            mentions = [*mentions, entity_for(_Mention("table", None), True)]  # what it is on
        proposing = "propose" in actions and mentions and entities[mentions[0]]["kind"] == "person"
        if proposing and not any(entities[m]["kind"] == "person" for m in mentions[1:]):
            to_target = entity_for(_Mention("person", None), True, another=True)  # to whom
            mentions = [*mentions, to_target]
        swinger = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["swing"]
        swings = [m for m in mentions if entities[m]["kind"] == "swing"]
        if swinger and actions[:1] in ([], ["sit"], ["stand"]) and swings and up_on_swing:
            actions = ["swing", *actions[1:]]  # "a kid on a swing": swinging on it
        seesaws = [m for m in mentions if entities[m]["kind"] == "seesaw"]
        if swinger and actions[:1] in ([], ["sit"], ["stand"], ["meet"]) and on_a_seesaw:
            actions = ["seesaw", *actions[1:]]  # "two kids playing on a seesaw": on it
        if swinger and actions[:1] == ["seesaw"] and not seesaws:
            mentions.append(entity_for(_Mention("seesaw", None), True))  # "kids seesawing"
        slides = [m for m in mentions if entities[m]["kind"] == "slide"]
        if swinger and actions[:1] in ([], ["sit"], ["stand"], ["meet"]) and down_a_slide:
            actions = ["slide", *actions[1:]]  # "kids on the slide": going down it
        if actions[:1] == ["slide"] and not slides:  # "sliding on the ice": no slide to draw
            actions = actions[1:]
            unsupported.extend(t for t in tokens if ACTION_TABLE.get(t) == "slide")
        if swinger and actions[:1] == ["swing"] and not swings:
            mentions.append(entity_for(_Mention("swing", None), True))  # "kids swinging"
        sitter = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["sit"]
        by_a_fire = any(entities[m]["kind"] in ("fireplace", "campfire") for m in mentions[1:])
        by_a_fire &= not any(entities[m]["kind"] == "cup" for m in mentions)  # (cocoa in hand)
        if (sat_in or by_a_fire) and sitter and not actions:
            # "a grandma in her armchair", "a cat on the sofa", "a cat by the fireplace":
            # sitting there (it walked about)
            actions = ["sit"]
        percher = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["perch"]
        if percher and up_in and actions[:1] in ([], ["sit"], ["stand"]):
            actions = ["perch", *actions[1:]]  # "an owl sitting on a branch": up in its tree
            unsupported[:] = [w for w in unsupported if w not in vocab.CLIMBING]  # up it
        climber = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["climb"]
        trees = [m for m in mentions if entities[m]["kind"] == "tree"]
        # (not "a girl watches a bird in a tree": the bird is up in it)
        up_there = not any(entities[m]["action"] == "perch" for m in mentions[1:])
        if climber and up_in and up_there and trees and actions[:1] in ([], ["sit"], ["stand"]):
            actions = ["climb", *actions[1:]]  # "a boy climbing a tree", "up a tree": up it
            unsupported[:] = [w for w in unsupported if w not in vocab.CLIMBING]
        carrier = mentions and entities[mentions[0]]["kind"] in vocab.MOUTH_CARRIERS
        carried = [m for m in mentions[1:] if entities[m]["kind"] in vocab.CARRIED_IN_THE_MOUTH]
        mouthed = "mouth" in tokens and actions[:1] in ([], ["walk"], ["run"])
        if carrier and carried and (actions[:1] == ["hold"] or mouthed):
            # "a dog carrying a stick", "running with a ball in its mouth": in its mouth
            entities[carried[0]]["target"] = mentions[0]
            actions = [a if a != "hold" else "walk" for a in actions] or ["walk"]
            unsupported[:] = [w for w in unsupported if w != "mouth"]
        groomed = [m for m in mentions[1:] if entities[m]["kind"] in vocab.ANIMALS_PETTED]
        if (
            _BRUSHING & set(tokens)
            and groomed
            and not actions
            and entities[mentions[0]]["kind"] == "person"
        ):
            actions = ["pet"]  # "brushing her horse": groomed, stroked down its neck
            unsupported[:] = [w for w in unsupported if w not in _BRUSHING]
        boxed = any(entities[m]["kind"] == "box" for m in mentions[1:])
        hider = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["sit"]
        if _HIDING & set(tokens) and boxed and hider and not actions:
            actions = ["sit"]  # "a cat hiding in a cardboard box": sitting in it, peeking out
            unsupported[:] = [w for w in unsupported if w not in _HIDING]
        rescuing = _RESCUING & set(tokens) and not up_there  # whom, up in it, they go up to
        if climber and up_in and rescuing and trees and actions[:1] in ([], ["stand"]):
            actions = ["climb", *actions[1:]]  # "a firefighter rescuing a cat from a tree"
            unsupported[:] = [w for w in unsupported if w not in _RESCUING]
        walker = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["walk"]
        uphill = vocab.CLIMBING & set(tokens) and vocab.CLIMBED_ON_FOOT & set(tokens)
        if walker and uphill and not trees and not actions:
            actions = ["walk"]  # "climbing a mountain", "climbs the stairs": walked up
            unsupported[:] = [w for w in unsupported if w not in vocab.CLIMBING]
        talking = "talk" in actions and mentions and entities[mentions[0]]["kind"] == "person"
        alone = len(mentions) == 1 and not _said_of_many(tokens)
        if talking and alone and _DATING & set(tokens) and actions[0] == "talk":
            # "a man on a date": with whom he is out, the two of them talking
            mentions = [*mentions, entity_for(_Mention("person", None), False, another=True)]
            joined_by_and = True
        sat_on = {entities[m]["kind"] for m in mentions} & {"table", *vocab.SEATED_ON}
        at_work = talking and said_as.get(mentions[0]) in vocab.WORKPLACES  # "a barista"
        if talking and scene.get("place", set_in) == "cafe" and not (sat_on or at_work):
            occasions.append("table")  # talking at a café: sitting at one of its tables
        if "read" in actions and "bedtime" in tokens and "bed" not in named_anywhere:
            occasions.append("bed")  # "reading a bedtime story": sitting on the bed
        at_a_piano = any(entities[m]["kind"] == "piano" for m in mentions[1:])
        if actions and actions[0] != "stand":  # "practising yoga": doing it, drawn so
            unsupported[:] = [w for w in unsupported if w not in _PRACTISING]
        if at_a_piano and not actions and entities[mentions[0]]["kind"] == "person":
            actions = ["play"]  # "a boy practising piano", "piano lessons": at its keys
            unsupported[:] = [w for w in unsupported if w not in _PRACTISING]  # drawn so
        angling = "angle" in actions and not set(vocab.RIDING) & set(actions)
        if ridden_by in (*_ABOARD, "from") and angling and _a_boat(entities, mentions):
            # "fishing from a boat": sitting in it, the line out over its side
            actions, ridden_by = ["angle", *(a for a in actions if a not in ("angle", "stand"))], ""
        if ridden_by in _ABOARD and not set(vocab.RIDING) & set(actions):
            actions = ["ride", *(a for a in actions if a != "stand")]  # in it, not beside it
        if ridden_by:
            brings = next((t for t in tokens if t in _BRINGS), ridden_by)  # "horseback riding"
            mentions, actions = _ride(entities, mentions, actions, brings, entity_for)
            drawn = set(vocab.RIDING) | set(vocab.RIDDEN_STANDING)  # on a scooter: scooting
            if not drawn & set(actions) and ridden_by not in unsupported:
                unsupported.append(ridden_by)  # "riding a wave": no drawing of that
        if puddled:  # "jumping in puddles", "walking through puddles": splashing in them
            splashing = mentions and entities[mentions[0]]["kind"] in vocab.ACTIONS["splash"]
            kept = ("splash", "jump", "walk", "run", "stand", "meet")
            if splashing and (not actions or actions[0] in kept):
                actions = ["splash", *actions[1:]]
            elif "puddles" not in unsupported:
                unsupported.append("puddles")
        if "bathe" in actions:  # "relaxing in a bubble bath", "splashing in the tub"
            actions = ["bathe", *(a for a in actions if a not in _DONE_IN_THE_BATH)]
            unsupported[:] = [w for w in unsupported if w not in vocab.STILL_WORDS & set(tokens)]
            if scene.get("place", set_in) in vocab.WATER_PLACES:  # "bathing in the river"
                actions = ["swim" if a == "bathe" else a for a in actions]
            elif _gives_a_bath(entities, mentions, actions, tokens):
                # "giving her dog a bath", "bathing the baby": kneeling by its tub
                actions = ["scrub", *(a for a in actions if a not in ("bathe", "give"))]
            elif "from" in tokens:  # "a dog gets a bath from his owner": the owner gives it
                giver = next((m for m in mentions[1:] if entities[m]["kind"] == "person"), None)
                if giver is not None and entities[giver]["action"] is None:
                    entities[giver].update(action="scrub", target=mentions[0])
        how = _tossed(tokens)
        if how:
            game = how == "rally" or "catch" in tokens  # a ball, whether named or not
            fight = _a_throwing_fight(tokens)
            mentions, actions, drawn = _toss(
                entities, mentions, actions, how, game, entity_for, fight
            )
            if drawn:  # "throwing", the snowball "fight": drawn so
                unsupported[:] = [w for w in unsupported if w not in _SENT_WORDS]
        elif fetched:
            mentions, actions = _fetch(entities, mentions, actions, entity_for)
        elif len(mentions) == 1 and _plays_alone(tokens):  # "a puppy playing": with a ball
            mentions.append(entity_for(_Mention("ball", None), True))
            actions = ["chase" if a == "meet" else a for a in actions]
        actions = _held_by_first_person(entities, mentions, actions)
        actions = _in_arms(entities, mentions, actions, tokens)
        if _CALLING & set(tokens):  # "talking on the phone": held to the ear
            for phone in (m for m in mentions if entities[m]["kind"] == "phone"):
                entities[phone]["action"] = "call"
                unsupported[:] = [w for w in unsupported if w not in _CALLING]  # drawn so
                actions = [a for a in actions if a != "talk"]  # the call is the talk
        if "tug" in actions:  # "playing tug of war": tugging, at its rope, said or not
            actions = ["tug", *(a for a in actions if a not in ("meet", "tug"))]
            occasions.append("rope")
        at_an_easel = "paint" in actions and not _PAINTED_ON & words_anywhere
        if at_an_easel and mentions and "easel" not in named_anywhere:
            occasions.append("easel")  # "painting in the park": at an easel
        fire_named = {"campfire", "fireplace"} & named_anywhere or fires
        if "roast" in actions and not fire_named:
            occasions.append("campfire")  # "roasting marshmallows": over a campfire
        if "gardening" in tokens and "flower" not in named_anywhere:
            occasions.append("flower")  # "a woman gardening": the flowers she tends
        kept = any(said_as.get(m) in vocab.KEPT_IN_A_BOWL for m in mentions)
        if kept and scene.get("place") not in vocab.WATER_PLACES:
            occasions.append("fishbowl")  # a goldfish in its bowl, unless in a pond, the sea
        mentions += _brought(entities, mentions, occasions, entity_for)  # not held: set out
        if "decorate" in actions:  # a tree decorated is a christmas tree; else not drawn
            decorated = [m for m in mentions if entities[m]["kind"] in vocab.DECORATED]
            for tree in decorated:
                entities[tree]["kind"] = "christmas tree"
            if not decorated:  # "decorating a cake"
                actions = [a for a in actions if a != "decorate"]
                said = (t for t in tokens if ACTION_TABLE.get(t) == "decorate")
                unsupported.append(next(said, "decorating"))
        many = _said_of_many(tokens)
        _apply(entities, mentions, actions, joined_by_and, to_target, companions, many)
        if by_name:  # "a dog and a fisherman": the dog does not fish
            for m in mentions:
                kind, action = entities[m]["kind"], entities[m]["action"]
                if action and kind not in vocab.ACTIONS.get(action, (kind,)):
                    entities[m]["action"] = None
        if mentions:  # "a rider galloping on a horse", "… jumping over a fence": the horse
            _carried_does(entities, mentions[0], actions, jumped_over)
            jumper = entities[mentions[0]]
            if jumper["action"] == "jump" and jumper["target"] is None and jumped_on is not None:
                jumper["target"] = jumped_on  # bouncing on it
        teacher = entities[mentions[0]] if mentions else {}
        if _TEACHING & set(tokens) and len(mentions) > 1 and teacher["action"] in vocab.RIDING:
            # "teaching his daughter to ride a bike": she rides, he walks alongside
            learner = entities[mentions[1]]
            learner["action"], learner["target"] = teacher["action"], teacher["target"]
            teacher["action"], teacher["target"] = "walk", None
        if _FEEDING & set(tokens):  # "feeding pigeons": the fed eat what is thrown them
            fed = [m for m in mentions[1:] if entities[m]["action"] is None]
            fed = [m for m in fed if entities[m]["kind"] != "person"]  # (not "her grandpa")
            for m in (m for m in fed if entities[m]["kind"] in vocab.ACTIONS["eat"]):
                entities[m]["action"] = "eat"
                unsupported[:] = [w for w in unsupported if w not in _FEEDING]  # drawn so
        if mentions:  # "meets a friend and they dance": a dog cannot, said so
            kind = entities[mentions[0]]["kind"]
            also = [a for a in actions[1:] if kind not in vocab.ACTIONS.get(a, (kind,))]
            beyond.extend((kind, a) for a in also if kind != "placeholder")
            last_subject = mentions[0]
        elif actions[:1] == ["talk"] and not (entities or filming) and _DATING & set(tokens):
            # "date night at home": the two out together, talking
            couple = [entity_for(_Mention("person", None), False, another=True) for _ in "ab"]
            _apply(entities, couple, actions, True, None, [])
            last_subject = couple[0]
        elif (
            actions
            and not (entities or filming)
            and first_doing.endswith("ing")
            and "person" in vocab.ACTIONS[actions[0]]
        ):
            # "dancing in the rain", "surfing at sunset": someone does it, and only a
            # person does it ("chases it" is said of one named before)
            person = entity_for(_Mention("person", None), True)
            _apply(entities, [person], actions, False, None, [])
            last_subject = person
        elif actions and after_while and last_subject is not None:
            # "talking on the phone while walking": the one who was does it too, where they
            # did nothing else
            subject = entities[last_subject]
            able = subject["kind"] in vocab.ACTIONS.get(actions[0], ())
            if able and subject["action"] in (None, "stand"):
                subject["action"] = actions[0]

    if scene.get("place", set_in) in vocab.FIRE_INDOORS:
        for fire in fires:  # "sitting by the fire" in the living room: its fireplace
            entities[fire]["kind"] = "fireplace"
    kinds = {e["kind"] for e in entities}
    seated = [e for e in entities if e["kind"] == "person" and e["action"] in vocab.FIRESIDE]
    if "fireplace" in kinds and seated and not kinds & set(vocab.SEATED_ON):
        # "knitting by the fire": in an armchair beside it (a couple on a sofa), not on the
        # hearth
        together = len(seated) > 1 or _said_of_many(list(words_anywhere))
        entity_for(_Mention("sofa" if together else "armchair", None), True)
    if kinds & set(vocab.ON_A_TABLE) and "table" not in kinds:  # a cake is on a table
        entity_for(_Mention("table", None), True)
    entities = _doers_first(entities)
    stood = _resolve(entities, natural)
    left = [c for c in dict.fromkeys(beyond) if c not in stood]
    notes = [f"a {kind} cannot {action} here; it stands instead" for kind, action in stood]
    notes += [f"a {kind} cannot {action} here; that is left out" for kind, action in left]
    cannot = stood + left
    spec = SceneSpec(
        place=scene.get("place", "park"),
        time_of_day=scene.get("time_of_day", "morning"),
        weather=scene.get("weather", "clear"),
        camera=scene.get("camera", "static"),
        shot_size=scene.get("shot_size", "wide"),
        entities=tuple(EntitySpec(**e) for e in entities),
        arrives_from=arrives_from if arrives_from != scene.get("place", "park") else None,
    )
    return ParsedPrompt(spec, placeholders, unsupported, notes, cannot, awaited)


def _doers_first(entities: list[dict]) -> list[dict]:
    """`entities` with a thing said first after the people it is for: what stands on a
    table after those having a meal at it ("a candlelit dinner": the diners are who the
    scene is about, the candle on their table), what is thrown after those throwing it ("a
    snowball fight"); targets follow."""
    dining = any(e["kind"] == "person" and e["action"] == "eat" for e in entities)
    thrown = {e["target"] for e in entities if e["action"] in TOSSING}

    def comes_after(i: int) -> bool:
        return (dining and entities[i]["kind"] in vocab.ON_A_TABLE) or i in thrown

    if not entities or not comes_after(0):
        return entities
    order = sorted(range(len(entities)), key=comes_after)
    moved_to = {old: new for new, old in enumerate(order)}
    return [
        {**entities[i], "target": moved_to.get(entities[i]["target"], entities[i]["target"])}
        for i in order
    ]


# What is thrown for an animal to run after, and what a dog catches leaping.
_THROWN = ("ball", "stick", "frisbee")


def _fetch(entities: list[dict], mentions: list[int], actions: list[str], entity_for):
    """Fetch is an animal running after a ball or the thing named ("a red stick"; a ball is
    added where none is): "a man plays fetch with his dog" is the dog's chase while the man
    stays, no meeting. What is left of the sentence (its subject and other actions) is
    returned for `_apply`."""
    things = [m for m in mentions if entities[m]["kind"] in (*_THROWN, "placeholder")]
    ball = things[0] if things else entity_for(_Mention("ball", None), True)
    able = [m for m in mentions if entities[m]["kind"] in vocab.ACTIONS["chase"]]
    animals = [m for m in able if entities[m]["kind"] != "person"]
    # people playing catch with no animal all run after it ("a dad and his son")
    fetchers = animals[:1] or able
    if not fetchers:  # nobody named fetches: the ball is there all the same
        return [*mentions, ball], actions
    for fetcher in fetchers:
        if entities[fetcher]["action"] is None:
            entities[fetcher]["action"], entities[fetcher]["target"] = "chase", ball
    throwers = [m for m in able if m not in fetchers and entities[m]["kind"] == "person"]
    brought = [m for m in fetchers if entities[m]["kind"] in vocab.MOUTH_CARRIERS]
    if throwers and brought and entities[throwers[0]]["action"] is None:
        # "a boy playing fetch with his dog": he throws it, it brings it back to him
        entities[throwers[0]]["action"], entities[throwers[0]]["target"] = "toss", ball
    rest = [m for m in mentions if m not in (*fetchers, *throwers[:1], ball)]
    return rest, [a for a in actions if a not in ("meet", "chase", "stand")]


# The words of sending something to and fro, which it is drawn as ("a snowball fight").
_SENT_WORDS = vocab.THROWING | {"fight", "fights"}


def makes_a_drink(tokens: list[str], i: int) -> bool:
    """Whether the words after `tokens[i]` (a word for making one) name a drink ("making
    coffee", "makes a cup of tea"): made in the kitchen, held in its cup."""
    after = [t for t in tokens[i + 1 : i + 5] if t not in DETERMINERS]
    return any(" ".join(after[:n]) in vocab.DRUNK for n in (1, 2, 3))


def _tossed(tokens: list[str]) -> str:
    """How what is played with is sent to and fro in a sentence of `tokens`: "rally" (a
    racket game: tennis), "toss" (thrown: "throwing a frisbee", "playing catch", "a snowball
    fight"), or "" where it is not."""
    words = set(tokens)
    if words & vocab.RACKET_GAMES:
        return "rally"
    played = words & _PLAY_WORDS and words & vocab.THROWN_GAMES  # "playing catch"
    if words & vocab.THROWING or _a_throwing_fight(tokens) or played:
        return "toss"
    return ""


def _a_throwing_fight(tokens: list[str]) -> bool:
    """Whether `tokens` name a snowball fight, a water balloon fight: thrown at each other."""
    return any(
        t in ("fight", "fights") and _word_before(tokens, i).startswith(("snowball", "balloon"))
        for i, t in enumerate(tokens)
    )


def _toss(
    entities: list[dict],
    mentions: list[int],
    actions: list[str],
    how: str,
    game: bool,
    entity_for,
    fight: bool,
):
    """People sending what they play with to and fro (`how`: "toss" or "rally"): the first
    two of them, each at one end; a ball where a `game` is named and nothing thrown is; two
    brought where it is a `fight` and no one is named ("a snowball fight").
    Where an animal is there to run after it, it is fetch ("throws a ball for her dog").
    Returns what is left of the sentence for `_apply`, and whether the tossing is drawn
    (nothing thrown and no game, "throwing stones", is not)."""
    fetchers = [m for m in mentions if entities[m]["kind"] in vocab.ACTIONS["chase"]]
    if any(entities[m]["kind"] != "person" for m in fetchers):
        return (*_fetch(entities, mentions, actions, entity_for), True)
    people = [m for m in mentions if entities[m]["kind"] == "person"][:2]
    things = [m for m in mentions if entities[m]["kind"] in _THROWN]
    if not (things or game):
        return mentions, actions, False
    if fight and not people:  # "a snowball fight", no one named: two at it
        people = [entity_for(_Mention("person", None), False, another=True) for _ in range(2)]
    if not people:
        return mentions, actions, False
    bright = "yellow" if how == "rally" else None  # a tennis ball
    thing = things[0] if things else entity_for(_Mention("ball", bright), True)
    for person in people:
        if entities[person]["action"] is None:
            entities[person]["action"], entities[person]["target"] = how, thing
    rest = [m for m in mentions if m not in (*people, thing)]
    return rest, [a for a in actions if a not in ("meet", "chase", "jump", "stand")], True


# The words before what one rides that say one is on it or in it ("a girl on a horse").
_ABOARD = ("on", "in", "aboard", "astride")
# What one in the bath is doing there, said so: bathing ("relaxing in a bubble bath").
_DONE_IN_THE_BATH = ("sit", "stand", "splash", "play", "meet", "sleep")
_BATHING = frozenset("bathe bathes bathing bathed".split())  # (not "a bath": taken)


def _gives_a_bath(entities: list[dict], mentions: list[int], actions: list[str], tokens) -> bool:
    """Whether the sentence's subject, a person, bathes another said after it ("bathing
    the baby", "giving her dog a bath"; not "taking a bath with her dog")."""
    if not mentions or entities[mentions[0]]["kind"] != "person":
        return False
    bathed = [m for m in mentions[1:] if entities[m]["kind"] in vocab.ACTIONS["bathe"]]
    return bool(bathed) and ("give" in actions or bool(_BATHING & set(tokens)))


# Words of riding that say on what, where the sentence names nothing ridden.
_BRINGS = {
    "horseback": "horse",
    **dict.fromkeys(("cycle", "cycles", "cycling", "biking"), "bike"),
    **dict.fromkeys("row rows rowing canoeing kayaking".split(), "boat"),
    **dict.fromkeys("sledding sledded sledging sledged tobogganing".split(), "sled"),
}


def _carried_does(
    entities: list[dict], subject: int, actions: list[str], jumped_over: int | None
) -> None:
    """What a sentence says its subject does that the one carrying it does: a horse ridden
    gallops ("a cowboy galloping on a horse"); whoever jumps over a fence jumps at it, or
    the horse its rider rides does."""
    doer = entities[subject]
    carrier = doer["target"] if doer["action"] in vocab.RIDING else None
    if carrier is not None and entities[carrier]["kind"] == "horse":
        if "run" in actions and entities[carrier]["action"] is None:
            entities[carrier]["action"] = "run"
        if "jump" in actions and jumped_over is not None:
            entities[carrier].update(action="jump", target=jumped_over)
    elif doer["action"] == "jump" and jumped_over is not None:
        doer["target"] = jumped_over


def catches_a_fish(tokens: list[str], i: int) -> int:
    """How many words say fishing with the line at `i` ("catches a big fish": four; "casts
    his line": three), or 0: one fishing, what is caught on the end of the line."""
    if tokens[i] not in vocab.CATCHING | vocab.CASTING:
        return 0
    j = i + 1
    while j < len(tokens) and (tokens[j] in DETERMINERS or tokens[j] in _DESCRIBING):
        j += 1
    said = tokens[j] if j < len(tokens) else ""
    caught = tokens[i] in vocab.CATCHING and said in ("fish", "trout", "salmon", "fishes")
    cast = tokens[i] in vocab.CASTING and said == "line"
    return j + 1 - i if caught or cast else 0


def _a_boat(entities: list[dict], mentions: list[int]) -> bool:
    """Whether a sentence's mentions after its first are of a boat (one sat in to fish)."""
    return _boat_of(entities, mentions[1:]) is not None


def _boat_of(entities: list[dict], mentions: list[int]) -> int | None:
    """The first of `mentions` that is a boat (one fishes from it), if any."""
    return next((m for m in mentions if entities[m]["kind"] == "boat"), None)


def _swings_something(tokens: list[str], i: int) -> bool:
    """Whether the "swing" said at `i` swings a thing ("swinging a bat"), not on a swing."""
    after = tokens[i + 1 : i + 3]
    said = _match(tokens, i + 2, KIND_TABLE) if len(after) == 2 else None
    return bool(after) and after[0] in DETERMINERS and not (said and said[0] == "swing")


def _waits_standing(entities: list[dict], mentions: list[int], tokens: list[str]) -> bool:
    """Whether one waiting stands: a person, with no seat said (an animal waiting sits, and
    so does one waiting on a bench or at a bus stop, on its bench)."""
    if not mentions or entities[mentions[0]]["kind"] != "person":
        return False
    return not _kinds_named(tokens) & set(vocab.SEATED_ON) and "bus" not in tokens


def _waits_for_a_bus(entities: list[dict], mentions: list[int], tokens: list[str]) -> bool:
    """Whether a person waits at a bus stop (or for the bus) with no seat said: on its
    bench."""
    person = bool(mentions) and entities[mentions[0]]["kind"] == "person"
    return person and "bus" in tokens and not _kinds_named(tokens) & set(vocab.SEATED_ON)


def _ride(entities: list[dict], mentions: list[int], actions: list[str], word: str, entity_for):
    """Riding is on a horse or a bike: "on horseback" brings a horse, "cycling" a bike; a
    wave or a skateboard, which the world cannot draw ridden, leaves the riding out.
    Returns the sentence's mentions and actions."""
    if not any(entities[m]["kind"] in vocab.CREATURES for m in mentions[:1]):
        # "horseback riding on the beach", "sledding": someone does it (a horse or a sled
        # stood alone, or nothing was drawn)
        mentions = [entity_for(_Mention("person", None), True), *mentions]
    if word in _BRINGS and not any(entities[m]["kind"] in vocab.RIDDEN for m in mentions):
        mentions = [*mentions, entity_for(_Mention(_BRINGS[word], None), True)]
    ridden = [m for m in mentions[1:] if entities[m]["kind"] in vocab.RIDDEN]
    if not ridden:
        return mentions, [a for a in actions if a not in vocab.RIDING]
    # How one rides is what one rides: on a bike, cycling; a dog in a car rides along in it
    how = vocab.RIDDEN[entities[ridden[0]]["kind"]][0]
    if entities[mentions[0]]["kind"] == "dog" and entities[ridden[0]]["kind"] == "car":
        how = "ride"
    return mentions, [how if a in vocab.RIDING else a for a in actions]


def _at_the_wheel(entities: list[dict], mentions: list[int], actions: list[str], entity_for):
    """One who drives sits at the wheel of the car or the tractor said ("a man driving a
    car"), or of a car brought for it ("driving to work"). Returns the sentence's mentions
    and actions."""
    steered = [k for k, (how, _) in vocab.RIDDEN.items() if how == "steer"]
    if not any(entities[m]["kind"] in steered for m in mentions[1:]):
        mentions = [*mentions, entity_for(_Mention("car", None), True)]
    return mentions, ["steer" if a == "drive" else a for a in actions]


_HIDING = frozenset("hide hides hiding hid".split())  # in a box: sitting in it
# Rescuing from a tree: whom, up in it, one climbs up to ("a firefighter rescuing a cat").
_RESCUING = frozenset("rescue rescues rescuing rescued save saves saving saved".split())
_BRUSHING = frozenset("brush brushes brushing brushed".split())  # an animal's coat, groomed
# Words before a tree that say one is up in it ("in", "on a branch", "up a tree").
_UP_IN = frozenset(("in", "on", "up", "into", "onto", "atop", "among"))
# Words for drinking: from a cup held, where none is named ("stopping to drink water").
_DRINKING = frozenset("drink drinks drinking drank sip sips sipping".split())
# Words for waiting: sitting, where one can (`_waits_standing`).
_WAITING = frozenset("wait waits waiting waited".split())
# Showing someone how to do what the sentence then says: they both do it.
_TEACHING = frozenset("teach teaches teaching taught".split())
# Walking hand in hand ("holding hands"): the action "stroll".
_HAND_IN_HAND = {"hand in hand", "holding hands", "hold hands", "holds hands", "held hands"}
# What is painted where it stands, at no easel ("painting the fence").
_PAINTED_ON = set("fence fences wall walls house door room nails face".split())
# What one painting at an easel paints: the canvas on it.
_PAINTINGS = set(
    "picture pictures painting paintings portrait portraits landscape landscapes".split()
)
# Talking on a phone: it is held to the ear.
_CALLING = set("talk talks talking call calls calling chat chats chatting".split())
# What is watched on a screen, what it shows no thing there ("watching a video of cats").
_SCREENED = set(
    "video videos movie movies film films show shows cartoon cartoons clip clips".split()
)
_WATCHING = set("watch watches watching watched see sees seeing saw".split())
# Winning a prize: a teddy bear won is hugged ("winning a teddy bear at the fair").
_WINNING = set("win wins winning won".split())
# Getting on a bus, which is riding it ("catching the bus", "takes the bus to work").
_BOARDING = set(
    "catch catches catching caught take takes taking took board boards boarding".split()
)
# On a phone, looking at its screen ("texting", "scrolling"), whether it is said or not.
_TEXTING = set("text texts texting texted scroll scrolls scrolling scrolled".split())
# Taking photos: with a camera, where no phone or camera is said.
_PHOTOS = set("photo photos picture pictures photograph photographs pics snapshots".split())
_TAKING = set("take takes taking took snap snaps snapping".split())
# Feeding creatures: they eat (what the one feeding them throws down or holds out).
_FEEDING = {"feed", "feeds", "feeding", "fed"}
# Words before food or a book that say one has it to eat or read ("a man with a hot dog").
_HAVING = {"with", "has", "have", "having", "had"}


# Words about the camera that films the video, not one in its picture: before it ("a
# tracking camera", "the camera") or after it ("the camera pans").
_FILMING = set("the tracking handheld fixed moving steady drone overhead shaky slow".split())
_CAMERA_MOVES = set(
    """pans panning zooms zooming follows following tracks tracking moves moving pulls
    pushes orbits circles tilts rises glides slides cuts stays holds lingers""".split()
)


# Words for having a thing in hand: "holds the camera" is one in the picture.
_IN_HAND = set("holds holding hold carries carrying raises raising lifts lifting with".split())


# Words after "fire" that make it the name of a thing ("a fire truck"), no fire burning.
_FIRE_COMPOUNDS = frozenset(
    """truck trucks engine engines hydrant hydrants station stations alarm alarms escape
    fighter fighters works fly flies place pit""".split()
)


def names_the_fire(tokens: list[str], i: int) -> bool:
    """Whether the word at `i` is "fire" named as a thing burning ("by the fire", "a
    crackling fire"; not "on fire", "breathes fire", "a fire truck")."""
    if tokens[i] != "fire":
        return False
    if i + 1 < len(tokens) and tokens[i + 1] in _FIRE_COMPOUNDS:
        return False
    j = i - 1
    while j >= 0 and tokens[j] in vocab.FIRE_LOOKS:
        j -= 1
    return j >= 0 and tokens[j] in DETERMINERS


def _looks_of_a_fire(tokens: list[str], i: int) -> bool:
    """Whether the word at `i` says how a fire named after it looks ("a roaring fire", "the
    crackling, roaring fireplace")."""
    j = i + 1
    while j < len(tokens) and tokens[j] in vocab.FIRE_LOOKS:
        j += 1
    named = tokens[j] if j < len(tokens) else ""
    return named in ("fire", "fires") or KIND_TABLE.get(named) in ("fireplace", "campfire")


def is_the_filming_camera(tokens: list[str], i: int) -> bool:
    """Whether "camera" at `i` is the one filming the video ("a tracking camera following
    the subject", "the camera pans", "smiles at the camera"), no thing in its picture;
    not one in someone's hands ("she holds the camera")."""
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    held = before == "the" and i > 1 and tokens[i - 2] in _IN_HAND
    return not held and (before in _FILMING or after in _CAMERA_MOVES)


def food_at(tokens: list[str], i: int) -> int:
    """How many words a food named at `i` takes ("a hot dog": two, and no dog), or 0; a
    creature cooked or eaten is food too ("cook the fish they caught", "eating chicken")."""
    j = i - 1
    while j >= 0 and tokens[j] in DETERMINERS:
        j -= 1
    if tokens[i] in vocab.EATEN_AS_FOOD and j >= 0 and tokens[j] in vocab.COOKING_OR_EATING:
        return 1
    return next((n for n in (2, 1) if " ".join(tokens[i : i + n]) in vocab.FOODS), 0)


def names_a_part(tokens: list[str], i: int) -> bool:
    """Whether the word at `i` names a part of a kind the sentence names ("the candles on
    her cake": the cake's, no candles of their own)."""
    return vocab.PARTS.get(tokens[i]) in _kinds_named(tokens)


def _kinds_named(tokens: list[str]) -> set[str]:
    """The kinds a sentence's words name, one word or two at a time."""
    pairs = [" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)]
    return {vocab.KIND_SYNONYMS.get(w, w) for w in [*tokens, *pairs]} & set(vocab.KINDS)


def brought_by_occasions(text: str) -> tuple[EntitySpec, ...]:
    """What the occasions `text` names bring ("a birthday party": a cake on its table, and
    balloons), as the world draws them."""
    said = [word for word in _tokens(text) if word in vocab.OCCASIONS]
    return parse(" ".join(said)).spec.entities if said else ()


def _brought(entities: list[dict], mentions: list[int], occasions: list[str], entity_for):
    """The mentions a sentence's occasions bring with them, where it names none of them: a
    birthday's cake, a party's balloons (a bunch)."""
    brought = []
    named = {entities[m]["kind"] for m in mentions}
    named |= {"jack-o-lantern"} if "pumpkin" in named else set()  # halloween's, said so
    for kind in dict.fromkeys(occasions):
        if kind not in named:
            label = vocab.BUNCH if kind in vocab.BUNCHED else ""
            brought.append(entity_for(_Mention(kind, None, label), True))
            named.add(kind)
    return brought


def _held_by_first_person(
    entities: list[dict], mentions: list[int], actions: list[str]
) -> list[str]:
    """Each umbrella or balloon of the sentence held up by its first person ("a woman
    walking in the rain with an umbrella", "a girl holding balloons"), its handle or
    strings in their hand; a guitar played in their hands. Holding it is what a hand does,
    not all they do: "holds an umbrella" leaves them standing, or walking as said; the
    sentence's actions are returned less that "hold"."""
    held = [m for m in mentions if entities[m]["kind"] in vocab.HELD]
    holder = next((m for m in mentions if entities[m]["kind"] == "person"), None)
    if not held or holder is None:
        return actions
    for thing in held:
        if entities[thing]["target"] is None:
            entities[thing]["target"] = holder
    handed = any(entities[m]["kind"] in ("cup", "ball") for m in mentions)
    return actions if handed else [a for a in actions if a != "hold"]


# What one walked, or "with" the subject, does along with it where its kind can.
_DONE_ALONGSIDE = ("walk", "run", "sit", "jump", "sleep", "cook", "tug", "talk", "slice")
_DONE_ALONGSIDE += ("decorate", "build", "swim")


def _in_arms(
    entities: list[dict], mentions: list[int], actions: list[str], tokens: list[str]
) -> list[str]:
    """A child held by the sentence's first person ("a mother holding her baby", "rocking
    her baby to sleep") is in their arms, sitting up there, or asleep where the sentence
    says sleep; the holder holds it (or goes on as said: "walking with her baby in her
    arms"). Returns the sentence's actions less the child's."""
    arms = any(tokens[k : k + 3] in _IN_THE_ARMS for k in range(len(tokens) - 2))
    whose = any(tokens[k] == "in" and tokens[k + 3 : k + 4] == ["arms"] for k in range(len(tokens)))
    if whose and mentions and not arms:
        return _in_whose_arms(entities, mentions, actions, tokens)  # "in her mother's arms"
    holding = actions[:1] == ["hold"] or arms
    if not holding or not mentions or entities[mentions[0]]["kind"] != "person":
        return actions
    held = next(
        (m for m in mentions[1:] if entities[m]["kind"] == "person" and entities[m]["label"]),
        None,
    )
    if held is None or entities[held]["label"] != vocab.CHILD or entities[held]["action"]:
        return actions
    asleep = "sleep" in actions or bool({"asleep", "sleeping"} & set(tokens))
    entities[held]["action"], entities[held]["target"] = "sleep" if asleep else "sit", mentions[0]
    holder = entities[mentions[0]]
    holder["action"] = holder["action"] or (actions[0] if actions else "hold")
    return [a for a in actions if a != "sleep"]


def _in_whose_arms(
    entities: list[dict], mentions: list[int], actions: list[str], tokens: list[str]
) -> list[str]:
    """A child said first, in the arms of one named after it ("a baby asleep in her
    mother's arms"): held by them, asleep where sleep is said. Returns the sentence's
    actions less the child's."""
    child = entities[mentions[0]]
    holder = next(
        (m for m in mentions[1:] if entities[m]["kind"] == "person" and not entities[m]["label"]),
        None,
    )
    if child["label"] != vocab.CHILD or child["action"] or holder is None:
        return actions
    asleep = "sleep" in actions or bool({"asleep", "sleeping"} & set(tokens))
    child["action"], child["target"] = "sleep" if asleep else "sit", holder
    entities[holder]["action"] = entities[holder]["action"] or "hold"
    return [a for a in actions if a not in ("sleep", "sit")]


# Said of a child held ("with her baby in her arms").
_IN_THE_ARMS = [["in", whose, "arms"] for whose in ("her", "his", "their", "my", "your")]


def _apply(
    entities: list[dict],
    mentions: list[int],
    actions: list[str],
    joined: bool,
    to_target: int | None,
    companions: list[int],
    many: bool = False,
) -> None:
    """Give the sentence's action to its subject, and wire up whom it acts on. A companion
    ("walking a dog", "sits with her cat") does as the subject does where its kind can.
    `many`: the subject is said as more than one ("the people", "two kids")."""
    if not mentions or not actions:
        return
    subject, action = mentions[0], actions[0]
    if action == "fly" and entities[subject]["kind"] == "person":
        for kite in (m for m in mentions[1:] if entities[m]["kind"] in ("kite", "drone")):
            # "a girl flying a kite": the kite flies, on its string from her hand
            if entities[kite]["action"] is None:
                entities[kite]["action"], entities[kite]["target"] = "fly", subject
    if action == "read" and to_target is not None and entities[to_target]["action"] is None:
        entities[to_target]["action"] = "sit"  # read to: sitting with the reader, listening
    if action == "talk" and to_target is not None and entities[to_target]["action"] is None:
        if entities[to_target]["kind"] == "person":  # talked to: talking back, in turn
            entities[to_target]["action"] = "talk"
    if action in _DONE_ALONGSIDE:
        built = next((m for m in mentions if entities[m]["kind"] in vocab.BUILT), None)
        for companion in companions:
            able = entities[companion]["kind"] in vocab.ACTIONS[action]
            able &= action != "build" or built is not None  # (no fort: nothing to build)
            if companion != subject and able and entities[companion]["action"] is None:
                entities[companion]["action"] = action
                if action == "decorate":  # the same tree ("a family decorating the tree")
                    entities[companion]["target"] = _decorated(entities, mentions)
                if action == "build":  # at the one built ("… a snowman with his dad")
                    entities[companion]["target"] = built
    others = [m for m in mentions[1:] if m != subject]
    if action == "hold" and others and entities[others[0]]["kind"] in vocab.HUGGED:
        action = "hug"  # "holding her teddy bear": in her arms, held to her
    if action == "hug":  # whom, not where ("a couple hugging under a tree": each other)
        whom = [
            m
            for m in others
            if entities[m]["kind"] not in vocab.PROPS or entities[m]["kind"] in vocab.HUGGED
        ]
        others = whom if whom or many else others  # ("a man hugs a tree": goes to it)
    if action == "hug" and others and entities[others[0]]["kind"] in vocab.HUGGED:
        if entities[subject]["kind"] == "person" and entities[subject]["action"] is None:
            # "a girl hugging her teddy bear": in her arms, held to her
            entities[subject]["action"], entities[subject]["target"] = "hug", others[0]
        return
    if action == "hug" and any(entities[m]["kind"] != "person" for m in (subject, *others[:1])):
        action = "meet"  # "a girl hugging her dog", "they hug" of a dog and its owner: meet
    together = ("meet", "chase", "walk", "run", "sit", "jump", "dance", "sleep", "eat", "read")
    together += ("hug", "angle", "cook", "slice", "decorate")
    together += ("skate", "stroll", "tug", "scoot", "sniff", "talk", "sled", "build", "seesaw")
    together += ("slide",)
    if joined and others and action == "sniff" and entities[subject]["kind"] == "person":
        action = "walk"  # "a boy and his dog exploring": walking on together
    able = [m for m in others if entities[m]["kind"] in vocab.ACTIONS.get(action, ())]
    riders = able or action not in vocab.RIDING  # ("a boy and his dog sledding": he alone)
    built = next((m for m in others if entities[m]["kind"] in vocab.BUILT), None)
    at_one = action != "build" or (built is not None and bool(able))  # both at the one built
    if joined and others and action in together and riders and at_one:
        partner = (able or others)[0]  # "jogging with a stroller and her dog": the dog
        for one, other in ((subject, partner), (partner, subject)):
            if entities[one]["action"] is None:
                entities[one]["action"] = action
                if action in ("meet", "chase", "hug"):
                    entities[one]["target"] = other
                if action == "angle":  # "a boy and his dad fishing from a boat": in it
                    entities[one]["target"] = _boat_of(entities, others)
                if action == "build":  # "a boy and his dad building a sandcastle": both
                    entities[one]["target"] = built
                if action == "decorate":  # "a family decorating the tree": all at it
                    entities[one]["target"] = _decorated(entities, others)
                if action in ("seesaw", "slide"):  # "two kids on a seesaw": one at each end
                    rides = (m for m in (subject, *others) if entities[m]["kind"] == action)
                    entities[one]["target"] = next(rides, None)
                if action == "sled":  # "a girl and her dad sledding": on the one sled
                    sleds = (m for m in others if entities[m]["kind"] == "sled")
                    entities[one]["target"] = next(sleds, None)
        return
    thrown = others and entities[others[0]]["kind"] in _THROWN
    if action == "meet" and thrown:
        action = "chase"  # playing with a ball is running after it: a ball has no nose to meet
    if action == "jump" and others and entities[others[0]]["kind"] == "frisbee":
        action = "chase"  # catching a frisbee: running after it as it skims along
    piano = next((m for m in others if entities[m]["kind"] == "piano"), None)
    if action in ("meet", "play") and piano is not None and entities[subject]["kind"] == "person":
        if entities[subject]["action"] is None:  # "a girl playing the piano": at its keys
            entities[subject]["action"], entities[subject]["target"] = "play", piano
        return
    played = others and entities[others[0]]["kind"] in ("placeholder", "rope", *vocab.PLAYED)
    if action == "meet" and played:  # playing the guitar, hugging a doll, a dog
        action = "stand"  # playing with a rope: where they are, no meeting the thing
    if action == "water":  # the flowers watered, where they are said
        entities[subject]["target"] = next(
            (m for m in others if entities[m]["kind"] == "flower"), None
        )
    if action == "build":  # a sandcastle, a snowman; else what the world cannot build
        built = next((m for m in others if entities[m]["kind"] in vocab.BUILT), None)
        entities[subject]["target"] = built
        action = "build" if built is not None else "stand"
    if entities[subject]["action"] is None:
        entities[subject]["action"] = action
    if action in ("give", "propose") and to_target is not None:
        entities[subject]["target"] = to_target
    elif action == "pet":  # the animal stroked keeps still for it (else no one to stroke)
        petted = next((m for m in others if entities[m]["kind"] in vocab.ANIMALS_PETTED), None)
        entities[subject]["target"] = petted
        if petted is None:
            entities[subject]["action"] = "stand"
        elif entities[petted]["action"] is None:
            entities[petted]["action"] = vocab.petted_action(entities[petted]["kind"])
    elif action == "scrub":  # the one bathed, in its tub for it (else in the bath oneself)
        bathed = next((m for m in others if entities[m]["kind"] in vocab.ACTIONS["bathe"]), None)
        entities[subject]["target"] = bathed
        if bathed is None:
            entities[subject]["action"] = "bathe"
        elif entities[bathed]["action"] is None:
            entities[bathed]["action"] = "bathe"
    elif action == "knock":  # the cup it paws off the table (else what it can, standing)
        entities[subject]["target"] = next(
            (m for m in others if entities[m]["kind"] == "cup"), None
        )
    elif action == "push":  # the swing whoever is on it is pushed on (else walking it)
        pushed = entities[subject]["target"]
        if pushed is None or entities[pushed]["kind"] != "swing":
            entities[subject]["action"], entities[subject]["target"] = "walk", None
    elif action in ("swing", "seesaw", "slide"):  # on the one said, of its own name
        # (a swing is brought where none is said; a seesaw too)
        entities[subject]["target"] = next(
            (m for m in others if entities[m]["kind"] == action), None
        )
    elif action == "decorate":  # the christmas tree said (or brought)
        entities[subject]["target"] = _decorated(entities, others)
    elif action == "climb":  # up the tree said
        entities[subject]["target"] = next(
            (m for m in others if entities[m]["kind"] == "tree"), None
        )
    elif action == "perch":  # up in the tree said, or on the fence
        entities[subject]["target"] = next(
            (m for m in others if entities[m]["kind"] in ("tree", "fence")), None
        )
    elif action == "roar" or (action in ("sing", "talk") and entities[subject]["kind"] == "bird"):
        # at whoever else is said ("barking at the mailman"), facing them
        at = (m for m in others if entities[m]["kind"] in vocab.CREATURES)
        # a bird sings from a tree or a fence said ("singing on a branch")
        up = (m for m in others if entities[m]["kind"] in ("tree", "fence"))
        bird = entities[subject]["kind"] == "bird"
        entities[subject]["target"] = next(at, None) if not bird else next(at, next(up, None))
    elif action == "angle":  # fishing from the boat said, if any (else from the bank)
        entities[subject]["target"] = _boat_of(entities, others)
    elif action in vocab.RIDING:
        ridden = next((m for m in others if entities[m]["kind"] in vocab.RIDDEN), None)
        entities[subject]["target"] = ridden  # which walks or rolls, unless told ("it gallops")
    elif action in ("meet", "chase", "hug") and others:
        entities[subject]["target"] = others[0]
        met = entities[others[0]]
        if action in ("meet", "hug") and met["action"] is None:  # "a dog meets a cat": both do
            if met["kind"] in vocab.ACTIONS[action]:
                met["action"], met["target"] = action, subject


def _decorated(entities: list[dict], mentions: list[int]) -> int | None:
    """The christmas tree among `mentions`, which those decorating hang baubles on."""
    return next((m for m in mentions if entities[m]["kind"] == "christmas tree"), None)


# Water one jumps into and swims in ("jumping into the pool", "dives into the sea").
_WATER_WORDS = frozenset("lake lakes sea ocean water pool pond river waves surf".split())


def _into_the_water(tokens: list[str]) -> bool:
    """Whether `tokens` say going into water ("into the lake", "into a swimming pool")."""
    for i, token in enumerate(tokens[:-1]):
        if token == "into":
            rest = [t for t in tokens[i + 1 : i + 4] if t not in DETERMINERS]
            if rest[:1] and (rest[0] in _WATER_WORDS or rest[1:2] == ["pool"]):
                return True
    return False


# What one at a piano is said to be at, playing it ("practising piano", "piano lessons").
_PRACTISING = frozenset(
    "practice practices practicing practise practises practising lesson lessons".split()
)


# What is done sitting down: said after "sitting", it is what the sitter does.
_DONE_SEATED = ("read", "eat", "type")
# Words that make a meal one for two ("a romantic dinner", "a candlelit dinner").
_FOR_TWO = frozenset(("romantic", "candlelit", "candlelight", "date"))
_DATING = frozenset(("date", "dates", "dating"))  # two out together


# Waiting or looking for someone: they are not in the picture yet ("a dog waiting for its
# owner", "a robot looking for a friend").
_AWAITING = set("wait waits waiting awaits looking looks search searches searching".split())


def is_awaited(tokens: list[str], i: int) -> bool:
    """Whether the mention at token i is what someone waits or looks for ("waiting at the
    door for its owner": the waiting is up to four words before the "for")."""
    j = i - 1
    while j >= 0 and (tokens[j] in DETERMINERS or tokens[j] in vocab.COLOURS):
        j -= 1
    return j > 0 and tokens[j] == "for" and bool(_AWAITING & set(tokens[max(0, j - 4) : j]))


_GOING = frozenset("go goes going went head heads heading headed".split())
# Where one goes, said after the going ("go home", "heads back"; not "going to jump").
_WHITHER = frozenset("home back inside outside out towards toward into across through".split())


def _goes_somewhere(tokens: list[str], i: int) -> bool:
    """Whether the going at `tokens[i]` is to a place ("go home", "heads to the beach"),
    not a going to do something ("is going to jump")."""
    after = tokens[i + 1 : i + 3]
    if after[:1] == ["to"]:
        named = after[1] if after[1:] else ""
        return named in DETERMINERS or named in KIND_TABLE or named in vocab.PLACE_SYNONYMS
    return after[:1] != [] and after[0] in _WHITHER


def _done_before(tokens: list[str], i: int) -> bool:
    """Whether what is done at `tokens[i]` is said as what came before ("after a swim",
    "after his long walk"): not what is seen now."""
    j = i - 1
    while j >= 0 and (tokens[j] in DETERMINERS or tokens[j] in _HOW_LONG):
        j -= 1
    return j >= 0 and tokens[j] == "after" and j < i - 1  # (not "chasing after it")


_HOW_LONG = frozenset("long short quick brief good big hard busy morning evening".split())
# How a doing named as a thing is said to be done ("a lazy sunday stroll").
_HOW_DONE = frozenset(
    """early late lazy brisk leisurely relaxing peaceful quiet gentle slow fast sunday daily
    afternoon night evening morning sunset sunrise summer winter autumn spring romantic nice
    lovely beautiful""".split()
)


def _a_doing_named(tokens: list[str], i: int, action: str) -> bool:
    """Whether the request opens by naming, as a thing, what a person does at `tokens[i]`
    ("a walk in the woods", "an early morning jog"): one doing it is the picture."""
    how = tokens[1:i]
    opened = i > 0 and tokens[0] in ("a", "an")
    return (
        opened
        and all(w in _HOW_DONE | _HOW_LONG for w in how)
        and ("person" in vocab.ACTIONS.get(action, ()))
    )


def is_lacked(tokens: list[str], i: int) -> bool:
    """Whether the mention at token i is of what one is without ("walking in the rain
    without an umbrella", "with no umbrella"), or of what is seen on a screen ("watching a
    video of cats"): nothing there to draw."""
    j = i - 1
    while j >= 0 and (tokens[j] in DETERMINERS or tokens[j] in vocab.COLOURS):
        j -= 1
    without = j >= 0 and (tokens[j] == "without" or tokens[j - 1 : j + 1] == ["with", "no"])
    screened = j > 0 and tokens[j] in ("of", "about") and tokens[j - 1] in _SCREENED
    screened &= bool(_WATCHING & set(tokens[max(0, j - 5) : j - 1]))  # (not the request's own)
    return without or screened


def _worn(tokens: list[str], i: int) -> bool:
    """Whether the word at `i` is something worn: "wearing a red hat", "with his
    headphones on"."""
    j = i - 1
    while j >= 0 and (
        tokens[j] in DETERMINERS or tokens[j] in vocab.COLOURS or tokens[j] in _DESCRIBING
    ):
        j -= 1
    before = tokens[j] if j >= 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return before in ("wearing", "wears", "wear") or (before == "with" and after == "on")


def _the_sea_s(tokens: list[str], i: int) -> bool:
    """Whether "waves" at `i` are the sea's ("the waves at the beach", "big waves to
    surf"), said after a word that opens or describes a name."""
    before = tokens[i - 1] if i > 0 else ""
    return tokens[i].startswith("wave") and (
        before in DETERMINERS
        or before in _DESCRIBING
        or before in vocab.COLOURS
        or before in vocab.PLACE_SYNONYMS
        or before in ("of", "surf", "surfing", "crashing", "rolling")
    )


def _said_as_verb(tokens: list[str], i: int) -> bool:
    """Whether the word at `i`, a name of a kind and a verb alike ("drinks"), is the verb:
    nothing before it opens a name ("two drinks", "the drinks"), and it joins no name of
    another to one said before ("a bride and groom")."""
    if tokens[i] in vocab.NAMES_ALSO_VERBS:
        return vocab.verb_after_its_doer(tokens, i)
    if tokens[i] not in ACTION_TABLE:
        return False
    if i >= 2 and tokens[i - 1] == "and" and tokens[i - 2] in _KIND_ENDS:
        return False
    return i == 0 or (tokens[i - 1] not in DETERMINERS and tokens[i - 1] not in vocab.COLOURS)


def _resolve(entities: list[dict], natural: dict[int, str]) -> list[tuple[str, str]]:
    """Fill defaults: colours (distinct per kind; first the `natural` one of an entity
    where its word has one), actions the kind can really do; the (kind, action) of each
    asked what its kind cannot do, which then stands."""
    cannot = []
    used: dict[str, list[str]] = {}
    for rider in entities:
        if rider["action"] in vocab.RIDING and rider["target"] is not None:
            ridden = entities[rider["target"]]
            if ridden["kind"] in vocab.RIDDEN:  # it carries its rider along
                ridden["action"] = ridden["action"] or vocab.RIDDEN[ridden["kind"]][1]
    for index, entity in enumerate(entities):
        kind = entity["kind"]
        if entity["colour"] is None:
            choices = [
                *([natural[index]] if index in natural else []),
                vocab.DEFAULT_COLOUR.get(kind, "white"),
                "grey",
                "black",
                "white",
                "golden",
                "brown",
                "blue",
                "red",
                "green",
            ]
            taken = used.get(kind, [])
            aboard = entity["target"] is not None and entities[entity["target"]]
            if aboard and aboard["kind"] == "stroller":  # seen against it, not lost in it
                taken = [*taken, aboard["colour"] or vocab.DEFAULT_COLOUR["stroller"]]
            # Past nine of one kind the colours repeat, in order, rather than run out.
            entity["colour"] = next(
                (c for c in choices if c not in taken), choices[len(taken) % len(choices)]
            )
        used.setdefault(kind, []).append(entity["colour"])
        action = entity["action"] or vocab.GOES_ABOUT_BY.get(kind, "stand")
        if index == 0 and not entity["action"]:  # "a busy street with cars": they drive by
            action = vocab.GOES_ABOUT_FIRST.get(kind, action)
        handed = any(e["kind"] in ("cup", "ball") for e in entities)
        if (kind, action) == ("person", "eat") and handed:
            action = "hold"  # a person drinking a coffee holds the cup (no drawing of sipping)
        if action in ("sing", "talk") and kind == "bird":
            action = "roar"  # "a bird singing", "a parrot talking": its call, its beak open
        if action == "roll" and kind in vocab.ACTIONS["wriggle"]:
            action = "wriggle"  # "a dog rolling in the grass": on its back, not a ball's roll
        if (kind, action) == ("bird", "sit"):
            action = "stand"  # a bird sitting is at rest on its feet
        if action == "perch" and entity["target"] is None:
            action = "sit" if kind in vocab.ACTIONS["sit"] else "stand"  # no tree to be up
        if (kind, action) == ("person", "fly"):
            action = "stand"  # one flying a kite or a drone stands on the ground
        if (kind, action) == ("person", "sniff"):
            action = "walk"  # one exploring goes about, looking (a dog noses about)
        if action in ("walk", "run") and kind in vocab.ACTIONS["drive"]:
            action = "drive"  # "a train crossing the valley", "a car going by"
        if (
            action == "crawl"
            and kind not in vocab.ACTIONS["crawl"]
            and kind in vocab.ACTIONS["walk"]
        ):
            action = "walk"  # "a turtle crawling on the beach": its own way of walking
        if kind in vocab.MOVES_AS_DRAWN:
            action = "stand"  # "clouds rolling": they drift as clouds do
        if action in ("takeoff", "land") and kind != "plane" and kind in vocab.ACTIONS["fly"]:
            action = "fly"  # "a butterfly landing on a flower": flying, as it comes down
        if kind in vocab.HUGGED and action in ("sit", "sleep"):
            action = "stand"  # a teddy bear is drawn sitting up as it is: nothing left out
        # what it is on, in or held by, if anything
        aboard = entity["target"] is not None and entities[entity["target"]]["kind"]
        if (kind, action) == ("dog", "ride") and aboard != "car":  # on a horse: no drawing
            cannot.append((kind, action))
            action = "stand"
        if kind != "placeholder" and kind not in vocab.ACTIONS.get(action, ()):
            cannot.append((kind, action))
            action = "stand"
        if kind == "placeholder":
            action = "stand"
        entity["action"] = action
        flown = kind in ("kite", "drone") and action == "fly"  # by whom, where said
        flown |= kind in vocab.HELD  # held up, or played, by whom
        aimed = ("meet", "hug", "chase", "give", "build", "water", "propose", "knock", "pet")
        aimed += vocab.RIDING
        aimed += TOSSING
        aimed += ("angle", "perch", "climb", "decorate")  # from the boat; in, up, on the tree
        aimed += ("jump", "swing", "push", "play")  # over a fence; on a swing; a piano
        aimed += ("roar", "scrub", "seesaw", "slide")  # at the mailman; the one bathed; on it
        carried = aboard in ("stroller", "person") and action in ("sit", "sleep")  # in it, in arms
        carried |= kind in vocab.CARRIED_IN_THE_MOUTH and aboard in vocab.MOUTH_CARRIERS
        if action not in aimed and not flown and not carried:
            entity["target"] = None
    return cannot
