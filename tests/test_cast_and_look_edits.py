"""The cast and the look changed by an edit: one of the cast in another colour in the shots
it is in, one more in a shot, or a look for the shots told in prose; those shots are made
again, the rest reused, and the asks follow."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import QUIET
from videoagent import Agent
from videoagent.errors import UsageError
from videoagent.media.probe import probe
from videoagent.plan.request import Request
from videoagent.store.truth_file import read_truth


def test_the_girl_made_to_wear_red_is_red_in_every_shot_she_is_in(tmp_path):
    """It was read as a new idea for one shot: a blue person walking, her cup and bench gone."""
    agent = Agent(QUIET)
    text = "a dog sniffs around the park, then a girl in blue drinks a coffee on a bench"
    made = agent.make(Request.build(text, duration=4, size="160x90"), tmp_path / "f")
    with_girl = [s["id"] for s in made.manifest["shots"] if "person" in s.get("cast", [])]
    assert with_girl and len(with_girl) < len(made.manifest["shots"])
    taken = {s["id"]: s["chosen_take"] for s in made.manifest["shots"]}
    edited = agent.edit(made.folder, "make the girl wear red")
    for shot in edited.manifest["shots"]:
        if shot["id"] not in with_girl:
            assert shot["chosen_take"] == taken[shot["id"]]  # untouched, reused
            continue
        assert "red person" in shot["prompt"] and "blue person" not in shot["prompt"]
        used = next(t for t in shot["takes"] if t["take"] == shot["chosen_take"])
        truth = read_truth(made.folder / used["file"])
        people = {
            e["colour"] for f in truth["frames"] for e in f["entities"] if e["kind"] == "person"
        }
        assert people == {"red"}
    states = {a["said"]: a["state"] for a in edited.manifest["asks"]}
    assert states["a red person"] == "shown" and "a blue person" not in states
    (bible,) = [e for e in edited.manifest["bible"]["entities"] if e["id"] == "person"]
    assert bible["colour"] == "red" and "blue" not in bible["description"]


def test_a_length_an_edit_changes_is_the_length_asked_from_then_on(tmp_path):
    """Asked for 4 s and then a shot removed: "4 s long" was said not shown."""
    agent = Agent(QUIET)
    text = "a 4 second video of a dog walking in the park, then a dog sitting on the beach"
    made = agent.make(Request.build(text, size="160x90"), tmp_path / "f")
    edited = agent.edit(made.folder, "remove shot 2")
    lengths = [a for a in edited.manifest["asks"] if a["kind"] == "length"]
    assert [(a["said"], a["state"]) for a in lengths] == [("2 s long", "shown")]


def test_a_dog_added_to_a_shot_joins_it_as_it_was(tmp_path):
    """ "Add a dog to the second shot" was refused as unclear."""
    agent = Agent(QUIET)
    text = "a girl buys a coffee, then she drinks it on a bench"
    made = agent.make(Request.build(text, duration=4, size="160x90"), tmp_path / "f")
    first, second = made.manifest["shots"]
    edited = agent.edit(made.folder, "add a dog to the second shot")
    again, now = edited.manifest["shots"]
    assert again["chosen_take"] == first["chosen_take"] and again["cast"] == first["cast"]
    assert now["cast"] == [*second["cast"], "dog"]  # all that was there, and the dog
    assert now["caption"] == "The girl drinks it on a bench with a dog."
    used = next(t for t in now["takes"] if t["take"] == now["chosen_take"])
    truth = read_truth(made.folder / used["file"])
    seen = {e["kind"] for f in truth["frames"] for e in f["entities"] if e["visible"] > 0}
    assert {"person", "cup", "bench", "dog"} <= seen
    states = {a["said"]: a["state"] for a in edited.manifest["asks"]}
    assert states["a dog"] == "shown"


def test_a_look_asked_by_an_edit_makes_the_prose_shots_again_in_it(tmp_path, monkeypatch):
    """ "Make it anime" was refused: no edit changed the look."""
    from dataclasses import replace

    from fake_providers import KEY, FakeXai
    from videoagent.generators import capabilities

    caps = capabilities("xai")
    monkeypatch.setenv(caps.setup["key_env"], KEY)
    fake = FakeXai(tmp_path, price=caps.price_per_second)
    try:
        options = {"xai": {"api_key": KEY, "base_url": fake.url, "first_poll": 0.01}}
        agent = Agent(replace(QUIET, backend="xai", generator_options=options))
        made = agent.make(Request.build("a dog walking, then sitting", duration=4, size="160x90"),
                          tmp_path / "f")  # fmt: skip
        sent = len(fake.ledger.submissions)
        edited = agent.edit(made.folder, "make it anime")
    finally:
        fake.close()
    shots = [s for s in edited.manifest["shots"] if s["kind"] == "generated"]
    assert all("Style: anime, cel shading" in s["prompt"] for s in shots)
    assert len(fake.ledger.submissions) == sent + len(shots)  # each made again, once


def test_a_look_for_shots_synthworld_draws_is_refused_with_what_it_can_take(tmp_path):
    made = Agent(QUIET).make(Request.build("a dog walking", duration=2, size="160x90"),
                             tmp_path / "f")  # fmt: skip
    with pytest.raises(UsageError, match="drawn by synthworld, which has its own look"):
        Agent(QUIET).edit(made.folder, "make it anime")


def test_a_scene_an_edit_adds_is_set_where_the_request_says_it_is(tmp_path):
    """Its prompt said "a park" for the garden the rest of the video is in."""
    agent = Agent(QUIET)
    made = agent.make(Request.build("a dog walks through the garden", duration=2, size="160x90"),
                      tmp_path / "f")  # fmt: skip
    agent.edit(made.folder, "add a scene where the dog sits")
    board = json.loads((made.folder / "storyboard.json").read_text())
    assert [s["setting"] for s in board["shots"]] == ["garden"] * 2


def test_a_scene_added_at_the_start_comes_first_and_says_no_start(tmp_path):
    agent = Agent(QUIET)
    made = agent.make(Request.build("a dog walks in the park", duration=2, size="160x90"),
                      tmp_path / "f")  # fmt: skip
    edited = agent.edit(made.folder, "add a shot of a cat sitting on a bench at the start")
    assert [s["beat"] for s in edited.manifest["shots"]][0] == "a cat sitting on a bench"
    assert all(s["could_not_show"] == [] for s in edited.manifest["shots"])
    assert {a["state"] for a in edited.manifest["asks"]} == {"shown"}


def test_one_of_the_cast_does_something_else_in_one_shot_the_others_kept(tmp_path):
    agent = Agent(QUIET)
    made = agent.make(Request.build("a dog walks in the park, then it sniffs a bench",
                                    duration=4, size="160x90"), tmp_path / "f")  # fmt: skip
    edited = agent.edit(made.folder, "make the dog sit in the last shot")
    before, after = made.manifest["shots"], edited.manifest["shots"]
    assert after[-1]["scene"]["entities"][0]["action"] == "sit"
    assert after[-1]["caption"].endswith("The dog sits.")
    assert after[0]["chosen_take"] == before[0]["chosen_take"]  # not made again
    assert after[-1]["chosen_take"] != before[-1]["chosen_take"]  # made again
    states = {a["said"]: a["state"] for a in edited.manifest["asks"]}
    assert states["the dog sits"] == "shown"


def test_the_music_taken_out_stays_out_and_the_whole_video_goes_to_night(tmp_path):
    """ "Remove the music", "make it all at night" and "cut the last second" were refused
    without a language model; the music's choice is the project's from then on."""
    agent = Agent(replace(QUIET, music=True))
    text = "a dog walks in the park at sunset, then sits by a bench"
    made = agent.make(Request.build(text, duration=4, size="160x90"), tmp_path / "f")
    assert made.manifest["sound"]["parts"]["music"]["made"]
    quiet = agent.edit(made.folder, "remove the music")
    assert not quiet.manifest["sound"]["parts"]["music"]["made"]
    assert [s["chosen_take"] for s in quiet.manifest["shots"]] == [
        s["chosen_take"] for s in made.manifest["shots"]
    ]  # nothing generated
    night = agent.edit(made.folder, "make it all at night")
    assert not night.manifest["sound"]["parts"]["music"]["made"]  # still out
    assert {s["scene"]["time_of_day"] for s in night.manifest["shots"]} == {"night"}
    times = [a for a in night.manifest["asks"] if a["kind"] == "time"]
    assert [(a["what"], a["state"]) for a in times] == [("night", "shown")]  # no sunset
    shorter = agent.edit(made.folder, "cut the last second")
    assert shorter.verified and probe(shorter.video, count_frames=True).frames == 72  # 3 s
