"""A model's forward pass with its convolutions in 8-bit integers, run by ONNX Runtime.

A token world model's frame is almost all convolution (MiniDesk: 4.3 of 5.4 ms on one
thread of this project's AMD EPYC), and in fp32 those already run at about the core's
peak (some 100 GFLOP/s). Integers are what is left: multiplied 8 bits at a time
(VNNI where the CPU has it, pairs of bytes on AVX2), the same convolutions took a third of
the time. What it costs is rounding, so it is measured, not assumed: MiniDesk's dreams with
every convolution but the last in int8 kept windows right as often as in fp32 over 1,000
frames (`docs/models.md`).

How: the graph is exported once with its batch axis free (one graph for play and for the
planner's batches), then each convolution's weights are rounded per output channel and its
input per tensor, by ranges measured on `calibration` (static quantisation: nothing is
measured while playing). Layers named in `keep_float` stay fp32: a world model's output
layer, whose logits are where a rounding flips a token (MiniDesk: 281 tokens of 1.2 M
flipped with it in int8, 110 without).

It needs `onnx` and `onnxruntime` (the `play` extra). `int8_graph` answers None when they
are missing or the model will not export, and the caller keeps its fp32 forward.
"""

from __future__ import annotations

import io
import logging
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from videoagent.nn.onnx_graph import OPSET, onnx_available

CALIBRATION_BATCH = 64


def int8_graph(
    module: nn.Module,
    calibration: Sequence[tuple[torch.Tensor, ...]],
    keep_float: Sequence[str] = (),
) -> Callable[..., torch.Tensor] | None:
    """`module(*tensors)` with its convolutions in int8, for any batch size, its ranges
    measured on `calibration` (tuples of inputs, as `module` takes them); convolutions of
    the submodules named in `keep_float` stay fp32. None where it cannot be made here."""
    if not calibration or not onnx_available():
        return None
    import onnx
    from onnxruntime import InferenceSession, SessionOptions
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    names = [f"input_{k}" for k in range(len(calibration[0]))]
    exported = io.BytesIO()
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the legacy exporter's notices; its result is checked
            torch.onnx.export(
                module,
                tuple(calibration[0]),
                exported,
                input_names=names,
                dynamic_axes={name: {0: "batch"} for name in names},
                opset_version=OPSET,
                dynamo=False,
            )
    except Exception:  # noqa: BLE001 - an operator it cannot export: keep the fp32 forward
        return None
    graph = onnx.load_from_string(exported.getvalue())
    read = {value.name for value in graph.graph.input}  # the exporter drops unread inputs
    kept = [
        node.name
        for node in graph.graph.node
        if node.op_type == "Conv" and any(f"/{layer}/" in node.name for layer in keep_float)
    ]

    class Calibration(CalibrationDataReader):
        """The calibration inputs, `CALIBRATION_BATCH` at a time (ranges are the least and
        largest values seen: the same however batched, in a few runs, not hundreds)."""

        def __init__(self) -> None:
            self.first = 0

        def get_next(self) -> dict | None:
            batch = calibration[self.first : self.first + CALIBRATION_BATCH]
            self.first += CALIBRATION_BATCH
            if not batch:
                return None
            joined = [torch.cat(tensors).numpy() for tensors in zip(*batch, strict=True)]
            return {n: t for n, t in zip(names, joined, strict=True) if n in read}

    with tempfile.TemporaryDirectory() as folder:  # the quantiser reads and writes files
        source, target = Path(folder, "float.onnx"), Path(folder, "int8.onnx")
        source.write_bytes(exported.getvalue())
        quiet = logging.getLogger().level
        logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process: not needed
        try:
            quantize_static(
                str(source),
                str(target),
                Calibration(),
                quant_format=QuantFormat.QDQ,
                per_channel=True,
                activation_type=QuantType.QUInt8,
                weight_type=QuantType.QInt8,
                op_types_to_quantize=["Conv"],
                nodes_to_exclude=kept,
            )
        finally:
            logging.getLogger().setLevel(quiet)
        quantised = target.read_bytes()
    options = SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    options.inter_op_num_threads = 1
    session = InferenceSession(quantised, options, providers=["CPUExecutionProvider"])
    fed = [names.index(i.name) for i in session.get_inputs()]

    def run(*inputs: torch.Tensor) -> torch.Tensor:
        feed = {names[k]: inputs[k].detach().numpy() for k in fed}
        return torch.from_numpy(np.asarray(session.run(None, feed)[0]))

    return run
