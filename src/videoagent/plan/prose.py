"""A shot told in plain English, for the video models that read prose.

Hosted and local models (the cinematic, Runway and Veo dialects) draw what they are told,
literally. What their prompt says of a shot besides its caption must agree with that caption
and read as a person writes it: the place as the request names it ("a snowy forest", not the
park synthworld stands in for it), a person by what they wear ("a person in green"), and
neither an action synthworld only stands in for (an old man who feeds the ducks is not told
to walk along) nor the placeholders it draws for what it cannot.
"""

from __future__ import annotations

import re

from videoagent.synthworld import vocabulary as vocab
from videoagent.synthworld.articles import a_or_an
from videoagent.synthworld.captioner import LIGHT_PHRASE, greeting
from videoagent.synthworld.choreography import KNEELS_TO, SIZE
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.spec import EntitySpec, SceneSpec, cradled_by

# Each place as synthworld draws it, where the request names none of its own.
PLACE_PROSE = {
    "park": "a park",
    "street": "a street",
    "cafe": "a café terrace",
    "beach": "a sandy beach by the sea",
    "living room": "a living room",
    "city": "a city street below tall towers",
    "forest": "a forest of tall trees",
    "lake": "the grassy bank of a lake",
    "kitchen": "a kitchen",
    "mountains": "a mountain trail below snowy peaks",
    "reef": "a coral reef under the sea",
    "farm": "a farmyard, fields and a red barn beyond its fence",
    "bathroom": "a bathroom of white tiles, a washbasin under its mirror",
}
TIME_PROSE = {
    "morning": "in the morning",
    "noon": "at midday",
    "sunset": "at sunset",
    "night": "at night",
}
WEATHER_PROSE = {"clear": "under a clear sky", "rain": "in the rain", "snow": "in falling snow"}
WEATHER_INDOORS = {
    "clear": "",
    "rain": "rain on the windows",
    "snow": "snow falling beyond the windows",
}
KIND_PROSE = {"cafe stand": "coffee stand"}
ACTION_PROSE = {
    "walk": "walks along",
    "run": "runs",
    "sit": "sits",
    "sniff": "sniffs the ground, nose down",
    "jump": "jumps",
    "wag": "wags its tail",
    "fly": "flies overhead",
    "drive": "drives past",
    "roll": "rolls along the ground",
    "eat": "eats",
    "dance": "dances",
    "wave": "waves hello",
    "spin": "spins round and round, chasing its tail",
    "swim": "swims",
    "sleep": "sleeps, lying down and breathing slowly",
    "bloom": "blooms, its petals slowly opening",
    "sail": "sails across the water",
    "cook": "cooks, tossing a pan",
    "read": "sits reading a book",
    "skate": "rides a skateboard along",
    "scoot": "rides a kick scooter along, pushing off with one foot",
    "steer": "drives, at the wheel",
    "propose": "kneels on one knee, holding up an open ring box",
    "knock": "sits on the table pawing at a cup, pushes it to the edge and knocks it off",
    "mow": "mows the grass, pushing a lawnmower",
    "chop": "chops wood, swinging an axe down onto a log",
    "shovel": "shovels snow, scooping it up and tossing it back onto a heap",
    "roast": "sits by the fire, toasting a marshmallow on a stick held over it",
    "slice": "chops vegetables on a board, the knife going up and down",
    "decorate": "decorates it, reaching up to hang a bauble on it",
    "knit": "sits knitting, the needles clicking, a ball of yarn at their feet",
    "brush": "brushes their teeth, the toothbrush scrubbing to and fro, foam at the lips",
    "comb": "brushes their hair, the hairbrush drawn down from the crown",
    "hula": "spins a hula hoop round the waist, arms up, hips swaying",
    "shave": "shaves, the razor drawn down the cheek through the foam",
    "wriggle": "rolls on its back, legs in the air, wriggling from side to side",
    "bathe": "takes a bath in a tub of bubbles, splashing, a rubber duck bobbing by them",
    "scrub": "gives it a bath, kneeling by the tub, a sponge going round on it",
    "seesaw": "rides a seesaw, astride one end, going up and down",
    "slide": "climbs the ladder and slides down the slide, then runs round to go again",
    "exercise": "does push-ups, straight as a plank, lowered to the ground and pushed up",
    "wash": "washes the dishes at the sink, a plate held up over the suds, the sponge going round",
    "vacuum": "vacuums the floor, pushing an upright vacuum cleaner to and fro",
    "build": "builds it, patting it into shape",
    "crawl": "crawls along on hands and knees",
    "tug": "pulls at a rope in a tug of war",
    "water": "waters them from a watering can",
    "takeoff": "takes off, rolling down the runway and climbing away",
    "land": "lands, coming down onto the runway",
    "splash": "jumps in a puddle, water splashing up",
    "stretch": "stretches, arms up overhead",
    "skip": "skips rope, hopping as it swings under their feet",
    "talk": "talks, gesturing while speaking and nodding while listening",
    "play": "plays the piano, the hands moving over its keys",
    "sing": "sings, the mouth open on each note, a hand held out",
    "sled": "slides over the snow, sitting on a sled",
    "climb": "climbs a tree, hand over hand up its trunk",
    "howl": "howls, sitting with its head thrown back, its muzzle to the sky",
    "dig": "digs, its front paws scrabbling and earth flying",
    "toss": "throws it back and forth, catching it",
    "rally": "hits it back and forth with a racket",
    "surf": "rides a wave on a surfboard",
    "ski": "skis down the slope, poles in hand",
    "stroll": "walks along hand in hand",
    "type": "sits typing on a laptop",
    "blow": "blows",
    "paint": "paints at an easel",
    "angle": "fishes with a rod, the line out in the water",
    "perch": "perches on a branch, looking about",
    "wake": "wakes up and gets up",
}


# What is done to or on the one aimed at, by the kind aimed at where it differs.
DONE_TO = {
    "push": "{who} stands behind {it}, pushing it",
    "swing": "{who} swings to and fro on {it}, holding its ropes",
    "jump": "{who} runs at {it} and leaps over it",
    ("perch", "tree"): "{who} perches on a branch of {it}",
    ("perch", "fence"): "{who} sits on the top rail of {it}",
    ("hug", "teddy bear"): "{who} hugs {it}, holding it to them",
    "angle": "{who} sits fishing in {it}, the line over its side",
    "play": "{who} sits at {it} on its stool, playing, the hands moving over its keys",
    "climb": "{who} climbs {it}, hand over hand up its trunk, a foot braced against it",
    "decorate": "{who} decorates {it}, reaching up to hang a bauble on its branches",
}


def _done_to(action: str, kind: str) -> str | None:
    """How `DONE_TO` says `action` done to one of `kind`, if it says it."""
    return DONE_TO.get((action, kind)) or DONE_TO.get(action)


def setting(spec: SceneSpec, named: str = "") -> str:
    """Where and when the shot is, as a phrase: "a snowy forest in the morning, in falling
    snow". `named`: the place in the request's words ("snowy forest"), else synthworld's."""
    place = _named_place(named, "a") if named else PLACE_PROSE[spec.place]
    indoors = spec.place in vocab.INDOORS  # a kitchen too: its weather is in the windows
    weather = (WEATHER_INDOORS if indoors else WEATHER_PROSE)[spec.weather]
    return f"{place} {TIME_PROSE[spec.time_of_day]}" + (f", {weather}" if weather else "")


def journey(spec: SceneSpec, named: str = "") -> str:
    """The sentence of a shot that arrives somewhere new ("The camera travels on as the
    park gives way to the café."); "" for a shot that stays where it is."""
    if spec.arrives_from is None:
        return ""
    here = _definite(PLACE_PROSE[spec.arrives_from])
    there = _named_place(named, "the") if named else _definite(PLACE_PROSE[spec.place])
    return f"The camera travels on as {here} gives way to {there}."


def _named_place(named: str, article: str) -> str:
    """ "a snowy forest", "the snowy forest"; a name as it is ("Sunny Café")."""
    if named[:1].isupper():
        return named
    return _article(named) if article == "a" else f"the {named}"


def described(spec: SceneSpec, caption: str, names: list[str] = ()) -> str:
    """What is seen besides the caption: each thing the world draws doing what the caption
    says (none where the caption asks something the world only stands in for), then the
    light. `names` holds, for each entity, how the story calls it ("the old man"; "": by
    its look)."""
    said = [] if parse(caption).unsupported_words else _sentences(spec, list(names), caption)
    return " ".join([*said, LIGHT_PHRASE[spec.time_of_day]])


# What synthworld draws a creature doing where nothing is said (walking) or where it has no
# drawing for what is (a sleeping cat sits): told only where the caption says it.
UNSAID_ACTIONS = ("walk", "sit", "stand")


def _sentences(spec: SceneSpec, names: list[str], caption: str) -> list[str]:
    words = re.findall(r"[a-z]+", caption.lower())
    named = {vocab.ACTION_SYNONYMS[w] for w in words if w in vocab.ACTION_SYNONYMS}
    names += [""] * (len(spec.entities) - len(names))
    looks = [name or _looks(spec, i) for i, name in enumerate(names)]
    introduced: set[int] = set()

    def called(index: int) -> str:  # "a white cup", then "the white cup"
        said = looks[index] if index not in introduced else _definite(looks[index])
        introduced.add(index)
        return said

    told: set[int] = set()
    sentences = []
    for index, entity in enumerate(spec.entities):
        if index in told or entity.kind == "placeholder" or entity.kind not in vocab.CREATURES:
            continue  # props are told by whoever acts on them, or by the cast
        if entity.action in UNSAID_ACTIONS and entity.action not in named:
            continue
        told.add(index)
        target, item = entity.target, _item(spec)
        cradled = cradled_by(index, spec.entities)
        if entity.action == "hold" and cradled is not None:  # a child in their arms
            told.add(cradled)
            asleep = " asleep" if spec.entities[cradled].action == "sleep" else ""
            sentence = f"{called(index)} holds {called(cradled)}{asleep} in their arms"
        elif entity.action in ("meet", "hug") and target is not None:
            told.add(target)
            gesture = greeting(entity, spec.entities[target])
            sentence = f"{called(index)} and {called(target)} {gesture}"
        elif entity.action == "give" and target is not None and item is not None:
            sentence = f"{called(index)} hands {called(item)} to {_definite(called(target))}"
        elif entity.action == "hold" and item is not None:
            sentence = f"{called(index)} holds {called(item)}"
        elif entity.action == "roar":  # barks at the mailman; a lion roars; a bird, up a tree
            up = (
                {"tree": " up in", "fence": " on"}.get(spec.entities[target].kind, " at")
                if target is not None
                else ""
            )
            at = f"{up} {_definite(called(target))}" if target is not None else ""
            if target is not None and spec.entities[target].action in ("stand", "sit"):
                told.add(target)  # (one up a tree is told as it is)
            voice = vocab.VOICES.get(entity.kind, "calls out")
            how = "its trunk raised" if entity.kind == "elephant" else "its jaw dropping open"
            sentence = f"{called(index)} {voice}{at}, {how} on each call"
        elif entity.action == "chase" and target is not None:
            sentence = f"{called(index)} chases {called(target)}"
        elif entity.action == "pet" and target is not None:
            told.add(target)
            low = SIZE[spec.entities[target].kind][1] < KNEELS_TO
            how = "kneels to stroke" if low else "strokes the neck of"
            sentence = f"{called(index)} {how} {called(target)}"
        elif target is not None and _done_to(entity.action, spec.entities[target].kind):
            told.add(target)
            said = _done_to(entity.action, spec.entities[target].kind)
            sentence = said.format(who=called(index), it=_definite(called(target)))
        elif entity.action in vocab.RIDING and target is not None:
            told.add(target)
            pace = " at a gallop" if spec.entities[target].action == "run" else ""
            # a boat; a car, its driver seen through the window; a horse, a bike
            rides = {"row": "rows", "steer": "drives"}.get(entity.action, "rides")
            sentence = f"{called(index)} {rides} {called(target)}{pace}"
        elif entity.action == "eat" and entity.kind in vocab.ANIMALS:
            sentence = f"{called(index)} grazes, head lowered"
        elif entity.action == "eat" and any(e.kind == "table" for e in spec.entities):
            sentence = f"{called(index)} sits at the table, eating"
        elif entity.action == "eat" and item is not None:
            sentence = f"{called(index)} eats from {called(item)}"
        elif entity.kind == "butterfly" and entity.action == "fly":
            sentence = f"{called(index)} flutters about, wings beating"
        elif entity.kind == "bee" and entity.action == "fly":
            sentence = f"{called(index)} buzzes about, its wings a blur"
        elif entity.kind == "penguin" and entity.action == "walk":
            sentence = f"{called(index)} waddles along"
        else:
            sentence = f"{called(index)} {ACTION_PROSE.get(entity.action, 'stands still')}"
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return sentences


def _looks(spec: SceneSpec, index: int) -> str:
    """ "a brown dog", "another brown dog" after one just like it, "a person in green"."""
    entity = spec.entities[index]
    if entity.kind == "placeholder":  # what synthworld cannot draw, as the request says it
        return entity.label if entity.label.endswith("s") else _article(entity.label)
    twin = any(_same(e, entity) for e in spec.entities[:index])
    kind = KIND_PROSE.get(entity.kind, entity.kind)
    kind = "child" if entity.label == vocab.CHILD else kind
    words = f"{kind} in {entity.colour}" if entity.kind == "person" else f"{entity.colour} {kind}"
    return f"another {words}" if twin else _article(words)


def _same(one: EntitySpec, other: EntitySpec) -> bool:
    return (one.kind, one.colour) == (other.kind, other.colour)


def _item(spec: SceneSpec) -> int | None:
    return next((i for i, e in enumerate(spec.entities) if e.kind in ("cup", "ball")), None)


def _definite(name: str) -> str:
    for article in ("a ", "an ", "another "):
        if name.startswith(article):
            return "the " + name.removeprefix(article)
    return name


def _article(words: str) -> str:
    return f"{a_or_an(words)} {words}"
