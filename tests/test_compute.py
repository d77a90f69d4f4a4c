"""How the models compute: fp32 unless bf16 is asked for, compiled only when asked, and one
torch thread per call while several shots are made at once."""

from __future__ import annotations

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


def test_several_calls_at_once_take_a_thread_each_and_the_count_comes_back():
    before = torch.get_num_threads()
    with compute.one_thread_each(2):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    with compute.one_thread_each(1):
        assert torch.get_num_threads() == before


def test_an_fp32_take_is_cached_apart_from_a_bf16_one(monkeypatch):
    from videoagent.generators.embedded import EmbeddedGenerator

    monkeypatch.setenv("VIDEOAGENT_PRECISION", "bf16")
    bf16 = EmbeddedGenerator()
    monkeypatch.setenv("VIDEOAGENT_PRECISION", "fp32")
    fp32 = EmbeddedGenerator()
    assert fp32.version == bf16.version.replace("-bf16", "-fp32") and fp32.precision == "fp32"
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
    assert compiled.compiled and compiled.version == eager.version + "-compiled"
    monkeypatch.setenv("VIDEOAGENT_COMPILE", "yes")
    with pytest.raises(UsageError, match="VIDEOAGENT_COMPILE must be 0 or 1, got 'yes'"):
        compute.compiling()
