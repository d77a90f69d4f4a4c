"""How long a request asks its video to be, as people write it."""

from __future__ import annotations

import pytest

from videoagent.errors import UsageError
from videoagent.plan.request import Request


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("a 36 second video of a dog", 36),
        ("a 30-second clip of a cat", 30),
        ("a 1.5-minute film of rain", 90),
        ("a twenty-five second video of a dog", 25),
        ("a twenty five second video of a dog", 25),
        ("an eleven second clip of a bird", 11),
        ("half a minute of a dog in the park", 30),
        ("a minute and a half of a dog in the park", 90),
        ("one and a half minutes of a cat", 90),
        ("a dog at a museum", 30),  # "a m…" is no duration: the default
        ("a 36s video of a dog", 36),  # digits may run into their unit
        # A word may not: "as" was "a s", a one-second video; "am" one minute.
        ("a dog runs as the sun comes up", 30),
        ("I am making a video of a cat", 30),
        # The video's own length, where the story names another ("waits 5 minutes").
        ("a dog waits 5 minutes for its owner, a 20 second video", 20),
        ("a dog waits 5 minutes for its owner", 300),
    ],
)
def test_a_duration_is_read_as_written(text, seconds):
    assert Request.build(text).seconds == seconds


def test_a_negative_duration_is_refused_not_read_as_positive():
    with pytest.raises(UsageError, match="got -5"):
        Request.build("a -5 second video of a dog")
