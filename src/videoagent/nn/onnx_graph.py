"""A small model's forward pass run by ONNX Runtime, one graph per input shape.

A world model makes one frame per call from a batch of one: the arithmetic is small and
each operator's overhead is what costs. ONNX Runtime fuses more of them than a frozen
TorchScript graph does: GridDodge's forward took 5.1-6.3 ms against 9.3-11.6 ms for the
frozen graph on one thread of this project's 2-core AMD EPYC (both measured side by side,
three rounds of 100 calls, under load), outputs within 3e-6.

It needs the `onnx` package to export and `onnxruntime` to run (the `play` extra has both).
When either is missing, or a model will not export, `onnx_graph` says so with None and the
caller keeps its TorchScript graph.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

import numpy as np
import torch
from torch import nn

OPSET = 18  # col2im (our patches folded back into a frame) arrived in opset 18


def onnx_available() -> bool:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def onnx_graph(
    module: nn.Module, tensors: tuple[torch.Tensor, ...]
) -> Callable[..., torch.Tensor] | None:
    """`module(*tensors)` exported for these shapes and run by ONNX Runtime on as many
    threads as torch has now; None when that cannot be done here."""
    if not onnx_available():
        return None
    import onnxruntime

    exported = io.BytesIO()
    names = [f"input_{k}" for k in range(len(tensors))]
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the legacy exporter's notices; its result is checked
            torch.onnx.export(
                module, tensors, exported, input_names=names, opset_version=OPSET, dynamo=False
            )
    except Exception:  # noqa: BLE001 - an operator it cannot export: keep the torch graph
        return None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        exported.getvalue(), options, providers=["CPUExecutionProvider"]
    )
    # the exporter drops inputs the graph does not read (a flag folded to a constant)
    wanted = [names.index(i.name) for i in session.get_inputs()]

    def run(*inputs: torch.Tensor) -> torch.Tensor:
        feed = {names[k]: inputs[k].detach().numpy() for k in wanted}
        return torch.from_numpy(np.asarray(session.run(None, feed)[0]))

    return run
