"""An animatic before paying (`make --preview`): the whole video made first on the
procedural world, at half the size, from the same plan (the same shots, frame for frame,
the same narration and sound), into the project's `preview/` folder, free and in seconds.
The real backends then make it only after the estimate is approved, and their video keeps
the preview's cuts to the frame, because both come from the one storyboard.

The preview is a project of its own (its own journal, takes and manifest), so it can be
opened, played and edited like any other; the project it previews never reads it.
"""

from __future__ import annotations

from dataclasses import replace

from videoagent.agent.planning import write_prompts
from videoagent.agent.state import ProjectState
from videoagent.plan.storyboard import Storyboard
from videoagent.store.project import ProjectFolder

PREVIEW = "preview"  # the folder inside the project
BACKEND = "procedural"  # free, offline, and it draws every shot it can read
SMALLEST_WIDTH = 160


def preview_state(state: ProjectState) -> ProjectState:
    """A new project in `state`'s `preview/` folder with its plan: every generated shot
    routed to the procedural backend (its prompt written in that backend's dialect), at
    half the size."""
    folder = ProjectFolder.create(state.folder.root / PREVIEW)
    board = Storyboard.from_dict(state.storyboard.to_dict())
    width, height = _half(board.width, board.height)
    board = replace(board, width=width, height=height)
    for shot in board.shots:
        shot.source_size = None
        if shot.kind == "generated":
            shot.prompt = ""  # written again, for the procedural world
    write_prompts(
        board, [BACKEND], style=state.brief.style if state.brief else "", bible=state.bible
    )
    preview = ProjectState(
        folder,
        replace(state.request, width=width, height=height),
        BACKEND,
        [],  # the procedural world draws from words, not from reference images
        pool=[BACKEND],
        choices=state.choices,
    )
    preview.brief, preview.bible, preview.storyboard = state.brief, state.bible, board
    preview.save()
    return preview


def preview_settings(settings):
    """The settings the preview is made with: free, on the procedural world, no question."""
    return replace(
        settings, backend=BACKEND, backends=None, approve=None, budget=None, preview=False
    )


def _half(width: int, height: int) -> tuple[int, int]:
    """Half the size, even, at least SMALLEST_WIDTH across (the shape kept)."""
    scale = max(0.5, SMALLEST_WIDTH / width) if width > SMALLEST_WIDTH else 1.0
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)
