"""The dense captioner: one fixed sentence style, written from a scene spec or ground truth.

This style is the `synthworld` prompt dialect (the procedural backend parses it back) and the
training captions of our own models, so it must stay regular: shot and camera, then place and
light (and where a journey's last shot comes from), then one sentence per entity, the
subject first.
"""

from __future__ import annotations

from videoagent.synthworld.articles import a_or_an
from videoagent.synthworld.spec import (
    EntitySpec,
    SceneSpec,
    carried_in_the_mouth,
    cradled_by,
    in_a_stroller,
    stroller_pusher,
)
from videoagent.synthworld.tossing import TOSSING
from videoagent.synthworld.vocabulary import (
    BLOWN,
    BOUNCED_ON,
    BUNCH,
    BUNCHED,
    CHILD,
    DEFAULT_COLOUR,
    GOES_ABOUT_BY,
    HELD_UP,
    HUGGED,
    PLAYED,
    RIDDEN,
    RIDING,
    SAID_AS_MANY,
    UNCOUNTED,
    VOICES,
    petted_action,
)

CAMERA_PHRASE = {
    "static": "static camera",
    "pan": "the camera pans slowly across",
    "track": "tracking camera following the subject",
    "zoom in": "slow zoom in",
    "zoom out": "slow zoom out",
}
PLACE_PHRASE = {
    "park": "a park with green grass and a paved path",
    "street": "a street with a sidewalk, a road and buildings",
    "cafe": "a cafe terrace in front of a cafe window",
    "beach": "a sandy beach by the blue sea",
    "living room": "a living room with a wooden floor and a rug",
    "city": "a city street below tall towers",
    "forest": "a forest with a dirt path",
    "lake": "a lake with reeds and green grass",
    "kitchen": "a kitchen with a counter and a stove",
    "mountains": "the mountains with a trail below high peaks",
    "reef": "a coral reef with seaweed",
    "farm": "a farm with a red barn and fields",
    "bathroom": "a bathroom with white tiles and a washbasin",
}
TIME_PHRASE = {
    "morning": "morning",
    "noon": "noon",
    "sunset": "sunset",
    "night": "night",
}
LIGHT_PHRASE = {
    "morning": "Soft warm morning light, long gentle shadows.",
    "noon": "Bright noon light, short hard shadows.",
    "sunset": "Golden sunset light, warm orange glow.",
    "night": "Dim blue night light, glowing lamps and windows.",
}
WEATHER_PHRASE = {"clear": "clear", "rain": "rain", "snow": "snow"}


def _name(entity: EntitySpec) -> str:
    if entity.kind == "placeholder":
        return entity.label
    if entity.label == CHILD:  # "a blue child", read back as a child
        return f"{entity.colour} child"
    if entity.label == BUNCH:  # "red balloons", read back as a bunch of them
        return f"{entity.colour} {entity.kind}s"
    return f"{entity.colour} {entity.kind}"


def _article(words: str) -> str:
    """ "a red ball", "an orange cat"; of what is named as many, "white bubbles", and of a
    bunch, "some red balloons"."""
    if words.split()[-1] in SAID_AS_MANY:
        return words
    if words.endswith(tuple(f" {kind}s" for kind in BUNCHED)):
        return f"some {words}"
    return f"{a_or_an(words)} {words}"


def _said_as_many(label: str) -> bool:
    """Whether a placeholder's label names several ("teddy bears"; not "a glass", "a
    bus", "a cactus", "a tennis")."""
    return label.endswith("s") and not label.endswith(("ss", "us", "is"))


def _table_of(spec: SceneSpec) -> int | None:
    """The scene's table, if it has one."""
    return next((i for i, e in enumerate(spec.entities) if e.kind == "table"), None)


def _driver_of(spec: SceneSpec, car: int | None) -> int | None:
    """Who is at the wheel of the car `car`: the first of those in it."""
    return next(
        (i for i, e in enumerate(spec.entities) if e.action == "steer" and e.target == car), None
    )


def _introduced(spec: SceneSpec, index: int) -> str:
    """An entity as its sentence introduces it: "a brown dog", or "another brown dog" where
    one just like it came before (so the parser reads two, not the same one twice)."""
    entity = spec.entities[index]
    twin = any(_name(e) == _name(entity) for e in spec.entities[:index])
    if entity.label == BUNCH:
        return f"some {_name(entity)}"
    return f"another {_name(entity)}" if twin else _article(_name(entity))


# What the sky's things and falling leaves do, as their sentences say it (their colour
# said only where it is not their kind's).
SKY_SENTENCES = {
    "rainbow": "arcs across the sky",
    "lightning": "flashes across the sky",
    "clouds": "drift across the sky",
    "leaves": "drift down all about",
}


def greeting(entity: EntitySpec, other: EntitySpec) -> str:
    """How two who meet are said to greet: nose to nose only where neither is a person."""
    if entity.kind == other.kind == "person":
        return "hug each other" if entity.action == "hug" else "meet and greet each other"
    if "person" in (entity.kind, other.kind):
        return "greet each other"
    return "meet nose to nose, tails wagging"


def _tugging(spec: SceneSpec, index: int, name: str, done: set[int]) -> str:
    """The sentence of a tug of war, whoever else tugs and the rope said in it."""
    others = [k for k, e in enumerate(spec.entities) if k != index and k not in done]
    partner = next((k for k in others if spec.entities[k].action == "tug"), None)
    rope = next((k for k in others if spec.entities[k].kind == "rope"), None)
    said = name.capitalize()
    if partner is not None:
        done.add(partner)
        said += f" and {_introduced(spec, partner)}"  # "another brown dog": two
    verb = "tug" if partner is not None else "tugs"
    if rope is None:
        return f"{said} {verb}."
    done.add(rope)
    return f"{said} {verb} at {_article(_name(spec.entities[rope]))}."


def _first_item(spec: SceneSpec) -> EntitySpec | None:
    return next((e for e in spec.entities if e.kind in ("cup", "ball")), None)


def _sentence(spec: SceneSpec, index: int, done: set[int]) -> str | None:
    entity = spec.entities[index]
    name = _introduced(spec, index)
    target = spec.entities[entity.target] if entity.target is not None else None
    item = _first_item(spec)
    action = entity.action
    if entity.kind == "placeholder":
        if _said_as_many(entity.label) and not name.startswith("another "):
            return f"Some {entity.label} stand nearby."  # not "A teddy bears stands"
        return f"{name.capitalize()} stands nearby."
    if entity.kind in BLOWN and target is None:  # "red bubbles", no one blowing them
        return f"{_name(entity).capitalize()} are nearby."
    if entity.kind in SKY_SENTENCES:  # its colour said only where it is not its kind's
        said = "" if entity.colour == DEFAULT_COLOUR[entity.kind] else f"{entity.colour} "
        counted = entity.kind not in (*SAID_AS_MANY, *UNCOUNTED)
        named = _article(f"{said}{entity.kind}") if counted else f"{said}{entity.kind}"
        return f"{named.capitalize()} {SKY_SENTENCES[entity.kind]}."
    if entity.kind == "fireflies":  # drifting about, glowing and going dark
        said = "" if entity.colour == DEFAULT_COLOUR["fireflies"] else f"{entity.colour} "
        return f"{said}fireflies glow all about.".capitalize()
    if entity.kind == "fireworks":  # of many colours: the first is said where it is asked
        said = "" if entity.colour == DEFAULT_COLOUR["fireworks"] else f"{entity.colour} "
        return f"{said}fireworks burst overhead.".capitalize()
    if action == "hug" and target is not None and target.kind in HUGGED:  # in the arms
        done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} hugs {_introduced(spec, entity.target)}."
    if action in ("meet", "hug") and target is not None:
        done.add(entity.target)  # type: ignore[arg-type]
        met = f"the {_name(target)}" if entity.target < index else _article(_name(target))
        return f"{name.capitalize()} and {met} {greeting(entity, target)}."  # (met before)
    if action in TOSSING and target is not None:  # "… and … throw a ball to each other"
        done.add(entity.target)  # type: ignore[arg-type]
        partner = next(
            (
                k
                for k, e in enumerate(spec.entities)
                if k != index and k not in done and e.action == action and e.target == entity.target
            ),
            None,
        )
        thing = _article(_name(target))
        if partner is not None:
            done.add(partner)
            both = f"{name.capitalize()} and {_introduced(spec, partner)}"
            if action == "rally":
                return f"{both} play tennis with {thing}."
            return f"{both} throw {thing} to each other."
        return (
            f"{name.capitalize()} {'plays tennis with' if action == 'rally' else 'throws'} {thing}."
        )
    still = target is not None and target.action in ("stand", "sit")
    if action == "roar" and still and entity.target not in done:  # "barks at a man in blue"
        done.add(entity.target)  # type: ignore[arg-type]
        voice = VOICES.get(entity.kind, "calls out")
        at = {"tree": "in", "fence": "on"}.get(target.kind, "at")  # a bird's, up in a tree
        return f"{name.capitalize()} {voice} {at} {_introduced(spec, entity.target)}."  # type: ignore[arg-type]
    if action == "water" and target is not None:  # the flowers watered are theirs to say
        done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} waters {_introduced(spec, entity.target)}."  # type: ignore[arg-type]
    if action == "tug":  # "… and … tug at a red rope"
        return _tugging(spec, index, name, done)
    if action == "build" and target is not None:  # the sandcastle is theirs to say
        done.add(entity.target)  # type: ignore[arg-type]
        partner = next(  # one at it with them, named after them: both in one sentence
            (
                k
                for k, e in enumerate(spec.entities)
                if k > index and k not in done and e.action == "build" and e.target == entity.target
            ),
            None,
        )
        if partner is not None:
            done.add(partner)
            built = _article(_name(target))
            return f"{name.capitalize()} and {_introduced(spec, partner)} build {built}."
        return f"{name.capitalize()} builds {_article(_name(target))}."
    cradled = cradled_by(index, spec.entities)
    if action == "hold" and cradled is not None:  # a child in their arms, awake or asleep
        done.add(cradled)
        asleep = " asleep" if spec.entities[cradled].action == "sleep" else ""
        return f"{name.capitalize()} holds {_introduced(spec, cradled)}{asleep} in the arms."
    if action in ("give", "hold") and item is not None:
        done.add(spec.entities.index(item))
        if action == "give" and target is not None:
            return f"{name.capitalize()} gives {_article(_name(item))} to the {_name(target)}."
        return f"{name.capitalize()} holds {_article(_name(item))}."
    if action in RIDING and target is not None:
        carrying = RIDDEN.get(target.kind, ("", ""))[1]
        if target.action == carrying:  # else its own sentence says its pace ("runs fast")
            done.add(entity.target)  # type: ignore[arg-type]
        if action == "steer" and _driver_of(spec, entity.target) != index:  # a passenger
            return f"{name.capitalize()} rides in the {_name(target)}."
        if (action, target.kind) == ("ride", "car"):  # a dog along, its head out of the window
            car = _article(_name(target))
            return f"{name.capitalize()} rides in {car}, its head out of the window."
        how = "drives" if action == "steer" else "rides"  # at a car's wheel
        return f"{name.capitalize()} {how} {_article(_name(target))}."
    if action == "push" and target is not None:  # behind the swing, pushing it
        said = entity.target in done
        done.add(entity.target)  # type: ignore[arg-type]
        swing = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        rider = next(
            (
                k
                for k, e in enumerate(spec.entities)
                if index < k < entity.target and e.action == "swing" and e.target == entity.target
            ),
            None,
        )
        if rider is not None and not said:  # "… pushes a grey child on a red swing"
            done.add(rider)
            return f"{name.capitalize()} pushes {_introduced(spec, rider)} on {swing}."
        return f"{name.capitalize()} pushes {swing}."
    if action == "slide" and target is not None:  # up its ladder and down its chute
        said = entity.target in done
        done.add(entity.target)  # type: ignore[arg-type]
        slide = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} slides down {slide}."
    if action == "seesaw" and target is not None:  # astride an end of it, up and down
        said = entity.target in done
        done.add(entity.target)  # type: ignore[arg-type]
        seesaw = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        partner = next(  # one at its other end, named after them before it: one sentence
            (
                k
                for k, e in enumerate(spec.entities)
                if index < k < entity.target
                and k not in done
                and (e.action, e.target) == ("seesaw", entity.target)
            ),
            None,
        )
        if partner is not None:
            done.add(partner)
            return f"{name.capitalize()} and {_introduced(spec, partner)} sit on {seesaw}."
        return f"{name.capitalize()} sits on {seesaw}."
    if action == "swing" and target is not None:  # on its seat (a second one pushes it)
        said = entity.target in done
        done.add(entity.target)  # type: ignore[arg-type]
        swing = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} swings on {swing}."
    if in_a_stroller(entity, spec.entities):  # sitting up in it, or dozing
        said = entity.target in done  # pushed along already, by whoever pushes it
        done.add(entity.target)  # type: ignore[arg-type]
        stroller = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        how = "sleeps" if action == "sleep" else "sits"
        return f"{name.capitalize()} {how} in {stroller}."
    if action == "jump" and target is not None:  # running at the fence, up over it
        done.add(entity.target)  # type: ignore[arg-type]
        over = "on" if target.kind in BOUNCED_ON else "over"  # bouncing on a bed
        return f"{name.capitalize()} jumps {over} {_introduced(spec, entity.target)}."
    if action == "climb" and target is not None:  # up its trunk
        done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} climbs {_introduced(spec, entity.target)}."
    if action == "decorate" and target is not None:  # hanging baubles on it
        said = entity.target in done  # told of already, by the first one at it
        done.add(entity.target)  # type: ignore[arg-type]
        tree = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} decorates {tree}."
    if action == "play" and target is not None:  # at the piano's keys, on its stool
        done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} plays {_introduced(spec, entity.target)}."
    if action == "perch" and target is not None:  # up in the tree, on its branch
        done.add(entity.target)  # type: ignore[arg-type]
        on = "in" if target.kind == "tree" else "on"  # its branch; a fence's top rail
        return f"{name.capitalize()} perches {on} {_introduced(spec, entity.target)}."
    if action == "angle" and target is not None:  # sitting in the boat they fish from
        said = entity.target in done  # told of already, by the first one in it
        boat = f"the {_name(target)}" if said else _introduced(spec, entity.target)  # type: ignore[arg-type]
        if target.action == RIDDEN[target.kind][1]:
            done.add(entity.target)  # type: ignore[arg-type]
        partner = next(  # one in it with them, named after them: both in one sentence
            (
                k
                for k, e in enumerate(spec.entities)
                if index < k < entity.target and e.action == "angle" and e.target == entity.target
            ),
            None,
        )
        if partner is not None:
            done.add(partner)
            return f"{name.capitalize()} and {_introduced(spec, partner)} angle from {boat}."
        return f"{name.capitalize()} angles from {boat}."
    table = _table_of(spec) if action == "knock" else None  # the one it sits on
    if target is not None and table is not None:
        done.update((entity.target, table))  # type: ignore[arg-type]
        cup, under = _introduced(spec, entity.target), _introduced(spec, table)
        return f"{name.capitalize()} knocks {cup} off {under}."
    if action == "pet" and target is not None:  # it keeps still, unless its sentence says
        if target.action == petted_action(target.kind):
            done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} pets {_introduced(spec, entity.target)}."
    if action == "scrub" and target is not None:  # kneeling at its tub, it in the bath
        if entity.target in done:  # in its own sentence already, taking it
            return f"{name.capitalize()} bathes the {_name(target)}."
        if target.action == "bathe":
            done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} bathes {_introduced(spec, entity.target)}."
    if action == "propose" and target is not None and target.action == "stand":
        done.add(entity.target)  # type: ignore[arg-type]
        return f"{name.capitalize()} proposes to {_introduced(spec, entity.target)}."
    if entity.kind in ("kite", "drone") and action == "fly" and target is not None:
        return f"The {_name(target)} flies {name}."  # from their hand
    if entity.kind in PLAYED and target is not None:
        return f"The {_name(target)} plays {name}."
    if entity.kind == "phone" and target is not None:
        how = "talks on" if action == "call" else "looks at"  # to the ear; the screen
        return f"The {_name(target)} {how} {name}."
    if entity.kind == "camera" and target is not None:
        return f"The {_name(target)} holds {name} to the eye."
    if entity.kind in BLOWN and target is not None:
        return f"The {_name(target)} blows {_name(entity)}."  # "white bubbles": no article
    if entity.kind in HELD_UP and target is not None:
        return f"The {_name(target)} holds {name}."  # up, over their head
    if entity.kind in GOES_ABOUT_BY and action == "fly":
        drifts = {"hot air balloon": "floats across the sky", "bee": "buzzes about"}
        drifts["dragon"] = "flies across the sky"
        return f"{name.capitalize()} {drifts.get(entity.kind, 'flutters about')}."
    if action == "chase" and target is not None:  # the chased one keeps its own sentence
        return f"{name.capitalize()} chases {_article(_name(target))}."
    if action == "eat":
        if item is not None:
            done.add(spec.entities.index(item))
        return (
            f"{name.capitalize()} eats from {_article(_name(item))}."
            if item
            else f"{name.capitalize()} eats."
        )
    phrase = {
        "walk": "walks along",
        "run": "runs fast",
        "sit": "sits still",
        "sniff": "sniffs the ground, nose down",
        "jump": "jumps up and down",
        "wag": "wags its tail happily",
        "fly": "flies overhead",
        "drive": "drives past",
        "roll": "rolls along the ground",
        "dance": "dances",
        "wave": "waves hello",
        "spin": "spins around",
        "swim": "swims",
        "sleep": "sleeps",
        "bloom": "blooms",
        "sail": "sails across the water",
        "cook": "cooks at the stove",
        "read": "reads a book",
        "skate": "skateboards along",
        "scoot": "rides a scooter along",
        "steer": "drives",
        "propose": "kneels on one knee",
        "knock": "knocks things over",
        "mow": "mows the grass",
        "chop": "chops wood",
        "shovel": "shovels snow",
        "roast": "roasts a marshmallow",
        "slice": "chops vegetables",
        "decorate": "decorates",
        "knit": "knits",
        "dig": "digs",
        "crawl": "crawls along",
        "tug": "tugs",
        "water": "waters the ground",
        "takeoff": "takes off",
        "land": "lands",
        "splash": "splashes in a puddle",
        "stretch": "stretches",
        "skip": "skips rope",
        "talk": "talks",
        "sing": "sings",
        "sled": "rides a sled",
        "play": "plays the piano",  # (one of its own, where no piano is said)
        "toss": "throws a ball",
        "rally": "plays tennis",
        "surf": "surfs a wave",
        "ski": "skis along",
        "stroll": "walks along hand in hand",
        "type": "types",
        "blow": "blows",
        "paint": "paints",
        "hug": "hugs",
        "angle": "angles",  # ("fishes" reads as fish)
        "perch": "perches",
        "wake": "wakes up",
        "howl": "howls at the sky",
        "roar": VOICES.get(entity.kind, "calls out"),  # barks, meows, roars
        "brush": "brushes teeth",
        "comb": "brushes hair",
        "hula": "hula hoops",
        "shave": "shaves",
        "wriggle": "rolls over",
        "exercise": "does push-ups",
        "wash": "washes the dishes",
        "vacuum": "vacuums",
        "bathe": "takes a bath",
        "scrub": "bathes",
        "stand": "stands nearby",
    }.get(action, "stands nearby")
    if entity.label == BUNCH:  # "some red balloons stand nearby"
        phrase = phrase.replace("stands", "stand")
    pushed = next(
        (k for k in range(len(spec.entities)) if stroller_pusher(spec.entities, k) == index), None
    )
    if pushed is not None and pushed not in done:  # "walks along, pushing a grey stroller"
        done.add(pushed)
        return f"{name.capitalize()} {phrase}, pushing {_introduced(spec, pushed)}."
    mouthed = next(
        (
            k
            for k, e in enumerate(spec.entities)
            if e.target == index and carried_in_the_mouth(e, spec.entities)
        ),
        None,
    )
    if mouthed is not None and mouthed not in done:  # "walks along, a brown stick in its mouth"
        done.add(mouthed)
        return f"{name.capitalize()} {phrase}, {_introduced(spec, mouthed)} in its mouth."
    if action == "cook" and spec.place != "kitchen":
        phrase = "cooks"  # grilling in the park, over a campfire: no stove there
    return f"{name.capitalize()} {phrase}."


def caption(spec: SceneSpec) -> str:
    """The dense caption of a shot."""
    shot = spec.shot_size.capitalize()
    weather = WEATHER_PHRASE[spec.weather]
    sentences = [
        f"{shot} shot, {CAMERA_PHRASE[spec.camera]}.",
        f"{PLACE_PHRASE[spec.place].capitalize()}, {TIME_PHRASE[spec.time_of_day]}, {weather}.",
    ]
    if spec.arrives_from is not None:
        sentences.append(f"Coming from the {spec.arrives_from}.")
    done: set[int] = set()
    for index in range(len(spec.entities)):
        if index in done:
            continue
        done.add(index)
        sentence = _sentence(spec, index, done)
        if sentence:
            sentences.append(sentence)
    sentences.append(LIGHT_PHRASE[spec.time_of_day])
    return " ".join(sentences)
