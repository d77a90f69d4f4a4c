"""A small model's forward pass frozen into a TorchScript graph, one graph per input shape.

A world model in play makes one frame a call: some 1,600 small operators, each dispatched
from Python, which costs more than their arithmetic. Traced once for a shape and frozen
(weights folded in as constants, oneDNN's fusions applied), the same arithmetic runs
without that dispatch: GridDodge's forward 7.8 → 5.7 ms on one thread (Xeon with AMX; the
saving is dispatch, so a CPU without native bf16 gains as much), outputs within 1e-6 of
eager. Tracing costs a fraction of a second per shape, once per process. When graphs are
used is decided in `nn/compute.py` (`freezing`). A world model asks for its graphs to be
exported to ONNX Runtime instead (`onnx=True`, `nn/onnx_graph.py`), about twice as fast
again; TorchScript is the fallback.

torch 2.13 marks `torch.jit` deprecated in favour of `torch.compile`, which reaches the same
speed here (5.8 ms) after 17 s of compiling a model: too dear for play's start. We pin
torch, so the warnings are silenced here; should a later torch drop `torch.jit`, eager is
the fallback (`VIDEOAGENT_FREEZE=0`).
"""

from __future__ import annotations

import threading
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable

import torch
from torch import nn

from videoagent.nn.compute import freezing, onnx_runtime
from videoagent.nn.onnx_graph import onnx_graph

KEPT_GRAPHS = 8  # shapes kept at once: play uses one, the planner one per batch size


class Positional(nn.Module):
    """`model` called with its inputs in a fixed order (a trace takes positions)."""

    def __init__(self, model: nn.Module, names: tuple[str, ...]) -> None:
        super().__init__()
        self.model, self.names = model, names

    def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
        return self.model(**dict(zip(self.names, tensors, strict=True)))


_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def frozen_forward(model: nn.Module, *, onnx: bool = False) -> FrozenForward:
    """The one FrozenForward of `model` in this process, so that every user of the model
    (each imagined episode, each take) shares its graphs; it goes when the model goes.
    With `onnx`, its graphs run in ONNX Runtime where they can (`nn/onnx_graph.py`)."""
    with _SHARED_LOCK:
        found = _SHARED.get(model)
        if found is None:
            found = _SHARED[model] = FrozenForward(model, onnx=onnx)
        return found


class FrozenForward:
    """Calls `model(**inputs)` through a graph frozen for the inputs' names and shapes,
    made on first use (eval mode, no gradients); eagerly when `freezing()` says not. A
    graph holds the weights as they were: when any changes (training goes on), the graphs
    are made again."""

    def __init__(self, model: nn.Module, *, onnx: bool = False) -> None:
        self._model = weakref.ref(model)  # the model's users keep it, and so its graphs
        self._onnx = onnx
        # Walking the modules for them took 1.3 ms a call, a fifth of a world model's frame.
        self._parameters = list(model.parameters())
        self._graphs: OrderedDict[tuple, Callable[..., torch.Tensor]] = OrderedDict()
        self._weights = self._stamp()
        self._lock = threading.Lock()  # shots made in threads share one model

    @property
    def model(self) -> nn.Module:
        model = self._model()
        if model is None:
            raise ReferenceError("the model of this FrozenForward is gone")
        return model

    def _stamp(self) -> tuple[int, ...]:
        """Changes whenever a weight is written (torch counts writes to every tensor)."""
        return tuple(parameter._version for parameter in self._parameters)

    @torch.no_grad()
    def __call__(self, **inputs: torch.Tensor) -> torch.Tensor:
        if not freezing():
            return self.model(**inputs)
        names, tensors = tuple(inputs), tuple(inputs.values())
        shape = (names, *((t.shape, t.dtype) for t in tensors))
        with self._lock:
            stamp = self._stamp()
            if stamp != self._weights:
                self._graphs.clear()
                self._weights = stamp
            graph = self._graphs.get(shape)
            if graph is None:
                graph = self._graphs[shape] = self._frozen(names, tensors)
                if len(self._graphs) > KEPT_GRAPHS:
                    self._graphs.popitem(last=False)
            self._graphs.move_to_end(shape)
        return graph(*tensors)

    def _frozen(self, names: tuple[str, ...], tensors: tuple[torch.Tensor, ...]):
        self.model.eval()
        if self._onnx and onnx_runtime():
            graph = onnx_graph(Positional(self.model, names), tensors)
            if graph is not None:
                return graph
        with warnings.catch_warnings():
            # The tracer warns of sizes read as Python numbers: a graph is made per shape.
            warnings.simplefilter("ignore", torch.jit.TracerWarning)
            warnings.simplefilter("ignore", DeprecationWarning)  # see above
            traced = torch.jit.trace(Positional(self.model, names), tensors, check_trace=False)
            return torch.jit.optimize_for_inference(torch.jit.freeze(traced.eval()))
