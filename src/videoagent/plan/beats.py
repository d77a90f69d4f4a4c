"""Split a one-sentence request into its subject and its beats (what happens, in order)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from videoagent.plan.request import DURATION_PATTERN, NUMBER_WORDS
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import DETERMINERS, KNOWN

_PREAMBLE = re.compile(
    r"^\s*(?:please\s+)?(?:make|create|generate|produce|give me|i want|show me)?\s*"
    r"(?:an?\s+|the\s+)?(?:(?:short|quick|little|fun|cinematic|brand|product|ugc)\s+)*"
    r"(?:video|film|clip|movie|ad|advert|commercial|story|animation|reel)?\s*"
    r"(?::|of|about|showing|where|in which|with|for)?\s+",
    re.IGNORECASE,
)
# "A cozy autumn video: …", "a dreamy underwater film of …": a video described before
# what it shows (its words no beat, drawn as nothing; the look is read from the whole
# request: plan/visual_style.py). Only words that name no one and nothing done
# (`_describes_only`): "a girl watching a video of cats" is about the girl.
_DESCRIBED = re.compile(
    r"^(?:an?\s+|the\s+)?((?:[\w'-]+,?\s+){1,3})"
    r"(?:video|film|clip|movie|ad|advert|commercial|story|animation|reel|montage|short)s?"
    r"\s*(?::|\s(?:of|about|showing|where|in which|with|for)\s)\s*",
    re.IGNORECASE,
)
# A video named by what it is of, then told after a colon ("a cat video for instagram: a
# kitten plays with a feather"): the telling is the story (the cat video was a second cat).
_TOLD_AFTER_A_COLON = re.compile(
    r"^(?:an?\s+|the\s+|my\s+|our\s+)?(?:[\w'-]+\s+){1,3}"
    r"(?:video|film|clip|movie|reel|short|montage)s?(?:\s+for\s+[\w' ]{1,20}?)?\s*:\s*(?=\S)",
    re.IGNORECASE,
)
# A beat that says how it is shot ("close-up of her shoes", "aerial shot of the city"):
# its own line, of no one's doing.
_FRAMING = re.compile(
    r"^(?:(?:extreme\s+)?close[- ]?ups?|wide|aerial|slow[- ]motion|tracking|overhead|long|"
    r"medium|establishing|drone)(?:\s+shots?)?\s+(?:of|on)\b",
    re.IGNORECASE,
)
# A request that opens by saying how it is shot ("a close-up of a cat sleeping", "an aerial
# shot of the city", "a slow pan over the beach"): that is for every shot, and no part of
# whom it is about (the subject was "a close-up of a cat").
_SHOT_AS = re.compile(
    r"^(?:an?\s+)?(?P<how>(?:slow\s+)?(?:(?:(?:extreme\s+)?close[- ]?ups?|wide|aerial|tracking|"
    r"long|medium|establishing|drone|static)(?:\s+shots?)?|pan|zoom))\s+(?:of|on|over|across)\s+",
    re.IGNORECASE,
)
_DAY_IN_THE_LIFE = re.compile(r"^(?:a|one)\s+day\s+in\s+the\s+life\s+of\s+", re.IGNORECASE)
# When or where, when a request opens with it and no comma ("at sunset a dog walks, …",
# "in the park a boy plays"): said of its first clause, after whoever it is about, who then
# opens it.
_OPENS_WITH_WHEN = re.compile(
    r"^(?P<when>(?:(?:at|in|on|during|early|late|one|every|each|this)\b[^,.:]{0,30}?\b"
    r"(?:sunset|sunrise|dawn|dusk|night|morning|afternoon|evening|noon|midnight|day))"
    r"|(?:(?:in|at|on|by|under|near|inside)\s+(?:the|a|an|my|our)\s+\w+(?:\s+\w+)?))\s+"
    r"(?P<clause>(?:a|an|the|my|our|his|her|their|two|three|four|some)\s[^,.:;]*)",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# A film-maker's direction before what is seen: "Open on a quiet park" is a quiet park,
# "End at the cafe" at the cafe.
_DIRECTION = re.compile(
    r"^(?:(?:open|begin|start|end|close)s?(?:\s+(?:on|with))?|cuts?\s+to)\s+", re.IGNORECASE
)
# What joins a beat to the one before it, no beat itself ("then", "later", "is" after "a dog").
_RELATIVE = re.compile(r"^(?:who|that)\s", re.IGNORECASE)
_JOINER = re.compile(
    r"^(?:is\s+|are\s+|who\s+|that\s+|(?:and\s+)?then\s+|after that\s+|finally\s+|"
    r"later,?\s+|next(?!\s+to\b),?\s+|afterwards,?\s+)",
    re.IGNORECASE,
)
# A clause of what happens where the part before it is: "at the cafe, where the dog gets a
# pup cup" is the dog getting one at the cafe; "walks to the park, where it meets a friend"
# two beats.
_WHERE = re.compile(r"^where\s+", re.IGNORECASE)
_WHERE_WORDS = {"outside", "inside", "outdoors", "indoors", "meanwhile", "now", "here", "there"}
_AT = re.compile(r"^(?:at|in|on|by|near|inside|outside)\s", re.IGNORECASE)
# A horse and its rider, said as the rider on it (as the parser reads them).
_HORSE_AND_RIDER = re.compile(r"\bhorse and (?:its |his |her )?(?P<rider>rider|jockey)\b", re.I)
# What opens a sentence that comes next in a story, not who it is about.
_NEXT_IN_TURN = re.compile(
    r"^(?:(?:and\s+)?then|after that|finally|later|next(?!\s+to\b)|afterwards|soon),?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,\s*(?:and\s+)?(?:then\s+|until\s+)?|;\s*|\s+and then\s+|\s+then\s+|"
    r"\s+after that\s+|\s+finally\s+|\s+until\s+)",
    re.IGNORECASE,
)
_IRREGULAR = {
    "going": "go",
    "having": "have",
    "doing": "do",
    "being": "be",
    "lying": "lie",
    "dying": "die",
}
_THIRD_PERSON = {"go": "goes", "have": "has", "do": "does", "be": "is"}
# Words ending in -ing that are no verb ("my dog's morning routine").
_ING_NOUNS = {
    "morning", "evening", "thing", "something", "nothing", "everything", "anything",
    "ceiling", "ring", "spring", "string", "wedding", "clothing", "king", "wing", "sibling",
    "darling", "pudding", "ending", "beginning", "lightning", "duckling", "icing",
    "frosting", "railing", "earring", "swing",
}  # fmt: skip
# A beat opening with one of these is about the subject ("then they sit"); "it" only
# when it goes on to do something ("it runs"), being as often the weather ("it rains");
# "they", of one, is it and whoever it is with ("a dog waits for its owner, then they go").
_PRONOUNS = {"he", "she", "they"}
# What may open a mention of the subject in a beat ("the dog", "both dogs").
_MENTION_WORDS = {"a", "an", "the", "one", "both", "two", "three", "four", "these", "those"}
_PLURAL_WORDS = {
    *("people", "children", "men", "women", "everyone", "everybody"),
    *("several", "many", "some", "both", "pair", "couple"),
}
# What a subject's own words before its noun never are ("it meets a dog", "a bakery for
# dogs"); "of" may be ("a family of birds").
_NOT_IN_A_SUBJECT = {
    *("he", "she", "they", "it", "there"),
    *("for", "at", "in", "on", "to", "with", "by", "from", "near", "under", "over"),
}
# Words before "video" that make it about something, not a look ("a dog's video of").
_NOT_A_LOOK = {"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "of", "to"}
# The one filming, as a request names them ("a video of me unboxing …").
FIRST_PERSON = {"me", "myself"}
# What may open the second of a subject of two ("a girl and her dog").
_POSSESSIVES = {"her", "his", "its", "their", "my", "our", "your"}
# Verbs of keeping still or busy in one spot, which a beat may open with ("then sit").
_STILL = vocab.STILL_WORDS | vocab.STANDING_WORDS
# Words after which a word in -ing is a thing, not what someone does ("dreams of flying").
_NOT_AFTER = {"of", "about", "for", "to", "from", "with", "without", "by", "at", "in", "on"}
# What follows a verb, never a bare noun ("drinks it": no drinks).
OBJECT_WORDS = {"it", "a", "an", "the", "them", "him", "her", "his", "their", "its", "some"}
_E_STEMS = (
    "breath",
    "bath",  # bathing: bathe (a bath is a noun)
    "mak",
    "tak",
    "hav",
    "giv",
    "danc",
    "wav",
    "chas",
    "com",
    "rid",
    "driv",
    "smil",
    "chang",  # (not hang, sing: said alike)
    "arrang",
    "loung",
    "shar",
    "serv",
    "explor",
    "bak",
    "pos",
    "sav",
    "los",
    "mov",
    "arriv",
    "leav",
    "prepar",
    "us",
    "rac",
    "slid",
    "hid",
    "writ",
    "bounc",
    "liv",
    "typ",
    "explod",
    "glid",
    "strok",
    "escap",
    "snooz",
    "blaz",
)


@dataclass(frozen=True)
class Beats:
    """The subject phrase ("a dog") and the beats ("going on a walk", …); the first
    `setting` of them set the scene before the subject is met ("It is raining in the city.")."""

    subject: str
    beats: tuple[str, ...]
    setting: int = 0
    framing: str = ""  # how every shot is asked to be framed ("close-up", "aerial shot")


def present_tense(gerund: str, *, plural: bool = False) -> str:
    """'sniffing' → 'sniffs', 'getting' → 'gets', 'chasing' → 'chases'; for a plural
    subject the plain form ('two dogs play'). A word that is not a gerund is kept; one in
    capitals stays so ('RUNNING' → 'RUNS', in a request written in capitals)."""
    word = gerund.lower()
    not_a_gerund = not word.endswith("ing") or len(word) < 5 or word in _ING_NOUNS
    if word not in _IRREGULAR and not_a_gerund:
        return gerund if gerund.isupper() else word
    verb = _plain_form(word)
    if plural:
        verb = "are" if verb == "be" else verb
    else:
        verb = third_person(verb)
    return verb.upper() if gerund.isupper() else verb


def third_person(verb: str) -> str:
    """'sniff' → 'sniffs', 'fly' → 'flies', 'chase' → 'chases', 'go' → 'goes', 'moo' →
    'moos'."""
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if verb.endswith("oo"):  # "moos", "boos"
        return verb + "s"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _gerund(word: str) -> bool:
    """Whether `word` is a verb's -ing form ("jumping"; not "morning", "ring", "swing":
    no vowel before its -ing)."""
    said = word.lower().strip(",.")
    voiced = re.search(r"[aeiouy]", said[:-3]) is not None
    return said.endswith("ing") and len(said) >= 5 and voiced and said not in _ING_NOUNS


def _plain_form(gerund: str) -> str:
    """'getting' → 'get', 'chasing' → 'chase', 'going' → 'go', 'tumbling' → 'tumble'."""
    if gerund in _IRREGULAR:
        return _IRREGULAR[gerund]
    stem = gerund[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeioulsfz":  # not see
        return stem[:-1]
    if re.search(r"[bcdfgkptz]l$", stem):  # tumbl-e, giggl-e, wiggl-e (not crawl, curl)
        return stem + "e"
    # One syllable, one vowel, one consonant, not doubled: hik-e, skat-e (not eat, fix, visit).
    silent_e = re.fullmatch(r"[^aeiou]*[aeiou][bcdfgklmnprstvz]", stem) is not None
    # and endings that take an e whatever comes before: decorat-e, observ-e, judg-e,
    # organiz-e, captur-e, admir-e, produc-e, argu-e, rescu-e, practic-e, serenad-e (not
    # float, pour, pair, buy, load)
    silent_e |= (
        re.search(
            r"(?:[^aeiou]at|rv|dg|iz|[^aeiou]ur|[^aeiou]ir|duc|[^aeiouq]u|ic|[^aeiou]ad)$", stem
        )
        is not None
    )
    return stem + "e" if stem in _E_STEMS or silent_e else stem


# Nouns whose plural takes no plain -s ("two children", "geese").
_IRREGULAR_PLURALS = {
    "human": "humans",  # before "man"
    "fish": "fish",
    "sheep": "sheep",
    "deer": "deer",
    "child": "children",
    "person": "people",
    "man": "men",
    "woman": "women",
    "goose": "geese",
    "mouse": "mice",
    "wolf": "wolves",
    "calf": "calves",
    "puppy": "puppies",
    "kitty": "kitties",
    "lady": "ladies",
    "butterfly": "butterflies",
}
_IRREGULAR_SINGULARS = {plural: one for one, plural in _IRREGULAR_PLURALS.items()}


def names_many(noun: str) -> bool:
    """Whether a noun is said in the plural: "dogs", "children", "geese" (not "fish",
    which is either)."""
    word = noun.lower()
    if word in ("everyone", "everybody"):  # all who are there
        return True
    if word.endswith("s"):
        return not word.endswith(("ss", "us"))  # "a glass", "a bus": one
    return any(word.endswith(many) and many != one for one, many in _IRREGULAR_PLURALS.items())


def singular(noun: str) -> str:
    """ "swan" of "swans", "child" of "children", "fish" of "fish"."""
    word = noun.lower()
    for plural, one in _IRREGULAR_SINGULARS.items():
        if word.endswith(plural):
            return noun[: len(noun) - len(plural)] + one  # "grandchildren"
    if word.endswith("ies") and len(word) > 4:
        return noun[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):  # "benches"; "horses" is "horse"
        return noun[:-2]
    return noun[:-1] if word.endswith("s") and not word.endswith("ss") else noun


def plural(noun: str) -> str:
    """ "swans" of "swan", "children" of "child"."""
    word = noun.lower()
    for one, many in _IRREGULAR_PLURALS.items():
        if word.endswith(one):
            return noun[: len(noun) - len(one)] + many
    return noun + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def is_plural(subject: str) -> bool:
    """Whether a subject phrase names more than one: 'two dogs', 'the puppies', 'people'."""
    words = subject.lower().split()
    if not words:
        return False
    if companions_of(subject):  # "a girl and her dog"
        return True
    noun, first = words[-1].removesuffix("'s"), words[0]  # ("a couple's first date")
    if noun in _PLURAL_WORDS or first in _PLURAL_WORDS or NUMBER_WORDS.get(first, 1) > 1:
        return True
    if noun in vocab.SAID_AS_MANY:  # "fireworks", "fireflies": many, named as a kind
        return True
    if _FRIENDS.get(noun) == "people":  # "friends chat"
        return True
    if _GROUPS.get(noun) and names_many(noun):  # "fans cheer" (and "a crowd cheers")
        return True
    kind = vocab.KIND_SYNONYMS.get(noun)
    return noun.endswith("s") and kind is not None and kind != noun


def _names_creature(word: str) -> bool:
    named = word.lower().strip(",.").removesuffix("'s")
    return vocab.KIND_SYNONYMS.get(named, named) in vocab.CREATURES


# Friends who are who a request is about are people ("two friends walk"); a friend the lead
# meets is one of its own kind ("a dog meets a friend": plan/staging.py).
_FRIENDS = {"friend": "person", "friends": "people", "buddies": "people", "pals": "people"}
# People a word names together, where it is who a request is about ("a couple dances"; not
# "a couple of dogs", "a family of ducks").
_COUNTED = {1: "a", 2: "two", 3: "three", 4: "four"}


def _people(grown: int, young: int) -> str:
    """ "two people", "two people and a child", "two people and two children"."""
    children = (
        "" if not young else " and a child" if young == 1 else f" and {_COUNTED[young]} children"
    )
    return f"{_COUNTED[grown]} people{children}"


_GROUPS = {word: _people(*said) for word, said in vocab.PEOPLE_TOGETHER.items()}
_GROUPS |= dict.fromkeys(("party", "parties"), "three people")  # those at it
# A party of a child's (a birthday's) has two grown-ups and a child.
_BIRTHDAY_PARTY = "two people and a child"


def drawable(subject: str) -> str:
    """`subject` in the words the world draws: "two people" of "two friends" and of "a
    young couple"."""
    words = subject.split()
    at = next((i for i in range(len(words)) if _is_group(words, i)), None)
    if at is not None and at and words[at - 1].lower() == "birthday":
        return _BIRTHDAY_PARTY
    if at is not None and _family_of(words, at):  # "a family of four": two and their two
        return _people(2, _family_of(words, at) - 2)
    if at is not None:
        return _GROUPS[_group_word(words[at])]
    return " ".join(_FRIENDS.get(word.lower(), word) for word in words)


def _family_of(words: list[str], i: int) -> int:
    """How many a family at `words[i]` is said to be ("a family of four": 4), or 0."""
    said = [w.lower().strip(",.") for w in words[i : i + 3]]
    if len(said) < 3 or said[0] != "family" or said[1] != "of":
        return 0
    return NUMBER_WORDS.get(said[2], 0) if 3 <= NUMBER_WORDS.get(said[2], 0) <= 6 else 0


def _is_group(words: list[str], i: int) -> bool:
    """Whether `words[i]` names people together ("a couple", "a family's"; not "a couple of
    dogs")."""
    following = words[i + 1].lower() if i + 1 < len(words) else ""
    return _group_word(words[i]) in _GROUPS and (following != "of" or bool(_family_of(words, i)))


def _group_word(word: str) -> str:
    """`word` as `_GROUPS` says it: lower case, no stop after it, not possessive."""
    return word.lower().strip(",.").removesuffix("'s")


# Words that describe the one named after them, in a subject of two.
_DESCRIBING = frozenset(
    "little young small tiny old big new best furry fluffy cute loyal faithful beloved".split()
)


def _subject_of(text: str) -> tuple[str, str]:
    """Split off the leading noun phrase that names a creature, or two joined by "and":
    ('a dog', 'going on …'), ('a girl and her dog', 'walk through …')."""
    words = text.split()
    if len(words) > 1 and _gerund(words[0]) and words[1].lower() in DETERMINERS:
        return "", text  # "feeding the chickens, riding a horse": what is done, by no one said
    if words[:1] and words[0].lower() == "does":
        return "", text  # "(a man) does push-ups": what he does, no deer
    for i, word in enumerate(words[:6]):
        said = word.lower().strip(",.")
        of_a_group = _is_group(words, i + 1) if i + 1 < len(words) else False  # "a dance party"
        if said in vocab.ACTION_SYNONYMS and not of_a_group and _names_the_undrawn(words[:i]):
            return " ".join(words[:i]), " ".join(words[i:])  # "a lonely robot wanders …"
        if (said in vocab.ACTION_SYNONYMS and not of_a_group) or said in _NOT_IN_A_SUBJECT:
            break  # "it meets a grey dog", "a bakery for dogs": not who it is about
        phrase = f"{said} {words[i + 1].lower().strip(',.')}" if i + 1 < len(words) else ""
        if vocab.KIND_SYNONYMS.get(phrase) in vocab.PROPS:
            continue  # "a pup cup": a cup, not a pup
        if not (_names_creature(word) or said in _FRIENDS or _is_group(words, i)):
            if word.endswith((",", ":")):
                break  # "Barkery, a bakery": a name said before it
            continue
        end = i + 2 if vocab.KIND_SYNONYMS.get(phrase) in vocab.CREATURES else i + 1
        end += 2 if _family_of(words, i) else 0  # "a family of four": all of it
        said_so = [w.lower().strip(",.") for w in words]
        while end < len(words) and not words[end - 1].endswith((",", ":")):
            verb = said_so[end] in vocab.ACTION_SYNONYMS  # "a chef cooks"
            verb |= vocab.verb_after_its_doer(said_so, end)  # "a girl does the dishes"
            if verb or not _names_creature(words[end]):  # "a bear cub", said in two words
                break
            end += 1  # "a golden retriever puppy": one of them, said in two words
        if not word.endswith(",") and end < len(words) and words[end].lower() == "and":
            j = end + 1
            while j < len(words) and (
                words[j].lower() in _MENTION_WORDS | _POSSESSIVES
                or words[j].lower() in vocab.COLOURS
                or words[j].lower() in _DESCRIBING  # "her little boy", "his old dog"
            ):
                j += 1
            pair = " ".join(w.lower().strip(",.") for w in words[j : j + 2])
            thing = vocab.KIND_SYNONYMS.get(pair) in vocab.PROPS  # "… and a pup cup": a cup
            if j < len(words) and _names_creature(words[j]) and not thing:
                end = j + 1
        return " ".join(words[:end]).strip(","), " ".join(words[end:])
    return "", text


# Whom a scene set first is spent with, said as theirs ("a day at the zoo with my kids",
# "a picnic with friends").
_WITH_WHOM = re.compile(
    r"\bwith\s+(?P<who>(?:(?:my|our|his|her|their)\s+(?:\w+\s+)?)?\w+)\s*$", re.IGNORECASE
)


def _spent_with(sentence: str) -> re.Match | None:
    """Whom the scene `sentence` sets is spent with, as `_WITH_WHOM` finds it: a creature
    said as theirs ("my kids"), or friends or a family, said as theirs or not."""
    found = _WITH_WHOM.search(sentence)
    if not found:
        return None
    words = found["who"].lower().split()
    together = words[-1] in _FRIENDS or words[-1] in _GROUPS
    return found if together or (len(words) > 1 and _names_creature(words[-1])) else None


def _names_the_undrawn(words: list[str]) -> bool:
    """Whether `words`, said before what is done, name one the world has no drawing for
    ("a lonely robot", "an alien"): an article, at most two words describing it, and a
    noun no vocabulary knows. It is who the request is about, drawn as a placeholder."""
    if not 2 <= len(words) <= 4 or words[0].lower() not in ("a", "an", "the"):
        return False
    noun = words[-1].lower()
    return noun.isalpha() and noun not in KNOWN and not any(w.endswith(",") for w in words)


def lead_of(subject: str) -> str:
    """The first of a subject of two ("a girl" of "a girl and her dog"); else all of it."""
    return subject.split(" and ")[0]


def companions_of(subject: str) -> str:
    """Who goes with the lead in a subject of two ("her dog" of "a girl and her dog")."""
    _, _, rest = subject.partition(" and ")
    return rest


def named_again(subject: str) -> str:
    """How the subject is named after its first mention: "the dog" for "a brown dog", "the
    girl and her dog" for "a girl and her dog"."""
    parts = []
    for part in filter(None, (lead_of(subject), companions_of(subject))):
        words = part.split()
        noun = words[-1].removesuffix("'s")  # "my dog's day", then "my dog"
        own = words[0].lower() in _POSSESSIVES
        parts.append(" ".join([*words[:-1], noun]) if own else f"the {noun}")
    return " and ".join(parts)


def _said_after_its_clause(opening: re.Match) -> str:
    """ "At sunset a dog walks" as "a dog walks at sunset"."""
    when = opening["when"]
    return f"{opening['clause']} {when[0].lower()}{when[1:]}"


# Who a request opened by a pronoun is about, no one named before it ("she walks in the
# park": a woman; "I walk my dog": me, as "me unboxing …" is).
_UNNAMED_AS = {"she": "a woman", "he": "a man", "i": "me"}
_UNNAMED = re.compile(r"^(?P<who>she|he|i)(?:'s|'m| is| am)?\b(?!')", re.IGNORECASE)


def split_beats(text: str) -> Beats:
    """Subject and beats of a request; the duration phrase and preamble are dropped. A
    request of several sentences ("It is raining in the city. A man waits at a bus stop.")
    finds its subject in the first that opens with one (or else in the first clause that
    does); those before it are beats of their own, the setting."""
    text = DURATION_PATTERN.sub(" ", text)
    text = _HORSE_AND_RIDER.sub(r"\g<rider> on a horse", text)  # who the story is about
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = _PREAMBLE.sub("", text, count=1) if _PREAMBLE.match(text) else text
    described = _DESCRIBED.match(text)
    if described and _describes_only(described.group(1)):
        text = text[described.end() :]
    else:  # "a cat video for instagram: a kitten plays": what follows tells it
        text = _TOLD_AFTER_A_COLON.sub("", text, count=1)
    shot_as = _SHOT_AS.match(text)
    framing = shot_as["how"].lower() if shot_as else ""
    text = text[shot_as.end() :] if shot_as else text
    text = re.sub(r"^(?:first|at first)\b,?\s*", "", text, flags=re.IGNORECASE)  # of a sequence
    text = _DAY_IN_THE_LIFE.sub("", text, count=1)  # of whom: "a day in the life of a barista"
    text = _OPENS_WITH_WHEN.sub(_said_after_its_clause, text, count=1)
    text = _UNNAMED.sub(lambda m: _UNNAMED_AS[m["who"].lower()], text, count=1)  # "she walks"
    sentences = [_DIRECTION.sub("", s.strip(" .!?")) for s in _SENTENCES.split(text)]
    sentences = [_NEXT_IN_TURN.sub("", s) for s in sentences]  # "Then a man arrives"
    sentences = [part for s in sentences if s for part in _at_colon(s)]
    opens = next((k for k, s in enumerate(sentences) if _subject_of(s)[0]), None)
    if opens is None:  # "leaves falling in the park, a girl jumps into them": by clause
        sentences = [part for sentence in sentences for part in _parts(sentence)]
        opens = next((k for k, s in enumerate(sentences) if _subject_of(s)[0]), None)
    subject, rest = _subject_of(sentences[opens]) if opens is not None else ("", "")
    setting = sentences[:opens] if opens is not None else []
    after = [rest, *sentences[opens + 1 :]] if opens is not None else sentences
    with_whom = _spent_with((setting or sentences)[0])
    if with_whom and (setting or opens is None):
        # "a day at the zoo with my kids: the lions, the elephants": the kids' day, the
        # lions what they see; "a picnic with my family: sandwiches, then a nap"
        subject = with_whom["who"]
        first = (setting or sentences)[0]
        scene = first[: with_whom.start()].strip(" ,")
        if opens is None:  # no one else opens a sentence: every beat is theirs
            after, setting = [scene, *sentences[1:]], []
        else:
            after, setting = sentences[opens:], [scene, *setting[1:]]
    # "a keeper and the seagull who keeps him company": the clause is the seagull's, kept
    whose = " and " in subject.lower()
    parted = [_parts(sentence, keep_who=whose and k == 0) for k, sentence in enumerate(after)]
    beats = [*setting, *(part for parts in parted for part in parts)]
    told = tuple(_whose_pronoun(subject, _they_go_on(beats))) or (text,)
    return Beats(subject=subject, beats=told, setting=len(setting), framing=framing)


# People's words by whom they name, for "he" and "she".
_SHE = frozenset(
    """girl girls woman women mom mum mother lady wife daughter granddaughter grandma
    grandmother aunt sister niece queen princess bride girlfriend waitress ballerina
    cowgirl schoolgirl actress""".split()
)
_HE = frozenset(
    """boy boys man men dad father husband son grandson grandpa grandfather uncle brother
    nephew king prince groom boyfriend gentleman guy cowboy schoolboy""".split()
)


def _whose_pronoun(subject: str, beats: list[str]) -> list[str]:
    """Beats opening with "he" or "she" where the subject is two people and the pronoun is
    the second's, not the lead's ("a mom and her little boy …, then he flies a kite"): said
    of that one by name ("the boy flies a kite"); the others as they are."""
    lead, other = lead_of(subject).lower().split(), companions_of(subject).lower().split()
    if not lead or not other:
        return list(beats)
    named = {"he": _HE, "she": _SHE}

    def whose(beat: str) -> str:
        first, _, rest = beat.partition(" ")
        words = named.get(first.lower())
        if words and lead[-1] not in words and other[-1] in words:
            return f"the {other[-1]} {rest}"
        return beat

    return [whose(beat) for beat in beats]


def _they_go_on(beats: list[str]) -> list[str]:
    """A beat that goes on from "they …" with a verb alone is theirs too: "then they get ice
    cream, then sit on a bench" is "they sit" (it was captioned "The girl sit", the dog
    left out)."""
    told = list(beats)
    for k in range(1, len(told)):
        first = told[k].split()[0].lower() if told[k].split() else ""
        bare = vocab.ACTION_SYNONYMS.get(first) or first in vocab.ACTIONS or first in _STILL
        if told[k - 1].lower().startswith("they ") and bare and not first.endswith(("s", "ing")):
            told[k] = f"they {told[k]}"
    return told


def _describes_only(words: str) -> bool:
    """Whether `words` before "video" only say what it is like ("cozy autumn"), naming no
    creature nor thing, nor anything done."""
    for word in re.findall(r"[\w'-]+", words.lower()):
        named = vocab.KIND_SYNONYMS.get(word, word) in vocab.KINDS or word in _FRIENDS
        if named or word in vocab.ACTION_SYNONYMS or word.endswith("ing") or word in _NOT_A_LOOK:
            return False
    return True


def _at_colon(sentence: str) -> list[str]:
    """A sentence that sets the scene up to a colon and opens with its subject after it,
    as two ("A day at the beach: a child runs along the shore")."""
    head, colon, tail = sentence.partition(": ")
    if colon and _spent_with(head):  # "a picnic with my family: sandwiches, then a nap"
        return [head, tail]
    if colon and not _subject_of(head)[0] and _subject_of(tail)[0]:
        return [head, tail]
    if colon and _subject_of(head)[0] and not _subject_of(head)[1] and not _subject_of(tail)[0]:
        return [f"{head} {tail}"]  # "a barista: opening the café, …": what the barista does
    return [sentence]


def _parts(sentence: str, *, keep_who: bool = False) -> list[str]:
    """The beats of one sentence: split at commas, "then" and the like; a long one with
    none at its "and"s; what happens "where" (`_WHERE`). `keep_who`: a "who" opening it
    stays (it tells of the last one named)."""
    parts: list[str] = []
    for k, part in enumerate(_SPLIT.split(sentence)):
        part = part.strip(" .")
        kept = _RELATIVE.match(part) and (_goes_on(part) or (keep_who and k == 0))
        if not kept:  # "a dog who loves the beach runs" keeps its "who"
            part = _JOINER.sub("", part)  # "a dog, then the dog runs": no beat
        if not part:
            continue
        what = _WHERE.sub("", part)
        if what != part and parts and _AT.match(parts[-1]):
            parts[-1] = f"{what} {parts[-1]}"
        elif parts and _is_adverb(parts[-1]):  # "Outside, it is snowing": one beat
            parts[-1] = f"{parts[-1]}, {what}"
        else:
            parts.append(what)
    if len(parts) == 1 and " and " in parts[0] and len(parts[0].split()) > 6:
        pieces = [_JOINER.sub("", p.strip()) for p in parts[0].split(" and ")]
        parts = pieces[:1]
        for piece in pieces[1:]:  # "with balloons and cake": more of what is there
            if _tells_something(piece) or not parts:
                parts.append(piece)
            else:
                parts[-1] = f"{parts[-1]} and {piece}"
    return [p for p in parts if p]


def _tells_something(piece: str) -> bool:
    """Whether a piece of a sentence after its "and" says something done, not only more
    things there ("cake" of "a party with balloons and cake")."""
    words = [w.strip(",.").lower() for w in piece.split()]
    return any(w in vocab.ACTION_SYNONYMS or w in _STILL or w.endswith("ing") for w in words)


def _goes_on(clause: str) -> bool:
    """Whether a clause opened by "who" or "that" has its subject's own verb after it ("who
    loves the beach runs into the waves"): then "who" is part of the line."""
    return _main_verb(clause.split()) is not None


def without_relative_clause(text: str) -> str:
    """`text` less each clause opened by "who" or "that" that says what someone is like
    before what they do: "a man who lost his dog searching the park" is a man searching
    the park, with no dog to see. A clause with no verb after it is what is told and
    stays ("a dog who loves running")."""
    words = text.split()
    for at in reversed(range(len(words))):
        if words[at].lower() in ("who", "that"):
            verb = _main_verb(words[at:])
            if verb is not None:
                del words[at : at + verb]
    return " ".join(words)


def _finite_verb_after(words: list[str], at: int) -> int | None:
    """Where a verb already said in the present comes after the -ing word at `at` ("a man
    fishing by the lake catches a fish": the fishing says who, "catches" what he does), or
    None; a name that reads as a verb after an article is no verb ("riding the waves")."""
    for k in range(at + 2, len(words)):
        word, before = words[k].lower().strip(",."), words[k - 1].lower()
        finite = word.endswith("s") and not word.endswith("ss")
        if finite and vocab.ACTION_SYNONYMS.get(word) and before not in DETERMINERS:
            return k
    return None


def _main_verb(words: list[str]) -> int | None:
    """Where the subject's own verb is in a line opened by "who" or "that" ("who loves the
    beach runs", "that hates rain watching the storm"), past the clause's verb: None where
    there is none. A word in -ing just after that verb is what it loves ("who loves
    running"), no verb of the subject's."""
    for at in range(2, len(words)):
        word, before = words[at].lower().strip(",."), words[at - 1].lower()
        verb = vocab.ACTION_SYNONYMS.get(word) or word in _STILL  # "runs", "naps"
        if verb and not word.endswith("ing"):
            return at
        # "searching the park" goes on; "the morning", "dreams of flying" do not.
        named = before in _MENTION_WORDS | _POSSESSIVES | _NOT_AFTER or word in _ING_NOUNS
        if at > 2 and word.endswith("ing") and len(word) > 4 and not named:
            return at
    return None


def _is_adverb(part: str) -> bool:
    """Whether a part is one word that says where or how what follows happens ("Outside",
    "Suddenly"), no beat of its own (unlike "stretching")."""
    word = part.lower()
    return " " not in word and (word.endswith("ly") or word in _WHERE_WORDS)


_EXPLORING = ("explore", "explores", "exploring")


def _opens_with_place(words: list[str]) -> bool:
    """Whether `words` open by naming a place ("a quiet park in the morning", "the beach"):
    the setting, a sentence of its own."""
    at = 1 if words and words[0].lower() in ("a", "an", "the") else 0
    for start in range(at, min(at + 3, len(words))):  # past up to two words describing it
        for length in (2, 1):
            phrase = " ".join(words[start : start + length]).lower().strip(",.")
            if phrase in vocab.PLACE_SYNONYMS:
                # "at home" alone is where the subject is ("a puppy at home", "home alone")
                where = "home" in phrase.split() and len(words) == length
                # "comes home from work", "exploring the house": what the subject does
                where |= phrase.split()[0] in (*vocab.COMING, *_EXPLORING)
                return (at > 0 or start == 0) and not where
    return False


def _opening_noun(words: list[str]) -> int | None:
    """Where the noun is when `words` open by naming a thing the world knows ("a white dog
    …": 2), else None."""
    at = 1 if words and words[0].lower() in _MENTION_WORDS | _POSSESSIVES else 0
    if at < len(words) and words[at].lower() in vocab.COLOURS:
        at += 1
    named = words[at].lower().strip(",.") if at < len(words) else ""
    following = words[at + 1].lower() if at + 1 < len(words) else ""
    if named == "home" and at == 0:
        return None  # "home alone": where one is, no house
    if at == 0 and (following in OBJECT_WORDS or named in vocab.ACTION_SYNONYMS):
        return None  # "drinks it", "drinks water", "treats her": a verb
    if at == 0 and named == "does":
        return None  # "does push-ups": a verb, no deer
    if vocab.KIND_SYNONYMS.get(f"{named} {following.strip(',.')}") in vocab.KINDS:
        return at  # "ice cream", "hot air balloon": said in two words
    return at if vocab.KIND_SYNONYMS.get(named, named) in vocab.KINDS else None


def opens_with_companion(subject: str, beat: str) -> bool:
    """Whether `beat` opens by naming the second of a subject of two by a word that is not
    the lead's ("the boy flies a kite" in "a mom and her little boy …"): it tells of that
    one, although both may be of one kind."""
    lead, other, words = lead_of(subject).split(), companions_of(subject).split(), beat.split()
    at = _opening_noun(words)
    if not other or not lead or at is None:
        return False
    named = singular(words[at].lower().strip(",."))
    return named == singular(other[-1].lower()) != singular(lead[-1].lower())


def without_subject(subject: str, beat: str) -> str:
    """`beat` less a mention of the subject itself that opens it: in a film about a dog,
    "a dog at a cafe" is "at a cafe", "the dog sleeping" and "she sleeping" are "sleeping";
    a beat that is only the subject is "". Unchanged where it opens with anything else:
    another kind, another colour than the subject's, or another number of them ("two dogs"
    in a film about a dog)."""
    said, words = subject.lower().split(), beat.split()
    if not said or not words:
        return beat
    if beat.lower().strip(" ,.") == subject.lower():  # "a family of birds", all there is
        return ""
    acts = any(word.lower().strip(",.") in vocab.ACTION_SYNONYMS for word in words[1:])
    pronoun = words[0].lower()
    if pronoun == "they" and not is_plural(subject):
        return beat
    if pronoun in _PRONOUNS or (pronoun == "it" and acts):  # "they sit"
        return " ".join(words[1:])
    at = _opening_noun(words)
    if at is None:
        return beat
    named, noun = words[at].lower().strip(",."), said[-1]
    colours = {word.lower() for word in words[:at]} & set(vocab.COLOURS)
    same_kind = vocab.KIND_SYNONYMS.get(named, named) == vocab.KIND_SYNONYMS.get(noun, noun)
    if not same_kind or is_plural(named) != is_plural(subject) or colours - set(said):
        return beat
    if words[0].lower() in ("a", "an") and singular(named) != singular(noun):
        return beat  # "a customer smiles" in a barista's story: someone else
    return " ".join(words[at + 1 :]).lstrip(", ")


def only_food(beat: str) -> bool:
    """Whether `beat` names food and nothing else ("sandwiches", "ice cream"): what the
    lead has then, in a story of what someone does."""
    said = _food_said(beat)
    return said in vocab.FOODS or vocab.KIND_SYNONYMS.get(said) == "cup"  # ice cream


def only_a_drink(beat: str) -> bool:
    """Whether `beat` names a drink and nothing else ("hot cocoa", "a cup of tea"): what
    people drink (not a pup cup)."""
    return _food_said(beat) in vocab.DRUNK


def _food_said(beat: str) -> str:
    """The words of a beat that names food, less its determiners ("the ice cream")."""
    return " ".join(w for w in beat.lower().strip(" ,.").split() if w not in DETERMINERS)


def beat_sentence(subject: str, beat: str, *, first: bool, setting: bool = False) -> str:
    """A caption line: 'The dog goes on a walk.' (the subject introduced where `first`: no
    beat before named it); a beat that opens with someone else, with "it" or "there", or
    with a place, or with "the", "a" or "his" before anything else, is its own sentence ('A
    car drives past.', 'It starts to rain.', 'The kite gets stuck in a tree.'), as is
    one that sets the scene before the subject is met (`setting`: 'A day at the beach.')."""
    words, own = _told(subject, beat)
    if subject and not own and not setting:
        who = subject if first else named_again(subject)  # "a cat's day", then "the cat"
        who = "I" if subject.lower() in FIRST_PERSON else who  # "I unbox my headphones"
        sentence = " ".join([who, *words])
    else:
        sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:] + "."


def opens_with_another(subject: str, beat: str) -> bool:
    """Whether the beat, less a mention of the subject, opens with someone or something
    else ("a taxi drives past"): what it tells is of that one."""
    return _opening_noun(without_subject(subject, beat).split()) is not None


def names_subject(subject: str, beat: str) -> bool:
    """Whether the beat's caption line names the subject (not a sentence of its own)."""
    return bool(subject) and not _told(subject, beat)[1]


# Words a gerund before them names the kind of ("horse riding tours", "dance lessons",
# "running shoes"): no verb to put in the present tense.
_GERUND_NAMES = frozenset(
    """tour tours lesson lessons class classes school club shoes boots gear trip trips pool
    holiday holidays stables camp team session sessions adventure adventures experience
    experiences kit course courses studio competition contest""".split()
)


def _told(subject: str, beat: str) -> tuple[list[str], bool]:
    """The words of the beat's line after its subject, the verb in the present tense, and
    whether the line is a sentence of its own."""
    words = without_subject(subject, beat).split()
    at = _opening_noun(words)
    verb = 0 if at is None else at + 1  # where the verb is, if any
    if at is None and words and words[0].lower() in ("who", "that"):  # "who loves … runs"
        verb = _main_verb(words) or len(words)
    if at is None and words and words[0].lower() in ("on", "in", "with"):
        # "on a horse jumping over a fence": what it does comes after what it is on
        # (not the thing it is on: "on a building sleeping" sleeps)
        after = (k for k in range(2, min(6, len(words))) if words[k - 1].lower() not in DETERMINERS)
        verb = next((k for k in after if _gerund(words[k])), verb)
    compound = verb + 1 < len(words) and words[verb + 1].lower().strip(",.") in _GERUND_NAMES
    told_of = subject or at is not None  # else as said: "Waking up.", of no one named
    told_of = told_of and _finite_verb_after(words, verb) is None  # "fishing … catches"
    if verb < len(words) and words[verb].lower().endswith("ing") and not compound and told_of:
        plural = is_plural(subject) if at is None else is_plural(" ".join(words[: at + 1]))
        plural = plural or (at is None and subject.lower() in FIRST_PERSON)  # "I unbox"
        words[verb] = present_tense(words[verb], plural=plural)
        joined = verb + 2 < len(words) and words[verb + 1].lower() == "and"
        if joined and _gerund(words[verb + 2]):  # "walks and talks", not "… and talking"
            words[verb + 2] = present_tense(words[verb + 2], plural=plural)
    sky = at is None and _opens_with_the_sky(words) and len(words) > 1
    if sky and words[1].lower().endswith("ing"):  # "snow falling on the roofs": it falls
        words[1] = present_tense(words[1], plural=False)
    said = words[1:] if words and words[0].endswith(",") and _is_adverb(words[0][:-1]) else words
    opener = said[0].lower() if said else ""  # past "Outside,"
    # "the kite gets stuck", "his face lights up", "a nap": of something else, or a list
    # of what happens, never what the subject does.
    named = opener in _MENTION_WORDS | _POSSESSIVES
    framed = _FRAMING.match(" ".join(said)) is not None  # "close-up of her shoes"
    own = at is not None or named or framed or opener in ("it", "there", "they")
    own = own or _opens_with_place(said) or _opens_with_the_sky(said) or only_food(beat)
    return words, own


def _opens_with_the_sky(words: list[str]) -> bool:
    """Whether `words` open with the weather or the light, told of itself ("rain outside",
    "sunset over the lake"; not "morning routine"): the world's, no doing of the subject's."""
    opener = words[0].lower().strip(",.") if words else ""
    following = words[1].lower().strip(",.") if len(words) > 1 else ""
    skies = opener in vocab.WEATHER_SYNONYMS or opener in vocab.TIME_SYNONYMS
    return skies and (not following or following in _SAID_OF_THE_SKY)


# What follows the weather or the light told of itself ("rain falls", "sunset over …").
_SAID_OF_THE_SKY = frozenset(
    """outside falls falling fell over on in at across begins starts sets setting rises
    rising comes pours pouring everywhere again""".split()
)
