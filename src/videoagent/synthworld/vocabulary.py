"""Everything the procedural world can draw, and the words that name it.

The captioner writes only these words, and the prompt parser reads them back, so this table
is also the `synthworld` prompt dialect. A word outside it is an unsupported concept.
"""

from __future__ import annotations

import functools
import re

# The creatures our models learnt (their layers are sized by these tuples, and the training
# set draws only them), then the animals the procedural world draws besides.
LEARNT_CREATURES = ("dog", "cat", "person", "bird")
ANIMALS = (
    *("horse", "deer", "cow", "sheep", "goat", "pig", "fox", "wolf", "bear", "rabbit"),
    *("lion", "tiger", "elephant", "giraffe", "panda", "squirrel", "zebra", "mouse"),
    "hamster",
)
CREATURES = (*LEARNT_CREATURES, *ANIMALS, "penguin", "butterfly", "bee", "fish", "turtle")
CREATURES += ("dragon",)
CREATURES += ("frog",)  # squatting; it hops, swims, croaks and catches flies
WOODLAND_ANIMALS = ("deer", "fox", "wolf", "bear")  # at home in a forest, where none is said
FARM_ANIMALS = ("cow", "sheep", "goat", "pig", "horse")  # and on a farm
PETS_INDOORS = ("cat", "hamster")  # and at home
FARMYARD_BIRDS = frozenset("rooster roosters hen hens chicken chickens chick chicks".split())
# The water a boat is on, and where a fish lives, where none is said.
AFLOAT_ON = {"boat": "lake", "sailboat": "beach", "fish": "reef", "turtle": "beach"}
SMALL_FLIERS = ("butterfly", "bee")  # seen only in the air, followed close
LEARNT_PROPS = ("car", "ball", "cup", "tree", "bench", "house", "cafe stand", "sign")
PROPS = (*LEARNT_PROPS, "bike", "bus", "plane", "kite", "hot air balloon", "umbrella")
PROPS += ("flower", "snowman", "campfire", "fireworks", "table", "stick", "frisbee", "blanket")
PROPS += ("sofa", "balloon", "cake", "boat", "sailboat", "train", "guitar", "candle")
PROPS += ("phone", "laptop", "camera", "bubbles", "easel", "bed", "sandcastle", "trampoline")
PROPS += ("fishbowl", "fireflies", "christmas tree", "present")
PROPS += ("rainbow", "lightning", "clouds", "leaves", "rope")
PROPS += ("fireplace", "waterfall", "lighthouse", "castle", "tent", "armchair", "box")
PROPS += ("laser dot",)  # a laser pointer's, on the floor (whoever points it unseen)
PROPS += ("streetlight",)  # a lamp post, lit after dark
PROPS += ("fence",)  # a length of wooden rail fence
PROPS += ("swing",)  # a playground swing: a seat on ropes from an A-frame
PROPS += ("piano",)  # a grand piano, its stool before its keys
PROPS += ("stroller",)  # a baby's, pushed along before whoever walks with it
PROPS += ("teddy bear",)  # a toy, hugged in the arms, sitting up where it is put
PROPS += ("sled",)  # a wooden toboggan, sat on to slide over the snow
PROPS += ("drone",)  # a quadcopter, hovering about ahead of whoever flies it
PROPS += ("rock",)  # a boulder, sat on (a lion on its rock, a girl by the lake)
PROPS += ("tractor",)  # a farm's, driven from its glass cab
PROPS += ("hammock",)  # slung between two posts, lain or sat in
PROPS += ("pumpkin", "jack-o-lantern")  # a jack-o'-lantern carved, lit from inside
PROPS += ("violin",)  # played under the chin, bowed
PROPS += ("seesaw",)  # a playground's plank on a pivot, a rider at each end
PROPS += ("slide",)  # a playground's: a ladder up to a chute
# What a person hugs in their arms, holding it to them ("hugging her teddy bear").
HUGGED = ("teddy bear",)
# What one jumps over, running at it ("a horse jumping over a fence"), and how long a leap
# each kind takes, metres (others a person's).
JUMPED_OVER = ("fence", "bench", "box")
BOUNCED_ON = ("bed", "sofa")  # jumped on ("a girl jumping on the bed"): bounced on, up on it
LEAP = {"horse": 3.0, "deer": 2.4, "dog": 1.6, "cat": 1.2, "person": 1.6}
# Words for many of a kind together, said before "of" ("a flock of birds", "a couple of
# dogs"): how many there are, no thing to stand in for.
COLLECTIVES = frozenset(
    """flock flocks herd herds pack packs swarm swarms school schools pod pods pair pairs
    couple group groups crowd crowds troop troops gaggle colony litter bunch row rows line
    lines""".split()
)
# Words for people together, how many grown-ups and children ("a couple": two).
PEOPLE_TOGETHER = {"couple": (2, 0), "family": (2, 1)}
PEOPLE_TOGETHER |= dict.fromkeys(("crowd", "audience", "fans", "spectators"), (4, 0))
# What stands out of doors: a cat with one, where no place is said, is not at home.
OUT_OF_DOORS = ("tree", "fence", "streetlight", "swing", "stroller", "rock", "hammock", "seesaw")
OUT_OF_DOORS += ("slide",)
# What is done out of doors: one at home who goes on to do it has gone out ("looks out of
# the window, then jumps in puddles").
DONE_OUT_OF_DOORS = ("splash", "sled", "ski", "surf", "mow", "shovel", "cycle", "ride", "skate")
DONE_OUT_OF_DOORS += ("scoot", "row")
# What a place is known by: drawn behind whoever is there ("a cat asleep in front of the
# fireplace", "swimming under a waterfall"), not beside them.
BEHIND_THE_SUBJECT = ("fireplace", "waterfall", "lighthouse", "castle")
# Where a thing is, when a request names no place: a waterfall in the woods, a lighthouse
# by the sea, a goldfish's bowl at home (its fish is no reef's).
FOUND_IN = {"waterfall": "forest", "lighthouse": "beach", "fishbowl": "living room"}
FOUND_IN["armchair"] = "living room"
FOUND_IN["streetlight"] = "street"
FOUND_IN["bed"] = "living room"  # (a bedroom is drawn as it)
FOUND_IN["sandcastle"] = "beach"  # built on its sand
FOUND_IN["tractor"] = "farm"
FOUND_IN["frog"] = "lake"  # at the water's edge
# What is said for its light after dark ("dancing under a streetlight"): at night, where no
# time is said.
LIT_AFTER_DARK = ("streetlight",)
# What is sat on, where a request names it.
SEATED_ON = ("bench", "sofa", "armchair", "bed", "blanket", "table", "rock", "hammock")
# What a person by a fire indoors does in an armchair (two on a sofa), where none is named.
FIRESIDE = ("sit", "read", "knit", "talk")
# What stands only by water: where a request puts it on its cliff or hill (a place stood
# in for) or nowhere, it is at the beach, on the shore.
BY_THE_WATER = {"lighthouse": ("beach", "lake")}
# What someone builds over a shot, rising as they pat it into shape ("building a sandcastle").
BUILT = ("sandcastle", "snowman")
# What a person holds up over their head, its handle or strings in a raised hand.
HELD_UP = ("umbrella", "balloon")
# What a person plays in their hands, before them ("a man playing the guitar").
PLAYED = ("guitar", "violin")
# What a person holds to their face: a phone to the ear or before the eyes, a camera to the
# eye.
TO_THE_FACE = ("phone", "camera")
# What a person blows from a wand before their mouth, drifting away on the air.
BLOWN = ("bubbles",)
HELD = HELD_UP + PLAYED + TO_THE_FACE + BLOWN  # held by whom the sentence says, its first person
# What a dog carries in its mouth as it goes ("a dog carrying a stick"), and who does.
CARRIED_IN_THE_MOUTH = ("stick", "ball", "frisbee")
MOUTH_CARRIERS = ("dog",)
# What stands on a table where there is one (a cake is never on the floor: it brings one).
ON_A_TABLE = ("cake", "candle", "laptop", "fishbowl")
# Parts of a kind drawn with it: said where it is named ("the candles on her cake"), they
# are that kind's, no thing of their own (a candle with no cake is one: "by candlelight").
PARTS = {
    **dict.fromkeys("candle candles icing frosting sprinkles".split(), "cake"),
    **dict.fromkeys(("string", "strings"), "balloon"),
    **dict.fromkeys(("chair", "chairs"), "table"),  # drawn up to it
}
# The label (`EntitySpec.label`) of a kind said as many ("balloons"), drawn as a bunch.
BUNCH = "bunch"
BUNCHED = ("balloon", "candle", "present")
BUNCH_SIZE = 3


def how_many(label: str) -> int:
    """How many of its kind an entity labelled `label` draws: a bunch's three, else one."""
    return BUNCH_SIZE if label == BUNCH else 1


# Where what a request tells of happens when it names no place: a party at home, cooking
# in the kitchen.
# Carving (a pumpkin): sitting at it, the pumpkin a jack-o'-lantern (the knife not drawn:
# said so).
CARVING = frozenset("carve carves carving carved".split())
WHERE_DONE = {
    **dict.fromkeys(("party", "parties", "birthday", "christmas", "xmas"), "living room"),
    **dict.fromkeys("cooking baking frying cooks bakes fries".split(), "kitchen"),
    **dict.fromkeys(("fishing", "angling"), "lake"),
    # pumpkins carved at home; from door to door down the street on halloween
    **dict.fromkeys(CARVING, "living room"),
    **dict.fromkeys(("halloween", "trickortreating"), "street"),
    **dict.fromkeys("camps camped camping camper campers".split(), "forest"),
    **dict.fromkeys(("door", "doorway", "doormat"), "living room"),  # waiting by it, at home
    # chores done at home (the teeth: `COMPOUNDS`' toothbrushing)
    **dict.fromkeys(("laundry", "homework"), "living room"),
    **dict.fromkeys(("teeth", "toothbrushing"), "bathroom"),  # brushed at its basin
    **dict.fromkeys(("shave", "shaves", "shaving", "hairbrushing"), "bathroom"),  # at its mirror
    "dishwashing": "kitchen",
    **dict.fromkeys(("tv", "television", "telly"), "living room"),  # watched from the sofa
    **dict.fromkeys(("videogame", "videogames", "gaming", "karaoke"), "living room"),
    **dict.fromkeys(("table", "tables"), "living room"),  # eating at it, at home
    **dict.fromkeys(("knit", "knits", "knitting"), "living room"),  # in an armchair, at home
    **dict.fromkeys(("piano", "pianos", "pianist", "pianists"), "living room"),  # at home
    # a meal at home: breakfast in the kitchen, dinner at the table in the living room
    **dict.fromkeys(("breakfast", "breakfasts", "brunch"), "kitchen"),
    **dict.fromkeys("dinner dinners supper suppers".split(), "living room"),
    **dict.fromkeys(("lunch", "lunches"), "cafe"),
}
# What people meet over at a café, where a request says no place ("friends chatting over
# coffee"), after "over".
MET_OVER_AT_A_CAFE = ("coffee", "coffees", "a coffee", "tea", "a cup of coffee", "a cup of tea")
MET_OVER_AT_A_CAFE += ("drinks", "a drink", "lattes", "a latte", "cake", "cake and coffee")
# Meals: one who has one eats ("a couple having dinner"), a person at a table, sitting.
MEALS = frozenset(
    "breakfast breakfasts brunch lunch lunches dinner dinners supper suppers meal meals".split()
)
# People named by what they do, doing it where a sentence says nothing else of them ("a
# cyclist in the park" rides a bike there; she walked along): what is said with the name.
DOING_AS_NAMED = {
    **dict.fromkeys(("cyclist", "cyclists", "biker", "bikers"), "riding a bike"),
    **dict.fromkeys("jogger joggers runner runners".split(), "running"),
    **dict.fromkeys("dancer dancers ballerina ballerinas".split(), "dancing"),
    **dict.fromkeys(("swimmer", "swimmers"), "swimming"),
    **dict.fromkeys("guitarist guitarists busker buskers".split(), "playing a guitar"),
    **dict.fromkeys(("pianist", "pianists"), "playing the piano"),
    **dict.fromkeys(("rower", "rowers", "kayaker", "kayakers"), "rowing a boat"),
    **dict.fromkeys(("jockey", "jockeys", "horseman", "horsewoman"), "riding a horse"),
    **dict.fromkeys("rider riders equestrian equestrians".split(), "riding a horse"),
    **dict.fromkeys(("chef", "chefs", "cook", "cooks"), "cooking"),
    **dict.fromkeys(("reader", "readers"), "reading"),
    **dict.fromkeys(("skateboarder", "skateboarders"), "skateboarding"),
    **dict.fromkeys(("photographer", "photographers"), "holding a camera"),
    **dict.fromkeys("artist artists painter painters".split(), "painting"),
    **dict.fromkeys(("fisherman", "fishermen", "angler", "anglers"), "fishing"),
    **dict.fromkeys(("surfer", "surfers"), "surfing"),
    **dict.fromkeys(("skier", "skiers"), "skiing"),
    **dict.fromkeys("lumberjack lumberjacks woodcutter woodcutters".split(), "chopping wood"),
}
# What people drink, held in a cup (a pup cup and a puppuccino are a dog's treats).
DRUNK = frozenset(
    (
        *("hot cocoa", "hot chocolate", "cocoa", "tea", "cup of tea", "coffee", "cup of coffee"),
        *("latte", "juice", "lemonade", "milkshake", "smoothie", "milk", "water", "drink"),
        *("mug", "glass", "cup", "cups", "coffee mug", "coffee cup"),
    )
)
YARN_BALLS = ("ball of yarn", "balls of yarn", "ball of wool", "yarn ball", "yarn balls")
# Knitting (or crocheting): sitting, needles in hand, what is knitted hanging from them.
KNITTING = """knit knits knitting knitted crochet crochets crocheting crocheted""".split()
KNITTED = """scarf scarves sweater sweaters jumper jumpers hat hats socks mittens blanket
    blankets""".split()
# What is hung on a christmas tree, decorating it ("hanging ornaments on the tree"); what is
# decorated, drawn so (a cake, a room decorated: no drawing of that).
HUNG_ON_A_TREE = """ornaments ornament baubles bauble decorations tinsel lights""".split()
DECORATED = ("tree", "christmas tree")
# Words that say a tree is decorated, which makes it a christmas tree.
DECORATING_WORDS = frozenset(
    ("decorate", "decorates", "decorating", "decorated", *HUNG_ON_A_TREE, "trim", "trimming")
)
# Cutting up vegetables on a board ("a chef chopping onions"): slicing them, drawn so.
CUTTING_WORDS = """chop chops chopping chopped cut cuts cutting slice slices slicing sliced
    dice dices dicing diced""".split()
CHOPPED = """vegetables veggies veg onions onion carrots carrot tomatoes tomato potatoes
    potato peppers pepper cucumbers cucumber herbs garlic salad lettuce""".split()
# Sending something to and fro (`tossing.py`): thrown by hand, or hit with rackets in the
# games played so; "playing catch" or volleyball is thrown to and fro, as a frisbee is.
THROWING = frozenset("throw throws throwing threw toss tosses tossing tossed".split())
RACKET_GAMES = frozenset("tennis badminton squash pickleball".split())
THROWN_GAMES = frozenset(("catch", "volleyball", "frisbee"))
# Words for making something, which is building it where it is built (`BUILT`): "making a
# snowman".
MAKING = frozenset("make makes making made".split())
# Pouring a drink, which is making it ("a barista pours a latte"): the cup in hand.
POURING = frozenset("pour pours pouring poured".split())
# Words for opening something, which is sitting with it where it is a present ("a family
# opening presents": on the floor by them).
UNWRAPPING = frozenset("open opens opening opened unwrap unwraps unwrapping unwrapped".split())
# Words for going somewhere that say nothing of how: one named by what they do goes so
# ("a runner crosses the finish line" runs; "a swimmer crosses the lake" swims).
GOING_WORDS = frozenset("cross crosses crossing crossed heads heading".split())
# Food eaten from the hand ("a man eating a sandwich"): no thing of its own, it is drawn as
# a bite in the eater's hand, or on their plate at a table.
FOODS = frozenset(
    """sandwich sandwiches burger burgers hamburger hamburgers cheeseburger cheeseburgers
    pizza pizzas taco tacos burrito burritos apple apples banana bananas cookie cookies
    biscuit biscuits donut donuts doughnut doughnuts croissant croissants bagel bagels
    popcorn sushi noodles ramen pasta spaghetti soup salad steak chips bread
    pancakes waffles cereal pie pies pretzel pretzels snack snacks food fruit carrot
    carrots nut nuts acorn acorns bone bones candy lollipop lollipops""".split()
) | {"hot dog", "hot dogs", "french fries", "cotton candy", "candy floss", "candy apple"}
# Creatures that are food where they are cooked or eaten ("they cook the fish"), and the
# words for that.
EATEN_AS_FOOD = frozenset("fish salmon trout chicken turkey".split())
COOKING_OR_EATING = frozenset(
    """cook cooks cooking cooked grill grills grilling grilled fry fries frying fried roast
    roasts roasting roasted bake bakes baking baked eat eats eating ate""".split()
)
# What is read ("a girl reading a book"): no thing of its own, it is the open book in the
# reader's hands.
READ = frozenset(
    "book books novel novels newspaper newspapers magazine magazines storybook storybooks".split()
)
# When what a request tells of happens, where it says no time: dinner in the evening, a
# candlelit one after dark (the first of these a request says).
WHEN_DONE = {
    **dict.fromkeys(("candlelight", "candlelit"), "night"),
    **dict.fromkeys("dinner dinners supper suppers".split(), "sunset"),
    **dict.fromkeys(("lunch", "lunches"), "noon"),
    **dict.fromkeys(("fireflies", "firefly"), "night"),  # seen glowing in the dark
    **dict.fromkeys(("fireplace", "fireplaces", "hearth"), "night"),  # a fire lit after dark
    "bedtime": "night",
    **dict.fromkeys(("halloween", "trickortreating"), "night"),  # jack-o'-lanterns lit
    **dict.fromkeys("howl howls howling howled".split(), "night"),  # a howl in the night
}
# Names of two words read as the one they mean ("playing video games": gaming, at home).
COMPOUNDS = {"video games": "videogames", "video game": "videogame"}
COMPOUNDS["tree bark"] = "tree"  # seen up close: the tree, no dog's bark
COMPOUNDS["before bed"] = "bedtime"  # "brushing her teeth before bed": at night, no bed
# the teeth brushed are toothbrushing ("brushing her hair" is no doing drawn: said so;
# "brushing a horse" grooms it)
COMPOUNDS |= {
    f"{brush} {whose}teeth": "toothbrushing"
    for brush in "brush brushes brushing brushed".split()
    for whose in ("", "her ", "his ", "their ", "my ", "the ", "your ", "our ")
}
# the hair brushed or combed is hairbrushing ("brushing the dog" grooms it)
COMPOUNDS |= {
    f"{brush} {whose}hair": "hairbrushing"
    for brush in "brush brushes brushing brushed comb combs combing combed".split()
    for whose in ("", "her ", "his ", "their ", "my ", "the ", "your ", "our ")
}
# the dishes washed are dishwashing ("washing the car" is no doing drawn: said so)
COMPOUNDS |= {
    f"{wash} {dishes}": "dishwashing"
    for wash in "wash washes washing washed do does doing did".split()
    for dishes in ("the dishes", "dishes", "the washing up", "the washing-up", "up")
}
# a bath's bubbles are the bath's ("bubbles" blown are a thing of their own)
COMPOUNDS |= {"bubble bath": "bubblebath", "bubble baths": "bubblebath", "bath time": "bathtime"}
# a fly caught is eaten, a frog's tongue flicked out at it (no fly drawn, nor one flying)
COMPOUNDS |= {
    f"{catch} {fly}": "flycatching"
    for catch in "catch catches catching caught".split()
    for fly in ("a fly", "flies", "a bug", "bugs", "insects")
}
# going trick-or-treating: walking door to door (no costume drawn: said so)
COMPOUNDS |= {
    f"trick{joint}or{joint}{treat}": "trickortreating"
    for joint in (" ", "-")
    for treat in ("treating", "treat", "treaters", "treater")
}
# a pumpkin carved is a jack-o'-lantern ("carving pumpkins": carving jack-o'-lanterns)
COMPOUNDS |= {
    f"{carve} {whose}{pumpkin}": f"{carve} {whose}{lantern}"
    for carve in CARVING
    for whose in ("", "a ", "the ", "their ", "our ", "some ", "two ", "three ")
    for pumpkin, lantern in (("pumpkins", "jack-o-lanterns"), ("pumpkin", "jack-o-lantern"))
}
# a hula hoop, said in any of its ways, is hula-hooping (no hoop of its own: it is theirs)
COMPOUNDS |= {
    f"hula{joint}{hoop}": "hulahooping"
    for joint in (" ", "-", "")
    for hoop in ("hoop", "hoops", "hooping", "hooped")
}
# tag played is a chase ("a price tag" is no game)
COMPOUNDS |= {f"{play} tag": "tagplaying" for play in "play plays playing played".split()}
# working out is a workout ("they work in an office" is no doing drawn: said so)
COMPOUNDS |= {f"{work} out": "workout" for work in "work works working worked".split()}
# A product's video, shot or ad is the video's, no product of its own to draw beside what
# it shows ("a product video of a red sneaker").
COMPOUNDS |= {f"product {kind}": f"product{kind}" for kind in ("video", "shot", "ad", "demo")}


# An animal or a child washed is bathed ("washing the dog": in its tub; "washing the car"
# is no doing drawn, and said so).
_WASHED = re.compile(
    r"\bwash(es|ing|ed)?\b(?=\s+(?:(?:her|his|their|my|the|a|our|your)\s+)?"
    r"(?:dogs?|pupp(?:y|ies)|pups?|cats?|kittens?|bab(?:y|ies)|toddlers?|sons?|daughters?)\b)",
    re.IGNORECASE,
)
_BATHED_AS = {None: "bathe", "es": "bathes", "ing": "bathing", "ed": "bathed"}
# A fort made of blankets is a blanket fort, a toy, no castle ("a fort out of blankets").
_FORT_OF = re.compile(
    r"\b(?P<fort>forts?)\s+(?:made\s+)?(?:out\s+of|of|from)\s+(?:cardboard\s+)?"
    r"(?P<made>blankets|pillows|cushions|sheets|boxes|cardboard)\b",
    re.IGNORECASE,
)
_FORT_MADE = {"blankets": "blanket", "sheets": "blanket", "pillows": "pillow"}
_FORT_MADE |= {"cushions": "cushion", "boxes": "cardboard", "cardboard": "cardboard"}


# All of them as one pattern, the longest first ("does the washing up" before "washing up").
_COMPOUNDED = re.compile(
    rf"\b(?:{'|'.join(re.escape(two) for two in sorted(COMPOUNDS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def compounded(text: str) -> str:
    """`text` with its `COMPOUNDS` said as one word, a fort made of blankets as a blanket
    fort, and who is washed bathed (kept: a plan asks this of the same few lines hundreds of
    times)."""
    text = _COMPOUNDED.sub(lambda said: COMPOUNDS[said.group(0).lower()], text)
    text = _FORT_OF.sub(lambda said: f"{_FORT_MADE[said['made'].lower()]} {said['fort']}", text)
    return _WASHED.sub(lambda said: _BATHED_AS[said.group(1)], text)


# Where, and in what weather, what someone does is done where a request says neither:
# surfing at the beach, skiing in the mountains, on snow.
PLACE_OF_DOING = {"surf": "beach", "ski": "mountains", "slice": "kitchen"}
PLACE_OF_DOING["decorate"] = "living room"  # a christmas tree, at home
PLACE_OF_DOING["wash"] = "kitchen"  # the dishes, at its sink
PLACE_OF_DOING["vacuum"] = "living room"  # its floor
PLACE_OF_DOING["bathe"] = "bathroom"  # in its tub
PLACE_OF_DOING["scrub"] = "bathroom"  # at its tub
# What a person does at home where it is done at night and no place is said ("she stays up
# late reading"; not out in the park in the dark).
DONE_AT_HOME_AT_NIGHT = ("read", "sleep", "type", "knit")
KEPT_AT_HOME = ("person", "dog", "cat")  # who sleeps at home at night (a fox in its woods)
WEATHER_OF_DOING = {"ski": "snow", "splash": "rain", "sled": "snow", "shovel": "snow"}
# Where one splashes: drawn under them as they do ("jumping in puddles": splashing).
PUDDLES = frozenset(("puddle", "puddles"))
# What an occasion brings where nothing of it is named: a birthday its cake, a party its
# balloons.
OCCASIONS = {
    **dict.fromkeys(("birthday", "birthdays"), "cake"),
    **dict.fromkeys(("party", "parties"), "balloon"),
    **dict.fromkeys(("christmas", "xmas"), "christmas tree"),
    **dict.fromkeys(("halloween", "trickortreating"), "jack-o-lantern"),  # on the doorstep
    **dict.fromkeys("camp camps camped camping campsite campsites campground".split(), "tent"),
    **dict.fromkeys(("tv", "television", "telly"), "sofa"),  # watched sitting on it
    # played sitting on it, at home
    **dict.fromkeys(("videogame", "videogames", "gaming", "playstation", "xbox"), "sofa"),
}
# What is seen in the sky, far beyond the place: drawn over the sky behind its hills and
# towers, wherever the camera looks, not at a spot on the ground.
IN_THE_SKY = ("fireworks", "rainbow", "lightning", "clouds")
SEEN_IN_THE_DARK = ("fireworks",)  # a shot of them is at night, where no time is said
UNCOUNTED = ("lightning",)  # said with no article: "lightning", never "a lightning"
# What is drawn moving as its kind does, whatever it is said to do ("clouds rolling",
# "lightning strikes", "leaves falling"); there is one of each in a scene.
MOVES_AS_DRAWN = (*IN_THE_SKY, "leaves", "fireflies")
# Kinds whose names are plurals: "fireworks", never "a fireworks".
SAID_AS_MANY = ("fireworks", "bubbles", "fireflies", "clouds", "leaves")
LEARNT_KINDS = LEARNT_CREATURES + LEARNT_PROPS
KINDS = CREATURES + PROPS

# The places our models learnt (the recognizer's and the plate upsampler's layers are sized
# by them), then those the procedural world draws besides; each of those is drawn by a
# model that never learnt it as the learnt place nearest it (`LEARNT_STAND_INS`).
LEARNT_PLACES = ("park", "street", "cafe", "beach", "living room", "city")
PLACES = (*LEARNT_PLACES, "forest", "lake", "kitchen", "mountains", "reef", "farm", "bathroom")
LEARNT_STAND_INS = {
    "forest": "park",
    "lake": "park",
    "mountains": "park",
    "kitchen": "living room",
    "reef": "beach",
    "farm": "park",
    "bathroom": "living room",
}
# How a place is said to be where something is: "on the street", else "at the park".
PLACE_PREPOSITIONS = {
    "street": "on",
    "lake": "by",
    **dict.fromkeys(("living room", "city", "forest", "kitchen", "mountains", "bathroom"), "in"),
    "reef": "at",
    "farm": "on",
}
# Where no rain or snow falls in the picture: the weather shows only in the windows' sky
# and a faint tint of the light.
INDOORS = ("living room", "kitchen", "bathroom")
TIMES = ("morning", "noon", "sunset", "night")
WEATHERS = ("clear", "rain", "snow")
CAMERAS = ("static", "pan", "track", "zoom in", "zoom out")
SHOT_SIZES = ("wide", "medium", "close-up")

# Actions whose name alone names a thing ("drinking water", "in the water"): said so, no
# one is doing it.
NAMES_NOT_DOINGS = ("water",)
# How each kind that calls out (`ACTIONS["roar"]`) is said to: whatever word the request
# used for it ("a dog growling" barks; a lion growling roars).
VOICES = {"dog": "barks", "fox": "barks", "cat": "meows", "wolf": "growls", "lion": "roars"}
VOICES |= {"tiger": "roars", "bear": "roars", "cow": "moos", "horse": "neighs", "pig": "oinks"}
VOICES |= {"sheep": "bleats", "goat": "bleats", "elephant": "trumpets", "zebra": "brays"}
VOICES["frog"] = "croaks"
VOICES["bird"] = "sings"  # (an owl's hoot, a rooster's crow, a parrot's talk: a bird's call)
# Actions, with which kinds can perform them (an animal eats by grazing, its head lowered).
ACTIONS: dict[str, tuple[str, ...]] = {
    "stand": KINDS,
    # a penguin waddles, a dragon lumbers
    "walk": ("dog", "cat", "person", "bird", *ANIMALS, "penguin", "turtle", "dragon", "frog"),
    "run": ("dog", "cat", "person", *ANIMALS),
    "sit": ("dog", "cat", "person", "fox", "wolf", "bear", "rabbit", "lion", "tiger", "panda")
    + ("squirrel", "mouse", "hamster", "frog"),
    "sniff": ("dog", "cat", *ANIMALS),
    "jump": ("dog", "cat", "person", "bird", "horse", "deer", "goat", "fox", "wolf", "rabbit")
    + ("tiger", "squirrel", "mouse", "penguin", "frog"),
    "wag": ("dog",),
    "hold": ("person",),
    "give": ("person",),
    "eat": (
        "dog",
        "cat",
        "bird",
        *ANIMALS,
        "person",
        "frog",
    ),  # a person at a table, or where they are
    "meet": ("dog", "cat", "person", *ANIMALS, "penguin"),
    "chase": ("dog", "cat", "person", "fox", "wolf", "bear", "lion", "tiger"),
    "fly": ("bird", "plane", "kite", "butterfly", "bee", "hot air balloon", "frisbee", "dragon")
    + ("drone",)
    + ("balloon",),  # let go of, floating up and away
    "drive": ("car", "bus", "train", "tractor"),
    "roll": ("ball", "bike", "stick", "sled"),  # a stick thrown tumbles along
    # on a horse's back (the horse walks); a dog only in a car, its head out of its window
    "ride": ("person", "dog"),
    "cycle": ("person",),  # on a bike (it rolls along)
    "spin": ("dog", "cat"),  # round and round, chasing its tail
    # in water drawn round (a duck on a pond: a bird)
    "swim": ("dog", "person", "horse", "bear", "elephant", "penguin", "bird", "fish", "turtle")
    + ("frog",),
    "dance": ("person",),
    "wave": ("person",),  # a hand raised, waving hello or goodbye
    # lying down, eyes shut, breathing slowly (a bird: its head tucked)
    "sleep": tuple(k for k in CREATURES if k not in (*SMALL_FLIERS, "fish")),
    # asleep, then up: sitting up where it lay on a seat (a bed), else on its feet
    "wake": tuple(k for k in CREATURES if k not in (*SMALL_FLIERS, "fish")),
    "bloom": ("flower",),  # its petals opening over the shot, as a timelapse shows it
    "sail": ("boat", "sailboat"),  # across the water, bobbing
    "cook": ("person",),  # a pan in hand, tossing what is in it
    "row": ("person",),  # in a boat, pulling at its oars
    "read": ("person",),  # sitting, an open book held before them
    "skate": ("person",),  # on a skateboard, rolling along
    "type": ("person",),  # sitting at a laptop, typing
    "blow": ("person",),  # bubbles from a wand; a cake's candles out, leaning to them
    "paint": ("person",),  # at an easel, brush to the canvas
    "hug": ("person",),  # as meeting, come close, arms round each other
    "angle": ("person",),  # fishing with a rod, its line out in the water
    "call": ("phone",),  # held to the ear of one talking on it
    "stroll": ("person",),  # walking hand in hand with the others who stroll
    "crawl": ("person",),  # on hands and knees: a baby
    "splash": ("person", "dog"),  # hopping in a puddle, water flying at each landing
    "tug": ("dog", "person"),  # a tug of war: pulling a rope against another, leaning back
    "water": ("person",),  # flowers, from a watering can, its water pouring from the spout
    "takeoff": ("plane",),  # rolling down the runway, then climbing away
    "land": ("plane",),  # coming down onto the runway, then rolling
    # arms up overhead, reaching, leaning: yoga, waking up; a dog's or a cat's long bow
    "stretch": ("person", "dog", "cat"),
    "skip": ("person",),  # skipping rope: a hop as the rope swings under the feet
    "swing": ("person",),  # on a swing's seat, to and fro, holding its ropes
    "seesaw": ("person",),  # at one end of a seesaw, up and down, holding its handle
    "slide": ("person",),  # up a slide's ladder, down its chute, round to its ladder again
    "push": ("person",),  # behind a swing, pushing it off as its seat comes back
    "build": ("person",),  # a sandcastle, a snowman (`BUILT`), patting it into shape
    "dig": ("dog", "fox", "wolf", "bear", "squirrel"),  # front paws scrabbling, earth flying
    "toss": ("person",),  # throwing a ball (a frisbee, a snowball) to and fro, catching it
    "rally": ("person",),  # hitting a ball to and fro with rackets: tennis, badminton
    "surf": ("person",),  # standing on a surfboard, riding a wave in to the shore
    "ski": ("person",),  # on skis, poles in hand, gliding over the snow
    "scoot": ("person",),  # on a kick scooter, a foot pushing off the ground now and then
    "steer": ("person",),  # driving a car, sitting at its wheel
    "propose": ("person",),  # down on one knee before another, holding up a ring
    "knock": ("cat",),  # sitting on a table, pawing a cup to its edge and off
    "mow": ("person",),  # pushing a lawnmower along, cut grass flying
    "chop": ("person",),  # an axe swung up and down onto a log on a chopping block
    # stroking an animal: kneeling to a small one, reaching up to a horse's neck
    "pet": ("person",),
    # up in a tree, on a branch held out from its trunk (a cat sitting there)
    "perch": ("bird", "squirrel", "cat"),
    # face to face with the others who talk, taking turns: the one speaking talks with their
    # hands, the others listen, nodding (sitting where there is a seat or a table)
    "talk": ("person",),
    "play": ("person",),  # a piano, on its stool, the hands over its keys
    "sing": ("person",),  # the mouth open on each note, a hand out, notes rising
    "sled": ("person",),  # sitting on a sled, sliding along over the snow
    # up a tree's trunk, hand over hand, a foot braced against it (an animal perches)
    "climb": ("person",),
    # sitting, the head thrown back, the muzzle to the sky, the howl rising from it
    "howl": ("dog", "wolf", "fox"),
    "shovel": ("person",),  # snow scooped up and tossed back onto a heap
    "roast": ("person",),  # sitting by a campfire, a marshmallow on a stick held over it
    "slice": ("person",),  # vegetables on a board on a worktop, a knife chopping them up
    "decorate": ("person",),  # a christmas tree, reaching up to hang a bauble on it
    "knit": ("person",),  # sitting, two needles clicking, what is knitted hanging from them
    "brush": ("person",),  # brushing the teeth, a toothbrush scrubbing to and fro at the mouth
    "comb": ("person",),  # brushing the hair, a hairbrush drawn down the back of the head
    "shave": ("person",),  # a razor drawn down the cheek through the foam on the jaw
    "hula": ("person",),  # a hula hoop swung round the waist, the arms up
    "exercise": ("person",),  # push-ups: straight as a plank, lowered and pushed up again
    "wash": ("person",),  # the dishes, at the sink: a plate held up, a sponge going round
    "vacuum": ("person",),  # an upright vacuum cleaner pushed to and fro over the floor
    # rolling on its back in the grass, legs in the air, wriggling from side to side
    "wriggle": ("dog", "cat"),
    # sitting in a tub of bubbles, splashing, a rubber duck bobbing on the foam
    "bathe": ("person", "dog", "cat"),
    # kneeling by the tub of the one bathed, a sponge going round on them
    "scrub": ("person",),
    # calling out, the jaw dropped open, the call carried off before it: a dog's bark, a
    # lion's roar (`VOICES`)
    "roar": tuple(VOICES),
}
# What may be petted: any animal but a person, and how it keeps still for it (sitting where
# it can).
ANIMALS_PETTED = tuple(k for k in ("dog", "cat", "bird", *ANIMALS, "penguin") if k != "person")


# What one pushing a stroller does, pushing it along before them.
PUSHED_ALONG_BY = ("walk", "run", "stroll")


def petted_action(kind: str) -> str:
    """What an animal stroked does: sits, where it can, else stands still."""
    return "sit" if kind in ACTIONS["sit"] else "stand"


# The actions our models learnt (sized as `LEARNT_KINDS` are): riding, dancing and waving
# came after.
LEARNT_ACTIONS = tuple(
    a
    for a in ACTIONS
    if a
    not in (
        "ride",
        "dance",
        "wave",
        "cycle",
        "spin",
        "swim",
        "sleep",
        "bloom",
        "sail",
        "row",
        "cook",
        "read",
        "skate",
        "stroll",
        "type",
        "call",
        "blow",
        "paint",
        "hug",
        "angle",
        "wake",
        "surf",
        "ski",
        "toss",
        "rally",
        "build",
        "dig",
        "crawl",
        "stretch",
        "skip",
        "swing",
        "push",
        "splash",
        "takeoff",
        "land",
        "water",
        "tug",
        "scoot",
        "mow",
        "chop",
        "steer",
        "propose",
        "knock",
        "pet",
        "perch",
        "talk",
        "play",
        "sing",
        "sled",
        "climb",
        "howl",
        "shovel",
        "roast",
        "slice",
        "decorate",
        "knit",
        "roar",
        "brush",
        "wriggle",
        "exercise",
        "wash",
        "vacuum",
        "bathe",
        "scrub",
        "comb",
        "shave",
        "seesaw",
        "slide",
        "hula",
    )
)
# Kinds that do a learnt action only since our models learnt it: they never saw a person
# eat (the embedded model draws one standing; its sprites have no such pose).
LATER_DOERS = {"eat": ("person",)}


def learnt_doing(kind: str, action: str, actions: tuple[str, ...] = LEARNT_ACTIONS) -> bool:
    """Whether a model that learnt `actions` (ours: `LEARNT_ACTIONS`) learnt a `kind` doing
    `action`."""
    return action in actions and kind not in LATER_DOERS.get(action, ())


# What a kind does where nothing is said of it, when that is not standing about: a
# butterfly or a balloon is seen in the air.
GOES_ABOUT_BY = {"butterfly": "fly", "bee": "fly", "hot air balloon": "fly", "dragon": "fly"}
GOES_ABOUT_BY |= {"boat": "sail", "sailboat": "sail", "train": "drive", "fish": "swim"}
# What a kind does where nothing is said of it and the prompt is about it: a car drives by
# (beside someone, one is parked).
GOES_ABOUT_FIRST = {"car": "drive", "bus": "drive", "tractor": "drive"}
# What can be ridden: what its rider does on it, and what it does carrying them.
RIDDEN = {"horse": ("ride", "walk"), "bike": ("cycle", "roll"), "boat": ("row", "sail")}
RIDDEN["car"] = ("steer", "drive")  # a driver at its wheel, seen through its windows
RIDDEN["sled"] = ("sled", "roll")  # sliding over the snow, whoever is on it sitting
RIDDEN["bus"] = ("ride", "drive")  # a passenger, seen at one of its windows
RIDDEN["tractor"] = ("steer", "drive")  # at its wheel, high in its cab
RIDING = tuple(dict.fromkeys(how for how, _ in RIDDEN.values()))  # ride, cycle, row, steer
# What one rides standing on it, drawn as doing that ("riding a scooter": scooting).
RIDDEN_STANDING = ("skate", "scoot", "surf", "ski")
# Their names, and a lawnmower's: said with no one on them, the things themselves.
RIDDEN_NOUNS = frozenset(
    "scooter scooters skateboard skateboards surfboard surfboards lawnmower lawnmowers".split()
)

COLOURS: dict[str, tuple[int, int, int]] = {
    "brown": (139, 90, 43),
    "golden": (218, 165, 62),
    "black": (40, 38, 40),
    "white": (236, 232, 224),
    "grey": (140, 140, 146),
    "orange": (226, 120, 40),
    "red": (200, 45, 45),
    "blue": (50, 95, 190),
    "green": (60, 150, 70),
    "yellow": (236, 200, 50),
    "pink": (236, 140, 170),
    "purple": (130, 70, 160),
}

# Default colour of each kind when the prompt names none.
DEFAULT_COLOUR = {
    "dog": "brown",
    "cat": "orange",
    "person": "blue",
    "bird": "red",
    "bike": "red",
    "bus": "red",
    "tractor": "green",
    "plane": "white",
    "kite": "red",
    "hot air balloon": "red",
    "umbrella": "red",
    "flower": "pink",
    "snowman": "white",
    "campfire": "orange",
    "fireworks": "red",  # the first of their colours; the rest burst gold, green, blue …
    "butterfly": "orange",
    "bee": "yellow",  # striped black
    "penguin": "black",  # its belly white
    "turtle": "green",  # its shell; its skin paler
    "table": "brown",
    "stick": "brown",
    "frisbee": "yellow",
    "blanket": "red",  # checked with white
    "sofa": "purple",  # (not the blue a person wears where no colour is said)
    "armchair": "green",
    "box": "brown",  # cardboard
    "laser dot": "red",
    "balloon": "red",  # a bunch: red, then yellow and blue
    "cake": "white",  # white icing, a pink band, candles
    "candle": "white",
    "phone": "black",
    "laptop": "grey",
    "camera": "black",
    "bubbles": "white",  # clear, catching the light
    "easel": "brown",
    "bed": "yellow",  # its cover; the sheets and pillow white
    "sandcastle": "golden",  # drawn the paler, as sand
    "trampoline": "blue",  # its padded rim
    "fishbowl": "blue",  # its water
    "fireflies": "yellow",  # their glow
    "christmas tree": "green",
    "rainbow": "red",  # its outer band; the rest as every rainbow's
    "lightning": "white",
    "clouds": "white",
    "leaves": "orange",  # the first of their autumn colours
    "present": "red",  # its wrapping
    "pumpkin": "orange",
    "jack-o-lantern": "orange",
    "rope": "red",
    "fireplace": "orange",  # its flames; its bricks red
    "waterfall": "white",  # its foam; the water behind it blue
    "lighthouse": "red",  # its stripes, between white ones
    "castle": "grey",  # its stone
    "tent": "orange",
    "streetlight": "black",  # its iron post
    "fence": "white",  # a painted rail fence
    "swing": "red",  # its frame
    "seesaw": "blue",  # its plank
    "slide": "yellow",  # its chute
    "piano": "black",
    "stroller": "grey",
    "drone": "grey",
    "rock": "grey",
    "hammock": "orange",  # its stripes, the paler between
    "teddy bear": "brown",
    "sled": "red",
    "dragon": "green",
    "boat": "red",
    "sailboat": "white",
    "train": "red",
    "guitar": "brown",
    "violin": "brown",
    "fish": "orange",
    "horse": "brown",
    "deer": "golden",
    "cow": "white",  # with black patches
    "sheep": "white",
    "goat": "white",
    "pig": "pink",
    "fox": "orange",
    "wolf": "grey",
    "bear": "brown",
    "rabbit": "grey",
    "lion": "golden",
    "tiger": "orange",
    "elephant": "grey",
    "giraffe": "golden",
    "panda": "white",  # black legs, ears and eye patches
    "squirrel": "grey",
    "zebra": "white",  # with black stripes
    "mouse": "grey",
    "hamster": "golden",
    "frog": "green",
    "car": "red",
    "ball": "red",
    "cup": "white",
    "tree": "green",
    "bench": "brown",
    "house": "yellow",
    "cafe stand": "red",
    "sign": "white",
}

# Words a user may write, mapped onto the world's words (longest phrases are matched first).
KIND_SYNONYMS = {
    "dogs": "dog",
    "puppy": "dog",
    "puppies": "dog",
    "pup": "dog",
    "doggo": "dog",
    "hound": "dog",
    "labrador": "dog",
    "retriever": "dog",
    "terrier": "dog",
    # dogs and cats by their breed ("a corgi on the beach" was a labelled box), each drawn
    # in its coat's colour (`NATURAL_COLOUR`)
    **dict.fromkeys(
        """corgi beagle poodle husky dachshund pug chihuahua collie bulldog dalmatian
        greyhound rottweiler doberman schnauzer pomeranian samoyed sheepdog spaniel shiba
        malamute maltese pitbull weimaraner""".split(),
        "dog",
    ),
    **dict.fromkeys(
        ("german shepherd", "border collie", "shih tzu", "great dane", "pit bull"), "dog"
    ),
    **dict.fromkeys("tabby siamese ragdoll calico tomcat".split(), "cat"),
    "huskies": "dog",
    "tabbies": "cat",
    **dict.fromkeys(("maine coon", "persian cat", "sphynx cat"), "cat"),
    "cats": "cat",
    "kitten": "cat",
    "kitty": "cat",
    "people": "person",
    **dict.fromkeys(("everyone", "everybody"), "person"),  # all who are there: people
    "man": "person",
    "woman": "person",
    "girl": "person",
    "boy": "person",
    "child": "person",
    "kid": "person",
    "men": "person",
    "women": "person",
    "girls": "person",
    "boys": "person",
    "children": "person",
    "kids": "person",
    "me": "person",  # "an ugc video of me unboxing …", "a dog follows me"
    "myself": "person",
    "barista": "person",
    "owner": "person",
    "walker": "person",
    "stranger": "person",
    "customer": "person",
    "vendor": "person",
    # A baby is a child ("a baby bird" is a bird: the parser reads "baby" before a
    # creature's name as how young it is).
    **dict.fromkeys(("baby", "babies", "infant", "newborn"), "person"),
    # People by who they are or what they do; each is drawn as a person.
    **dict.fromkeys(
        """
        toddler teenager teen tourist student mom mum
        dad mother father grandma grandpa grandmother grandfather lady gentleman guy chef
        farmer runner jogger cyclist dancer musician skater surfer hiker doctor nurse
        teacher officer firefighter soldier worker waiter waitress shopkeeper player
        athlete knight prince princess king queen wizard
        son daughter brother sister sibling uncle aunt nephew niece cousin husband wife
        parent grandparent grandson granddaughter grandchild grandkid boyfriend girlfriend
        bride groom neighbor neighbour guest passenger traveler traveller explorer pirate
        skateboarder snowboarder skier swimmer climber photographer gardener baker singer
        guitarist pianist drummer artist painter scientist astronaut pilot mechanic
        carpenter builder cop detective lifeguard librarian cashier clerk shopper commuter
        pedestrian gymnast ballerina cowboy cowgirl keeper zookeeper beekeeper goalkeeper cook
        biker busker rower kayaker jockey horseman horsewoman reader angler lumberjack
        rider equestrian camper
        woodcutter
        """.split(),
        "person",
    ),
    **dict.fromkeys(
        """
        grandchildren jockeys fisherman fishermen policeman policemen policewoman policewomen
        postman postmen mailman mailmen businessman businessmen businesswoman businesswomen
        """.split(),
        "person",
    ),
    "princesses": "person",
    "birds": "bird",
    "duck": "bird",
    "ducks": "bird",
    "duckling": "bird",
    "goose": "bird",
    "geese": "bird",
    "swan": "bird",
    "parrot": "bird",
    "owl": "bird",
    "crow": "bird",
    "robin": "bird",
    "pigeon": "bird",
    "seagull": "bird",
    "gull": "bird",
    "sparrow": "bird",
    **dict.fromkeys("rooster hen chicken chick".split(), "bird"),
    **dict.fromkeys(
        """eagle hawk falcon hummingbird flamingo pelican bluebird songbird magpie vulture
        heron stork woodpecker raven puffin peacock dove kingfisher blackbird""".split(),
        "bird",
    ),
    **dict.fromkeys(("finch", "finches", "canary", "canaries"), "bird"),
    **dict.fromkeys("horses pony ponies foal foals stallion stallions mare mares".split(), "horse"),
    **dict.fromkeys("fawn fawns stag stags doe reindeer elk".split(), "deer"),
    **dict.fromkeys("cows calf calves cattle bull bulls ox oxen".split(), "cow"),
    **dict.fromkeys("lamb lambs ewe ewes".split(), "sheep"),
    **dict.fromkeys("goats".split(), "goat"),
    **dict.fromkeys("pigs piglet piglets hog hogs boar boars".split(), "pig"),
    **dict.fromkeys("foxes".split(), "fox"),
    **dict.fromkeys("wolves".split(), "wolf"),
    **dict.fromkeys(("bears", "bear cub", "bear cubs", "polar bear", "polar bears"), "bear"),
    **dict.fromkeys("grizzly grizzlies".split(), "bear"),
    **dict.fromkeys("rabbits bunny bunnies hare hares".split(), "rabbit"),
    **dict.fromkeys("lions lioness lionesses".split(), "lion"),
    **dict.fromkeys("tigers tigress".split(), "tiger"),
    **dict.fromkeys("elephants".split(), "elephant"),
    **dict.fromkeys("giraffes".split(), "giraffe"),
    **dict.fromkeys(("pandas", "panda bear", "panda bears"), "panda"),
    **dict.fromkeys("squirrels chipmunk chipmunks".split(), "squirrel"),
    "zebras": "zebra",
    **dict.fromkeys("mice rat rats".split(), "mouse"),
    **dict.fromkeys("hamsters gerbil gerbils".split(), "hamster"),
    **dict.fromkeys("frogs toad toads bullfrog bullfrogs froggy".split(), "frog"),
    **dict.fromkeys(("tree frog", "tree frogs"), "frog"),
    **dict.fromkeys("bikes bicycle bicycles".split(), "bike"),
    **dict.fromkeys(("buses", "busses", "school bus", "double-decker", "coach"), "bus"),
    **dict.fromkeys(
        "planes airplane airplanes aeroplane aeroplanes jet jets airliner".split(), "plane"
    ),
    **dict.fromkeys(("bus driver", "bus drivers"), "person"),
    "kites": "kite",
    **dict.fromkeys(
        ("hot air balloons", "hot-air balloon", "hot-air balloons", "air balloon"),
        "hot air balloon",
    ),
    **dict.fromkeys("umbrellas parasol parasols".split(), "umbrella"),
    **dict.fromkeys(
        """flowers rose roses tulip tulips daisy daisies sunflower sunflowers poppy poppies
        lily lilies plant plants houseplant houseplants""".split(),
        "flower",
    ),
    "snowmen": "snowman",
    **dict.fromkeys("cabin cabins cottage cottages hut huts chalet chalets".split(), "house"),
    **dict.fromkeys(("firefly", "lightning bugs", "glow worms"), "fireflies"),
    **dict.fromkeys(("christmas trees", "xmas tree", "xmas trees"), "christmas tree"),
    "pumpkins": "pumpkin",
    **dict.fromkeys(
        """jack-o-lanterns jack-o'-lantern jack-o'-lanterns jackolantern jackolanterns""".split(),
        "jack-o-lantern",
    ),
    **dict.fromkeys(("jack o lantern", "jack o lanterns", "jack o' lantern"), "jack-o-lantern"),
    **dict.fromkeys(("carved pumpkin", "carved pumpkins"), "jack-o-lantern"),
    **dict.fromkeys(("presents", "gift", "gifts"), "present"),
    "rainbows": "rainbow",
    **dict.fromkeys(("thunderstorm", "thunderstorms", "thunder"), "lightning"),
    **dict.fromkeys(("storm", "storms", "stormy"), "lightning"),  # with its rain
    **dict.fromkeys(("cloud", "storm clouds"), "clouds"),
    **dict.fromkeys(("leaf", "autumn leaves", "fall leaves", "falling leaves"), "leaves"),
    **dict.fromkeys(("sandcastles", "sand castle", "sand castles"), "sandcastle"),
    **dict.fromkeys(("fish bowl", "fish bowls", "goldfish bowl", "fishbowls"), "fishbowl"),
    **dict.fromkeys(("fish tank", "fish tanks", "tank", "tanks"), "fishbowl"),
    **dict.fromkeys(("campfires", "bonfire", "bonfires", "camp fire", "fire pit"), "campfire"),
    **dict.fromkeys(("fireplaces", "hearth", "hearths", "fire place", "log fire"), "fireplace"),
    **dict.fromkeys(("waterfalls", "cascade", "cascades"), "waterfall"),
    "lighthouses": "lighthouse",
    "tents": "tent",
    **dict.fromkeys(
        """streetlights streetlamp streetlamps lamppost lampposts lamp-post
        lamp-posts""".split(),
        "streetlight",
    ),
    **dict.fromkeys(
        ("street light", "street lights", "street lamp", "street lamps", "lamp post"),
        "streetlight",
    ),
    **dict.fromkeys(("lamp posts", "gas lamp", "gas lamps"), "streetlight"),
    **dict.fromkeys("fences railing railings hurdle hurdles".split(), "fence"),
    **dict.fromkeys(("swings", "swingset", "swingsets", "swing set", "swing sets"), "swing"),
    **dict.fromkeys(("tire swing", "tyre swing", "rope swing"), "swing"),
    **dict.fromkeys(
        "seesaws see-saw see-saws teeter-totter teeter-totters teetertotter".split(), "seesaw"
    ),
    **dict.fromkeys(("see saw", "see saws", "teeter totter", "teeter totters"), "seesaw"),
    **dict.fromkeys(("slides", "playground slide", "water slide", "waterslide"), "slide"),
    **dict.fromkeys(("pianos", "upright piano", "grand piano"), "piano"),
    **dict.fromkeys("strollers pram prams pushchair pushchairs buggy buggies".split(), "stroller"),
    **dict.fromkeys(("drones", "quadcopter", "quadcopters"), "drone"),
    **dict.fromkeys(("rocks", "boulder", "boulders"), "rock"),
    "hammocks": "hammock",
    **dict.fromkeys(("teddy", "teddies", "teddy bears", "toy bear", "toy bears"), "teddy bear"),
    **dict.fromkeys("sleds sledge sledges toboggan toboggans".split(), "sled"),
    **dict.fromkeys(
        ("stuffed animal", "stuffed animals", "stuffed bear", "stuffed toy"), "teddy bear"
    ),
    **dict.fromkeys(("plush toy", "plush bear", "soft toy", "cuddly toy", "plushie"), "teddy bear"),
    **dict.fromkeys(
        ("baby stroller", "baby carriage", "baby buggy", "jogging stroller"), "stroller"
    ),  # (no keyboard: typed on)
    **dict.fromkeys(("picket fence", "picket fences", "wooden fence", "garden fence"), "fence"),
    "dragons": "dragon",
    **dict.fromkeys("castles palace palaces fortress fortresses fort forts".split(), "castle"),
    **dict.fromkeys("butterflies moth moths".split(), "butterfly"),
    **dict.fromkeys("bees bumblebee bumblebees honeybee honeybees".split(), "bee"),
    "penguins": "penguin",
    **dict.fromkeys("turtles tortoise tortoises terrapin terrapins".split(), "turtle"),
    **dict.fromkeys(("sea turtle", "sea turtles"), "turtle"),
    **dict.fromkeys(
        ("tables", "desk", "desks", "picnic table", "dining table", "kitchen table"), "table"
    ),
    **dict.fromkeys("sticks twig twigs".split(), "stick"),
    **dict.fromkeys(("frisbees", "flying disc", "flying discs"), "frisbee"),
    **dict.fromkeys(("blankets", "picnic blanket", "picnic rug", "beach towel"), "blanket"),
    # a sofa is also where it is: the living room (`PLACE_SYNONYMS`)
    **dict.fromkeys("sofas couch couches settee".split(), "sofa"),
    # a seat for one (a chair at a table is the table's: `PARTS`)
    **dict.fromkeys("armchairs recliner recliners chair chairs".split(), "armchair"),
    **dict.fromkeys(("boxes", "cardboard box", "cardboard boxes", "crate", "crates"), "box"),
    **dict.fromkeys(
        ("laser pointer", "laser pointers", "laser", "lasers", "laser dots", "dot"),
        "laser dot",
    ),
    **dict.fromkeys(("rocking chair", "rocking chairs", "easy chair", "arm chair"), "armchair"),
    **dict.fromkeys(("balloons", "party balloon", "party balloons", "helium balloons"), "balloon"),
    **dict.fromkeys(("cakes", "birthday cake", "birthday cakes", "cupcake", "cupcakes"), "cake"),
    **dict.fromkeys(("chocolate cake", "chocolate cakes"), "cake"),
    **dict.fromkeys("candles candlelight candlelit candlestick candlesticks".split(), "candle"),
    **dict.fromkeys(
        "phones smartphone smartphones cellphone cellphones iphone iphones selfie selfies".split(),
        "phone",
    ),
    **dict.fromkeys(("cell phone", "mobile phone", "cell phones", "mobile phones"), "phone"),
    **dict.fromkeys("laptops macbook macbooks computer computers".split(), "laptop"),
    **dict.fromkeys("cameras camcorder camcorders".split(), "camera"),
    **dict.fromkeys(("bubble", "soap bubbles", "soap bubble"), "bubbles"),
    **dict.fromkeys("easels canvas canvases".split(), "easel"),
    **dict.fromkeys(("beds", "bunk bed", "bunk beds"), "bed"),
    **dict.fromkeys("boats rowboat rowboats canoe canoes kayak kayaks raft dinghy".split(), "boat"),
    **dict.fromkeys(("rowing boat", "fishing boat", "fishing boats"), "boat"),
    **dict.fromkeys("trains locomotive locomotives tram trams".split(), "train"),
    "tractors": "tractor",
    **dict.fromkeys("guitars ukulele ukuleles banjo banjos".split(), "guitar"),
    **dict.fromkeys("violins fiddle fiddles viola violas".split(), "violin"),
    **dict.fromkeys(
        "fishes goldfish goldfishes clownfish shark sharks dolphin dolphins".split(), "fish"
    ),
    **dict.fromkeys(("tropical fish", "school of fish"), "fish"),
    **dict.fromkeys("salmon trout carp koi".split(), "fish"),
    **dict.fromkeys(("acoustic guitar", "electric guitar", "bass guitar"), "guitar"),
    **dict.fromkeys(("steam train", "steam trains", "freight train", "passenger train"), "train"),
    **dict.fromkeys(
        ("sailboats", "sailing boat", "sailing boats", "yacht", "yachts", "ship", "ships"),
        "sailboat",
    ),
    **dict.fromkeys(("firework", "firework display", "fireworks display"), "fireworks"),
    "cars": "car",
    "taxi": "car",
    "truck": "car",
    "balls": "ball",
    "tennis ball": "ball",
    **dict.fromkeys(("snowball", "snowballs"), "ball"),
    **dict.fromkeys(YARN_BALLS, "ball"),  # a cat's plaything  # (and snow about: the weather)
    **dict.fromkeys(("water balloon", "water balloons"), "ball"),  # thrown, not held up
    # a ball game is its ball, run after ("kids playing soccer")
    **dict.fromkeys("soccer football basketball volleyball footballs".split(), "ball"),
    **dict.fromkeys(("soccer ball", "beach ball", "beach balls"), "ball"),
    "pup cup": "cup",
    "coffee mug": "cup",  # one mug, not a coffee and a mug
    "coffee cup": "cup",
    "hot cocoa": "cup",
    "hot chocolate": "cup",
    "cocoa": "cup",
    "tea": "cup",
    "juice": "cup",
    "lemonade": "cup",
    "milkshake": "cup",
    "ice cream": "cup",  # a cone or a tub, held like a cup
    "ice cream cone": "cup",
    "ice creams": "cup",
    "cone": "cup",
    "sundae": "cup",
    "popsicle": "cup",
    "smoothie": "cup",
    "puppuccino": "cup",
    "coffee": "cup",
    "latte": "cup",
    "mug": "cup",
    "glass": "cup",  # (not "glasses": those are worn)
    "treat": "cup",
    # what is for a pet is the pet's, no pet of its own ("an ad for dog treats")
    **{
        f"{pet} {food}": "cup"
        for pet in ("dog", "cat", "puppy")
        for food in ("treat", "treats", "food", "biscuit", "biscuits", "bowl")
    },
    "cups": "cup",
    "drink": "cup",
    "product": "cup",
    "bottle": "cup",
    "trees": "tree",
    **{  # a tree by its kind ("climbing the old oak tree"), drawn as a tree is
        f"{species} {tree}": "tree"
        for species in "oak pine apple cherry maple willow birch fir elm cedar palm olive".split()
        for tree in ("tree", "trees")
    },
    **dict.fromkeys("oak oaks".split(), "tree"),
    # a branch is its tree's, drawn held out for what perches on it
    **dict.fromkeys("branch branches bough boughs treetop treetops".split(), "tree"),
    "benches": "bench",
    "houses": "house",
    "home": "house",
    "cafe stand": "cafe stand",
    "coffee stand": "cafe stand",
    "coffee cart": "cafe stand",
    "kiosk": "cafe stand",
    "signs": "sign",
    "billboard": "sign",
}
# The colour a word's kind is drawn in when the request names none: a swan is white, not
# the red of the world's default bird.
NATURAL_COLOUR = {
    **dict.fromkeys(("swan", "swans", "goose", "geese", "seagull", "gull", "duck"), "white"),
    **dict.fromkeys(("ducks", "seagulls", "gulls"), "white"),
    **dict.fromkeys(("crow", "crows"), "black"),
    **dict.fromkeys(("pigeon", "pigeons"), "grey"),
    **dict.fromkeys(("duckling", "ducklings"), "yellow"),
    **dict.fromkeys(("chocolate cake", "chocolate cakes"), "brown"),
    **dict.fromkeys("shark sharks dolphin dolphins".split(), "grey"),
    **dict.fromkeys(("sparrow", "sparrows", "owl", "owls"), "brown"),
    **dict.fromkeys(("parrot", "parrots"), "green"),
    **dict.fromkeys(("sunflower", "sunflowers"), "yellow"),
    **dict.fromkeys(("taxi", "taxis", "school bus"), "yellow"),
    **dict.fromkeys(("polar bear", "polar bears", "bunny", "bunnies", "lamb", "lambs"), "white"),
    **dict.fromkeys(("bull", "bulls"), "black"),
    **dict.fromkeys(("chicken", "chickens"), "white"),
    **dict.fromkeys(("hen", "hens"), "brown"),
    **dict.fromkeys(("snowball", "snowballs"), "white"),
    **dict.fromkeys(YARN_BALLS, "pink"),
    **dict.fromkeys(("water balloon", "water balloons"), "blue"),
    **dict.fromkeys(("tennis ball", "tennis balls"), "yellow"),
    **dict.fromkeys(("chick", "chicks"), "yellow"),
    **dict.fromkeys(("reindeer", "elk", "hare", "hares", "stallion", "stallions"), "brown"),
    **dict.fromkeys("eagle eagles hawk hawks falcon falcons".split(), "brown"),
    **dict.fromkeys(
        "raven ravens magpie magpies vulture vultures blackbird blackbirds".split(), "black"
    ),
    **dict.fromkeys("puffin puffins".split(), "black"),
    **dict.fromkeys("dove doves stork storks pelican pelicans".split(), "white"),
    **dict.fromkeys("flamingo flamingos".split(), "pink"),
    **dict.fromkeys("bluebird bluebirds peacock peacocks kingfisher kingfishers".split(), "blue"),
    **dict.fromkeys("heron herons".split(), "grey"),
    **dict.fromkeys("canary canaries".split(), "yellow"),
    **dict.fromkeys("woodpecker woodpeckers".split(), "red"),
    **dict.fromkeys("hummingbird hummingbirds".split(), "green"),
    # the breeds' coats
    **dict.fromkeys(
        "corgi corgis pug pugs chihuahua chihuahuas shiba pomeranian".split(), "golden"
    ),
    **dict.fromkeys("beagle beagles dachshund dachshunds spaniel spaniels".split(), "brown"),
    **dict.fromkeys(("german shepherd", "german shepherds", "maine coon"), "brown"),
    **dict.fromkeys("husky huskies greyhound greyhounds schnauzer malamute".split(), "grey"),
    **dict.fromkeys(("weimaraner", "great dane", "pit bull", "pitbull"), "grey"),
    **dict.fromkeys("poodle poodles dalmatian dalmatians samoyed maltese".split(), "white"),
    **dict.fromkeys(("shih tzu", "siamese", "ragdoll", "persian cat", "calico"), "white"),
    **dict.fromkeys("rottweiler rottweilers doberman dobermans".split(), "black"),
    **dict.fromkeys(("border collie", "border collies", "collie", "collies"), "black"),
    **dict.fromkeys(("tabby", "tabbies"), "orange"),
}
# And each one's plural ("pigeons", "taxis"), where it takes an -s.
KIND_SYNONYMS |= {
    f"{word}s": kind
    for word, kind in list(KIND_SYNONYMS.items())
    if " " not in word
    and not word.endswith(("s", "y", "man", "child", "men", "ren", "ple", "ese", "ies"))
    and f"{word}s" not in KIND_SYNONYMS
    and word != "goose"
}
PLACE_SYNONYMS = {
    "park": "park",
    "garden": "park",
    "meadow": "park",
    "street": "street",
    "road": "street",
    "sidewalk": "street",
    "neighborhood": "street",
    "neighbourhood": "street",
    "town": "street",
    "cafe": "cafe",
    "café": "cafe",
    "coffee shop": "cafe",
    "shop": "cafe",
    "beach": "beach",
    "seaside": "beach",
    "shore": "beach",
    "sea": "beach",
    "ocean": "beach",
    "living room": "living room",
    "indoors": "living room",
    "inside": "living room",
    "room": "living room",
    "apartment": "living room",
    "sofa": "living room",
    "couch": "living room",
    "bed": "living room",  # drawn there, as a bedroom is
    "fireplace": "living room",  # by the fire, indoors
    "armchair": "living room",
    # home is drawn as its living room, said without a warning that it stands in for one:
    "at home": "living room",  # where one is ("sleeps at home"); "walks home" goes to a house
    # a time spent there ("a puppy's first day home", "home alone")
    **dict.fromkeys(("day home", "days home", "week home", "home alone"), "living room"),
    # coming to where one is ("waits for its owner to come home"): no house to go to
    **{f"{come} home": "living room" for come in ("come", "comes", "coming", "came")},
    # about a house is in it ("a cat exploring the house"; "walks to the house" goes to one)
    **{
        f"{about} the house": "living room"
        for about in "in inside through around round about explore explores exploring".split()
    },
    **dict.fromkeys("forest forests woods woodland woodlands".split(), "forest"),
    **dict.fromkeys("lake lakes lakeside lakeshore pond ponds".split(), "lake"),
    **dict.fromkeys("kitchen kitchens".split(), "kitchen"),
    **dict.fromkeys("bathroom bathrooms washroom washrooms".split(), "bathroom"),
    **dict.fromkeys(("mirror", "mirrors"), "bathroom"),  # on its wall, over the basin
    **dict.fromkeys(
        """farm farms farmyard farmyards farmland barn barns barnyard ranch ranches pasture
        pastures paddock paddocks countryside field fields cornfield cornfields""".split(),
        "farm",
    ),
    # a field played on is the park's lawn, not a farmer's
    **{f"{game} field": "park" for game in "soccer football baseball sports playing".split()},
    **dict.fromkeys("reef reefs underwater seabed aquarium".split(), "reef"),
    **dict.fromkeys(
        ("coral reef", "under the sea", "under water", "ocean floor", "sea floor"), "reef"
    ),
    **dict.fromkeys(
        """mountain mountains mountainside mountaintop peak peaks summit alps valley canyon
        """.split(),
        "mountains",
    ),
    # the kitchen of a place is a kitchen ("a restaurant kitchen", not its dining room)
    **{f"{where} kitchen": "kitchen" for where in "restaurant cafe café bakery hotel".split()},
    **dict.fromkeys("river rivers riverbank riverside canal stream creek brook".split(), "lake"),
    "city": "city",
    "city street": "city",  # the city's own street, below its towers: not "street"
    "downtown": "city",
    "skyline": "city",
    # a city's open square ("feeding pigeons in the square")
    **dict.fromkeys(("the square", "town square", "city square", "market square"), "city"),
    **dict.fromkeys(("plaza", "plazas", "piazza"), "city"),
}
# Where someone who does this works or is looked after, when a request names no place ("a
# barista pouring latte art" is in a café, not in the park; a baby is at home).
WORKPLACES = {
    **dict.fromkeys("barista baristas waiter waiters waitress".split(), "cafe"),
    **dict.fromkeys("chef chefs cook cooks".split(), "kitchen"),
    **dict.fromkeys("surfer surfers lifeguard lifeguards".split(), "beach"),
    **dict.fromkeys("fisherman fishermen angler anglers".split(), "lake"),
    **dict.fromkeys("farmer farmers rancher ranchers shepherd shepherds".split(), "farm"),
    **dict.fromkeys("baby babies infant newborn".split(), "living room"),
}
# People drawn as children, smaller than grown-ups: by these words, or a girl or a boy said
# to be little ("a little girl"; "a girl" alone may be of any age, and stays grown). A
# child is a person whose label says "child" (`EntitySpec.label`).
CHILD = "child"
CHILD_WORDS = frozenset(
    """kid kids child children toddler toddlers son sons daughter daughters grandson grandsons
    granddaughter granddaughters grandchild grandchildren grandkid grandkids schoolboy
    schoolboys schoolgirl schoolgirls baby babies infant newborn""".split()
)
BABY_WORDS = frozenset(("baby", "babies"))
COMING = ("come", "comes", "coming", "came")  # before "home": to where one is
# Who a young one may be with: of its own kind where it is an animal ("its mother").
PARENTS = frozenset("mother mom mum mama mommy father dad daddy papa parent parents".split())


def kind_of_parent(child: str, whose: str) -> str:
    """What a parent named with `whose` ("its", "her") of a `child` kind is: an animal's is
    of its kind ("a baby elephant walking with its mother"); a pet's "dad" may be its owner
    ("a dog waits for his dad"), so only "its" makes a dog's or a cat's parent one of them;
    anyone else's is a person."""
    animal = child in CREATURES and child != "person"
    said_of = whose == "its" or (whose in ("his", "her", "their") and child not in ("dog", "cat"))
    return child if animal and said_of else "person"


YOUNG_WORDS = frozenset("little young small tiny".split())


def is_child(words: list[str], at: int) -> bool:
    """Whether the person named by `words[at]` is a child ("kid", "a little girl", "a boy
    and his dad": one with a parent)."""
    word = words[at]
    if word in CHILD_WORDS:
        return True
    young = any(w in YOUNG_WORDS for w in words[max(0, at - 2) : at])
    young |= any(w in PARENTS for w in words)
    return young and word in ("girl", "boy", "girls", "boys")


# Words that make the kind after them a toy ("a teddy bear", "a toy horse"), which the
# world has no drawing for.
TOY_WORDS = frozenset(("teddy", "toy", "stuffed", "plush", "rocking", "wooden", "rubber"))
# Toys that every bath has, bobbing on its bubbles (`painters.bath`): said of one, no toy
# of their own is drawn beside the tub.
BATH_TOYS = frozenset(("rubber duck", "rubber ducks", "rubber ducky", "rubber duckie"))
# The same before a vehicle's name ("a toy train", "a paper boat"; a wooden boat is a boat).
TOY_VEHICLE_WORDS = frozenset(("toy", "paper", "model", "origami", "lego"))
VEHICLES = ("car", "bus", "train", "plane", "boat", "sailboat", "bike", "tractor")
# The same before a fort or a castle ("a blanket fort", "a pillow fort": no castle).
TOY_FORT_WORDS = frozenset("blanket blankets pillow pillows cushion cushions cardboard".split())


def toy_words(kind: str) -> frozenset[str]:
    """The words that make a `kind` said after them a toy of it, which the world cannot
    draw: none for what is no creature or vehicle."""
    if kind in CREATURES:
        return TOY_WORDS
    if kind == "castle":  # a blanket fort, a toy castle, a lego castle
        return TOY_VEHICLE_WORDS | TOY_FORT_WORDS
    if kind == "laser dot":  # polka dots: a pattern, no laser's
        return frozenset(("polka",))
    return TOY_VEHICLE_WORDS if kind in VEHICLES else frozenset()


# Words after a creature's name that make it something worn ("a bear costume", "a cat mask"),
# which the world has no drawing for.
WORN_AS = frozenset("costume costumes mask masks suit onesie onesies outfit ears".split())
# Names of kinds that are verbs too, when said right after who does it ("the rooster crows",
# "the tree bears fruit").
NAMES_ALSO_VERBS = frozenset(("crows", "ducks", "bears", "fish", "fishes", "presents", "does"))
NAMES_ALSO_VERBS |= {"slides"}  # ("a boy slides down the slide")
# Fishing said by what is done with the line ("casts his line", "catches a big fish").
CATCHING = frozenset("catch catches catching caught reel reels reeling reeled".split())
# Climbing a tree: a person up its trunk; an animal then perches in it ("a squirrel
# climbing a tree"). A hill climbed is walked up.
CLIMBING = frozenset("climb climbs climbing climbed".split())
CLIMBED_ON_FOOT = frozenset("hill hills mountain mountains peak summit stairs steps top".split())
CASTING = frozenset("cast casts casting".split())


def verb_after_its_doer(words: list[str], i: int) -> bool:
    """Whether `words[i]` is one of `NAMES_ALSO_VERBS` said as the verb ("the rooster
    crows", "she does yoga", "then does a trick"; not "crows fly", "three crows")."""
    before = words[i - 1] if i > 0 else ""
    doer = before in KINDS or before in KIND_SYNONYMS or before in _SAID_OF_A_DOER
    doer |= before in _SAID_OF_ONE_GOING_ON
    return words[i] in NAMES_ALSO_VERBS and doer


# Who a verb is said of without naming them ("she does yoga").
_SAID_OF_A_DOER = frozenset("she he it they who that i we you everyone everybody".split())
# What is said before what the one told of does next ("…, then does a trick").
_SAID_OF_ONE_GOING_ON = frozenset("then also finally later now".split())


# Places synthworld has no drawing for, drawn as the nearest of its own: a zoo as its
# park, a bedroom as its living room. The plan says so; prompts for models that read prose
# name them as written (plan/place_names.py).
PLACE_STAND_INS = {
    **dict.fromkeys(
        """
        hill hills hillside orchard backyard
        yard playground schoolyard trail trails mars savanna savannah safari fair fairground
        funfair carnival
        prairie grassland grasslands plains zoo skatepark skateparks lawn lawns stadium
        """.split(),
        "park",
    ),
    **dict.fromkeys(("skate park", "skate parks"), "park"),
    **dict.fromkeys("stable stables vineyard vineyards".split(), "farm"),
    **dict.fromkeys(("amusement park", "theme park", "county fair"), "park"),
    "on the moon": "park",  # (howling at the moon is at night, under it)
    **dict.fromkeys("island lagoon harbour harbor pier dock marina coast desert".split(), "beach"),
    **dict.fromkeys("jungle jungles rainforest rainforests".split(), "forest"),
    **dict.fromkeys(("pool", "pools", "swimming pool", "swimming pools"), "lake"),
    **dict.fromkeys(("campsite", "campsites", "campground"), "forest"),
    **dict.fromkeys(("cliff", "cliffs", "clifftop", "cliffside"), "mountains"),
    **dict.fromkeys("village bridge station school campus church".split(), "street"),
    **dict.fromkeys("highway highways motorway motorways freeway freeways".split(), "street"),
    **dict.fromkeys(("bus stop", "bus station", "bus shelter"), "street"),
    **dict.fromkeys(("driveway", "driveways", "front yard", "parking lot", "car park"), "street"),
    # a house's, on the street it fronts
    **dict.fromkeys("porch porches veranda verandah stoop doorstep".split(), "street"),
    **dict.fromkeys("rooftop airport balcony balconies".split(), "city"),
    **dict.fromkeys(
        """
        bakery restaurant diner store stores storefront boutique bookstore bookshop florist
        pharmacy salon supermarket
        """.split(),
        "cafe",
    ),
    **dict.fromkeys(
        """
        bedroom office classroom library studio gym museum gallery hotel
        lobby nursery crib cot
        """.split(),
        "living room",
    ),
}
# The words for the places drawn as said, not stood in for ("the city", not "a cliff").
PLACES_AS_SAID = dict(PLACE_SYNONYMS)
PLACE_SYNONYMS |= PLACE_STAND_INS
# Any of those words, longest first, as a regular expression's alternatives ("coffee
# shop" before "shop"): for the phrases around places ("to a café", "coming from the park").
PLACE_PATTERN = "|".join(
    re.escape(phrase) for phrase in sorted(PLACE_SYNONYMS, key=len, reverse=True)
)
TIME_SYNONYMS = {
    "up late": "night",  # "stays up late reading"
    "morning": "morning",
    "sunrise": "morning",
    "dawn": "morning",
    "noon": "noon",
    "midday": "noon",
    "afternoon": "noon",
    "daytime": "noon",
    "sunset": "sunset",
    "dusk": "sunset",
    "evening": "sunset",
    "golden hour": "sunset",
    "sun sets": "sunset",
    "sun setting": "sunset",
    "sun goes down": "sunset",
    "sun rises": "morning",
    "sun rising": "morning",
    "sun comes up": "morning",
    "night": "night",
    "nighttime": "night",
    "midnight": "night",
    **dict.fromkeys(("in the dark", "after dark"), "night"),
    **dict.fromkeys(("moon", "full moon", "moonlight", "moonlit", "the stars"), "night"),
    # the nights fireworks are for
    **dict.fromkeys(("new year's eve", "new years eve", "new year’s eve"), "night"),
}
WEATHER_SYNONYMS = {
    "clear": "clear",
    "sunny": "clear",
    "sun": "clear",
    **dict.fromkeys("sunshine sunlight sunlit sunbeam sunbeams".split(), "clear"),
    "rain": "rain",
    "raining": "rain",
    "rainy": "rain",
    "rains": "rain",
    "stormy": "rain",
    "drizzle": "rain",
    "storm": "rain",
    "snow": "snow",
    "snowing": "snow",
    "snowy": "snow",
    **dict.fromkeys(("snowflakes", "snowflake"), "snow"),  # falling about whoever is there
    "snows": "snow",
    "snowfall": "snow",
    "winter": "snow",
    "snowman": "snow",  # built of it: there is snow about
    "snowball": "snow",
    "snowballs": "snow",
    **dict.fromkeys(("thunderstorm", "thunderstorms", "thunder", "lightning"), "rain"),
    "snowmen": "snow",
    # ice all about (not "ice cream"): drawn as snow
    **dict.fromkeys(("icy", "frozen", "arctic", "antarctic", "antarctica", "on the ice"), "snow"),
    **dict.fromkeys(("glacier", "glaciers", "iceberg", "icebergs", "ice floe"), "snow"),
}
_WAVED = ("hello", "goodbye", "bye", "at", "to", "back")
ACTION_SYNONYMS = {
    "walk": "walk",
    "walks": "walk",
    "walking": "walk",
    "stroll": "walk",
    "strolls": "walk",
    "strolling": "walk",
    "wander": "walk",
    "wanders": "walk",
    "wandering": "walk",
    "hike": "walk",  # "after a hike", "hiking in the hills": on foot
    "hikes": "walk",
    "hiking": "walk",
    "roams": "walk",
    "roaming": "walk",
    **dict.fromkeys(("arrive", "arrives", "arriving", "arrived"), "walk"),  # walking in
    "march": "walk",
    "marches": "walk",
    "marching": "walk",
    "skip": "run",
    "skips": "run",
    "skipping": "run",
    "trots": "walk",
    "swim": "swim",
    "swims": "swim",
    "swimming": "swim",
    "paddles": "swim",
    "paddling": "swim",  # in a boat: rowing (prompt_parser's riding)
    **dict.fromkeys("row rows rowing canoeing kayaking".split(), "ride"),
    **dict.fromkeys(
        "cook cooks cooking bake bakes baking fry fries frying stir stirs stirring".split(), "cook"
    ),
    **dict.fromkeys("grill grills grilling barbecue barbecues barbecuing".split(), "cook"),
    **dict.fromkeys("sail sails sailing".split(), "sail"),
    "crossing": "walk",
    "crosses": "walk",
    "sneaks": "walk",
    "sneaking": "walk",
    "creeps": "walk",
    "creeping": "walk",
    "prowls": "walk",
    "prowling": "walk",
    "trotting": "walk",
    "heads": "walk",
    "run": "run",
    "runs": "run",
    "running": "run",
    "races": "run",
    "gallop": "run",
    "gallops": "run",
    "galloping": "run",
    "charges": "run",
    "charging": "run",
    "racing": "run",
    "dashes": "run",
    "sprints": "run",
    "sprinting": "run",
    "jog": "run",
    "jogs": "run",
    "jogging": "run",
    **dict.fromkeys(("wakes up", "waking up", "woke up", "wake up", "wakes", "waking"), "wake"),
    "sleep": "sleep",
    "sleeps": "sleep",
    "sleeping": "sleep",
    "asleep": "sleep",
    "nap": "sleep",
    "naps": "sleep",
    "napping": "sleep",
    "doze": "sleep",
    "dozes": "sleep",
    "dozing": "sleep",
    "snoozes": "sleep",
    "snoozing": "sleep",
    "slumbers": "sleep",
    **dict.fromkeys(
        ("falls asleep", "fall asleep", "falling asleep", "takes a nap", "take a nap"), "sleep"
    ),
    **dict.fromkeys(("taking a nap", "curls up", "curled up", "curling up"), "sleep"),
    "sit": "sit",
    **dict.fromkeys("read reads reading".split(), "read"),
    # bent over a book ("doing homework at the kitchen table": at the table)
    **dict.fromkeys("homework study studies studying".split(), "read"),
    **dict.fromkeys("type types typing".split(), "type"),
    **dict.fromkeys("blow blows blowing".split(), "blow"),
    **dict.fromkeys("paint paints painting".split(), "paint"),
    **dict.fromkeys("angle angles angling fishing".split(), "angle"),  # ("fishes": fish)
    **dict.fromkeys(("to fish", "go fish", "goes fishing"), "angle"),  # ("a fish": one)
    **dict.fromkeys("propose proposes proposing proposed".split(), "propose"),
    **dict.fromkeys("knock knocks knocking knocked".split(), "knock"),
    # ("pet", "pets": a kind of animal too, "her pets"; said right after who does it, a verb)
    **dict.fromkeys("petting petted stroke strokes stroking stroked".split(), "pet"),
    **dict.fromkeys("groom grooms grooming groomed pats patting".split(), "pet"),
    **dict.fromkeys(
        ("pops the question", "popping the question", "pop the question", "on one knee"),
        "propose",
    ),
    **dict.fromkeys(
        "skateboard skateboards skateboarding skateboarded longboarding".split(), "skate"
    ),
    **dict.fromkeys("surf surfs surfing surfed surfboard surfboards".split(), "surf"),
    **dict.fromkeys(
        ("riding a wave", "rides a wave", "ride a wave", "riding the waves", "rides the waves"),
        "surf",
    ),
    **dict.fromkeys(("catching a wave", "catches a wave", "catch a wave"), "surf"),
    **dict.fromkeys("ski skis skiing skied".split(), "ski"),
    **dict.fromkeys("scooter scooters scoot scoots scooting scooted".split(), "scoot"),
    **dict.fromkeys("mow mows mowing mowed lawnmower lawnmowers".split(), "mow"),
    **dict.fromkeys(("lawn mower", "lawn mowers"), "mow"),
    **{  # wood split with an axe (a chef chopping onions stands at the stove)
        f"{verb} {wood}": "chop"
        for verb in "chop chops chopping chopped split splits splitting".split()
        for wood in ("wood", "firewood", "logs", "a log", "the logs", "some wood")
    },
    **dict.fromkeys(("swinging an axe", "swings an axe", "with an axe"), "chop"),
    **dict.fromkeys("decorate decorates decorating decorated".split(), "decorate"),
    **dict.fromkeys(KNITTING, "knit"),
    **{  # what is knitted is the knitting: no thing of its own
        f"{verb} {a} {what}": "knit"
        for verb in KNITTING
        for a in ("a", "the", "some", "her", "his")
        for what in KNITTED
    },
    **{f"{verb} {what}": "knit" for verb in KNITTING for what in KNITTED},
    **{  # a tree's baubles hung on it (`DECORATED`): decorating it
        f"{hang} {what}": "decorate"
        for hang in "hang hangs hanging hung".split()
        for what in (*HUNG_ON_A_TREE, *(f"the {thing}" for thing in HUNG_ON_A_TREE))
    },
    **dict.fromkeys(("trim the tree", "trims the tree", "trimming the tree"), "decorate"),
    **{  # vegetables cut up on a board (bread, meat: no drawing of those)
        f"{verb} {what}": "slice"
        for verb in CUTTING_WORDS
        for what in (*CHOPPED, *(f"{the} {food}" for the in ("the", "some") for food in CHOPPED))
    },
    # a dragon breathes fire now and then, whatever it does: said so, it stands
    **dict.fromkeys(("breathing fire", "breathes fire", "breathe fire"), "stand"),
    **dict.fromkeys("build builds building built".split(), "build"),
    **dict.fromkeys("dig digs digging dug".split(), "dig"),
    # a conversation: those in it talk in turn ("talking on the phone" is the phone's call)
    **dict.fromkeys(
        """talk talks talking talked chat chats chatting chatted converse converses
        conversing conversation conversations gossip gossips gossiping argue argues
        arguing argued laugh laughs laughing laughed discuss discusses discussing""".split(),
        "talk",
    ),
    **dict.fromkeys(("catching up", "catch up", "catches up", "a chat"), "talk"),
    # a date: the two of them talking ("a couple's first date at a cafe": at its table)
    **dict.fromkeys("date dates dating".split(), "talk"),
    **{  # a story told to those listening, with the hands ("telling stories by the fire")
        f"{tell} {story}": "talk"
        for tell in "tell tells telling told".split()
        for story in ("stories", "a story", "ghost stories", "a ghost story", "jokes", "a joke")
    },
    **dict.fromkeys("howl howls howling howled".split(), "howl"),
    "toothbrushing": "brush",  # (`COMPOUNDS`: "brushing her teeth")
    "flycatching": "eat",  # (`COMPOUNDS`: "catching a fly")
    "hairbrushing": "comb",  # (`COMPOUNDS`: "brushing her hair")
    "gardening": "water",  # tending the flowers, a watering can tipped over them
    "hulahooping": "hula",  # (`COMPOUNDS`: "hula hooping", "with a hula hoop")
    **dict.fromkeys(("seesawing", "teeter-tottering"), "seesaw"),
    **dict.fromkeys("sliding slid".split(), "slide"),  # (down a slide said: else undrawn)
    **dict.fromkeys("shave shaves shaving shaved".split(), "shave"),
    "tagplaying": "chase",  # (`COMPOUNDS`: "playing tag"): one running after the other
    "trickortreating": "walk",  # (`COMPOUNDS`): door to door
    **dict.fromkeys(  # ("trumpet": also the instrument, said by one playing it)
        """roar roars roaring roared bark barks barking barked growl growls growling growled
        snarl snarls snarling snarled meow meows meowing meowed miaow miaows miaowing hiss
        hisses hissing hissed moo moos mooing mooed neigh neighs neighing neighed whinny
        whinnies whinnying bleat bleats bleating bleated oink oinks oinking oinked yap yaps
        yapping yapped woof woofs woofing yelp yelps yelping yelped bray brays braying
        trumpets trumpeting trumpeted bellow bellows bellowing bellowed hoot hoots hooting
        hooted chirp chirps chirping chirped tweet tweets tweeting tweeted squawk squawks
        squawking squawked quack quacks quacking quacked cluck clucks clucking clucked
        crowing crowed croak croaks croaking croaked ribbit ribbits""".split(),
        "roar",
    ),
    **dict.fromkeys("shovel shovels shoveling shovelling shoveled shovelled".split(), "shovel"),
    **{  # by a campfire, a marshmallow on a stick held over it
        f"{verb} {what}": "roast"
        for verb in "roast roasts roasting toast toasts toasting".split()
        for what in ("marshmallows", "marshmallow", "a marshmallow")
    },
    **dict.fromkeys(("making s'mores", "makes s'mores", "make s'mores"), "roast"),
    # on a sled ("a sled": the thing, sat on)
    **dict.fromkeys("sledding sledded sledging sledged tobogganing".split(), "sled"),
    # looking out of the window, keeping still to watch
    **{
        f"{look} {out}": "sit"
        for look in "looks looking gazes gazing stares staring peeks peeking".split()
        for out in ("out", "outside")
    },
    # cheering: up on their toes, arms flung up, as one jumping for joy is drawn
    **dict.fromkeys("cheer cheers cheering cheered".split(), "jump"),
    **dict.fromkeys(
        """sing sings singing sang karaoke serenade serenades serenading carol carols
        carolling caroling""".split(),
        "sing",
    ),
    **dict.fromkeys("bury buries burying buried".split(), "dig"),  # a squirrel its acorn
    **dict.fromkeys("crawl crawls crawling crawled".split(), "crawl"),
    **dict.fromkeys("splash splashes splashing splashed".split(), "splash"),
    **dict.fromkeys("stretch stretches stretching stretched yoga".split(), "stretch"),
    **{
        f"{skip} {rope}": "skip"  # "skipping rope", "a jump rope" (no rope of a tug of war)
        for skip in "skip skips skipping skipped jump jumps jumping jumped".split()
        for rope in ("rope", "ropes")
    },
    **dict.fromkeys(
        ("takes off", "taking off", "take off", "took off", "lifts off", "lifting off"), "takeoff"
    ),
    **dict.fromkeys(("lands", "landing", "landed", "touches down", "touching down"), "land"),
    **dict.fromkeys(("waters", "watering", "watered"), "water"),  # (not "water": the lake's)
    **{f"{to} water": "water" for to in ("to", "and", "then")},  # "stops to water the roses"
    **dict.fromkeys("tug tugs tugging tug-of-war".split(), "tug"),
    **dict.fromkeys(("tug of war", "tugs of war"), "tug"),
    "sits": "sit",
    "sitting": "sit",
    "rests": "sit",
    "resting": "sit",
    "waits": "sit",
    "waiting": "sit",
    "sniff": "sniff",
    "sniffs": "sniff",
    "sniffing": "sniff",
    "smells": "sniff",
    "smelling": "sniff",
    "explores": "sniff",
    "exploring": "sniff",
    **dict.fromkeys("dive dives diving dived".split(), "jump"),  # into the water: swims
    **dict.fromkeys(("cannonball", "cannonballs", "belly flop"), "jump"),  # (as a dive)
    **dict.fromkeys(("first steps", "first step"), "walk"),  # a baby's, walking
    "jump": "jump",
    "jumps": "jump",
    "jumping": "jump",
    "leaps": "jump",
    "catch": "jump",  # leaping for it ("tries to catch them")
    "catches": "jump",
    "catching": "jump",
    "leaping": "jump",
    "hops": "jump",
    "hopping": "jump",
    "bounces": "jump",
    "wag": "wag",
    "wags": "wag",
    "wagging": "wag",
    "hold": "hold",
    "holds": "hold",
    "holding": "hold",
    "carries": "hold",
    "carrying": "hold",
    # a child in arms, rocked or cradled there ("rocking her baby to sleep"; not "a rocking
    # horse")
    **dict.fromkeys("cradle cradles cradling cradled".split(), "hold"),
    **{  # a pan tossed ("a chef flipping pancakes"): cooking
        f"{flip} {what}": "cook"
        for flip in ("flip", "flips", "flipping", "flipped")
        for what in ("pancakes", "a pancake", "burgers", "eggs", "an omelette", "the pancakes")
    },
    **{  # a meal made at the stove ("making breakfast": the pan on the go, no one standing)
        f"{make} {meal}": "cook"
        for make in (*MAKING, "fix", "fixes", "fixing", "prepare", "prepares", "preparing")
        for meal in ("breakfast", "dinner", "lunch", "supper", "brunch", "a meal", "pancakes")
    },
    **{
        f"{rock} {whose}": "hold"
        for rock in ("rocks", "rocking")
        for whose in ("her", "his", "the")
    },
    "shows": "hold",
    "showing": "hold",
    "presents": "hold",
    "give": "give",
    "gives": "give",
    "giving": "give",
    "hands": "give",
    "handing": "give",
    "offers": "give",
    "offering": "give",
    "serves": "give",
    "serving": "give",
    "eat": "eat",
    "eats": "eat",
    "eating": "eat",
    # head down at it ("a puppy chewing on a shoe", "a rabbit nibbling a carrot")
    **dict.fromkeys("chew chews chewing gnaw gnaws gnawing".split(), "eat"),
    **dict.fromkeys("nibble nibbles nibbling munch munches munching".split(), "eat"),
    "licks": "eat",
    "licking": "eat",
    "drinks": "eat",  # "she drinks it"; "two drinks" are cups (the parser tells them apart)
    "drinking": "eat",
    "drink": "eat",  # "then they drink cocoa"; "a drink" is a cup
    **dict.fromkeys("swing swings swinging swung".split(), "swing"),  # ("a swing": one)
    **dict.fromkeys("push pushes pushing pushed".split(), "push"),  # (a pram: walking it)
    "sip": "eat",
    "sips": "eat",
    "sipping": "eat",
    "enjoys": "eat",
    "enjoying": "eat",
    "laps": "eat",
    "graze": "eat",
    "grazes": "eat",
    "grazing": "eat",
    "munches": "eat",
    "munching": "eat",
    "meet": "meet",
    "meets": "meet",
    "meeting": "meet",
    "greet": "meet",
    "greets": "meet",
    "greeting": "meet",
    "befriends": "meet",
    "joins": "meet",  # "a little girl joins him": she comes to him
    "joining": "meet",
    # people come together and put their arms round each other (a pet is met)
    **dict.fromkeys("hug hugs hugging cuddle cuddles cuddling embrace embraces".split(), "hug"),
    # a kiss is drawn as the embrace it comes in
    **dict.fromkeys("kiss kisses kissing kissed".split(), "hug"),
    "play": "meet",
    "plays": "meet",
    "playing": "meet",
    "chase": "chase",
    "chases": "chase",
    "chasing": "chase",
    # kicking a ball is running after it and kicking it on; playing catch is fetching it
    **dict.fromkeys("kick kicks kicking dribbles dribbling".split(), "chase"),
    **dict.fromkeys(("play catch", "plays catch", "playing catch"), "chase"),
    "fetch": "chase",
    "fetches": "chase",
    "fetching": "chase",
    # Following is walking along behind ("a dog follows me through the park"), no chase.
    "follow": "walk",
    "follows": "walk",
    "following": "walk",
    "fly": "fly",
    "flies": "fly",
    "flying": "fly",
    **dict.fromkeys(("soar", "soars", "soaring", "soared"), "fly"),
    **dict.fromkeys("flutters fluttering floats floating drifts drifting".split(), "fly"),
    **dict.fromkeys("buzzes buzzing hovers hovering".split(), "fly"),
    **dict.fromkeys("waddles waddling".split(), "walk"),
    **dict.fromkeys("bloom blooms blooming blossom blossoms blossoming".split(), "bloom"),
    "drive": "drive",
    "drives": "drive",
    "driving": "drive",
    "roll": "roll",
    "rolls": "roll",
    "rolling": "roll",
    # a dog or a cat on its back ("rolling in the grass" too, said of one)
    **{f"{roll} over": "wriggle" for roll in "roll rolls rolling rolled".split()},
    **dict.fromkeys("wriggle wriggles wriggling wriggled".split(), "wriggle"),
    "dishwashing": "wash",  # (`COMPOUNDS`: "washing the dishes", "doing the washing up")
    # in the bath (the tub, its bubbles: `COMPOUNDS`): taking one, or given one
    **dict.fromkeys(
        """bathe bathes bathing bathed bath baths bathtub bathtubs tub tubs bathtime
        bubblebath""".split(),
        "bathe",
    ),
    **dict.fromkeys(
        """vacuum vacuums vacuuming vacuumed hoover hoovers hoovering hoovered""".split(), "vacuum"
    ),
    # working out, drawn as push-ups (no gym, no weights)
    **dict.fromkeys(
        """push-up push-ups pushup pushups press-up press-ups exercise exercises exercising
        exercised workout workouts""".split(),
        "exercise",
    ),
    "stand": "stand",
    "stands": "stand",
    "standing": "stand",
    "parked": "stand",  # a car that stands, not one driving by
    # Waving a hand: "waving", or "waves" said with whom or why ("the waves" are the sea's).
    "waving": "wave",
    **{f"{verb} {how}": "wave" for verb in ("wave", "waves") for how in _WAVED},
    **dict.fromkeys(
        [
            f"{verb} {whose} tail"
            for verb in ("chase", "chases", "chasing")
            for whose in ("its", "his", "her", "their", "own")
        ]
        + ["spins", "spinning", "spin around", "spins around", "spinning around"],
        "spin",
    ),
    "dance": "dance",
    "dances": "dance",
    "dancing": "dance",
    "twirls": "dance",
    "twirling": "dance",
    **dict.fromkeys(("ballet", "ballroom", "salsa", "tango", "waltz", "waltzing"), "dance"),
    "ride": "ride",  # a horse ("riding a bike" is not: the parser tells them apart)
    "rides": "ride",
    "riding": "ride",
    "horseback": "ride",
    "cycle": "cycle",  # a bike ("cycling through the city" brings one)
    "cycles": "cycle",
    "cycling": "cycle",
    "biking": "cycle",
}
CAMERA_SYNONYMS = {
    "static camera": "static",
    "locked-off": "static",
    "still camera": "static",
    "pans": "pan",
    "panning": "pan",
    "pan": "pan",
    "tracking": "track",
    "tracks": "track",
    "follows the": "track",
    "track": "track",
    "zoom in": "zoom in",
    "zooms in": "zoom in",
    "push-in": "zoom in",
    "push in": "zoom in",
    "zoom out": "zoom out",
    "zooms out": "zoom out",
    "pull-out": "zoom out",
    "pull back": "zoom out",
}
SHOT_SYNONYMS = {
    "aerial": "wide",
    "drone shot": "wide",
    "wide": "wide",
    "establishing": "wide",
    "long shot": "wide",
    "medium": "medium",
    "mid shot": "medium",
    "close-up": "close-up",
    "closeup": "close-up",
    "close up": "close-up",
    "close": "close-up",
}

# Keeping still, which the world has no drawing for: whoever does it sits (or stands) there,
# not walks about as an action left unsaid is drawn.
# Words for what is done, or how, which name no thing to stand in for ("running a race",
# "a pillow fight", "doing tricks", "crosses the finish line"): left out, and said so.
DOINGS = frozenset(
    """race races fight fights game games match matches contest contests competition
    tournament marathon lesson lessons class classes practice workout routine trick tricks
    stunt stunts adventure adventures trip trips journey journeys tour outing errand errands
    chores line finish wedding weddings ceremony festival festivals parade parades
    cartwheel cartwheels handstand handstands somersault somersaults backflip backflips
    shoulders piggyback
    celebration celebrations graduation concert concerts show shows""".split()
)
STILL_WORDS = CARVING | frozenset(
    """
    lie lies lying lounge lounges lounging relax relaxes relaxing watch watches watching gaze
    hoot hoots hooting perch perches perched perching
    gazes gazing stare stares staring read reads reading write writes writing type types
    typing study studies studying meditate meditates meditating daydream
    daydreams daydreaming picnic picnics picnicking rest rests resting roast roasts
    roasting
    stretch stretches stretching
    games gaming videogame videogames chess cards puzzle puzzles blocks toys lego legos
    camps camped camping
    """.split()
)
# Work done on one's feet in one spot ("a chef cooking"): whoever does it stands there.
STANDING_WORDS = frozenset(
    """
    wash washes clap claps clapping applaud applauds applauding
    washing sweep sweeps sweeping fish fishes chop chops chopping
    feed feeds feeding make makes making
    throw throws throwing toss tosses tossing fetch
    pour pours pouring serve serves serving blow blows blowing teach teaches teaching
    """.split()
)

# Seasons say when, and draw nothing of their own ("a cozy fall afternoon"; winter's snow is
# a weather word).
SEASON_WORDS = frozenset(
    "summer summertime autumn autumnal fall winter wintertime spring springtime season".split()
)
# Words that carry no concept of their own: grammar, filler and the captioner's style words.
NEUTRAL_WORDS = frozenset(
    """a an the day days and or but of on in at to from with without into onto over under near by
    for as is are was were be been being it its it's this that these those their there then than
    his her he she they them we you your our my me i him who whom which what where when while
    up down out off away around about across along through toward towards past beside behind
    between among amongst after before during again just very so too also some any each every all
    both one two
    three four five six seven eight nine ten first second last next other another same new old
    little big small large tiny huge long short tall happy cute fluffy friendly excited playful
    lovely nice beautiful sweet video videos clip film movie shot shots scene scenes second
    seconds minute minutes sec s make create show showing shows story going goes go getting gets
    get got has have having had do does doing finally later then while its own way time
    early late stay stays stayed staying lazy brisk leisurely peaceful quiet daily routine
    trip trips
    routines
    monday tuesday wednesday thursday friday saturday sunday weekend
    camera frame framing light lighting lit shadows shadow soft hard warm cool cold bright dim
    low high golden glow glowing sky sky's grass green paved path dirt sand sea wave waves
    buildings road floor wall window lamp lamps walls windows rug sofa couch interior warm-toned
    windowsill windowsills sill ledge carpet carpets
    reeds water counter stove tiles washbasin trail peaks seaweed roof roofs rooftops chimney
    chimneys
    skyline lights lit-up towers stars moon overcast falling drops flakes wet snowy ground left
    right center centre frame moving forward slowly quickly gently steady eye-level level angle view
    background foreground together nose noses tail tails wagging face faces facing each
    friend friends buddy pal companion someone something thing things day's front back side
    start starts starting started begin begins beginning began keep keeps keeping kept
    continue continues continuing tries trying
    eye eyes ear ears paw paws head fur whisker whiskers wing wings arm arms leg legs foot feet
    mouth beak claw claws tongue teeth headlight headlights wheel wheels engine hair lap
    trunk trunks
    find finds finding found outside outdoors
    treats mid-shot toward view viewer looks looking look watches watching enjoy
    ad advert advertisement commercial brand product ugc tagline title logo intro outro
    words word text caption captions subtitle subtitles slogan screen on-screen
    morning's set sets off along terrace sandy wooden towers below gentle following subject
    slow fast still overhead happily nearby glowing sunny lapse timelapse time-lapse family
    families pile piles heap heaps bunch handful lots group stack hot wildlife bedtime
    fairy tale tales fable""".split()
)
NEUTRAL_WORDS |= SEASON_WORDS
# Where the video is shown ("a dog video for tiktok"): nothing in it.
NEUTRAL_WORDS |= frozenset("instagram tiktok youtube facebook snapchat".split())
# How one feels doing it ("jumping with joy"): seen in how they do it, nothing of its own.
NEUTRAL_WORDS |= frozenset("joy delight excitement happiness glee glad gladly romantic".split())
# What one does looking at a phone, drawn as holding it before their eyes.
NEUTRAL_WORDS |= frozenset("scroll scrolls scrolling texting texts swiping browsing".split())
# Where "the fire" is a fireplace (elsewhere a campfire: "sitting by the fire" in the woods),
# and what may be said of it between its determiner and its name ("the crackling fire").
FIRE_INDOORS = ("living room", "kitchen", "cafe")
# Where a story out of doors has a campfire when "the fire" is named with no place; from
# anywhere else (a park, a street) one goes home to sit by the fire.
CAMPFIRE_PLACES = ("forest", "beach", "lake", "mountains")
FIRE_LOOKS = frozenset("cozy cosy crackling roaring warm open little small big blazing".split())
NEUTRAL_WORDS |= frozenset(("crackling", "roaring", "blazing"))
# A door waited by is at home (`WHERE_DONE`), no thing of its own; an owl hooting sits.
NEUTRAL_WORDS |= frozenset(("door", "doors", "doorway", "doorstep", "doormat"))
NEUTRAL_WORDS |= frozenset(("tv", "television", "telly"))  # watched: one sits, at home
# Fish kept at home, in their bowl wherever no water is said ("a girl feeding her goldfish").
KEPT_IN_A_BOWL = ("goldfish", "goldfishes")
WATER_PLACES = ("reef", "lake", "beach")
# A room's mood, drawn by what is in it (a cozy cabin's lit windows, a fire in the hearth).
NEUTRAL_WORDS |= frozenset("cozy cosy comfy snug homely".split())
# Camping is drawn by its tent (`OCCASIONS`), those camping sitting by it (`STILL_WORDS`).
NEUTRAL_WORDS |= frozenset("camp camps camped camping".split())
NEUTRAL_WORDS |= frozenset(("lone",))  # "a lone wolf": one, drawn alone
NEUTRAL_WORDS |= frozenset(("top",))  # "climbs to the top": where one goes, no thing
NEUTRAL_WORDS |= frozenset(f"product{kind}" for kind in ("video", "shot", "ad", "demo"))
# What digging makes, drawn with it ("a dog digs a hole").
NEUTRAL_WORDS |= frozenset(("hole", "holes"))
# Words for what the sky's things do, drawn with them ("clouds drift", "lightning flashes").
NEUTRAL_WORDS |= frozenset(
    "arcs arcing drift drifts drifting flash flashes flashing strikes striking".split()
)
# What fireworks do, drawn with them ("fireworks burst over the city", "light up the sky").
NEUTRAL_WORDS |= frozenset("burst bursts bursting explode explodes exploding sky".split())
