"""Lays the entity model's sprites over generated frames, where the scene stages each entity.

The video model draws the plate: the place, the light, the weather and the camera's move
(told an empty layout, it leaves the entities out). The entity model draws each entity in
its pose at that moment; this layer scales its sprite to the entity's canvas on
screen, mirrors it when the entity faces left, lights it for the time of day and weather,
and lays the sprites back to front over the frame. Frames may be the model's own size or
fitted to another (the centre crop `fit_picture` keeps is followed).

Each creature, car and ball on the ground gets the soft shadow synthworld gives it. Things
this layer does not draw: rain or snow in front of an entity, and placeholders (concepts the
world has no painter for).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from videoagent.media.fit import centre_crop
from videoagent.nn.entity_model import EntityModel, encode_pose
from videoagent.synthworld import atmosphere
from videoagent.synthworld.choreography import Pose
from videoagent.synthworld.render import DEPTH, SHADOWED
from videoagent.synthworld.staging import Stage
from videoagent.synthworld.vocabulary import COLOURS

BATCH = 128
SHADOW_DARKNESS = 60 / 255


class EntityLayer:
    def __init__(self, model: EntityModel) -> None:
        self.model = model.eval()
        self.config = model.config

    @torch.no_grad()
    def draw(self, entities: list[tuple[str, tuple[int, int, int], Pose]]) -> torch.Tensor:
        """Sprites [N, 4, S, S] of (kind, colour, pose) triples, premultiplied, unlit."""
        conditions = [
            encode_pose(self.config, kind, colour, pose.action, pose.phase, pose.reach)
            for kind, colour, pose in entities
        ]
        drawn = []
        for start in range(0, len(conditions), BATCH):
            batch = torch.stack(conditions[start : start + BATCH])
            drawn.append(self.model(batch).float())
        return torch.cat(drawn) if drawn else torch.zeros(0, 4, 1, 1)

    def paint(self, frames: np.ndarray, stage: Stage, times: list[float]) -> np.ndarray:
        """uint8 [N, H, W, 3] `frames` (frame i shows moment `times[i]` of `stage`, fitted
        from the stage's size to W x H) with every staged entity drawn over it."""
        if len(frames) != len(times):
            raise ValueError(f"{len(frames)} frames but {len(times)} moments")
        spec = stage.spec
        height, width = frames.shape[1:3]
        x0, y0, crop_w, crop_h = centre_crop(*stage.size, width, height)
        zoom = width / crop_w
        order = sorted(
            (i for i, e in enumerate(spec.entities) if e.kind in self.config.kinds),
            key=lambda i: DEPTH[spec.entities[i].kind],
        )
        placements, entities = [], []
        for frame_index, t in enumerate(times):
            view = stage.camera.view(t)
            for i in order:
                entity, pose = spec.entities[i], stage.choreography.pose(i, t)
                ex0, ey0, ex1, ey1 = self.config.extents[entity.kind]
                if pose.facing < 0:
                    ex0, ex1 = -ex1, -ex0
                left, top = view.to_pixels(pose.x + ex0, pose.y + ey1, stage.size)
                right, bottom = view.to_pixels(pose.x + ex1, pose.y + ey0, stage.size)
                box = (
                    (left - x0) * zoom,
                    (top - y0) * zoom,
                    (right - x0) * zoom,
                    (bottom - y0) * zoom,
                )
                if box[2] <= 0 or box[3] <= 0 or box[0] >= width or box[1] >= height:
                    continue
                colour = COLOURS.get(entity.colour, (128, 128, 128))
                shadow = None
                if entity.kind in SHADOWED and pose.held_by is None:
                    ground_x, ground_y = view.to_pixels(pose.x, 0.0, stage.size)
                    half = SHADOWED[entity.kind] * stage.size[0] / view.width * zoom
                    shadow = ((ground_x - x0) * zoom, (ground_y - y0) * zoom, half)
                placements.append((frame_index, box, pose.facing, shadow))
                entities.append((entity.kind, colour, pose))
        sprites = self.draw(entities)
        light = torch.tensor(atmosphere.light(spec.time_of_day, spec.weather))[:, None, None]
        out = frames.astype(np.float32)
        for (frame_index, box, facing, shadow), sprite in zip(placements, sprites, strict=True):
            if shadow is not None:
                _shade(out[frame_index], *shadow)
            _lay(out[frame_index], sprite, box, facing, light)
        return out.round().clip(0, 255).astype(np.uint8)


def _lay(frame: np.ndarray, sprite: torch.Tensor, box, facing: int, light) -> None:
    """Scale `sprite` [4, S, S] to `box` (x0, y0, x1, y1, float pixels), light it and lay it
    over float `frame` [H, W, 3] in place."""
    left, top = round(box[0]), round(box[1])
    size = (max(round(box[3] - box[1]), 1), max(round(box[2] - box[0]), 1))
    scaled = F.interpolate(sprite[None], size=size, mode="bilinear", antialias=True)[0]
    if facing < 0:
        scaled = scaled.flip(-1)
    alpha = scaled[3:].clamp(0, 1)
    colour = torch.minimum(scaled[:3] * light, alpha)  # premultiplied: never above alpha
    height, width = frame.shape[:2]
    fx0, fy0 = max(left, 0), max(top, 0)
    fx1, fy1 = min(left + size[1], width), min(top + size[0], height)
    if fx1 <= fx0 or fy1 <= fy0:
        return
    sx0, sy0 = fx0 - left, fy0 - top
    region = (slice(sy0, sy0 + fy1 - fy0), slice(sx0, sx0 + fx1 - fx0))
    a = alpha[0][region].numpy()[..., None]
    c = colour[(slice(None), *region)].permute(1, 2, 0).numpy() * 255
    frame[fy0:fy1, fx0:fx1] = frame[fy0:fy1, fx0:fx1] * (1 - a) + c


def _shade(frame: np.ndarray, cx: float, cy: float, half: float) -> None:
    """Darken a flat ellipse (`half` wide each side, 0.12 of that tall) centred at cx, cy."""
    half_height = max(half * 0.12, 0.5)
    height, width = frame.shape[:2]
    x0, x1 = max(int(cx - half), 0), min(int(cx + half) + 1, width)
    y0, y1 = max(int(cy - half_height), 0), min(int(cy + half_height) + 1, height)
    if x1 <= x0 or y1 <= y0:
        return
    ys, xs = np.mgrid[y0:y1, x0:x1]
    inside = ((xs + 0.5 - cx) / half) ** 2 + ((ys + 0.5 - cy) / half_height) ** 2 <= 1
    frame[y0:y1, x0:x1][inside] *= 1 - SHADOW_DARKNESS
