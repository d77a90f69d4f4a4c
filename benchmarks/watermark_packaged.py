"""Do the packaged invisible watermarks survive what our videos go through? A first probe
(issue 24), before `benchmarks/watermark.py` measures ours on hundreds of clips.

`invisible-watermark` 0.2.0 pulls its own torch (not our pinned build) and RivaGAN needs
onnxruntime, so it runs in an environment of its own, never ours:

    python3 -m venv /tmp/wmenv
    /tmp/wmenv/bin/pip install invisible-watermark==0.2.0 onnxruntime imageio-ffmpeg av
    /tmp/wmenv/bin/python benchmarks/watermark_packaged.py CLIP.mp4 [CLIP.mp4 ...]

For each method (dwtDct, dwtDctSvd, RivaGAN) it marks the first frames of each clip with 32
random bits, encodes them as our renders are (x264 veryfast, CRF 20), then reads the bits
back (each bit by the majority of the frames) after that encode, after a re-encode at CRF 30,
and after scaling to 50% (scaled back up to be read: the decoders refuse pictures under
256x256). Prints PSNR of marked against unmarked frames, the CPU to mark a frame, and the
share of bits read right per attack (0.5 is a coin).
"""

from __future__ import annotations

import argparse
import subprocess
import time

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


def read_bits(frames: list[np.ndarray], method: str, size: tuple[int, int]) -> np.ndarray:
    decoder = WatermarkDecoder("bits", 32)
    votes = np.zeros(32)
    for frame in frames:
        votes += np.asarray(decoder.decode(cv2.resize(frame, size), method), dtype=float)
    return (votes / len(frames) > 0.5).astype(int)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="+")
    parser.add_argument("--frames", type=int, default=48)
    args = parser.parse_args()
    bits = np.random.default_rng(0).integers(0, 2, 32)
    WatermarkEncoder.loadModel()
    WatermarkDecoder.loadModel()
    for method in METHODS:
        marker = WatermarkEncoder()
        marker.set_watermark("bits", bits.tolist())
        right: dict[str, list[float]] = {"our encode": [], "CRF 30": [], "50% scale": []}
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
            again = frames_of(encoded(ours, "/tmp/mark-crf30.mp4", crf=30), args.frames)
            half = frames_of(encoded(ours, "/tmp/mark-half.mp4", crf=20, scale=0.5), args.frames)
            for name, frames in (("our encode", ours), ("CRF 30", again), ("50% scale", half)):
                right[name].append(float(np.mean(read_bits(frames, method, size) == bits)))
        shares = ", ".join(f"{name} {np.mean(v):.2f}" for name, v in right.items())
        print(
            f"{method:<10} PSNR {np.median(psnr):.1f} dB, {cpu / marked_count * 1000:.0f} ms "
            f"CPU a frame; bits read right: {shares}",
            flush=True,
        )


if __name__ == "__main__":
    main()
