"""A rock: a boulder that one on it, or sitting on it, sits on top of ("a lion on a rock"
was a labelled box "rock" beside a lion walking past it)."""

from __future__ import annotations

from videoagent.synthworld.render import Renderer


def test_one_on_a_rock_sits_on_its_top(first_planned):
    # a labelled box "rock" stood beside a lion walking past it
    spec, warnings = first_planned("a lion on a rock")
    assert not warnings and [(e.kind, e.action) for e in spec.entities] == [
        ("lion", "sit"),
        ("rock", "stand"),
    ]
    image, truth = Renderer(spec, size=(320, 180), fps=8, frames=2, seed=1).frame(1)
    lion, rock = truth.entities
    assert lion.box[3] < rock.box[3] - 5  # up on it, not on the ground before it
    assert rock.box[0] <= (lion.box[0] + lion.box[2]) / 2 <= rock.box[2]
