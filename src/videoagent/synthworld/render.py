"""Render a `SceneSpec` into frames, each with its exact ground truth."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
from PIL import Image, ImageDraw

from videoagent.synthworld import atmosphere, places
from videoagent.synthworld.camera import View, sky_box
from videoagent.synthworld.choreography import AFLOAT, SIZE, Pose, drawn_scale, sized_as
from videoagent.synthworld.painters import (
    animals,
    bath,
    creatures,
    fantasy,
    landmarks,
    props,
    scenery,
)
from videoagent.synthworld.painters.pen import Pen, shade
from videoagent.synthworld.spec import EntitySpec, SceneSpec
from videoagent.synthworld.staging import Carry, Stage
from videoagent.synthworld.truth import FrameTruth
from videoagent.synthworld.vocabulary import ANIMALS, BUNCH, COLOURS, IN_THE_SKY, INDOORS

PAINTERS = {
    "dog": creatures.draw_dog,
    "cat": creatures.draw_cat,
    "person": creatures.draw_person,
    "bird": creatures.draw_bird,
    **{kind: partial(animals.draw_animal, kind=kind) for kind in animals.PLANS},
    "rabbit": animals.draw_rabbit,
    "frog": animals.draw_frog,
    "car": props.draw_car,
    "ball": props.draw_ball,
    "cup": props.draw_cup,
    "tree": props.draw_tree,
    "bench": props.draw_bench,
    "rock": props.draw_rock,
    "hammock": props.draw_hammock,
    "house": props.draw_house,
    "cafe stand": props.draw_cafe_stand,
    "sign": props.draw_sign,
    "bike": props.draw_bike,
    "bus": props.draw_bus,
    "train": props.draw_train,
    "tractor": props.draw_tractor,
    "guitar": props.draw_guitar,
    "violin": props.draw_violin,
    "seesaw": props.draw_seesaw,
    "slide": props.draw_slide,
    "plane": props.draw_plane,
    "kite": props.draw_kite,
    "drone": props.draw_drone,
    "hot air balloon": props.draw_hot_air_balloon,
    "umbrella": props.draw_umbrella,
    "flower": scenery.draw_flower,
    "snowman": scenery.draw_snowman,
    "sandcastle": scenery.draw_sandcastle,
    "trampoline": props.draw_trampoline,
    "fishbowl": props.draw_fishbowl,
    "christmas tree": scenery.draw_christmas_tree,
    "pumpkin": scenery.draw_pumpkin,
    "jack-o-lantern": partial(scenery.draw_pumpkin, carved=True),
    "present": props.draw_present,
    "rainbow": scenery.draw_rainbow,
    "lightning": scenery.draw_lightning,
    "clouds": scenery.draw_clouds,
    "leaves": scenery.draw_leaves,
    "rope": props.draw_rope,
    "fireflies": scenery.draw_fireflies,
    "campfire": scenery.draw_campfire,
    "tent": scenery.draw_tent,
    "streetlight": scenery.draw_streetlight,
    "fence": scenery.draw_fence,
    "swing": scenery.draw_swing,
    "piano": props.draw_piano,
    "stroller": props.draw_stroller,
    "teddy bear": props.draw_teddy_bear,
    "sled": props.draw_sled,
    "dragon": fantasy.draw_dragon,
    "fireplace": scenery.draw_fireplace,
    "waterfall": landmarks.draw_waterfall,
    "lighthouse": landmarks.draw_lighthouse,
    "castle": landmarks.draw_castle,
    "fireworks": scenery.draw_fireworks,
    "butterfly": creatures.draw_butterfly,
    "fish": creatures.draw_fish,
    "bee": creatures.draw_bee,
    "penguin": creatures.draw_penguin,
    "turtle": creatures.draw_turtle,
    "table": props.draw_table,
    "stick": props.draw_stick,
    "frisbee": props.draw_frisbee,
    "balloon": props.draw_balloon,
    "cake": props.draw_cake,
    "candle": props.draw_candle,
    "phone": props.draw_phone,
    "camera": props.draw_camera,
    "laptop": props.draw_laptop,
    "bubbles": props.draw_bubbles,
    "easel": props.draw_easel,
    "bed": props.draw_bed,
    "boat": props.draw_boat,
    "sailboat": props.draw_sailboat,
    "blanket": props.draw_blanket,
    "sofa": props.draw_sofa,
    "armchair": props.draw_armchair,
    "box": props.draw_box,
    "laser dot": props.draw_laser_dot,
}
# Back to front: scenery, then vehicles, then creatures, then small handled items.
DEPTH = {
    "house": 0,
    "tree": 0,
    "cafe stand": 1,
    "sign": 1,
    "bench": 1,
    "rock": 1,
    "hammock": 1,
    "placeholder": 1,
    "car": 2,
    "bike": 2,  # behind its rider
    "bus": 2,
    "tractor": 2,
    "train": 1,  # behind those watching it pass
    "guitar": 5,  # before its player
    "violin": 5,
    "seesaw": 1,  # behind those astride it
    "slide": 1,  # behind those on it
    "plane": 0,  # in the sky, behind the trees
    "kite": 0,
    "drone": 6,  # in the air before whoever flies it
    "hot air balloon": 0,
    "fireworks": 0,  # in the sky
    "rainbow": 0,
    "lightning": 0,
    "clouds": 0,
    "snowman": 1,
    "sandcastle": 4,  # before its builder, kneeling behind it
    "trampoline": 2,  # under whoever jumps on it
    "fishbowl": 3,  # its water behind the fish in it
    "fireflies": 5,  # about everyone
    "christmas tree": 0,
    "present": 4,  # before the tree
    **dict.fromkeys(("pumpkin", "jack-o-lantern"), 4),
    "leaves": 5,  # falling before everyone
    "rope": 5,  # in the hands and teeth of those tugging
    "campfire": 1,
    "tent": 0,  # behind the campfire and those by it
    "streetlight": 1,  # behind whoever stands under it
    "fence": 2,  # before the place, behind whoever jumps it
    "swing": 1,  # behind whoever sits on its seat
    "piano": 2,  # behind its player's hands on its keys
    "stroller": 2,  # behind the hands on its handle
    "teddy bear": 5,  # in the arms, before whoever hugs it
    "sled": 4,  # before the legs of whoever sits on it
    "dragon": 2,  # before a castle, behind people
    **dict.fromkeys(("fireplace", "waterfall", "lighthouse", "castle"), 0),  # behind all
    "flower": 4,
    "person": 3,
    "dog": 4,
    "cat": 4,
    "bird": 4,
    **dict.fromkeys(ANIMALS, 2),  # behind people (a rider sits in front of the horse)
    "butterfly": 5,
    "fish": 4,
    "bee": 5,
    "penguin": 4,
    "frog": 4,
    "turtle": 4,
    "table": 1,
    "blanket": 1,  # under whoever sits on it
    "sofa": 1,
    "armchair": 1,
    "box": 5,  # in front of whoever sits in it
    "laser dot": 6,  # light on the floor, over paws
    "stick": 5,
    "frisbee": 5,
    "ball": 5,
    "cup": 5,
    "umbrella": 5,  # in the hand, in front of its holder
    "balloon": 5,
    "cake": 5,  # on its table
    "candle": 5,
    "phone": 5,  # in the hand
    "camera": 5,
    "laptop": 5,  # on the table
    "bubbles": 5,  # in the air before whoever blows them
    "easel": 2,  # behind the painter's reaching arm
    "bed": 1,  # under whoever lies on it
    "boat": 4,  # in front of whoever rows it, up to their waist
    "sailboat": 4,
}

# What swims under water, drawn as it is wherever it swims (no water drawn round it).
SWIM_UNDER = ("fish", "turtle")
# Kinds said as many (`vocabulary.BUNCHED`), drawn several together.
BUNCH_PAINTERS = {
    "balloon": props.draw_bunch_of_balloons,
    "candle": props.draw_bunch_of_candles,
    "present": props.draw_bunch_of_presents,
}
# What snow settles on, drawn white with it where it snows.
SNOWED_ON = ("tree",)
# Half the width of the soft shadow under what stands on the ground, in metres.
SHADOWED = {
    "dog": 0.4,
    "cat": 0.4,
    "person": 0.35,
    "ball": 0.4,
    "car": 2.0,
    "bike": 0.8,
    "bus": 3.4,
    "tractor": 3.0,
    "train": 7.0,
    "snowman": 0.4,
    **dict.fromkeys(("pumpkin", "jack-o-lantern"), 0.25),
    "sandcastle": 0.4,
    "trampoline": 1.0,
    "penguin": 0.22,
    "frog": 0.2,
    "turtle": 0.4,
    "table": 0.75,
    "campfire": 0.5,
    "piano": 0.9,
    "stroller": 0.45,
    "sled": 0.6,
    **{kind: 0.42 * width for kind, (width, _) in SIZE.items() if kind in ANIMALS},
}


def _depth(entity: EntitySpec, pose: Pose) -> float:
    """The order `entity` is drawn in: by its kind, a diner on a table's far side behind
    the table, a car driven in front of its driver, a child in a stroller over it, one in
    arms before whoever holds it, one asleep on a bed's far side behind the other."""
    if pose.at_table == "far":
        return DEPTH["table"] - 0.5
    if pose.driven:
        return DEPTH["person"] + 0.5
    if pose.in_stroller:  # over its carriage, sitting up in it
        return DEPTH["stroller"] + 0.01
    if pose.in_arms:  # before whoever holds it
        return DEPTH["person"] + 0.02
    if pose.further_back:  # behind whoever is asleep beside them
        return DEPTH[entity.kind] - 0.01
    return DEPTH[entity.kind]


@dataclass
class _Scenery:
    """One place's panoramas and sky, and the last backdrop composed from them."""

    near_image: Image.Image
    far_image: Image.Image
    sky: Image.Image
    composed: tuple[tuple, Image.Image | None] = ((), None)  # boxes, backdrop


class Renderer:
    """Draws the frames of one shot; backdrops are painted once, entities every frame."""

    def __init__(
        self,
        spec: SceneSpec,
        *,
        size: tuple[int, int],
        fps: float,
        frames: int,
        seed: int = 0,
        carry: Carry | None = None,
        entities: bool = True,
    ) -> None:
        """`carry`: the shot this one carries on (an extension): its subject, camera and
        gait go on from there, over the same scenery (painted with that shot's seed).
        `entities` False paints the plate alone: the same place, light, weather and camera,
        with no entity drawn (their truth still says where each stands)."""
        self.spec, self.size, self.fps, self.frames = spec, size, fps, frames
        self.entities = entities
        self.seed = carry.seed if carry is not None else seed
        self.stage = Stage(spec, size=size, fps=fps, frames=frames, seed=seed, carry=carry)
        self.choreography, self.camera = self.stage.choreography, self.stage.camera
        self.grade = atmosphere.grader(spec.time_of_day, spec.weather)
        self._paint_backdrop()

    # 1. Backdrop panoramas, painted once at the scale of the most zoomed-in view: one set
    # per place the shot shows (two where a journey arrives somewhere).
    def _paint_backdrop(self) -> None:
        width, height = self.size
        left, right, widest = self.camera.extent()
        views = [self.camera.view(self.choreography.duration * i / 24) for i in range(25)]
        narrowest = min(v.width for v in views)
        self.scale = width / narrowest
        self.ground_at = self.camera.ground_at
        self.tallest = widest * height / width
        self.top, self.bottom = self.ground_at * self.tallest, -(1 - self.ground_at) * self.tallest
        margin = 1.0
        # Panoramas start on a whole pixel of the world's own grid: a world x then falls on
        # the same pixel whatever the shot's extent (the scenery is anchored to the world).
        self.left = math.floor((left - margin) * self.scale) / self.scale
        self.right = right + margin
        far_centres = [v.centre_x * places.PARALLAX for v in views]
        far_left = min(far_centres) - widest / 2 - margin
        self.far_left = math.floor(far_left * self.scale) / self.scale
        self.far_right = max(far_centres) + widest / 2 + margin
        boundary = self.stage.boundary
        shown = (self.spec.place,) if boundary is None else (boundary.behind, boundary.ahead)
        self.sceneries = {place: self._paint_place(place) for place in shown}

    def _canvas(self, x0: float, x1: float) -> tuple[Image.Image, Pen]:
        image = Image.new(
            "RGBA",
            (int((x1 - x0) * self.scale) + 2, int((self.top - self.bottom) * self.scale) + 2),
            (0, 0, 0, 0),
        )
        pen = Pen(
            ImageDraw.Draw(image),
            origin=(-x0 * self.scale, self.top * self.scale),
            scale=self.scale,
            facing=1,
            grade=self.grade,
        )
        return image, pen

    def _paint_place(self, place: str) -> _Scenery:
        near_image, near = self._canvas(self.left, self.right)
        far_image, far = self._canvas(self.far_left, self.far_right)
        backdrop = places.Backdrop(
            far=far,
            near=near,
            left=self.left,
            right=self.right,
            far_left=self.far_left,
            far_right=self.far_right,
            bottom=self.bottom,
            top=self.top,
            weather=self.spec.weather,
            night=self.spec.time_of_day == "night",
            seed=self.seed,
            back_line=places.BACK_LINE[place],
        )
        places.paint(place, backdrop)
        horizon = self.ground_at - places.BACK_LINE[place] / (self.tallest or 1)
        sky = atmosphere.sky(
            self.size, self.spec.time_of_day, self.spec.weather, max(horizon, 0.2), self.seed
        )
        return _Scenery(near_image, far_image, sky)

    def _box(self, x0_world: float, view: View) -> tuple[int, ...]:
        """The part of a backdrop layer (painted from `x0_world`) that `view` sees."""
        x0 = (view.centre_x - view.width / 2 - x0_world) * self.scale
        y0 = (self.top - view.ground_at * view.height) * self.scale
        box = (x0, y0, x0 + view.width * self.scale, y0 + view.height * self.scale)
        return tuple(int(round(v)) for v in box)

    def _crop(self, layer: Image.Image, box: tuple[int, ...]) -> Image.Image:
        crop = layer.crop(box)
        if crop.size != self.size:
            crop = crop.resize(self.size, Image.BILINEAR)
        return crop

    def _backdrop(self, view: View, poses: list[Pose]) -> Image.Image:
        """Sky (with what is in it at these `poses`: fireworks), far and near layers as
        `view` sees them; where the view spans a journey's seam, the two places blended
        across it column by column."""
        boundary = self.stage.boundary
        if boundary is None:
            return self._place_backdrop(self.spec.place, view, poses)
        ahead = boundary.column_shares(view, self.size[0])
        if not ahead.any():
            return self._place_backdrop(boundary.behind, view, poses)
        if (ahead == 1).all():
            return self._place_backdrop(boundary.ahead, view, poses)
        both = (
            np.asarray(self._place_backdrop(place, view, poses))[None]
            for place in (boundary.behind, boundary.ahead)
        )
        return Image.fromarray(boundary.blend(*both, [view])[0], "RGB")

    def _place_backdrop(self, place: str, view: View, poses: list[Pose]) -> Image.Image:
        """One place's backdrop as `view` sees it. A still camera sees the same boxes frame
        after frame: they are composed once and copied (the same pixels), unless the sky
        has something in it that moves: fireworks, behind the far layer (above the hills,
        the sea), over it where it is buildings (a flat picture has no sky above a skyline
        to leave them), not at all indoors."""
        scenery = self.sceneries[place]
        far_view = View(view.centre_x * places.PARALLAX, view.width, view.height, view.ground_at)
        boxes = (self._box(self.far_left, far_view), self._box(self.left, view))
        in_the_sky = [i for i, e in enumerate(self.spec.entities) if e.kind in IN_THE_SKY]
        if in_the_sky and self.entities and place not in INDOORS:
            image = scenery.sky.copy()
            seen = [(i, poses[i]) for i in in_the_sky]
            if place not in places.BUILT_UP:
                self._draw_in_the_sky(image, seen)
            far = self._crop(scenery.far_image, boxes[0])
            image.paste(far, (0, 0), far)
            if place in places.BUILT_UP:
                self._draw_in_the_sky(image, seen)
            near = self._crop(scenery.near_image, boxes[1])
            image.paste(near, (0, 0), near)
            return image
        if boxes != scenery.composed[0]:
            image = scenery.sky.copy()
            far = self._crop(scenery.far_image, boxes[0])
            image.paste(far, (0, 0), far)
            near = self._crop(scenery.near_image, boxes[1])
            image.paste(near, (0, 0), near)
            scenery.composed = (boxes, image)
        return scenery.composed[1].copy()

    # 2. One frame: backdrop crops, entities, weather; plus ground truth.
    def _draw_in_the_sky(self, image: Image.Image, seen: list[tuple[int, Pose]]) -> None:
        """Draw what is in the sky (`seen`: index and pose of each) over its top share, in
        its own metres scaled to fit, rising from that share's foot."""
        draw = ImageDraw.Draw(image, "RGBA")
        x0, _, x1, foot = sky_box(self.size)
        for index, pose in seen:
            entity = self.spec.entities[index]
            width, height = SIZE[entity.kind]
            scale = min((x1 - x0) / width, foot / height)
            origin = ((x0 + x1) / 2, foot)
            pen = Pen(draw, origin=origin, scale=scale, facing=1, grade=self.grade)
            PAINTERS[entity.kind](pen, pose, COLOURS[entity.colour])

    def frame(self, index: int) -> tuple[np.ndarray, FrameTruth]:
        t = index / self.fps
        view, poses = self.stage.moment(index)
        image = self._backdrop(view, poses)
        if self.entities:
            self._draw_entities(image, view, poses)
        seen = self.stage.place_seen(view)
        if seen not in INDOORS and seen not in places.UNDER_WATER:  # indoors: in the windows
            atmosphere.precipitation(image, self.spec.weather, t, self.seed)
        return np.asarray(image), self.stage.truth(index, view, poses)

    def _draw_entities(self, image: Image.Image, view: View, poses: list[Pose]) -> None:
        draw = ImageDraw.Draw(image, "RGBA")
        scale = self.size[0] / view.width
        order = sorted(range(len(poses)), key=lambda i: _depth(self.spec.entities[i], poses[i]))
        for i in (i for i in order if self.spec.entities[i].kind not in IN_THE_SKY):
            entity, pose = self.spec.entities[i], poses[i]
            x, y = view.to_pixels(pose.x, pose.y, self.size)
            # A child is a person drawn smaller, as its size says (and the guitar it plays).
            drawn = scale * SIZE[sized_as(entity)][1] / SIZE[entity.kind][1]
            drawn *= drawn_scale(entity, pose, self.spec.entities)
            afloat = pose.action in AFLOAT or pose.moored
            # its shadow is its holder's, the stroller's, the car's
            aboard = pose.held_by is not None or pose.waist_up
            aboard |= entity.kind == "dog" and pose.action == "ride"
            if entity.kind in SHADOWED and not aboard and not afloat:
                ground_y = view.to_pixels(pose.x, 0.0, self.size)[1]
                half = drawn * SHADOWED[entity.kind]
                draw.ellipse(
                    (x - half, ground_y - half * 0.12, x + half, ground_y + half * 0.12),
                    fill=(0, 0, 0, 60),
                )
            pen = Pen(draw, origin=(x, y), scale=drawn, facing=pose.facing, grade=self.grade)
            if entity.kind == "placeholder":
                props.draw_placeholder(pen, pose, entity.label)
            elif entity.label == BUNCH:  # "balloons": several, on one bunch of strings
                BUNCH_PAINTERS[entity.kind](pen, pose, COLOURS[entity.colour])
            elif pose.action == "swim" and (
                entity.kind in SWIM_UNDER or self.stage.place_seen(view) in places.UNDER_WATER
            ):  # in the water all round it: as it is
                PAINTERS[entity.kind](pen, pose, COLOURS[entity.colour])
            elif pose.action == "swim":  # paddling (a person at the crawl), in water round it
                paddling = pose if entity.kind == "person" else replace(pose, action="walk")
                PAINTERS[entity.kind](pen, paddling, COLOURS[entity.colour])
                x0, _, x1, top = pose.box(sized_as(entity))
                own = places.WATER_OF.get(self.stage.place_seen(view))  # the sea, a lake
                props.draw_water_around(
                    pen, (x1 - x0, top - pose.y), pose.phase, own or props.WATER, snug=bool(own)
                )
            elif pose.action == "bathe":  # sitting in its tub, the bubbles up to the chest
                bath.tub_behind(pen, entity.kind)
                sitting = replace(pose, action="sit", grounded=entity.kind == "person")
                up = bath.TUB_FLOOR[entity.kind] * drawn  # on the tub's floor
                at = (x, y - up)
                inside = Pen(draw, origin=at, scale=drawn, facing=pose.facing, grade=self.grade)
                PAINTERS[entity.kind](inside, sitting, COLOURS[entity.colour])
                bath.tub_before(pen, entity.kind, pose.phase)
            elif entity.kind in SNOWED_ON and self.spec.weather == "snow":
                # white with snow, as the place's own trees are (`places._snowy`)
                PAINTERS[entity.kind](pen, pose, shade(COLOURS[entity.colour], 1.75))
            else:
                PAINTERS[entity.kind](pen, pose, COLOURS[entity.colour])

    def __iter__(self) -> Iterator[tuple[np.ndarray, FrameTruth]]:
        for index in range(self.frames):
            yield self.frame(index)
