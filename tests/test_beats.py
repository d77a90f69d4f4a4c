"""A request's subject and beats, and the caption lines written from them."""

from __future__ import annotations

import pytest

from videoagent.plan.beats import (
    beat_sentence,
    drawable,
    names_subject,
    plural,
    present_tense,
    singular,
    split_beats,
    without_subject,
)


@pytest.mark.parametrize(
    ("request_text", "captions"),
    [
        (
            "a 36 second video of a dog going on a walk, sniffing around, getting a pup cup",
            ["A dog goes on a walk.", "The dog sniffs around.", "The dog gets a pup cup."],
        ),
        (
            "two dogs playing with a ball in the park, then lying in the shade",
            ["Two dogs play with a ball in the park.", "The dogs lie in the shade."],
        ),
        ("the puppies chasing a ball", ["The puppies chase a ball."]),
        ("three puppies tumbling", ["Three puppies tumble."]),  # was "tumbl"
        ("a bird crawling, then giggling", ["A bird crawls.", "The bird giggles."]),
        # A silent e comes back; a doubled e stays ("hiks", "ses", "buzzs" were written).
        ("a girl hiking, then skating", ["A girl hikes.", "The girl skates."]),
        ("a dog seeing a cat, then fleeing", ["A dog sees a cat.", "The dog flees."]),
        ("a kid building a sandcastle", ["A kid builds a sandcastle."]),  # no "a building"
        # How it is shot is for every shot, not whom it is about ("A close-up of a cat sleeps.")
        ("a close-up of a cat sleeping", ["A cat sleeps."]),
        # Another one of the same kind, met for the first time ("The barista smiles.").
        (
            "a barista makes latte art, a customer smiles",
            ["A barista makes latte art.", "A customer smiles."],
        ),
        (  # "until" moves the story on ("The man until one day a girl joins him.")
            "an old man feeds pigeons, until one day a girl joins him",
            ["An old man feeds pigeons.", "One day a girl joins him."],
        ),
        # Going on from "they" with a verb alone: theirs too ("The girl sit on a bench.").
        (
            "a girl walks her dog, then they get ice cream, then sit on a bench",
            ["A girl walks her dog.", "They get ice cream.", "They sit on a bench."],
        ),
        ("a bird flying over the lake", ["A bird flies over the lake."]),
        # A beat that names the subject again is about it, not about a second one.
        (
            "a dog walking, then a dog at a cafe, then the dog sitting",
            ["A dog walks.", "The dog at a cafe.", "The dog sits."],
        ),
        ("a video of a dog, then the dog runs", ["A dog runs."]),
        ("a 2 second video of a cat", ["A cat."]),
        ("a family of birds", ["A family of birds."]),
        ("A DOG RUNNING ON THE BEACH", ["A DOG RUNS ON THE BEACH."]),
        ("a cat's day: waking up, then eating", ["A cat's day: waking up.", "The cat eats."]),
        (
            "my dog's morning routine: waking up, then eating",
            ["My dog's morning routine: waking up.", "My dog eats."],
        ),
        (
            "a sunny day in the park. Kids play, then a dog runs",
            ["A sunny day in the park.", "Kids play.", "A dog runs."],
        ),
        (
            "first a dog walks in the park, then it runs to the beach",
            ["A dog walks in the park.", "The dog runs to the beach."],
        ),
        (
            "three dogs running on the beach, then they sit",
            ["Three dogs run on the beach.", "The dogs sit."],
        ),
        ("a dog in the park, then it starts to rain", ["A dog in the park.", "It starts to rain."]),
        (
            "a man throws a ball, then his dog chases it",
            ["A man throws a ball.", "His dog chases it."],
        ),
        # One that opens with someone else is its own sentence.
        (
            "a bird in the city, then a car drives past",
            ["A bird in the city.", "A car drives past."],
        ),
        (
            "a brown dog walking, then a white dog running",
            ["A brown dog walks.", "A white dog runs."],
        ),
        # "They", of one, is it and whoever it is with.
        (
            "a dog waiting for its owner, then they walk home",
            ["A dog waits for its owner.", "They walk home."],
        ),
        # A request of several sentences: its subject where one opens with it, the setting
        # before it; a film-maker's directions are what they show.
        (
            "Open on a quiet park in the morning. A brown dog trots along the path and sniffs "
            "a tree. Later it meets a grey dog. End at the cafe, where the dog gets a pup cup.",
            [
                "A quiet park in the morning.",
                "A brown dog trots along the path.",
                "The dog sniffs a tree.",
                "The dog meets a grey dog.",
                "The dog gets a pup cup at the cafe.",
            ],
        ),
        (
            "It is raining in the city. A man waits at a bus stop, a taxi drives past.",
            ["It is raining in the city.", "A man waits at a bus stop.", "A taxi drives past."],
        ),
        (
            "A day at the beach: a child runs along the shore, then a seagull flies over it",
            ["A day at the beach.", "A child runs along the shore.", "A seagull flies over it."],
        ),
        (
            "a brand video for Barkery, a bakery for dogs: a dog eats a treat",
            ["Barkery, a bakery for dogs.", "A dog eats a treat."],
        ),
        (
            "A cat walks to the window. Outside, it is snowing.",
            ["A cat walks to the window.", "Outside, it is snowing."],  # was "The cat Outside."
        ),
        (
            "a dog walks to the park, where it meets a friend",
            ["A dog walks to the park.", "The dog meets a friend."],
        ),
        # Two joined by "and" are the subject together, in every beat.
        (
            "a short film: a girl and her dog walk through the park, then sit by a tree",
            ["A girl and her dog walk through the park.", "The girl and her dog sit by a tree."],
        ),
        (
            "a dog and a white cat playing, then sleeping",
            ["A dog and a white cat play.", "The dog and the cat sleep."],
        ),
        # A beat that opens with "the", "a" or "his" tells of something else, or lists what
        # happens: it was "The boy the kite gets stuck in a tree."
        (
            "a boy flies a kite, then the kite gets stuck in a tree",
            ["A boy flies a kite.", "The kite gets stuck in a tree."],
        ),
        ("a man opens a gift, his face lights up", ["A man opens a gift.", "His face lights up."]),
        (
            "a girl reads, then the sun sets and the stars come out",
            ["A girl reads.", "The sun sets and the stars come out."],
        ),
        ("a dog's day: a walk, a nap, a snack", ["A dog's day: a walk.", "A nap.", "A snack."]),
        (  # who it is, then what it does: "A dog loves the beach runs into the waves."
            "a dog who loves the beach runs into the waves",
            ["A dog who loves the beach runs into the waves."],
        ),
        (  # and when it does it in -ing: "A cat hates rain watching the storm …"
            "a cat that hates rain watching the storm from the window",
            ["A cat that hates rain watches the storm from the window."],
        ),
        (
            "a man who lost his dog searching the park",
            ["A man who lost his dog searches the park."],
        ),
        ("a dog who loves running on the beach", ["A dog loves running on the beach."]),
        ("a cat that hates rain naps on the sofa", ["A cat that hates rain naps on the sofa."]),
        (  # of the second of two ("… and the seagull keeps him company.")
            "a lonely lighthouse keeper and the seagull who keeps him company",
            ["A lonely lighthouse keeper and the seagull who keeps him company."],
        ),
        (  # how it is shot: "The woman close-up of her shoes."
            "a woman jogs, close-up of her shoes",
            ["A woman jogs.", "Close-up of her shoes."],
        ),
        # a gerund naming a kind of thing is no verb ("Wild Trails horse rides tours.")
        ("a horse riding tours", ["A horse riding tours."]),
        ("a dog walking club", ["A dog walking club."]),
        # the weather or the light, said alone, is the world's ("The cat rain outside.")
        (
            "a cat on the windowsill, rain outside",
            ["A cat on the windowsill.", "Rain outside."],
        ),
        # and what it does is in the present ("Snow falling on the roofs.")
        (
            "snow falling on the roofs of a small village",
            ["Snow falls on the roofs of a small village."],
        ),
        # where one is at home is said of them ("At home.", "Home alone.")
        ("a puppy at home", ["A puppy at home."]),
        ("a puppy home alone", ["A puppy home alone."]),
    ],
)
def test_captions_agree_with_how_many_the_subject_names(request_text, captions):
    beats = split_beats(request_text)
    written = []
    for i, beat in enumerate(beats.beats):  # as the offline planner writes them
        told = beats.beats[beats.setting : i]
        named = any(names_subject(beats.subject, before) for before in told)
        setting = i < beats.setting
        written.append(beat_sentence(beats.subject, beat, first=not named, setting=setting))
    assert written == captions


@pytest.mark.parametrize(
    ("subject", "beat", "left"),
    [
        ("a dog", "a dog at a cafe", "at a cafe"),
        ("a brown dog", "the brown dog sniffing", "sniffing"),
        ("a dog", "the puppy sleeping", "sleeping"),
        ("two dogs", "the dogs sitting", "sitting"),
        ("three dogs", "they sit", "sit"),
        ("a dog", "it starts to rain", "it starts to rain"),  # "it" is as often the weather
        ("a dog", "it runs to the beach", "runs to the beach"),  # unless it does something
        ("a dog", "a cat", "a cat"),  # another kind
        ("a brown dog", "a white dog runs", "a white dog runs"),  # another colour
        ("a dog", "two dogs meeting", "two dogs meeting"),  # another number
        ("a dog", "chasing a dog", "chasing a dog"),  # one it chases
    ],
)
def test_a_beat_loses_only_a_mention_of_the_subject_itself(subject, beat, left):
    assert without_subject(subject, beat) == left


@pytest.mark.parametrize(
    ("one", "many"),
    [("swan", "swans"), ("child", "children"), ("goose", "geese"), ("puppy", "puppies")]
    + [
        ("human", "humans"),
        ("fireman", "firemen"),
        ("fish", "fish"),
        ("bench", "benches"),
        ("horse", "horses"),
        ("wolf", "wolves"),  # "two wolfs" was a box labelled "wolfs" beside them
        ("calf", "calves"),
        ("fox", "foxes"),
    ],
)
def test_a_noun_in_one_and_in_many(one, many):
    assert plural(one) == many and singular(many) == one


@pytest.mark.parametrize(
    ("text", "subject", "beats"),
    [
        # Words that say what the video is like are no beat ("cozy" was a labelled box).
        (
            "a cozy autumn video: leaves falling in the park, a girl jumps into the leaves",
            "a girl",
            ("leaves falling in the park", "jumps into the leaves"),
        ),
        ("a dreamy slow-motion film of a dog running", "a dog", ("running",)),
        ("a girl watching a video of cats", "a girl", ("watching a video of cats",)),
        (
            "a day in the life of a barista: opening the cafe, making latte art",
            "a barista",
            ("opening the cafe", "making latte art"),
        ),
        (
            "a golden retriever puppy plays in the snow",
            "a golden retriever puppy",
            ("plays in the snow",),
        ),
        # Who it is about, met in a later clause; the clauses before it set the scene.
        ("rain on the window, a cat watching", "a cat", ("rain on the window", "watching")),
        # When or where, first and with no comma: of the first clause (its later beats had
        # no one in them, "Sniffs." an empty shot)
        (
            "at sunset a dog walks, sniffs, then sleeps",
            "a dog",
            ("walks at sunset", "sniffs", "sleeps"),
        ),
        ("In the park a boy plays", "a boy", ("plays in the park",)),
        ("At night, a cat prowls", "a cat", ("At night", "prowls")),  # (a comma: its own)
        # a pup cup is a cup ("a dog and a pup cup" was two dogs and a shot of "Cup.")
        ("a dog and a pup cup", "a dog", ("and a pup cup",)),
        # a family of four is who it is about, all four (one person ate alone)
        (
            "a family of four having dinner",
            "a family of four",
            ("having dinner",),
        ),
        # "does" after who does it is the verb: "a girl does" was the subject (two of them,
        # a girl and some deer), the line "The washing up."
        ("a girl does the washing up", "a girl", ("does the washing up",)),
    ],
)
def test_a_video_described_and_a_subject_met_later(text, subject, beats):
    split = split_beats(text)
    assert (split.subject, split.beats) == (subject, beats)


@pytest.mark.parametrize(
    ("gerund", "said"),
    [("hiking", "hikes"), ("seeing", "sees"), ("buzzing", "buzzes"), ("eating", "eats")]
    + [("bathing", "bathes")],  # ("baths": a bath is a noun)
)
def test_a_gerund_is_put_in_the_present(gerund, said):
    assert present_tense(gerund) == said


@pytest.mark.parametrize(
    ("request_text", "beats"),
    [
        # "he" is the boy, not the mom: "The mom flies a kite." and the boy was left out
        (
            "a mom and her little boy walking to the park, then he flies a kite",
            ("walking to the park", "the boy flies a kite"),
        ),
        (
            "a boy and his grandma baking, then she reads a story",
            ("baking", "the grandma reads a story"),
        ),
        ("a girl and her dad at the beach, then she swims", ("at the beach", "she swims")),
    ],
)
def test_he_or_she_of_a_subject_of_two_is_whichever_it_names(request_text, beats):
    assert split_beats(request_text).beats == beats
    assert split_beats("a girl and her little dog play").subject == "a girl and her little dog"


def test_people_together_are_as_many_as_they_are_said_to_be():
    assert drawable("a family of four") == "two people and two children"
    assert drawable("a family of three") == "two people and a child"
    assert drawable("a family of ducks") == "a family of ducks"  # ducks, no people


def test_a_video_named_by_what_it_is_of_is_told_after_its_colon():
    # "a cat video for instagram: a kitten plays …" had a second cat, met by the kitten
    told = split_beats("a cat video for instagram: a kitten plays with a feather")
    assert told.subject == "a kitten" and told.beats == ("plays with a feather",)
    assert split_beats("a dog video: a puppy runs on the beach").subject == "a puppy"
    assert split_beats("a cat video").subject == "a cat"  # nothing told after it: a cat


def test_coming_home_is_what_the_subject_does_not_a_place_of_its_own():
    # "a man comes home from work and …" was captioned "Comes home from work.", no one in it
    assert beat_sentence("a man", "comes home from work", first=True) == (
        "A man comes home from work."
    )
    assert beat_sentence("a kitten", "exploring the house all day", first=True) == (
        "A kitten explores the house all day."
    )
    assert beat_sentence("a man", "the beach at dawn", first=False) == "The beach at dawn."


def test_a_request_opened_by_she_he_or_i_is_about_a_woman_a_man_or_me():
    # "she walks in the park" was the empty park, no one in it
    assert split_beats("she walks in the park").subject == "a woman"
    assert split_beats("he is reading by the fire").beats == ("reading by the fire",)
    assert split_beats("I'm walking my dog").subject == "me"
    assert split_beats("the dog runs, then she follows").subject == "the dog"
