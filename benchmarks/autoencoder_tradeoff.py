"""The autoencoder trade-off table: quality against compression against latency.

For each checkpoint (frame-wise 8×, temporal 8×8×4, …) it measures on the held-out split of
a synthworld dataset: PSNR over whole frames and over the entities' boxes, sharpness inside
the boxes (edge energy of the reconstruction over the original's), the compression
(pixels per latent number), the median time to encode and decode one frame on one thread,
and the lag a streaming decoder adds (frames it must wait for), in ms at 24 fps.

    python benchmarks/autoencoder_tradeoff.py --data data/synthworld-v1 --patches \
        runs/frame_ae.pt runs/temporal_ae.pt
"""

from __future__ import annotations

import argparse
from pathlib import Path

from videoagent.nn import checkpoint
from videoagent.nn.autoencoder_metrics import latency_ms, reconstruction_metrics
from videoagent.nn.patch_codec import PatchCodec
from videoagent.synthworld.dataset import SynthworldDataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--clips", type=int, default=200)
    parser.add_argument(
        "--patches", action="store_true", help="add a row for 8x8 pixel patches (lossless)"
    )
    parser.add_argument("checkpoints", type=Path, nargs="*")
    args = parser.parse_args()
    held_out = SynthworldDataset(args.data, "heldout")
    size = (held_out.card["config"]["width"], held_out.card["config"]["height"])
    print(
        f"held-out split of {held_out.card['name']}: {min(args.clips, len(held_out))} clips, "
        f"{size[0]}x{size[1]}"
    )
    header = (
        f"{'checkpoint':<20} {'architecture':<22} {'params':>8} {'latent':>10} {'compr.':>7} "
        f"{'PSNR':>6} {'entity PSNR':>11} {'edges':>6} {'ms/frame':>9} {'lag':>10}"
    )
    print(header)
    codecs = [(path.stem, *checkpoint.load(path)) for path in args.checkpoints]
    if args.patches:
        codecs.append(("8x8 patches", PatchCodec(), {"architecture": "patch_codec"}))
    for name, model, stored in codecs:
        quality = reconstruction_metrics(model, held_out, clips=args.clips)
        speed = latency_ms(model, size)
        params = sum(p.numel() for p in model.parameters())
        latent = "x".join(str(n) for n in speed["latent_shape"])
        lag = f"{speed['lag_frames']} fr/{speed['lag_frames'] * 1000 / 24:.0f} ms"
        print(
            f"{name:<20} {stored['architecture']:<22} {params / 1e6:7.2f}M {latent:>10} "
            f"{speed['compression']:6.1f}x {quality['psnr']:6.2f} {quality['entity_psnr']:11.2f} "
            f"{quality['entity_edges']:6.2f} "
            f"{speed['ms_per_frame']:9.2f} {lag:>10}"
        )
    print("lag: frames a streaming decoder waits for before it can show a frame (ms at 24 fps)")


if __name__ == "__main__":
    main()
