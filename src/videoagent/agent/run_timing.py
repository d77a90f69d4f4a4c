"""What a run measures for the next one's estimate (`wall_estimate.py`): each take it
made, and how long its generate phase and its finishing took."""

from __future__ import annotations

from videoagent.agent.wall_estimate import TakeShape
from videoagent.store.measured_times import MeasuredTimes


def take_shape(shot, request, shooter) -> TakeShape:
    """How `shot`'s take will be asked for: backend, model version, size, rate, length."""
    width, height = shot.source_size or (request.width, request.height)
    return TakeShape(
        backend=shot.backend,
        model=shooter.generator_for.version(shot.backend),
        width=width,
        height=height,
        fps=float(request.rate.fps),
        seconds=float(request.rate.seconds(shot.source_frames)),
    )


def record_times(
    times: MeasuredTimes,
    shapes: dict[str, TakeShape],
    takes: dict[str, list],
    *,
    new: list[str],
    generate_wall: float,
    finish_wall: float,
    video_seconds: float,
    size: tuple[int, int],
) -> None:
    """Keep every take this run made and the run's phases. A take taken from a cache took
    no time here and is not a measurement."""
    first_takes_wall = 0.0
    for shot_id, made in takes.items():
        made_here = [take for take in made if take.origin == "generated"]
        shape = shapes.get(shot_id)
        if shape is None:
            continue
        for take in made_here:
            times.add(
                "take",
                backend=take.backend,
                model=shape.model,
                width=shape.width,
                height=shape.height,
                fps=shape.fps,
                mode=take.mode,
                video_seconds=shape.seconds,
                wall=round(take.seconds, 3),
                failed=take.error is not None,
            )
        if shot_id in new and made_here:
            first_takes_wall += min(made_here, key=lambda take: take.number).seconds
    times.add(
        "run",
        new_shots=len(new),
        backends=sorted({shapes[shot_id].backend for shot_id in new if shot_id in shapes}),
        first_takes_wall=round(first_takes_wall, 3),
        generate_wall=round(generate_wall, 3),
        finish_wall=round(finish_wall, 3),
        video_seconds=round(video_seconds, 3),
        width=size[0],
        height=size[1],
    )
