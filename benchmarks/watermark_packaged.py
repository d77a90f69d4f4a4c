"""Do the packaged invisible watermarks survive what our videos go through? A first probe
(issue 24), before `benchmarks/watermark.py` measures ours on hundreds of clips.

`invisible-watermark` 0.2.0 pulls its own torch (not our pinned build) and RivaGAN needs
onnxruntime, so it runs in an environment of its own, never ours:

    python3 -m venv /tmp/wmenv
    /tmp/wmenv/bin/pip install invisible-watermark==0.2.0 onnxruntime imageio-ffmpeg av
    /tmp/wmenv/bin/python benchmarks/watermark_packaged.py CLIP.mp4 [CLIP.mp4 ...]

For each method (dwtDct, dwtDctSvd, RivaGAN) it marks the first frames of each clip with 32
random bits, encodes them as our renders are (x264 veryfast, CRF 20), then reads the bits
back (each bit by the majority of the frames) after the attacks `benchmarks/watermark.py`
applies to ours: that encode, a re-encode at CRF 30, a scale to 50% (scaled back to the
original size to be read: the decoders refuse pictures under 256x256), a 9:16 crop (scaled
up to 256 wide), and luma times 1.1 and 0.9. Prints PSNR of marked against unmarked frames,
the CPU to mark a frame, and the share of bits read right per attack (0.5 is a coin);
`--json FILE` writes them for `benchmarks/watermark.py --packaged FILE` to print beside ours.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import av
import cv2
import imageio_ffmpeg
import numpy as np
from imwatermark import WatermarkDecoder, WatermarkEncoder

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
METHODS = ("dwtDct", "dwtDctSvd", "rivaGan")


def frames_of(path: str, count: int) -> list[np.ndarray]:
    frames = []
    with av.open(path) as container:
        for frame in container.decode(video=0):
            frames.append(frame.to_ndarray(format="bgr24"))
            if len(frames) >= count:
                break
    return frames


def encoded(frames: list[np.ndarray], path: str, *, crf: int, scale: float = 1.0) -> str:
    height, width = frames[0].shape[:2]
    size = f"scale={int(width * scale) // 2 * 2}:{int(height * scale) // 2 * 2}"
    command = [FFMPEG, "-y", "-v", "error", "-f", "rawvideo", "-pix_fmt", "bgr24"]
    command += ["-s", f"{width}x{height}", "-r", "24", "-i", "-", "-vf", size]
    command += ["-c:v", "libx264", "-preset", "veryfast", "-crf", str(crf)]
    command += ["-pix_fmt", "yuv420p", path]
    process = subprocess.Popen(command, stdin=subprocess.PIPE)
    for frame in frames:
        process.stdin.write(frame.tobytes())
    process.stdin.close()
    process.wait()
    return path


def attacked(frames: list[np.ndarray], path: str, attack: str) -> list[np.ndarray]:
    """Our encode's frames after `attack` (as benchmarks/watermark.py applies it)."""
    height, width = frames[0].shape[:2]
    if attack == "9:16 crop":
        left = (width - height * 9 // 16) // 3
        frames = [f[:, left : left + height * 9 // 16] for f in frames]
        return frames_of(encoded(frames, path, crf=23), len(frames))
    if attack.startswith("brightness"):
        gain = 1.1 if "+" in attack else 0.9
        frames = [np.clip(f * gain, 0, 255).astype(np.uint8) for f in frames]
        return frames_of(encoded(frames, path, crf=23), len(frames))
    scale = 0.5 if attack == "scale 50%" else 1.0
    crf = 30 if attack == "CRF 30" else 23
    return frames_of(encoded(frames, path, crf=crf, scale=scale), len(frames))


def read_bits(frames: list[np.ndarray], method: str, size: tuple[int, int]) -> np.ndarray:
    decoder = WatermarkDecoder("bits", 32)
    votes = np.zeros(32)
    for frame in frames:
        height, width = frame.shape[:2]
        if (width, height) != size and width * size[1] != height * size[0]:  # a crop
            grow = max(256 / width, 256 / height, 1.0)
            frame = cv2.resize(frame, (round(width * grow), round(height * grow)))
        else:
            frame = cv2.resize(frame, size)
        votes += np.asarray(decoder.decode(frame, method), dtype=float)
    return (votes / len(frames) > 0.5).astype(int)


ATTACKS = ("our encode", "CRF 30", "scale 50%", "9:16 crop", "brightness +10%", "brightness -10%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="+")
    parser.add_argument("--frames", type=int, default=48)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--methods", default=",".join(METHODS), help="which, comma-separated")
    args = parser.parse_args()
    figures = {"clips": f"{len(args.clips)} clips, {args.frames} frames each", "methods": {}}
    bits = np.random.default_rng(0).integers(0, 2, 32)
    WatermarkEncoder.loadModel()
    WatermarkDecoder.loadModel()
    for method in args.methods.split(","):
        marker = WatermarkEncoder()
        marker.set_watermark("bits", bits.tolist())
        right: dict[str, list[float]] = {attack: [] for attack in ATTACKS}
        psnr, cpu, marked_count = [], 0.0, 0
        for clip in args.clips:
            plain = frames_of(clip, args.frames)
            size = (plain[0].shape[1], plain[0].shape[0])
            began = time.process_time()
            marked = [marker.encode(frame, method) for frame in plain]
            cpu += time.process_time() - began
            marked_count += len(marked)
            psnr += [cv2.PSNR(a, b) for a, b in zip(plain, marked, strict=True)]
            ours = frames_of(encoded(marked, "/tmp/mark-ours.mp4", crf=20), args.frames)
            for attack in ATTACKS:
                frames = ours if attack == "our encode" else attacked(ours, "/tmp/mark.mp4", attack)
                right[attack].append(float(np.mean(read_bits(frames, method, size) == bits)))
        shares = ", ".join(f"{name} {np.mean(v):.2f}" for name, v in right.items())
        print(
            f"{method:<10} PSNR {np.median(psnr):.1f} dB, {cpu / marked_count * 1000:.0f} ms "
            f"CPU a frame; bits read right: {shares}",
            flush=True,
        )
        figures["methods"][method] = {
            "psnr": float(np.median(psnr)),
            "ms_per_frame": cpu / marked_count * 1000,
            "bits": {attack: float(np.mean(v)) for attack, v in right.items()},
        }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), "utf-8")


if __name__ == "__main__":
    main()
