"""The `embedded` generator: our own text-to-video model, shipped inside the package.

The prompt is parsed into a synthworld scene and rewritten as the dense caption the model
was trained on (so "a pup" and "a puppy" read alike). The model makes 112x64 frames at
8 fps, one after another; they are resampled to the asked frame rate (each output frame a
blend of the two model frames around its moment) and scaled to the asked size, a plate
first redrawn six times larger by the plate upsampler (`nn/plate_upsampler.py`) where its
weights are installed. Image-to-video takes its first frame from the first reference;
extend continues the last frames of the first reference when that is a clip.

Text-to-video is drawn in two layers. The prompt's scene is staged as synthworld would stage
it for that seed (where each entity stands, what it does, where the camera looks). The video
model draws the plate: the place, the light, the weather and the camera's move, told by an
empty layout that nothing stands in it; a move staged slower than the model draws one (a
long pan or zoom) is drawn as a still plate (`generators/plate_camera.py`). The entity model
(`nn/entity_model.py`) then draws each entity in its pose of each output frame, at the
output's size, laid over the plate where the staging puts it (`nn/entity_layer.py`).
Without the entity model's weights the video model is told where the entities are and draws
them itself, as blobs: its 14x8 latents hold no more. Image-to-video and extend take the
given frames as they are (they already place things), so they are the video model alone.

It knows only the synthworld vocabulary; a concept without a painter is left out of the
picture (the report lists it as a placeholder). It never learnt to walk from one place into
the next: a journey's last shot draws the place it comes from (extending its take, held to
it) and, on its own, the place it arrives at, and lays that beyond a seam the camera's
travel brings into the picture, as synthworld does (`synthworld/boundary.py`).
"""

from __future__ import annotations

import collections
import io
import math
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from videoagent import synthworld
from videoagent.errors import GenerationError, MissingDependency
from videoagent.generators.base import GenerationRequest, Generator, Job
from videoagent.generators.catalog import capabilities
from videoagent.generators.plate_camera import plate_camera
from videoagent.media.fit import fit_picture
from videoagent.media.frames import iter_frames
from videoagent.store.files import atomic_write_bytes, file_sha256
from videoagent.store.staged_file import write_staged
from videoagent.synthworld.captioner import caption
from videoagent.synthworld.prompt_parser import parse
from videoagent.synthworld.vocabulary import LEARNT_ACTIONS, LEARNT_KINDS

WEIGHTS = Path(__file__).resolve().parent.parent / "nn" / "weights"
VIDEO_MODEL = WEIGHTS / "video_model.pt"
AUTOENCODER = WEIGHTS / "frame_autoencoder.pt"
ENTITY_MODEL = WEIGHTS / "entity_model.pt"
PLATE_UPSAMPLER = WEIGHTS / "plate_upsampler.pt"
DEFAULT_STEPS = 4
# Output frames fitted and laid over at a time (a long clip at full size is gigabytes).
CHUNK = 48
PLATE_FRAMES = 4  # the last frames a take continues (the model reads fewer)
# How far a take's plate is held to the mean of the take so far through extensions in the
# same place, light and weather, and a still camera's from its first frame (`Sampling.hold`;
# benchmarks/long_take.py measures it). Where the camera moves,
# that mean is sharp only in its layout and colour, held a tenth of the way; where it stands
# still, the mean is the picture itself, held in every detail and more firmly. A take made
# again for a failed place, light or weather is not held (`GenerationRequest.mend`).
HOLD = 0.1
STILL_HOLD = 0.3


def take_hold(camera: str, hold: float = HOLD, still: float = STILL_HOLD) -> tuple[float, str]:
    """How far a take shot with `camera` is held to its mean (`hold` where
    the camera moves, `still` where it stands still), and in what detail
    (`Sampling.held_detail`)."""
    return (still, "full") if camera == "static" else (hold, "coarse")


def _neighbours(
    native_count: int, native_fps: float, fps: float, count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each of `count` frames at `fps`: the model frame before its moment, the one after
    and how far it lies between them (0..1)."""
    moments = np.arange(count) * native_fps / fps
    before = np.clip(np.floor(moments).astype(int), 0, native_count - 1)
    after = np.clip(before + 1, 0, native_count - 1)
    return before, after, moments - np.floor(moments)


def resample(frames: np.ndarray, native_fps: float, fps: float, count: int) -> np.ndarray:
    """`count` frames at `fps` from frames made at `native_fps`, blending neighbours."""
    before, after, weight = _neighbours(len(frames), native_fps, fps, count)
    weight = weight[:, None, None, None]
    blended = frames[before] * (1 - weight) + frames[after] * weight
    return blended.round().astype(np.uint8)


def _resampled_chunks(
    made: np.ndarray, native_fps: float, fps: float, count: int, enlarge
) -> Iterator[np.ndarray]:
    """`resample`'s frames, CHUNK at a time, each model frame first passed through `enlarge`
    (once, as the chunks come to it: a long take enlarged at once would be gigabytes)."""
    before, after, weight = _neighbours(len(made), native_fps, fps, count)
    kept: dict[int, np.ndarray] = {}
    for first in range(0, count, CHUNK):
        part = slice(first, first + CHUNK)
        wanted = sorted(set(before[part]) | set(after[part]))
        kept = {index: frame for index, frame in kept.items() if index >= wanted[0]}
        new = [index for index in wanted if index not in kept]
        if new:
            kept.update(zip(new, enlarge(made[new]), strict=True))
        yield np.stack(
            [
                (kept[b] * (1 - w) + kept[a] * w).round().astype(np.uint8)
                for b, a, w in zip(before[part], after[part], weight[part], strict=True)
            ]
        )


def _across(boundary, stage, fps: float, behind, ahead) -> Iterator[np.ndarray]:
    """Two places' chunks of output frames as one take: each column the place its ground is
    in, seen through the stage's camera at each frame's moment."""
    begins = 0
    for here, there in zip(behind, ahead, strict=True):
        views = [stage.camera.view((begins + k) / fps) for k in range(len(here))]
        yield boundary.blend(here, there, views)
        begins += len(here)


def plate_path(clip: Path) -> Path:
    """Where a take drawn in two layers keeps the last frames of its plate (at the model's
    size): what a take that extends it continues, so that its entities are drawn again
    over the place rather than smeared into it."""
    return Path(clip).with_suffix(".plate.npz")


@dataclass(frozen=True)
class TakeMemory:
    """A whole take's plate in one latent: the sum of its frames' normalised latents, how
    many, and the place, light and weather they show (a hold holds only these)."""

    total: np.ndarray
    frames: int
    scene: str


def _scene_of(spec) -> str:
    """What a take's memory holds to: place, light, weather, and whether the camera stands
    still (a still camera's memory is held in every detail, a moving one's is not)."""
    still = ", still camera" if spec.camera == "static" else ""
    return f"{spec.place}, {spec.time_of_day}, {spec.weather}{still}"


@dataclass(frozen=True)
class _Start:
    """What a take continues from: frames, whether they are a plate without its entities
    (an extended take of ours that kept one), where its entities' gait cycles stood, the
    memory of the whole take and the plate's own latents (both kept with its plate)."""

    frames: np.ndarray
    on_plate: bool = False
    gait: float | None = None
    memory: TakeMemory | None = None
    latents: np.ndarray | None = None


def _start_frames(request: GenerationRequest, size: tuple[int, int]) -> _Start | None:
    """The frames a take continues from: a picture (image-to-video) or a clip's end
    (extend), from the plate the clip kept where it kept one."""
    if request.mode not in ("image-to-video", "extend") or not request.references:
        return None
    source = Path(request.references[0])
    plate = plate_path(source)
    if request.mode == "extend" and plate.exists():
        try:
            with np.load(plate) as kept:
                pictures, gait = list(kept["frames"]), float(kept["gait"])
                memory = None
                if "memory_total" in kept:  # plates kept before memories were not
                    memory = TakeMemory(
                        kept["memory_total"], int(kept["memory_frames"]), str(kept["memory_scene"])
                    )
                latents = kept["latents"] if "latents" in kept else None  # nor latents
            frames = np.stack([fit_picture(p, *size) for p in pictures])
            return _Start(frames, True, gait, memory, latents)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            pass  # an unreadable plate: the clip's own frames, as for any clip
    if source.suffix.lower() in (".mp4", ".mov", ".mkv", ".webm"):
        pictures = list(collections.deque(iter_frames(source), maxlen=PLATE_FRAMES))
    else:
        pictures = [np.asarray(Image.open(source).convert("RGB"))]
    return _Start(np.stack([fit_picture(p, *size) for p in pictures]))


def _continued_from(start: _Start | None, handed: dict) -> str | None:
    """What the report says a take went on from."""
    if start is None:
        return None
    if "start_latents" in handed:
        return "its plate's latents"
    return "its plate" if start.on_plate else "its frames"


def _last_frame(request: GenerationRequest, native_fps: float) -> int:
    """The model frame at the take's last moment (the model makes a little beyond it)."""
    return math.floor((request.frames - 1) * native_fps / float(request.rate.fps))


def _keep_plate(
    clip: Path,
    made: np.ndarray,
    latents: np.ndarray | None,
    request: GenerationRequest,
    stage,
    memory: TakeMemory,
) -> None:
    """Keep the plate's last frames up to the take's last moment, its latents up to the
    model frame after it (where an extension begins; None: the plate is not the model's
    own), where the gait cycles will stand then, and the memory of the whole take up to
    the last moment."""
    last = _last_frame(request, stage.fps)
    gait = stage.choreography.gait_offset + (last + 1) / stage.fps
    own = {} if latents is None else {"latents": latents[: last + 2][-PLATE_FRAMES:]}
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        frames=made[: last + 1][-PLATE_FRAMES:],
        gait=gait,
        **own,
        memory_total=memory.total,
        memory_frames=memory.frames,
        memory_scene=memory.scene,
    )
    atomic_write_bytes(plate_path(clip), buffer.getvalue())


def _remembered(
    before: TakeMemory | None, latents, scene: str, request: GenerationRequest, fps: float
) -> TakeMemory:
    """The take's memory after these latents (up to its last moment): added to the memory
    it continues when that shows the same place, light and weather, else begun anew."""
    shown = latents[: _last_frame(request, fps) + 1]
    total, frames = shown.sum(0).numpy(), len(shown)
    if before is not None and before.scene == scene:
        total, frames = before.total + total, before.frames + frames
    return TakeMemory(total, frames, scene)


def staging_sidecar(stage, frames: int, fps: float, size: tuple[int, int], first: int = 0) -> dict:
    """What the entity model was told to draw in each of the clip's `frames` (from the
    stage's frame `first` on), its boxes measured in a frame of `size` (the stage's, not
    the clip's): the take's staging sidecar."""
    moments = []
    for index in range(first, first + frames):
        t = index / fps
        poses = [stage.choreography.pose(i, t) for i in range(len(stage.spec.entities))]
        moments.append(stage.truth(index, stage.camera.view(t), poses).to_dict())
    return {"spec": stage.spec.to_dict(), "size": list(size), "frames": moments}


class EmbeddedGenerator(Generator):
    """Our diffusion transformer behind the Generator interface."""

    name = "embedded"

    @classmethod
    def key_version(cls, steps: int = DEFAULT_STEPS, **_) -> str:
        """Other weights (the video model, its decoder, the entity painter, the plate
        upsampler), another step count, bf16, and compiled or frozen steps all give other
        pixels for the same request (frozen and compiled only in the last bit);
        "plates-gait-held": an extension goes on from the plate its take kept, the entities
        drawn again over it in their gait, held to its take's memory; "arrivals": a
        journey's last shot lays the place it arrives at beyond a seam; "plate-camera": a
        staged move too slow for the model is drawn as a still plate; "held-from-first": a
        still camera's plate is held to its take's mean from its first frame; and
        synthworld's version, which stages the scene the entities are drawn in."""
        from videoagent.nn.compute import execution, precision

        weights = "+".join(
            file_sha256(path)[:12] if path.exists() else "none"
            for path in (VIDEO_MODEL, AUTOENCODER, ENTITY_MODEL, PLATE_UPSAMPLER)
        )
        version = (
            f"{weights}-plates-gait-held-still-latents-carried-arrivals-plate-camera-"
            f"held-from-first-synthworld-{synthworld.VERSION}-{steps}steps-{precision()}"
        )
        return version + ("" if execution() == "eager" else f"-{execution()}")

    def __init__(self, steps: int = DEFAULT_STEPS) -> None:
        super().__init__()
        try:
            from videoagent.nn import checkpoint
            from videoagent.nn.compute import compiling, execution, precision
            from videoagent.nn.video_sampling import ClipSampler
        except ImportError as exc:
            raise MissingDependency("backend 'embedded' (torch)", "embedded") from exc
        if not VIDEO_MODEL.exists():
            raise MissingDependency(f"backend 'embedded' (weights {VIDEO_MODEL.name})", "embedded")
        model, self.facts = checkpoint.load(VIDEO_MODEL)
        autoencoder = None
        if model.config.frame_codec == "autoencoder":  # a pixel model needs no decoder
            if not AUTOENCODER.exists():
                raise MissingDependency(
                    f"backend 'embedded' (weights {AUTOENCODER.name})", "embedded"
                )
            autoencoder, _ = checkpoint.load(AUTOENCODER)
        self.compiled = compiling()
        if self.compiled:  # the first take pays for compiling (see nn/compute.py)
            import torch

            model = torch.compile(model, dynamic=False)
        self.sampler = ClipSampler(model, autoencoder)
        self.entity_layer = None
        if ENTITY_MODEL.exists() and model.config.layout_channels:
            from videoagent.nn.entity_layer import EntityLayer

            self.entity_layer = EntityLayer(checkpoint.load(ENTITY_MODEL)[0])
        self.upsampler = checkpoint.load(PLATE_UPSAMPLER)[0] if PLATE_UPSAMPLER.exists() else None
        self.steps = steps
        self.native_fps = model.config.fps
        factor = self.sampler.autoencoder.config.factor
        self.native_size = (model.config.latent_width * factor, model.config.latent_height * factor)
        self._latent_shape = (
            model.config.latent_channels,
            model.config.latent_height,
            model.config.latent_width,
        )
        self.precision = precision()
        self.execution = execution()
        self.version = self.key_version(steps=steps)

    def submit(self, request: GenerationRequest, output: Path) -> Job:
        import torch

        from videoagent.nn.video_sampling import Sampling
        from videoagent.synthworld.staging import Stage

        parsed = parse(request.prompt).within(LEARNT_KINDS, LEARNT_ACTIONS)
        asked = parsed.spec
        native_frames = math.floor(request.seconds * self.native_fps) + 2
        began = time.perf_counter()
        try:
            start = _start_frames(request, self.native_size)
            stage = Stage(
                asked,
                size=self.native_size,
                fps=self.native_fps,
                frames=native_frames,
                seed=request.seed,
                gait_offset=start.gait if start is not None else None,
                extends=start is not None,
            )
            layers = self._layers(start)
            # The plate moves as staged only where the model can draw the move at its pace.
            moving = plate_camera(stage) if layers == "plate and entities" else None
            spec = asked if moving is None else replace(asked, camera=moving.move)
            text = caption(replace(spec, arrives_from=None))
            layout = self._layout(stage, layers)
            # A journey's arrival starts where it comes from; the model cannot walk into
            # another place, so that one is drawn on its own and laid beyond the seam.
            boundary = stage.boundary if layers == "plate and entities" else None
            where = spec.place if boundary is None else boundary.behind
            first = replace(spec, place=where, arrives_from=None)
            scene = _scene_of(first)
            before = None if start is None else start.memory
            continues = (
                before is not None
                and before.scene == scene
                and before.frames > 0
                and before.total.shape == self._latent_shape
            )
            # An extension in the same place, light and weather is held to the whole take's
            # mean; one that goes on to another place, or from frames not its own, is free
            # to change. A still camera's take is held from its first frame: left alone, the
            # model lets a place settle into a plainer one within seconds (a moving one's
            # opening held drifted less in one scene and more in another: left free).
            opens_still = start is None and spec.camera == "static"
            # A take made again because one before it failed what a hold holds may have
            # failed by its memory (a place held into a plainer picture that reads as rain):
            # drawn free of it, though what it draws joins the take's memory as ever.
            would_hold = layers == "plate and entities" and (continues or opens_still)
            mended = set(request.mend) & set(capabilities(self.name).mends)
            lets_go = sorted(mended) if would_hold else []
            holds = would_hold and not lets_go
            hold, detail = take_hold(spec.camera) if holds else (0.0, "coarse")
            sampling = Sampling(steps=self.steps, seed=request.seed, hold=hold, held_detail=detail)
            memory = (torch.from_numpy(before.total), before.frames) if continues else None
            handed = self._continuing(start, layers)
            # The plate's own latents end with the frame the take had made next, the one its
            # last output frames blend towards: the extension begins with it, so the join
            # shows no new draw of that moment.
            begun = handed["start_latents"][-1:] if "start_latents" in handed else None
            skip = 0 if begun is None else 1
            latents = self.sampler.latents(
                caption(first),
                native_frames - skip,
                sampling,
                **handed,
                layout=None if layout is None else layout[skip:],
                memory=memory,
            )
            if begun is not None:
                latents = torch.cat([begun, latents])
            plate = self.sampler.decode(latents)
            fps = float(request.rate.fps)
            enlarge, enlarged_by = self._enlarger(first, layers)
            chunks = _resampled_chunks(plate, self.native_fps, fps, request.frames, enlarge)
            if boundary is not None:
                fresh = Sampling(steps=self.steps, seed=request.seed)
                latents = self.sampler.latents(text, native_frames, fresh, layout=layout)
                there = self.sampler.decode(latents)
                native_views = [stage.camera.view(i / self.native_fps) for i in range(len(plate))]
                enlarge_there, _ = self._enlarger(spec, layers)
                chunks = _across(
                    boundary,
                    stage,
                    fps,
                    chunks,
                    _resampled_chunks(there, self.native_fps, fps, request.frames, enlarge_there),
                )
                plate = boundary.blend(plate, there, native_views)
                scene = _scene_of(spec)  # the memory begins anew where it arrived
            with request.writer(output) as writer:
                for begins, chunk in zip(range(0, request.frames, CHUNK), chunks, strict=True):
                    chunk = np.stack(
                        [fit_picture(frame, request.width, request.height) for frame in chunk]
                    )
                    if layers == "plate and entities":
                        moments = [index / fps for index in range(begins, begins + len(chunk))]
                        chunk = self.entity_layer.paint(chunk, stage, moments)
                    for frame in chunk:
                        writer.write(frame)
            if layers == "plate and entities":
                remembered = _remembered(before, latents, scene, request, self.native_fps)
                # An arrival's plate is two places laid together, not the model's own.
                own = latents.numpy() if boundary is None else None
                _keep_plate(output, plate, own, request, stage, remembered)
                write_staged(output, staging_sidecar(stage, request.frames, fps, self.native_size))
        except (OSError, ValueError) as exc:
            raise GenerationError(f"embedded could not generate {request.label}: {exc}") from exc
        report = {
            "understood": parsed.spec.to_dict(),
            "caption": text,
            "plate_camera": None if moving is None else moving.note(asked.camera),
            "placeholders": parsed.placeholders,
            "unsupported_words": parsed.unsupported_words,
            "notes": parsed.notes,
            "steps": self.steps,
            "precision": self.precision,
            "compiled": self.compiled,
            "execution": self.execution,
            "layers": layers,
            "enlarged_by": enlarged_by,
            "continued": _continued_from(start, handed),
            "let_go_of_memory": (
                f"a take before it failed its {', '.join(lets_go)}" if lets_go else None
            ),
            "held_to_take": (
                (
                    f"{hold:g} of the way to its mean over {before.frames} frames, "
                    if continues
                    else f"{hold:g} of the way to its mean from its first frame, "
                )
                + ("in every detail (a still camera)" if detail == "full" else "coarsely")
                if holds
                else None
            ),
            "arrives": (
                f"from the {boundary.behind}: the {boundary.ahead} drawn on its own, laid beyond "
                "the seam as the camera travels on"
                if boundary is not None
                else None
            ),
            "native": {"size": list(self.native_size), "fps": self.native_fps},
            "compute_seconds": round(time.perf_counter() - began, 2),
        }
        return self.finished(request, output, report)

    def _continuing(self, start: _Start | None, layers: str) -> dict:
        """What the video model is handed to go on from: nothing (a fresh take), the plate's
        own latents where its take kept them (read as made: no jump at the join), else
        the frames themselves."""
        import torch

        if start is None:
            return {}
        own = start.latents
        if (
            layers == "plate and entities"
            and own is not None
            and own.shape[1:] == self._latent_shape
        ):
            return {"start_latents": torch.from_numpy(own)}
        return {"start": start.frames}

    def _layers(self, start: _Start | None) -> str:
        """How this take is drawn: the video model's plate with the entity model's entities
        over it, the video model alone told where things are, or the video model alone
        (given frames with their entities in them, which place things already)."""
        if not self.sampler.model.config.layout_channels:
            return "video model alone"
        if start is not None and not (start.on_plate and self.entity_layer is not None):
            return "video model alone"
        if self.entity_layer is None:
            return "video model alone, told the layout"
        return "plate and entities"

    def _enlarger(self, spec, layers: str):
        """How model frames are brought towards the output's size before fitting: a plate
        (nothing drawn on it) is redrawn six times larger by the plate upsampler, which
        learnt synthworld's places; frames in which the video model drew entities, or
        continued given pictures, are left to the fitting's bicubic scaling."""
        if self.upsampler is None or layers != "plate and entities":
            return (lambda frames: frames), "bicubic"
        from videoagent.nn.plate_upsampler import enlarge, scene_condition

        condition = scene_condition(
            self.upsampler.config, spec.place, spec.time_of_day, spec.weather
        )
        return (lambda frames: enlarge(self.upsampler, frames, condition)), "plate upsampler"

    def _layout(self, stage, layers: str) -> np.ndarray | None:
        """The layout the video model is told: the staged boxes when it draws the entities
        itself, an empty one when it draws only the plate, none when given frames place
        things already."""
        if layers == "video model alone":
            return None
        from videoagent.nn import scene_layout

        staged = scene_layout.staged(stage)
        return np.zeros_like(staged) if layers == "plate and entities" else staged
