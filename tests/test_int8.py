"""Token world models with their convolutions in int8: the same frames as in fp32 almost
everywhere, for any batch, and fp32 (said so) where the `play` extra is missing."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnxruntime")

from videoagent.nn import int8_graph as int8_module  # noqa: E402
from videoagent.nn.int8_graph import int8_graph  # noqa: E402
from videoagent.world import int8_world  # noqa: E402
from videoagent.world.dreaming import Dreaming  # noqa: E402
from videoagent.world.imagination import imagination_for  # noqa: E402
from videoagent.world.minidesk import MiniDesk  # noqa: E402
from videoagent.world.models import load_world_model  # noqa: E402


class TwoConvolutions(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = torch.nn.Conv2d(8, 16, 3, padding=1)
        self.out = torch.nn.Conv2d(16, 4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.body(x)))


def test_an_int8_graph_answers_close_to_fp32_for_any_batch():
    torch.manual_seed(0)
    module = TwoConvolutions().eval()
    calibration = [(torch.randn(1, 8, 12, 12),) for _ in range(40)]
    run = int8_graph(module, calibration, keep_float=("out",))
    assert run is not None
    for batch in (1, 5):
        x = torch.randn(batch, 8, 12, 12)
        with torch.no_grad():
            expected = module(x)
        made = run(x)
        assert made.shape == expected.shape
        error = (made - expected).abs().max() / expected.abs().max()
        assert 0 < error < 0.05  # rounded (not the fp32 graph), but only a little


def test_without_onnx_there_is_no_int8_graph(monkeypatch):
    monkeypatch.setattr(int8_module, "onnx_available", lambda: False)
    assert int8_graph(TwoConvolutions(), [(torch.randn(1, 8, 4, 4),)]) is None


@pytest.mark.parametrize("environment", ["griddodge", "minidesk"])
def test_the_shipped_models_in_int8_draw_the_tokens_fp32_draws(environment):
    """Teacher-forced on moments of play the calibration never saw (other seeds)."""
    torch.set_num_threads(1)
    model, _ = load_world_model(environment)
    fast = int8_world.int8_forward(model)
    assert fast is not None
    same = total = 0
    with torch.no_grad():
        for inputs in int8_world.calibration_inputs(model, seed=777)[::4]:
            expected = model(**inputs)[:, :-1].argmax(dim=1)
            made = fast(**inputs)[:, :-1].argmax(dim=1)
            same += int((made == expected).sum())
            total += expected.numel()
    assert same / total >= 0.999, f"{total - same} of {total} tokens differ"


def test_a_dream_in_int8_plays_like_one_in_fp32():
    """Three MiniDesk dreams at once (a batch, as the planner dreams), the same moves."""
    torch.set_num_threads(1)
    model, _ = load_world_model("minidesk")
    dreams = {}
    for int8 in (False, True):
        desks = [MiniDesk() for _ in range(3)]
        first = np.stack([desk.reset(3 + k) for k, desk in enumerate(desks)])
        imagination = imagination_for(model, Dreaming(int8=int8))
        assert imagination.precision == ("int8" if int8 else "fp32")
        imagination.start(first[:, None])
        rng, frames = np.random.default_rng(0), []
        for _ in range(12):
            moves = [(*rng.integers(-6, 7, size=2), bool(rng.random() < 0.3)) for _ in desks]
            vectors = np.stack(
                [desk.action_vector(move) for desk, move in zip(desks, moves, strict=True)]
            )
            for desk, move in zip(desks, moves, strict=True):
                desk.follow(move)
            frames.append(imagination.step(vectors))
        dreams[int8] = np.stack(frames)
    differ = (dreams[True] != dreams[False]).any(axis=-1).mean()
    assert dreams[True].shape == (12, 3, 64, 64, 3) and differ < 0.001


def test_fp32_where_int8_cannot_be_made(monkeypatch):
    model, _ = load_world_model("griddodge")
    monkeypatch.setattr(int8_world, "int8_graph", lambda *_, **__: None)
    monkeypatch.setattr(int8_world, "_SHARED", type(int8_world._SHARED)())
    imagination = imagination_for(model, Dreaming(int8=True))
    assert imagination.precision == "fp32"
    imagination.start(np.zeros((1, 64, 64, 3), dtype=np.uint8))
    assert imagination.step(np.eye(5, dtype=np.float32)[0]).shape == (1, 64, 64, 3)
