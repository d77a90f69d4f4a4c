"""The brief: the request understood, with what it left open filled in (and said so)."""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field

from videoagent.plan.beats import (
    drawable,
    lead_of,
    singular,
    split_beats,
    without_relative_clause,
)
from videoagent.plan.continuity import asks_one_take, without_one_take
from videoagent.plan.journey import without_destinations
from videoagent.plan.prose import ACTION_PROSE, PLACE_PROSE, TIME_PROSE
from videoagent.plan.quoted_words import without_quoted
from videoagent.plan.request import Request
from videoagent.plan.visual_style import DEFAULT_LOOK, asked_look, without_looks
from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.prompt_parser import parse


@dataclass
class Brief:
    """Subject, setting, style and pacing of the video; `assumed` lists what we filled in."""

    request: str
    mode: str
    subject: str  # the subject phrase as written ("a dog"), or "" when there is none
    subject_kind: str | None  # a synthworld creature, when the subject is one
    subject_colour: str | None
    beats: list[str]
    place: str
    time_of_day: str
    weather: str
    style: str  # how a model that reads prose is asked to draw it (plan/visual_style.py)
    seconds: float
    assumed: list[str] = field(default_factory=list)
    one_take: bool = False  # asked for as one continuous take (plan/continuity.py)
    setting: int = 0  # how many beats, first, set the scene before the subject is met
    framing: str = ""  # how every shot is asked to be framed ("close-up": "a close-up of …")

    def to_dict(self) -> dict:
        return asdict(self)


def _day_ending(plain: str, beats: tuple[str, ...]) -> str | None:
    """The time a day told part by part ends at ("…, then watching the sunset"; "…,
    watching fireworks": at night), where only its last part (of three or more) names one,
    and it is the day's end: its earlier parts are earlier in the day, not all at sunset.
    None where it is not so."""
    if len(beats) < 3:
        return None
    dark = {e.kind for e in parse(beats[-1]).spec.entities} & set(vocab.SEEN_IN_THE_DARK)
    ending = _named(beats[-1], vocab.TIME_SYNONYMS) or ("night" if dark else None)
    last = plain.lower().rfind(beats[-1].lower())
    if ending not in ("sunset", "night") or last <= 0:
        return None
    return ending if _named(plain[:last], vocab.TIME_SYNONYMS) is None else None


def _creature(word: str) -> bool:
    """Whether `word` names an animal ("elephant", "puppy"), not a person."""
    kind = vocab.KIND_SYNONYMS.get(word, word)
    return kind in vocab.CREATURES and kind != "person"


def _named(text: str, table: dict[str, str]) -> str | None:
    """The value of the longest phrase of `table` that `text` names as words of their own
    ("Sunny Café: coffee" names the café; "snow-covered" no snow; "before bed", one word
    of `vocab.COMPOUNDS`, no bed)."""
    lowered = vocab.compounded(text).lower()
    for phrase in sorted(table, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered):
            return table[phrase]
    return None


# Watching the weather, or looking outside: from indoors, as through a window ("a cat
# watching the rain", "looks outside at the snow").
WATCHING_THE_WEATHER = re.compile(
    r"\b(?:(?:watch|watches|watching|gazes|gazing|stares|staring)(?:\s+\w+){0,2}\s+"
    r"(?:rain|snow|storm|raindrops|snowflakes)|(?:looks|looking|peeks|peeking|gazes|gazing|stares|staring)"
    r"\s+out(?:side)?)\b",
    re.IGNORECASE,
)
# Words for coming in, said of a later beat: the story began outside, not there.
COMING_IN = frozenset(("inside", "indoors"))


# What is done out and about: a story that opens so, naming no place, is not indoors where
# a later part of it goes ("walks her dog, then has coffee at a café").
DONE_ON_THE_MOVE = ("walk", "run", "chase", "toss", "stroll", *vocab.DONE_OUT_OF_DOORS)


def _first_named(text: str, table: dict[str, str]) -> str | None:
    """The value of the phrase of `table` that `text` names first (the longest of those
    that start there): where a story starts is the first place it names ("in the park,
    then … at home" starts in the park)."""
    lowered = text.lower()
    found = []
    for phrase, value in table.items():
        hit = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered)
        if hit:
            found.append((hit.start(), -len(phrase), value))
    return min(found)[2] if found else None


def _done_by_someone(beat: str) -> bool:
    """Whether `beat`, naming no one, tells what only a person does ("waking up", "dancing
    in the rain"): the parser has someone do it (not two, as a candlelit dinner has); or it
    opens with what a person would be doing to what it names ("riding a horse", "feeding the
    chickens"; not "running water")."""
    entities = parse(beat).spec.entities
    people = [e for e in entities if e.kind == "person"]
    if len(people) == 1 and entities[0] == people[0] and people[0].action != "stand":
        return True
    words = beat.lower().split()
    doing = len(words) > 1 and words[0].endswith("ing") and words[1] in _WHAT_IS_DONE_TO
    done = parse(f"a person {beat}").spec.entities if doing else ()
    # (feeding the hens, they eat: the person stands)
    return bool(done) and done[0].kind == "person" and any(e.action != "stand" for e in done)


# Words after a doing that open what it is done to or where ("riding a horse", "going up").
_WHAT_IS_DONE_TO = frozenset(
    "a an the his her their my some up down in on at to with through along around out".split()
)


def make_brief(request: Request) -> Brief:
    """Understand the request without any model: subject, beats, setting, what was assumed."""
    one_take = asks_one_take(request.text)
    # How it looks is no beat ("in black and white"), nor are words to read on screen.
    told = without_quoted(without_looks(request.text))
    beats = split_beats(without_one_take(told) if one_take else told)
    assumed = []
    kind = colour = None
    if beats.subject:
        subject_parse = parse(drawable(beats.subject)).spec.drawable
        if subject_parse and subject_parse[0].kind in vocab.CREATURES:
            kind = subject_parse[0].kind
            words = lead_of(beats.subject).lower().split()  # "a girl and her brown dog"
            colour = next((w for w in words if w in vocab.COLOURS), None)
    elif beats.beats and _done_by_someone(beats.beats[0].split(": ")[-1]):
        # "waking up, making coffee, then walking the dog", "a day at the farm: feeding the
        # chickens, riding a horse": no one named does it all, so one person does
        kind, colour = "person", vocab.DEFAULT_COLOUR["person"]
        assumed.append("one person does it all (the request names no one)")
    if kind and colour is None:
        words = lead_of(beats.subject).lower().split()
        said = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words
        natural = next((w for w in said if w in vocab.NATURAL_COLOUR), None)  # "a swan"
        colour = vocab.NATURAL_COLOUR[natural] if natural else vocab.DEFAULT_COLOUR[kind]
        assumed.append(f"the {natural or kind} is {colour}")
    # "a cat that hates rain naps": what a who-clause says of it is no weather to draw
    plain = vocab.compounded(without_relative_clause(request.text))  # "video games"
    told_of = parse(told).spec.entities
    doing = [e.action for e in told_of]
    weather = _named(plain, vocab.WEATHER_SYNONYMS)
    needs = next((a for a in doing if a in vocab.WEATHER_OF_DOING), None)
    if weather is None and needs:  # skiing: on snow
        weather = vocab.WEATHER_OF_DOING[needs]
        assumed.append(f"in the {weather} (one {ACTION_PROSE[needs].split(',')[0]})")
    weather = weather or "clear"
    opening = " ".join((beats.subject, *beats.beats[:1])).lower()
    # (its compounds one word: brushing one's teeth "before bed" names no bed to be in)
    searched = without_destinations(vocab.compounded(request.text))
    came_in = re.search(rf"\b(?:{'|'.join(COMING_IN)})\b", searched, re.IGNORECASE)
    if came_in and not set(re.findall(r"[a-z]+", opening)) & COMING_IN:
        # "building a snowman, then drinking cocoa inside": they came in; it starts out
        searched = searched[: came_in.start()]
    place = _first_named(searched, vocab.PLACE_SYNONYMS)
    opened_out = {e.action for e in parse(opening).spec.entities} & set(DONE_ON_THE_MOVE)
    inside = (*vocab.INDOORS, "cafe")  # (a café: its counter, its tables)
    if place in inside and opened_out and _first_named(opening, vocab.PLACE_SYNONYMS) is None:
        # "walking her dog on a snowy morning, then coffee at a café": not walked in the café
        place = None
    lead = lead_of(beats.subject).lower().split() if beats.subject else []
    # who is where they work or are looked after: whom the story is about, else whom it
    # opens with ("a mother reading to her baby": at home)
    said = [*lead[-1:], *re.findall(r"[a-z]+", opening)]
    young = {w for w, after in itertools.pairwise(said) if _creature(after)}  # a baby elephant
    worker = next((w for w in said if w in vocab.WORKPLACES and w not in young), None)
    workplace = vocab.WORKPLACES.get(worker) if worker else None
    if workplace in vocab.INDOORS and set(vocab.OUT_OF_DOORS) & {e.kind for e in told_of}:
        workplace = None  # "a baby asleep in a stroller" is out in it, not at home
    if place is None and workplace:  # a barista at work, a surfer at the beach
        place = workplace
        assumed.append(f"set in a {place} (where a {singular(worker)} would be)")
    # what is cooked over a campfire is cooked out of doors, no kitchen
    campfire = any(e.kind == "campfire" for e in told_of)
    done_at = next((a for a in doing if a in vocab.PLACE_OF_DOING), None)
    done_at = done_at or ("cook" if "cook" in doing and not campfire else None)
    if place is None and done_at:  # surfing at the beach, making dinner in the kitchen
        place = vocab.PLACE_OF_DOING.get(done_at, "kitchen")
        assumed.append(f"set in {PLACE_PROSE[place]} (one {ACTION_PROSE[done_at].split(',')[0]})")
    words = re.findall(r"[a-z]+", plain.lower())
    done = next((w for w in words if w in vocab.WHERE_DONE), None)
    done = None if campfire and vocab.WHERE_DONE.get(done or "") == "kitchen" else done
    if place is None and done:  # a birthday party at home, cooking in the kitchen
        place = vocab.WHERE_DONE[done]
        if place == "kitchen" and done not in re.findall(r"[a-z]+", opening):
            place = "living room"  # "wakes up, eats breakfast": at home, in the kitchen after
        assumed.append(f"set in a {place} (for the {done})")
    over = "|".join(re.escape(w) for w in sorted(vocab.MET_OVER_AT_A_CAFE, key=len, reverse=True))
    if place is None and re.search(rf"\bover (?:{over})\b", plain, re.IGNORECASE):
        place = "cafe"  # "two friends laughing over coffee"
        assumed.append("set in a cafe (met over coffee)")
    # a fire, where no place is said, if the story opens by it ("an old man in his armchair
    # by the fire"; not "plays in the snow, then drinks cocoa by the fire")
    lit = parse(opening, set_in="living room").spec.entities
    if place is None and any(e.kind == "fireplace" for e in lit):  # "by the fire"
        place = "living room"
        assumed.append("set in a living room (by its fire)")
    late = next((a for a in doing if a in vocab.DONE_AT_HOME_AT_NIGHT), None)
    at_night = _named(plain, vocab.TIME_SYNONYMS) == "night"
    if place is None and late and at_night and kind in vocab.KEPT_AT_HOME:  # not out in the dark
        place = "living room"
        assumed.append(f"set in a living room (one {ACTION_PROSE[late].split(',')[0]} at night)")
    things = [e.kind for e in told_of]
    if place is None:
        # A cat at home; a dog, a person or a bird out in the park (a deer or a fox in the
        # woods, a cow or a hen on a farm), and anyone out in the rain or snow asked for,
        # which no living room shows, unless seen through a window; a car that is what it
        # is about, in the street.
        driven_in = {"car", "bus", "train"} & set(things)  # "its head out the window": a car's
        window = "window" in request.text.lower() and not driven_in
        window |= WATCHING_THE_WEATHER.search(plain) is not None
        outdoors = bool(set(vocab.OUT_OF_DOORS) & set(things))  # "a cat stuck in a tree"
        indoors = window or (kind in vocab.PETS_INDOORS and weather == "clear" and not outdoors)
        # or at its wheel, or a dog riding along in it (one riding a bus, in it)
        driven = bool({"car", "bus"} & set(things))
        driven &= kind is None or bool({"steer", "ride"} & set(doing))
        wild = kind in vocab.WOODLAND_ANIMALS  # a deer, a fox: in the woods
        farmed = kind in vocab.FARM_ANIMALS or bool(set(lead) & vocab.FARMYARD_BIRDS)
        found = [vocab.FOUND_IN[k] for k in things if k in vocab.FOUND_IN]
        homes = found + [vocab.AFLOAT_ON[k] for k in things if k in vocab.AFLOAT_ON]
        place = "living room" if indoors else "street" if driven else "forest" if wild else "park"
        place = "farm" if farmed and place == "park" else place  # a cow, a rooster
        place = "lake" if "swim" in doing and place == "park" else place  # in its water
        place = next(iter(homes), place)  # a boat on its water, whoever is in it
        assumed.append(f"set in a {place}")
    shore = next((k for k in things if k in vocab.BY_THE_WATER), None)
    said = _first_named(without_destinations(request.text), vocab.PLACES_AS_SAID)
    if shore and said is None and place not in vocab.BY_THE_WATER[shore]:  # on its cliff
        place = vocab.BY_THE_WATER[shore][0]
        assumed.append(f"set at the {place} (a {shore} stands by the water)")
    time_of_day = _named(plain, vocab.TIME_SYNONYMS)
    ending = _day_ending(plain, beats.beats)
    if ending:  # "a day at the beach: …, swimming, watching the sunset": it ends so
        time_of_day = "morning"
        assumed.append(f"in the morning, until its last part ({TIME_PROSE[ending]})")
    if time_of_day is None and "fireworks" in things:
        time_of_day = "night"
        assumed.append("at night (fireworks are seen in the dark)")
    lamplit = next((k for k in things if k in vocab.LIT_AFTER_DARK), None)
    if time_of_day is None and lamplit:  # "dancing under a streetlight"
        time_of_day = "night"
        assumed.append(f"at night (the {lamplit} lit)")
    fires = {e.kind for e in lit} & {"fireplace", "campfire"}
    if time_of_day is None and fires:  # "sitting by the fire", "around the campfire"
        time_of_day = "night"
        assumed.append(f"at night (for the {min(fires)})")
    words = set(re.findall(r"[a-z]+", plain.lower()))
    when = next((w for w in vocab.WHEN_DONE if w in words), None)
    if time_of_day is None and when:  # dinner in the evening, by candlelight after dark
        time_of_day = vocab.WHEN_DONE[when]
        assumed.append(f"{TIME_PROSE[time_of_day]} (for the {when})")
    if time_of_day is None:
        time_of_day = "morning"
        assumed.append("in the morning")
    style = asked_look(request.text)
    if not style:
        style = DEFAULT_LOOK
        assumed.append("a natural look (no style asked)")
    if request.duration_source == "default":
        assumed.append(f"{request.seconds:g} seconds long (no duration given)")
    return Brief(
        request=request.text,
        mode=request.mode,
        subject=beats.subject,
        subject_kind=kind,
        subject_colour=colour,
        beats=list(beats.beats),
        place=place,
        time_of_day=time_of_day,
        weather=weather,
        style=style,
        seconds=request.seconds,
        assumed=assumed,
        one_take=one_take,
        setting=beats.setting,
        framing=beats.framing,
    )
