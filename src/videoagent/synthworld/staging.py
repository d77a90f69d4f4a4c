"""Where everything in a shot is, frame by frame, without painting a pixel.

The choreography says where each entity stands and what it does; the camera says what is in
view. Together they give each frame's ground truth, boxes included: the renderer paints
from it, and the `embedded` generator takes its layout (boxes per frame) from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from videoagent.synthworld.boundary import Boundary, arrival
from videoagent.synthworld.camera import Camera, View, sky_box, sky_seen, view_size
from videoagent.synthworld.choreography import Choreography, Pose, drawn_scale, sized_as
from videoagent.synthworld.spec import SceneSpec
from videoagent.synthworld.truth import EntityTruth, FrameTruth
from videoagent.synthworld.vocabulary import IN_THE_SKY, how_many


@dataclass(frozen=True)
class Carry:
    """Where a shot left its world, the moment after its last frame: what a shot that
    carries it on (an extension) starts from."""

    subject_x: float  # the subject's ground x (metres)
    camera_x: float  # the centre of the camera's view
    gait: float  # where the gait, wag and flap cycles stand (seconds)
    seed: int  # the seed its scenery was painted with
    boundary: Boundary | None = None  # where its world changes place, if it does

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Carry:
        boundary = data.get("boundary")
        return cls(**{**data, "boundary": Boundary(**boundary) if boundary else None})


class Stage:
    """One shot's choreography and camera, seeded as the renderer seeds them."""

    def __init__(
        self,
        spec: SceneSpec,
        *,
        size: tuple[int, int],
        fps: float,
        frames: int,
        seed: int = 0,
        gait_offset: float | None = None,
        carry: Carry | None = None,
        extends: bool = False,
    ) -> None:
        """`gait_offset`: where everyone's gait, wag and flap cycles start (seconds); by
        default drawn from the seed, given to carry on a shot that ended there. `carry`:
        the shot this one carries on, whose subject, camera and gait it starts from.
        `extends`: the shot carries on a take whose world is not ours to know (its first
        frame is that take's: a journey's seam must not be in it)."""
        self.spec, self.size, self.fps, self.frames = spec, size, fps, frames
        width, height = size
        view_width, _ = view_size(spec, width / height)
        if carry is not None:
            gait_offset = carry.gait
        if gait_offset is None:
            gait_offset = float(np.random.default_rng([seed % 2**32, 7]).uniform(0.0, 1.0))
        self.choreography = Choreography(
            spec, frames / fps, view_width=view_width, gait_offset=gait_offset
        )
        self.camera = Camera(self.choreography, aspect=width / height)
        if carry is not None:
            if spec.entities:
                self.choreography.shift = carry.subject_x - self.choreography.pose(0, 0.0).x
            self.camera.offset = carry.camera_x - self.camera.view(0.0).centre_x
        self.boundary = self._boundary(carry, extends or carry is not None)

    def _boundary(self, carry: Carry | None, extends: bool) -> Boundary | None:
        """Where this shot's world changes place: its own arrival's seam, or the seam of the
        take it carries on while it stays in the place that take arrived at."""
        spec = self.spec
        if spec.arrives_from is not None:
            first, last = (self.camera.view(t) for t in (0.0, self.choreography.duration))
            facing = self.choreography.pose(0, 0.0).facing if spec.entities else 1
            return arrival(first, last, facing, spec.arrives_from, spec.place, extends=extends)
        if carry is not None and carry.boundary is not None and carry.boundary.ahead == spec.place:
            return carry.boundary
        return None

    def place_seen(self, view: View) -> str:
        """The place the picture shows, where it changes: the one at its centre."""
        return self.spec.place if self.boundary is None else self.boundary.place_at(view.centre_x)

    def carried_on(self, seed: int) -> Carry:
        """Where this shot leaves its world (its scenery painted with `seed`)."""
        end = self.frames / self.fps
        subject = self.choreography.pose(0, end).x if self.spec.entities else 0.0
        gait = self.choreography.gait_offset + end
        return Carry(subject, self.camera.view(end).centre_x, gait, seed, self.boundary)

    def moment(self, index: int) -> tuple[View, list[Pose]]:
        """The camera's view and every entity's pose at frame `index`."""
        t = index / self.fps
        poses = [self.choreography.pose(i, t) for i in range(len(self.spec.entities))]
        return self.camera.view(t), poses

    def truth(self, index: int, view: View | None = None, poses: list[Pose] | None = None):
        """Frame `index`'s ground truth (pass the moment when it is already known)."""
        if view is None or poses is None:
            view, poses = self.moment(index)
        width, height = self.size
        entities = []
        for i, (entity, pose) in enumerate(zip(self.spec.entities, poses, strict=True)):
            x0, y0, x1, y1 = pose.box(sized_as(entity))
            shrunk = drawn_scale(entity, pose, self.spec.entities)  # a child's guitar
            x0, x1 = pose.x + (x0 - pose.x) * shrunk, pose.x + (x1 - pose.x) * shrunk
            y0, y1 = pose.y + (y0 - pose.y) * shrunk, pose.y + (y1 - pose.y) * shrunk
            ax, ay = view.to_pixels(x0, y1, self.size)
            bx, by = view.to_pixels(x1, y0, self.size)
            if entity.kind in IN_THE_SKY:  # over the sky, wherever the camera looks
                ax, ay, bx, by = sky_box(self.size)
            area = max((bx - ax) * (by - ay), 1e-6)
            cx0, cy0 = max(ax, 0), max(ay, 0)
            cx1, cy1 = min(bx, width), min(by, height)
            inside = max(cx1 - cx0, 0) * max(cy1 - cy0, 0)
            if entity.kind in IN_THE_SKY:  # behind the hills, the sea, a wall
                inside *= sky_seen(self.size, view, self.place_seen(view))
            entities.append(
                EntityTruth(
                    index=i,
                    kind=entity.kind if entity.kind != "placeholder" else entity.label,
                    colour=entity.colour,
                    action=pose.action,
                    box=(int(cx0), int(cy0), int(max(cx1, cx0)), int(max(cy1, cy0))),
                    visible=inside / area,
                    facing=pose.facing,
                    many=how_many(entity.label),
                )
            )
        spec = self.spec
        return FrameTruth(
            index,
            self.place_seen(view),
            spec.time_of_day,
            spec.weather,
            spec.camera,
            spec.shot_size,
            tuple(entities),
        )

    def all_truth(self) -> list[FrameTruth]:
        return [self.truth(index) for index in range(self.frames)]
