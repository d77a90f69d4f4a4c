"""`make --profile`: each platform's video at its shape, size and rate, with an upload file
held to its peak bitrate at its loudness, and a cover; all probed back from the files."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image

from conftest import QUIET
from videoagent import Agent, Request
from videoagent.agent.platform_delivery import BUFFER_SECONDS, deliver_for_platform, video_kbps
from videoagent.audio.loudness import measure
from videoagent.errors import UsageError
from videoagent.media.probe import probe
from videoagent.plan.platform_profiles import PROFILES, platform_profile

pytestmark = pytest.mark.slow  # a video at each platform's full size


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_each_profile_s_files_are_what_it_promises(tmp_path, name):
    profile = platform_profile(name)
    request = Request.build(
        "a dog walking in the park, then a dog sitting",
        duration=2,
        aspect=profile.aspect,
        size=profile.size,
        fps=profile.fps,
    )
    settings = replace(QUIET, music=True, profile=name, loudness=profile.lufs)
    result = Agent(settings).make(request, tmp_path / "film")
    assert result.verified
    renders = tmp_path / "film" / "renders"
    upload = renders / f"{name}.mp4"
    info = probe(upload)
    assert (info.width, info.height, float(info.fps)) == (profile.width, profile.height, 30.0)
    assert info.video_duration == pytest.approx(2.0, abs=0.05)
    average, fullest = video_kbps(upload)
    assert 0 < average <= _allowed(profile.video_kbps, 2.0) and fullest <= _allowed(
        profile.video_kbps, 1.0
    )
    loudness = measure(upload)
    assert abs(loudness.integrated - profile.lufs) <= 1.0 and loudness.true_peak <= -1.0
    assert Image.open(renders / "cover.jpg").size == (profile.width, profile.height)
    assert result.manifest["platform"]["file"] == upload.name


def test_the_peak_holds_where_the_picture_wants_more(tmp_path):
    """A cap far under what the picture takes at the house quality is kept second by second."""
    request = Request.build("a dog running on the beach in the rain", duration=3, size="640x360")
    Agent(replace(QUIET, music=True)).make(request, tmp_path / "film")
    final = tmp_path / "film" / "renders" / "final.mp4"
    wanted = video_kbps(final)[0]
    tight = replace(platform_profile("youtube"), name="tight", video_kbps=int(wanted / 3))
    figures = deliver_for_platform(tmp_path / "film", tight, cover_frame=30)
    assert figures["video_kbps"] <= _allowed(tight.video_kbps, 3.0)
    assert figures["video_kbps_peak_second"] <= _allowed(tight.video_kbps, 1.0)


def _allowed(kbps: float, seconds: float) -> float:
    """The most kbit/s a stretch of `seconds` may average under the VBV the file is held to."""
    return kbps * (seconds + BUFFER_SECONDS) / seconds


def test_an_unknown_profile_is_named():
    with pytest.raises(UsageError, match="unknown --profile 'vimeo'; use one of youtube"):
        platform_profile("vimeo")
