"""Our renderer against MoviePy on the same 60 s, 12-shot timeline, and against the floors.

Twelve 5 s procedural takes (640x360, 24 fps, with 6 frames of handle on each side, and
keyframes where the timeline cuts them, as the agent writes its takes) are joined four
ways, cuts only and with 0.5 s crossfades:
- ours: `media.render.render` on a `Timeline` (no piece cache: every piece made), its sound
  a silent track encoded beforehand and copied in, as the agent's mix is (encoded once per
  change of sound, see agent/sound_stage.py); MoviePy writes no sound at all;
- MoviePy 2.2.1 (`concatenate_videoclips`, crossfades by overlapping clips), written with
  our codec settings (libx264 veryfast, CRF 20, yuv420p, high profile);
- one FFmpeg filter graph for the whole video (trim + concat, or xfade);
- cuts only: the stream-copy floor (FFmpeg's concat demuxer over the whole takes, handles
  included, so its frame count is higher: it is the cost a cut deserves, not an equal video).
Each output is read back for its frame count (1,440 expected). CPU counts this process and
its children (FFmpeg); medians of interleaved runs.

MoviePy is a benchmark-only dependency, never a runtime one: run this in an environment of
its own, e.g.
    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install -e . moviepy==2.2.1
    /tmp/bench/bin/python benchmarks/render_vs_moviepy.py [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_description

from videoagent.audio.pcm import write_wav
from videoagent.generators.base import GenerationRequest
from videoagent.generators.procedural import ProceduralGenerator
from videoagent.media.ffmpeg import run_ffmpeg
from videoagent.media.probe import probe
from videoagent.media.render import render
from videoagent.media.sound_file import encode_sound
from videoagent.media.writer import VIDEO_CODEC_ARGS
from videoagent.timeline.model import AudioCue, Timeline, Transition, VideoClip
from videoagent.timeline.time import FrameRate

RATE = FrameRate.of(24)
SHOTS, FRAMES, HANDLE, FADE = 12, 120, 6, 12
SCENES = [
    "a brown dog walks in a park",
    "a white cat sits on a bench",
    "a golden dog runs on a beach",
    "a person walks in a city street at night",
]


def takes(folder: Path, fade: bool) -> list[Path]:
    """The takes, made as the agent makes them for this timeline: with keyframes where the
    render cuts them (the span between the blends; see agent.assemble.cut_points)."""
    generator = ProceduralGenerator()
    paths = []
    for index in range(SHOTS):
        head = FADE // 2 if fade and index > 0 else 0
        tail = FADE - FADE // 2 if fade and index < SHOTS - 1 else 0
        request = GenerationRequest(
            prompt=SCENES[index % len(SCENES)],
            frames=FRAMES + 2 * HANDLE,
            rate=RATE,
            width=640,
            height=360,
            seed=index,
            cuts=(HANDLE + head, HANDLE + FRAMES - tail),
        )
        path = folder / f"take{index:02d}-{int(fade)}.mp4"
        generator.submit(request, path)
        paths.append(path)
    return paths


def timeline(paths: list[Path], fade: bool) -> Timeline:
    result = Timeline(rate=RATE, width=640, height=360)
    for path in paths:
        join = Transition("crossfade", FADE) if fade else Transition()
        result = result.with_clip(VideoClip(str(path), FRAMES, source_in=HANDLE), join)
    return result


def silence(folder: Path) -> Path:
    """The whole video's silence, encoded once as the agent encodes its mix."""
    wav = folder / "silence.wav"
    write_wav(wav, np.zeros((round(SHOTS * FRAMES / 24 * 48_000), 2), np.float32))
    return encode_sound(wav, folder / "silence.m4a")


def ours(paths: list[Path], out: Path, fade: bool) -> None:
    sound = AudioCue(str(paths[0].parent / "silence.m4a"), 0, SHOTS * FRAMES)
    render(timeline(paths, fade).with_audio(sound), out)


def moviepy(paths: list[Path], out: Path, fade: bool) -> None:
    from moviepy import VideoFileClip, concatenate_videoclips, vfx

    fps, half = 24, FADE / 2 / 24
    clips = []
    for index, path in enumerate(paths):
        clip = VideoFileClip(str(path), audio=False)
        first = HANDLE / fps - (half if fade and index > 0 else 0)
        last = (HANDLE + FRAMES) / fps + (half if fade and index < len(paths) - 1 else 0)
        clip = clip.subclipped(first, last)
        if fade and index > 0:
            clip = clip.with_effects([vfx.CrossFadeIn(FADE / fps)])
        clips.append(clip)
    joined = concatenate_videoclips(
        clips, method="compose" if fade else "chain", padding=-FADE / fps if fade else 0
    )
    joined.write_videofile(
        str(out),
        fps=fps,
        codec="libx264",
        preset="veryfast",
        ffmpeg_params=["-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high"],
        audio=False,
        logger=None,
    )
    for clip in clips:
        clip.close()


def one_graph(paths: list[Path], out: Path, fade: bool) -> None:
    inputs = [arg for path in paths for arg in ("-i", str(path))]
    trims = []
    for index in range(len(paths)):
        first = HANDLE - (FADE // 2 if fade and index > 0 else 0)
        last = HANDLE + FRAMES + (FADE // 2 if fade and index < len(paths) - 1 else 0)
        trims.append(
            f"[{index}:v]trim=start_frame={first}:end_frame={last},setpts=PTS-STARTPTS[v{index}]"
        )
    if fade:
        count = len(paths)
        lengths = [
            (FRAMES + (FADE // 2 if i > 0 else 0) + (FADE // 2 if i < count - 1 else 0)) / 24
            for i in range(count)
        ]
        chain, current, joined = [], "v0", lengths[0]
        for index in range(1, count):
            chain.append(
                f"[{current}][v{index}]xfade=transition=fade:duration={FADE / 24}:"
                f"offset={joined - FADE / 24:.6f}[x{index}]"
            )
            current, joined = f"x{index}", joined + lengths[index] - FADE / 24
        graph = ";".join(trims + chain)
        last_label = current
    else:
        graph = ";".join(trims) + ";" + "".join(f"[v{i}]" for i in range(len(paths)))
        graph += f"concat=n={len(paths)}:v=1:a=0[out]"
        last_label = "out"
    run_ffmpeg(
        [
            *inputs,
            "-filter_complex",
            graph,
            "-map",
            f"[{last_label}]",
            *VIDEO_CODEC_ARGS,
            "-an",
            str(out),
        ]
    )


def stream_copy(paths: list[Path], out: Path, fade: bool) -> None:
    listing = out.with_suffix(".txt")
    listing.write_text("".join(f"file '{path}'\n" for path in paths))
    run_ffmpeg(["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(out)])


def measured(make, paths: list[Path], out: Path, fade: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of one run."""
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    began = time.perf_counter()
    make(paths, out, fade)
    wall = time.perf_counter() - began
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(
        (a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime)
        for a, b in zip(after, before, strict=True)
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="render-vs-moviepy-"))
    silence(folder)
    ways = {"ours": ours, "moviepy": moviepy, "one filter graph": one_graph}
    print(f"CPU: {cpu_description()}; {SHOTS} takes of {FRAMES} frames (+{HANDLE} handles)")
    for fade in (False, True):
        paths = takes(folder, fade)
        rows = {name: [] for name in ways} | ({} if fade else {"stream copy": []})
        for run in range(args.runs):
            for name, make in {**ways, **({} if fade else {"stream copy": stream_copy})}.items():
                out = folder / f"{name.replace(' ', '_')}-{int(fade)}-{run}.mp4"
                rows[name].append((*measured(make, paths, out, fade), out))
        print(f"\n{'crossfades of 0.5 s' if fade else 'cuts only'} (medians of {args.runs})")
        base = statistics.median(cpu for _, cpu, _ in rows["moviepy"])
        for name, results in rows.items():
            wall = statistics.median(w for w, _, _ in results)
            cpu = statistics.median(c for _, c, _ in results)
            frames = probe(results[0][2], count_frames=True).frames
            print(
                f"  {name:<17} wall {wall:6.2f} s  CPU {cpu:6.2f} s  "
                f"({cpu / base:5.2f}x MoviePy's CPU)  {frames} frames"
            )


if __name__ == "__main__":
    main()
