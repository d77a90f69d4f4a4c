"""How the models compute: fp32 unless bf16 is asked for (training: bf16 where the CPU has
it), compiled only when asked, and one torch thread per call while several shots are made
at once."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

torch = pytest.importorskip("torch")

from videoagent.errors import UsageError  # noqa: E402
from videoagent.nn import compute  # noqa: E402


def test_models_compute_in_fp32_unless_asked_and_a_bad_value_is_refused(monkeypatch):
    monkeypatch.delenv("VIDEOAGENT_PRECISION", raising=False)
    assert compute.precision() == "fp32"
    x = torch.ones(4, 4)
    with compute.in_precision():
        assert (x @ x).dtype == torch.float32
    monkeypatch.setenv("VIDEOAGENT_PRECISION", "bf16")
    with compute.in_precision():
        assert (x @ x).dtype == torch.bfloat16
    monkeypatch.setenv("VIDEOAGENT_PRECISION", "fp16")
    with pytest.raises(UsageError, match="VIDEOAGENT_PRECISION must be bf16 or fp32, got 'fp16'"):
        compute.precision()


def test_training_uses_bf16_only_where_the_cpu_computes_it_and_the_weights_say_so(
    monkeypatch, tmp_path
):
    from videoagent.nn.training_config import TrainingConfig

    x = torch.ones(4, 4)
    for native, expected in ((False, torch.float32), (True, torch.bfloat16)):
        monkeypatch.setattr(compute, "native_bf16", lambda native=native: native)
        with compute.in_training_precision():
            assert (x @ x).dtype == expected
        recorded = TrainingConfig(out=tmp_path / "w.pt").recorded()
        assert recorded["precision"] == ("bf16" if native else "fp32")
    # This machine's answer comes from the flags Linux lists for its CPU.
    monkeypatch.undo()
    compute.native_bf16.cache_clear()
    flags = open("/proc/cpuinfo").read().split()
    assert compute.native_bf16() == ("avx512_bf16" in flags or "amx_bf16" in flags)


def test_several_calls_at_once_take_a_thread_each_and_the_count_comes_back(monkeypatch):
    monkeypatch.delenv("VIDEOAGENT_THREADS", raising=False)
    before = torch.get_num_threads()
    with compute.threads_for_models(2) as chosen:
        assert chosen == torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    # alone: the cores idle now, at least one
    monkeypatch.setattr(compute, "idle_cores", lambda: 0.1)
    with compute.threads_for_models(1) as chosen:
        assert chosen == 1
    monkeypatch.setattr(compute, "idle_cores", lambda: 64.0)
    assert compute.model_threads(1) == len(os.sched_getaffinity(0))
    monkeypatch.setenv("VIDEOAGENT_THREADS", "3")
    assert compute.model_threads(1) == compute.model_threads(4) == 3
    monkeypatch.setenv("VIDEOAGENT_THREADS", "0")
    with pytest.raises(UsageError, match="VIDEOAGENT_THREADS must be .* got '0'"):
        compute.model_threads(1)


def test_idle_cores_are_read_from_the_machine():
    idle = compute.idle_cores(0.05)
    assert 0 <= idle <= os.cpu_count() + 0.01


def test_an_fp32_take_is_cached_apart_from_a_bf16_one(monkeypatch):
    from videoagent.generators.embedded import EmbeddedGenerator

    monkeypatch.setenv("VIDEOAGENT_PRECISION", "bf16")
    bf16 = EmbeddedGenerator()
    monkeypatch.setenv("VIDEOAGENT_PRECISION", "fp32")
    fp32 = EmbeddedGenerator()
    # fp32 also runs frozen graphs (bf16 cannot): their pixels may differ in the last bit.
    assert fp32.version == bf16.version.replace("-bf16", "-fp32-frozen")
    assert fp32.precision == "fp32"
    # The take's key is made from the same version, without loading the model.
    from videoagent.agent.generator_pool import GeneratorPool

    assert GeneratorPool({}).version("embedded") == fp32.version
    assert GeneratorPool({"embedded": {"steps": 8}}).version("embedded") != fp32.version


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch's own, on importing dynamo
def test_compiling_is_asked_for_and_a_compiled_take_is_cached_apart(monkeypatch):
    from videoagent.generators.embedded import EmbeddedGenerator

    monkeypatch.delenv("VIDEOAGENT_COMPILE", raising=False)
    eager = EmbeddedGenerator()
    assert not compute.compiling() and not eager.compiled
    monkeypatch.setenv("VIDEOAGENT_COMPILE", "1")
    compiled = EmbeddedGenerator()  # compiled lazily: nothing is compiled until a take
    assert compiled.compiled and compiled.version == eager.version.replace("-frozen", "-compiled")
    monkeypatch.setenv("VIDEOAGENT_COMPILE", "yes")
    with pytest.raises(UsageError, match="VIDEOAGENT_COMPILE must be 0 or 1, got 'yes'"):
        compute.compiling()


def _tiny_world_model():
    from videoagent.nn.world_model import WorldModel, WorldModelConfig

    torch.manual_seed(0)
    model = WorldModel(WorldModelConfig(width=32, depth=2, heads=2)).eval()
    for parameter in model.parameters():  # some layers start at zero: give them all weight
        torch.nn.init.normal_(parameter, std=0.05)
    return model


def inputs(rows: int) -> dict:
    frame = (rows, 3, 64, 64)
    return {
        "noisy": torch.randn(frame),
        "time": torch.rand(rows),
        "step": torch.zeros(rows, dtype=torch.long),
        "action": torch.rand(rows, 5),
        "recent": torch.randn(rows, 2, *frame[1:]),
        "recent_present": torch.ones(rows, 2, dtype=torch.bool),
        "older": torch.randn(rows, 2, *frame[1:]),
        "older_present": torch.tensor([[True, False]] * rows),
        "anchor": torch.randn(frame),
        "anchor_present": torch.ones(rows, dtype=torch.bool),
        "context_noise": torch.full((rows,), 0.05),
    }


def test_a_frozen_forward_gives_the_eager_answer_and_makes_one_graph_per_shape(monkeypatch):
    from videoagent.nn.frozen_forward import FrozenForward

    monkeypatch.delenv("VIDEOAGENT_FREEZE", raising=False)
    monkeypatch.delenv("VIDEOAGENT_PRECISION", raising=False)
    monkeypatch.delenv("VIDEOAGENT_COMPILE", raising=False)
    model = _tiny_world_model()

    frozen = FrozenForward(model)
    assert compute.freezing() and compute.execution() == "frozen"
    for rows in (1, 3, 1):
        given = inputs(rows)
        with torch.no_grad():
            eager = model(**given)
        assert torch.allclose(frozen(**given), eager, atol=1e-5)
    assert len(frozen._graphs) == 2  # one per batch size, the first used again
    with torch.no_grad():  # training goes on: the graphs hold the old weights
        model.out.bias.add_(0.5)
        eager = model(**given)
    assert torch.allclose(frozen(**given), eager, atol=1e-5) and len(frozen._graphs) == 1
    from videoagent.nn.frozen_forward import frozen_forward

    assert frozen_forward(model) is frozen_forward(model)  # one per model, graphs shared
    gone = weakref.ref(model)
    del model, frozen
    gc.collect()
    assert gone() is None  # the graphs do not keep a model alive
    monkeypatch.setenv("VIDEOAGENT_FREEZE", "0")
    assert not compute.freezing() and compute.execution() == "eager"
    monkeypatch.setenv("VIDEOAGENT_FREEZE", "1")
    monkeypatch.setenv("VIDEOAGENT_PRECISION", "bf16")
    assert not compute.freezing()  # bf16 runs eagerly under autocast
    monkeypatch.setenv("VIDEOAGENT_FREEZE", "on")
    with pytest.raises(UsageError, match="VIDEOAGENT_FREEZE must be 0 or 1, got 'on'"):
        compute.freezing()


def test_world_model_graphs_run_in_onnx_runtime_with_the_eager_answer(monkeypatch):
    from videoagent.nn import onnx_graph
    from videoagent.nn.frozen_forward import FrozenForward

    monkeypatch.delenv("VIDEOAGENT_FREEZE", raising=False)
    monkeypatch.delenv("VIDEOAGENT_ONNX", raising=False)
    if not onnx_graph.onnx_available():
        pytest.skip("the play extra's onnx and onnxruntime are not installed")
    model = _tiny_world_model()
    frozen = FrozenForward(model, onnx=True)
    for rows in (1, 4):
        given = inputs(rows)
        with torch.no_grad():
            eager = model(**given)
        assert torch.allclose(frozen(**given), eager, atol=1e-5)
    kinds = {type(graph) for graph in frozen._graphs.values()}
    assert not any(issubclass(kind, torch.jit.ScriptModule) for kind in kinds)
    # without the packages (or asked not to) the graphs are TorchScript's, same answer
    monkeypatch.setattr(onnx_graph, "onnx_available", lambda: False)
    same = _tiny_world_model()  # the same weights (the same seed), a fresh forward
    fallback = FrozenForward(same, onnx=True)
    given = inputs(2)
    assert torch.allclose(fallback(**given), frozen(**given), atol=1e-5)
    assert all(isinstance(g, torch.jit.ScriptModule) for g in fallback._graphs.values())
    monkeypatch.setenv("VIDEOAGENT_ONNX", "yes")
    with pytest.raises(UsageError, match="VIDEOAGENT_ONNX must be 0 or 1, got 'yes'"):
        compute.onnx_runtime()


def test_a_frozen_take_is_cached_apart_from_an_eager_one(monkeypatch):
    from videoagent.generators.embedded import EmbeddedGenerator

    monkeypatch.delenv("VIDEOAGENT_PRECISION", raising=False)
    monkeypatch.setenv("VIDEOAGENT_FREEZE", "0")
    eager = EmbeddedGenerator.key_version()
    monkeypatch.setenv("VIDEOAGENT_FREEZE", "1")
    assert EmbeddedGenerator.key_version() == eager + "-frozen"


def test_a_take_staged_by_another_synthworld_is_cached_apart():
    """Both generators that stage synthworld scenes key their takes by its version, so a
    change to how a scene is staged makes takes again instead of reusing stale ones."""
    from videoagent import synthworld
    from videoagent.generators.embedded import EmbeddedGenerator
    from videoagent.generators.procedural import ProceduralGenerator

    for generator in (ProceduralGenerator, EmbeddedGenerator):
        assert f"synthworld-{synthworld.VERSION}-" in generator.key_version() + "-"
