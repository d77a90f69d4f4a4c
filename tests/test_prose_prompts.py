"""What a model that reads prose is told of a shot agrees with its caption, in the
request's own words: the place as named, people by what they wear, no stand-ins."""

from __future__ import annotations

from videoagent.agent.planning import preview_plan
from videoagent.plan.place_names import place_as_written
from videoagent.plan.request import Request
from videoagent.synthworld.articles import a_or_an
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse


def _prompts(text: str, backend: str = "xai") -> list:
    board, _ = preview_plan(Request.build(text), [backend])
    return board.shots


def test_the_place_is_told_as_the_request_names_it_in_every_shot_there():
    shots = _prompts("a dog walks through the garden, sniffs around, then meets a friend")
    assert len(shots) >= 3
    assert all("Setting: a garden in the morning" in s.prompt for s in shots)  # not "park"
    shots = _prompts("two friends walk through a snowy forest")
    assert all("Setting: a snowy forest in the morning, in falling snow" in s.prompt for s in shots)


def test_what_synthworld_only_stands_in_for_is_not_told():
    shots = _prompts("a short film about an old man who feeds the ducks at the lake every morning")
    for shot in shots:
        assert "Setting: a lake in the morning" in shot.prompt
        assert "the old man the story follows, dressed in blue" in shot.prompt
        # synthworld draws him walking by two placeholders; the model reads the caption
        for stand_in in ("walks along", "placeholder", "stands nearby", "blue person", "park"):
            assert stand_in not in shot.prompt
    routine = _prompts("a 12 second video of my dog's morning routine: stretching, a walk")
    assert all("Cast: the brown dog the story follows." in s.prompt for s in routine)


def test_people_are_told_by_what_they_wear_and_greet_as_people_do():
    shots = _prompts("a man meets a woman in the park, then they walk to a café")
    meeting = shots[0].prompt
    assert "a person in grey" in meeting and "grey person" not in meeting
    assert "The man and a person in grey meet and greet each other." in meeting
    assert "nose to nose" not in meeting
    arriving = shots[-1].prompt
    assert "The camera travels on as the park gives way to the café." in arriving


def test_a_thing_is_introduced_once_then_named_again():
    shots = _prompts("a 12 second video of a dog getting a pup cup", backend="veo")
    told = next(s.prompt for s in shots if "hands" in s.prompt)
    assert (
        "The dog eats from a white cup. A person in green hands the white cup to the dog." in told
    )
    assert "The setting is a café terrace in the morning, under a clear sky." in told


def test_place_words_are_found_with_what_describes_them():
    assert place_as_written("two friends walk through a snowy forest") == ("forest", "snowy forest")
    assert place_as_written("a dog runs in the dog park") == ("park", "dog park")
    assert place_as_written("walks through the park to a café", "cafe") == ("cafe", "café")
    assert place_as_written("a dog sleeps") == ("", "")


def test_what_synthworld_draws_where_nothing_is_said_is_not_told():
    looking = _prompts("a cat looks out of the window while it rains")[0].prompt
    assert "walks" not in looking and "rain on the windows" in looking
    sleeping = _prompts("a cat sleeping on the sofa")[0].prompt
    assert "sits" not in sleeping and "Setting: a living room in the morning." in sleeping
    walking = _prompts("a person walking a dog in the rain")[0].prompt
    assert "The person walks along. A brown dog walks along." in walking


def test_the_cast_a_count_adds_is_described_as_a_model_reads_it():
    told = _prompts("three birds and a cat in the garden")[0].prompt
    assert "an orange cat; a red bird (one of the three birds); a red bird (one of" in told


def test_a_place_by_its_name_is_told_by_its_name():
    shots = _prompts("a brand video for Sunny Café: morning coffee on the terrace")
    assert [s.kind for s in shots][0] == [s.kind for s in shots][-1] == "card"  # a brand video
    filmed = [s for s in shots if s.kind == "generated"]
    assert filmed and all("Setting: Sunny Café in the morning" in s.prompt for s in filmed)
    assert place_as_written("a walk in Central Park") == ("park", "Central Park")
    assert place_as_written("Café scene with a dog") == ("cafe", "café")


def test_a_lead_of_several_and_the_rest_of_them_are_told_by_the_requests_word():
    """ "Two swans" were "the white bird the story follows; a white bird (one of the two
    birds)"; three children were "A person in red runs."."""
    swans = _prompts("two swans on the lake at sunset")[0].prompt
    assert "Cast: the white swan the story follows; a white swan (one of the two swans)." in swans
    children = _prompts("three children run in the park")[0].prompt
    assert "a child in red (one of the three children)" in children
    assert "The child runs. The child in red runs. The child in green runs." in children
    dogs = _prompts("two dogs chasing a red ball")[0].prompt  # alike: "another"
    assert "Another brown dog chases the red ball." in dogs
    kids = _prompts("two kids play at the beach")[0].prompt
    assert "the kid's friend, a kid in grey" in kids and "the person's friend" not in kids


def test_a_or_an_goes_by_the_sound_a_word_starts_with():
    said = {w: a_or_an(w) for w in ("unicycle", "umbrella", "hour", "house", "owl", "euro")}
    assert said == dict(unicycle="a", umbrella="an", hour="an", house="a", owl="an", euro="a")
    assert "A unicycle stands nearby" in caption(parse("a man riding a unicycle").spec)


def test_what_is_named_as_many_is_said_without_an_a():
    for prompt, said in (
        ("a little girl chasing bubbles", "chases white bubbles"),  # "a white bubbles"
        ("a girl holding balloons", "holds some red balloons"),
    ):
        spec = parse(prompt).spec
        assert said in caption(spec) and parse(caption(spec)).spec == spec
