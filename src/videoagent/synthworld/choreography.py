"""Where every entity is, and in which pose, at each moment of a shot.

World units are metres: x to the right, y up, the ground at y = 0. Entity 0 is the subject;
interactions (give, meet, chase) are staged around it so the camera can keep it framed. What is
chased keeps ahead of its chaser, so a shot that follows the chaser keeps both in frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from videoagent.synthworld.fetching import MOUTH, fetch_in
from videoagent.synthworld.spec import (
    EntitySpec,
    SceneSpec,
    carried_in_the_mouth,
    cradled_by,
    in_a_stroller,
    in_arms,
    stroller_pusher,
)
from videoagent.synthworld.tossing import TOSSING, tossing_in
from videoagent.synthworld.vocabulary import (
    ACTIONS,
    ANIMALS,
    BEHIND_THE_SUBJECT,
    BLOWN,
    BOUNCED_ON,
    CHILD,
    HELD,
    HELD_UP,
    HUGGED,
    IN_THE_SKY,
    JUMPED_OVER,
    LEAP,
    ON_A_TABLE,
    PLAYED,
    RIDDEN,
    RIDING,
    SMALL_FLIERS,
    TO_THE_FACE,
)

# Width and height in metres (stylised: small things are drawn larger than life to stay legible).
SIZE = {
    "dog": (0.95, 0.78),
    "cat": (0.62, 0.5),
    "person": (0.55, 1.75),
    "child": (0.4, 1.15),  # a person labelled a child: drawn at two thirds
    "bird": (0.34, 0.26),
    "horse": (2.3, 2.2),
    "deer": (1.5, 1.8),
    "cow": (2.2, 1.6),
    "sheep": (1.15, 0.95),
    "goat": (1.05, 1.05),
    "pig": (1.35, 0.85),
    "fox": (0.95, 0.62),
    "wolf": (1.35, 0.95),
    "bear": (1.85, 1.3),
    "rabbit": (0.5, 0.6),
    "lion": (1.9, 1.2),
    "tiger": (2.0, 1.15),
    "elephant": (3.2, 3.0),
    "giraffe": (2.0, 3.9),
    "panda": (1.7, 1.3),
    "squirrel": (0.55, 0.5),
    "zebra": (2.3, 2.2),
    "mouse": (0.42, 0.3),
    "hamster": (0.44, 0.36),
    "frog": (0.5, 0.3),  # larger than life
    "car": (3.8, 1.45),
    "ball": (0.26, 0.26),
    "cup": (0.24, 0.32),
    "tree": (2.6, 4.6),
    "bench": (1.7, 0.95),
    "house": (5.0, 5.2),
    "cafe stand": (2.6, 2.7),
    "sign": (0.9, 1.9),
    "bike": (1.8, 1.0),
    "bus": (7.0, 3.0),
    "train": (16.0, 3.2),  # a locomotive and two carriages
    "tractor": (3.3, 2.66),
    "plane": (4.6, 1.4),
    "kite": (0.7, 0.95),
    "drone": (0.9, 0.3),  # larger than life, as flowers are
    "rock": (1.5, 0.65),
    "hammock": (2.5, 1.3),
    "hot air balloon": (2.4, 3.4),
    "umbrella": (1.1, 0.95),
    "flower": (0.4, 0.55),  # larger than life, to stay legible
    "snowman": (0.9, 1.6),
    "campfire": (1.0, 0.9),
    "butterfly": (0.3, 0.22),
    "bee": (0.24, 0.18),  # larger than life
    "penguin": (0.5, 0.8),
    "turtle": (0.62, 0.3),  # larger than life
    "table": (1.4, 0.78),
    "stick": (0.6, 0.12),
    "frisbee": (0.34, 0.08),
    "blanket": (2.8, 0.26),  # spread on the ground (`FLAT`)
    "sofa": (2.0, 0.95),
    "armchair": (0.95, 1.06),
    "box": (0.8, 0.3),  # its flaps open
    "laser dot": (0.24, 0.05),  # its halo
    "balloon": (0.6, 1.25),  # from the end of their strings to the top of the highest
    "cake": (0.5, 0.42),  # its candles' flames the top
    "candle": (0.14, 0.38),  # its flame the top
    "boat": (2.3, 0.45),
    "guitar": (0.8, 0.45),  # its body to the head of its neck
    "violin": (0.6, 0.16),  # its chin rest to its scroll
    "phone": (0.09, 0.17),  # a little larger than life
    "laptop": (0.4, 0.28),  # open, its screen up
    "camera": (0.18, 0.12),
    "bubbles": (1.4, 0.7),  # drifting on ahead of the wand they are blown from
    "easel": (0.7, 1.7),  # its canvas at a painter's chest
    "sandcastle": (0.8, 0.55),  # to its tallest tower's flag
    "trampoline": (2.2, 0.62),
    "fishbowl": (0.5, 0.5),
    "fireflies": (8.0, 2.0),  # the air they drift about in, over the grass
    "christmas tree": (1.3, 2.25),  # to its star
    "pumpkin": (0.5, 0.42),
    "jack-o-lantern": (0.5, 0.42),
    "present": (0.7, 0.55),  # a pile of them
    # in the sky, drawn over it as fireworks are
    "rainbow": (14.0, 4.6),
    "lightning": (14.0, 4.6),
    "clouds": (14.0, 4.6),
    "leaves": (10.0, 4.0),  # the air they fall through
    "rope": (1.0, 0.1),  # between two tugging at it
    "fireplace": (1.8, 1.6),  # to the candlesticks on its mantelpiece
    "waterfall": (4.4, 6.0),  # its rocks, the pool at its foot
    "lighthouse": (2.0, 6.9),
    "castle": (9.0, 6.7),  # to its pennants' tips
    "tent": (2.2, 1.4),
    "streetlight": (0.5, 3.4),  # its lantern the top
    "fence": (2.4, 1.0),
    "swing": (2.2, 2.4),
    "seesaw": (3.2, 1.0),  # its plank tipped all the way
    "slide": (3.0, 1.85),  # its ladder to the foot of its chute
    "piano": (1.9, 1.6),  # a grand, side on: its keys to its tail; its lid propped open
    "stroller": (0.95, 1.05),  # its wheels to its hood; its handle out behind
    "teddy bear": (0.34, 0.42),  # sitting up, to its ears
    "sled": (1.2, 0.4),  # its runners to its curled front
    "dragon": (5.8, 3.7),  # its tail's tip to its snout; its head and raised wings
    "bed": (2.1, 0.95),  # to the top of its headboard
    "sailboat": (2.4, 2.6),  # its mast's top
    "fish": (0.5, 0.3),  # larger than life
    "fireworks": (14.0, 4.6),  # how far their bursts spread, drawn over the sky
    "placeholder": (1.0, 1.0),
}
SPEED = {
    "walk": 1.1,
    "ride": 1.6,  # a horse's walk
    "swim": 0.7,
    "cycle": 3.0,
    "skate": 2.6,
    "scoot": 2.2,
    "steer": 5.0,  # a car's, driven
    "mow": 0.8,  # behind the mower, a slow walk
    "surf": 2.4,  # along the face of a wave
    "ski": 3.4,
    "crawl": 0.3,
    # a plane rolling down the runway and climbing away, or coming down onto it
    "takeoff": 6.0,
    "land": 6.0,
    "stroll": 0.9,
    "run": 3.2,
    "sniff": 0.22,
    "chase": 3.0,
    "fly": 2.2,
    "drive": 5.0,
    "roll": 1.6,
    "sail": 1.2,
    "row": 0.9,  # a rowing boat's pace
    "sled": 2.8,  # sliding over the snow
}
HAND_IN_HAND = 0.62  # how far behind the one before them one holding their hand walks, m
PACE = {"turtle": 0.2}  # who goes slower than others do (a turtle's plod), of their speed
MEETING = ("meet", "hug")  # coming together from either side
HUG_GAP = 0.3  # how far from the middle each of two hugging stops, of their width
SMALL_ITEMS = ("cup", "ball")
SEAT_HEIGHT = 0.5  # a bench's seat, metres: where one asleep on it lies
# What a subject sits or lies on where the scene has one: how high (metres), and where the
# others sitting with it go (metres from it: side by side on a bench, which seats three;
# facing it across a picnic blanket).
SEATS = {"bench": SEAT_HEIGHT, "sofa": SEAT_HEIGHT, "blanket": 0.0, "bed": SEAT_HEIGHT}
SEATS["armchair"] = SEAT_HEIGHT
SEATS["rock"] = 0.6  # its top, a little rounded
SEATS["hammock"] = SEAT_HEIGHT  # the low middle of its sling
LEAP_CLEARS = 0.25  # how far over what it jumps a leaper's feet pass, metres
# A swing: the top bar its ropes hang from and their length, metres; how far it swings
# each way (radians) and how long a swing there and back takes (seconds).
SWING_TOP, SWING_ROPE, SWING_ARC, SWING_PERIOD = 2.3, 1.75, 0.6, 2.6
PUSHED_FROM = 0.45  # how far behind the seat's furthest swing back one pushing it stands
SWING_SEATS = 2  # a swing set's seats, side by side along its top bar
# A seesaw: its pivot's height, how far out along its plank each end's seat is, how far it
# tips each way (radians) and how long it takes to go up and down (seconds).
SEESAW_PIVOT, SEESAW_REACH, SEESAW_TILT, SEESAW_PERIOD = 0.5, 1.35, 0.3, 2.8
# A slide: its ladder's x and its top's height (metres from its middle), its chute's foot,
# how long a turn takes (seconds) and when in it one is up the ladder, sits at the top, is
# at the chute's foot and back at the ladder's.
SLIDE_LADDER, SLIDE_TOP, SLIDE_FOOT, SLIDE_PERIOD = -1.1, 1.55, (1.35, 0.22), 5.0
CLIMBED, SET_OFF, SLID, BACK = 0.4, 0.5, 0.72, 1.0
# Skipping rope: the rope's turn, radians a second (a turn every 0.8 s), and the hop over it.
SKIP_TURN, SKIP_HOP = 2 * math.pi / 0.8, 0.12
# Where one perching in a tree is: out along the branch its tree holds out to that side,
# metres from the trunk, and the branch's top, metres up; how each kind perches.
BRANCH_OUT, PERCH_AT = 1.0, 1.72  # (a cat sits up there, the others stand on it)
# How high one perches on each thing perched on, metres: a tree's branch, a fence's top.
PERCH_HEIGHT = {"tree": PERCH_AT, "fence": 0.9}
# How far along from the middle of what it perches on one is, metres; where several are,
# each after the first that much further along (or back) from there.
PERCH_ALONG = {"tree": BRANCH_OUT, "fence": 0.55}
PERCHED_APART = (0.0, -0.42, 0.3, -0.8)
# How far to one side of whoever is under a streetlight its post stands, metres: they are
# in its pool of light, the post not hidden behind them.
UNDER_THE_LAMP = 0.55
# Who sits in a box, drawn round them (a person's legs would not fit).
SITS_IN_A_BOX = ("cat", "dog", "rabbit", "bird", "penguin")
IN_A_BOX = 0.06  # how far up one in a box is drawn, metres
SEAT_PLACES = {
    "bench": (0.55, -0.6),
    "sofa": (0.6, -0.6),
    "armchair": (),  # a seat for one
    "rock": (0.55,),  # room for two, side by side
    "hammock": (),  # room for one
    "blanket": (0.95, -0.95),
    "bed": (0.6, -0.6),
}
WAKES_AT = 0.45  # how far into a shot one waking up wakes
# What lies flat on the ground, seen from a little above: how far it reaches away from the
# camera (above the ground line on screen) and towards it (below), metres.
FLAT = {"blanket": (0.1, 0.16)}
# Where what swims or floats (`AFLOAT`) at a place with water of its own is: out in it,
# this far above the actors' ground line (past a lake's near bank, `places.LAKE_BANK`; past
# the beach's surf); elsewhere a swimmer has water drawn round them where they are.
OUT_IN_THE_WATER = {"lake": 0.8, "beach": 1.55, "reef": 1.0}
AFLOAT = ("swim", "sail", "row", "surf")
AT_A_TABLE = ("stand", "sit", "eat", "wave", "blow")  # what one beside a table may do there
BLOWN_OUT = 0.5  # how far into a shot the candles one blows at go out
EASEL_REACH = 0.75  # how far before a painter their easel stands, metres
# How far before the hips of one at a piano's keys (on its stool) its middle is, metres.
PIANO_REACH = 1.35
# How far ahead of whoever pushes it a stroller's middle is, metres (its handle in reach).
STROLLER_AHEAD = 0.95
# One climbing a tree: how far from its trunk's middle their hips are, metres, how high
# their feet get (up to where its crown begins), and how far into the shot they are there.
CLIMB_REACH, CLIMB_TOP, CLIMBED_BY = 0.34, 1.0, 0.8
# One decorating a christmas tree: how far from its middle their hips are, metres; how many
# baubles it has (`BAUBLE_SPOTS`) as they start.
DECORATE_REACH, BAUBLES_AT_FIRST = 0.78, 3
DECORATE_BEFORE = 0.4  # where a third and a fourth stand, before the tree's lower branches
BAUBLE_SPOTS = 9
DECORATORS_APART = 2.2  # radians between one decorating's reach and the next one's
# Where one sitting in a stroller is: ahead of its middle, before its hood, and how high
# their waist is (its carriage's top, where its blanket is tucked in), metres.
IN_THE_STROLLER_AHEAD, IN_THE_STROLLER_AT = 0.12, 0.7
SHOWN_IN_THE_STROLLER = 0.48  # how much of their height is seen above it: from the waist
# Where a teddy bear hugged is: before the middle of whoever holds it, and how high its
# feet are (a grown-up's metres): held to the chest.
HUGGED_BEFORE, HUGGED_AT = 0.14, 0.95
# Where a child held in someone's arms is: before their middle, and how high its waist is
# (a grown-up's metres): at their forearms, held to the chest.
IN_ARMS_BEFORE, IN_ARMS_AT = 0.2, 0.9
TEDDY_BESIDE = 0.5  # how far along its seat from whoever sits there a teddy bear sits
# How far before one building it what they build stands (metres), and how much of it is
# there when they start: a mound of sand, the snowman's first ball.
BUILT_REACH = {"sandcastle": 0.6, "snowman": 0.75}
BUILT_AT_FIRST = 0.3
WATERING_REACH = 0.85  # how far before one watering them the flowers are, metres
TRAMPOLINE_HEIGHT = 0.55  # its mat, metres: where one jumping on it lands
TRAMPOLINE_BOUNCE = 2.5  # how many times higher one bounces on it than off it
# A bed or a sofa jumped on: how high its top is, metres, and how much higher one bounces
# on its springs than off the ground.
BOUNCED_ON_HEIGHT, BED_BOUNCE = 0.55, 1.5
# A cat knocking a cup off a table: where on the table it sits (metres from its middle)
# and the cup starts before it; when in the shot its paw starts pushing the cup, and when
# the cup reaches the edge; how long it takes to fall to the floor, seconds.
KNOCKER_ON_TABLE, CUP_BEFORE_IT = -0.35, 0.3
PUSHED_FROM, PUSHED_OFF, FALL_SECONDS = 0.35, 0.55, 0.45
PROPOSED_TO_AT = 0.85  # how far before one kneeling to propose the other stands, metres
# One asleep beside another on a bed: how far towards their feet and how far up (on its far
# side, so seen higher) from them, metres.
LYING_BESIDE = (0.12, 0.2)
SWIMS_BEHIND = 1.0  # how far behind the subject one swimming with it is, metres
ROARED_AT = 1.7  # how far before one calling out at another (a dog barking) they are, metres
# How far before one stroking it an animal is: an arm's reach, and part of its length (a
# horse's neck is well before its middle); one lower than `KNEELS_TO` is stroked kneeling.
PET_REACH, PET_ALONG = 0.38, 0.4
PET_BESIDE = 0.55  # how far on the middle of a big one is, the one stroking it before it
# Each bather's tub: its ends (behind them, before them) and its rim's height, metres from
# their middle and the floor; a person sits with their knees up towards its foot.
TUBS = {"person": (-0.5, 1.1, 0.5), "dog": (-0.62, 0.62, 0.42), "cat": (-0.42, 0.42, 0.28)}
SCRUB_GAP = 0.12  # how far behind the tub one bathing another kneels, metres
# How high a standing animal's back is, of its drawn height; the arm's angle (from straight
# down) of one kneeling to a small one.
BACK_OF, PET_KNEELING = 0.62, 0.75
KNEELS_TO = 0.9  # metres
PRESENTS_BEFORE_THE_TREE = 0.45  # metres: piled under its lowest branches
# A tug of war: where each grips the rope, before and above their middle (metres of their
# kind's size: a dog's mouth, a person's hands), how much rope is between them, and how
# far the pull sways to and fro.
GRIP = {"dog": (0.56, 0.5), "person": (0.6, 1.05)}
ROPE_BETWEEN, TUG_SWAY = 0.9, 0.2
BOWL_FISH = 0.22  # a fish in a bowl, of its kind's size (a goldfish, not larger than life)
BOWL_SWIM = (0.1, 0.05)  # how far to and fro, and up and down, it swims round its bowl, m
# What a person does sitting down: on a seat where there is one (a bench, a sofa, a chair
# at a table), else on the ground.
SEATED = ("sit", "eat", "read", "type", "play", "roast", "knit")
# What is done standing, or sitting where the scene has a seat or a table: talking ("two
# friends chatting on a bench", "… over coffee" at a café's table), singing (and hugging a
# toy, `hugs_a_toy`: up on the bed).
SEATED_WHERE_THERE_IS_A_SEAT = ("talk", "sing")
# Talking: how far apart two stand face to face (metres), how long each speaks before the
# next does (seconds), and how much of a turn the hands take to come up or go down.
TALK_APART, TALK_TURN, TALK_EASE = 0.95, 2.6, 0.15
# People seated where there is a table and no other seat sit at it, on chairs drawn up to
# its ends (their hips this far from its middle, knees under its top), and then on its far
# side, either side of its middle, behind it.
TABLE_END = 1.0
FAR_SIDE = 0.3
DINERS = 4  # two at its ends, two on its far side
LAPTOP_REACH = 0.55  # how far before the hips of one at a table their laptop is, metres
CUP_REACH = 0.5  # and their cup
SIT_BESIDE = 1.15  # how far apart people sitting on the ground together sit, metres
# Sitting round a campfire: how far before the subject it burns (whoever is with them as
# far beyond it, facing them across it), and how far further out the next pair sit, metres.
FIRESIDE, ROUND_THE_FIRE = 0.95, 0.7
TABLE_TIE = 0.55  # where balloons are tied to a table: this far along from its middle
# Who sits on its haunches: narrower than it stands, a little taller.
SITS_UP = ("dog", "cat", "fox", "wolf", "bear", "lion", "tiger", "panda", "squirrel", "mouse")
SITS_UP += ("hamster",)
# How high what flies flies past, metres (a plane a little higher; a kite on its string).
FLIGHT = {"bird": 2.6, "plane": 3.0, "kite": 2.3, "frisbee": 0.9}
# What flies low and slow: how high (metres) and how fast it drifts (a butterfly flutters
# about a metre up; a balloon drifts on the wind).
HOVERS = {"butterfly": (0.7, 0.6), "bee": (0.8, 0.7), "hot air balloon": (1.6, 0.4)}
HOVERS["balloon"] = (0.9, 0.3)  # let go of, it floats up and away
HOVERS["drone"] = (3.0, 0.9)  # flown by no one said, it crosses the sky
# A drone flown: how far ahead of whoever flies it and how high it hovers (metres), and
# how far it wanders about there, to and fro and up and down.
DRONE_AHEAD, DRONE_HEIGHT, DRONE_WANDER = 2.0, 2.6, (0.8, 0.35)
BALLOON_RISE = 1.6  # how far a balloon let go of rises over a shot, metres
# How far ahead of the one flying it a kite flies; its string runs back to their raised hand.
KITE_AHEAD = 1.7
# Where a hand raised to hold something up is (a kite's string, an umbrella's handle): ahead
# of the holder and up, in metres for a grown-up standing (scaled with their height).
HAND_AHEAD = 0.3
HAND = 0.7  # of their height
# How much lower a holder's hand is seated (on a bench; on the ground), grown-up's metres:
# as much as their hips are (`painters/creatures.py`).
SEATED_HAND_DROP = {"seat": 0.4, "ground": 0.78}
SEATED_HAND_DROP["aboard"] = 0.85  # a rider's hips are where the pose is, on the saddle
# How high what is played is held, metres of a grown-up: a guitar's body at the waist, a
# violin's under the chin on the shoulder (and how far ahead of the middle).
PLAYED_AT = {"guitar": (0.12, 0.82), "violin": (0.06, 1.4)}
# How a near arm holds a phone, a camera or a bubble wand to the face (its swing and its
# elbow's bend, radians, as `Pen.limb` takes them): to the ear, talking; before the eyes,
# looking at the screen; to the eye, taking a photo; before the lips, blowing bubbles; or
# the hand alone to the mouth, in surprise (one proposed to).
AT_THE_FACE = {"ear": (0.5, 2.9), "screen": (0.9, 1.2), "eye": (0.7, 2.3), "wand": (0.8, 2.1)}
AT_THE_FACE["mouth"] = (0.7, 2.5)
AT_THE_FACE["controller"] = (0.45, 1.0)  # a drone's, held before the chest, thumbs on it
SHOULDER = (0.0, 1.43)  # where a standing grown-up's arms hang from, facing right, metres
ARM = 0.55
# How a chased thing gets away: a ball rolls, a bird flies, a car drives, a creature runs.
FLEES_BY = {
    "ball": "roll",
    "laser dot": "dart",  # flicking about on the floor ahead of the paws
    "stick": "roll",
    "frisbee": "fly",  # skimming along, a little above the ground
    "bird": "fly",
    "car": "drive",
    "bus": "drive",
    "train": "drive",
    "tractor": "drive",
    "plane": "fly",
    "dog": "run",
    "cat": "run",
    "person": "run",
    **dict.fromkeys(ANIMALS, "run"),
}


@dataclass(frozen=True)
class Pose:
    """An entity at one instant: position of its ground anchor, facing, and gait phase."""

    x: float
    y: float
    facing: int
    action: str  # what it is doing at this instant (e.g. "sit" before a "give" lands)
    phase: float  # gait / wag / flap cycle in radians
    # 0..1: how far a giving arm or a sniffing head is lowered; of what is being built
    # (`BUILT`), how much of it is still to build
    reach: float = 0.0
    held_by: int | None = None  # for items: the entity holding it
    holds_up: bool = False  # a person's near hand raised, holding a kite's string or umbrella
    plays: str = ""  # what a person plays in their hands: a guitar strummed, a violin bowed
    grounded: bool = False  # a person sitting on the ground, no seat under them
    at_table: str = ""  # a person sitting at a table: at one "end" (on a chair), or "far" side
    # a table with people at it: what is at each of its places (its two ends, then its far
    # side's two): "" no one, "chair" one sitting, "meal" one eating (a plate before them)
    laid: tuple[str, ...] = ()
    # walking hand in hand: the near hand holding the hand of the one ahead, the far hand
    # of the one behind
    hand_ahead: bool = False
    hand_behind: bool = False
    at_the_face: str = ""  # in the near hand at the face (`AT_THE_FACE`): "ear", "wand" …
    # tossing (`tossing.Tossing.swing`): 0 ready, through 1 as the throw or hit leaves the
    # hand or the racket, to 2 followed through; stroking an animal, the arm's angle from
    # straight down (radians)
    swing: float = 0.0
    # a rope pulled in a tug of war: where its far end is from its near one, metres
    span: tuple[float, float] = (0.0, 0.0)
    # a car with someone at its wheel, a bus with a passenger: seen through its windows
    driven: bool = False
    # afloat and going nowhere: a boat fished from, and whoever sits in it with a rod
    moored: bool = False
    # sitting down to do what is done standing elsewhere (`SEATED_WHERE_THERE_IS_A_SEAT`)
    sitting: bool = False
    pushes: bool = False  # both hands forward on the handle of a stroller pushed before them
    in_stroller: bool = False  # a child sitting in a stroller: from the waist up, tucked in
    in_arms: bool = False  # a child held in someone's arms: from the waist up, swaddled
    cradles: bool = False  # whoever holds a child in their arms: an arm under it
    further_back: bool = False  # asleep beside another on a bed, on its far side: behind them

    @property
    def waist_up(self) -> bool:
        """Whether a person in this pose is seen from the waist up, under a blanket: sitting
        in a stroller, or held in someone's arms."""
        return self.in_stroller or self.in_arms

    @property
    def seated(self) -> bool:
        """Whether a person in this pose sits: on a seat, at a table, or on the ground."""
        return self.action in SEATED or self.sitting

    def box(self, kind: str) -> tuple[float, float, float, float]:
        """World box (x0, y0, x1, y1) of a `kind` in this pose."""
        width, height = SIZE[kind]
        if self.action in ("sit", "howl", "bathe") and kind in SITS_UP:
            width, height = width * 0.7, height * 1.05
        if self.waist_up and kind in ("person", "child"):  # from the waist up
            height *= SHOWN_IN_THE_STROLLER
        elif self.seated and kind in ("person", "child"):
            height *= 0.55 if self.grounded else 0.72
        elif self.action == "bathe" and kind in ("person", "child"):  # sitting in the tub
            height *= 0.55
        if self.action == "swim" and kind in ("person", "child"):  # lying in the water
            width, height = height * 0.9, 0.45
        if self.action == "exercise" and kind in ("person", "child"):  # a plank, its head up
            width, height = height * 0.85, height * 0.42
        if self.action == "crawl" and kind in ("person", "child"):  # on hands and knees
            width, height = height * 0.62, height * 0.45
        if self.action == "sleep" and kind in ("person", "child") and not self.waist_up:
            width, height = height, height * 0.2
        elif self.action in ("sleep", "wriggle") and kind != "bird":  # lying down
            width, height = width * 1.05, height * 0.5
        if self.action in (*RIDING, "seesaw"):  # from the feet, down the horse's side or pedalling
            return (self.x - width / 2, self.y - RIDER_LEGS, self.x + width / 2, self.y + 0.95)
        if kind in FLAT:  # spread on the ground under whoever is on it
            away, towards = FLAT[kind]
            return (self.x - width / 2, self.y - towards, self.x + width / 2, self.y + away)
        return (self.x - width / 2, self.y, self.x + width / 2, self.y + height)


JUMP_SECONDS = 1.3  # one jump, take-off to landing
# Splashing in a puddle: a hop every so many seconds, in the air for this share of it, so
# high; the water flies while they stand in it.
SPLASH_SECONDS, SPLASH_AIRBORNE, SPLASH_HOP = 0.9, 0.5, 0.22
OLLIE_EVERY, OLLIE_SECONDS = 3.5, 0.6  # a skateboarder's hop, board and all
# Where a rider sits, metres above the ground, and behind the middle of what it rides
# (facing right).
# in a boat: on its seat; in a car: at the wheel, head and shoulders in its front window
SADDLE = {"horse": 1.36, "bike": 0.86, "boat": 0.22, "car": 0.4, "sled": 0.16}
SADDLE_X = {"horse": -0.12, "bike": -0.22, "boat": 0.45, "car": 0.22, "sled": 0.05}
# A bus's passengers sit with their heads and shoulders in its windows, behind its door.
SADDLE["bus"], SADDLE_X["bus"] = 1.3, 0.4
SADDLE["tractor"], SADDLE_X["tractor"] = 1.3, -0.7  # high in its cab, over the rear wheel
# A dog riding in a car: where the sill of its back window is, from the car's middle
# (along, metres) and the ground (up): its head out over it.
IN_THE_BACK = (-0.55, 0.92)


def seat_of(rider: str, ridden: str) -> tuple[float, float]:
    """Where one of kind `rider` sits on or in a `ridden`: how far along from its middle
    (ahead, metres) and how high."""
    if (rider, ridden) == ("dog", "car"):
        return IN_THE_BACK
    return SADDLE_X.get(ridden, 0.0), SADDLE.get(ridden, 1.0)


SEAT_STEP = 0.6  # how far behind the one before them each other rider sits
RIDER_LEGS = 0.6  # how far a rider's feet hang below the saddle


def airborne(action: str, u: float) -> float:
    """How far up to its flying height a plane is `u` of the way through a shot of it
    taking off (rolling a quarter of it, then climbing) or landing (coming down over three
    quarters of it, then rolling)."""
    if action == "takeoff":
        return _ease((u - 0.25) / 0.75)
    return 1 - _ease(u / 0.75)


def _grazing(entity: EntitySpec, t: float) -> float:
    """How far the head of one eating with nothing handed to it is lowered: down at the
    grass, raised now and then to look about."""
    return (1.0 if (t % 4.0) < 3.2 else 0.25) if entity.action == "eat" else 0.0


def _seated(entity: EntitySpec, entities: tuple[EntitySpec, ...]) -> bool:
    """Whether `entity`, of a scene of `entities`, is a person sitting down: sitting,
    eating, reading, typing, at a piano; talking, singing or hugging a toy where there is
    somewhere to sit."""
    if entity.kind != "person":
        return False
    somewhere = any(e.kind in SEATS or e.kind == "table" for e in entities)
    either = entity.action in SEATED_WHERE_THERE_IS_A_SEAT or hugs_a_toy(entity, entities)
    return entity.action in SEATED or (either and somewhere)


def hugs_a_toy(entity: EntitySpec, entities: tuple[EntitySpec, ...]) -> bool:
    """Whether `entity` hugs what is held in the arms (`HUGGED`: a teddy bear), not one
    who comes to them."""
    aimed = entities[entity.target].kind if entity.target is not None else None
    return entity.action == "hug" and aimed in HUGGED


def _lying_width(entity: EntitySpec) -> float:
    """How long `entity` is, lying asleep if it sleeps, else standing."""
    x0, _, x1, _ = Pose(0.0, 0.0, 1, entity.action, 0.0).box(sized_as(entity))
    return x1 - x0


def sized_as(entity: EntitySpec) -> str:
    """The key of `SIZE` an entity is drawn at: its kind, or "child" for a child."""
    return "child" if entity.kind == "person" and entity.label == CHILD else entity.kind


def drawn_scale(entity: EntitySpec, pose: Pose, entities: tuple[EntitySpec, ...]) -> float:
    """How much smaller than its kind's size an entity is drawn: an instrument sized to who
    plays it (a child's guitar), a fish in a bowl to the bowl; 1 for anything else."""
    if entity.kind == "fish" and any(e.kind == "fishbowl" for e in entities):
        return BOWL_FISH
    if entity.kind not in PLAYED or pose.held_by is None:
        return 1.0
    player = entities[pose.held_by]
    return SIZE[sized_as(player)][1] / SIZE[player.kind][1]


def hops_along(entity: EntitySpec) -> bool:
    """A rabbit's or a frog's jumping is hopping on its way ("a bunny hopping through a
    garden"): it travels as walking does, its painter drawing each hop."""
    return entity.kind in ("rabbit", "frog") and entity.action == "jump"


def fishes_aboard(entity: EntitySpec, entities: tuple[EntitySpec, ...]) -> bool:
    """Whether `entity` fishes from a boat ("a man fishing from a boat"): seated in it."""
    target = entity.target
    return entity.action == "angle" and target is not None and entities[target].kind == "boat"


def grazes(entity: EntitySpec) -> bool:
    """An animal eating steps slowly on as it grazes, as one sniffing does (standing still
    with its head down, it was a still picture: every take failed as frozen)."""
    return entity.action == "eat" and entity.kind in ANIMALS


def _ease(u: float) -> float:
    u = min(max(u, 0.0), 1.0)
    return u * u * (3 - 2 * u)


class Choreography:
    """Poses for every entity of `spec` over a shot of `duration` seconds."""

    def __init__(
        self,
        spec: SceneSpec,
        duration: float,
        *,
        view_width: float = 8.0,
        gait_offset: float = 0.0,
    ) -> None:
        self.spec = spec
        # Where in their gait, wag and flap cycles everyone starts (seconds): the one thing a
        # new seed changes in every shot, so a retake is never the same picture again.
        self.gait_offset = gait_offset
        # How far right of where it was staged the whole shot stands (metres): a shot that
        # carries on another starts its subject where that one's stopped.
        self.shift = 0.0
        self.duration = max(duration, 1e-3)
        self.view_width = view_width
        self.entities = spec.entities
        heights = [SIZE[sized_as(e)][1] for e in self.entities]
        self._fetch = fetch_in(self.entities, heights, view_width)
        # (one who throws for a dog plays fetch with it, no one out of the picture)
        self._tossing = None if self._fetch else tossing_in(self.entities, heights, view_width)
        self._static_x = self._place_static()

    # -- layout of entities that do not travel -------------------------------------------
    def _place_static(self) -> dict[int, float]:
        """Ground x of non-travelling entities, spread around the subject without overlap."""
        positions: dict[int, float] = {}
        subject_span = self.subject_span()
        # Alternate sides, a little further out each time, so scenery frames the subject.
        slots = [0.28, -0.3, 0.42, -0.44, 0.56, -0.58, 0.7, -0.72]
        used = 0
        seat = self._seat()
        mates = self._seat_mates()
        diners = self._diners()
        for index, entity in enumerate(self.entities):
            if index == 0 or self._is_staged(index) or index in diners:
                continue
            if diners and index == self._table():  # the first diner at its near end
                positions[index] = sum(subject_span) / 2 + TABLE_END
                continue
            if index in mates:  # beside the subject on its bench, across its blanket
                places = SEAT_PLACES[self.entities[seat].kind]
                positions[index] = sum(subject_span) / 2 + places[mates.index(index)]
                continue
            beside = self._sitting_beside()
            fire = self._fire_sat_round()
            if index == fire:  # before the subject, whoever is with them across it
                positions[index] = sum(subject_span) / 2 + FIRESIDE
                continue
            if index in beside and fire is not None:  # round the fire, facing it
                k = beside.index(index)
                across = 2 * FIRESIDE + ROUND_THE_FIRE * (k // 2)
                behind = -ROUND_THE_FIRE * (k // 2 + 1)
                positions[index] = sum(subject_span) / 2 + (across if k % 2 == 0 else behind)
                continue
            if index in beside:  # on the ground with the subject, either side, facing them
                k = beside.index(index)
                side = 1 if k % 2 == 0 else -1
                positions[index] = sum(subject_span) / 2 + side * SIT_BESIDE * (k // 2 + 1)
                continue
            if entity.kind == "table" and self.entities[0].action == "knock":
                positions[index] = sum(subject_span) / 2 - KNOCKER_ON_TABLE  # under the cat
                continue
            if index == self._table_under(0):  # under the cake the shot is of
                positions[index] = sum(subject_span) / 2
                continue
            if index == seat:  # under the one sitting on it, a little behind their knees
                facing = 1  # the subject faces right while it sits still
                on_bench = self.entities[0].action == "sit" and entity.kind == "bench"
                behind = 0.1 * facing if on_bench else 0.0  # lying, or on a blanket: centred
                positions[index] = (subject_span[0] + subject_span[1]) / 2 - behind
                continue
            width = SIZE[sized_as(entity)][0]
            if entity.kind == "easel" and self.entities[0].action == "paint":
                positions[index] = sum(subject_span) / 2 + EASEL_REACH  # at arm's length
                continue
            if self.entities[0].action == "play" and self.entities[0].target == index:
                positions[index] = sum(subject_span) / 2 + PIANO_REACH  # its keys in reach
                continue
            if (
                entity.kind == "table"
                and self._bowl() is not None
                and self.entities[0].kind == "fish"
            ):
                positions[index] = sum(subject_span) / 2  # the goldfish's, the shot's middle
                continue
            if entity.kind == "present" and self._christmas_tree() is not None:
                continue  # under the tree, once it has its place
            if entity.kind == "fireplace" and seat is not None:
                # beside the armchair or sofa before it, its fire in sight
                aside = (SIZE[self.entities[seat].kind][0] + SIZE["fireplace"][0]) / 2 + 0.15
                positions[index] = sum(subject_span) / 2 - aside
                continue
            if entity.kind in ("fireflies", "leaves", *BEHIND_THE_SUBJECT):
                # all about whoever is there; behind them, what the place is known by
                positions[index] = sum(subject_span) / 2
                continue
            if index == self._swung_on():  # whoever swings on it in the middle of the shot
                positions[index] = sum(subject_span) / 2
                continue
            if self.entities[0].action in ("seesaw", "slide") and self.entities[0].target == index:
                positions[index] = sum(subject_span) / 2  # the shot's middle
                continue
            if index == self._leapt():  # in the middle of the run at it
                positions[index] = sum(subject_span) / 2
                continue
            if index == self._perch_of(0):
                along = PERCH_ALONG[entity.kind]  # its branch, its top rail, under them
                positions[index] = sum(subject_span) / 2 - along
                continue
            if self.entities[0].action == "climb" and self.entities[0].target == index:
                positions[index] = sum(subject_span) / 2 + CLIMB_REACH  # its trunk in reach
                continue
            if self.entities[0].action == "decorate" and self.entities[0].target == index:
                positions[index] = sum(subject_span) / 2 + DECORATE_REACH  # within reach
                continue
            if in_a_stroller(self.entities[0], self.entities) and self.entities[0].target == index:
                # the one it carries the middle of the shot, sitting in it before its hood
                positions[index] = sum(subject_span) / 2 - IN_THE_STROLLER_AHEAD
                continue
            if entity.kind == "streetlight":  # whoever is there stands in its light
                positions[index] = sum(subject_span) / 2 - UNDER_THE_LAMP
                continue
            if index == self._box_sat_in():
                positions[index] = sum(subject_span) / 2  # round the one sitting in it
                continue
            if index == self._bounced_on():  # under the one jumping on it
                positions[index] = sum(subject_span) / 2
                continue
            if entity.kind == "trampoline" and self.entities[0].action == "jump":
                positions[index] = sum(subject_span) / 2  # under the one jumping on it
                continue
            if self.entities[0].action == "water" and self.entities[0].target == index:
                positions[index] = sum(subject_span) / 2 + WATERING_REACH  # under the spout
                continue
            if self._builder_of(index) == 0:  # within reach of the one building it
                positions[index] = sum(subject_span) / 2 + BUILT_REACH[entity.kind]
                continue
            built = entity.target if entity.action == "build" else None
            if built is not None and self._builder_of(built) == 0:
                # another at it, across it from the first, facing them (a grown-up, further)
                longer = SIZE[sized_as(entity)][1] / SIZE[sized_as(self.entities[0])][1]
                reach = BUILT_REACH[self.entities[built].kind] * (1 + longer)
                positions[index] = sum(subject_span) / 2 + reach
                continue
            if entity.kind == "table" and self.entities[0].action in AT_A_TABLE:
                # one who stays put is at the table (by the cake on it), not across the room
                lead_width = SIZE[sized_as(self.entities[0])][0]
                positions[index] = sum(subject_span) / 2 + (lead_width + width) / 2 + 0.1
                continue
            slot = slots[used % len(slots)] * self.view_width
            offset = slot + math.copysign(min(width / 2, 0.15 * self.view_width), slot)
            if "sleep" in (entity.action, self.entities[0].action):
                # lying down is longer than standing: clear of one another, head to head
                clear = (_lying_width(self.entities[0]) + _lying_width(entity)) / 2 + 0.1
                offset = math.copysign(max(abs(offset), clear), offset)
            used += 1
            centre = (subject_span[0] + subject_span[1]) / 2
            positions[index] = centre + offset
        tree = self._christmas_tree()
        for index, entity in enumerate(self.entities):
            if entity.kind == "present" and tree is not None and index not in positions:
                positions[index] = positions.get(tree, 0.0) + PRESENTS_BEFORE_THE_TREE
        return positions

    def _sits(self, entity: EntitySpec) -> bool:
        """Whether `entity` is a person sitting down in this scene (`_seated`)."""
        return _seated(entity, self.entities)

    def _box_sat_in(self) -> int | None:
        """The box (the scene's first) the subject keeps still in, if it does: a cat sitting
        or asleep in it, its head over the side."""
        subject = self.entities[0] if self.entities else None
        box = next((i for i, e in enumerate(self.entities) if e.kind == "box"), None)
        if subject is None or box is None or subject.kind not in SITS_IN_A_BOX:
            return None
        still = subject.action in ("sit", "sleep", "stand") or self._sits(subject)
        return box if still else None

    def _christmas_tree(self) -> int | None:
        """The scene's christmas tree, if it has one."""
        return next((i for i, e in enumerate(self.entities) if e.kind == "christmas tree"), None)

    def _seat(self) -> int | None:
        """The bench, sofa, bed or picnic blanket a seated subject sits on, or one asleep (or
        waking) lies on: the first of the scene, if any."""
        subject = self.entities[0] if self.entities else None
        if subject is not None and subject.action == "roar":  # up on its rock, calling out
            return next((i for i, e in enumerate(self.entities) if e.kind == "rock"), None)
        if subject is None or not (
            subject.action in ("sit", "sleep", "wake") or self._sits(subject)
        ):
            return None
        return next((i for i, e in enumerate(self.entities) if e.kind in SEATS), None)

    def _table(self) -> int | None:
        """The scene's table: its first, if any."""
        return next((i for i, e in enumerate(self.entities) if e.kind == "table"), None)

    def _diners(self) -> list[int]:
        """The people sitting at the table (its ends, then its far side), where the subject
        is a person seated (`SEATED`) with no bench, sofa or blanket to sit on: "a couple
        having dinner", "a man sits at a table", "typing on a laptop"."""
        subject = self.entities[0] if self.entities else None
        if subject is None or self._table() is None or self._seat() is not None:
            return []
        if not (subject.kind == "person" and self._sits(subject)):
            return []
        return [i for i, e in enumerate(self.entities) if e.kind == "person" and self._sits(e)][
            :DINERS
        ]

    def _sitting_beside(self) -> list[int]:
        """The people sitting down with a subject who sits on the ground (no seat, no
        table): "a grandmother reading to her grandson"."""
        subject = self.entities[0] if self.entities else None
        if subject is None or not self._sits(subject) or self._seat() is not None or self._diners():
            return []
        return [i for i, e in enumerate(self.entities) if i and self._sits(e)]

    def _fire_sat_round(self) -> int | None:
        """The campfire a subject sitting on the ground (no seat, no table) sits by, with
        whoever sits with them, if the scene has one."""
        subject = self.entities[0] if self.entities else None
        if subject is None or not self._sits(subject) or self._seat() is not None:
            return None
        if self._diners():
            return None
        return next((i for i, e in enumerate(self.entities) if e.kind == "campfire"), None)

    def _seat_mates(self) -> list[int]:
        """Those sitting with a subject on its bench or blanket ("they sit on a bench", a
        family's picnic): people who sit, as many as it has room for."""
        seat = self._seat()
        if seat is None or not (self.entities[0].action == "sit" or self._sits(self.entities[0])):
            return []
        sitting = [
            i for i, e in enumerate(self.entities) if i and e.kind == "person" and self._sits(e)
        ]
        return sitting[: len(SEAT_PLACES[self.entities[seat].kind])]

    def _raised_seat(self) -> bool:
        """Whether the subject's seat is off the ground (a bench or a sofa, not a
        blanket)."""
        seat = self._seat()
        return seat is not None and SEATS[self.entities[seat].kind] > 0

    def _is_staged(self, index: int) -> bool:
        """True when an entity's position follows from an interaction with the subject."""
        entity = self.entities[index]
        staged = ("give", "hold", "meet", "chase", "walk", "run", "ride", "cycle", "dance")
        staged += ("skate", "stroll", "hug", "surf", "ski", "tug", "scoot", "mow", *TOSSING)
        if entity.kind == "rope" and self._tug():
            return True  # pulled between them
        if entity.action in staged or self._kite_flier(index) is not None:
            return True
        if self._tossing and index == self._tossing.thing:
            return True  # in the air between them
        if self._fetch and index == self._fetch.thing:
            return True  # thrown, and fetched
        if self._proposer_to(index) is not None:
            return True  # before the one proposing
        if self._caller_at(index) is not None:
            return True  # before the one barking at them
        if self._swims_along(index):
            return True  # behind the one it swims with
        if self._talks_with_the_subject(index):
            return True  # face to face with them
        if self._pusher_of(index) is not None:
            return True  # before whoever pushes it
        if self._hugger_of(index) is not None:
            return True  # in their arms
        if self._petter_of(index) is not None:
            return True  # before the one stroking it
        if self._scrubber_of(index) == 0 or self._scrubs_the_subject(index):
            return True  # in its tub before the one bathing it; kneeling at the subject's
        if self.entities[0].action == "knock" and self.entities[0].target == index:
            return True  # on the table before the cat, then knocked off it
        if self._held_by(index) is not None or entity.kind in IN_THE_SKY:
            return True  # held up, or far off in the sky: no place on the ground
        if self._table_under(index) is not None:
            return True  # on the table (a cake; balloons tied to it)
        if entity.kind in SMALL_ITEMS and self._holder_of(index) is not None:
            return True
        return any(other.target == index and other.action == "chase" for other in self.entities)

    def _holder_of(self, item: int) -> int | None:
        """The person who holds or gives this item (the first small item is the one handled)."""
        items = [i for i, e in enumerate(self.entities) if e.kind in SMALL_ITEMS]
        if not items or items[0] != item:
            return None
        for index, entity in enumerate(self.entities):
            if entity.action in ("give", "hold"):
                return index
        return None

    def subject_span(self) -> tuple[float, float]:
        """Start and end x of the subject over the shot."""
        if not self.entities:
            return (0.0, 0.0)
        subject = self.entities[0]
        speed = SPEED["sniff"] if grazes(subject) else SPEED.get(subject.action, 0.0)
        speed *= PACE.get(subject.kind, 1.0)
        if subject.action == "fly" and subject.kind in HOVERS:
            speed = HOVERS[subject.kind][1]
        if hops_along(subject):
            speed = SPEED["walk"]
        if subject.action == "ride" and self.entities[subject.target or 0].action == "run":
            speed = SPEED["run"]  # on a galloping horse
        if self._leaper() is not None:
            speed = SPEED["run"]  # running at what it jumps over
        if subject.action in MEETING and not hugs_a_toy(subject, self.entities):
            return (-0.6, -0.6)
        standing = sum(1 for i in range(1, len(self.entities)) if self._talks_with_the_subject(i))
        if standing % 2:  # with those facing it, the group in the middle of the shot
            return (-TALK_APART / 2, -TALK_APART / 2)
        if subject.kind == "fish" and self._bowl() is not None:
            return (0.0, 0.0)  # round and round its bowl
        travel = speed * self.duration
        if self.spec.camera == "static" and self._leaper() is not None:
            travel = min(travel, 1.2 * self.view_width)  # through the frame, over it midway
        elif self.spec.camera == "static":
            travel = min(travel, 3.0 if self.spec.shot_size == "wide" else 1.2)
        return (-travel / 2, travel / 2)

    # -- poses ----------------------------------------------------------------------------
    def pose(self, index: int, t: float) -> Pose:
        """Entity `index` at `t` seconds, in the world (moved by `shift`)."""
        pose = self._pose(index, t)
        entity = self.entities[index]
        if pose.action in AFLOAT or pose.moored:  # out in the place's water, bobbing on it
            swell = {"swim": 0.0, "surf": 0.12}.get(pose.action, 0.03)  # up and down its wave
            bob = swell * math.sin((t + self.gait_offset) * 1.7)
            pose = replace(pose, y=pose.y + OUT_IN_THE_WATER.get(self.spec.place, 0.0) + bob)
        if entity.kind == "slide":  # its ladder where its riders climb it
            pose = replace(pose, facing=+1)
        if entity.kind == "seesaw" and self._doing_to("seesaw", index):  # tipping up and down
            pose = replace(pose, swing=self._seesaw_tilt(t), facing=+1)  # (its ends as placed)
        if entity.kind == "swing" and index == self._swung_on():
            # its ropes and seat swinging; its second seat, the other way, where two are on it
            both = len(self._doing_to("swing", index)) >= SWING_SEATS
            pose = replace(pose, swing=self._swing_angle(t), reach=1.0 if both else 0.0)
        if entity.kind == "tree" and any(
            self._perch_of(other) == index for other in range(len(self.entities))
        ):
            pose = replace(pose, reach=1.0)  # a branch held out for what perches on it
        if pose.action == "bloom":  # open by the end of the shot
            pose = replace(pose, reach=_ease(t / self.duration))
        carried = ("steer", "ride") if entity.kind == "bus" else ("steer",)
        if any(e.action in carried and e.target == index for e in self.entities):
            pose = replace(pose, driven=True)  # who is in it seen through its windows
        if pose.action == "splash":  # how long since they landed, of the time in the water
            into = ((t + self.gait_offset) % SPLASH_SECONDS) / SPLASH_SECONDS
            landed = (into - SPLASH_AIRBORNE) / (1 - SPLASH_AIRBORNE)
            pose = replace(pose, reach=landed if landed >= 0 else 1.0)
        if self._bounces_on_trampoline(index):  # up off its mat, higher than off the ground
            pose = replace(pose, y=TRAMPOLINE_HEIGHT + TRAMPOLINE_BOUNCE * pose.y)
        elif index == 0 and self._bounced_on() is not None:  # up on the bed, on its springs
            pose = replace(pose, y=BOUNCED_ON_HEIGHT + BED_BOUNCE * pose.y)
        if entity.kind == "trampoline" and self._bounces_on_trampoline(0):
            landed = self._jump(self.entities[0], t)  # its mat giving under them
            pose = replace(pose, reach=max(0.0, 1 - landed / 0.12))
        if self._builder_of(index) is not None:  # risen by the end of the shot
            built = BUILT_AT_FIRST + (1 - BUILT_AT_FIRST) * _ease(t / self.duration)
            pose = replace(pose, reach=1 - built)
        if pose.action == "build" and entity.target is not None:  # down to a sandcastle
            pose = replace(pose, grounded=self.entities[entity.target].kind == "sandcastle")
        if self._holds_up(index):
            pose = replace(pose, holds_up=True)
        if any(self._pusher_of(other) == index for other in range(len(self.entities))):
            pose = replace(pose, pushes=True)
        if cradled_by(index, self.entities) is not None:
            pose = replace(pose, cradles=True)
        if self._plays(index):
            pose = replace(pose, plays=self._plays(index))
        if pose.action == "talk":  # the hands up while they speak, down while they listen
            pose = replace(pose, reach=self._speaking(index, t))
        if manner := self._to_the_face(index):
            pose = replace(pose, at_the_face=manner)
        if pose.action == "angle":  # the float out on the place's water (or the grass), in
            scale = SIZE[sized_as(entity)][1] / SIZE["person"][1]  # the angler's own metres
            out = -SADDLE["boat"] if pose.moored else OUT_IN_THE_WATER.get(self.spec.place, 0.0)
            pose = replace(pose, reach=out / scale)  # (from a boat: down by its side)
        if pose.action == "blow" and self._blows_out_candles():  # leaning in to blow
            u, out = t / self.duration, BLOWN_OUT
            lean = _ease((u - out + 0.2) / 0.15) if u < out else 1 - _ease((u - out) / 0.15)
            pose = replace(pose, reach=lean)
        if entity.kind in HUGGED and self._hugger_of(index) is None:
            pose = self._sat_on_a_seat(pose, t)
        if self._on_the_ground(index, pose):
            pose = replace(pose, grounded=True)  # on the grass, the sand, the floor
        elif pose.seated and entity.label == CHILD:  # up on the seat
            scale = SIZE["child"][1] / SIZE["person"][1]
            pose = replace(pose, y=pose.y + SEAT_HEIGHT * (1 - scale))
        return replace(pose, x=pose.x + self.shift) if self.shift else pose

    def _on_the_ground(self, index: int, pose: Pose) -> bool:
        """Whether the person `index`, in `pose`, sits on the ground: on no bench."""
        if not pose.seated or self.entities[index].kind != "person" or pose.at_table:
            return False
        if pose.action == "play":
            return False  # on the piano's stool
        on_it = index == 0 or index in self._seat_mates()
        return not (on_it and self._raised_seat())

    def _holds_up(self, index: int) -> bool:
        """Whether entity `index` holds up a kite's string, an umbrella or balloons."""
        return any(
            self._kite_flier(other) == index
            or (self._held_by(other) == index and self.entities[other].kind in HELD_UP)
            for other in range(len(self.entities))
            if other != index
        )

    def _plays(self, index: int) -> str:
        """What entity `index` plays in their hands (a guitar, strumming; a violin, bowing),
        if anything."""
        return next(
            (
                self.entities[other].kind
                for other in range(len(self.entities))
                if other != index
                and self._held_by(other) == index
                and self.entities[other].kind in PLAYED
            ),
            "",
        )

    def _pusher_of(self, index: int) -> int | None:
        """Who pushes stroller `index` before them (`stroller_pusher`), if anyone does."""
        return stroller_pusher(self.entities, index)

    def _hugger_of(self, index: int) -> int | None:
        """Who holds entity `index` (a teddy bear) in their arms, hugging it, if anyone."""
        return next(
            (
                i
                for i, e in enumerate(self.entities)
                if e.target == index and hugs_a_toy(e, self.entities)
            ),
            None,
        )

    def _sat_on_a_seat(self, pose: Pose, t: float) -> Pose:
        """A teddy bear no one holds, sat up on the scene's bench, sofa, bed or blanket if
        it has one (beside whoever sits there), else where `pose` has it."""
        seat = next((i for i, e in enumerate(self.entities) if e.kind in SEATS), None)
        if seat is None:
            return pose
        taken = any(self._sits(e) or e.action in ("sleep", "wake") for e in self.entities)
        x = self._pose(seat, t).x + (TEDDY_BESIDE if taken else 0.0)
        return replace(pose, x=x, y=SEATS[self.entities[seat].kind])

    def _hugged(self, index: int, hugger: int, t: float) -> Pose:
        """A teddy bear held to the chest of whoever hugs it, a little before them."""
        body = self._pose(hugger, t)
        scale, drop = self._hands_of(hugger, body, SEATED)
        x = body.x + HUGGED_BEFORE * scale * body.facing
        y = body.y + (HUGGED_AT - drop) * scale
        return Pose(x, y, body.facing, "stand", self._phase(self.entities[index], t))

    def _pushed(self, index: int, pusher: int, t: float) -> Pose:
        """A stroller ahead of whoever pushes it, its handle in their hands, rolling along
        at their pace (its phase: how far it has gone, metres, its wheels turning by it)."""
        body = self._pose(pusher, t)
        x = body.x + STROLLER_AHEAD * body.facing
        return Pose(x, 0.0, body.facing, "roll", x)

    def _in_the_stroller(self, index: int, t: float) -> Pose:
        """One sitting (or asleep) in a stroller, facing the way it goes, before its hood."""
        stroller = self._pose(self.entities[index].target, t)
        x = stroller.x + IN_THE_STROLLER_AHEAD * stroller.facing
        phase = self._phase(self.entities[index], t)
        action = self.entities[index].action
        return Pose(x, IN_THE_STROLLER_AT, stroller.facing, action, phase, in_stroller=True)

    def _in_arms(self, index: int, t: float) -> Pose:
        """A child held in someone's arms: before their chest, facing the way they do, its
        waist at their arms (lower where they sit)."""
        holder = self.entities[index].target
        body = self._pose(holder, t)  # type: ignore[arg-type]
        scale, drop = self._hands_of(holder, body, SEATED)  # type: ignore[arg-type]
        x = body.x + IN_ARMS_BEFORE * scale * body.facing
        y = body.y + (IN_ARMS_AT - drop) * scale
        action, phase = self.entities[index].action, self._phase(self.entities[index], t)
        return Pose(x, y, body.facing, action, phase, in_arms=True)

    def _in_the_mouth(self, index: int, t: float) -> Pose:
        """A stick, a ball or a frisbee carried in a dog's mouth, going along with it."""
        dog = self._pose(self.entities[index].target, t)  # type: ignore[arg-type]
        ahead, up = MOUTH["sit" if dog.action == "sit" else "stand"]
        up -= SIZE[self.entities[index].kind][1] / 2  # its middle in the teeth
        carrier = self.entities[index].target
        return Pose(
            dog.x + ahead * dog.facing, dog.y + up, dog.facing, "stand", 0.0, held_by=carrier
        )

    def _climbing(self, index: int, t: float) -> Pose:
        """One climbing a tree: facing its trunk, hand over hand up it, rising until up
        where its crown begins; a second climbs the trunk's other side."""
        entity = self.entities[index]
        climbers = [i for i, e in enumerate(self.entities) if e.action == "climb"]
        side = -1 if climbers.index(index) % 2 == 0 else 1
        x = self._pose(entity.target, t).x + side * CLIMB_REACH  # type: ignore[arg-type]
        up = CLIMB_TOP * _ease(t / (CLIMBED_BY * self.duration))
        return Pose(x, up, -side, "climb", self._phase(entity, t))

    def _decorating(self, index: int, t: float) -> Pose:
        """One decorating a christmas tree: beside it, facing it, reaching up to hang a
        bauble on it and back for the next; a second on its other side, those after them
        before it, nearer its middle, in turn."""
        entity = self.entities[index]
        decorators = self._doing_to("decorate", entity.target)  # type: ignore[arg-type]
        k = decorators.index(index)
        side = -1 if k % 2 == 0 else 1
        reach = DECORATE_REACH if k < 2 else DECORATE_BEFORE
        x = self._pose(entity.target, t).x + side * reach  # type: ignore[arg-type]
        return Pose(x, 0.0, -side, "decorate", self._decorating_phase(k, t))

    def _decorating_phase(self, k: int, t: float) -> float:
        """Where the `k`th decorating a tree is in their reach at `t`: at its top at each
        odd multiple of pi; each out of step with the one before."""
        return (t + self.gait_offset) * self.phase_rate("decorate") + k * DECORATORS_APART

    def _baubles_to_hang(self, tree: int, t: float) -> float:
        """How much of a christmas tree's baubles are still to be hung at `t` (of
        `BAUBLE_SPOTS`): one more each time one decorating it is at the top of their reach."""
        hung = BAUBLES_AT_FIRST
        for k in range(len(self._doing_to("decorate", tree))):
            tops = (self._decorating_phase(k, t) + math.pi) // (2 * math.pi)
            hung += int(tops - (self._decorating_phase(k, 0.0) + math.pi) // (2 * math.pi))
        return 1 - min(hung, BAUBLE_SPOTS) / BAUBLE_SPOTS

    def _held_by(self, index: int) -> int | None:
        """Who holds umbrella, balloons or guitar `index`: the one the request says."""
        thing = self.entities[index]
        return thing.target if thing.kind in HELD else None

    def _hands_of(self, holder: int, pose: Pose, sitting: tuple[str, ...]) -> tuple[float, float]:
        """How large `holder` is of a grown-up, and how much lower their hands are (grown-up
        metres) while doing one of the `sitting` actions: on a seat, or on the ground."""
        scale = SIZE[sized_as(self.entities[holder])][1] / SIZE["person"][1]
        if pose.action in RIDING:  # in the saddle, on the bus's seat, at the car's wheel
            return scale, SEATED_HAND_DROP["aboard"]
        seated = "ground" if self._on_the_ground(holder, pose) else "seat"
        return scale, SEATED_HAND_DROP[seated] if pose.action in sitting or pose.sitting else 0.0

    def _played(self, index: int, holder: int, t: float) -> Pose:
        """A guitar before its player at their waist (lower where they sit), strummed; a
        violin under their chin, bowed."""
        body = self._pose(holder, t)
        scale, drop = self._hands_of(holder, body, ("sit",))
        ahead, high = PLAYED_AT[self.entities[index].kind]
        x = body.x + ahead * scale * body.facing
        y = body.y + (high - drop) * scale
        phase = self._phase(self.entities[index], t)
        return Pose(x, y, body.facing, "stand", phase, held_by=holder)

    def _table_under(self, index: int) -> int | None:
        """The table entity `index` stands on (a cake; a cup no one holds, where people sit
        at it) or is tied to (balloons no one holds): the first of the scene, if any."""
        entity = self.entities[index]
        tied = entity.kind == "balloon" and self._held_by(index) is None
        set_out = entity.kind == "cup" and self._holder_of(index) is None and self._diners()
        if entity.kind not in ON_A_TABLE and not (tied or set_out):
            return None
        return self._table()

    def _on_the_table(self, index: int, table: int, t: float) -> Pose:
        """A cake in the middle of its table's top (its candles out, `reach` 1, once blown
        out), a laptop before the first one at it, balloons tied to its end; candles and
        strings stirring (the phase)."""
        x = self._static_x.get(table, 0.0)
        x += TABLE_TIE if self.entities[index].kind == "balloon" else 0.0
        out = self.entities[index].kind == "cake" and self._blows_out_candles()
        if out and t >= BLOWN_OUT * self.duration:  # blown out: the candles smoke
            phase = self._phase(self.entities[index], t)
            return Pose(x, SIZE["table"][1], +1, "stand", phase, reach=1.0)
        if self.entities[index].kind == "laptop" and self._diners():  # before the first
            x -= TABLE_END - LAPTOP_REACH
        if self.entities[index].kind == "cup":  # before one at an end, in turn
            cups = [i for i, e in enumerate(self.entities) if e.kind == "cup"]
            x += (-1 if cups.index(index) % 2 == 0 else 1) * (TABLE_END - CUP_REACH)
        return Pose(x, SIZE["table"][1], +1, "stand", self._phase(self.entities[index], t))

    def _at_table(self, index: int, place: int, t: float) -> Pose:
        """A diner in their `place` at the table (`_diners`), facing its middle."""
        side = -1 if place % 2 == 0 else 1
        x = self._static_x[self._table()] + side * (TABLE_END if place < 2 else FAR_SIDE)
        entity = self.entities[index]
        at = "end" if place < 2 else "far"
        return Pose(x, 0.0, -side, entity.action, self._phase(entity, t), at_table=at)

    def _strolling(self, index: int, t: float, u: float) -> Pose:
        """One of those walking hand in hand with the subject: a step behind the one
        before, holding their hand (and the hand of the one behind), in step."""
        strollers = [i for i, e in enumerate(self.entities) if e.action == "stroll"]
        k = strollers.index(index)
        lead = self._subject_pose(self.entities[0], t, u)
        x = lead.x - HAND_IN_HAND * k * lead.facing
        phase = lead.phase + math.pi * k  # in step, on the other foot
        behind = k + 1 < len(strollers)
        return Pose(x, 0.0, lead.facing, "stroll", phase, hand_ahead=k > 0, hand_behind=behind)

    def _laid_table(self, diners: list[int], t: float) -> Pose:
        """The table the diners sit at: a chair at each end with someone on it, a plate
        before each who eats."""
        places = ["chair" if i < 2 else "" for i in range(len(diners))]
        places += [""] * (DINERS - len(places))
        for place, index in enumerate(diners):
            if self.entities[index].action == "eat":
                places[place] = "meal"
        x = self._static_x[self._table()]
        return Pose(
            x, 0.0, +1, "stand", self._phase(self.entities[self._table()], t), laid=tuple(places)
        )

    def _raised_hand(self, holder: int, t: float) -> tuple[float, float, int]:
        """Where the raised hand of `holder` is at `t` (x, height) and which way they face."""
        pose = self._pose(holder, t)
        scale, drop = self._hands_of(holder, pose, ("sit",))
        height = HAND * SIZE["person"][1] - drop
        return pose.x + HAND_AHEAD * scale * pose.facing, pose.y + height * scale, pose.facing

    def _pose(self, index: int, t: float) -> Pose:
        pose = self._placed(index, t)
        if self._doing_to("decorate", index):  # a christmas tree, its baubles hung in turn
            pose = replace(pose, reach=self._baubles_to_hang(index, t))
        entity = self.entities[index]
        if entity.action not in SEATED and self._sits(entity):  # talking, hugging a toy
            return replace(pose, sitting=True)
        return pose

    def _placed(self, index: int, t: float) -> Pose:
        """Where entity `index` is at `t`, doing what (`_pose` says whether it sits)."""
        entity = self.entities[index]
        u = t / self.duration
        table = self._table_under(index)
        if table is not None:
            return self._on_the_table(index, table, t)
        diners = self._diners()
        if index in diners:
            return self._at_table(index, diners.index(index), t)
        if diners and index == self._table():
            return self._laid_table(diners, t)
        if self._tossing and index in (*self._tossing.players, self._tossing.thing):
            return self._tossed(index, t)
        if self._fetch and index in self._fetch.members:
            return self._fetched(index, t)
        if entity.kind == "fish" and self._bowl() is not None:
            return self._in_the_bowl(index, t)
        tug = self._tug()
        if tug and index in tug:
            return self._tugging(index, tug, t)
        if entity.action == "stroll" and self.entities[0].action == "stroll":
            return self._strolling(index, t, u)
        if self._perch_of(index) is not None:
            return self._perched(index, t)
        if entity.action == "swing" and entity.target is not None:
            return self._on_the_swing(index, t)
        if entity.action == "seesaw" and entity.target is not None:
            return self._on_the_seesaw(index, t)
        if entity.action == "slide" and entity.target is not None:
            return self._on_the_slide(index, t)
        if entity.action == "push" and entity.target is not None:
            return self._pushing(index, t)
        if in_a_stroller(entity, self.entities):
            return self._in_the_stroller(index, t)
        if in_arms(entity, self.entities):
            return self._in_arms(index, t)
        if entity.action == "climb" and entity.target is not None:
            return self._climbing(index, t)
        if entity.action == "decorate" and entity.target is not None:
            return self._decorating(index, t)
        if carried_in_the_mouth(entity, self.entities):
            return self._in_the_mouth(index, t)
        if index == 0 and entity.action == "knock":  # up on the table, pawing at the cup
            paw = 0.5 + 0.5 * math.sin(t * 5.0) if u < PUSHED_FROM else 0.0
            paw = 1.0 if PUSHED_FROM <= u < PUSHED_OFF else paw
            x = sum(self.subject_span()) / 2
            return Pose(x, SIZE["table"][1], +1, "knock", self._phase(entity, t), reach=paw)
        if index == 0:
            return self._subject_pose(entity, t, u)
        if self.entities[0].action == "knock" and self.entities[0].target == index:
            return self._knocked(t, u)
        petter = self._petter_of(index)
        if petter is not None:  # keeping still for the hand stroking it
            hand = self._pose(petter, t)
            phase = self._phase(entity, t)
            if hand.reach > 0.5:  # a small one before the one kneeling to it, facing them
                x = hand.x + (PET_REACH + PET_ALONG * SIZE[entity.kind][0]) * hand.facing
                return Pose(x, 0.0, -hand.facing, entity.action, phase)
            # a big one alongside, the hand on its back (a horse groomed)
            return Pose(hand.x + PET_BESIDE * hand.facing, 0.0, hand.facing, entity.action, phase)
        if self._scrubber_of(index) == 0:  # in its tub, its back to the one kneeling behind it
            kneeling = self._pose(0, t)
            x = kneeling.x + (SCRUB_GAP - TUBS[entity.kind][0]) * kneeling.facing
            return Pose(x, 0.0, kneeling.facing, "bathe", self._phase(entity, t))
        if self._scrubs_the_subject(index):  # kneeling behind its tub, reaching over to it
            bathing = self._pose(0, t)
            x = bathing.x - (SCRUB_GAP - TUBS[self.entities[0].kind][0]) * bathing.facing
            return Pose(x, 0.0, bathing.facing, "scrub", self._phase(entity, t))
        proposer = self._proposer_to(index)
        if proposer is not None:  # facing the one on one knee before them
            kneeling = self._pose(proposer, t)
            x = kneeling.x + PROPOSED_TO_AT * kneeling.facing
            phase = self._phase(entity, t)
            return Pose(x, 0.0, -kneeling.facing, "stand", phase, at_the_face="mouth")
        if self._lies_beside_the_subject(index):  # on the bed's far side, a little up
            lying = self._pose(0, t)
            x, y = lying.x - LYING_BESIDE[0], lying.y + LYING_BESIDE[1]
            pose = Pose(x, y, lying.facing, "sleep", self._phase(entity, t))
            return replace(pose, further_back=True)
        caller = self._caller_at(index)
        if caller is not None:  # facing whoever barks (or roars) at them, a little way off
            calling = self._pose(caller, t)
            x = calling.x + ROARED_AT * calling.facing
            return Pose(x, 0.0, -calling.facing, entity.action, self._phase(entity, t))
        if entity.kind in SMALL_ITEMS and self._holder_of(index) is not None:
            return self._item_pose(index, t, u)
        rider = self._rider_of(index)
        if rider is not None:  # under its rider, walking (or rolling)
            on = self._pose(rider, t)
            x = on.x - seat_of(self.entities[rider].kind, entity.kind)[0] * on.facing
            pace = "run" if entity.action == "run" else RIDDEN[entity.kind][1]  # "it gallops"
            if self._leaper() == index:  # at a gallop, and up over what it jumps
                leap = self._leap(x)
                return Pose(x, leap, on.facing, "jump" if leap > 0 else "run", on.phase)
            return Pose(x, 0.0, on.facing, pace, on.phase, moored=on.moored)
        fishing = fishes_aboard(entity, self.entities)
        if (entity.action in RIDING or fishing) and entity.target is not None:
            ridden = self.entities[entity.target].kind
            under = self._pose(entity.target, t)
            # several in one boat sit one behind another ("a family in a canoe")
            aboard = [
                i
                for i, e in enumerate(self.entities)
                if (e.action in RIDING or fishes_aboard(e, self.entities))
                and e.target == entity.target
            ]
            behind = aboard.index(index) * SEAT_STEP
            along, up = seat_of(entity.kind, ridden)
            x = under.x + (along - behind) * under.facing
            # the second one fishing from a boat casts off its stern, clear of the first
            facing = -under.facing if fishing and aboard.index(index) % 2 else under.facing
            pose = Pose(x, up, facing, entity.action, under.phase)
            return replace(pose, moored=fishing)
        if self._talks_with_the_subject(index):
            return self._talking(index, t, u)
        pusher = self._pusher_of(index)
        if pusher is not None:
            return self._pushed(index, pusher, t)
        hugger = self._hugger_of(index)
        if hugger is not None:
            return self._hugged(index, hugger, t)
        if entity.action == "dance":  # a partner, face to face with the lead; more of them
            # on either side in turn, a step further out each pair
            lead = self._subject_pose(self.entities[0], t, u)
            dancers = [i for i, e in enumerate(self.entities) if i and e.action == "dance"]
            k = dancers.index(index)
            side = 1 if k % 2 == 0 else -1
            x = lead.x + side * 0.75 * (k // 2 + 1) + 0.12 * math.sin((t + self.gait_offset) * 1.1)
            phase = self._phase(entity, t) + math.pi * (k + 1)
            return Pose(x, self._jump(entity, t), -side, "dance", phase)
        if in_arms(self.entities[0], self.entities) and self.entities[0].target == index:
            # holding the subject in their arms ("a baby asleep in her mother's arms"): where
            # it would be, in the middle of the shot
            x = sum(self.subject_span()) / 2
            return Pose(x, 0.0, +1, entity.action, self._phase(entity, t))
        if entity.action == "give" or entity.action == "hold":
            return self._giver_pose(entity, t, u)
        if entity.action in MEETING:
            return self._meet_pose(entity, t, u, side=+1)
        if self._swims_along(index):  # a length behind the one it swims with
            subject = self._subject_pose(self.entities[0], t, u)
            x = subject.x - SWIMS_BEHIND * subject.facing
            return Pose(x, 0.0, subject.facing, "swim", self._phase(entity, t))
        if entity.action in ("walk", "run", "chase"):
            subject = self._subject_pose(self.entities[0], t, u)
            lead = -1.3
            if entity.action == "chase":  # close behind, so a medium shot holds both chasers
                widths = SIZE[sized_as(self.entities[0])][0] + SIZE[sized_as(entity)][0]
                lead = -(widths / 2 + 0.07 * self.view_width)
            return Pose(subject.x + lead, 0.0, +1, entity.action, self._phase(entity, t))
        chaser = self._chaser_of(index)
        if chaser is not None and entity.kind in FLEES_BY:
            return self._chased_pose(index, chaser, t, u)
        x = self._static_x.get(index, 0.0)
        pilot = self._drone_pilot(index)
        if pilot is not None:  # hovering about ahead of whoever flies it, up there
            return self._flown_drone(index, pilot, t)
        flier = self._kite_flier(index)
        if flier is not None:  # up on its string, ahead of whoever flies it
            hand_x, hand_y, facing = self._raised_hand(flier, t)
            bob = 0.25 * math.sin((t + self.gait_offset) * 1.7)
            x = hand_x + (KITE_AHEAD - HAND_AHEAD) * facing
            return Pose(x, FLIGHT["kite"] + bob, facing, "fly", t * 3, reach=hand_y)
        holder = self._held_by(index)
        if holder is not None and entity.kind in PLAYED:
            return self._played(index, holder, t)
        if holder is not None and entity.kind in TO_THE_FACE:
            return self._at_the_face(index, holder, t)
        if holder is not None and entity.kind in BLOWN:
            return self._blown(index, holder, t)
        if holder is not None:  # over the head of whoever holds it, in their hand
            hand_x, hand_y, facing = self._raised_hand(holder, t)
            return Pose(hand_x, hand_y, facing, "stand", 0.0, held_by=holder)
        if entity.action == "fly" and entity.kind in HOVERS:  # fluttering, drifting
            return self._hovering(entity, x, t)
        if entity.action == "fly":  # across the sky: a bird, a plane
            return Pose(
                x + SPEED["fly"] * (t - self.duration / 2),
                FLIGHT[entity.kind] + 0.3 * math.sin(t * 2),
                +1,
                "fly",
                t * 14,
            )
        if entity.action in ("takeoff", "land"):  # down the runway and up, or down onto it
            x += SPEED[entity.action] * (t - self.duration / 2)
            height = FLIGHT[entity.kind] * airborne(entity.action, t / self.duration)
            return Pose(x, height, +1, entity.action, t * 14)
        if entity.action == "drive":  # a car, a bus
            return Pose(x + SPEED["drive"] * (t - self.duration / 2), 0.0, +1, "drive", t * 8)
        if entity.kind in ("ball", "stick") and entity.action == "roll":
            return Pose(x + SPEED["roll"] * (t - self.duration / 2), 0.0, +1, "roll", t * 8)
        side_by_side = index in self._seat_mates() and self._raised_seat()  # on a bench: as it
        side_by_side &= entity.action != "talk"  # (else turned to the one they talk with)
        side_by_side |= entity.action == "angle"  # fishing: out over the water, as it
        facing = -1 if x > 0 and not side_by_side else +1
        if self._doing_to("climb", index):  # its branch out past its trunk from the first
            facing = +1  # up it, who reaches up towards what is out on it
        if grazes(entity):
            x += facing * SPEED["sniff"] * (t - self.duration / 2)
        phase = self._phase(entity, t)
        return Pose(x, self._jump(entity, t), facing, entity.action, phase, _grazing(entity, t))

    def _hovering(self, entity: EntitySpec, x: float, t: float) -> Pose:
        """A butterfly fluttering up and down as it goes, a balloon bobbing as it drifts."""
        height, speed = HOVERS[entity.kind]
        wander = 0.15 if entity.kind in SMALL_FLIERS else 0.08
        k = t + self.gait_offset
        y = height + wander * (math.sin(k * 2.3) + 0.6 * math.sin(k * 5.1))
        if entity.kind == "balloon":
            y += BALLOON_RISE * t / max(self.duration, 1e-6)
        x += speed * (t - self.duration / 2) + wander * math.sin(k * 1.3)
        return Pose(x, y, +1, "fly", self._phase(entity, t))

    def _kite_flier(self, index: int) -> int | None:
        """The person flying kite `index`: the one said to, else the first of the shot."""
        kite = self.entities[index]
        if kite.kind != "kite" or kite.action != "fly":
            return None
        if kite.target is not None:
            return kite.target
        return next((i for i, e in enumerate(self.entities) if e.kind == "person"), None)

    def _drone_pilot(self, index: int) -> int | None:
        """The person flying drone `index`, if one is said to."""
        drone = self.entities[index]
        if drone.kind != "drone" or drone.action != "fly":
            return None
        return drone.target

    def _flown_drone(self, index: int, pilot: int, t: float) -> Pose:
        """A drone hovering ahead of its pilot, up high, wandering to and fro and bobbing as
        they steer it; its rotors spinning (the phase)."""
        body = self._pose(pilot, t)
        k = t + self.gait_offset
        along, up = DRONE_WANDER
        x = body.x + (DRONE_AHEAD + along * math.sin(k * 0.7)) * body.facing
        y = DRONE_HEIGHT + up * math.sin(k * 1.1) + 0.05 * math.sin(k * 6.0)
        return Pose(x, y, body.facing, "fly", self._phase(self.entities[index], t))

    def _swung_on(self) -> int | None:
        """The swing the subject swings on, or pushes someone on, if it does."""
        subject = self.entities[0] if self.entities else None
        on_it = subject is not None and subject.action in ("swing", "push")
        return subject.target if on_it else None

    def _swing_angle(self, t: float) -> float:
        """How far the swing's ropes are from hanging straight down at `t`, radians."""
        return SWING_ARC * math.sin((t + self.gait_offset) * 2 * math.pi / SWING_PERIOD)

    def _on_the_swing(self, index: int, t: float) -> Pose:
        """One on the swing's seat, to and fro with it; a second one on its other seat,
        swinging the other way; any more stand by the frame, waiting a turn."""
        entity = self.entities[index]
        frame = self._pose(entity.target, t)  # type: ignore[arg-type]
        seat = self._doing_to("swing", entity.target).index(index)  # type: ignore[arg-type]
        if seat >= SWING_SEATS:
            x = frame.x - SWING_ROPE * SWING_ARC - 0.5
            return Pose(x, 0.0, +1, "stand", self._phase(entity, t))
        angle = self._swing_angle(t) * (1 if seat == 0 else -1)
        x = frame.x + SWING_ROPE * math.sin(angle)
        y = SWING_TOP - SWING_ROPE * math.cos(angle)
        turn = (t + self.gait_offset) * 2 * math.pi / SWING_PERIOD + math.pi * seat
        return Pose(x, y, +1, "swing", turn, swing=angle)

    def _seesaw_tilt(self, t: float) -> float:
        """How far the seesaw's plank is tipped at `t`, radians: its first rider's end up."""
        return SEESAW_TILT * math.sin(t * 2 * math.pi / SEESAW_PERIOD)

    def _on_the_seesaw(self, index: int, t: float) -> Pose:
        """One at an end of the seesaw, the first at its near end, the second at its far
        end, facing each other across it, up and down as it tips; any more stand by it,
        waiting a turn."""
        entity = self.entities[index]
        pivot = self._pose(entity.target, t)  # type: ignore[arg-type]
        end = self._doing_to("seesaw", entity.target).index(index)  # type: ignore[arg-type]
        if end >= 2:
            return Pose(pivot.x + SEESAW_REACH + 0.8, 0.0, -1, "stand", self._phase(entity, t))
        side = -1 if end == 0 else 1
        tilt = self._seesaw_tilt(t)
        x = pivot.x + side * SEESAW_REACH * math.cos(tilt)
        y = SEESAW_PIVOT - side * SEESAW_REACH * math.sin(tilt)
        return Pose(x, y, -side, "seesaw", self._phase(entity, t), swing=tilt)

    def _on_the_slide(self, index: int, t: float) -> Pose:
        """One taking turns on the slide: up its ladder, sitting at its top, down its chute
        (a second one a turn behind), then running round to its ladder again. `reach` is how
        far through the turn they are (its painter draws climbing, sitting, sliding, running
        by it)."""
        entity = self.entities[index]
        slide = self._pose(entity.target, t)  # type: ignore[arg-type]
        turn = self._doing_to("slide", entity.target).index(index)  # type: ignore[arg-type]
        u = ((t + turn * SLIDE_PERIOD / 2) / SLIDE_PERIOD) % 1.0
        phase = self._phase(entity, t)
        if u < CLIMBED:  # up the ladder, rung by rung
            x, y, facing = SLIDE_LADDER, SLIDE_TOP * u / CLIMBED, +1
        elif u < SET_OFF:  # sitting at the top
            x, y, facing = SLIDE_LADDER + 0.35, SLIDE_TOP, +1
        elif u < SLID:  # down the chute, faster as it goes
            down = ((u - SET_OFF) / (SLID - SET_OFF)) ** 1.5
            x = SLIDE_LADDER + 0.35 + (SLIDE_FOOT[0] - SLIDE_LADDER - 0.35) * down
            y, facing = SLIDE_TOP + (SLIDE_FOOT[1] - SLIDE_TOP) * math.sin(down * math.pi / 2), +1
        else:  # running back round to the ladder
            back = (u - SLID) / (BACK - SLID)
            x, y, facing = (
                SLIDE_FOOT[0] + 0.3 + (SLIDE_LADDER - 0.3 - SLIDE_FOOT[0]) * back,
                0.0,
                -1,
            )
        return Pose(slide.x + x, y, facing, "slide", phase, reach=u)

    def _doing_to(self, action: str, target: int) -> list[int]:
        """Who does `action` to entity `target` (swings on it, perches on it), in the order
        the scene names them."""
        return [i for i, e in enumerate(self.entities) if e.action == action and e.target == target]

    def _pushing(self, index: int, t: float) -> Pose:
        """One behind a swing, where its seat swings back to: hands out to it as it comes,
        a push as it goes."""
        entity = self.entities[index]
        frame = self._pose(entity.target, t)  # type: ignore[arg-type]
        x = frame.x - SWING_ROPE * math.sin(SWING_ARC) - PUSHED_FROM
        angle = self._swing_angle(t)
        reach = max(0.0, -angle / SWING_ARC)  # 1 with the seat back at their hands
        return Pose(x, 0.0, +1, "push", self._phase(entity, t), reach=reach)

    def _leaper(self) -> int | None:
        """Who runs at something and jumps over it: the subject, or the horse it rides."""
        if not self.entities:
            return None
        subject = self.entities[0]
        ridden = subject.target if subject.action in RIDING else None
        for index in (0, ridden):
            if index is not None and self._jumped_over(index) is not None:
                return index
        return None

    def _leapt(self) -> int | None:
        """What the shot's leaper jumps over, if any."""
        leaper = self._leaper()
        return None if leaper is None else self._jumped_over(leaper)

    def _jumped_over(self, index: int) -> int | None:
        """What entity `index` jumps over (a fence), if it does."""
        entity = self.entities[index]
        target = entity.target
        over = entity.action == "jump" and target is not None
        return target if over and self.entities[target].kind in JUMPED_OVER else None

    def _leap(self, x: float) -> float:
        """How high the leaper is off the ground where it is at `x`: up in an arc over what
        it jumps, a leap long as its kind's stride allows, clearing it."""
        leaper, obstacle = self._leaper(), self._leapt()
        if leaper is None or obstacle is None:
            return 0.0
        half = LEAP.get(self.entities[leaper].kind, LEAP["person"]) / 2
        over = (x - self._static_x.get(obstacle, 0.0) + half) / (2 * half)
        if not 0.0 < over < 1.0:
            return 0.0
        return (SIZE[self.entities[obstacle].kind][1] + LEAP_CLEARS) * math.sin(over * math.pi)

    def _perch_of(self, index: int) -> int | None:
        """The tree or the fence entity `index` is up on, perching there or calling out
        from it ("a bird singing on a branch"), if any."""
        entity = self.entities[index]
        if entity.target is None or entity.action not in ("perch", "roar"):
            return None
        up = entity.action == "perch" or self.entities[entity.target].kind in PERCH_HEIGHT
        return entity.target if up else None

    def _perched(self, index: int, t: float) -> Pose:
        """One up in a tree, on the branch it holds out, or up on a fence: looking about
        now and then."""
        entity = self.entities[index]
        perch = self.entities[entity.target].kind  # type: ignore[index]
        under = self._pose(entity.target, t)  # type: ignore[arg-type]
        # several on one perch ("three crows on a fence") sit along it, side by side
        on_it = [i for i in range(len(self.entities)) if self._perch_of(i) == entity.target]
        along = PERCH_ALONG[perch] + PERCHED_APART[on_it.index(index) % len(PERCHED_APART)]
        x = under.x + along * under.facing
        glance = math.sin((t + self.gait_offset) * 0.8) < -0.7  # a look back along it
        facing = -under.facing if glance else under.facing
        return Pose(x, PERCH_HEIGHT[perch], facing, entity.action, self._phase(entity, t))

    def _rider_of(self, index: int) -> int | None:
        """Who rides entity `index`, when the rider leads the shot (else it walks its own way
        and its rider goes with it)."""
        for rider, entity in enumerate(self.entities):
            on_it = entity.action in RIDING or fishes_aboard(entity, self.entities)
            if rider == 0 and on_it and entity.target == index:
                return rider
        return None

    def _petter_of(self, index: int) -> int | None:
        """Who strokes the animal `index`: the subject, where it does."""
        subject = self.entities[0] if self.entities else None
        petting = subject is not None and subject.action == "pet" and subject.target == index
        return 0 if petting and index != 0 else None

    def _scrubber_of(self, index: int) -> int | None:
        """Who bathes entity `index`, kneeling at its tub."""
        scrubbing = (i for i, e in enumerate(self.entities) if e.action == "scrub")
        return next((i for i in scrubbing if self.entities[i].target == index != i), None)

    def _scrubs_the_subject(self, index: int) -> bool:
        """Whether entity `index` bathes the subject, in its tub ("a dog gets a bath from
        his owner")."""
        return index != 0 and self._scrubber_of(0) == index and self.entities[0].action == "bathe"

    def _talks_with_the_subject(self, index: int) -> bool:
        """Whether entity `index` stands talking with the subject (seated, a seat or a
        table places them)."""
        entity = self.entities[index]
        talks = index and entity.action == "talk" and self.entities[0].action == "talk"
        return bool(talks) and not self._sits(entity)

    def _talking(self, index: int, t: float, u: float) -> Pose:
        """One talking with the subject: face to face with them; more of them on either
        side in turn, a step further out each pair."""
        lead = self._subject_pose(self.entities[0], t, u)
        talkers = [i for i in range(1, len(self.entities)) if self._talks_with_the_subject(i)]
        k = talkers.index(index)
        side = 1 if k % 2 == 0 else -1
        x = lead.x + side * TALK_APART * (k // 2 + 1)
        return Pose(x, 0.0, -side, "talk", self._phase(self.entities[index], t))

    def _speaking(self, index: int, t: float) -> float:
        """How far up the hands of `index`, talking, are at `t`: those talking speak in
        turn (one alone speaks two turns in three), the hands rising as a turn begins and
        falling as it ends; 0 while listening."""
        talkers = [i for i, e in enumerate(self.entities) if e.action == "talk"]
        now = (t + self.gait_offset) / TALK_TURN
        turn = math.floor(now)
        into = now - turn
        if len(talkers) == 1:
            speaks = turn % 3 != 2
        else:
            speaks = talkers[turn % len(talkers)] == index
        return min(1.0, into / TALK_EASE, (1 - into) / TALK_EASE) if speaks else 0.0

    def _lies_beside_the_subject(self, index: int) -> bool:
        """Whether entity `index` is a person asleep beside the subject, asleep on a raised
        seat (a bed, a sofa): "a couple sleeping at home"."""
        subject, entity = self.entities[0], self.entities[index]
        both = (subject.kind, entity.kind, subject.action, entity.action)
        return (
            index > 0
            and both == ("person", "person", "sleep", "sleep")
            and (self._raised_seat() and entity.target is None)
        )

    def _swims_along(self, index: int) -> bool:
        """Whether entity `index` swims with the subject, who swims ("a girl swimming with
        her dog", "a duck and her ducklings")."""
        both = (self.entities[0].action, self.entities[index].action)
        return index > 0 and both == ("swim", "swim")

    def _caller_at(self, index: int) -> int | None:
        """Who calls out at entity `index` (a dog barking at the mailman), if anyone does
        and it keeps still (a squirrel up a tree stays in it; a bird sings from a tree)."""
        if (
            self.entities[index].action not in ("stand", "sit")
            or self.entities[index].kind in PERCH_HEIGHT
        ):
            return None
        return next(
            (i for i, e in enumerate(self.entities) if e.action == "roar" and e.target == index),
            None,
        )

    def _proposer_to(self, index: int) -> int | None:
        """Who kneels to propose to entity `index`, if anyone does."""
        return next(
            (i for i, e in enumerate(self.entities) if e.action == "propose" and e.target == index),
            None,
        )

    def _chaser_of(self, index: int) -> int | None:
        for chaser, entity in enumerate(self.entities):
            if chaser != index and entity.action == "chase" and entity.target == index:
                return chaser
        return None

    def _chased_pose(self, index: int, chaser: int, t: float, u: float) -> Pose:
        """Just ahead of its chaser, the gap closing as the chase goes on."""
        entity = self.entities[index]
        behind = self._pose(chaser, t)
        clearance = min(1.0, 0.18 * self.view_width) * (1.2 - 0.4 * u)
        gap = (SIZE[sized_as(self.entities[chaser])][0] + SIZE[sized_as(entity)][0]) / 2
        gap += clearance
        action = FLEES_BY[entity.kind]
        height = FLIGHT.get(entity.kind, 0.5) + 0.1 * math.sin(t * 2) if action == "fly" else 0.0
        x = behind.x + behind.facing * gap
        if action == "dart":  # flicked to and fro, never where the paws come down
            k = t + self.gait_offset
            x += 0.35 * math.sin(k * 3.7) + 0.2 * math.sin(k * 9.3)
        phase = (t + self.gait_offset) * self.phase_rate(action)
        return Pose(x, height, behind.facing, action, phase)

    def _to_the_face(self, index: int) -> str:
        """How entity `index` holds a phone, a camera or a bubble wand to their face (""
        where they hold none): "ear", "screen", "eye" or "wand" (`AT_THE_FACE`); a drone's
        controller before the chest."""
        for other, thing in enumerate(self.entities):
            if self._drone_pilot(other) == index:
                return "controller"
            if thing.kind in (*TO_THE_FACE, *BLOWN) and self._held_by(other) == index:
                if thing.kind in BLOWN:
                    return "wand"
                if thing.kind == "camera":
                    return "eye"
                return "ear" if thing.action == "call" else "screen"
        return ""

    def _blown(self, index: int, blower: int, t: float) -> Pose:
        """Bubbles drifting on from the wand of whoever blows them, a stream the length of
        their box, its near end at the wand."""
        wand = self._at_the_face(index, blower, t)
        ahead = SIZE["bubbles"][0] / 2 * wand.facing
        phase = self._phase(self.entities[index], t)
        return Pose(wand.x + ahead, wand.y - 0.2, wand.facing, "fly", phase, held_by=blower)

    def _blows_out_candles(self) -> bool:
        """Whether someone blows at a cake's candles (no bubbles about): they go out."""
        blowing = any(e.kind == "person" and e.action == "blow" for e in self.entities)
        kinds = {e.kind for e in self.entities}
        return blowing and "cake" in kinds and not kinds & set(BLOWN)

    def _at_the_face(self, index: int, holder: int, t: float) -> Pose:
        """A phone, a camera or a bubble wand in the hand its holder holds to their face."""
        body = self._pose(holder, t)
        manner = self._to_the_face(holder)
        swing, bend = AT_THE_FACE[manner]
        dx = math.sin(swing) * ARM / 2 + math.sin(swing + bend) * ARM / 2
        dy = -math.cos(swing) * ARM / 2 - math.cos(swing + bend) * ARM / 2
        scale, drop = self._hands_of(holder, body, SEATED)
        x = body.x + (SHOULDER[0] + dx) * scale * body.facing
        y = body.y + (SHOULDER[1] - drop + dy) * scale
        action = self.entities[index].action  # "call": to the ear
        return Pose(x, y, body.facing, action, 0.0, held_by=holder)

    @staticmethod
    def phase_rate(action: str) -> float:
        """Radians per second of the gait, wag or flap cycle of an entity doing `action`."""
        return {
            "run": 15.0,
            "chase": 15.0,
            "walk": 8.0,
            "stroll": 7.0,
            "sniff": 5.0,
            "wag": 22.0,
            "meet": 22.0,
            "fly": 14.0,
            "roll": 12.0,  # a ball's turn at a chase's pace
            "dance": 6.3,  # a step a half-second: 120 beats a minute
            "spin": 15.0,  # at a run
            "swim": 6.0,  # a paddling stroke
            "row": 3.2,  # a stroke of the oars every two seconds
            "cook": 5.0,  # a toss of the pan a second or so
            "read": 0.5,  # a page turned every twelve seconds or so
            "wave": 9.0,  # a hand waved to and fro
            "sleep": 1.8,  # a slow breath every three or four seconds
            "dig": 16.0,  # paws scrabbling
            "crawl": 5.0,  # a hand and a knee forward each half second or so
            "stretch": 0.8,  # a slow reach each way every eight seconds
            "skip": SKIP_TURN,
            "water": 6.0,  # the drops falling from the spout
            "build": 4.0,  # a pat every second and a half
            "scoot": 2.6,  # a push off the ground every two and a half seconds
            "mow": 7.0,  # a slow walk's steps
            "chop": 3.5,  # a swing of the axe every second and three quarters
            "talk": 4.0,  # the hand's beat as they speak
            "play": 7.0,  # the hands over the keys
            "sing": 3.0,  # a note every second or so
            "climb": 2.5,  # a reach and a step up every two and a half seconds
            "shovel": 2.2,  # a scoop tossed every three seconds
            "slice": 14.0,  # a cut two or three times a second
            "decorate": 2.5,  # a bauble hung every two and a half seconds
            "knit": 6.0,  # a stitch a second
            "roar": 3.0,  # a call every two seconds (a dog's barks come thrice as often)
            "brush": 18.0,  # the toothbrush scrubbed to and fro three times a second
            "comb": 5.0,  # a stroke down the hair every second and a quarter
            "hula": 9.0,  # the hoop round the waist a little more than once a second
            "shave": 4.0,  # a stroke of the razor every second and a half
            "wriggle": 3.0,  # rocked from side to side every two seconds
            "exercise": 4.0,  # a push-up every second and a half
            "wash": 6.0,  # the sponge round the plate once a second
            "vacuum": 3.0,  # pushed out and back every two seconds
            "bathe": 4.0,  # a splash every second and a half
            "scrub": 7.0,  # the sponge round once a second
        }.get(action, 3.0)

    def _phase(self, entity: EntitySpec, t: float) -> float:
        return (t + self.gait_offset) * self.phase_rate(entity.action)

    def _jump(self, entity: EntitySpec, t: float) -> float:
        if entity.action == "dance":  # a little bounce on every step
            return 0.05 * abs(math.sin((t + self.gait_offset) * self.phase_rate("dance")))
        if entity.action == "splash":  # a hop, then a stamp down into the puddle
            into = ((t + self.gait_offset) % SPLASH_SECONDS) / SPLASH_SECONDS
            hop = SPLASH_HOP * (1 if entity.kind == "person" else 0.6)
            return (
                hop * math.sin(into / SPLASH_AIRBORNE * math.pi) if into < SPLASH_AIRBORNE else 0.0
            )
        if entity.action == "skate":  # an ollie now and then: rider and board up together
            into = ((t + self.gait_offset) % OLLIE_EVERY) / OLLIE_SECONDS
            return 0.3 * math.sin(into * math.pi) if into < 1 else 0.0
        if entity.action == "skip":  # up as the rope swings under the feet, down as it rises
            turn = (t + self.gait_offset) * SKIP_TURN
            return SKIP_HOP * max(0.0, -math.cos(turn))
        if entity.action != "jump" or hops_along(entity):
            return FLIGHT[entity.kind] if entity.action == "fly" else 0.0
        cycle = (t % JUMP_SECONDS) / JUMP_SECONDS
        return max(0.0, math.sin(cycle * math.pi)) * (0.5 if entity.kind != "person" else 0.4)

    def _subject_pose(self, entity: EntitySpec, t: float, u: float) -> Pose:
        start, end = self.subject_span()
        action = entity.action
        if hugs_a_toy(entity, self.entities):  # where they are, holding it to them
            return Pose(sum(self.subject_span()) / 2, 0.0, +1, "hug", self._phase(entity, t))
        if action in MEETING:
            return self._meet_pose(entity, t, u, side=-1)
        if action == "eat" and self._giver() is not None:
            # The subject waits, then eats once the item has been put down.
            landed = u >= 0.55
            return Pose(0.0, 0.0, +1, "eat" if landed else "sit", t * 3, reach=1.0 if landed else 0)
        x = start + (end - start) * u
        facing = +1 if end >= start else -1
        if self._leaper() == 0:  # running at it, and up over it
            leap = self._leap(x)
            phase = (t + self.gait_offset) * self.phase_rate("run")
            return Pose(x, leap, facing, "jump" if leap > 0 else "run", phase)
        if action == "fly" and entity.kind in HOVERS:
            pose = self._hovering(entity, 0.0, t)
            return replace(pose, x=x + pose.x - HOVERS[entity.kind][1] * (t - self.duration / 2))
        if action == "fly":
            return Pose(x, 2.4 + 0.3 * math.sin(t * 2), facing, "fly", t * 14)
        if action in ("takeoff", "land"):
            return Pose(x, FLIGHT[entity.kind] * airborne(action, u), facing, action, t * 14)
        if action == "spin":  # round and round on the spot, after its tail
            turn = (t + self.gait_offset) * 2.5
            facing = 1 if math.sin(turn) >= 0 else -1
            return Pose(x + 0.15 * math.cos(turn), 0.0, facing, "spin", self._phase(entity, t))
        if action == "dance":  # on the spot, swaying from side to side to the beat
            sway = 0.25 * math.sin((t + self.gait_offset) * 1.1)
            return Pose(x + sway, self._jump(entity, t), facing, "dance", self._phase(entity, t))
        if fishes_aboard(entity, self.entities):  # sitting in the boat, still, the line out
            phase = self._phase(entity, t)
            return Pose(x, SADDLE["boat"], facing, "angle", phase, moored=True)
        if action in RIDING:  # swaying a little with the horse's walk; pedalling
            ridden = self.entities[entity.target].kind if entity.target is not None else "horse"
            phase = self._phase(self.entities[entity.target or 0], t) * 0.8
            if action == "cycle":  # the pedals' turn: one a metre and a half
                phase = (x - start) / 1.5 * 2 * math.pi
            sway = 0.03 * abs(math.sin(phase)) if action == "ride" else 0.0
            along, up = seat_of(entity.kind, ridden)
            leap = self._leap(x - along * facing) if self._leaper() else 0.0
            return Pose(x, up + sway + leap, facing, action, phase)
        if action == "wake":  # asleep, then up: sitting up on its seat, else on its feet
            asleep = u < WAKES_AT
            woken = "sit" if self._raised_seat() and entity.kind in ACTIONS["sit"] else "stand"
            y = SEAT_HEIGHT if self._raised_seat() and (asleep or entity.kind in SITS_UP) else 0.0
            now = "sleep" if asleep else woken
            return Pose(x, y, facing, now, (t + self.gait_offset) * self.phase_rate(now))
        if action == "sleep" and self._raised_seat():  # along the bench, not under it
            return Pose(x, SEAT_HEIGHT, facing, "sleep", self._phase(entity, t))
        if action == "roar" and self._raised_seat():  # standing up on its rock
            return Pose(x, SEATS["rock"], facing, "roar", self._phase(entity, t))
        if action == "sit" and self._raised_seat() and entity.kind in SITS_UP:  # up on it
            return Pose(x, SEAT_HEIGHT, facing, "sit", self._phase(entity, t))
        if action in ("sit", "sleep") and self._box_sat_in() is not None:
            # a little up, as if seen from above its front: its head, or its curled back
            return Pose(x, IN_A_BOX, facing, action, self._phase(entity, t))
        if action == "pet" and entity.target is not None:  # kneeling to a small one
            height = SIZE[self.entities[entity.target].kind][1]
            if height < KNEELS_TO:
                return Pose(x, 0.0, +1, "pet", t * 2.2, reach=1.0, swing=PET_KNEELING)
            drop = SHOULDER[1] - BACK_OF * height  # down (or up) from the shoulder to its back
            arm = math.acos(max(-1.0, min(1.0, drop / ARM)))
            return Pose(x, 0.0, +1, "pet", t * 2.2, swing=arm)
        if action == "give":  # bending to put it down before whom it is for, then up again
            reach = _ease((u - 0.15) / 0.4) if u < 0.55 else 1.0 - _ease((u - 0.55) / 0.2)
            return Pose(x, 0.0, facing, "give", t * 3, reach=reach)
        if action == "sniff":
            # Sniffing: shuffle forward, nose down most of the time, look up now and then.
            reach = 1.0 if (t % 2.6) < 1.9 else 0.2
            return Pose(x, 0.0, facing, "sniff", self._phase(entity, t), reach=reach)
        phase = self._phase(entity, t)
        return Pose(x, self._jump(entity, t), facing, action, phase, _grazing(entity, t))

    def _fetched(self, index: int, t: float) -> Pose:
        """The one throwing for their dog, through each throw; the dog, waiting, running
        after it, bringing it back; what is thrown, in a hand, flying, in the mouth."""
        fetch, now = self._fetch, t + self.gait_offset
        assert fetch is not None
        entity = self.entities[index]
        if index == fetch.thrower:
            return Pose(fetch.x, 0.0, +1, "toss", self._phase(entity, t), swing=fetch.swing(now))
        if index == fetch.fetcher:
            x, facing, action, reach = fetch.dog(now)
            phase = (t + self.gait_offset) * self.phase_rate(action)
            return Pose(x, 0.0, facing, action, phase, reach=reach)
        x, y, facing, holder = fetch.thing_at(now, SIZE[entity.kind])
        rolling = holder is None and y == 0.0 and entity.kind == "ball"
        return Pose(x, y, facing, "roll" if rolling else "stand", x / 0.13, held_by=holder)

    def _tossed(self, index: int, t: float) -> Pose:
        """One of those sending something to and fro, at their end, through a throw or a
        swing as it comes and goes; or what they send, in the air between them."""
        tossing, now = self._tossing, t + self.gait_offset
        assert tossing is not None
        entity = self.entities[index]
        if index == tossing.thing:  # spinning as it goes
            x, y, facing = tossing.thing_at(now)
            return Pose(x, y - SIZE[entity.kind][1] / 2, facing, entity.action, now * 12)
        k = tossing.players.index(index)
        phase = self._phase(entity, t)
        return Pose(
            tossing.stance(k, now),
            0.0,
            tossing.facing(k),
            entity.action,
            phase,
            swing=tossing.swing(k, now),
        )

    def _tug(self) -> tuple[int, int, int] | None:
        """A tug of war: the first two tugging (left, then right) and their rope."""
        tuggers = [i for i, e in enumerate(self.entities) if e.action == "tug"][:2]
        rope = next((i for i, e in enumerate(self.entities) if e.kind == "rope"), None)
        return (tuggers[0], tuggers[1], rope) if len(tuggers) == 2 and rope is not None else None

    def _grip(self, index: int) -> tuple[float, float]:
        """Where one tugging grips the rope, before and above their middle, metres."""
        entity = self.entities[index]
        ahead, up = GRIP[entity.kind]
        scale = SIZE[sized_as(entity)][1] / SIZE[entity.kind][1]  # a child's hands: lower
        return ahead * scale, up * scale

    def _tugging(self, index: int, tug: tuple[int, int, int], t: float) -> Pose:
        """Two pulling a rope between them, facing each other, leaning back as the pull
        sways one way and the other; the rope from one's grip to the other's."""
        left, right, rope = tug
        now = t + self.gait_offset
        middle = TUG_SWAY * math.sin(now * 1.1)
        (ahead_l, up_l), (ahead_r, up_r) = self._grip(left), self._grip(right)
        x_left = middle - ROPE_BETWEEN / 2 - ahead_l
        x_right = middle + ROPE_BETWEEN / 2 + ahead_r
        if index == rope:  # from the left one's grip to the right one's
            start = (x_left + ahead_l, up_l)
            return Pose(*start, +1, "stand", 0.0, span=(x_right - ahead_r - start[0], up_r - up_l))
        lean = 0.5 + 0.5 * math.sin(now * 1.1 + (0.0 if index == left else math.pi))
        x, facing = (x_left, +1) if index == left else (x_right, -1)
        return Pose(x, 0.0, facing, "tug", self._phase(self.entities[index], t), reach=lean)

    def _bowl(self) -> int | None:
        """The scene's fishbowl, if it has one."""
        return next((i for i, e in enumerate(self.entities) if e.kind == "fishbowl"), None)

    def _in_the_bowl(self, index: int, t: float) -> Pose:
        """A fish swimming round and round its bowl, turning at each side."""
        bowl = self._pose(self._bowl(), t)  # type: ignore[arg-type]
        turn = (t + self.gait_offset) * 0.9 + index
        (wide, high), height = BOWL_SWIM, SIZE["fishbowl"][1]
        x = bowl.x + wide * math.sin(turn)
        y = bowl.y + 0.35 * height + high * math.sin(turn * 1.7)
        facing = 1 if math.cos(turn) >= 0 else -1
        return Pose(x, y, facing, "swim", self._phase(self.entities[index], t))

    def _bounced_on(self) -> int | None:
        """The bed or the sofa the subject jumps on, if it does."""
        subject = self.entities[0] if self.entities else None
        if subject is None or subject.action != "jump" or subject.target is None:
            return None
        return subject.target if self.entities[subject.target].kind in BOUNCED_ON else None

    def _bounces_on_trampoline(self, index: int) -> bool:
        """Whether entity `index` is the subject jumping where there is a trampoline."""
        jumping = index == 0 and bool(self.entities) and self.entities[0].action == "jump"
        return jumping and any(e.kind == "trampoline" for e in self.entities)

    def _builder_of(self, index: int) -> int | None:
        """Who builds entity `index` (a sandcastle, a snowman), if anyone."""
        return next(
            (k for k, e in enumerate(self.entities) if e.action == "build" and e.target == index),
            None,
        )

    def _giver(self) -> int | None:
        for index, entity in enumerate(self.entities):
            if entity.action in ("give", "hold"):
                return index
        return None

    def _giver_pose(self, entity: EntitySpec, t: float, u: float) -> Pose:
        subject_x = self._subject_pose(self.entities[0], t, u).x if self.entities else 0.0
        x = subject_x + 1.05
        if entity.action == "hold":
            return Pose(x, 0.0, -1, "hold", t * 3, reach=0.0)
        # Bends down between 15% and 55% of the shot, then straightens up again.
        reach = _ease((u - 0.15) / 0.4) if u < 0.55 else 1.0 - _ease((u - 0.55) / 0.2)
        return Pose(x, 0.0, -1, "give", t * 3, reach=reach)

    def _knocked(self, t: float, u: float) -> Pose:
        """The cup a cat knocks off a table: before the cat, pushed along to the edge, then
        falling, tipping as it goes, to lie on its side on the floor (`reach`: tipped)."""
        start = sum(self.subject_span()) / 2 + CUP_BEFORE_IT
        edge = start - CUP_BEFORE_IT - KNOCKER_ON_TABLE + SIZE["table"][0] / 2
        height = SIZE["table"][1]
        pushed = min(max((u - PUSHED_FROM) / (PUSHED_OFF - PUSHED_FROM), 0.0), 1.0)
        x = start + (edge - start) * _ease(pushed)
        falling = max(t - PUSHED_OFF * self.duration, 0.0) / FALL_SECONDS
        if falling <= 0:
            return Pose(x, height, +1, "stand", 0.0)
        fell = min(falling, 1.0)
        y = height * (1 - fell * fell)  # faster and faster, as a thing falls
        return Pose(x + 0.15 * fell, y, +1, "stand", 0.0, reach=fell)

    def _item_pose(self, index: int, t: float, u: float) -> Pose:
        """In the hand of whoever holds or gives it, lowered as they bend; given, on the
        ground before the one it was given to (the subject, unless the giver is)."""
        holder = self._holder_of(index)
        hand = self._pose(holder, t)
        giver = self.entities[holder]
        if giver.action == "give" and u >= 0.55:
            taker = giver.target if holder == 0 and giver.target is not None else 0
            taker_x = self._pose(taker, t).x
            return Pose(taker_x - 0.5 * hand.facing, 0.0, hand.facing, "stand", 0.0)
        hand_height = 0.95 - 0.95 * hand.reach
        ahead = (0.42 + 0.15 * hand.reach) * hand.facing
        return Pose(hand.x + ahead, hand_height, hand.facing, "stand", 0.0, held_by=holder)

    def _meet_pose(self, entity: EntitySpec, t: float, u: float, side: int) -> Pose:
        """Two entities walk towards each other from both sides and stop face to face (to
        hug, close enough to put their arms round each other)."""
        width = SIZE[sized_as(entity)][0]
        meet_x = side * width * (HUG_GAP if entity.action == "hug" else 0.55)
        start_x = side * 2.6
        arrive = _ease(u / 0.45)
        x = start_x + (meet_x - start_x) * arrive
        action = "walk" if arrive < 1.0 else entity.action
        rate = {"walk": 8.0, "hug": 2.0}.get(action, 22.0)  # (a hug sways slowly)
        other = self.entities[entity.target] if entity.target is not None else entity
        down = action == "hug" and SIZE[sized_as(other)][1] < SIZE[sized_as(entity)][1]
        return Pose(x, 0.0, -side, action, t * rate, reach=1.0 if down else 0.0)
