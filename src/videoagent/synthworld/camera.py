"""The virtual camera: which part of the world each frame shows."""

from __future__ import annotations

from dataclasses import dataclass

from videoagent.synthworld.choreography import (
    AFLOAT,
    FLIGHT,
    IN_THE_STROLLER_AT,
    OUT_IN_THE_WATER,
    PERCH_HEIGHT,
    RIDER_LEGS,
    SHOWN_IN_THE_STROLLER,
    SIZE,
    Choreography,
    Pose,
    _ease,
    fishes_aboard,
    seat_of,
    sized_as,
)
from videoagent.synthworld.places import BUILT_UP, SKYLINE
from videoagent.synthworld.spec import SceneSpec, in_a_stroller
from videoagent.synthworld.vocabulary import BEHIND_THE_SUBJECT, IN_THE_SKY, ON_A_TABLE, RIDING

# Height of the view, as a multiple of the subject's height, and the least it may be (metres).
SHOT_HEIGHT = {"wide": (3.2, 4.5), "medium": (2.4, 2.3), "close-up": (1.3, 1.1)}
# How far above the frame's usual ground line a branch one perches on is framed, metres.
PERCH_FRAMED_ABOVE = 0.4
# Where the ground line sits, as a fraction of the frame height from the top.
GROUND_AT = {"wide": 0.8, "medium": 0.86, "close-up": 0.9}
SKY_SHARE = 0.5  # the top share of the frame where what is in the sky is drawn (fireworks)
# How tall a view of fireworks alone is, metres: the place's skyline and the sky above it.
SKY_VIEW = {"city": 30.0, "street": 14.0}
# How much closer a shot of what a place is known by (a lighthouse) is framed than one of
# a creature: it fills the picture as what the shot is of, not a speck in its place.
LANDMARK_CLOSER = 0.55
SKY_ROOM = 1.6  # how much taller a shot is framed that has fireworks: room for the sky


def sky_box(size: tuple[int, int]) -> tuple[float, float, float, float]:
    """Where, in a frame of `size` pixels, what is in the sky is drawn: its top half, far
    beyond the place, whatever the camera does."""
    width, height = size
    return (0.0, 0.0, float(width), height * SKY_SHARE)


def sky_seen(size: tuple[int, int], view: View, place: str) -> float:
    """How much of the sky box a frame shows, 0 to 1: all of it over buildings (drawn over
    them), none indoors, else what is above the place's far scenery (a close-up at the
    beach sees the sea, not the sky)."""
    if place in BUILT_UP:
        return 1.0
    if place not in SKYLINE:
        return 0.0
    foot = view.to_pixels(0.0, SKYLINE[place], size)[1]
    return min(max(foot / sky_box(size)[3], 0.0), 1.0)


@dataclass(frozen=True)
class View:
    """A viewport: its centre x, width and height in metres, and the ground's place on screen."""

    centre_x: float
    width: float
    height: float
    ground_at: float

    def to_pixels(self, x: float, y: float, size: tuple[int, int]) -> tuple[float, float]:
        width_px, height_px = size
        scale = width_px / self.width
        px = (x - (self.centre_x - self.width / 2)) * scale
        py = self.ground_at * height_px - y * scale
        return px, py


def view_size(spec: SceneSpec, aspect: float) -> tuple[float, float]:
    """Width and height in metres of the shot's resting view, sized on its subject."""
    lead = spec.entities[0] if spec.entities else None
    if lead and lead.kind in IN_THE_SKY:  # fireworks alone: the skyline they burst over
        height = SKY_VIEW.get(spec.place, 9.0)
        return height * aspect, height
    subject = sized_as(lead) if lead else "person"
    in_a_bowl = lead and lead.kind == "fish" and any(e.kind == "fishbowl" for e in spec.entities)
    if in_a_bowl:
        subject = "fishbowl"  # a goldfish: framed on its bowl
    factor, least = SHOT_HEIGHT[spec.shot_size]
    if lead and lead.kind in BEHIND_THE_SUBJECT:  # a waterfall: what the place is known by
        factor *= LANDMARK_CLOSER
    tall = SIZE[subject][1]
    if lead and lead.action in RIDING and lead.target is not None:  # a rider's head
        ridden = spec.entities[lead.target].kind
        tall = seat_of(lead.kind, ridden)[1] + SIZE[subject][1] - RIDER_LEGS - 0.2
    on_a_table = lead and (lead.kind in ON_A_TABLE or in_a_bowl)
    if on_a_table and any(e.kind == "table" for e in spec.entities):
        tall += SIZE["table"][1]  # a cake on its table: framed from the floor up to it
    carried = lead and in_a_stroller(lead, spec.entities)
    if carried:  # sitting up in a stroller: framed from the ground up to its head
        tall = IN_THE_STROLLER_AT + SIZE[subject][1] * SHOWN_IN_THE_STROLLER
    if lead and lead.action == "sleep" and not carried:  # lying: framed on its length too
        x0, y0, x1, y1 = Pose(0.0, 0.0, 1, "sleep", 0.0).box(subject)
        tall = max(y1 - y0, (x1 - x0) * 1.25 / (factor * aspect))
    height = max(tall * factor, least)
    if lead and lead.action in ("takeoff", "land"):  # room above for its climb
        height += FLIGHT[lead.kind]
    if any(e.kind in IN_THE_SKY for e in spec.entities):  # what bursts above needs sky
        height *= SKY_ROOM
    return height * aspect, height


class Camera:
    """Views over time for a shot, following its spec's camera move and shot size."""

    def __init__(self, choreography: Choreography, aspect: float) -> None:
        spec = choreography.spec
        self.choreography = choreography
        self.move = spec.camera
        self.width, self.height = view_size(spec, aspect)
        self.ground_at = GROUND_AT[spec.shot_size]
        lead = spec.entities[0] if spec.entities else None
        afloat = lead is not None and fishes_aboard(lead, spec.entities)  # in its boat
        if lead is not None and (lead.action in AFLOAT or afloat):
            # out in the water: framed there, as if it stood where the shore is
            self.ground_at += OUT_IN_THE_WATER.get(spec.place, 0.0) / self.height
        if lead is not None and lead.action == "perch" and lead.target is not None:
            # up in its tree: framed on its branch, a little of the trunk below it
            perch = PERCH_HEIGHT[spec.entities[lead.target].kind]
            self.ground_at += max(perch - PERCH_FRAMED_ABOVE, 0.0) / self.height
        start, end = choreography.subject_span()
        self.middle = (start + end) / 2
        self.offset = 0.0  # metres right of where it was staged: where a shot left it

    def view(self, t: float) -> View:
        u = t / self.choreography.duration
        scale = 1.0
        centre = self.middle + self.choreography.shift
        if self.move in ("track", "zoom in", "zoom out") and self.choreography.entities:
            centre = self.choreography.pose(0, t).x
            if self.move == "track":
                centre += 0.12 * self.width * self.choreography.pose(0, t).facing
        elif self.move == "pan" and self._outruns_pan():
            # A subject crossing more ground than the pan sweeps is panned with, as a camera
            # operator follows a runner (it ran out of the frame halfway through).
            centre = self.choreography.pose(0, t).x
        elif self.move == "pan":
            centre += -0.3 * self.width + 0.6 * self.width * u
        if self.move == "zoom in":
            scale = 1.7 - 0.7 * _ease(u)
        elif self.move == "zoom out":
            scale = 1.0 + 0.7 * _ease(u)
        return View(centre + self.offset, self.width * scale, self.height * scale, self.ground_at)

    def _outruns_pan(self) -> bool:
        start, end = self.choreography.subject_span()
        return abs(end - start) > 0.6 * self.width

    def extent(self, steps: int = 24) -> tuple[float, float, float]:
        """Leftmost x, rightmost x and largest width the camera ever shows."""
        views = [self.view(self.choreography.duration * i / steps) for i in range(steps + 1)]
        left = min(v.centre_x - v.width / 2 for v in views)
        right = max(v.centre_x + v.width / 2 for v in views)
        return left, right, max(v.width for v in views)
