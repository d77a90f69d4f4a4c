"""A procedural 2D world: scene spec (`spec`) → frames with exact ground truth (`render`,
`truth`), prompts read (`prompt_parser`) and written (`captioner`)."""

# Raised whenever a change to reading prompts, staging or painting moves a pixel of the same
# request, so takes cached under the old one are made again. 4: sound events in truth;
# 5: idle people, cats; 6: world-anchored scenery, extensions; 7: "another brown dog" is a
# second one (it was the first again); 8: words about the video ("with the words … on
# screen") draw no stand-in; 9: what is chased keeps ahead of its chaser, a second chaser
# close behind the first; 10: a sitter sits on the bench, a person drinking holds the cup,
# swans are white, "a nap", "a wave" and "its headlights" are no labelled box, a box is
# labelled by its noun ("a lonely robot": robot); 11: fetch is the dog's chase of a ball
# (the one playing with it stays), following is walking along, people by family and trade,
# seasons, "a windy day", what one wears or waits for and "after a hike" draw no box, what a
# timelapse or a bunch is of does, a picnic or yoga sits, building or blowing bubbles stands,
# catching leaps, ice cream is a cup; people who have met talk with their hands (they stood
# frozen, and every take failed); 12: eighteen four-legged animals (horse, deer, cow, sheep,
# goat, pig, fox, wolf, bear, rabbit, lion, tiger, elephant, giraffe, panda, squirrel, zebra,
# mouse) are drawn, not labelled boxes, and a bike, a bus, a plane and a kite; a person
# rides a horse or a bike, people dance, wave and swim, a puppy chases its tail, a child is
# drawn smaller; one eating with nothing handed to it lowers its head; a pan follows a
# subject running farther than it sweeps; 13: every creature sleeps, lying down (on a bench
# where there is one), breathing; a baby is a child, "a baby elephant" the elephant and "its
# mother" another; the second of a subject of two does as the first, or what is said of it;
# 14: an umbrella held up, a kite's string in a raised hand, a butterfly, a hot air balloon,
# a flower, a snowman (and its snow), a campfire that glows; one with no seat sits on the
# ground, those sitting with the subject on its bench; a family has a child; 15: fireworks
# burst in the sky (above the hills and the sea, over buildings), with a bang each; 16: one
# lying down is placed clear of those beside it; "a retriever puppy" is one dog; 17: a bee,
# a penguin, a table, a stick and a frisbee (chased, as a ball is) are drawn; 18: a picnic
# is on a blanket, those sitting with the subject round it; 19: a shot with fireworks is
# framed with room for the sky; 20: a fading burst turns see-through (it darkened, a dark ring
# by day); 21: a flower blooms; 22: one giving reaches down to where the cup goes (the arm
# rose), and a subject that gives holds it out before it and bends to put it down; 23: one
# sitting on the ground holds an umbrella in their hand (it floated higher); 24: a sofa, and
# one sitting or asleep on it (or a pet on a bench) up on it; 25: a tree is white with snow
# where it snows; 26: a cake on its table (candles alight), balloons held up, tied to a table
# or weighted on the ground (a bunch of three where said as many); dancers side by side;
# 27: the forest, a place of its own (it was drawn as the park); 28: the lake, where one
# swimming swims out in its water; 29: the kitchen; 30: the mountains; 31: boats, rowed and
# sailed; a swimmer at the beach swims in the sea, framed there; the sea's crests thin; 32:
# a train goes by on its rails; 33: a guitar played before its player; 34: one cooking tosses
# a pan; 35: fish, and the reef under the sea where they swim; 36: the new places' scenery
# anchored to the world (a longer shot drew other reeds, rocks and trees), polygons on whole
# pixels; 37: people eat (at a table, on chairs drawn up to it, plates set; else sitting,
# food in hand) and read (a book held open, one read to sitting with them), candles alight
# on a table, a café's windows lit at night; 38: a turtle plods and swims, creatures fed
# peck or graze; 39: people named by what they do do it (a cyclist rides a bike, a jogger
# runs, a dancer dances); 40: skateboarding, an ollie now and then; 41: walking hand in
# hand; 42: a child's guitar is child-sized, a train runs on steel wheels (a coupling rod
# turning them) and puffs steam; 43: one who keeps still keeps the seat they had; phones
# (to the ear, before the eyes), laptops typed at, cameras to the eye; the camera filming
# is no camera drawn; 44: bubbles blown from a wand, a cake's candles blown out; playing
# chess or video games is sitting; painting at an easel; people hugging hold each other;
# fishing with a rod, its float out on the water; 45: a bed, waking up in it; a meal where
# no place is said is had at home (dinner), in the kitchen (breakfast), at a café (lunch);
# 46: surfing (a board on a breaking wave) and skiing (skis, poles); playing catch and
# tennis (something sent to and fro in an arc, swung at or thrown); a sandcastle or a
# snowman built, rising over the shot; a dog digging; a baby crawling; stretching (and
# yoga), arms up; a trampoline bounced on; one jumping flings up their arms; splashing
# in a puddle; a goldfish in its bowl; a house's windows lit at night; fireflies; a
# christmas tree and presents; a rainbow, lightning, clouds in the sky; falling leaves; a
# plane taking off or landing; watering flowers; a tug of war; 47: a fireplace, a
# waterfall and a lighthouse (its beam sweeping the dark), drawn behind whoever is there;
# one said to stand stands still; 48: a kick scooter ridden, a lawnmower pushed, wood
# chopped with an axe; 49: a car driven, its driver at the wheel seen through its windows;
# 50: a proposal, on one knee with a ring box held up; 51: a castle, and a tent where
# people camp; 52: a dragon; 53: one proposed to puts a hand to the mouth; 54: a cat
# knocks a cup off a table, the cup tipping as it falls; 55: an armchair, sat in or slept
# on, a fireplace beside the seat before it; 56: a cardboard box, a cat sitting or asleep in
# it; a balloon let go of floats up and away; 57: an animal petted, one kneeling to stroke
# a small one, standing with a hand on a big one's back; 58: a laser pointer's dot, flicking
# about on the floor ahead of the cat chasing it; 59: a streetlight, lit after dark, whoever
# is under it in its pool of light; 60: fishing from a boat, seated in it as it bobs still;
# 61: a bird, a squirrel or a cat perched on a branch a tree holds out; 62: a fence, leapt
# at a run (a horse with its rider on it), perched on; 63: skipping rope, a squirrel digging;
# 64: a swing, a child on its seat to and fro, pushed from behind; 65: people talking, face
# to face or seated, in turn, a cup on the table of those sat at it; 66: a grand piano,
# played from its stool; 67: a stroller, pushed along by whoever walks with it; 68: a
# teddy bear, hugged to the chest; 69: singing, notes rising from the mouth; 70: a sled,
# sat on, sliding over the snow; 71: a child sitting (or dozing) in a stroller; 72: a
# person climbing a tree, hand over hand up its trunk; 73: a stick, a ball or a frisbee
# carried in a dog's mouth; a second builder across what is built from the first; 74: a
# tree climbed holds its branch out past its trunk from the climber; 75: fetch, thrown for
# a dog that brings it back in its mouth; 76: a dog, a wolf or a fox howling; 77: a bed
# or a sofa jumped on, bounced on; 78: a dog riding in a car, its head out of the window;
# 79: shovelling snow; 80: roasting marshmallows, sitting round a campfire facing it; 81:
# chopping vegetables at a worktop; 82: decorating a christmas tree, its baubles hung; 83:
# knitting; one sitting by a fire indoors in an armchair (a couple on a sofa); 84: a bus's
# passenger at its window; what a rider holds at their hands, not above their head; 85: a
# drone, and its pilot's controller; 86: a rock, sat on; 87: a child held in the arms; 88:
# a dog barking, a cat meowing, a lion roaring (calling out, at whoever is before it); 89:
# brushing teeth; two asleep side by side on a bed; 90: a dog or a cat rolling on its back;
# 91: push-ups; 92: washing the dishes at a sink; 93: vacuuming; 94: a bird's call; 95:
# one swimming with another a length behind them; 96: a bird singing up on a branch; 97:
# the farm, a place of its own (it was drawn as the park); 98: a tractor, driven; 99: the
# bathroom, a place of its own, and a bath taken in a tub of bubbles, or given kneeling by it;
# 100: a frog and a hamster; 101: a hammock; 102: pumpkins and jack-o'-lanterns; 103:
# brushing one's hair, shaving; 104: a violin, bowed; 105: a seesaw; 106: a slide; 107:
# hula-hooping.
VERSION = 107
