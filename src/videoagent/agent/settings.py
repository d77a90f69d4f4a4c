"""How the agent works (AgentSettings) and what a run delivered (Result)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from videoagent.store.takes import default_shared_cache
from videoagent.timeline.caption_style import DEFAULT_STYLE

if TYPE_CHECKING:
    from videoagent.agent.shot_executor import ShotExecutor


@dataclass
class Result:
    """What a run delivered."""

    folder: Path
    video: Path
    manifest: dict
    verified: bool

    @property
    def kept_failing(self) -> list[dict]:
        """Shots that kept a take that failed its checks (agent/kept_failing.py)."""
        return self.manifest.get("kept_failing", [])


# Chosen once for a project at `make` and kept with it (project.json): a later edit, shot or
# resume runs with the project's choices, not the defaults.
KEPT_CHOICES = (
    "narrate",
    "music",
    "effects",
    "ambience",
    "burn_captions",
    "caption_style",
    "content_credentials",
    "watermark",
    "loudness",
    "profile",
    "music_file",
    "voiceover_file",
    "voice",
)


@dataclass
class AgentSettings:
    """How the agent works: backends, retries, parallelism, planner, spending, caches.

    `backend` pins one generator; `backends` names a pool to route each shot among (the
    cheapest able); neither: every configured backend, else the best offline one.
    `approve`, when set, is shown the estimate and must return True before anything is
    generated. `judge_url` names an OpenAI-compatible vision endpoint whose verdict on
    each new take joins its checks. `generator_options` holds constructor options per
    backend name."""

    backend: str | None = None
    backends: list[str] | None = None
    max_retries: int = 2
    workers: int = 2
    llm_url: str | None = None  # plans, writes narration, reads edits our phrasings cannot
    llm_model: str | None = None
    # Reads only the edits our phrasings cannot, when llm_url is not set (the command line
    # puts the packaged model here when it is installed: llm/endpoint.py `readers`).
    edit_reader: str | None = None
    judge_url: str | None = None  # a vision model's endpoint: it judges every new take
    judge_model: str | None = None
    budget: float | None = None
    approve: Callable[[dict], bool] | None = None
    # Make the whole video on the procedural world first (agent/preview.py), then ask.
    preview: bool = False
    narrate: bool | None = None  # None: as the mode wants (ugc-product, brand, short-film)
    music: bool = True
    # The user's own music instead of the generated bed (audio/user_music.py): a path, kept
    # in the project as "music/<name>" once made.
    music_file: str | None = None
    # The user's recording as the narration (audio/user_voiceover.py), kept the same way.
    voiceover_file: str | None = None
    voice: str | None = None  # the narration's voice by name (audio/voice.VOICES); None: best
    effects: bool = True
    ambience: bool = True
    burn_captions: bool = False  # draw the voice's subtitles into the picture too
    # How burned subtitles look (timeline/caption_style.py); naming one burns them.
    caption_style: str | None = None
    # Give the plan what the request counts before anything is made (plan/asks_in_plan.py);
    # off only to measure what it changes (benchmarks/request_adherence.py).
    cover_asks: bool = True
    # Make again the shots staging an ask the takes do not show (agent/asks_loop.py), within
    # the retries and the budget; off only to measure what it changes.
    retake_for_asks: bool = True
    content_credentials: bool = True  # sign delivered videos (C2PA; the provenance extra)
    watermark: bool = True  # mark every frame invisibly (media/watermark.py)
    cancel: threading.Event | None = None  # set from another thread to stop the run
    loudness: float = -16.0  # LUFS, EBU R128 integrated (web)
    # A platform's upload file and cover beside the video (plan/platform_profiles.py).
    profile: str | None = None
    generator_options: dict[str, dict] = field(default_factory=dict)
    shared_cache: Path | None = field(default_factory=default_shared_cache)
    # A paid submission that got no answer may have made a job: send it again only when
    # the user says so (`resume --resubmit-in-doubt`).
    resubmit_in_doubt: bool = False
    # Where shots are made: None, threads of this process (`workers` at a time); a
    # RayExecutor, tasks on a Ray cluster (agent/ray_executor.py).
    executor: ShotExecutor | None = None

    def burned_captions(self) -> str | None:
        """The style subtitles are drawn into the picture in, or None: not drawn."""
        if self.caption_style:
            return self.caption_style
        return DEFAULT_STYLE if self.burn_captions else None

    def target_loudness(self) -> float:
        """The loudness the sound is mastered to: the platform's when a profile is chosen."""
        if self.profile:
            from videoagent.plan.platform_profiles import platform_profile

            return platform_profile(self.profile).lufs
        return self.loudness
