"""The `procedural` generator: parses its prompt into a synthworld scene and renders it.
An extension carries on one of its own takes: its subject, camera and gait go on from where
that take left them, over the same scenery.

Besides the clip it writes `<clip>.truth.json`: exact ground truth of every frame, which the
evaluate step checks against the shot's intent, and the shot's sound events (footfalls,
landings) at exact times, on which the soundtrack places its effects.
"""

from __future__ import annotations

from pathlib import Path

from videoagent import synthworld
from videoagent.errors import GenerationError
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.store.truth_file import read_truth, truth_path, write_truth
from videoagent.synthworld.events import sound_events
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.render import Renderer
from videoagent.synthworld.staging import Carry
from videoagent.synthworld.truth import summarise


class ProceduralGenerator(Generator):
    """Synthworld renderer behind the Generator interface."""

    name = "procedural"
    version = f"synthworld-{synthworld.VERSION}"

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        parsed = parse(request.prompt)
        renderer = Renderer(
            parsed.spec,
            size=(request.width, request.height),
            fps=float(request.rate.fps),
            frames=request.frames,
            seed=request.seed,
            carry=_carried(request),
        )
        truths = []
        with request.writer(output) as writer:
            for frame, truth in renderer:
                writer.write(frame)
                truths.append(truth)
        summary = summarise(truths)
        fps = float(request.rate.fps)
        events = [
            event.to_dict(fps)
            for event in sound_events(renderer.choreography)
            if _seen(truths, event.entity, min(round(event.time * fps), len(truths) - 1))
        ]
        write_truth(
            output,
            {
                "spec": parsed.spec.to_dict(),
                "summary": summary,
                "frames": [t.to_dict() for t in truths],
                "events": events,
                "carry": renderer.stage.carried_on(renderer.seed).to_dict(),
            },
        )
        report = {
            "understood": parsed.spec.to_dict(),
            "placeholders": parsed.placeholders,
            "unsupported_words": parsed.unsupported_words,
            "notes": parsed.notes,
            "truth": summary,
            "truth_file": truth_path(output).name,
            "carried_on": Path(request.references[0]).name if request.mode == "extend" else None,
        }
        return self.finished(request, output, report)


def _seen(truths: list, entity: int, frame: int) -> bool:
    """Whether `entity` is mostly in the picture at `frame` (an event off screen is silent)."""
    return any(e.index == entity and e.visible >= 0.5 for e in truths[frame].entities)


def _carried(request: GenerationRequest) -> Carry | None:
    """Where the take an extension carries on left its world (None: not an extension).
    Only our own takes say it (in their ground truth); GenerationError for any other."""
    if request.mode != "extend":
        return None
    if not request.references:
        raise GenerationError(f"{request.label}: an extension needs the take it carries on")
    source = Path(request.references[0])
    truth = read_truth(source) or {}
    if "carry" not in truth:
        raise GenerationError(
            f"procedural extends only its own takes, which say where they left their world; "
            f"{source.name} does not"
        )
    return Carry.from_dict(truth["carry"])
